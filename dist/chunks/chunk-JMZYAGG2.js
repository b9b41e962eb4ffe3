import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  InputError
} from "./chunk-6PXY3W7Y.js";
import {
  privateLookingModules
} from "./chunk-QHPJQ3Q3.js";
import {
  isMalformedPattern,
  matchPrefixPatterns,
  splitPatternList
} from "./chunk-BZ6GQI7H.js";
import {
  isPublicDefaultProxy
} from "./chunk-C2CKZ3L6.js";
import {
  formatProxyList,
  goFields,
  goTrimSpace,
  parseProxyList
} from "./chunk-ELAIAVPO.js";
import {
  error,
  logInfo,
  notice,
  setSecret,
  warning
} from "./chunk-2GCR54O6.js";
import {
  capList,
  displayValue,
  excerpt,
  proxyListSecrets,
  redactForDisplay,
  redactProxyList,
  visibleControls
} from "./chunk-U5PTCI5V.js";
import {
  formatGoURL,
  hostname,
  parseGoURL,
  redactGoURL
} from "./chunk-4T6WLE4C.js";
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/report/annotations.ts
var ANNOTATIONS_PER_TYPE = 10;
var OVERFLOW_LINES = 50;
function planAnnotations(problems) {
  const counts = { error: 0, warning: 0, notice: 0 };
  const annotated = [];
  const overflow = [];
  for (const problem of problems) {
    if (counts[problem.severity] < ANNOTATIONS_PER_TYPE) {
      counts[problem.severity] += 1;
      annotated.push(problem);
    } else {
      overflow.push(problem);
    }
  }
  return { annotated, overflow };
}
__name(planAnnotations, "planAnnotations");
function annotationText(problem) {
  return redactForDisplay(problem.fix === void 0 ? problem.message : `${problem.message}
Fix: ${problem.fix}`);
}
__name(annotationText, "annotationText");
function emitAnnotations(problems) {
  const { annotated, overflow } = planAnnotations(problems);
  for (const problem of annotated) {
    const properties = { title: `setup-goproxy: ${problem.code}` };
    if (problem.file !== void 0) properties.file = problem.file;
    if (problem.line !== void 0) {
      properties.startLine = problem.line;
      properties.endLine = problem.line;
    }
    const text = annotationText(problem);
    if (problem.severity === "error") error(text, properties);
    else if (problem.severity === "warning") warning(text, properties);
    else notice(text, properties);
  }
  if (overflow.length > 0) {
    logInfo(`${overflow.length} more problem(s) exceed the runner's limit of ${ANNOTATIONS_PER_TYPE} annotations per type; all are listed in the job summary:`);
    const { shown, omitted } = capList(overflow, OVERFLOW_LINES);
    for (const problem of shown) logInfo(visibleControls(`  [${problem.severity}] ${problem.code}${problem.file === void 0 ? "" : ` (${problem.file}${problem.line === void 0 ? "" : `:${problem.line}`})`}: ${problem.message}`));
    if (omitted > 0) logInfo(`  \u2026 and ${omitted} more (see the job summary and the problems output).`);
  }
}
__name(emitAnnotations, "emitAnnotations");

// src/problem-matcher/register.ts
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

// src/problem-matcher/goMatchers.ts
var GO_MATCHER_OWNER = "setup-goproxy-go";
var GO_TEST_MATCHER_OWNER = "setup-goproxy-go-test";
var GO_DIAGNOSTIC_REGEXP = "^[ \\t]*(?:vet: )?((?:[A-Za-z]:)?[^\\s:]+\\.go):([0-9]+):([0-9]+): (.+)$";
var GO_TEST_REGEXP = "^[ \\t]+(([^\\s:]+_test\\.go):([0-9]+): .+)$";
var GO_PROBLEM_MATCHERS = [
  { owner: GO_MATCHER_OWNER, severity: "error", pattern: [{ regexp: GO_DIAGNOSTIC_REGEXP, file: 1, line: 2, column: 3, message: 4 }] },
  { owner: GO_TEST_MATCHER_OWNER, severity: "error", pattern: [{ regexp: GO_TEST_REGEXP, file: 2, line: 3, message: 1 }] }
];
function problemMatcherFile(matchers = GO_PROBLEM_MATCHERS) {
  return `${JSON.stringify({ problemMatcher: matchers }, null, 2)}
`;
}
__name(problemMatcherFile, "problemMatcherFile");

// src/problem-matcher/register.ts
var PROBLEM_MATCHER_STATE_KEY = "problem-matchers";
function escapeData(text) {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
__name(escapeData, "escapeData");
function escapeProperty(text) {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
__name(escapeProperty, "escapeProperty");
async function registerGoProblemMatchers(dir = process.env["RUNNER_TEMP"] || tmpdir(), write = (line) => process.stdout.write(`${line}
`)) {
  const file = path.join(dir, "setup-goproxy-go-matchers.json");
  await writeFile(file, problemMatcherFile());
  write(`::add-matcher::${escapeData(file)}`);
  const owners = GO_PROBLEM_MATCHERS.map((matcher) => matcher.owner);
  return { file, owners, state: JSON.stringify(owners) };
}
__name(registerGoProblemMatchers, "registerGoProblemMatchers");
function removeGoProblemMatchers(state, write = (line) => process.stdout.write(`${line}
`)) {
  if (state.trim() === "") return [];
  let owners;
  try {
    owners = JSON.parse(state);
  } catch {
    return [];
  }
  if (!Array.isArray(owners)) return [];
  const known = new Set(GO_PROBLEM_MATCHERS.map((matcher) => matcher.owner));
  const removed = owners.filter((owner) => typeof owner === "string" && known.has(owner));
  for (const owner of removed) write(`::remove-matcher owner=${escapeProperty(owner)}::`);
  return removed;
}
__name(removeGoProblemMatchers, "removeGoProblemMatchers");

// src/credentials/phase.ts
import { randomBytes } from "node:crypto";
import { mkdir, unlink as unlink2, writeFile as writeFile3 } from "node:fs/promises";
import path3 from "node:path";

// src/go/netrc.ts
function parseNetrc(text) {
  const entries = [];
  let current = { machine: "", login: "", password: "" };
  let inMacro = false;
  for (const line of text.split("\n")) {
    if (inMacro) {
      if (line === "") inMacro = false;
      continue;
    }
    const f = goFields(line);
    let i = 0;
    for (; i < f.length - 1; i += 2) {
      const value = f[i + 1];
      switch (f[i]) {
        case "machine":
          current = { machine: value, login: "", password: "" };
          break;
        case "login":
          current.login = value;
          break;
        case "password":
          current.password = value;
          break;
        case "macdef":
          inMacro = true;
          break;
        default:
          break;
      }
      if (current.machine !== "" && current.login !== "" && current.password !== "") {
        entries.push(current);
        current = { machine: "", login: "", password: "" };
      }
    }
    if (i < f.length && f[i] === "default") break;
  }
  return entries;
}
__name(parseNetrc, "parseNetrc");
function requestHost(requestUrl) {
  const parsed = parseGoURL(requestUrl);
  if (!parsed.ok) return null;
  const host = parsed.url.host;
  return host.endsWith(":") ? host.slice(0, -1) : host;
}
__name(requestHost, "requestHost");
function netrcCredentialsFor(entries, requestUrl) {
  const parsed = parseGoURL(requestUrl);
  if (!parsed.ok || parsed.url.scheme !== "https") return null;
  const host = requestHost(requestUrl);
  const entry = entries.find((e) => e.machine === host);
  return entry === void 0 ? null : { login: entry.login, password: entry.password };
}
__name(netrcCredentialsFor, "netrcCredentialsFor");
function authorizationFor(entries, requestUrl) {
  const parsed = parseGoURL(requestUrl);
  if (!parsed.ok) return { kind: "none" };
  const u = parsed.url;
  if (u.scheme === "http" && u.username !== null) {
    return { kind: "refused", error: `refusing to pass credentials to insecure URL: ${redactGoURL(u)}` };
  }
  if (u.scheme !== "https") return { kind: "none" };
  const fromNetrc = netrcCredentialsFor(entries, requestUrl);
  if (fromNetrc !== null) return { kind: "basic", ...fromNetrc, source: "netrc" };
  if (u.username !== null) return { kind: "basic", login: u.username, password: u.password ?? "", source: "userinfo" };
  return { kind: "none" };
}
__name(authorizationFor, "authorizationFor");

// src/go/netrcFile.ts
import { constants, statSync } from "node:fs";
import { open } from "node:fs/promises";
import nodePath from "node:path";
function pathApi(platform) {
  return platform === "win32" ? nodePath.win32 : nodePath.posix;
}
__name(pathApi, "pathApi");
function statExists(file) {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}
__name(statExists, "statExists");
function homeVariable(platform = process.platform) {
  return platform === "win32" ? "USERPROFILE" : "HOME";
}
__name(homeVariable, "homeVariable");
function goReadsDotNetrcOnWindows(goVersion) {
  const match = goVersion === null || goVersion === void 0 ? null : /^go(\d+)\.(\d+)/.exec(goVersion);
  if (match === null) return true;
  const major = Number(match[1]);
  return major > 1 || Number(match[2]) >= 24;
}
__name(goReadsDotNetrcOnWindows, "goReadsDotNetrcOnWindows");
function netrcPath(env, lookup = {}) {
  const options = typeof lookup === "string" ? { platform: lookup } : lookup;
  const platform = options.platform ?? process.platform;
  if (env["NETRC"]) return env["NETRC"];
  const home = env[homeVariable(platform)];
  if (!home) return null;
  const join = pathApi(platform).join;
  if (platform !== "win32") return join(home, ".netrc");
  const legacy = join(home, "_netrc");
  if (!goReadsDotNetrcOnWindows(options.goVersion) || (options.exists ?? statExists)(legacy)) return legacy;
  return join(home, ".netrc");
}
__name(netrcPath, "netrcPath");
function netrcWriteTargets(env, lookup = {}) {
  const platform = lookup.platform ?? process.platform;
  const goFile = netrcPath(env, lookup);
  if (goFile === null) return [];
  if (env["NETRC"] || platform !== "win32") return [goFile];
  const exists = lookup.exists ?? statExists;
  const home = env[homeVariable(platform)];
  const dotNetrc = pathApi(platform).join(home, ".netrc");
  const legacy = pathApi(platform).join(home, "_netrc");
  if (!exists(dotNetrc) && !exists(legacy)) return [legacy];
  return goFile === dotNetrc ? [dotNetrc] : exists(dotNetrc) ? [legacy, dotNetrc] : [legacy];
}
__name(netrcWriteTargets, "netrcWriteTargets");
var NETRC_MAX_BYTES = 1024 * 1024;
async function readNetrcFile(file, platform = process.platform) {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | (platform === "win32" ? 0 : constants.O_NONBLOCK));
  } catch (error2) {
    const code = error2.code ?? "error";
    if (code === "ENOENT") return { kind: "missing" };
    if (code === "ENOTDIR") return { kind: "unusable", reason: `${file} cannot exist: a directory in its path is a file (ENOTDIR)`, fix: `Point NETRC at a file in a directory (e.g. $RUNNER_TEMP/netrc), or unset it to use the file in ${homeVariable(platform)}.` };
    if (code === "EISDIR") return isDirectory(file, platform);
    return { kind: "unusable", reason: `${file} cannot be opened (${code})`, fix: `Make ${file} readable and writable by the runner's user, or point NETRC at another file.` };
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return isDirectory(file, platform);
    if (!info.isFile()) return { kind: "unusable", reason: `${file} is not a regular file (a FIFO, socket or device)`, fix: `Replace ${file} with a regular file, or point NETRC at one.` };
    if (info.size > NETRC_MAX_BYTES) return { kind: "unusable", reason: `${file} has ${info.size} bytes, more than the ${NETRC_MAX_BYTES} a netrc may have here`, fix: `Trim ${file}, or point NETRC at a smaller file.` };
    const buffer = Buffer.alloc(info.size + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > NETRC_MAX_BYTES) return { kind: "unusable", reason: `${file} grew past ${NETRC_MAX_BYTES} bytes while it was read`, fix: `Trim ${file}.` };
    return { kind: "ok", bytes: buffer.subarray(0, filled) };
  } catch (error2) {
    return { kind: "unusable", reason: `${file} cannot be read (${error2.code ?? "error"})`, fix: `Make ${file} readable by the runner's user, or point NETRC at another file.` };
  } finally {
    await handle.close();
  }
}
__name(readNetrcFile, "readNetrcFile");
function isDirectory(file, platform) {
  return { kind: "unusable", reason: `${file} is a directory`, fix: `Remove the directory ${file} (the go command 1.24+ fails with "could not parse netrc" while it is one), or point NETRC at a file${platform === "win32" ? "" : " (e.g. NETRC=$RUNNER_TEMP/netrc)"}.` };
}
__name(isDirectory, "isDirectory");
async function readNetrc(env, lookup = {}) {
  const file = netrcPath(env, lookup);
  if (file === null) return [];
  const read = await readNetrcFile(file, lookup.platform);
  return read.kind === "ok" ? parseNetrc(read.bytes.toString("utf8")) : [];
}
__name(readNetrc, "readNetrc");

