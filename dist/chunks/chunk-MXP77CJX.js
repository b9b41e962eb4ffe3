import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/localproxy/state.ts
var LOCAL_PROXY_STATE_KEY = "localproxy";
function encodeLocalProxyState(state) {
  return JSON.stringify(state);
}
__name(encodeLocalProxyState, "encodeLocalProxyState");
function decodeLocalProxyState(text) {
  if (text === "") return null;
  try {
    const value = JSON.parse(text);
    if (value === null || typeof value !== "object" || value.version !== 1) return null;
    const { pid, port, token, dir, configFile, logFile } = value;
    if (typeof pid !== "number" || !Number.isInteger(pid) || pid <= 0) return null;
    if (typeof port !== "number" || !Number.isInteger(port) || port <= 0 || port > 65535) return null;
    if (typeof token !== "string" || typeof dir !== "string" || dir === "" || typeof configFile !== "string" || typeof logFile !== "string") return null;
    return { version: 1, pid, port, token, dir, configFile, logFile };
  } catch {
    return null;
  }
}
__name(decodeLocalProxyState, "decodeLocalProxyState");

export {
  LOCAL_PROXY_STATE_KEY,
  encodeLocalProxyState,
  decodeLocalProxyState
};
