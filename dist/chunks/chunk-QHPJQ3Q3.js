import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  matchPrefixPatterns,
  splitPatternList
} from "./chunk-BZ6GQI7H.js";
import {
  isLoopbackHost,
  isPublicDefaultProxy,
  looksPrivateHost
} from "./chunk-C2CKZ3L6.js";
import {
  formatProxyList,
  isWindowsAbsolutePath,
  isWindowsHost,
  parseProxyList,
  windowsFileURL
} from "./chunk-ELAIAVPO.js";
import {
  displayText,
  displayValue,
  redactProxyList
} from "./chunk-U5PTCI5V.js";
import {
  hostname
} from "./chunk-4T6WLE4C.js";
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/config/lintProxy.ts
function lintGoproxy(context) {
  const windows = context.windows ?? isWindowsHost();
  const parse = parseProxyList(context.goproxy, context.gonoproxy, { windows });
  const shown = displayValue(context.goproxy);
  if (!parse.ok) {
    return { parse, problems: [invalidListProblem(shown, parse.error, parse.badToken, windows)] };
  }
  const problems = [];
  if (parse.ignoredAfterKeyword.trim() !== "") {
    const keyword = parse.entries[parse.entries.length - 1]?.url ?? "direct";
    problems.push({
      severity: "warning",
      code: "GOPROXY_IGNORED_ENTRIES",
      variable: "GOPROXY",
      message: `GOPROXY="${shown}": the go command stops reading at "${keyword}", so "${displayValue(parse.ignoredAfterKeyword)}" is never used.`,
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
        message: `GOPROXY="${shown}": "${displayValue(entry.url)}" is followed by ",", so the go command tries "${displayValue(next.url)}" only after a 404 or 410; a proxy that is down, refuses or answers 5xx fails the build.`,
        fix: `Use "|" after "${displayValue(entry.url)}" if "${displayValue(next.url)}" is meant as a failover mirror.`
      });
    }
  });
  problems.push(...lintPrivateFallthrough(parse.entries, context, shown));
  return { parse, problems };
}
__name(lintGoproxy, "lintGoproxy");
function invalidListProblem(shown, goError, badToken, windows) {
  const error = displayText(goError);
  let fix = 'Write GOPROXY as a list of https:// (or file://) URLs separated by "," or "|", optionally ending in "direct" or "off".';
  if (badToken !== null && /^(direct|off)$/i.test(badToken.trim()) && badToken.trim() !== badToken.trim().toLowerCase()) {
    fix = `The keywords are case-sensitive: write "${badToken.trim().toLowerCase()}".`;
  } else if (badToken !== null && badToken.trim() === "noproxy") {
    fix = '"noproxy" is internal to the go command; to bypass the proxy for some modules, list them in GONOPROXY or GOPRIVATE.';
  } else if (badToken !== null && badToken.trim().startsWith("/")) {
    fix = `A local directory needs the file:// scheme: "file://${displayValue(badToken.trim())}".`;
  } else if (badToken !== null && windows && isWindowsAbsolutePath(badToken.trim())) {
    fix = `A local directory needs the file:// scheme: "${displayValue(windowsFileURL(badToken.trim()))}".`;
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
  const display = displayValue(entry.url);
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
      fix: `Use ${displayValue(`https://${host}${url.path}`)} if the proxy supports it.`
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
  const domains = privateDomains(context.goprivate, context.gonoproxy);
  const looksPrivate = entries.map((entry) => entry.kind === "url" && entry.parsed !== null && privateLooking(entry, context.goprivate, domains));
  const publicAfter = new Array(entries.length);
  let nextPublic;
  for (let index = entries.length - 1; index >= 0; index--) {
    publicAfter[index] = nextPublic;
    const entry = entries[index];
    if (entry.kind === "url" && entry.parsed !== null && !entry.isFile && !looksPrivate[index]) nextPublic = entry;
  }
  const problems = [];
  entries.forEach((entry, index) => {
    const publicLater = publicAfter[index];
    if (entry.separator !== "|" || !looksPrivate[index] || publicLater === void 0) return;
    problems.push({
      severity: "warning",
      code: "GOPROXY_PRIVATE_LEAK",
      variable: "GOPROXY",
      message: `GOPROXY="${shown}": "${displayValue(entry.url)}" looks private and is followed by "|", so when it fails the go command asks "${displayValue(publicLater.url)}" for the same (private) module paths (golang/go#37367).`,
      fix: `Use "," after "${displayValue(entry.url)}" so only a 404/410 falls through, and list private module paths in GOPRIVATE/GONOPROXY.`
    });
  });
  return problems;
}
__name(lintPrivateFallthrough, "lintPrivateFallthrough");
function isPrivateLookingProxy(entry, goprivate, gonoproxy) {
  return privateLooking(entry, goprivate, privateDomains(goprivate, gonoproxy));
}
__name(isPrivateLookingProxy, "isPrivateLookingProxy");
function privateLooking(entry, goprivate, domains) {
  if (entry.parsed === null || entry.isFile) return false;
  const host = hostname(entry.parsed);
  if (isPublicDefaultProxy(host)) return false;
  if (entry.parsed.username !== null) return true;
  if (looksPrivateHost(host)) return true;
  if (goprivate !== "" && matchPrefixPatterns(goprivate, host)) return true;
  return domains.has(organisationDomain(host));
}
__name(privateLooking, "privateLooking");
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
  lintGoproxy,
  decideGoproxy,
  privateLookingModules
};
