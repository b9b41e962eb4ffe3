import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  CACHE_STATE_KEYS,
  downloadTargets,
  runCacheMain,
  runCachePost
} from "./chunk-VSYTSKU2.js";
import "./chunk-67JEFUCR.js";
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
