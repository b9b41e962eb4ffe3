// Reads the action's inputs from the runner (INPUT_* variables) into typed values.

import * as core from '@actions/core';
import type { ConfiguredVariable } from './collect.js';
import { normalisePatternListInput, normaliseProxyListInput, parseChoice, rejectControlCharacters, type FailOn } from './inputValues.js';

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
    else if (variable === 'GOSUMDB' || variable === 'GOFLAGS') variables[variable] = raw.replace(/\s*\r?\n\s*/g, ' ');
    else variables[variable] = normalisePatternListInput(raw);
  }
  return {
    variables,
    rawValues,
    workingDirectory: core.getInput('working-directory') || '.',
    envFile: core.getInput('env-file'),
    failOn: parseChoice('fail-on', core.getInput('fail-on') || 'error', ['error', 'warning', 'never'] as const),
  };
}