// src/credentials/inputs.ts
var NETRC_SHAPE = "`machine HOST[:PORT] login USER password SECRET`";
var HOST_PORT = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;
function isHostPort(value) {
  return HOST_PORT.test(value);
}
__name(isHostPort, "isHostPort");
function netrcInputSecrets(raw) {
  const found = /* @__PURE__ */ new Set();
  for (const line of raw.split(/\r?\n/)) {
    const fields = goFields(line);
    if (fields.length === 0 || fields[0].startsWith("#")) continue;
    fields.forEach((field, index) => {
      const keyword = index > 0 ? fields[index - 1] : void 0;
      if (keyword === "password") found.add(field);
      else if (keyword === "login" && field.length >= 16) found.add(field);
    });
    const wellFormed = fields.length === 6 && fields[0] === "machine" && fields[2] === "login" && fields[4] === "password";
    if (!wellFormed) {
      for (const field of fields) if (!["machine", "login", "password"].includes(field) && field.length >= 8) found.add(field);
    }
  }
  return [...found];
}
__name(netrcInputSecrets, "netrcInputSecrets");
function parseNetrcInput(raw) {
  const entries = [];
  raw.split(/\r?\n/).forEach((line, index) => {
    const lineNumber = index + 1;
    const fields = goFields(line);
    if (fields.length === 0 || fields[0].startsWith("#")) return;
    const fail = /* @__PURE__ */ __name((reason, fix = `Write each line as ${NETRC_SHAPE}.`) => {
      throw new InputError("netrc", `line ${lineNumber}`, `line ${lineNumber} ${reason}`, fix);
    }, "fail");
    if (fields.length !== 6) fail(`has ${fields.length} fields; expected 6 (${NETRC_SHAPE})`);
    const values = /* @__PURE__ */ new Map();
    for (let i = 0; i < fields.length; i += 2) {
      const keyword = fields[i];
      if (keyword !== "machine" && keyword !== "login" && keyword !== "password") {
        fail(`has a field where a keyword (machine, login or password) should be (field ${i + 1})`);
      }
      if (values.has(keyword)) fail(`names "${keyword}" twice`);
      values.set(keyword, fields[i + 1]);
    }
    const machine = values.get("machine");
    if (machine.includes("://") || machine.includes("/") || machine.includes("@")) {
      fail("has a URL as machine; the go command compares machine with the request host[:port] only", "Write only the host and, when the URL has one, the port: `machine goproxy.corp.example:8443`.");
    }
    if (!isHostPort(machine)) fail("has a machine that is not a host name or host:port", "Write the host exactly as in the URL, e.g. `machine goproxy.corp.example` or `machine 10.0.0.5:8443`.");
    entries.push({ machine, login: values.get("login"), password: values.get("password") });
  });
  return entries;
}
__name(parseNetrcInput, "parseNetrcInput");
function parseGitTokenHosts(raw) {
  const hosts = [];
  for (const element of raw.split(/[\s,]+/)) {
    if (element === "" || element.startsWith("#")) continue;
    if (!isHostPort(element)) {
      const reason = element.includes("://") || element.includes("/") ? `"${displayValue(element)}" is a URL or path, not a host` : /[*?[\]]/.test(element) ? `"${displayValue(element)}" is a pattern; git url.insteadOf rules need a literal host` : `"${displayValue(element)}" is not a host name`;
      throw new InputError("git-token-hosts", raw, reason, "List host names such as github.com or ghe.corp.example:8443, separated by commas or newlines.");
    }
    const host = element.toLowerCase();
    if (!hosts.includes(host)) hosts.push(host);
  }
  return hosts;
}
__name(parseGitTokenHosts, "parseGitTokenHosts");

