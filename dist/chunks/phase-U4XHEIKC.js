import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  MODULE_CACHE_STATE_KEY,
  downloadTargets,
  runModuleCacheMain,
  runModuleCachePost
} from "./chunk-ESK7IJBO.js";
import "./chunk-5IG5PXOT.js";
import "./chunk-6LUKBYAF.js";
import "./chunk-J2ILXUDO.js";
import "./chunk-F5GYFD54.js";
import "./chunk-2UNGG542.js";
import "./chunk-4T6WLE4C.js";
import "./chunk-WFYHVRTH.js";
export {
  MODULE_CACHE_STATE_KEY,
  downloadTargets,
  runModuleCacheMain,
  runModuleCachePost
};
