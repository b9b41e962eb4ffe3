import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  CONTAINER_STATE_KEY,
  CREDENTIALS_STATE_KEY,
  PROBLEM_MATCHER_STATE_KEY,
  cleanUpCredentials,
  emitAnnotations,
  removeContainerFiles,
  removeGoProblemMatchers
} from "./chunks/chunk-3A223RME.js";
import "./chunks/chunk-DTURNKIO.js";
import "./chunks/chunk-2EVHILWB.js";
import "./chunks/chunk-RRR7APCP.js";
import "./chunks/chunk-JXJ6WCFE.js";
import "./chunks/chunk-ZWZUSFPL.js";
import {
  CACHE_STATE_KEYS,
  runCachePost
} from "./chunks/chunk-S5447QTU.js";
import {
  getState,
  info,
  summary,
  warning
} from "./chunks/chunk-3MHM4HF6.js";
import "./chunks/chunk-6REWE456.js";
import {
  redactForDisplay
} from "./chunks/chunk-NC5MQEFY.js";
import "./chunks/chunk-UEXUP53F.js";
import {
  LOCAL_PROXY_STATE_KEY
} from "./chunks/chunk-ATTEQHBR.js";
import "./chunks/chunk-VTIWHP2H.js";

// src/post.ts
async function runPost() {
  removeGoProblemMatchers(getState(PROBLEM_MATCHER_STATE_KEY));
  try {
    const proxyState = getState(LOCAL_PROXY_STATE_KEY);
    if (proxyState !== "") {
      const { stopLocalProxy } = await import("./chunks/stop-MZJ67IXR.js");
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
    if (cache.summaryBody.trim() !== "" && process.env["GITHUB_STEP_SUMMARY"]) await summary.addHeading("setup-goproxy: module cache (post)", 3).addRaw(redactForDisplay(cache.summaryBody)).write();
  } catch (error) {
    warning(`setup-goproxy post step (cache): ${error instanceof Error ? error.message : String(error)}`);
  }
}

// src/entry/post.ts
await runPost();
