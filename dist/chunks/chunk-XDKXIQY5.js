import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// src/go/url.ts
function toByteString(s) {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 56448 && c <= 56575) {
      out += String.fromCharCode(c - 56320);
      continue;
    }
    let cp = c;
    if (c >= 55296 && c <= 56319 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 56320 && d <= 57343) {
        cp = 65536 + (c - 55296 << 10) + (d - 56320);
        i++;
      }
    }
    if (cp >= 55296 && cp <= 57343) cp = 65533;
    if (cp < 128) out += String.fromCharCode(cp);
    else if (cp < 2048) out += String.fromCharCode(192 | cp >> 6, 128 | cp & 63);
    else if (cp < 65536) out += String.fromCharCode(224 | cp >> 12, 128 | cp >> 6 & 63, 128 | cp & 63);
    else out += String.fromCharCode(240 | cp >> 18, 128 | cp >> 12 & 63, 128 | cp >> 6 & 63, 128 | cp & 63);
  }
  return out;
}
function decodeRune(b, i) {
  const c0 = b.charCodeAt(i);
  if (Number.isNaN(c0)) return { rune: 65533, size: 0 };
  if (c0 < 128) return { rune: c0, size: 1 };
  const bad = { rune: 65533, size: 1 };
  const cont = (k, lo = 128, hi = 191) => {
    const c = b.charCodeAt(i + k);
    return c >= lo && c <= hi ? c & 63 : null;
  };
  if (c0 >= 194 && c0 <= 223) {
    const c1 = cont(1);
    return c1 === null ? bad : { rune: (c0 & 31) << 6 | c1, size: 2 };
  }
  if (c0 >= 224 && c0 <= 239) {
    const c1 = cont(1, c0 === 224 ? 160 : 128, c0 === 237 ? 159 : 191);
    const c2 = c1 === null ? null : cont(2);
    return c1 === null || c2 === null ? bad : { rune: (c0 & 15) << 12 | c1 << 6 | c2, size: 3 };
  }
  if (c0 >= 240 && c0 <= 244) {
    const c1 = cont(1, c0 === 240 ? 144 : 128, c0 === 244 ? 143 : 191);
    const c2 = c1 === null ? null : cont(2);
    const c3 = c2 === null ? null : cont(3);
    return c1 === null || c2 === null || c3 === null ? bad : { rune: (c0 & 7) << 18 | c1 << 12 | c2 << 6 | c3, size: 4 };
  }
  return bad;
}
function fromByteString(b) {
  let out = "";
  for (let i = 0; i < b.length; ) {
    const { rune, size } = decodeRune(b, i);
    if (rune === 65533 && size === 1 && b.charCodeAt(i) >= 128) out += String.fromCharCode(56320 + b.charCodeAt(i));
    else out += String.fromCodePoint(rune);
    i += size;
  }
  return out;
}
var PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
function goQuote(s) {
  const b = toByteString(s);
  let out = '"';
  for (let i = 0; i < b.length; ) {
    const { rune, size } = decodeRune(b, i);
    if (rune === 65533 && size === 1 && b.charCodeAt(i) >= 128) {
      out += "\\x" + b.charCodeAt(i).toString(16).padStart(2, "0");
    } else if (rune === 34 || rune === 92) {
      out += "\\" + String.fromCharCode(rune);
    } else if (rune === 32 || PRINTABLE.test(String.fromCodePoint(rune))) {
      out += String.fromCodePoint(rune);
    } else {
      const named = { 7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v" };
      const n = named[rune];
      if (n !== void 0) out += n;
      else if (rune < 32 || rune === 127) out += "\\x" + rune.toString(16).padStart(2, "0");
      else if (rune < 65536) out += "\\u" + rune.toString(16).padStart(4, "0");
      else out += "\\U" + rune.toString(16).padStart(8, "0");
    }
    i += size;
  }
  return out + '"';
}
function isAlnum(c) {
  return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c >= 48 && c <= 57;
}
function shouldEscape(c, mode) {
  if (isAlnum(c)) return false;
  const ch = String.fromCharCode(c);
  if ((mode === "host" || mode === "zone") && `!$&'()*+,;=:[]<>"`.includes(ch)) return false;
  if ("-_.~".includes(ch)) return false;
  if ("$&+,/:;=?@".includes(ch)) {
    switch (mode) {
      case "path":
        return ch === "?";
      case "pathSegment":
        return ch === "/" || ch === ";" || ch === "," || ch === "?";
      case "userPassword":
        return ch === "@" || ch === "/" || ch === "?" || ch === ":";
      case "queryComponent":
        return true;
      case "fragment":
        return false;
      default:
        break;
    }
  }
  if (mode === "fragment" && "!()*".includes(ch)) return false;
  return true;
}
function isHex(c) {
  return c >= 48 && c <= 57 || c >= 97 && c <= 102 || c >= 65 && c <= 70;
}
var UrlFailure = class extends Error {
};
function unescape(s, mode) {
  let out = "";
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c === 37) {
      if (i + 2 >= s.length || !isHex(s.charCodeAt(i + 1)) || !isHex(s.charCodeAt(i + 2))) {
        throw new UrlFailure("invalid URL escape " + goQuote(fromByteString(s.slice(i, i + 3))));
      }
      const v = parseInt(s.slice(i + 1, i + 3), 16);
      if (mode === "host" && v < 128 && s.slice(i, i + 3) !== "%25") {
        throw new UrlFailure("invalid URL escape " + goQuote(s.slice(i, i + 3)));
      }
      if (mode === "zone" && s.slice(i, i + 3) !== "%25" && v !== 32 && shouldEscape(v, "host")) {
        throw new UrlFailure("invalid URL escape " + goQuote(s.slice(i, i + 3)));
      }
      out += String.fromCharCode(v);
      i += 3;
    } else {
      if ((mode === "host" || mode === "zone") && c < 128 && shouldEscape(c, mode)) {
        throw new UrlFailure("invalid character " + goQuote(s[i]) + " in host name");
      }
      out += c === 43 && mode === "queryComponent" ? " " : s[i];
      i++;
    }
  }
  return out;
}
function escape(s, mode) {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 && mode === "queryComponent") out += "+";
    else if (shouldEscape(c, mode)) out += "%" + c.toString(16).toUpperCase().padStart(2, "0");
    else out += s[i];
  }
  return out;
}
function emptyByteURL() {
  return { scheme: "", opaque: "", user: null, host: "", path: "", rawPath: "", omitHost: false, forceQuery: false, rawQuery: "", fragment: "", rawFragment: "" };
}
function getScheme(raw) {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 97 && c <= 122 || c >= 65 && c <= 90) continue;
    if (c >= 48 && c <= 57 || c === 43 || c === 45 || c === 46) {
      if (i === 0) return { scheme: "", rest: raw };
      continue;
    }
    if (c === 58) {
      if (i === 0) throw new UrlFailure("missing protocol scheme");
      return { scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    }
    return { scheme: "", rest: raw };
  }
  return { scheme: "", rest: raw };
}
function validOptionalPort(port) {
  if (port === "") return true;
  if (port[0] !== ":") return false;
  return /^[0-9]*$/.test(port.slice(1));
}
function parseHost(host) {
  if (host.startsWith("[")) {
    const i = host.lastIndexOf("]");
    if (i < 0) throw new UrlFailure("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) throw new UrlFailure(`invalid port ${goQuote(fromByteString(colonPort))} after host`);
    const zone = host.slice(0, i).indexOf("%25");
    if (zone >= 0) {
      return unescape(host.slice(0, zone), "host") + unescape(host.slice(zone, i), "zone") + unescape(host.slice(i), "host");
    }
  } else {
    const i = host.lastIndexOf(":");
    if (i !== -1) {
      const colonPort = host.slice(i);
      if (!validOptionalPort(colonPort)) throw new UrlFailure(`invalid port ${goQuote(fromByteString(colonPort))} after host`);
    }
  }
  return unescape(host, "host");
}
var USERINFO_OK = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/;
function parseAuthority(authority, u) {
  const at = authority.lastIndexOf("@");
  u.host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  if (at < 0) return;
  const userinfo = authority.slice(0, at);
  if (!USERINFO_OK.test(userinfo)) throw new UrlFailure("net/url: invalid userinfo");
  const colon = userinfo.indexOf(":");
  if (colon < 0) {
    u.user = { username: unescape(userinfo, "userPassword"), password: null };
  } else {
    u.user = { username: unescape(userinfo.slice(0, colon), "userPassword"), password: unescape(userinfo.slice(colon + 1), "userPassword") };
  }
}
function setPath(u, p) {
  u.path = unescape(p, "path");
  u.rawPath = escape(u.path, "path") === p ? "" : p;
}
function setFragment(u, f) {
  u.fragment = unescape(f, "fragment");
  u.rawFragment = escape(u.fragment, "fragment") === f ? "" : f;
}
function parseNoFragment(raw) {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 32 || c === 127) throw new UrlFailure("net/url: invalid control character in URL");
  }
  const u = emptyByteURL();
  if (raw === "*") {
    u.path = "*";
    return u;
  }
  const { scheme, rest: afterScheme } = getScheme(raw);
  u.scheme = scheme.toLowerCase();
  let rest = afterScheme;
  if (rest.endsWith("?") && rest.split("?").length === 2) {
    u.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf("?");
    if (q >= 0) {
      u.rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith("/")) {
    if (u.scheme !== "") {
      u.opaque = rest;
      return u;
    }
    const slash = rest.indexOf("/");
    const segment = slash < 0 ? rest : rest.slice(0, slash);
    if (segment.includes(":")) throw new UrlFailure("first path segment in URL cannot contain colon");
  }
  if ((u.scheme !== "" || !rest.startsWith("///")) && rest.startsWith("//")) {
    let authority = rest.slice(2);
    rest = "";
    const slash = authority.indexOf("/");
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    parseAuthority(authority, u);
  } else if (u.scheme !== "" && rest.startsWith("/")) {
    u.omitHost = true;
  }
  setPath(u, rest);
  return u;
}
function toGoURL(b) {
  return {
    scheme: fromByteString(b.scheme),
    opaque: fromByteString(b.opaque),
    username: b.user === null ? null : fromByteString(b.user.username),
    password: b.user === null || b.user.password === null ? null : fromByteString(b.user.password),
    host: fromByteString(b.host),
    path: fromByteString(b.path),
    rawQuery: fromByteString(b.rawQuery),
    forceQuery: b.forceQuery,
    fragment: fromByteString(b.fragment),
    rawPath: fromByteString(b.rawPath),
    rawFragment: fromByteString(b.rawFragment),
    omitHost: b.omitHost
  };
}
function toByteURL(u) {
  return {
    scheme: toByteString(u.scheme),
    opaque: toByteString(u.opaque),
    user: u.username === null ? null : { username: toByteString(u.username), password: u.password === null ? null : toByteString(u.password) },
    host: toByteString(u.host),
    path: toByteString(u.path),
    rawPath: toByteString(u.rawPath ?? ""),
    omitHost: u.omitHost ?? false,
    forceQuery: u.forceQuery,
    rawQuery: toByteString(u.rawQuery),
    fragment: toByteString(u.fragment),
    rawFragment: toByteString(u.rawFragment ?? "")
  };
}
function parseGoURL(raw) {
  const bytes = toByteString(raw);
  const hash = bytes.indexOf("#");
  const beforeFragment = hash < 0 ? bytes : bytes.slice(0, hash);
  let u;
  try {
    u = parseNoFragment(beforeFragment);
  } catch (error) {
    if (!(error instanceof UrlFailure)) throw error;
    return { ok: false, error: `parse ${goQuote(fromByteString(beforeFragment))}: ${error.message}` };
  }
  if (hash >= 0 && hash + 1 < bytes.length) {
    try {
      setFragment(u, bytes.slice(hash + 1));
    } catch (error) {
      if (!(error instanceof UrlFailure)) throw error;
      return { ok: false, error: `parse ${goQuote(raw)}: ${error.message}` };
    }
  }
  return { ok: true, url: toGoURL(u) };
}
function validEncoded(s, mode) {
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if ("!$&'()*+,;=:@[]%".includes(ch)) continue;
    if (shouldEscape(s.charCodeAt(i), mode)) return false;
  }
  return true;
}
function escapedPath(u) {
  if (u.rawPath !== "" && validEncoded(u.rawPath, "path")) {
    try {
      if (unescape(u.rawPath, "path") === u.path) return u.rawPath;
    } catch {
    }
  }
  if (u.path === "*") return "*";
  return escape(u.path, "path");
}
function escapedFragment(u) {
  if (u.rawFragment !== "" && validEncoded(u.rawFragment, "fragment")) {
    try {
      if (unescape(u.rawFragment, "fragment") === u.fragment) return u.rawFragment;
    } catch {
    }
  }
  return escape(u.fragment, "fragment");
}
function userinfoString(user) {
  let s = escape(user.username, "userPassword");
  if (user.password !== null) s += ":" + escape(user.password, "userPassword");
  return s;
}
function byteURLString(u) {
  let buf = "";
  if (u.scheme !== "") buf += u.scheme + ":";
  if (u.opaque !== "") {
    buf += u.opaque;
  } else {
    if (u.scheme !== "" || u.host !== "" || u.user !== null) {
      if (!(u.omitHost && u.host === "" && u.user === null)) {
        if (u.host !== "" || u.path !== "" || u.user !== null) buf += "//";
        if (u.user !== null) buf += userinfoString(u.user) + "@";
        if (u.host !== "") buf += escape(u.host, "host");
      }
    }
    const p = escapedPath(u);
    if (p !== "" && p[0] !== "/" && u.host !== "") buf += "/";
    if (buf === "") {
      const slash = p.indexOf("/");
      if ((slash < 0 ? p : p.slice(0, slash)).includes(":")) buf += "./";
    }
    buf += p;
  }
  if (u.forceQuery || u.rawQuery !== "") buf += "?" + u.rawQuery;
  if (u.fragment !== "") buf += "#" + escapedFragment(u);
  return buf;
}
function formatGoURL(u) {
  return fromByteString(byteURLString(toByteURL(u)));
}
function redactGoURL(u) {
  if (u.username !== null && u.password !== null) return formatGoURL({ ...u, password: "xxxxx" });
  return formatGoURL(u);
}
function splitHostPort(hostPort) {
  let host = hostPort;
  let port = "";
  const colon = host.lastIndexOf(":");
  if (colon !== -1 && validOptionalPort(host.slice(colon))) {
    port = host.slice(colon + 1);
    host = host.slice(0, colon);
  }
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  return { host, port };
}
function hostname(u) {
  return splitHostPort(u.host).host;
}
function formatGoURLStruct(u) {
  const b = toByteURL(u);
  const user = b.user === null ? "" : fromByteString(userinfoString(b.user));
  return `{Scheme:${u.scheme} Opaque:${u.opaque} User:${user} Host:${u.host} Path:${u.path} RawPath:${u.rawPath ?? ""} OmitHost:${String(u.omitHost ?? false)} ForceQuery:${String(u.forceQuery)} RawQuery:${u.rawQuery} Fragment:${u.fragment} RawFragment:${u.rawFragment ?? ""}}`;
}

