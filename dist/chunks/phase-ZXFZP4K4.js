import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  MODULE_CACHE_STATE_KEY,
  downloadTargets,
  runModuleCacheMain,
  runModuleCachePost
} from "./chunk-BKMITSQM.js";
import "./chunk-UBCJBZW2.js";
import "./chunk-VLB2U4RG.js";
import "./chunk-2GCR54O6.js";
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
