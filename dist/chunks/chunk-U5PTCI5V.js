import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/go/redact.ts
function isSchemeChar(code) {
  return isLetter(code) || code >= 48 && code <= 57 || code === 43 || code === 45 || code === 46;
}
__name(isSchemeChar, "isSchemeChar");
function isLetter(code) {
  return code >= 65 && code <= 90 || code >= 97 && code <= 122;
}
__name(isLetter, "isLetter");
function isWhiteSpace(code) {
  if (code <= 32) return code === 32 || code >= 9 && code <= 13;
  return code === 160 || code === 5760 || code >= 8192 && code <= 8202 || code === 8232 || code === 8233 || code === 8239 || code === 8287 || code === 12288 || code === 65279;
}
__name(isWhiteSpace, "isWhiteSpace");
function endsAuthority(code) {
  return code === 47 || code === 63 || code === 35 || code === 124 || code === 34 || code === 39 || code === 60 || code === 62 || code === 96 || isWhiteSpace(code);
}
__name(endsAuthority, "endsAuthority");
function schemeStart(text, colon, floor) {
  let start = colon;
  while (start > floor && isSchemeChar(text.charCodeAt(start - 1))) start--;
  while (start < colon && !isLetter(text.charCodeAt(start))) start++;
  return start < colon ? start : -1;
}
__name(schemeStart, "schemeStart");
function* schemeAuthorities(text) {
  let consumed = 0;
  let from = 0;
  for (; ; ) {
    const colon = text.indexOf("://", from);
    if (colon < 0) return;
    const start = schemeStart(text, colon, consumed);
    if (start < 0) {
      from = colon + 1;
      continue;
    }
    const authorityStart = colon + 3;
    let end = authorityStart;
    while (end < text.length && !endsAuthority(text.charCodeAt(end))) end++;
    if (end > authorityStart && text.charCodeAt(end - 1) === 58 && text.startsWith("//", end)) {
      const nested = schemeStart(text, end - 1, authorityStart);
      if (nested >= 0) end = nested;
    }
    yield { start, authorityStart, end };
    consumed = end;
    from = Math.max(end, colon + 1);
  }
}
__name(schemeAuthorities, "schemeAuthorities");
function lastAt(text, match) {
  for (let i = match.end - 1; i >= match.authorityStart; i--) if (text.charCodeAt(i) === 64) return i;
  return -1;
}
__name(lastAt, "lastAt");
function redactForDisplay(text) {
  let out = "";
  let copied = 0;
  for (const match of schemeAuthorities(text)) {
    const at = lastAt(text, match);
    if (at < 0) continue;
    out += `${text.slice(copied, match.authorityStart)}***`;
    copied = at;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
__name(redactForDisplay, "redactForDisplay");
function percentDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
__name(percentDecode, "percentDecode");
function userinfoSecrets(text) {
  const found = /* @__PURE__ */ new Set();
  const add = /* @__PURE__ */ __name((s) => {
    if (s === "") return;
    found.add(s);
    const decoded = percentDecode(s);
    if (decoded !== "") found.add(decoded);
  }, "add");
  for (const match of schemeAuthorities(text)) {
    const at = lastAt(text, match);
    if (at < 0) continue;
    const userinfo = text.slice(match.authorityStart, at);
    add(userinfo);
    const colon = userinfo.indexOf(":");
    if (colon < 0) continue;
    add(userinfo.slice(0, colon));
    add(userinfo.slice(colon + 1));
  }
  return [...found];
}
__name(userinfoSecrets, "userinfoSecrets");
function schemelessUserinfo(part) {
  let lead = 0;
  while (lead < part.length && isWhiteSpace(part.charCodeAt(lead))) lead++;
  let stop = lead;
  while (stop < part.length) {
    const code = part.charCodeAt(stop);
    if (code === 47 || code === 63 || code === 35) break;
    stop++;
  }
  for (let at = stop - 1; at >= lead; at--) if (part.charCodeAt(at) === 64) return { lead, at };
  return null;
}
__name(schemelessUserinfo, "schemelessUserinfo");
function splitKeepingSeparators(value) {
  const parts = [];
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 44 || code === 124) {
      parts.push(value.slice(start, i), value[i]);
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}
__name(splitKeepingSeparators, "splitKeepingSeparators");
function redactProxyList(value) {
  return splitKeepingSeparators(value).map((part) => {
    if (part.includes("://")) return redactForDisplay(part);
    const userinfo = schemelessUserinfo(part);
    return userinfo === null ? part : `${part.slice(0, userinfo.lead)}***${part.slice(userinfo.at)}`;
  }).join("");
}
__name(redactProxyList, "redactProxyList");
function proxyListSecrets(value) {
  const found = new Set(userinfoSecrets(value));
  for (const part of splitKeepingSeparators(value)) {
    if (part.includes("://")) continue;
    const userinfo = schemelessUserinfo(part);
    if (userinfo === null) continue;
    for (const secret of userinfoSecrets(`https://${part.slice(userinfo.lead, userinfo.at)}@host`)) found.add(secret);
  }
  return [...found];
}
__name(proxyListSecrets, "proxyListSecrets");

// src/report/bounds.ts
var EXCERPT_CHARS = 200;
function excerpt(text, maxChars = EXCERPT_CHARS) {
  if (text.length <= maxChars) return text;
  let end = maxChars;
  const last = text.charCodeAt(end - 1);
  if (last >= 55296 && last <= 56319) end -= 1;
  return `${text.slice(0, end)}\u2026 (${text.length - end} more characters)`;
}
__name(excerpt, "excerpt");
function capList(items, max) {
  return { shown: items.slice(0, Math.max(0, max)), omitted: Math.max(0, items.length - Math.max(0, max)) };
}
__name(capList, "capList");
function moreSuffix(omitted, noun = "more") {
  return omitted > 0 ? ` and ${omitted} ${noun}` : "";
}
__name(moreSuffix, "moreSuffix");
var REASON_CHARS = 600;
function visibleControls(text) {
  let out = "";
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const invisible = code < 32 || code === 127 || code >= 128 && code < 160 || code === 8232 || code === 8233 || code >= 8234 && code <= 8238 || code >= 8294 && code <= 8297 || code === 65279;
    if (!invisible) continue;
    const named = code === 10 ? "\\n" : code === 13 ? "\\r" : code === 9 ? "\\t" : code < 256 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
    out += text.slice(copied, i) + named;
    copied = i + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
__name(visibleControls, "visibleControls");
function displayValue(value, maxChars = EXCERPT_CHARS) {
  return excerpt(visibleControls(redactProxyList(value)), maxChars);
}
__name(displayValue, "displayValue");
function displayText(text, maxChars = REASON_CHARS) {
  return excerpt(visibleControls(redactForDisplay(text)), maxChars);
}
__name(displayText, "displayText");

export {
  redactForDisplay,
  redactProxyList,
  proxyListSecrets,
  excerpt,
  capList,
  moreSuffix,
  visibleControls,
  displayValue,
  displayText
};
