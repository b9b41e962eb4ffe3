// The post step: undo what main added to the runner (git config, .netrc) and save the module
// cache. Neither may fail the job: trouble is reported as warnings.

import * as core from '@actions/core';
import { cleanUpCredentials, CREDENTIALS_STATE_KEY } from './credentials/phase.js';
import { CACHE_STATE_KEYS, runCachePost } from './cache/phase.js';
import { emitAnnotations } from './report/annotations.js';
import { redactForDisplay } from './go/redact.js';
import { LOCAL_PROXY_STATE_KEY } from './localproxy/state.js';
import { PROBLEM_MATCHER_STATE_KEY, removeGoProblemMatchers } from './problem-matcher/register.js';
import { CONTAINER_STATE_KEY, removeContainerFiles } from './container/phase.js';

export async function runPost(): Promise<void> {
  // First, so the post step's own log is not matched: only the matchers main registered.
  removeGoProblemMatchers(core.getState(PROBLEM_MATCHER_STATE_KEY));
  try {
    const proxyState = core.getState(LOCAL_PROXY_STATE_KEY);
    if (proxyState !== '') {
      const { stopLocalProxy } = await import('./localproxy/stop.js');
      const proxy = await stopLocalProxy(proxyState, { platform: process.platform });
      for (const line of proxy.lines) core.info(line);
      emitAnnotations(proxy.problems);
    }
  } catch (error) {
    core.warning(`setup-goproxy post step (loopback proxy): ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const credentials = await cleanUpCredentials({ [CREDENTIALS_STATE_KEY]: core.getState(CREDENTIALS_STATE_KEY) }, process.env);
    if (credentials.message !== '') core.info(credentials.message);
    emitAnnotations(credentials.problems);
  } catch (error) {
    core.warning(`setup-goproxy post step (clean-up): ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const container = await removeContainerFiles(core.getState(CONTAINER_STATE_KEY));
    if (container.message !== '') core.info(container.message);
    emitAnnotations(container.problems);
  } catch (error) {
    core.warning(`setup-goproxy post step (container files): ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const state = Object.fromEntries(CACHE_STATE_KEYS.map((key) => [key, core.getState(key)]));
    if (Object.values(state).every((value) => value === '')) return;
    const cache = await runCachePost(state, process.env);
    core.info(cache.message);
    emitAnnotations(cache.problems);
    if (cache.summaryBody.trim() !== '' && process.env['GITHUB_STEP_SUMMARY']) await core.summary.addHeading('setup-goproxy: caches (post)', 3).addRaw(redactForDisplay(cache.summaryBody)).write();
  } catch (error) {
    core.warning(`setup-goproxy post step (cache): ${error instanceof Error ? error.message : String(error)}`);
  }
}
