// The post step: undo what main added to the runner (git config, .netrc) and, once the cache
// phase lands here, save the module cache. It never fails the job for clean-up trouble it can
// only report.

import * as core from '@actions/core';
import { cleanUpCredentials, CREDENTIALS_STATE_KEY } from './credentials/phase.js';
import { emitAnnotations } from './report/annotations.js';

export async function runPost(): Promise<void> {
  try {
    const credentials = await cleanUpCredentials({ [CREDENTIALS_STATE_KEY]: core.getState(CREDENTIALS_STATE_KEY) }, process.env);
    if (credentials.message !== '') core.info(credentials.message);
    emitAnnotations(credentials.problems);
  } catch (error) {
    core.warning(`setup-goproxy post step: ${error instanceof Error ? error.message : String(error)}`);
  }
}