// src/go/proxyList.ts
var EMPTY_LIST_ERROR = "GOPROXY list is not the empty string, but contains no entries";
function goTrimSpace(s) {
  let start = 0;
  let end = s.length;
  while (start < end && isGoSpace(s.codePointAt(start))) start++;
  while (end > start && isGoSpace(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}
function isGoSpace(cp) {
  if (cp <= 255) return cp === 32 || cp >= 9 && cp <= 13 || cp === 133 || cp === 160;
  return cp === 5760 || cp >= 8192 && cp <= 8202 || cp === 8232 || cp === 8233 || cp === 8239 || cp === 8287 || cp === 12288;
}
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
function isAbsolutePath(s, windows) {
  if (s.startsWith("/")) return true;
  return windows && (/^[A-Za-z]:[\\/]/.test(s) || /^[\\/]{2}[^\\/]/.test(s));
}
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
    const implicitScheme = /[.:/]/.test(raw) && !raw.includes(":/") && !isAbsolutePath(raw, options.windows ?? false);
    const url = implicitScheme ? "https://" + raw : raw;
    const checked = validateProxyURL(url);
    if (!checked.ok) return { ok: false, error: checked.error, badToken: raw };
    entries.push({ kind: "url", raw, url, parsed: checked.parsed, implicitScheme, separator, fallthrough, isFile: checked.parsed.scheme === "file" });
  }
  if (entries.length === 0) return { ok: false, error: EMPTY_LIST_ERROR, badToken: null };
  return { ok: true, entries, implicitNoproxy, ignoredAfterKeyword };
}
function formatProxyList(entries) {
  let out = "";
  entries.forEach((entry, index) => {
    out += entry.url;
    if (index < entries.length - 1) out += entry.separator === "" ? "," : entry.separator;
    else if (entry.separator === "|") out += "|";
  });
  return out;
}
function walkElements(list) {
  const elements = list.implicitNoproxy ? [{ url: "noproxy", fallthrough: "on-404-410" }] : [];
  for (const entry of list.entries) elements.push({ url: entry.url, fallthrough: entry.fallthrough });
  return elements;
}
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
var ERR_PROXY_OFF = "module lookup disabled by GOPROXY=off";
var ERR_NOPROXY = "disabled by GOPRIVATE/GONOPROXY";
var ERR_USE_PROXY = "path does not match GOPRIVATE/GONOPROXY";

