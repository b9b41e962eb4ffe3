import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  AGE_BY_MS,
  BUILD_CACHE_STATE_KEY,
  runBuildCacheMain,
  runBuildCachePost
} from "./chunk-WQCOMPQM.js";
import "./chunk-I3ORZS27.js";
import "./chunk-DCYSYLC2.js";
import "./chunk-J5FEDSZL.js";
import "./chunk-2U523TXB.js";
import "./chunk-U5PTCI5V.js";
import "./chunk-4T6WLE4C.js";
import "./chunk-WFYHVRTH.js";
export {
  AGE_BY_MS,
  BUILD_CACHE_STATE_KEY,
  runBuildCacheMain,
  runBuildCachePost
};
