import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/go/redact.ts
var SCHEME_AUTHORITY = /([A-Za-z][A-Za-z0-9+.-]*:\/\/)((?:(?![A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#|\s"'<>`])*)/g;
function splitUserinfo(authority) {
  const at = authority.lastIndexOf("@");
  return at < 0 ? null : { userinfo: authority.slice(0, at), rest: authority.slice(at) };
}
__name(splitUserinfo, "splitUserinfo");
function redactForDisplay(text) {
  return text.replace(SCHEME_AUTHORITY, (whole, scheme, authority) => {
    const split = splitUserinfo(authority);
    return split === null ? whole : `${scheme}***${split.rest}`;
  });
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
  for (const match of text.matchAll(SCHEME_AUTHORITY)) {
    const split = splitUserinfo(match[2] ?? "");
    if (split === null) continue;
    add(split.userinfo);
    const colon = split.userinfo.indexOf(":");
    if (colon < 0) continue;
    add(split.userinfo.slice(0, colon));
    add(split.userinfo.slice(colon + 1));
  }
  return [...found];
}
__name(userinfoSecrets, "userinfoSecrets");
var SCHEMELESS_USERINFO = /^(\s*)([^/?#]*)@/;
function redactProxyList(value) {
  return value.split(/([,|])/).map((part) => part.includes("://") ? redactForDisplay(part) : part.replace(SCHEMELESS_USERINFO, "$1***@")).join("");
}
__name(redactProxyList, "redactProxyList");
function proxyListSecrets(value) {
  const found = new Set(userinfoSecrets(value));
  for (const part of value.split(/[,|]/)) {
    if (part.includes("://")) continue;
    const userinfo = SCHEMELESS_USERINFO.exec(part)?.[2];
    if (userinfo === void 0) continue;
    for (const secret of userinfoSecrets(`https://${userinfo}@host`)) found.add(secret);
  }
  return [...found];
}
__name(proxyListSecrets, "proxyListSecrets");

export {
  redactForDisplay,
  redactProxyList,
  proxyListSecrets
};