// src/go/patterns.ts
var BadPattern = class extends Error {
};
function scanChunk(pattern) {
  let star = false;
  while (pattern.length > 0 && pattern[0] === "*") {
    pattern = pattern.slice(1);
    star = true;
  }
  let inRange = false;
  let i = 0;
  scan: for (; i < pattern.length; i++) {
    switch (pattern[i]) {
      case "\\":
        if (i + 1 < pattern.length) i++;
        break;
      case "[":
        inRange = true;
        break;
      case "]":
        inRange = false;
        break;
      case "*":
        if (!inRange) break scan;
        break;
      default:
        break;
    }
  }
  return { star, chunk: pattern.slice(0, i), rest: pattern.slice(i) };
}
function getEsc(chunk) {
  if (chunk.length === 0 || chunk[0] === "-" || chunk[0] === "]") throw new BadPattern();
  if (chunk[0] === "\\") {
    chunk = chunk.slice(1);
    if (chunk.length === 0) throw new BadPattern();
  }
  const { rune, size } = decodeRune(chunk, 0);
  if (rune === 65533 && size === 1 && chunk.charCodeAt(0) >= 128) throw new BadPattern();
  const next = chunk.slice(size);
  if (next.length === 0) throw new BadPattern();
  return { r: rune, next };
}
function matchChunk(chunk, s) {
  let failed = false;
  while (chunk.length > 0) {
    if (!failed && s.length === 0) failed = true;
    const c = chunk[0];
    if (c === "[") {
      let r = 0;
      if (!failed) {
        const d = decodeRune(s, 0);
        r = d.rune;
        s = s.slice(d.size);
      }
      chunk = chunk.slice(1);
      let negated = false;
      if (chunk.length > 0 && chunk[0] === "^") {
        negated = true;
        chunk = chunk.slice(1);
      }
      let match = false;
      let nrange = 0;
      for (; ; ) {
        if (chunk.length > 0 && chunk[0] === "]" && nrange > 0) {
          chunk = chunk.slice(1);
          break;
        }
        const lo = getEsc(chunk);
        chunk = lo.next;
        let hi = lo.r;
        if (chunk[0] === "-") {
          const h = getEsc(chunk.slice(1));
          chunk = h.next;
          hi = h.r;
        }
        if (lo.r <= r && r <= hi) match = true;
        nrange++;
      }
      if (match === negated) failed = true;
    } else if (c === "?") {
      if (!failed) {
        if (s[0] === "/") failed = true;
        s = s.slice(decodeRune(s, 0).size);
      }
      chunk = chunk.slice(1);
    } else {
      if (c === "\\") {
        chunk = chunk.slice(1);
        if (chunk.length === 0) throw new BadPattern();
      }
      if (!failed) {
        if (chunk[0] !== s[0]) failed = true;
        s = s.slice(1);
      }
      chunk = chunk.slice(1);
    }
  }
  return failed ? null : s;
}
function matchBytes(pattern, name) {
  outer: while (pattern.length > 0) {
    const scanned = scanChunk(pattern);
    const { star, chunk } = scanned;
    pattern = scanned.rest;
    if (star && chunk === "") return !name.includes("/");
    const t = matchChunk(chunk, name);
    if (t !== null && (t.length === 0 || pattern.length > 0)) {
      name = t;
      continue;
    }
    if (star) {
      for (let i = 0; i < name.length && name[i] !== "/"; i++) {
        const t2 = matchChunk(chunk, name.slice(i + 1));
        if (t2 !== null) {
          if (pattern.length === 0 && t2.length > 0) continue;
          name = t2;
          continue outer;
        }
      }
    }
    while (pattern.length > 0) {
      const next = scanChunk(pattern);
      pattern = next.rest;
      matchChunk(next.chunk, "");
    }
    return false;
  }
  return name.length === 0;
}
function pathMatch(pattern, name) {
  try {
    return { match: matchBytes(toByteString(pattern), toByteString(name)), badPattern: false };
  } catch (error) {
    if (error instanceof BadPattern) return { match: false, badPattern: true };
    throw error;
  }
}
function isMalformedPattern(pattern) {
  let rest = toByteString(pattern);
  try {
    while (rest.length > 0) {
      const next = scanChunk(rest);
      rest = next.rest;
      matchChunk(next.chunk, "");
    }
    return false;
  } catch (error) {
    if (error instanceof BadPattern) return true;
    throw error;
  }
}
function splitPatternList(globs) {
  return globs.split(",").map((glob) => glob.endsWith("/") ? glob.slice(0, -1) : glob).filter((glob) => glob !== "");
}
function targetPrefixFor(glob, target) {
  let n = glob.split("/").length - 1;
  for (let i = 0; i < target.length; i++) {
    if (target[i] === "/") {
      if (n === 0) return target.slice(0, i);
      n--;
    }
  }
  return n > 0 ? null : target;
}
function matchingPattern(globs, target) {
  for (const glob of splitPatternList(globs)) {
    const prefix = targetPrefixFor(glob, target);
    if (prefix !== null && pathMatch(glob, prefix).match) return glob;
  }
  return null;
}
function matchPrefixPatterns(globs, target) {
  return matchingPattern(globs, target) !== null;
}

