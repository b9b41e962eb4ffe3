// Size limits for every input, checked once at the start of the main step over every INPUT_*
// variable the runner set (one per input declared in action.yml, defaults included), before
// anything parses them: every later parser, lint and message then works on bounded text. An
// input that is not in the table below gets the default limit, so an input added later is
// covered too; one that needs more declares it here.

import { InputError, rejectControlCharacters } from './inputValues.js';
import type { ConfiguredVariable } from './collect.js';
import { INPUT_FOR_VARIABLE } from './readInputs.js';

export interface InputLimit {
  /** Characters of the raw value. */
  maxChars: number;
  /** Entries of a list (non-empty items between the separators below). */
  maxEntries: number;
  /** What separates entries: characters, newline always included. */
  separators: string;
  /** A single value (a token, a path, a number): no line break inside it. */
  singleLine: boolean;
}

export const DEFAULT_INPUT_LIMIT: InputLimit = { maxChars: 4096, maxEntries: 256, separators: ',', singleLine: false };

const SINGLE: Partial<InputLimit> = { maxEntries: 1, singleLine: true };

const PATTERN_LIST: Partial<InputLimit> = { maxChars: 64 * 1024, maxEntries: 1000, separators: ',' };
const PROXY_LIST: Partial<InputLimit> = { maxChars: 8192, maxEntries: 64, separators: ',|' };

/** Inputs that need other limits than the default. Every key must be an input of action.yml. */
export const INPUT_LIMITS: Readonly<Record<string, Partial<InputLimit>>> = {
  goproxy: PROXY_LIST,
  'fallback-proxies': PROXY_LIST,
  goprivate: PATTERN_LIST,
  gonoproxy: PATTERN_LIST,
  gonosumdb: PATTERN_LIST,
  goinsecure: PATTERN_LIST,
  gosumdb: { maxChars: 1024 },
  goflags: { maxChars: 8192, separators: '' },
  goauth: { maxChars: 4096, separators: ';', singleLine: true },
  'git-token': { ...SINGLE, maxChars: 8192 },
  'git-token-hosts': { maxChars: 8192, maxEntries: 100, separators: ', \t' },
  netrc: { maxChars: 64 * 1024, maxEntries: 200, separators: '' },
  'cache-dependency-path': { maxChars: 16 * 1024, maxEntries: 256 },
  'cache-key-prefix': { ...SINGLE, maxChars: 100 },
  // PEM text: a certificate chain of a few kB, one entry per line; a key of at most a few kB.
  'client-certificate': { maxChars: 64 * 1024, maxEntries: 4000, separators: '' },
  'client-key': { maxChars: 32 * 1024, maxEntries: 2000, separators: '' },
  'client-certificate-proxies': PROXY_LIST,
  'serve-modules': SINGLE,
  'check-latest': SINGLE,
  'problem-matcher': SINGLE,
  'working-directory': SINGLE,
  'env-file': SINGLE,
  'go-version': SINGLE,
  'go-version-file': SINGLE,
  'fail-on': SINGLE,
  probe: SINGLE,
  'probe-timeout': SINGLE,
  'on-unreachable': SINGLE,
  cache: SINGLE,
  download: SINGLE,
  save: SINGLE,
  'cross-os': SINGLE,
  retries: SINGLE,
  verify: SINGLE,
  'build-cache': SINGLE,
  'build-cache-save': SINGLE,
  // Words for a key: a few short ones (build-cache/inputs.ts holds them to 256 characters).
  'build-cache-key': { maxChars: 256, maxEntries: 32, separators: ', \t' },
};

export function limitFor(input: string): InputLimit {
  return { ...DEFAULT_INPUT_LIMIT, ...INPUT_LIMITS[input] };
}

/** Non-empty entries between separators (newline always separates), counted in one pass. */
export function countEntries(value: string, separators: string): number {
  let count = 0;
  let inEntry = false;
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (char === '\n' || separators.includes(char)) {
      inEntry = false;
    } else if (!inEntry && char !== ' ' && char !== '\t' && char !== '\r') {
      inEntry = true;
      count++;
    }
  }
  return count;
}

/** The input name of an INPUT_* variable (the runner upper-cases names; ours are lower case). */
export function inputNameOf(envName: string): string | null {
  return envName.startsWith('INPUT_') ? envName.slice('INPUT_'.length).toLowerCase() : null;
}

/** Why a value is over its limit ("it has 9000 entries, more than the limit of 64") and the fix, or null. */
export function overLimit(value: string, limit: InputLimit, target: string): { reason: string; fix: string } | null {
  if (value.length > limit.maxChars) {
    return { reason: `it has ${value.length} characters, more than the limit of ${limit.maxChars}`, fix: `Shorten ${target} to at most ${limit.maxChars} characters.` };
  }
  if (limit.maxEntries > 1) {
    const entries = countEntries(value, limit.separators);
    if (entries > limit.maxEntries) return { reason: `it has ${entries} entries, more than the limit of ${limit.maxEntries}`, fix: `List at most ${limit.maxEntries} entries in ${target}.` };
  }
  return null;
}

/** The limit error for one value, or null when it is within its limit. */
export function limitError(input: string, value: string, limit: InputLimit = limitFor(input), where?: { variable: string }): InputError | null {
  const subject = where === undefined ? undefined : `The job environment's ${where.variable}`;
  const over = overLimit(value, limit, where === undefined ? `'${input}'` : `${where.variable} in the workflow's env`);
  return over === null ? null : new InputError(input, value, over.reason, over.fix, subject);
}

/** The limit of a Go variable's value wherever it comes from: the one of the input that sets it. */
export function variableLimit(variable: ConfiguredVariable): InputLimit {
  return limitFor(INPUT_FOR_VARIABLE[variable]);
}

/**
 * Checks every input the runner passed (size, entries, control characters; line breaks inside a
 * single value: the runner trims around it, so only the trimmed text counts), and the job environment's values of the Go variables
 * the inputs set (they are parsed and quoted the same way), against their limits; throws the
 * first InputError.
 */
export function checkInputLimits(env: NodeJS.ProcessEnv): void {
  for (const [name, value] of Object.entries(env)) {
    const input = inputNameOf(name);
    if (input === null || value === undefined) continue;
    const limit = limitFor(input);
    const error = limitError(input, value, limit);
    if (error !== null) throw error;
    rejectControlCharacters(input, limit.singleLine ? value.trim() : value, !limit.singleLine);
  }
  for (const [variable, input] of Object.entries(INPUT_FOR_VARIABLE)) {
    const value = env[variable];
    if (value === undefined) continue;
    const error = limitError(input, value, limitFor(input), { variable });
    if (error !== null) throw error;
  }
}
