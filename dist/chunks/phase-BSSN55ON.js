import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  AGE_BY_MS,
  BUILD_CACHE_STATE_KEY,
  runBuildCacheMain,
  runBuildCachePost
} from "./chunk-QPICEEU2.js";
import "./chunk-EI2K6C33.js";
import "./chunk-T57QUVCZ.js";
import "./chunk-OAAAWHBN.js";
export {
  AGE_BY_MS,
  BUILD_CACHE_STATE_KEY,
  runBuildCacheMain,
  runBuildCachePost
};
