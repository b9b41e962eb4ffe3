import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  CACHE_STATE_KEYS,
  downloadTargets,
  runCacheMain,
  runCachePost
} from "./chunk-TT2I7ZF6.js";
import "./chunk-6BUSH2JN.js";
import "./chunk-YJPDZHCS.js";
import "./chunk-T7VC7FS3.js";
import "./chunk-UEXUP53F.js";
import "./chunk-VTIWHP2H.js";
export {
  CACHE_STATE_KEYS,
  downloadTargets,
  runCacheMain,
  runCachePost
};
