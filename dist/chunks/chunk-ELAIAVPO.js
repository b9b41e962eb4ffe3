import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  parseGoURL,
  redactGoURL
} from "./chunk-4T6WLE4C.js";
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/go/proxyList.ts
var EMPTY_LIST_ERROR = "GOPROXY list is not the empty string, but contains no entries";
function goTrimSpace(s) {
  let start = 0;
  let end = s.length;
  while (start < end && isGoSpace(s.codePointAt(start))) start++;
  while (end > start && isGoSpace(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}
__name(goTrimSpace, "goTrimSpace");
function isGoSpace(cp) {
  if (cp <= 255) return cp === 32 || cp >= 9 && cp <= 13 || cp === 133 || cp === 160;
  return cp === 5760 || cp >= 8192 && cp <= 8202 || cp === 8232 || cp === 8233 || cp === 8239 || cp === 8287 || cp === 12288;
}
__name(isGoSpace, "isGoSpace");
function goFields(s) {
  const out = [];
  let cur = "";
  for (const ch of s) {
    if (isGoSpace(ch.codePointAt(0))) {
      if (cur !== "") out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur !== "") out.push(cur);
  return out;
}
__name(goFields, "goFields");
function isAbsolutePath(s, windows) {
  if (s.startsWith("/")) return true;
  return windows && isWindowsAbsolutePath(s);
}
__name(isAbsolutePath, "isAbsolutePath");
function isWindowsAbsolutePath(s) {
  return /^[A-Za-z]:[\\/]/.test(s) || /^[\\/]{2}[^\\/]/.test(s);
}
__name(isWindowsAbsolutePath, "isWindowsAbsolutePath");
function windowsFileURL(dir) {
  const forward = dir.replace(/\\/g, "/");
  return forward.startsWith("//") ? `file:${forward}` : `file:///${forward}`;
}
__name(windowsFileURL, "windowsFileURL");
function isWindowsHost() {
  return process.platform === "win32";
}
__name(isWindowsHost, "isWindowsHost");
function validateProxyURL(url) {
  const parsed = parseGoURL(url);
  if (!parsed.ok) return parsed;
  const u = parsed.url;
  const redacted = redactGoURL(u);
  switch (u.scheme) {
    case "http":
    case "https":
      return { ok: true, parsed: u };
    case "file": {
      const onlyPath = u.opaque === "" && u.username === null && u.host === "" && !(u.omitHost ?? false) && !u.forceQuery && u.rawQuery === "" && u.fragment === "" && (u.rawFragment ?? "") === "";
      if (!onlyPath) return { ok: false, error: `invalid file:// proxy URL with non-path elements: ${redacted}` };
      return { ok: true, parsed: u };
    }
    case "":
      return { ok: false, error: `invalid proxy URL missing scheme: ${redacted}` };
    default:
      return { ok: false, error: `invalid proxy URL scheme (must be https, http, file): ${redacted}` };
  }
}
__name(validateProxyURL, "validateProxyURL");
function parseProxyList(value, gonoproxy, options = {}) {
  const implicitNoproxy = gonoproxy !== "" && value !== "direct";
  const entries = [];
  let rest = value;
  let ignoredAfterKeyword = "";
  while (rest !== "") {
    let token;
    let separator;
    const m = /[,|]/.exec(rest);
    if (m !== null) {
      token = rest.slice(0, m.index);
      separator = m[0];
      rest = rest.slice(m.index + 1);
    } else {
      token = rest;
      separator = "";
      rest = "";
    }
    const raw = goTrimSpace(token);
    if (raw === "") continue;
    const fallthrough = separator === "|" ? "on-any-error" : "on-404-410";
    if (raw === "off" || raw === "direct") {
      entries.push({ kind: raw, raw, url: raw, parsed: null, implicitScheme: false, separator, fallthrough, isFile: false });
      ignoredAfterKeyword = rest;
      break;
    }
    const implicitScheme = /[.:/]/.test(raw) && !raw.includes(":/") && !isAbsolutePath(raw, options.windows ?? isWindowsHost());
    const url = implicitScheme ? "https://" + raw : raw;
    const checked = validateProxyURL(url);
    if (!checked.ok) return { ok: false, error: checked.error, badToken: raw };
    entries.push({ kind: "url", raw, url, parsed: checked.parsed, implicitScheme, separator, fallthrough, isFile: checked.parsed.scheme === "file" });
  }
  if (entries.length === 0) return { ok: false, error: EMPTY_LIST_ERROR, badToken: null };
  return { ok: true, entries, implicitNoproxy, ignoredAfterKeyword };
}
__name(parseProxyList, "parseProxyList");
function formatProxyList(entries) {
  let out = "";
  entries.forEach((entry, index) => {
    out += entry.url;
    if (index < entries.length - 1) out += entry.separator === "" ? "," : entry.separator;
    else if (entry.separator === "|") out += "|";
  });
  return out;
}
__name(formatProxyList, "formatProxyList");
function walkElements(list) {
  const elements = list.implicitNoproxy ? [{ url: "noproxy", fallthrough: "on-404-410" }] : [];
  for (const entry of list.entries) elements.push({ url: entry.url, fallthrough: entry.fallthrough });
  return elements;
}
__name(walkElements, "walkElements");
function tryProxies(elements, attempt) {
  const NOT_EXIST = 0;
  const PROXY = 1;
  const DIRECT = 2;
  let best = null;
  let bestRank = NOT_EXIST;
  const asked = [];
  for (let index = 0; index < elements.length; index++) {
    const element = elements[index];
    asked.push(index);
    const outcome = attempt(element, index);
    if (outcome.kind === "ok") return { servedBy: index, asked, error: null, errorFrom: null, errorIsNotFound: false };
    const notFound = outcome.kind === "not-found";
    const current = { error: outcome.error, index, notFound };
    if (element.url === "direct" || element.url === "noproxy" && outcome.noproxyDeclined !== true) {
      best = current;
      bestRank = DIRECT;
    } else if (bestRank <= PROXY && !notFound) {
      best = current;
      bestRank = PROXY;
    } else if (bestRank === NOT_EXIST) {
      best = current;
    }
    if (element.fallthrough !== "on-any-error" && !notFound) break;
  }
  return { servedBy: null, asked, error: best?.error ?? null, errorFrom: best?.index ?? null, errorIsNotFound: best?.notFound ?? false };
}
__name(tryProxies, "tryProxies");
var ERR_PROXY_OFF = "module lookup disabled by GOPROXY=off";
var ERR_NOPROXY = "disabled by GOPRIVATE/GONOPROXY";
var ERR_USE_PROXY = "path does not match GOPRIVATE/GONOPROXY";

export {
  goTrimSpace,
  goFields,
  isWindowsAbsolutePath,
  windowsFileURL,
  isWindowsHost,
  parseProxyList,
  formatProxyList,
  walkElements,
  tryProxies,
  ERR_PROXY_OFF,
  ERR_NOPROXY,
  ERR_USE_PROXY
};
