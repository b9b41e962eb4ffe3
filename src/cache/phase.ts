// The post step's cache work, in one call for post.ts: the module cache, then the build cache,
// each saved from the state its main phase recorded. Their results are reported together: one
// line each in the log, their problems, and one summary body with a part per cache.

import type { Problem } from '../problems.js';
import { BUILD_CACHE_STATE_KEY, runBuildCachePost } from '../build-cache/phase.js';
import { MODULE_CACHE_STATE_KEY, runModuleCachePost } from './modules/phase.js';

/** The state names the main step saves (the post step reads these back with core.getState). */
export const CACHE_STATE_KEYS = [MODULE_CACHE_STATE_KEY, BUILD_CACHE_STATE_KEY] as const;

export interface CachePostResult {
  /** At least one cache was saved. */
  saved: boolean;
  /** One line per cache, for the log (printed once, by the caller). */
  message: string;
  problems: Problem[];
  summaryBody: string;
}

export async function runCachePost(state: Record<string, string>, env: NodeJS.ProcessEnv): Promise<CachePostResult> {
  const lines: string[] = [];
  const problems: Problem[] = [];
  const parts: string[] = [];
  let saved = false;
  if ((state[MODULE_CACHE_STATE_KEY] ?? '') !== '') {
    const modules = await runModuleCachePost(state, env);
    lines.push(modules.message);
    problems.push(...modules.problems);
    parts.push(`**Module cache**\n\n${modules.summaryBody}`);
    saved ||= modules.saved;
  }
  const build = await runBuildCachePost(state, env);
  if (build !== null) {
    lines.push(build.message);
    problems.push(...build.problems);
    parts.push(`**Build cache**\n\n${build.summaryBody}`);
    saved ||= build.saved;
  }
  return { saved, message: lines.join('\n'), problems, summaryBody: parts.join('\n') };
}
