import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  MODULE_CACHE_STATE_KEY,
  downloadTargets,
  runModuleCacheMain,
  runModuleCachePost
} from "./chunk-45FZK4KW.js";
import "./chunk-5IG5PXOT.js";
import "./chunk-5IM35HRQ.js";
import "./chunk-XBD65MBR.js";
import "./chunk-F5GYFD54.js";
import "./chunk-2UNGG542.js";
import "./chunk-4T6WLE4C.js";
import "./chunk-WFYHVRTH.js";
export {
  MODULE_CACHE_STATE_KEY,
  downloadTargets,
  runModuleCacheMain,
  runModuleCachePost
};
