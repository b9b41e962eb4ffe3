// Reads the action's inputs from the runner (INPUT_* variables) into typed values.

import * as core from '@actions/core';
import type { ConfiguredVariable } from './collect.js';
import { InputError, joinLines, normalisePatternListInput, normaliseProxyListInput, parseAttempts, parseBoolean, parseCacheKeyPrefix, parseChoice, parsePositiveSeconds, rejectControlCharacters, type FailOn } from './inputValues.js';
import { parseProxyList, type ProxyEntry } from '../go/proxyList.js';
import { redactProxyList } from '../go/redact.js';
import type { OnUnreachable } from '../probe/fallback.js';
import type { SaveMode } from '../cache/saveMode.js';

export const INPUT_FOR_VARIABLE: Readonly<Record<ConfiguredVariable, string>> = {
  GOPROXY: 'goproxy',
  GOPRIVATE: 'goprivate',
  GONOPROXY: 'gonoproxy',
  GONOSUMDB: 'gonosumdb',
  GOSUMDB: 'gosumdb',
  GOFLAGS: 'goflags',
  GOINSECURE: 'goinsecure',
};

export interface ActionInputs {
  variables: Partial<Record<ConfiguredVariable, string>>;
  /** Raw input text, only to register secrets before anything is printed. */
  rawValues: string[];
  workingDirectory: string;
  envFile: string;
  failOn: FailOn;
  probe: boolean;
  probeTimeoutSeconds: number;
  fallbacks: ProxyEntry[];
  onUnreachable: OnUnreachable;
  goVersion: string;
  goVersionFile: string;
  gitToken: string;
  gitTokenHosts: string;
  netrc: string;
  goauth: string;
  cache: boolean;
  cacheDependencyPath: string;
  cacheKeyPrefix: string;
  download: boolean;
  save: SaveMode;
  crossOs: boolean;
  retries: number;
  verify: boolean;
}

export function readInputs(): ActionInputs {
  const variables: Partial<Record<ConfiguredVariable, string>> = {};
  const rawValues: string[] = [];
  for (const [variable, input] of Object.entries(INPUT_FOR_VARIABLE) as [ConfiguredVariable, string][]) {
    const raw = core.getInput(input);
    rawValues.push(raw);
    rejectControlCharacters(input, raw);
    if (raw === '') continue;
    if (variable === 'GOPROXY') variables[variable] = normaliseProxyListInput(raw);
    else if (variable === 'GOSUMDB' || variable === 'GOFLAGS') variables[variable] = joinLines(raw);
    else variables[variable] = normalisePatternListInput(raw);
  }
  return {
    variables,
    rawValues,
    workingDirectory: core.getInput('working-directory') || '.',
    envFile: core.getInput('env-file'),
    failOn: parseChoice('fail-on', core.getInput('fail-on') || 'error', ['error', 'warning', 'never'] as const),
    probe: parseBoolean('probe', core.getInput('probe') || 'true'),
    // Numbers are read as written (not trimmed): " 5 " is refused, not guessed at.
    probeTimeoutSeconds: parsePositiveSeconds('probe-timeout', rawInput('probe-timeout') || '10', 300),
    fallbacks: parseFallbacks(core.getInput('fallback-proxies')),
    onUnreachable: parseChoice('on-unreachable', core.getInput('on-unreachable') || 'fallback', ['fallback', 'fail', 'warn'] as const),
    goVersion: core.getInput('go-version'),
    goVersionFile: core.getInput('go-version-file'),
    // Secrets: registered with the runner by the credentials phase before anything is printed.
    gitToken: singleLineInput('git-token'),
    gitTokenHosts: core.getInput('git-token-hosts'),
    netrc: core.getInput('netrc', { trimWhitespace: false }),
    goauth: singleLineInput('goauth'),
    cache: parseBoolean('cache', core.getInput('cache') || 'true'),
    cacheDependencyPath: core.getInput('cache-dependency-path'),
    cacheKeyPrefix: parseCacheKeyPrefix('cache-key-prefix', core.getInput('cache-key-prefix')),
    download: parseBoolean('download', core.getInput('download') || 'true'),
    save: parseChoice('save', core.getInput('save') || 'auto', ['auto', 'always', 'never', 'default-branch'] as const),
    crossOs: parseBoolean('cross-os', core.getInput('cross-os') || 'false'),
    retries: parseAttempts('retries', rawInput('retries') || '3'),
    verify: parseBoolean('verify', core.getInput('verify') || 'false'),
  };
}

function rawInput(name: string): string {
  return core.getInput(name, { trimWhitespace: false });
}

/** A value that must be one line without control characters (a token, GOAUTH). */
function singleLineInput(name: string): string {
  const value = core.getInput(name);
  rejectControlCharacters(name, value, false);
  return value;
}

/** Fallback mirrors use GOPROXY's URL rules, but only URLs: direct/off belong in GOPROXY itself. */
export function parseFallbacks(raw: string): ProxyEntry[] {
  rejectControlCharacters('fallback-proxies', raw);
  const value = normaliseProxyListInput(raw);
  if (value === '') return [];
  const parse = parseProxyList(value, '');
  if (!parse.ok) {
    throw new InputError('fallback-proxies', value, redactProxyList(parse.error), 'List mirror URLs such as https://mirror.example.com, one per line or comma-separated.');
  }
  if (parse.entries.some((entry) => entry.kind !== 'url') || parse.ignoredAfterKeyword.trim() !== '') {
    throw new InputError('fallback-proxies', value, '"direct" and "off" are not mirrors', 'List only proxy URLs; keep "direct" at the end of GOPROXY itself.');
  }
  return parse.entries;
}