// src/credentials/prefixes.ts
var GLOB_META = /[*?[\\]/;
function privatePatterns(goprivate, gonoproxy) {
  const out = [];
  for (const pattern of [...splitPatternList(gonoproxy), ...splitPatternList(goprivate)]) if (!out.includes(pattern)) out.push(pattern);
  return out;
}
__name(privatePatterns, "privatePatterns");
function isSentinel(pattern) {
  const host = pattern.split("/")[0] ?? "";
  return !host.includes(".") && !host.includes(":") && !GLOB_META.test(host);
}
__name(isSentinel, "isSentinel");
function derivePrefixes(patterns) {
  const prefixes = [];
  const unexpressible = [];
  for (const pattern of patterns) {
    if (isSentinel(pattern) || isMalformedPattern(pattern) || /\s/.test(pattern) || pattern.includes("//")) continue;
    const elements = pattern.split("/");
    const firstGlob = elements.findIndex((element) => GLOB_META.test(element));
    let literal;
    if (firstGlob < 0) literal = elements;
    else if (firstGlob === elements.length - 1 && elements[firstGlob] === "*" && firstGlob > 0) literal = elements.slice(0, firstGlob);
    else {
      unexpressible.push({
        pattern,
        reason: firstGlob === 0 ? "its host is a wildcard, and a git url.insteadOf rule is a literal URL prefix" : "it has a wildcard inside a path element, and a git url.insteadOf rule is a literal URL prefix (a rule for the literal part would cover more than the pattern)"
      });
      continue;
    }
    const host = literal[0];
    if (host !== host.toLowerCase()) continue;
    prefixes.push({ prefix: literal.join("/"), host, source: pattern });
  }
  return { prefixes: minimalPrefixes(prefixes), unexpressible };
}
__name(derivePrefixes, "derivePrefixes");
function minimalPrefixes(prefixes) {
  const covers = /* @__PURE__ */ __name((outer, inner) => inner === outer || inner.startsWith(outer + "/"), "covers");
  const out = [];
  for (const candidate of prefixes) {
    if (prefixes.some((other) => other.prefix !== candidate.prefix && covers(other.prefix, candidate.prefix))) continue;
    if (out.some((kept) => kept.prefix === candidate.prefix)) continue;
    out.push(candidate);
  }
  return out;
}
__name(minimalPrefixes, "minimalPrefixes");
function selectTokenPrefixes(derived, hosts) {
  if (hosts.length === 0) return [...derived];
  const out = derived.filter((prefix) => hosts.includes(prefix.host));
  for (const host of hosts) if (!out.some((prefix) => prefix.host === host)) out.push({ prefix: host, host, source: "git-token-hosts" });
  return minimalPrefixes(out);
}
__name(selectTokenPrefixes, "selectTokenPrefixes");
var OWNER_REPO_HOSTS = /* @__PURE__ */ new Set(["github.com", "bitbucket.org"]);
function ruleEndsWithSlash(prefix) {
  const elements = prefix.split("/");
  if (elements.length === 1) return true;
  return elements.length === 2 && OWNER_REPO_HOSTS.has(elements[0]);
}
__name(ruleEndsWithSlash, "ruleEndsWithSlash");
var TOKEN_USER = "x-access-token";
function insteadOfRule(prefix, token) {
  const slash = ruleEndsWithSlash(prefix) ? "/" : "";
  const elements = prefix.split("/");
  const host = elements[0];
  const rest = elements.slice(1).join("/");
  const base = `https://${TOKEN_USER}:${encodeURIComponent(token)}@${prefix}${slash}`;
  const insteadOf = [`https://${prefix}${slash}`];
  if (!host.includes(":")) {
    insteadOf.push(`ssh://git@${prefix}${slash}`);
    insteadOf.push(rest === "" ? `git@${host}:` : `git@${host}:${rest}${slash}`);
  }
  return { prefix, base, insteadOf };
}
__name(insteadOfRule, "insteadOfRule");
function prefixCoversModule(prefix, modulePath) {
  if (ruleEndsWithSlash(prefix)) return modulePath.startsWith(prefix + "/");
  return modulePath.startsWith(prefix);
}
__name(prefixCoversModule, "prefixCoversModule");
function repositoryUrl(modulePath) {
  const elements = modulePath.split("/");
  const dotGit = elements.findIndex((element, index) => index > 0 && element.endsWith(".git") && element.length > 4);
  if (dotGit > 0) return { url: `https://${elements.slice(0, dotGit + 1).join("/")}`, exact: true };
  const repo = elements.slice(0, Math.min(3, elements.length)).join("/");
  return { url: `https://${repo}`, exact: OWNER_REPO_HOSTS.has(elements[0] ?? "") };
}
__name(repositoryUrl, "repositoryUrl");

// src/credentials/userinfo.ts
function moveUserinfo(goproxy, existing) {
  const parsed = parseProxyList(goproxy, "");
  if (!parsed.ok) return { goproxy, add: [], outcomes: [] };
  const parts = goproxy.split(/([,|])/);
  const candidates = [];
  let entryIndex = 0;
  for (let i = 0; i < parts.length && entryIndex < parsed.entries.length; i += 2) {
    if (goTrimSpace(parts[i]) === "") continue;
    const entry = parsed.entries[entryIndex++];
    if (entry.kind !== "url" || entry.parsed === null || entry.parsed.username === null) continue;
    const machine = requestHost(entry.url) ?? entry.parsed.host;
    candidates.push({
      tokenIndex: i,
      machine,
      login: entry.parsed.username,
      password: entry.parsed.password ?? "",
      scheme: entry.parsed.scheme,
      stripped: formatGoURL({ ...entry.parsed, username: null, password: null })
    });
  }
  const outcomes = [];
  const add = [];
  for (const candidate of candidates) {
    const { machine } = candidate;
    if (candidate.scheme !== "https") {
      outcomes.push({ kind: "kept", machine, reason: "http" });
      continue;
    }
    if (existing.some((entry) => entry.machine === machine)) {
      replaceToken(parts, candidate);
      outcomes.push({ kind: "dropped-netrc-wins", machine });
      continue;
    }
    if (candidate.login === "" || candidate.password === "") {
      outcomes.push({ kind: "kept", machine, reason: "incomplete" });
      continue;
    }
    const sameHost = candidates.filter((other) => other.scheme === "https" && other.machine === machine);
    if (sameHost.some((other) => other.login !== candidate.login || other.password !== candidate.password)) {
      outcomes.push({ kind: "kept", machine, reason: "conflict" });
      continue;
    }
    replaceToken(parts, candidate);
    if (!add.some((entry) => entry.machine === machine)) add.push({ machine, login: candidate.login, password: candidate.password });
    outcomes.push({ kind: "moved", machine });
  }
  return { goproxy: parts.join(""), add, outcomes };
}
__name(moveUserinfo, "moveUserinfo");
function replaceToken(parts, candidate) {
  const token = parts[candidate.tokenIndex];
  const leading = /^\s*/.exec(token)[0];
  const trailing = /\s*$/.exec(token)[0];
  parts[candidate.tokenIndex] = leading + candidate.stripped + trailing;
}
__name(replaceToken, "replaceToken");

// src/credentials/netrcEdit.ts
function beginMarker(id) {
  return `# setup-goproxy-begin ${id}`;
}
__name(beginMarker, "beginMarker");
function endMarker(id) {
  return `# setup-goproxy-end ${id}`;
}
__name(endMarker, "endMarker");
function lineEnding(text) {
  return text.includes("\r\n") ? "\r\n" : "\n";
}
__name(lineEnding, "lineEnding");
function formatNetrcEntry(entry) {
  return `machine ${entry.machine} login ${entry.login} password ${entry.password}`;
}
__name(formatNetrcEntry, "formatNetrcEntry");
function netrcBlock(id, entries, eol) {
  const lines = [beginMarker(id), ...entries.map(formatNetrcEntry), endMarker(id)];
  return lines.join(eol) + eol;
}
__name(netrcBlock, "netrcBlock");
function findLine(text, line, from) {
  let at = text.indexOf(line, from);
  while (at >= 0) {
    const startsLine = at === 0 || text[at - 1] === "\n";
    const after = text.slice(at + line.length, at + line.length + 2);
    const endsLine = after === "" || after.startsWith("\n") || after === "\r\n" || after.startsWith("\r") && after.length === 1;
    if (startsLine && endsLine) return at;
    at = text.indexOf(line, at + 1);
  }
  return -1;
}
__name(findLine, "findLine");
function removeNetrcBlock(text, id) {
  const begin = findLine(text, beginMarker(id), 0);
  if (begin < 0) return { text, found: false };
  const end = findLine(text, endMarker(id), begin);
  if (end < 0) return { text, found: false };
  let stop = end + endMarker(id).length;
  if (text.startsWith("\r\n", stop)) stop += 2;
  else if (text.startsWith("\n", stop)) stop += 1;
  return { text: text.slice(0, begin) + text.slice(stop), found: true };
}
__name(removeNetrcBlock, "removeNetrcBlock");
function netrcBlockState(text, id) {
  const begin = findLine(text, beginMarker(id), 0);
  const end = findLine(text, endMarker(id), 0);
  if (begin < 0 && end < 0) return "absent";
  if (begin >= 0 && end > begin) return "intact";
  return "damaged";
}
__name(netrcBlockState, "netrcBlockState");

// src/credentials/gitConfig.ts
import { createHash } from "node:crypto";
import { readFile, unlink, writeFile as writeFile2 } from "node:fs/promises";
import { accessSync, constants as constants2 } from "node:fs";
import path2 from "node:path";

// src/credentials/git.ts
import { spawn } from "node:child_process";
function nonInteractiveGitEnv(env) {
  return {
    ...env,
    GIT_TERMINAL_PROMPT: "0",
    GIT_ASKPASS: "",
    SSH_ASKPASS: "",
    GCM_INTERACTIVE: "never",
    GIT_SSH_COMMAND: env["GIT_SSH_COMMAND"] || "ssh -o BatchMode=yes",
    // Messages are parsed; keep them in English.
    LANG: "C",
    LC_ALL: "C",
    LANGUAGE: ""
  };
}
__name(nonInteractiveGitEnv, "nonInteractiveGitEnv");
function treeKillCommand(pid, platform) {
  if (platform === "win32") return { command: "taskkill", args: ["/pid", String(pid), "/T", "/F"] };
  return { group: pid };
}
__name(treeKillCommand, "treeKillCommand");
function killTree(child, platform, spawnFn) {
  if (child.pid === void 0) return;
  const how = treeKillCommand(child.pid, platform);
  try {
    if ("group" in how) process.kill(-how.group, "SIGKILL");
    else spawnFn(how.command, how.args, { stdio: "ignore", windowsHide: true }).on("error", () => child.kill("SIGKILL"));
  } catch {
    child.kill("SIGKILL");
  }
}
__name(killTree, "killTree");
var MAX_OUTPUT_BYTES = 4 * 1024 * 1024;
function runGit(args, env, timeoutMs, options = {}) {
  const platform = options.platform ?? process.platform;
  const spawnFn = options.spawn ?? ((command, commandArgs, spawnOptions) => spawn(command, [...commandArgs], spawnOptions));
  return new Promise((resolve) => {
    let child;
    try {
      child = spawnFn("git", args, { env: nonInteractiveGitEnv(env), stdio: ["ignore", "pipe", "pipe"], detached: process.platform !== "win32", windowsHide: true });
    } catch (error2) {
      resolve({ code: null, stdout: "", stderr: error2 instanceof Error ? error2.message : String(error2), timedOut: false, missing: false });
      return;
    }
    const out = [];
    const err = [];
    let outBytes = 0;
    let errBytes = 0;
    child.stdout?.on("data", (chunk) => {
      if (outBytes < MAX_OUTPUT_BYTES) out.push(chunk);
      outBytes += chunk.length;
    });
    child.stderr?.on("data", (chunk) => {
      if (errBytes < MAX_OUTPUT_BYTES) err.push(chunk);
      errBytes += chunk.length;
    });
    let settled = false;
    let timedOut = false;
    const finish = /* @__PURE__ */ __name((result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    }, "finish");
    const collected = /* @__PURE__ */ __name((code) => ({ code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), timedOut, missing: false }), "collected");
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child, platform, spawnFn);
    }, timeoutMs);
    child.on("error", (error2) => {
      if (error2.code === "ENOENT") finish({ code: null, stdout: "", stderr: "", timedOut: false, missing: true });
      else finish({ ...collected(null), stderr: error2.message });
    });
    child.on("exit", (code) => {
      if (!timedOut) return;
      child.stdout?.destroy();
      child.stderr?.destroy();
      finish(collected(code));
    });
    child.on("close", (code) => finish(collected(code)));
  });
}
__name(runGit, "runGit");

