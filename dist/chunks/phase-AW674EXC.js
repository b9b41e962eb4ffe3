import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  CACHE_STATE_KEYS,
  downloadTargets,
  runCacheMain,
  runCachePost
} from "./chunk-PF5STPNC.js";
import "./chunk-5DI7S64H.js";
import "./chunk-YIWK24KZ.js";
export {
  CACHE_STATE_KEYS,
  downloadTargets,
  runCacheMain,
  runCachePost
};
