import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  AGE_BY_MS,
  BUILD_CACHE_STATE_KEY,
  runBuildCacheMain,
  runBuildCachePost
} from "./chunk-UHBUPT6P.js";
import "./chunk-C4437N6Q.js";
import "./chunk-6LUKBYAF.js";
import "./chunk-J2ILXUDO.js";
import "./chunk-F5GYFD54.js";
import "./chunk-2UNGG542.js";
import "./chunk-4T6WLE4C.js";
import "./chunk-WFYHVRTH.js";
export {
  AGE_BY_MS,
  BUILD_CACHE_STATE_KEY,
  runBuildCacheMain,
  runBuildCachePost
};