// src/localproxy/routes.ts
import { timingSafeEqual } from "node:crypto";
var CONTROL_PREFIX = "/_setup-goproxy/";
var MAX_TARGET_LENGTH = 8192;
function sameToken(given, token) {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
function unsafePathReason(path) {
  if (!path.startsWith("/")) return 'the path does not start with "/"';
  if (path.includes("\\")) return "the path contains a backslash";
  if (/%(?:2f|5c|00)/i.test(path)) return "the path contains an encoded slash, backslash or NUL";
  for (const segment of path.split("/")) {
    const decoded = segment.replace(/%2e/gi, ".");
    if (decoded === "." || decoded === "..") return 'the path contains a "." or ".." segment';
  }
  return null;
}
function routeRequest(method, target, options) {
  if (target.length > MAX_TARGET_LENGTH) return { kind: "reject", status: 414, reason: "request target too long" };
  if (!target.startsWith("/")) return { kind: "reject", status: 400, reason: "this is a Go module proxy, not a forward proxy" };
  const queryAt = target.indexOf("?");
  const path = queryAt < 0 ? target : target.slice(0, queryAt);
  const query = queryAt < 0 ? "" : target.slice(queryAt);
  if (path.startsWith(CONTROL_PREFIX)) {
    const [token = "", verb = "", ...extra] = path.slice(CONTROL_PREFIX.length).split("/");
    if (extra.length > 0 || !sameToken(token, options.token)) return { kind: "reject", status: 404, reason: "not found" };
    if (verb === "stats" && (method === "GET" || method === "HEAD")) return { kind: "control", verb };
    if ((verb === "serve" || verb === "stop") && method === "POST") return { kind: "control", verb };
    return { kind: "reject", status: 405, reason: "method not allowed" };
  }
  if (method !== "GET" && method !== "HEAD") return { kind: "reject", status: 405, reason: "the module proxy protocol only uses GET" };
  const unsafe = unsafePathReason(path);
  if (unsafe !== null) return { kind: "reject", status: 400, reason: unsafe };
  const bridge = /^\/([1-9][0-9]{0,2})(\/.*)?$/.exec(path);
  if (bridge !== null) {
    const index = Number(bridge[1]);
    if (index > options.upstreams) return { kind: "reject", status: 404, reason: `no bridged GOPROXY entry number ${index}` };
    return { kind: "bridge", index, rest: `${bridge[2] ?? "/"}${query}` };
  }
  return { kind: "cache", path, query };
}
function upstreamTarget(base, rest) {
  const url = new URL(base);
  const queryAt = rest.indexOf("?");
  const restPath = queryAt < 0 ? rest : rest.slice(0, queryAt);
  const query = queryAt < 0 ? "" : rest.slice(queryAt);
  const basePath = url.pathname.replace(/\/+$/, "");
  return `${url.protocol}//${url.host}${basePath}${restPath === "" ? "/" : restPath}${query}`;
}

export {
  __require,
  __commonJS,
  __export,
  __toESM,
  goQuote,
  parseGoURL,
  formatGoURL,
  redactGoURL,
  hostname,
  formatGoURLStruct,
  goTrimSpace,
  goFields,
  parseProxyList,
  formatProxyList,
  walkElements,
  tryProxies,
  ERR_PROXY_OFF,
  ERR_NOPROXY,
  ERR_USE_PROXY,
  isMalformedPattern,
  splitPatternList,
  matchPrefixPatterns,
  CONTROL_PREFIX,
  routeRequest,
  upstreamTarget
};
