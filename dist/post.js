import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  CACHE_STATE_KEYS,
  CREDENTIALS_STATE_KEY,
  __name,
  cleanUpCredentials,
  emitAnnotations,
  getState,
  info,
  redactForDisplay,
  runCachePost,
  summary,
  warning
} from "./chunks/chunk-PVOOH4EG.js";

// src/post.ts
async function runPost() {
  try {
    const credentials = await cleanUpCredentials({ [CREDENTIALS_STATE_KEY]: getState(CREDENTIALS_STATE_KEY) }, process.env);
    if (credentials.message !== "") info(credentials.message);
    emitAnnotations(credentials.problems);
  } catch (error) {
    warning(`setup-goproxy post step (clean-up): ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const state = Object.fromEntries(CACHE_STATE_KEYS.map((key) => [key, getState(key)]));
    if (Object.values(state).every((value) => value === "")) return;
    const cache = await runCachePost(state, process.env);
    info(cache.message);
    emitAnnotations(cache.problems);
    if (cache.summaryBody.trim() !== "" && process.env["GITHUB_STEP_SUMMARY"]) await summary.addHeading("setup-goproxy: module cache (post)", 3).addRaw(redactForDisplay(cache.summaryBody)).write();
  } catch (error) {
    warning(`setup-goproxy post step (cache): ${error instanceof Error ? error.message : String(error)}`);
  }
}
__name(runPost, "runPost");

// src/entry/post.ts
await runPost();
