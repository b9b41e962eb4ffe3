import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  CONTAINER_STATE_KEY,
  CREDENTIALS_STATE_KEY,
  PROBLEM_MATCHER_STATE_KEY,
  cleanUpCredentials,
  emitAnnotations,
  removeContainerFiles,
  removeGoProblemMatchers
} from "./chunks/chunk-JMZYAGG2.js";
import "./chunks/chunk-6PXY3W7Y.js";
import "./chunks/chunk-QHPJQ3Q3.js";
import "./chunks/chunk-BZ6GQI7H.js";
import "./chunks/chunk-C2CKZ3L6.js";
import "./chunks/chunk-ELAIAVPO.js";
import {
  MODULE_CACHE_STATE_KEY,
  runModuleCachePost
} from "./chunks/chunk-BKMITSQM.js";
import "./chunks/chunk-UBCJBZW2.js";
import {
  BUILD_CACHE_STATE_KEY,
  runBuildCachePost
} from "./chunks/chunk-FEFJFAGR.js";
import "./chunks/chunk-HJ6RNP2U.js";
import "./chunks/chunk-VLB2U4RG.js";
import {
  getState,
  info,
  summary,
  warning
} from "./chunks/chunk-2GCR54O6.js";
import "./chunks/chunk-2U523TXB.js";
import {
  redactForDisplay
} from "./chunks/chunk-U5PTCI5V.js";
import "./chunks/chunk-4T6WLE4C.js";
import {
  LOCAL_PROXY_STATE_KEY
} from "./chunks/chunk-MXP77CJX.js";
import {
  __name
} from "./chunks/chunk-WFYHVRTH.js";

// src/cache/phase.ts
var CACHE_STATE_KEYS = [MODULE_CACHE_STATE_KEY, BUILD_CACHE_STATE_KEY];
async function runCachePost(state, env) {
  const lines = [];
  const problems = [];
  const parts = [];
  let saved = false;
  if ((state[MODULE_CACHE_STATE_KEY] ?? "") !== "") {
    const modules = await runModuleCachePost(state, env);
    lines.push(modules.message);
    problems.push(...modules.problems);
    parts.push(`**Module cache**

${modules.summaryBody}`);
    saved ||= modules.saved;
  }
  const build = await runBuildCachePost(state, env);
  if (build !== null) {
    lines.push(build.message);
    problems.push(...build.problems);
    parts.push(`**Build cache**

${build.summaryBody}`);
    saved ||= build.saved;
  }
  return { saved, message: lines.join("\n"), problems, summaryBody: parts.join("\n") };
}
__name(runCachePost, "runCachePost");

// src/post.ts
async function runPost() {
  removeGoProblemMatchers(getState(PROBLEM_MATCHER_STATE_KEY));
  try {
    const proxyState = getState(LOCAL_PROXY_STATE_KEY);
    if (proxyState !== "") {
      const { stopLocalProxy } = await import("./chunks/stop-FOEZXYTC.js");
      const proxy = await stopLocalProxy(proxyState, { platform: process.platform });
      for (const line of proxy.lines) info(line);
      emitAnnotations(proxy.problems);
    }
  } catch (error) {
    warning(`setup-goproxy post step (loopback proxy): ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const credentials = await cleanUpCredentials({ [CREDENTIALS_STATE_KEY]: getState(CREDENTIALS_STATE_KEY) }, process.env);
    if (credentials.message !== "") info(credentials.message);
    emitAnnotations(credentials.problems);
  } catch (error) {
    warning(`setup-goproxy post step (clean-up): ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const container = await removeContainerFiles(getState(CONTAINER_STATE_KEY));
    if (container.message !== "") info(container.message);
    emitAnnotations(container.problems);
  } catch (error) {
    warning(`setup-goproxy post step (container files): ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const state = Object.fromEntries(CACHE_STATE_KEYS.map((key) => [key, getState(key)]));
    if (Object.values(state).every((value) => value === "")) return;
    const cache = await runCachePost(state, process.env);
    info(cache.message);
    emitAnnotations(cache.problems);
    if (cache.summaryBody.trim() !== "" && process.env["GITHUB_STEP_SUMMARY"]) await summary.addHeading("setup-goproxy: caches (post)", 3).addRaw(redactForDisplay(cache.summaryBody)).write();
  } catch (error) {
    warning(`setup-goproxy post step (cache): ${error instanceof Error ? error.message : String(error)}`);
  }
}
__name(runPost, "runPost");

// src/entry/post.ts
await runPost();
