import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  __name,
  decodeRune,
  hostname,
  parseGoURL,
  redactForDisplay,
  redactGoURL,
  redactProxyList,
  toByteString
} from "./chunk-OAAAWHBN.js";

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
  return windows && (/^[A-Za-z]:[\\/]/.test(s) || /^[\\/]{2}[^\\/]/.test(s));
}
__name(isAbsolutePath, "isAbsolutePath");
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
    const implicitScheme = /[.:/]/.test(raw) && !raw.includes(":/") && !isAbsolutePath(raw, options.windows ?? false);
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

// src/go/patterns.ts
var BadPattern = class extends Error {
  static {
    __name(this, "BadPattern");
  }
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
__name(scanChunk, "scanChunk");
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
__name(getEsc, "getEsc");
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
__name(matchChunk, "matchChunk");
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
__name(matchBytes, "matchBytes");
function pathMatch(pattern, name) {
  try {
    return { match: matchBytes(toByteString(pattern), toByteString(name)), badPattern: false };
  } catch (error) {
    if (error instanceof BadPattern) return { match: false, badPattern: true };
    throw error;
  }
}
__name(pathMatch, "pathMatch");
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
__name(isMalformedPattern, "isMalformedPattern");
function splitPatternList(globs) {
  return globs.split(",").map((glob) => glob.endsWith("/") ? glob.slice(0, -1) : glob).filter((glob) => glob !== "");
}
__name(splitPatternList, "splitPatternList");
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
__name(targetPrefixFor, "targetPrefixFor");
function matchingPattern(globs, target) {
  for (const glob of splitPatternList(globs)) {
    const prefix = targetPrefixFor(glob, target);
    if (prefix !== null && pathMatch(glob, prefix).match) return glob;
  }
  return null;
}
__name(matchingPattern, "matchingPattern");
function matchPrefixPatterns(globs, target) {
  return matchingPattern(globs, target) !== null;
}
__name(matchPrefixPatterns, "matchPrefixPatterns");

// src/config/hosts.ts
import { isIP } from "node:net";
var GO_DEFAULT_PROXY_HOST = "proxy.golang.org";
function isPublicDefaultProxy(host) {
  return host.toLowerCase() === GO_DEFAULT_PROXY_HOST;
}
__name(isPublicDefaultProxy, "isPublicDefaultProxy");
function isLoopbackHost(host) {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (bare === "localhost" || bare.endsWith(".localhost")) return true;
  if (isIP(bare) === 4) return bare.startsWith("127.");
  if (isIP(bare) === 6) return bare === "::1";
  return false;
}
__name(isLoopbackHost, "isLoopbackHost");
var intranetSuffixes = [".internal", ".local", ".corp", ".lan", ".intranet", ".home.arpa", ".localdomain"];
function looksPrivateHost(host) {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (bare === "") return false;
  if (isLoopbackHost(bare)) return true;
  if (isIP(bare) === 4) {
    const [a, b] = bare.split(".").map(Number);
    return a === 10 || a === 172 && b >= 16 && b <= 31 || a === 192 && b === 168 || a === 169 && b === 254;
  }
  if (isIP(bare) === 6) {
    const first = Number.parseInt(bare.split(":")[0] || "0", 16);
    return (first & 65024) === 64512 || (first & 65472) === 65152;
  }
  if (!bare.includes(".")) return true;
  return intranetSuffixes.some((suffix) => bare.endsWith(suffix));
}
__name(looksPrivateHost, "looksPrivateHost");

// src/config/lintProxy.ts
function lintGoproxy(context) {
  const parse = parseProxyList(context.goproxy, context.gonoproxy);
  const shown = redactProxyList(context.goproxy);
  if (!parse.ok) {
    return { parse, problems: [invalidListProblem(shown, parse.error, parse.badToken)] };
  }
  const problems = [];
  if (parse.ignoredAfterKeyword.trim() !== "") {
    const keyword = parse.entries[parse.entries.length - 1]?.url ?? "direct";
    problems.push({
      severity: "warning",
      code: "GOPROXY_IGNORED_ENTRIES",
      variable: "GOPROXY",
      message: `GOPROXY="${shown}": the go command stops reading at "${keyword}", so "${redactProxyList(parse.ignoredAfterKeyword)}" is never used.`,
      fix: `Move "${keyword}" to the end of the list, or remove the entries after it.`
    });
  }
  parse.entries.forEach((entry, index) => {
    problems.push(...lintEntry(entry, shown));
    const next = parse.entries[index + 1];
    if (entry.kind === "url" && next?.kind === "url" && entry.separator === ",") {
      problems.push({
        severity: "warning",
        code: "GOPROXY_COMMA_NO_FAILOVER",
        variable: "GOPROXY",
        message: `GOPROXY="${shown}": "${redactForDisplay(entry.url)}" is followed by ",", so the go command tries "${redactForDisplay(next.url)}" only after a 404 or 410; a proxy that is down, refuses or answers 5xx fails the build.`,
        fix: `Use "|" after "${redactForDisplay(entry.url)}" if "${redactForDisplay(next.url)}" is meant as a failover mirror.`
      });
    }
  });
  problems.push(...lintPrivateFallthrough(parse.entries, context, shown));
  return { parse, problems };
}
__name(lintGoproxy, "lintGoproxy");
function invalidListProblem(shown, goError, badToken) {
  const error = redactForDisplay(goError);
  let fix = 'Write GOPROXY as a list of https:// (or file://) URLs separated by "," or "|", optionally ending in "direct" or "off".';
  if (badToken !== null && /^(direct|off)$/i.test(badToken.trim()) && badToken.trim() !== badToken.trim().toLowerCase()) {
    fix = `The keywords are case-sensitive: write "${badToken.trim().toLowerCase()}".`;
  } else if (badToken !== null && badToken.trim() === "noproxy") {
    fix = '"noproxy" is internal to the go command; to bypass the proxy for some modules, list them in GONOPROXY or GOPRIVATE.';
  } else if (badToken !== null && /^\//.test(badToken.trim())) {
    fix = `A local directory needs the file:// scheme: "file://${redactForDisplay(badToken.trim())}".`;
  } else if (/no entries/.test(goError)) {
    fix = "Give at least one entry, or leave GOPROXY empty to use the default (https://proxy.golang.org,direct).";
  }
  return {
    severity: "error",
    code: "GOPROXY_INVALID",
    variable: "GOPROXY",
    message: `GOPROXY="${shown}" is rejected by the go command: ${error}. Every module download fails with this error.`,
    fix
  };
}
__name(invalidListProblem, "invalidListProblem");
function lintEntry(entry, shown) {
  if (entry.kind !== "url" || entry.parsed === null) return [];
  const problems = [];
  const url = entry.parsed;
  const display = redactForDisplay(entry.url);
  const scheme = url.scheme.toLowerCase();
  const host = hostname(url);
  const base = { variable: "GOPROXY" };
  if (/\s/.test(entry.raw)) {
    problems.push({
      ...base,
      severity: "warning",
      code: "GOPROXY_WHITESPACE",
      message: `GOPROXY="${shown}": the entry "${display}" contains white space; the go command does not split on spaces, so this is one URL whose path contains a space.`,
      fix: 'Separate proxies with "," or "|", not spaces.'
    });
  }
  if (!entry.isFile && (host === "" || host === ".")) {
    problems.push({
      ...base,
      severity: "warning",
      code: "GOPROXY_NO_HOST",
      message: `GOPROXY="${shown}": the entry "${display}" has no usable host name; every request to it fails ("http: no Host in request URL").`,
      fix: "Write the full URL, for example https://proxy.example.com/path, and file:///abs/dir for a directory."
    });
  }
  if (url.username !== null && scheme === "http") {
    problems.push({
      ...base,
      severity: "warning",
      code: "GOPROXY_CREDENTIALS_OVER_HTTP",
      message: `GOPROXY="${shown}": the go command refuses to send the credentials in "${display}" over plain http, so every request to it fails.`,
      fix: "Use https:// for a proxy that needs credentials."
    });
  } else if (url.username !== null && url.password === null) {
    problems.push({
      ...base,
      severity: "warning",
      code: "GOPROXY_SECRET_IN_USERNAME",
      message: `GOPROXY="${shown}": the entry "${display}" has a user name but no password; the go command prints user names in its error messages, so a token there leaks into logs.`,
      fix: "Put the token in the password part (https://user:TOKEN@host) or, better, in a .netrc entry for the host."
    });
  }
  if (scheme === "http" && host !== "" && !isLoopbackHost(host)) {
    problems.push({
      ...base,
      severity: "warning",
      code: "GOPROXY_PLAIN_HTTP",
      message: `GOPROXY="${shown}": "${display}" is plain http to a non-loopback host; module downloads can be read and altered on the way.`,
      fix: `Use https://${host}${url.path} if the proxy supports it.`
    });
  }
  if (url.rawQuery !== "" || url.forceQuery || url.fragment !== "") {
    problems.push({
      ...base,
      severity: "warning",
      code: "GOPROXY_QUERY",
      message: `GOPROXY="${shown}": the entry "${display}" has a query string or fragment; the go command appends module paths to the URL path and sends the query with every request.`,
      fix: "Remove the ?query and #fragment from the proxy URL."
    });
  }
  return problems;
}
__name(lintEntry, "lintEntry");
function lintPrivateFallthrough(entries, context, shown) {
  const problems = [];
  entries.forEach((entry, index) => {
    if (entry.kind !== "url" || entry.parsed === null || entry.separator !== "|") return;
    if (!isPrivateLookingProxy(entry, context.goprivate, context.gonoproxy)) return;
    const publicLater = entries.slice(index + 1).find((later) => later.kind === "url" && later.parsed !== null && !later.isFile && !isPrivateLookingProxy(later, context.goprivate, context.gonoproxy));
    if (publicLater === void 0) return;
    problems.push({
      severity: "warning",
      code: "GOPROXY_PRIVATE_LEAK",
      variable: "GOPROXY",
      message: `GOPROXY="${shown}": "${redactForDisplay(entry.url)}" looks private and is followed by "|", so when it fails the go command asks "${redactForDisplay(publicLater.url)}" for the same (private) module paths (golang/go#37367).`,
      fix: `Use "," after "${redactForDisplay(entry.url)}" so only a 404/410 falls through, and list private module paths in GOPRIVATE/GONOPROXY.`
    });
  });
  return problems;
}
__name(lintPrivateFallthrough, "lintPrivateFallthrough");
function isPrivateLookingProxy(entry, goprivate, gonoproxy) {
  if (entry.parsed === null || entry.isFile) return false;
  const host = hostname(entry.parsed);
  if (isPublicDefaultProxy(host)) return false;
  if (entry.parsed.username !== null) return true;
  if (looksPrivateHost(host)) return true;
  if (goprivate !== "" && matchPrefixPatterns(goprivate, host)) return true;
  return privateDomains(goprivate, gonoproxy).has(organisationDomain(host));
}
__name(isPrivateLookingProxy, "isPrivateLookingProxy");
function organisationDomain(host) {
  return host.toLowerCase().split(".").slice(-2).join(".");
}
__name(organisationDomain, "organisationDomain");
function privateDomains(...lists) {
  const domains = /* @__PURE__ */ new Set();
  for (const list of lists) {
    for (const pattern of splitPatternList(list)) {
      const host = pattern.split("/")[0] ?? "";
      const literal = host.replace(/^\*\./, "");
      if (literal.includes(".") && !/[*?[\\]/.test(literal)) domains.add(organisationDomain(literal));
    }
  }
  return domains;
}
__name(privateDomains, "privateDomains");

// src/probe/fallback.ts
function decideGoproxy(input, original) {
  const failing = input.entries.filter((entry) => entry.kind === "url" && input.health.get(entry.url) === false);
  const unchanged = { goproxy: original, changed: false, removed: [], added: [], refused: [], outcome: "unchanged" };
  if (failing.length === 0 || input.onUnreachable !== "fallback") return unchanged;
  const proxies = input.entries.filter((entry) => entry.kind === "url");
  const keyword = input.entries.find((entry) => entry.kind !== "url") ?? null;
  const kept = proxies.filter((entry) => input.health.get(entry.url) !== false);
  const healthyFallbacks = input.fallbacks.filter((entry) => entry.kind === "url" && input.health.get(entry.url) === true && !kept.some((k) => k.url === entry.url));
  const refused = [];
  const leakRisk = privateLeakRisk(kept, input);
  const added = healthyFallbacks.filter((fallback) => {
    if (leakRisk === null || isPrivateLookingProxy(fallback, input.goprivate, input.gonoproxy)) return true;
    refused.push({ url: redactProxyList(fallback.url), reason: leakRisk });
    return false;
  });
  const lastProxy = proxies[proxies.length - 1];
  const tailSeparator = keyword === null ? "" : lastProxy?.separator ?? ",";
  const chain = [];
  kept.forEach((entry) => chain.push({ url: entry.url, separator: entry.separator === "" ? "|" : entry.separator }));
  added.forEach((entry) => chain.push({ url: entry.url, separator: "|" }));
  if (chain.length > 0) {
    const last = chain[chain.length - 1];
    if (last !== void 0) last.separator = tailSeparator;
  }
  if (keyword !== null) chain.push({ url: keyword.url, separator: "" });
  const removed = failing.map((entry) => redactProxyList(entry.url));
  const addedUrls = added.map((entry) => redactProxyList(entry.url));
  if (kept.length === 0 && added.length === 0) {
    if (keyword?.kind === "direct") return { goproxy: "direct", changed: original !== "direct", removed, added: [], refused, outcome: "direct-only" };
    return { ...unchanged, removed, refused, outcome: "nothing-left" };
  }
  const goproxy = formatProxyList(chain);
  return { goproxy, changed: goproxy !== original, removed, added: addedUrls, refused, outcome: "replaced" };
}
__name(decideGoproxy, "decideGoproxy");
function privateLeakRisk(kept, input) {
  const privateProxy = kept.find((entry) => isPrivateLookingProxy(entry, input.goprivate, input.gonoproxy));
  if (privateProxy === void 0) return null;
  const shown = redactProxyList(privateProxy.url);
  if (input.gonoproxy.trim() === "") {
    return `"${shown}" looks private and GONOPROXY/GOPRIVATE are empty, so a public mirror after it could receive private module paths when it fails (golang/go#37367); list private paths in GOPRIVATE to allow the fallback`;
  }
  const exposed = input.privateModulePaths.find((path) => !matchPrefixPatterns(input.gonoproxy, path));
  if (exposed === void 0) return null;
  return `"${shown}" looks private and ${exposed} is not covered by GONOPROXY, so a public mirror after it could receive that private path when the private proxy fails (golang/go#37367)`;
}
__name(privateLeakRisk, "privateLeakRisk");
function privateLookingModules(paths, entries, goprivate, gonoproxy) {
  const proxyDomains = new Set(
    entries.filter((entry) => entry.parsed !== null && isPrivateLookingProxy(entry, goprivate, gonoproxy)).map((entry) => organisationDomain2(entry.parsed?.host ?? ""))
  );
  return paths.filter((path) => {
    const host = path.split("/")[0] ?? "";
    return matchPrefixPatterns(goprivate, path) || looksPrivateHost(host) || proxyDomains.has(organisationDomain2(host));
  });
}
__name(privateLookingModules, "privateLookingModules");
function organisationDomain2(host) {
  return host.replace(/:\d+$/, "").toLowerCase().split(".").slice(-2).join(".");
}
__name(organisationDomain2, "organisationDomain");

export {
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
  isPublicDefaultProxy,
  lintGoproxy,
  decideGoproxy,
  privateLookingModules
};
