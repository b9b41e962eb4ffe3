import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  MODULE_CACHE_STATE_KEY,
  downloadTargets,
  runModuleCacheMain,
  runModuleCachePost
} from "./chunk-VAHARDR2.js";
import "./chunk-UBCJBZW2.js";
import "./chunk-DCYSYLC2.js";
import "./chunk-J5FEDSZL.js";
import "./chunk-2U523TXB.js";
import "./chunk-U5PTCI5V.js";
import "./chunk-4T6WLE4C.js";
import "./chunk-WFYHVRTH.js";
export {
  MODULE_CACHE_STATE_KEY,
  downloadTargets,
  runModuleCacheMain,
  runModuleCachePost
};