// src/credentials/gitConfig.ts
var GIT_TIMEOUT_MS = 15e3;
function sha256(data) {
  return createHash("sha256").update(data).digest("hex");
}
__name(sha256, "sha256");
function readable(file) {
  try {
    accessSync(file, constants2.R_OK);
    return true;
  } catch {
    return false;
  }
}
__name(readable, "readable");
function globalGitConfigPath(env, platform = process.platform) {
  if (env["GIT_CONFIG_GLOBAL"]) return env["GIT_CONFIG_GLOBAL"];
  const home = env["HOME"] || (platform === "win32" ? env["USERPROFILE"] : void 0);
  if (!home) return null;
  const user = path2.join(home, ".gitconfig");
  const xdg = env["XDG_CONFIG_HOME"] ? path2.join(env["XDG_CONFIG_HOME"], "git", "config") : path2.join(home, ".config", "git", "config");
  return !readable(user) && readable(xdg) ? xdg : user;
}
__name(globalGitConfigPath, "globalGitConfigPath");
async function readOrNull(file) {
  try {
    return await readFile(file);
  } catch (error2) {
    if (error2.code === "ENOENT") return null;
    throw error2;
  }
}
__name(readOrNull, "readOrNull");
function pinnedEnv(env, file) {
  return { ...env, GIT_CONFIG_GLOBAL: file };
}
__name(pinnedEnv, "pinnedEnv");
function helperResetScope(rule) {
  const host = rule.prefix.split("/")[0] ?? rule.prefix;
  return `https://${TOKEN_USER}@${host}/`;
}
__name(helperResetScope, "helperResetScope");
function helperKey(scope) {
  return `credential.${scope}.helper`;
}
__name(helperKey, "helperKey");
function configValues(run) {
  if (run.code !== 0) return [];
  const lines = run.stdout.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}
__name(configValues, "configValues");
function noGlobalFile(platform) {
  return platform === "win32" ? { reason: "neither HOME nor USERPROFILE is set, so git has no global configuration file", fix: "Set USERPROFILE (or GIT_CONFIG_GLOBAL to a writable file) before this step." } : { reason: "HOME is not set, so git has no global configuration file", fix: "Set HOME (or GIT_CONFIG_GLOBAL to a writable file) before this step." };
}
__name(noGlobalFile, "noGlobalFile");
async function writeInsteadOfRules(rules, env, hooks = {}) {
  const platform = hooks.platform ?? process.platform;
  const file = globalGitConfigPath(env, platform);
  if (file === null) return { kind: "failed", ...noGlobalFile(platform) };
  const unwritable = { fix: `Make ${file} a regular file the runner's user can write (or point GIT_CONFIG_GLOBAL at one) before this step.` };
  let before;
  try {
    before = await readOrNull(file);
  } catch (error2) {
    const code = error2.code ?? "error";
    return { kind: "failed", reason: code === "EISDIR" ? `${file} is a directory` : `${file} cannot be read (${code})`, ...unwritable };
  }
  const gitEnv = pinnedEnv(env, file);
  const planned = [];
  const plannedValues = /* @__PURE__ */ new Map();
  let alreadyPresent = 0;
  for (const rule of rules) {
    const current = await runGit(["config", "--global", "--get-all", `url.${rule.base}.insteadOf`], gitEnv, GIT_TIMEOUT_MS);
    if (current.missing) return { kind: "failed", reason: "git is not installed (not on PATH)", fix: "Install git on the runner (or put it on PATH) before this step." };
    const present = new Set(configValues(current));
    const values = rule.insteadOf.filter((value) => !present.has(value));
    alreadyPresent += rule.insteadOf.length - values.length;
    plannedValues.set(rule, values);
    if (values.length > 0) planned.push({ baseSha256: sha256(rule.base), values });
  }
  const scopes = [];
  for (const scope of new Set(rules.map(helperResetScope))) {
    const current = await runGit(["config", "--global", "--get-all", helperKey(scope)], gitEnv, GIT_TIMEOUT_MS);
    if (!configValues(current).includes("")) scopes.push(scope);
  }
  const pending = { file, existed: before !== null, appendedLength: -1, appendedSha256: "", rules: planned, helperResets: scopes };
  if (planned.length === 0 && scopes.length === 0) return { kind: "written", added: 0, alreadyPresent, state: { ...pending, appendedLength: 0, appendedSha256: sha256("") } };
  hooks.beforeChange?.(pending);
  const recorded = [];
  const resets = [];
  const undo = /* @__PURE__ */ __name(async (failure) => {
    await removeRules(file, recorded, resets, env);
    return { kind: "failed", reason: `git config failed: ${failure}`, ...unwritable };
  }, "undo");
  for (const scope of scopes) {
    const result = await runGit(["config", "--global", "--add", helperKey(scope), ""], gitEnv, GIT_TIMEOUT_MS);
    if (result.code !== 0) return undo(failureText(result));
    resets.push(scope);
  }
  let added = 0;
  for (const rule of rules) {
    const values = [];
    for (const value of plannedValues.get(rule) ?? []) {
      const result = await runGit(["config", "--global", "--add", `url.${rule.base}.insteadOf`, value], gitEnv, GIT_TIMEOUT_MS);
      if (result.code !== 0) {
        if (values.length > 0) recorded.push({ baseSha256: sha256(rule.base), values });
        return undo(failureText(result));
      }
      values.push(value);
      added++;
    }
    if (values.length > 0) recorded.push({ baseSha256: sha256(rule.base), values });
  }
  let after;
  try {
    after = await readOrNull(file) ?? Buffer.alloc(0);
  } catch {
    after = Buffer.alloc(0);
  }
  const prefix = before ?? Buffer.alloc(0);
  const appendedOnly = after.length >= prefix.length && after.subarray(0, prefix.length).equals(prefix);
  const appended = appendedOnly ? after.subarray(prefix.length) : null;
  return {
    kind: "written",
    added,
    alreadyPresent,
    state: {
      file,
      existed: before !== null,
      // -1: git rewrote the file instead of appending, so the post step uses git to remove the rules.
      appendedLength: appended === null ? -1 : appended.length,
      appendedSha256: appended === null ? "" : sha256(appended),
      rules: recorded,
      helperResets: resets
    }
  };
}
__name(writeInsteadOfRules, "writeInsteadOfRules");
function failureText(result) {
  return firstLine(result.stderr) || (result.timedOut ? "timed out" : `exit code ${String(result.code)}`);
}
__name(failureText, "failureText");
function firstLine(text) {
  return text.split("\n").find((line) => line.trim() !== "")?.trim() ?? "";
}
__name(firstLine, "firstLine");
async function restoreGitConfig(state, env) {
  const resets = state.helperResets ?? [];
  if (state.rules.length === 0 && resets.length === 0) return { kind: "nothing", detail: "no git configuration was added" };
  const current = await readOrNull(state.file);
  if (current === null) return { kind: "file-gone", detail: `${state.file} no longer exists` };
  const length = state.appendedLength;
  if (length > 0 && current.length >= length && sha256(current.subarray(current.length - length)) === state.appendedSha256) {
    const restored = current.subarray(0, current.length - length);
    if (!state.existed && restored.length === 0) {
      await unlink(state.file);
      return { kind: "deleted", detail: `removed ${state.file}, which did not exist before` };
    }
    await writeFile2(state.file, restored);
    return { kind: "restored", detail: `restored ${state.file} as it was` };
  }
  const removal = await removeRules(state.file, state.rules, resets, env);
  if (removal.error !== null) return { kind: "failed", detail: removal.error };
  if (!state.existed) {
    const left = await readOrNull(state.file);
    if (left !== null && left.length === 0) await unlink(state.file);
  }
  if (removal.removed === 0) return { kind: "nothing", detail: `the git-token rules are no longer in ${state.file}` };
  return { kind: "removed-with-git", detail: `${state.file} changed after the main step; removed the added url.insteadOf rules with git config` };
}
__name(restoreGitConfig, "restoreGitConfig");
async function removeRules(file, rules, helperResets, env) {
  let removed = 0;
  if (rules.length === 0 && helperResets.length === 0) return { error: null, removed };
  const listed = await runGit(["config", "--file", file, "--get-regexp", "^(url\\..*\\.insteadof|credential\\..*\\.helper)$"], env, GIT_TIMEOUT_MS);
  if (listed.missing) return { error: "git is not installed, so the url.insteadOf rules could not be removed", removed };
  if (listed.code !== 0 && listed.code !== 1) return { error: `git config --get-regexp failed: ${firstLine(listed.stderr)}`, removed };
  const wanted = new Map(rules.map((rule) => [rule.baseSha256, new Set(rule.values)]));
  const resets = new Set(helperResets);
  const touched = /* @__PURE__ */ new Set();
  for (const line of listed.stdout.split("\n")) {
    const space = line.indexOf(" ");
    const key = space < 0 ? line : line.slice(0, space);
    const value = space < 0 ? null : line.slice(space + 1);
    const section = key.slice(0, key.indexOf("."));
    const middle = key.slice(section.length + 1, key.lastIndexOf("."));
    let name;
    if (section === "url") {
      const values = wanted.get(sha256(middle));
      if (value === null || values === void 0 || !values.has(value)) continue;
      name = `url.${middle}.insteadOf`;
    } else if (section === "credential") {
      if (value !== "" || !resets.has(middle)) continue;
      resets.delete(middle);
      name = helperKey(middle);
    } else {
      continue;
    }
    const unset = await runGit(["config", "--file", file, "--fixed-value", "--unset", name, value], env, GIT_TIMEOUT_MS);
    if (unset.code !== 0) return { error: `git config --unset failed: ${firstLine(unset.stderr)}`, removed };
    removed++;
    touched.add(`${section}.${middle}`);
  }
  for (const section of touched) {
    const left = await runGit(["config", "--file", file, "--get-regexp", `^${escapeRegExp(section)}\\.`], env, GIT_TIMEOUT_MS);
    if (left.code === 1) await runGit(["config", "--file", file, "--remove-section", section], env, GIT_TIMEOUT_MS);
  }
  return { error: null, removed };
}
__name(removeRules, "removeRules");
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
__name(escapeRegExp, "escapeRegExp");

