import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  CACHE_STATE_KEYS,
  downloadTargets,
  runCacheMain,
  runCachePost
} from "./chunk-DX4SO5DL.js";
import "./chunk-FQMXYSNF.js";
import "./chunk-YIWK24KZ.js";
export {
  CACHE_STATE_KEYS,
  downloadTargets,
  runCacheMain,
  runCachePost
};
