import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  AGE_BY_MS,
  BUILD_CACHE_STATE_KEY,
  runBuildCacheMain,
  runBuildCachePost
} from "./chunk-FEFJFAGR.js";
import "./chunk-HJ6RNP2U.js";
import "./chunk-VLB2U4RG.js";
import "./chunk-2GCR54O6.js";
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