// src/credentials/lsRemote.ts
var AUTH = [
  /could not read (?:Username|Password)/i,
  /terminal prompts disabled/i,
  /Authentication failed/i,
  /returned error: 40[13]\b/i,
  /Invalid username or (?:password|token)/i,
  /HTTP Basic: Access denied/i,
  /Permission denied \((?:publickey|password)/i
];
var NOT_FOUND = [/Repository not found/i, /repository '[^']*' not found/i, /returned error: 404\b/i, /does not appear to be a git repository/i, /\bnot found\b/i];
var NETWORK = [
  /Could not resolve host/i,
  /Failed to connect/i,
  /Couldn't connect to server/i,
  /Connection refused/i,
  /Connection timed out/i,
  /Connection reset/i,
  /Operation timed out/i,
  /SSL certificate problem/i,
  /server certificate verification failed/i,
  /SSL_ERROR|TLS|gnutls/i,
  /Network is unreachable/i,
  /No route to host/i,
  /unable to access/i,
  /returned error: 5\d\d\b/i
];
function classifyLsRemote(stderr) {
  if (AUTH.some((re) => re.test(stderr))) return "auth";
  if (NOT_FOUND.some((re) => re.test(stderr))) return "not-found";
  if (NETWORK.some((re) => re.test(stderr))) return "network";
  return "other";
}
__name(classifyLsRemote, "classifyLsRemote");
function lsRemoteDetail(stderr) {
  const lines = stderr.split(/\r?\n/).map((line2) => line2.trim()).filter((line2) => line2 !== "");
  const line = lines.find((l) => l.startsWith("fatal:")) ?? lines[lines.length - 1] ?? "";
  return redactForDisplay(line);
}
__name(lsRemoteDetail, "lsRemoteDetail");
async function lsRemote(url, env, timeoutMs, options = {}) {
  const { configArgs = [], ...runOptions } = options;
  const run = await runGit([...configArgs, "ls-remote", "--quiet", url, "HEAD"], env, timeoutMs, runOptions);
  if (run.missing) return { kind: "git-missing", detail: "git is not installed" };
  if (run.timedOut) return { kind: "timeout", detail: `no answer within ${Math.round(timeoutMs / 100) / 10} s` };
  if (run.code === 0) return { kind: "ok", detail: "" };
  return { kind: classifyLsRemote(run.stderr), detail: lsRemoteDetail(run.stderr) };
}
__name(lsRemote, "lsRemote");

// src/credentials/validate.ts
function goAtLeast(goVersion, minor) {
  if (goVersion === null) return null;
  const m = /^go(\d+)\.(\d+)/.exec(goVersion);
  if (m === null) return null;
  const major = Number(m[1]);
  return major > 1 || major === 1 && Number(m[2]) >= minor;
}
__name(goAtLeast, "goAtLeast");
function goauthCommands(goauth) {
  return goauth.split(";").map((command) => command.trim()).filter((command) => command !== "");
}
__name(goauthCommands, "goauthCommands");
function goReadsNetrc(goVersion, goauth) {
  const commands = goauthCommands(goauth);
  if (commands.length === 0 || commands.includes("netrc")) return true;
  return goAtLeast(goVersion, 24) === false;
}
__name(goReadsNetrc, "goReadsNetrc");
function privateViaPublicProxy(required, settings, tokenPrefixes2) {
  const parsed = parseProxyList(settings.goproxy, settings.gonoproxy);
  if (!parsed.ok) return [];
  const first = parsed.entries[0];
  if (first === void 0 || first.kind !== "url" || first.parsed === null || !isPublicDefaultProxy(hostname(first.parsed))) return [];
  const viaProxy = required.filter((module) => module.viaProxy);
  const looking = new Set(privateLookingModules(viaProxy.map((module) => module.path), parsed.entries, settings.goprivate, settings.gonoproxy));
  for (const module of viaProxy) if (tokenPrefixes2.some((prefix) => prefixCoversModule(prefix.prefix, module.path))) looking.add(module.path);
  const problems = [];
  const seen = /* @__PURE__ */ new Set();
  for (const module of viaProxy) {
    if (!looking.has(module.path) || seen.has(module.path)) continue;
    seen.add(module.path);
    problems.push({
      severity: "error",
      code: "PRIVATE_MODULE_VIA_PUBLIC_PROXY",
      variable: "GONOPROXY",
      file: module.goModFile,
      line: module.line,
      message: `${module.path} looks private but does not match GONOPROXY="${settings.gonoproxy}", so the go command asks the public proxy "${redactForDisplay(first.url)}" for it first: that sends the private path to a public service, which cannot serve it.`,
      fix: `Make GONOPROXY cover it: add ${ownerPattern(module.path)} to GOPRIVATE (or to GONOPROXY when that is set) and give git-token for direct access, or put your private proxy before proxy.golang.org in GOPROXY.`
    });
  }
  return problems;
}
__name(privateViaPublicProxy, "privateViaPublicProxy");
function ownerPattern(path5) {
  const parts = path5.split("/");
  return parts.length >= 3 ? parts.slice(0, 2).join("/") : parts[0] ?? path5;
}
__name(ownerPattern, "ownerPattern");

// src/credentials/phase.ts
var CREDENTIALS_STATE_KEY = "credentials";
var MAX_REPOSITORY_CHECKS = 10;
var CHECK_CONCURRENCY = 4;
function credentialSecrets(options) {
  const found = /* @__PURE__ */ new Set();
  const token = options.gitToken.trim();
  if (token !== "") {
    found.add(token);
    found.add(encodeURIComponent(token));
    found.add(Buffer.from(`x-access-token:${token}`).toString("base64"));
  }
  if (options.gitToken !== token && options.gitToken.trim() !== "") found.add(options.gitToken);
  for (const secret of netrcInputSecrets(options.netrc)) found.add(secret);
  for (const secret of proxyListSecrets(options.goproxy)) found.add(secret);
  return [...found].filter((secret) => secret !== "");
}
__name(credentialSecrets, "credentialSecrets");
function registerSecrets(secrets) {
  for (const secret of secrets) setSecret(secret);
}
__name(registerSecrets, "registerSecrets");
function scrub(text, secrets) {
  let out = redactForDisplay(text);
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) if (secret.length >= 8) out = out.split(secret).join("***");
  return out;
}
__name(scrub, "scrub");
function tokenPrefixes(options, hosts) {
  const derived = derivePrefixes(privatePatterns(options.goprivate, options.gonoproxy || options.goprivate));
  return {
    selected: selectTokenPrefixes(derived.prefixes, hosts),
    unexpressible: derived.unexpressible,
    hasPrivatePatterns: derived.prefixes.length > 0 || derived.unexpressible.length > 0
  };
}
__name(tokenPrefixes, "tokenPrefixes");
function goesDirectFirst(goproxy) {
  const first = goproxy.split(/[,|]/).map((entry) => entry.trim()).find((entry) => entry !== "");
  return first === "direct";
}
__name(goesDirectFirst, "goesDirectFirst");
function stateRecord(state) {
  return { [CREDENTIALS_STATE_KEY]: JSON.stringify(state) };
}
__name(stateRecord, "stateRecord");
function hasCleanup(state) {
  return state.git !== void 0 || (state.netrc ?? []).length > 0;
}
__name(hasCleanup, "hasCleanup");
async function setUpCredentials(options) {
  const secrets = credentialSecrets(options);
  registerSecrets(secrets);
  const netrcInput = parseNetrcInput(options.netrc);
  const hosts = parseGitTokenHosts(options.gitTokenHosts);
  const token = options.gitToken.trim();
  const platform = options.platform ?? process.platform;
  const problems = [];
  const summary = [];
  const state = { version: 2 };
  const record = /* @__PURE__ */ __name(() => {
    if (hasCleanup(state)) options.onState?.(stateRecord(state));
  }, "record");
  const { selected, unexpressible, hasPrivatePatterns } = tokenPrefixes(options, hosts);
  let rules = [];
  if (token !== "") {
    for (const pattern of unexpressible.filter((p) => !hosts.some((host) => matchPrefixPatterns(p.pattern, host)))) {
      problems.push({
        severity: "notice",
        code: "GIT_TOKEN_PATTERN_NOT_SCOPED",
        variable: "git-token-hosts",
        message: `The private pattern "${pattern.pattern}" gets no git-token rule: ${pattern.reason}.`,
        fix: "List the hosts in git-token-hosts (the token is then used for the whole host), list the organisations explicitly in GOPRIVATE, or give credentials for those hosts with the netrc input."
      });
    }
    rules = selected.map((prefix) => insteadOfRule(prefix.prefix, token));
    if (rules.length === 0) {
      problems.push({
        severity: "warning",
        code: "GIT_TOKEN_UNUSED",
        variable: "git-token",
        message: "git-token is set but no GOPRIVATE/GONOPROXY pattern names a host it could be used for, so it is not configured anywhere.",
        fix: "Set GOPRIVATE to the private module prefixes (e.g. github.com/my-org), or name the hosts in git-token-hosts."
      });
    } else {
      if (!hasPrivatePatterns && !goesDirectFirst(options.goproxy)) {
        problems.push({
          severity: "warning",
          code: "GIT_TOKEN_UNUSED",
          variable: "git-token",
          message: `git-token is configured for ${hosts.join(", ")}, but no GOPRIVATE/GONOPROXY pattern sends any module there directly: modules go through GOPROXY, and git only sees those a proxy answers 404 for (and the public checksum database then rejects private ones).`,
          fix: "Set GOPRIVATE to the private module prefixes (e.g. github.com/my-org)."
        });
      }
      const notConfigured = /* @__PURE__ */ __name((reason, fix) => ({
        severity: "warning",
        code: "GIT_TOKEN_NOT_CONFIGURED",
        variable: "git-token",
        message: `git-token could not be configured: ${scrub(reason, secrets)}. Private modules fetched directly will fail to authenticate.`,
        fix
      }), "notConfigured");
      let outcome;
      try {
        outcome = await writeInsteadOfRules(rules, options.env, {
          platform,
          beforeChange: /* @__PURE__ */ __name((pending) => {
            state.git = pending;
            record();
          }, "beforeChange")
        });
      } catch (error2) {
        outcome = { kind: "failed", reason: error2 instanceof Error ? error2.message : String(error2), fix: "Make git available on PATH and its global configuration file writable before this step." };
      }
      if (outcome.kind === "failed") {
        problems.push(notConfigured(outcome.reason, outcome.fix));
        rules = [];
      } else {
        if (outcome.state.rules.length > 0 || (outcome.state.helperResets ?? []).length > 0) {
          state.git = outcome.state;
          record();
        }
        summary.push(`- **git**: \`git-token\` is used for ${rules.map((rule) => `\`https://${rule.prefix}${rule.insteadOf[0].endsWith("/") ? "/" : ""}\``).join(", ")} (and the matching \`git@\` / \`ssh://\` forms), through \`url.<\u2026>.insteadOf\` in \`${outcome.state.file}\`, with git's credential helpers turned off for those URLs so no keychain stores the token${state.git ? "; the post step removes it" : ""}.`);
      }
    }
  } else if (hosts.length > 0) {
    problems.push({
      severity: "warning",
      code: "GIT_TOKEN_HOSTS_WITHOUT_TOKEN",
      variable: "git-token-hosts",
      message: `git-token-hosts names ${hosts.join(", ")} but git-token is empty, so nothing is configured.`,
      fix: "Pass the token as git-token (e.g. git-token: ${{ secrets.PRIVATE_MODULES_TOKEN }}), or remove git-token-hosts."
    });
  }
  const lookup = { platform, goVersion: options.goVersion };
  const goFile = netrcPath(options.env, lookup);
  const goRead = goFile === null ? { kind: "missing" } : await readNetrcFile(goFile, platform);
  const existing = goRead.kind === "ok" ? goRead.bytes : null;
  const existingEntries = parseNetrc(existing?.toString("utf8") ?? "");
  for (const entry of existingEntries) setSecret(entry.password);
  const goauth = options.env["GOAUTH"] ?? "";
  const netrcRead = goReadsNetrc(options.goVersion, goauth);
  let goproxy = options.goproxy;
  let outcomes = [];
  let toAdd = [...netrcInput];
  if (goFile !== null && netrcRead && goRead.kind !== "unusable") {
    const move = moveUserinfo(options.goproxy, [...netrcInput, ...existingEntries]);
    goproxy = move.goproxy;
    outcomes = move.outcomes;
    toAdd = [...netrcInput, ...move.add];
  }
  let netrcEntries = existingEntries;
  let managedNetrcEntries = [];
  if (toAdd.length > 0) {
    const notWritten = /* @__PURE__ */ __name((message, fix) => ({ severity: "warning", code: "NETRC_NOT_WRITTEN", variable: "netrc", message, fix }), "notWritten");
    const targets = netrcWriteTargets(options.env, lookup);
    if (targets.length === 0) {
      const home = homeVariable(platform);
      problems.push(notWritten(`The netrc input could not be written: neither NETRC nor ${home} is set.`, `Set ${home} (or NETRC to the file the go command should read) before this step.`));
    }
    const id = randomBytes(6).toString("hex");
    const written = [];
    state.netrc = [];
    for (const file of targets) {
      const read = file === goFile ? goRead : await readNetrcFile(file, platform);
      if (read.kind === "unusable") {
        problems.push(notWritten(`The netrc entries for ${toAdd.map((entry2) => entry2.machine).join(", ")} could not be written: ${read.reason}. The go command will not authenticate to those hosts.`, read.fix));
        continue;
      }
      const before = read.kind === "ok" ? read.bytes : null;
      const block = Buffer.from(netrcBlock(id, toAdd, lineEnding(before?.toString("latin1") ?? "")), "utf8");
      const bytes = before === null ? block : Buffer.concat([block, before]);
      const entry = { file, id, existed: before !== null };
      state.netrc.push(entry);
      record();
      try {
        if (before === null) await mkdir(path3.dirname(file), { recursive: true });
        await writeFile3(file, bytes, before === null ? { mode: 384 } : {});
      } catch (error2) {
        state.netrc = state.netrc.filter((recorded) => recorded !== entry);
        record();
        const code = error2.code ?? "error";
        problems.push(notWritten(`The netrc entries could not be written to ${file} (${code}). The go command will not authenticate to ${toAdd.map((added) => added.machine).join(", ")}.`, `Make ${file} (and its directory) writable by the runner's user, or point NETRC at a writable file.`));
        continue;
      }
      written.push(file);
      managedNetrcEntries = toAdd;
      if (file === goFile) netrcEntries = parseNetrc(bytes.toString("utf8"));
    }
    if (state.netrc.length === 0) delete state.netrc;
    if (written.length > 0) {
      const created = written.filter((file) => !(state.netrc ?? []).find((entry) => entry.file === file)?.existed);
      summary.push(`- **netrc**: entries for ${toAdd.map((entry) => `\`${entry.machine}\``).join(", ")} added to ${written.map((file) => `\`${file}\``).join(" and ")}; the post step removes them${created.length > 0 ? ` (and ${created.length === 1 ? "the file, which" : "the files, which"} did not exist)` : ""}.`);
    }
  }
  for (const outcome of outcomes) problems.push(...userinfoProblems(outcome));
  if (outcomes.some((outcome) => outcome.kind === "moved" || outcome.kind === "dropped-netrc-wins")) {
    summary.push("- **GOPROXY**: credentials were moved from the URL into netrc; the exported GOPROXY carries none.");
  }
  if (!netrcRead && (netrcInput.length > 0 || proxyListSecrets(options.goproxy).length > 0)) {
    problems.push({
      severity: "warning",
      code: "GOAUTH_WITHOUT_NETRC",
      variable: "GOAUTH",
      message: `GOAUTH="${goauth}" does not include netrc, so the go command ignores the .netrc entries${netrcInput.length > 0 ? " from the netrc input" : ""} (and GOPROXY credentials were left in place).`,
      fix: 'Add netrc to GOAUTH (e.g. GOAUTH="netrc;<your command>"), or unset GOAUTH to get its netrc default.'
    });
  }
  problems.push(...privateViaPublicProxy(options.required, { goproxy, goprivate: options.goprivate, gonoproxy: options.gonoproxy || options.goprivate }, token === "" ? [] : selected));
  const needsCleanup = hasCleanup(state);
  if (summary.length === 0) summary.push("- No credentials configured.");
  return {
    goproxy,
    netrcEntries: netrcEntries.map((entry) => ({ machine: entry.machine, login: entry.login, password: entry.password })),
    managedNetrcEntries,
    problems: problems.map((problem) => ({ ...problem, message: scrub(problem.message, secrets), ...problem.fix === void 0 ? {} : { fix: scrub(problem.fix, secrets) } })),
    state: needsCleanup ? stateRecord(state) : {},
    needsCleanup,
    summaryBody: scrub(summary.join("\n") + "\n", secrets)
  };
}
__name(setUpCredentials, "setUpCredentials");
function userinfoProblems(outcome) {
  switch (outcome.kind) {
    case "moved":
      return [{
        severity: "notice",
        code: "GOPROXY_CREDENTIALS_MOVED",
        variable: "GOPROXY",
        message: `The credentials in the GOPROXY URL for ${outcome.machine} were moved into .netrc (machine ${outcome.machine}); the exported GOPROXY has no userinfo, so it cannot leak through logs or \`go env\`.`,
        fix: "Nothing to do; to avoid the move, give the credentials with the netrc input instead of in the URL."
      }];
    case "dropped-netrc-wins":
      return [{
        severity: "notice",
        code: "GOPROXY_CREDENTIALS_DROPPED",
        variable: "GOPROXY",
        message: `The GOPROXY URL for ${outcome.machine} carries credentials, but a .netrc entry for ${outcome.machine} takes precedence in the go command, so the URL's were never sent; they were removed from the exported GOPROXY.`,
        fix: "Remove the credentials from the GOPROXY URL."
      }];
    case "kept":
      if (outcome.reason === "http") return [];
      return [{
        severity: outcome.reason === "conflict" ? "warning" : "notice",
        code: "GOPROXY_CREDENTIALS_KEPT",
        variable: "GOPROXY",
        message: outcome.reason === "conflict" ? `GOPROXY has entries for ${outcome.machine} with different credentials; .netrc holds one per host, so they stay in the URL (masked in this log, but visible to later steps).` : `The credentials in the GOPROXY URL for ${outcome.machine} lack a user name or a password, which a .netrc entry needs; they stay in the URL (masked in this log, but visible to later steps).`,
        fix: `Give the credentials with the netrc input (machine ${outcome.machine} login USER password SECRET) and remove them from GOPROXY.`
      }];
  }
}
__name(userinfoProblems, "userinfoProblems");
async function checkPrivateModules(options) {
  const secrets = credentialSecrets(options);
  registerSecrets(secrets);
  let hosts = [];
  try {
    hosts = parseGitTokenHosts(options.gitTokenHosts);
  } catch {
  }
  const token = options.gitToken.trim();
  const rules = token === "" ? [] : tokenPrefixes(options, hosts).selected.map((prefix) => insteadOfRule(prefix.prefix, token));
  const netrcEntries = await readNetrc(options.env, { platform: options.platform ?? process.platform, goVersion: options.goVersion });
  const configArgs = [...new Set(rules.map(helperResetScope))].flatMap((scope) => ["-c", `credential.${scope}.helper=`]);
  const byUrl = /* @__PURE__ */ new Map();
  for (const module of options.required) {
    if (module.viaProxy) continue;
    const { url, exact } = repositoryUrl(module.path);
    const check = byUrl.get(url);
    if (check === void 0) byUrl.set(url, { url, exact, modules: [module] });
    else check.modules.push(module);
  }
  const checks = [...byUrl.values()].slice(0, MAX_REPOSITORY_CHECKS);
  const results = new Array(checks.length);
  let next = 0;
  const worker = /* @__PURE__ */ __name(async () => {
    while (next < checks.length) {
      const index = next++;
      results[index] = await lsRemote(checks[index].url, options.env, options.checkTimeoutMs, { configArgs, ...options.platform === void 0 ? {} : { platform: options.platform } });
    }
  }, "worker");
  await Promise.all(Array.from({ length: Math.min(CHECK_CONCURRENCY, checks.length) }, worker));
  const problems = [];
  if (results.some((result) => result.kind === "git-missing")) {
    const first = checks[0].modules[0];
    problems.push({
      severity: "warning",
      code: "GIT_NOT_INSTALLED",
      file: first.goModFile,
      line: first.line,
      message: `git is not on PATH, but ${first.path} matches GONOPROXY and is fetched directly, which needs git.`,
      fix: "Install git on the runner, or fetch the private modules through a private proxy (set GONOPROXY=none and put the proxy in GOPROXY)."
    });
    return problems;
  }
  checks.forEach((check, index) => {
    const result = results[index];
    if (result.kind === "ok") return;
    const host = check.url.slice("https://".length).split("/")[0];
    const hostName = host.replace(/:\d+$/, "");
    const tokenCovers = rules.some((rule) => rule.insteadOf.some((prefix) => prefix.startsWith("https://") && `${check.url}/`.startsWith(prefix)));
    const netrcCovers = netrcEntries.some((entry) => entry.machine === hostName);
    problems.push(checkProblem(check, result, tokenCovers, netrcCovers, secrets, host, hostName));
  });
  return problems;
}
__name(checkPrivateModules, "checkPrivateModules");
function checkProblem(check, result, tokenCovers, netrcCovers, secrets, host, hostName) {
  const module = check.modules[0];
  const others = check.modules.length > 1 ? ` (and ${check.modules.length - 1} more module${check.modules.length > 2 ? "s" : ""} in that repository)` : "";
  const where = `git ls-remote ${check.url} (for ${module.path}${others}, which matches GONOPROXY and is fetched directly)`;
  const detail = result.detail === "" ? "" : `: ${scrub(result.detail, secrets)}`;
  const base = { file: module.goModFile, line: module.line };
  const guess = check.exact ? "" : ` This check assumed the repository is ${check.url}; if the host's ?go-get=1 page names another repository, check that one.`;
  switch (result.kind) {
    case "auth":
      if (tokenCovers || netrcCovers) {
        return {
          ...base,
          severity: "error",
          code: "PRIVATE_REPO_AUTH_FAILED",
          variable: tokenCovers ? "git-token" : "netrc",
          message: `${where} was refused${detail}. The go command will fail to download it the same way.`,
          fix: `Give ${tokenCovers ? "git-token" : "the netrc entry"} a token with read access to ${check.url} (a workflow's GITHUB_TOKEN reaches only its own repository: use a fine-grained token or a GitHub App token with Contents: read).${guess}`
        };
      }
      return {
        ...base,
        severity: "warning",
        code: "PRIVATE_REPO_NO_CREDENTIALS",
        variable: "git-token",
        message: `${where} needs credentials and none are configured for it${detail}.`,
        fix: `Pass a token with read access as git-token (its hosts default to those of GOPRIVATE/GONOPROXY), or add a netrc line "machine ${hostName} login USER password TOKEN"${hostName === host ? "" : ` (git matches the host name without the port; add "machine ${host} ..." as well for the go command's own ?go-get=1 request)`}.${guess}`
      };
    case "not-found":
      return {
        ...base,
        severity: check.exact ? "error" : "warning",
        code: "PRIVATE_REPO_NOT_FOUND",
        variable: "git-token",
        message: `${where} answered "not found"${detail}.`,
        fix: `Check the module path in go.mod, and that the credentials can read the repository (GitHub answers "not found" to a token without access to a private repository).${guess}`
      };
    case "network":
      return {
        ...base,
        severity: "warning",
        code: "PRIVATE_REPO_UNREACHABLE",
        message: `${where} could not reach the host${detail}.`,
        fix: "Check the host name and that the runner can reach it (network, HTTPS_PROXY, TLS trust through GIT_SSL_CAINFO or the system store)."
      };
    case "timeout":
      return {
        ...base,
        severity: "warning",
        code: "PRIVATE_REPO_CHECK_TIMEOUT",
        message: `${where} did not finish${detail}.`,
        fix: "Check that the host is reachable from the runner; the go command has no timeout of its own and would hang the same way."
      };
    default:
      return {
        ...base,
        severity: "warning",
        code: "PRIVATE_REPO_CHECK_FAILED",
        message: `${where} failed${detail}.`,
        fix: "Run the same git ls-remote in a step with GIT_TERMINAL_PROMPT=0 to see the full error."
      };
  }
}
__name(checkProblem, "checkProblem");
function parseState(raw) {
  try {
    const parsed = JSON.parse(raw);
    if (parsed === null || typeof parsed !== "object") return null;
    const netrc = parsed.netrc === void 0 ? [] : Array.isArray(parsed.netrc) ? parsed.netrc : [parsed.netrc];
    return { version: 2, ...parsed.git === void 0 ? {} : { git: parsed.git }, netrc };
  } catch {
    return null;
  }
}
__name(parseState, "parseState");
async function cleanUpCredentials(state, env) {
  const raw = state[CREDENTIALS_STATE_KEY] ?? "";
  if (raw === "") return { problems: [], message: "No credentials to clean up." };
  const parsed = parseState(raw);
  if (parsed === null) {
    return { problems: [{ severity: "warning", code: "CREDENTIALS_CLEANUP_FAILED", message: "The saved credentials state is unreadable; nothing was removed.", fix: "Remove the url.insteadOf rules from the global git config and the setup-goproxy block from .netrc by hand if the runner is reused." }], message: "Credentials state unreadable." };
  }
  const problems = [];
  const messages = [];
  if (parsed.git !== void 0) {
    const git = parsed.git;
    const failed = /* @__PURE__ */ __name((detail) => ({ severity: "warning", code: "CREDENTIALS_CLEANUP_FAILED", variable: "git-token", message: `The git-token rules could not be removed from ${git.file}: ${redactForDisplay(detail)}.`, fix: "On a reused (self-hosted) runner, remove the url.*.insteadOf entries with the token (and the credential.https://x-access-token@\u2026.helper entries) from that file." }), "failed");
    try {
      const outcome = await restoreGitConfig(git, env);
      messages.push(redactForDisplay(outcome.detail));
      if (outcome.kind === "failed") problems.push(failed(outcome.detail));
      else if (outcome.kind === "removed-with-git" && git.appendedLength >= 0) {
        problems.push({ severity: "notice", code: "CREDENTIALS_CLEANUP_PARTIAL", variable: "git-token", message: `${redactForDisplay(outcome.detail)}; the rest of the file keeps the later changes.` });
      }
    } catch (error2) {
      problems.push(failed(error2 instanceof Error ? error2.message : String(error2)));
    }
  }
  for (const netrc of parsed.netrc ?? []) {
    try {
      messages.push(await restoreNetrc(netrc, problems));
    } catch (error2) {
      problems.push({ severity: "warning", code: "CREDENTIALS_CLEANUP_FAILED", variable: "netrc", message: `The .netrc entries could not be removed from ${netrc.file}: ${redactForDisplay(error2 instanceof Error ? error2.message : String(error2))}.`, fix: "On a reused (self-hosted) runner, delete the setup-goproxy block from that file." });
    }
  }
  return { problems, message: messages.join("; ") || "Nothing to clean up." };
}
__name(cleanUpCredentials, "cleanUpCredentials");
async function restoreNetrc(state, problems) {
  const read = await readNetrcFile(state.file);
  if (read.kind === "missing") return `${state.file} no longer exists`;
  if (read.kind === "unusable") throw new Error(read.reason);
  const text = read.bytes.toString("latin1");
  const block = netrcBlockState(text, state.id);
  if (block === "absent") return `${state.file} holds no entries of this run`;
  const removed = removeNetrcBlock(text, state.id);
  if (block === "damaged" || !removed.found) {
    problems.push({ severity: "warning", code: "CREDENTIALS_CLEANUP_FAILED", variable: "netrc", message: `The setup-goproxy block is no longer intact in ${state.file} (edited by a later step?); it was left as it is.`, fix: 'On a reused (self-hosted) runner, delete the entries between the "# setup-goproxy-begin" and "# setup-goproxy-end" lines.' });
    return `${state.file} left unchanged`;
  }
  if (!state.existed && removed.text === "") {
    await unlink2(state.file);
    return `removed ${state.file}, which did not exist before`;
  }
  await writeFile3(state.file, Buffer.from(removed.text, "latin1"));
  return `removed the added entries from ${state.file}`;
}
__name(restoreNetrc, "restoreNetrc");

// src/container/phase.ts
import { lstat, mkdir as mkdir2, mkdtemp, rm, writeFile as writeFile4, chmod } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import path4 from "node:path";

// src/container/dockerEnv.ts
var CONTAINER_VARIABLES_ALWAYS = ["GOPROXY", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOSUMDB"];
var CONTAINER_VARIABLES_WHEN_SET = ["GOFLAGS", "GOINSECURE"];
var DOCKER_LINE_BYTES = 64 * 1024;
function unrepresentable(name, value) {
  if (/[\r\n\0]/.test(value)) return "it contains a line break or NUL, which neither format can carry";
  if (hasLoneSurrogate(value)) return "it is not valid UTF-8 (a lone surrogate)";
  if (value.includes('"')) return "it contains a double quote, which docker/build-push-action reads as CSV quoting";
  if (value.length >= 2 && (value[0] === "'" || value[0] === '"') && value[value.length - 1] === value[0]) return "it is wrapped in quotes, which docker removes";
  if (value !== value.trim()) return "it has white space at either end, which docker/build-push-action trims";
  if (Buffer.byteLength(`${name}=${value}`) >= DOCKER_LINE_BYTES) return `the line is longer than docker's limit of ${DOCKER_LINE_BYTES} bytes`;
  if (proxyListSecrets(value).length > 0) return "it carries credentials in a URL, which must not be in build args (they are logged and kept in the image history)";
  return null;
}
__name(unrepresentable, "unrepresentable");
function hasLoneSurrogate(text) {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 55296 && unit <= 56319) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 56320 && next <= 57343)) return true;
      i++;
    } else if (unit >= 56320 && unit <= 57343) return true;
  }
  return false;
}
__name(hasLoneSurrogate, "hasLoneSurrogate");
function withoutUserinfo(goproxy) {
  if (proxyListSecrets(goproxy).length === 0) return { value: goproxy, removed: [] };
  const list = parseProxyList(goproxy, "");
  if (!list.ok) return { value: goproxy, removed: [] };
  const removed = [];
  const entries = list.entries.map((entry) => {
    if (entry.parsed === null || entry.parsed.username === null) return entry;
    removed.push(requestHost(entry.url) ?? entry.parsed.host);
    return { ...entry, url: formatGoURL({ ...entry.parsed, username: null, password: null }) };
  });
  return { value: formatProxyList(entries), removed };
}
__name(withoutUserinfo, "withoutUserinfo");
function planContainerEnv(values) {
  const problems = [];
  const goproxy = withoutUserinfo(values.GOPROXY);
  if (goproxy.removed.length > 0) {
    problems.push({
      severity: "notice",
      code: "CONTAINER_GOPROXY_CREDENTIALS_REMOVED",
      variable: "GOPROXY",
      message: `The exported GOPROXY still carries credentials for ${[...new Set(goproxy.removed)].join(", ")} (they could not be moved to .netrc); the env-file and build-args outputs have the URL without them, so a container build is not authenticated there.`,
      fix: "Give the credentials with the netrc input (machine HOST login USER password SECRET): they then reach the build through the netrc-file secret, never through build args."
    });
  }
  const chosen = [
    ...CONTAINER_VARIABLES_ALWAYS.map((name) => [name, name === "GOPROXY" ? goproxy.value : values[name]]),
    ...CONTAINER_VARIABLES_WHEN_SET.filter((name) => values[name] !== "").map((name) => [name, values[name]])
  ];
  for (const [name, value] of chosen) {
    const reason = unrepresentable(name, value);
    if (reason === null) continue;
    problems.push({
      severity: "notice",
      code: "CONTAINER_OUTPUTS_NOT_WRITTEN",
      variable: name,
      message: `The env-file and build-args outputs are empty: ${name}="${excerpt(redactProxyList(value), 80)}" cannot be written for docker unchanged (${reason}), and a container without it would fetch modules differently.`,
      fix: `Give ${name} a value without quotes, line breaks, surrounding white space or credentials.`
    });
    return { lines: null, problems };
  }
  return { lines: chosen.map(([name, value]) => `${name}=${value}`), problems };
}
__name(planContainerEnv, "planContainerEnv");
function envFileText(lines) {
  return ["# Go module environment from setup-goproxy, for docker run --env-file", ...lines].join("\n") + "\n";
}
__name(envFileText, "envFileText");
function buildArgsText(lines) {
  return lines.join("\n");
}
__name(buildArgsText, "buildArgsText");
function netrcText(entries) {
  return entries.map((entry) => `${formatNetrcEntry(entry)}
`).join("");
}
__name(netrcText, "netrcText");

