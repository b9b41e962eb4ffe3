import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  MODULE_CACHE_STATE_KEY,
  downloadTargets,
  runModuleCacheMain,
  runModuleCachePost
} from "./chunk-SJQI2GUR.js";
import "./chunk-S7EMNRJJ.js";
import "./chunk-EI2K6C33.js";
import "./chunk-T57QUVCZ.js";
import "./chunk-OAAAWHBN.js";
export {
  MODULE_CACHE_STATE_KEY,
  downloadTargets,
  runModuleCacheMain,
  runModuleCachePost
};
