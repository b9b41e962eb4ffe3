import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  CACHE_STATE_KEYS,
  downloadTargets,
  runCacheMain,
  runCachePost
} from "./chunk-7DHHDS37.js";
import "./chunk-HJON6QBY.js";
import "./chunk-EYBU4L4X.js";
export {
  CACHE_STATE_KEYS,
  downloadTargets,
  runCacheMain,
  runCachePost
};
