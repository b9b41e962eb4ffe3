import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  CACHE_STATE_KEYS,
  downloadTargets,
  runCacheMain,
  runCachePost
} from "./chunk-S5447QTU.js";
import "./chunk-3MHM4HF6.js";
import "./chunk-6REWE456.js";
import "./chunk-NC5MQEFY.js";
import "./chunk-UEXUP53F.js";
import "./chunk-VTIWHP2H.js";
export {
  CACHE_STATE_KEYS,
  downloadTargets,
  runCacheMain,
  runCachePost
};