// src/container/phase.ts
var CONTAINER_STATE_KEY = "container-files";
var CONTAINER_DIR_PREFIX = "setup-goproxy-container-";
async function writeContainerOutputs(input) {
  const plan = planContainerEnv(input.values);
  const none = { envFile: "", buildArgs: "", netrcFile: "", problems: plan.problems };
  if (plan.lines === null && input.netrcEntries.length === 0) return none;
  const parent = input.env["RUNNER_TEMP"] || tmpdir2();
  let dir;
  try {
    await mkdir2(parent, { recursive: true });
    dir = await mkdtemp(path4.join(parent, CONTAINER_DIR_PREFIX));
    input.beforeWrite({ [CONTAINER_STATE_KEY]: JSON.stringify({ dir }) }, input.netrcEntries.length > 0);
    const outputs = { ...none, problems: [...plan.problems] };
    if (plan.lines !== null) {
      outputs.envFile = path4.join(dir, "go.env");
      await writeFile4(outputs.envFile, envFileText(plan.lines), { mode: 420 });
      outputs.buildArgs = buildArgsText(plan.lines);
    }
    if (input.netrcEntries.length > 0) {
      outputs.netrcFile = path4.join(dir, "netrc");
      await writeFile4(outputs.netrcFile, netrcText(input.netrcEntries), { mode: 384, flag: "wx" });
      await chmod(outputs.netrcFile, 384);
    }
    return outputs;
  } catch (error2) {
    return {
      ...none,
      problems: [
        ...plan.problems,
        {
          severity: "warning",
          code: "CONTAINER_OUTPUTS_NOT_WRITTEN",
          message: `The env-file and netrc-file outputs could not be written under ${parent}: ${redactForDisplay(error2 instanceof Error ? error2.message : String(error2))}.`,
          fix: "Make RUNNER_TEMP a writable directory."
        }
      ]
    };
  }
}
__name(writeContainerOutputs, "writeContainerOutputs");
async function removeContainerFiles(raw) {
  if (raw === "") return { message: "", problems: [] };
  let dir;
  try {
    dir = JSON.parse(raw).dir;
  } catch {
    dir = "";
  }
  if (typeof dir !== "string" || !path4.isAbsolute(dir) || !path4.basename(dir).startsWith(CONTAINER_DIR_PREFIX)) {
    return { message: "", problems: [{ severity: "warning", code: "CONTAINER_CLEANUP_FAILED", message: "The saved state of the container files is unreadable; nothing was removed.", fix: `On a reused (self-hosted) runner, delete the ${CONTAINER_DIR_PREFIX}* directories under RUNNER_TEMP.` }] };
  }
  try {
    const info = await lstat(dir).catch((error2) => error2.code === "ENOENT" ? null : Promise.reject(error2));
    if (info === null) return { message: `${dir} was already gone.`, problems: [] };
    if (!info.isDirectory()) throw new Error("it is not a directory");
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    return { message: `Removed the container files (${dir}).`, problems: [] };
  } catch (error2) {
    return { message: "", problems: [{ severity: "warning", code: "CONTAINER_CLEANUP_FAILED", message: `The container files in ${dir} could not be removed: ${redactForDisplay(error2 instanceof Error ? error2.message : String(error2))}.`, fix: "On a reused (self-hosted) runner, delete that directory: its netrc file holds credentials." }] };
  }
}
__name(removeContainerFiles, "removeContainerFiles");

export {
  emitAnnotations,
  authorizationFor,
  readNetrc,
  PROBLEM_MATCHER_STATE_KEY,
  registerGoProblemMatchers,
  removeGoProblemMatchers,
  CREDENTIALS_STATE_KEY,
  setUpCredentials,
  checkPrivateModules,
  cleanUpCredentials,
  CONTAINER_STATE_KEY,
  writeContainerOutputs,
  removeContainerFiles
};
