import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-WFYHVRTH.js";

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
__name(toByteString, "toByteString");
function decodeRune(b, i) {
  const c0 = b.charCodeAt(i);
  if (Number.isNaN(c0)) return { rune: 65533, size: 0 };
  if (c0 < 128) return { rune: c0, size: 1 };
  const bad = { rune: 65533, size: 1 };
  const cont = /* @__PURE__ */ __name((k, lo = 128, hi = 191) => {
    const c = b.charCodeAt(i + k);
    return c >= lo && c <= hi ? c & 63 : null;
  }, "cont");
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
__name(decodeRune, "decodeRune");
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
__name(fromByteString, "fromByteString");
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
__name(goQuote, "goQuote");
function isAlnum(c) {
  return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c >= 48 && c <= 57;
}
__name(isAlnum, "isAlnum");
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
__name(shouldEscape, "shouldEscape");
function isHex(c) {
  return c >= 48 && c <= 57 || c >= 97 && c <= 102 || c >= 65 && c <= 70;
}
__name(isHex, "isHex");
var UrlFailure = class extends Error {
  static {
    __name(this, "UrlFailure");
  }
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
__name(unescape, "unescape");
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
__name(escape, "escape");
function emptyByteURL() {
  return { scheme: "", opaque: "", user: null, host: "", path: "", rawPath: "", omitHost: false, forceQuery: false, rawQuery: "", fragment: "", rawFragment: "" };
}
__name(emptyByteURL, "emptyByteURL");
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
__name(getScheme, "getScheme");
function validOptionalPort(port) {
  if (port === "") return true;
  if (port[0] !== ":") return false;
  return /^[0-9]*$/.test(port.slice(1));
}
__name(validOptionalPort, "validOptionalPort");
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
__name(parseHost, "parseHost");
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
__name(parseAuthority, "parseAuthority");
function setPath(u, p) {
  u.path = unescape(p, "path");
  u.rawPath = escape(u.path, "path") === p ? "" : p;
}
__name(setPath, "setPath");
function setFragment(u, f) {
  u.fragment = unescape(f, "fragment");
  u.rawFragment = escape(u.fragment, "fragment") === f ? "" : f;
}
__name(setFragment, "setFragment");
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
__name(parseNoFragment, "parseNoFragment");
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
__name(toGoURL, "toGoURL");
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
__name(toByteURL, "toByteURL");
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
__name(parseGoURL, "parseGoURL");
function validEncoded(s, mode) {
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if ("!$&'()*+,;=:@[]%".includes(ch)) continue;
    if (shouldEscape(s.charCodeAt(i), mode)) return false;
  }
  return true;
}
__name(validEncoded, "validEncoded");
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
__name(escapedPath, "escapedPath");
function escapedFragment(u) {
  if (u.rawFragment !== "" && validEncoded(u.rawFragment, "fragment")) {
    try {
      if (unescape(u.rawFragment, "fragment") === u.fragment) return u.rawFragment;
    } catch {
    }
  }
  return escape(u.fragment, "fragment");
}
__name(escapedFragment, "escapedFragment");
function userinfoString(user) {
  let s = escape(user.username, "userPassword");
  if (user.password !== null) s += ":" + escape(user.password, "userPassword");
  return s;
}
__name(userinfoString, "userinfoString");
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
__name(byteURLString, "byteURLString");
function formatGoURL(u) {
  return fromByteString(byteURLString(toByteURL(u)));
}
__name(formatGoURL, "formatGoURL");
function redactGoURL(u) {
  if (u.username !== null && u.password !== null) return formatGoURL({ ...u, password: "xxxxx" });
  return formatGoURL(u);
}
__name(redactGoURL, "redactGoURL");
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
__name(splitHostPort, "splitHostPort");
function hostname(u) {
  return splitHostPort(u.host).host;
}
__name(hostname, "hostname");
function formatGoURLStruct(u) {
  const b = toByteURL(u);
  const user = b.user === null ? "" : fromByteString(userinfoString(b.user));
  return `{Scheme:${u.scheme} Opaque:${u.opaque} User:${user} Host:${u.host} Path:${u.path} RawPath:${u.rawPath ?? ""} OmitHost:${String(u.omitHost ?? false)} ForceQuery:${String(u.forceQuery)} RawQuery:${u.rawQuery} Fragment:${u.fragment} RawFragment:${u.rawFragment ?? ""}}`;
}
__name(formatGoURLStruct, "formatGoURLStruct");

export {
  toByteString,
  decodeRune,
  goQuote,
  parseGoURL,
  formatGoURL,
  redactGoURL,
  hostname,
  formatGoURLStruct
};
