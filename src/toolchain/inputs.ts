// The toolchain phase's switches among the action's inputs (go-version and go-version-file are
// read with the others in config/readInputs.ts).

import * as core from '@actions/core';
import { parseBoolean } from '../config/inputValues.js';

export interface ToolchainInputs {
  /** check-latest: resolve go-version against GOPROXY's toolchain list even when the tool cache has a match. */
  checkLatest: boolean;
  /** problem-matcher: register the Go problem matchers for later steps. */
  problemMatcher: boolean;
}

export function readToolchainInputs(): ToolchainInputs {
  return {
    checkLatest: parseBoolean('check-latest', core.getInput('check-latest') || 'false'),
    problemMatcher: parseBoolean('problem-matcher', core.getInput('problem-matcher') || 'true'),
  };
}
