import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  excerpt,
  redactForDisplay
} from "./chunk-U5PTCI5V.js";
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/workspace/discover.ts
import { realpath as realpath2, stat } from "node:fs/promises";
import path2 from "node:path";

// src/workspace/walk.ts
import { readdir } from "node:fs/promises";
import path from "node:path";
async function walkTree(root, options, visit) {
  const queue = [root];
  let seen = 0;
  for (let next = 0; next < queue.length; next++) {
    const dir = queue[next];
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      options.onUnreadable?.(dir, error);
      continue;
    }
    entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const dirent of entries) {
      if (++seen > options.maxEntries) return { truncated: true };
      const abs = path.join(dir, dirent.name);
      if (dirent.isDirectory()) {
        if (options.descend(dirent.name)) queue.push(abs);
      } else {
        await visit({ dir, abs, dirent });
      }
    }
  }
  return { truncated: false };
}
__name(walkTree, "walkTree");

// src/workspace/repoFile.ts
import { constants } from "node:fs";
import { open, realpath } from "node:fs/promises";
import nodePath from "node:path";
var REPO_TEXT_FILE_MAX_BYTES = 4 * 1024 * 1024;
function isWithin(root, child, platform = process.platform) {
  const pathApi = platform === "win32" ? nodePath.win32 : nodePath.posix;
  const fold = platform === "win32" || platform === "darwin" ? (s) => s.toLowerCase() : (s) => s;
  const relative = pathApi.relative(fold(root), fold(child));
  return relative === "" || !relative.startsWith("..") && !pathApi.isAbsolute(relative);
}
__name(isWithin, "isWithin");
function errnoCode(error) {
  return error?.code ?? "error";
}
__name(errnoCode, "errnoCode");
async function resolveInWorkspace(workspace, candidate, platform = process.platform, knownRealWorkspace) {
  const absolute = nodePath.resolve(workspace, candidate);
  let realWorkspace;
  let real;
  try {
    realWorkspace = knownRealWorkspace ?? await realpath(workspace);
  } catch (error) {
    return { ok: false, failure: "unreadable", detail: `the workspace cannot be resolved (${errnoCode(error)})` };
  }
  try {
    real = await realpath(absolute);
  } catch (error) {
    const code = errnoCode(error);
    return code === "ENOENT" || code === "ENOTDIR" ? { ok: false, failure: "not-found", detail: "it does not exist" } : { ok: false, failure: "unreadable", detail: `it cannot be resolved (${code})` };
  }
  if (!isWithin(realWorkspace, real, platform)) {
    return { ok: false, failure: "outside-workspace", detail: "it resolves (through a symbolic link or an absolute path) to a place outside the workspace" };
  }
  return { ok: true, real };
}
__name(resolveInWorkspace, "resolveInWorkspace");
async function readRepoFile(workspace, candidate, options) {
  const resolved = await resolveInWorkspace(workspace, candidate, options.platform, options.realWorkspace);
  if (!resolved.ok) return resolved;
  const nonBlocking = process.platform === "win32" ? 0 : constants.O_NONBLOCK;
  let handle;
  try {
    handle = await open(resolved.real, constants.O_RDONLY | nonBlocking);
  } catch (error) {
    const code = errnoCode(error);
    return code === "ENOENT" ? { ok: false, failure: "not-found", detail: "it does not exist" } : { ok: false, failure: "unreadable", detail: `it cannot be opened (${code})` };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { ok: false, failure: "not-regular", detail: "it is not a regular file (a directory, FIFO, socket or device)" };
    if (info.size > options.maxBytes) return { ok: false, failure: "too-large", detail: `it has ${info.size} bytes, more than the ${options.maxBytes} this action reads` };
    const buffer = Buffer.alloc(Math.min(info.size, options.maxBytes) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > options.maxBytes) return { ok: false, failure: "too-large", detail: `it has more than the ${options.maxBytes} bytes this action reads` };
    return { ok: true, real: resolved.real, text: buffer.subarray(0, filled).toString("utf8") };
  } catch (error) {
    return { ok: false, failure: "unreadable", detail: `it cannot be read (${errnoCode(error)})` };
  } finally {
    await handle.close();
  }
}
__name(readRepoFile, "readRepoFile");

// src/go/modfile.ts
var punctuation = /* @__PURE__ */ new Set(["(", ")", "[", "]", "{", "}", ","]);
var printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
var unicodeSpace = /^\s$/u;
function isIdentChar(ch) {
  if (ch === " " || punctuation.has(ch)) return false;
  return !unicodeSpace.test(ch) && printable.test(ch);
}
__name(isIdentChar, "isIdentChar");
function lexLine(text, line, issues) {
  const tokens = [];
  let suffixComment = null;
  const issueCount = issues.length;
  const chars = Array.from(text);
  let i = 0;
  const startsWith = /* @__PURE__ */ __name((s) => chars[i] === s[0] && chars[i + 1] === s[1], "startsWith");
  while (i < chars.length) {
    const ch = chars[i];
    if (ch === " " || ch === "	" || ch === "\r") {
      i++;
      continue;
    }
    if (startsWith("//")) {
      if (tokens.length > 0) suffixComment = chars.slice(i).join("").trim();
      break;
    }
    if (startsWith("/*")) {
      issues.push({ line, message: "mod files must use // comments (not /* */ comments)" });
      break;
    }
    if (punctuation.has(ch)) {
      tokens.push(ch);
      i++;
      continue;
    }
    if (ch === '"' || ch === "`") {
      let j2 = i + 1;
      let closed = false;
      while (j2 < chars.length) {
        const c = chars[j2];
        if (c === ch) {
          closed = true;
          break;
        }
        if (c === "\\" && ch === '"') j2++;
        j2++;
      }
      if (!closed) {
        issues.push({ line, message: "unexpected newline in string" });
        break;
      }
      tokens.push(chars.slice(i, j2 + 1).join(""));
      i = j2 + 1;
      continue;
    }
    if (!isIdentChar(ch)) {
      const cp = ch.codePointAt(0) ?? 0;
      issues.push({ line, message: `unexpected input character '\\u${cp.toString(16).padStart(4, "0")}'` });
      i++;
      continue;
    }
    let j = i;
    while (j < chars.length && isIdentChar(chars[j]) && !(chars[j] === "/" && chars[j + 1] === "/")) {
      if (chars[j] === "/" && chars[j + 1] === "*") break;
      j++;
    }
    tokens.push(chars.slice(i, j).join(""));
    i = j;
  }
  return { line, tokens, suffixComment, broken: issues.length > issueCount };
}
__name(lexLine, "lexLine");
function splitLines(text, issues) {
  let body = text;
  if (body.startsWith("\uFEFF")) {
    issues.push({ line: 1, message: "unexpected input character '\\ufeff' (UTF-8 byte-order mark)" });
    body = body.slice(1);
  }
  return body.split("\n").map((raw, index) => lexLine(raw, index + 1, issues));
}
__name(splitLines, "splitLines");
function groupStatements(lines, issues) {
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const lexed = lines[i];
    i++;
    const t = lexed.tokens;
    if (t.length === 0) continue;
    const n = t.length;
    const opensBlock = n >= 2 && t[n - 1] === "(";
    const emptyBlock = n >= 3 && t[n - 2] === "(" && t[n - 1] === ")";
    if (emptyBlock) {
      out.push({ kind: "block", block: { header: t.slice(0, n - 2), line: lexed.line, lines: [] } });
      continue;
    }
    if (!opensBlock) {
      out.push({ kind: "line", lexed });
      continue;
    }
    const block = { header: t.slice(0, n - 1), line: lexed.line, lines: [] };
    let closed = false;
    while (i < lines.length) {
      const inner = lines[i];
      i++;
      if (inner.tokens.length === 0) continue;
      if (inner.tokens[0] === ")") {
        closed = true;
        if (inner.tokens.length > 1) {
          issues.push({ line: inner.line, message: "syntax error (expected newline after closing paren)" });
        }
        break;
      }
      block.lines.push(inner);
    }
    if (!closed) {
      issues.push({ line: block.line, message: `syntax error (unterminated block started at line ${block.line})` });
    }
    out.push({ kind: "block", block });
  }
  return out;
}
__name(groupStatements, "groupStatements");
function statements(text, blockVerbs, issues) {
  const out = [];
  for (const item of groupStatements(splitLines(text, issues), issues)) {
    if (item.kind === "line") {
      const [verb2, ...args] = item.lexed.tokens;
      out.push({ verb: verb2 ?? "", args, line: item.lexed.line, suffixComment: item.lexed.suffixComment, broken: item.lexed.broken });
      continue;
    }
    const { block } = item;
    const verb = block.header[0] ?? "";
    if (block.header.length !== 1 || !blockVerbs.has(verb)) {
      issues.push({ line: block.line, message: `unknown block type: ${block.header.join(" ")}` });
      continue;
    }
    for (const l of block.lines) {
      out.push({ verb, args: l.tokens, line: l.line, suffixComment: l.suffixComment, broken: l.broken });
    }
  }
  return out;
}
__name(statements, "statements");
var simpleEscapes = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "	",
  v: "\v",
  "\\": "\\",
  '"': '"'
};
function unquoteInterpreted(token) {
  if (token.length < 2 || !token.endsWith('"')) return { ok: false, error: "invalid syntax" };
  const body = token.slice(1, -1);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '"') return { ok: false, error: "invalid syntax" };
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const e = body[i + 1];
    if (e === void 0) return { ok: false, error: "invalid syntax" };
    const simple = simpleEscapes[e];
    if (simple !== void 0) {
      out += simple;
      i++;
      continue;
    }
    const hexLen = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 0;
    if (hexLen > 0) {
      const hex = body.slice(i + 2, i + 2 + hexLen);
      if (!new RegExp(`^[0-9a-fA-F]{${hexLen}}$`).test(hex)) return { ok: false, error: "invalid syntax" };
      const cp = parseInt(hex, 16);
      if (e !== "x" && (cp > 1114111 || cp >= 55296 && cp <= 57343)) return { ok: false, error: "invalid syntax" };
      out += String.fromCodePoint(cp);
      i += 1 + hexLen;
      continue;
    }
    const oct = body.slice(i + 1, i + 4);
    if (/^[0-7]{3}$/.test(oct) && parseInt(oct, 8) <= 255) {
      out += String.fromCodePoint(parseInt(oct, 8));
      i += 3;
      continue;
    }
    return { ok: false, error: "invalid syntax" };
  }
  return { ok: true, value: out };
}
__name(unquoteInterpreted, "unquoteInterpreted");
function parseString(token) {
  if (token.startsWith('"')) return unquoteInterpreted(token);
  if (/["'`]/.test(token)) return { ok: false, error: "unquoted string cannot contain quote" };
  return { ok: true, value: token };
}
__name(parseString, "parseString");
function parseSemver(v) {
  const m = /^v(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?)?$/.exec(v);
  if (!m) return null;
  const [, major = "", minor, patch, prerelease = "", build = ""] = m;
  if (prerelease && prerelease.slice(1).split(".").some((id) => /^0\d+$/.test(id))) return null;
  return {
    major,
    minor: minor ?? "0",
    patch: patch ?? "0",
    short: minor === void 0 ? ".0.0" : patch === void 0 ? ".0" : "",
    prerelease,
    build
  };
}
__name(parseSemver, "parseSemver");
function canonicalVersion(v) {
  const p = parseSemver(v);
  if (!p) return "";
  const canonical = p.build ? v.slice(0, v.length - p.build.length) : v + p.short;
  return p.build === "+incompatible" ? canonical + "+incompatible" : canonical;
}
__name(canonicalVersion, "canonicalVersion");
function pathMajor(path3) {
  if (path3.startsWith("gopkg.in/")) {
    const m2 = /\.(v(?:0|[1-9]\d*))(-unstable)?$/.exec(path3);
    if (!m2) return { ok: false, error: "invalid module path" };
    return { ok: true, value: `.${m2[1] ?? ""}${m2[2] ?? ""}` };
  }
  const m = /\/v([0-9.]+)$/.exec(path3);
  if (!m || m.index === 0) return { ok: true, value: "" };
  const digits = m[1] ?? "";
  if (digits.includes(".") || digits.startsWith("0") || digits === "1") {
    return { ok: false, error: "invalid module path" };
  }
  return { ok: true, value: `/v${digits}` };
}
__name(pathMajor, "pathMajor");
function checkPathMajor(version, major) {
  let pm = major;
  if (pm.startsWith(".v") && pm.endsWith("-unstable")) pm = pm.slice(0, -"-unstable".length);
  if (version.startsWith("v0.0.0-") && pm === ".v1") return null;
  const vMajor = `v${parseSemver(version)?.major ?? ""}`;
  if (pm === "") {
    if (vMajor === "v0" || vMajor === "v1" || parseSemver(version)?.build === "+incompatible") return null;
    return `should be v0 or v1, not ${vMajor}`;
  }
  if (vMajor === pm.slice(1)) return null;
  return `should be ${pm.slice(1)}, not ${vMajor}`;
}
__name(checkPathMajor, "checkPathMajor");
function isDirectoryPath(p) {
  return p === "." || p.startsWith("./") || p.startsWith(".\\") || p === ".." || p.startsWith("../") || p.startsWith("..\\") || p.startsWith("/") || p.startsWith("\\") || /^[A-Za-z]:/.test(p);
}
__name(isDirectoryPath, "isDirectoryPath");
var goVersionRE = /^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$/;
var toolchainRE = /^default$|^go1($|\.)/;
var DirectiveError = class extends Error {
  static {
    __name(this, "DirectiveError");
  }
};
function fail(message) {
  throw new DirectiveError(message);
}
__name(fail, "fail");
function requireString(token) {
  const r = parseString(token);
  if (!r.ok) fail(`invalid quoted string: ${r.error}`);
  return r.value;
}
__name(requireString, "requireString");
function parseVersionArg(verb, path3, token) {
  const r = parseString(token);
  if (!r.ok) fail(`${verb} ${path3}: version ${JSON.stringify(token)} invalid: ${r.error}`);
  const v = canonicalVersion(r.value);
  if (!v) fail(`${verb} ${path3}: version ${JSON.stringify(r.value)} invalid: must be of the form v1.2.3`);
  return v;
}
__name(parseVersionArg, "parseVersionArg");
function parseModuleVersion(verb, args) {
  if (args.length !== 2) fail(`usage: ${verb} module/path v1.2.3`);
  const path3 = requireString(args[0]);
  const version = parseVersionArg(verb, path3, args[1]);
  const major = pathMajor(path3);
  if (!major.ok) fail(`${verb} ${path3}: ${major.error}`);
  const mismatch = checkPathMajor(version, major.value);
  if (mismatch) fail(`${verb} ${path3}: version ${JSON.stringify(version)} invalid: ${mismatch}`);
  return { path: path3, version };
}
__name(parseModuleVersion, "parseModuleVersion");
function parseReplace(args, line, options) {
  const verb = "replace";
  const arrow = args.length >= 2 && args[1] === "=>" ? 1 : 2;
  if (args.length < arrow + 2 || args.length > arrow + 3 || args[arrow] !== "=>") {
    fail(`usage: ${verb} module/path [v1.2.3] => other/module v1.4
	 or ${verb} module/path [v1.2.3] => ../local/directory`);
  }
  const fromPath = requireString(args[0]);
  const major = pathMajor(fromPath);
  if (!major.ok) fail(`${verb} ${fromPath}: ${major.error}`);
  let fromVersion = null;
  if (arrow === 2) {
    fromVersion = parseVersionArg(verb, fromPath, args[1]);
    const mismatch = checkPathMajor(fromVersion, major.value);
    if (mismatch) fail(`${verb} ${fromPath}: version ${JSON.stringify(fromVersion)} invalid: ${mismatch}`);
  }
  const toPath = requireString(args[arrow + 1]);
  let toVersion = null;
  if (args.length === arrow + 2) {
    if (!isDirectoryPath(toPath)) {
      if (toPath.includes("@")) fail("replacement module must match format 'path version', not 'path@version'");
      fail("replacement module without version must be directory path (rooted or starting with . or ..)");
    }
    if ((options.platform ?? process.platform) !== "win32" && toPath.includes("\\")) fail("replacement directory appears to be Windows path (on a non-windows system)");
  } else {
    toVersion = parseVersionArg(verb, toPath, args[arrow + 2]);
    if (isDirectoryPath(toPath)) fail(`replacement module directory path ${JSON.stringify(toPath)} cannot have version`);
  }
  return { from: { path: fromPath, version: fromVersion }, to: { path: toPath, version: toVersion }, line };
}
__name(parseReplace, "parseReplace");
function parseGoVersion(args) {
  if (args.length !== 1) fail("go directive expects exactly one argument");
  const v = args[0];
  if (!goVersionRE.test(v)) fail(`invalid go version '${v}': must match format 1.23.0`);
  return v;
}
__name(parseGoVersion, "parseGoVersion");
function parseToolchain(args) {
  if (args.length !== 1) fail("toolchain directive expects exactly one argument");
  const v = args[0];
  if (!toolchainRE.test(v)) fail(`invalid toolchain version '${v}': must match format go1.23.0 or default`);
  return v;
}
__name(parseToolchain, "parseToolchain");
function checkGodebug(args) {
  if (args.length !== 1 || /["`',]/.test(args[0]) || !args[0].includes("=")) {
    fail("usage: godebug key=value");
  }
}
__name(checkGodebug, "checkGodebug");
function isIndirect(comment) {
  if (comment === null) return false;
  const fields = comment.replace(/^\/\//, "").trim().split(/\s+/);
  return fields.length === 1 && fields[0] === "indirect" || fields.length > 1 && fields[0] === "indirect;";
}
__name(isIndirect, "isIndirect");
function parseRetract(args) {
  const verb = "retract";
  let toks = args;
  if (toks.length === 0 || toks[0] === "(") fail("expected '[' or version");
  if (toks[0] !== "[") {
    parseVersionArg(verb, "", toks[0]);
    toks = toks.slice(1);
  } else {
    toks = toks.slice(1);
    if (toks.length === 0) fail("expected version after '['");
    parseVersionArg(verb, "", toks[0]);
    toks = toks.slice(1);
    if (toks[0] !== ",") fail("expected ',' after version");
    toks = toks.slice(1);
    if (toks.length === 0) fail("expected version after ','");
    parseVersionArg(verb, "", toks[0]);
    toks = toks.slice(1);
    if (toks[0] !== "]") fail("expected ']' after version");
    toks = toks.slice(1);
  }
  if (toks.length > 0) fail(`unexpected token after version: ${JSON.stringify(toks[0])}`);
}
__name(parseRetract, "parseRetract");
function runDirective(stmt, issues, handle) {
  if (stmt.broken) return;
  try {
    handle();
  } catch (err) {
    if (!(err instanceof DirectiveError)) throw err;
    issues.push({ line: stmt.line, message: err.message });
  }
}
__name(runDirective, "runDirective");
var goModBlockVerbs = /* @__PURE__ */ new Set(["module", "godebug", "require", "exclude", "replace", "retract", "tool", "ignore"]);
var goWorkBlockVerbs = /* @__PURE__ */ new Set(["godebug", "use", "replace"]);
function parseGoMod(text, options = {}) {
  const issues = [];
  const file = { module: null, go: null, toolchain: null, requires: [], replaces: [], excludes: [], retracts: 0 };
  for (const stmt of statements(text, goModBlockVerbs, issues)) {
    runDirective(stmt, issues, () => {
      const { args, line } = stmt;
      switch (stmt.verb) {
        case "module": {
          if (file.module) fail("repeated module statement");
          if (args.length !== 1) fail("usage: module module/path");
          file.module = { path: requireString(args[0]), line };
          return;
        }
        case "go":
          if (file.go) fail("repeated go statement");
          file.go = { version: parseGoVersion(args), line };
          return;
        case "toolchain":
          if (file.toolchain) fail("repeated toolchain statement");
          file.toolchain = { name: parseToolchain(args), line };
          return;
        case "godebug":
          checkGodebug(args);
          return;
        case "require": {
          const mv = parseModuleVersion("require", args);
          file.requires.push({ ...mv, indirect: isIndirect(stmt.suffixComment), line });
          return;
        }
        case "exclude":
          file.excludes.push({ ...parseModuleVersion("exclude", args), line });
          return;
        case "replace":
          file.replaces.push(parseReplace(args, line, options));
          return;
        case "retract":
          parseRetract(args);
          file.retracts++;
          return;
        case "tool":
        case "ignore":
          return;
        default:
          fail(`unknown directive: ${stmt.verb}`);
      }
    });
  }
  return { file, issues: sortIssues(issues) };
}
__name(parseGoMod, "parseGoMod");
function parseGoWork(text, options = {}) {
  const issues = [];
  const file = { go: null, toolchain: null, uses: [], replaces: [] };
  for (const stmt of statements(text, goWorkBlockVerbs, issues)) {
    runDirective(stmt, issues, () => {
      const { args, line } = stmt;
      switch (stmt.verb) {
        case "go":
          if (file.go) fail("repeated go statement");
          file.go = { version: parseGoVersion(args), line };
          return;
        case "toolchain":
          if (file.toolchain) fail("repeated toolchain statement");
          file.toolchain = { name: parseToolchain(args), line };
          return;
        case "godebug":
          checkGodebug(args);
          return;
        case "use":
          if (args.length !== 1) fail("usage: use local/dir");
          file.uses.push({ dir: requireString(args[0]), line });
          return;
        case "replace":
          file.replaces.push(parseReplace(args, line, options));
          return;
        default:
          fail(`unknown directive: ${stmt.verb}`);
      }
    });
  }
  return { file, issues: sortIssues(issues) };
}
__name(parseGoWork, "parseGoWork");
function sortIssues(issues) {
  return issues.map((issue, index) => ({ issue, index })).sort((a, b) => a.issue.line - b.issue.line || a.index - b.index).map(({ issue }) => issue);
}
__name(sortIssues, "sortIssues");

// src/workspace/discover.ts
var DEFAULT_MAX_FILES = 2e4;
var MAX_ISSUES_PER_FILE = 10;
var MAX_ISSUES = 100;
var ISSUE_MESSAGE_CHARS = 300;
function isSkippedDir(name) {
  return name === "vendor" || name === "testdata" || name === "node_modules" || name.startsWith(".") || name.startsWith("_");
}
__name(isSkippedDir, "isSkippedDir");
function dirKey(dir, platform) {
  return platform === "win32" || platform === "darwin" ? dir.toLowerCase() : dir;
}
__name(dirKey, "dirKey");
var IssueList = class {
  static {
    __name(this, "IssueList");
  }
  items = [];
  omitted = 0;
  add(issue) {
    if (this.items.length >= MAX_ISSUES) {
      this.omitted++;
      return;
    }
    this.items.push({ ...issue, message: excerpt(redactForDisplay(issue.message), ISSUE_MESSAGE_CHARS) });
  }
  /** A file's parse issues: the first few, then one line saying how many more there are. */
  addParseIssues(file, parsed) {
    for (const issue of parsed.slice(0, MAX_ISSUES_PER_FILE)) this.add({ file, line: issue.line, message: `${file}:${issue.line}: ${issue.message}` });
    const more = parsed.length - MAX_ISSUES_PER_FILE;
    if (more > 0) this.add({ file, message: `${file}: ${more} more problem${more === 1 ? "" : "s"} in this file (only the first ${MAX_ISSUES_PER_FILE} are listed).` });
  }
  finish() {
    if (this.omitted > 0) this.items.push({ file: "", message: `${this.omitted} more workspace problem${this.omitted === 1 ? "" : "s"} (only the first ${MAX_ISSUES} are listed).` });
    return this.items;
  }
};
async function discoverWorkspace(workingDirectory, repoRoot, options = {}) {
  const platform = options.platform ?? process.platform;
  const root = path2.resolve(workingDirectory);
  const repo = path2.resolve(repoRoot);
  const realRepo = await realpath2(repo).catch(() => void 0);
  const context = { repo, realRepo, platform, issues: new IssueList(), modules: /* @__PURE__ */ new Map(), rel: /* @__PURE__ */ __name((abs) => toRepoRelative(repo, abs), "rel") };
  const { issues, rel } = context;
  const goWorkPath = await findGoWork(root, context, options.goworkEnv ?? "");
  let goWork = null;
  if (goWorkPath !== null) {
    const text = await readText(goWorkPath, context);
    if (text !== null) {
      const { file: parsed, issues: parseIssues } = parseGoWork(text);
      const file = rel(goWorkPath);
      goWork = { file, parsed };
      issues.addParseIssues(file, parseIssues);
      await addUseDirectories(goWorkPath, parsed, context);
    }
  }
  if (goWork === null && (await probeFile(path2.join(root, "go.mod"), context)).kind === "missing") {
    const enclosing = await findUpwards(root, "go.mod", context);
    if (enclosing !== null) await addModule(path2.dirname(enclosing), false, context);
  }
  const found = await walkForGoMods(root, options.maxFiles ?? DEFAULT_MAX_FILES, context);
  for (const dir of found) await addModule(dir, false, context);
  const modules = [...context.modules.values()].sort((a, b) => compareStrings(a.goModFile, b.goModFile));
  return { root, goWork, modules, issues: issues.finish() };
}
__name(discoverWorkspace, "discoverWorkspace");
async function probeFile(abs, context) {
  const resolved = await resolveInWorkspace(context.repo, abs, context.platform, context.realRepo);
  if (!resolved.ok) return resolved.failure === "not-found" ? { kind: "missing" } : { kind: "refused", detail: resolved.detail };
  try {
    const info = await stat(resolved.real);
    return info.isFile() ? { kind: "file" } : { kind: "refused", detail: info.isDirectory() ? "it is a directory" : "it is not a regular file (a FIFO, socket or device)" };
  } catch {
    return { kind: "missing" };
  }
}
__name(probeFile, "probeFile");
async function findGoWork(root, context, gowork) {
  if (gowork === "off") return null;
  if (gowork !== "" && gowork !== "auto") {
    const pathApi = context.platform === "win32" ? path2.win32 : path2.posix;
    if (!pathApi.isAbsolute(gowork)) {
      context.issues.add({ file: "", message: `GOWORK=${gowork} is not an absolute path; the go command stops with "go: invalid GOWORK: not an absolute path".` });
      return null;
    }
    const outside = /* @__PURE__ */ __name(() => {
      context.issues.add({ file: "", message: `GOWORK names ${excerpt(gowork, 160)}, which is outside the workspace, so it was not read: the modules below the working directory were checked one by one instead (a go.work module may then be listed as a requirement of its siblings). Put the go.work in the repository, or set GOWORK to a file under the workspace.` });
      return null;
    }, "outside");
    if (!isWithin(context.repo, pathApi.resolve(gowork), context.platform)) return outside();
    const resolved = await resolveInWorkspace(context.repo, gowork, context.platform, context.realRepo);
    if (!resolved.ok && resolved.failure === "outside-workspace") return outside();
    const probe = await probeFile(gowork, context);
    if (probe.kind !== "file") {
      context.issues.add({ file: "", message: `GOWORK names ${excerpt(gowork, 160)}, which ${probe.kind === "missing" ? "does not exist" : probe.detail.replace(/^it /, "")}: it is not a file the go command can read.` });
      return null;
    }
    return gowork;
  }
  return findUpwards(root, "go.work", context);
}
__name(findGoWork, "findGoWork");
async function addUseDirectories(goWorkPath, parsed, context) {
  const workDir = path2.dirname(goWorkPath);
  const file = context.rel(goWorkPath);
  const used = /* @__PURE__ */ new Set();
  for (const use of parsed.uses) {
    const dir = path2.resolve(workDir, use.dir);
    const resolved = await resolveInWorkspace(context.repo, dir, context.platform, context.realRepo);
    const key = dirKey(resolved.ok ? resolved.real : dir, context.platform);
    if (used.has(key)) {
      context.issues.add({ file, line: use.line, message: `${file}:${use.line}: path ${use.dir} appears multiple times in workspace` });
      continue;
    }
    used.add(key);
    const probe = await probeFile(path2.join(dir, "go.mod"), context);
    if (probe.kind !== "file") {
      const why = probe.kind === "missing" ? "directory has no go.mod" : `its go.mod was not read: ${probe.detail}`;
      context.issues.add({ file, line: use.line, message: `${file}:${use.line}: use ${use.dir}: ${why} (the go command fails with "cannot load module ${use.dir} listed in go.work file").` });
      continue;
    }
    await addModule(dir, true, context);
  }
}
__name(addUseDirectories, "addUseDirectories");
async function addModule(dir, inWorkFile, context) {
  const resolved = await resolveInWorkspace(context.repo, dir, context.platform, context.realRepo);
  const key = dirKey(resolved.ok ? resolved.real : dir, context.platform);
  if (context.modules.has(key)) return;
  const goModPath = path2.join(dir, "go.mod");
  const goModFile = context.rel(goModPath);
  const text = await readText(goModPath, context);
  if (text === null) return;
  const { file, issues: parseIssues } = parseGoMod(text);
  context.issues.addParseIssues(goModFile, parseIssues);
  if (file.module === null && parseIssues.length === 0) {
    context.issues.add({ file: goModFile, message: `${goModFile}: no module directive; the go command cannot use this go.mod as a main module.` });
  }
  context.modules.set(key, { dir, goModFile, file, inWorkFile });
}
__name(addModule, "addModule");
async function walkForGoMods(root, maxFiles, context) {
  const found = [];
  const walk = await walkTree(
    root,
    {
      maxEntries: maxFiles,
      descend: /* @__PURE__ */ __name((name) => !isSkippedDir(name), "descend"),
      // Directories cannot carry an annotation, hence file ''.
      onUnreadable: /* @__PURE__ */ __name((dir, error) => context.issues.add({ file: "", message: `cannot list ${context.rel(dir) || "."}: ${errorText(error)}` }), "onUnreadable")
    },
    ({ dir, dirent }) => {
      if (dirent.name !== "go.mod") return;
      if (isSpecial(dirent)) context.issues.add({ file: context.rel(path2.join(dir, "go.mod")), message: `${context.rel(path2.join(dir, "go.mod"))} is not a regular file (a FIFO, socket or device), so it was not read; the go command would block on it or fail.` });
      else if (dirent.isFile() || dirent.isSymbolicLink()) found.push(dir);
    }
  );
  if (walk.truncated) context.issues.add({ file: "", message: `Stopped looking for go.mod files after ${maxFiles} directory entries; modules deeper in the tree were not checked.` });
  return found;
}
__name(walkForGoMods, "walkForGoMods");
function isSpecial(dirent) {
  return dirent.isFIFO() || dirent.isSocket() || dirent.isCharacterDevice() || dirent.isBlockDevice();
}
__name(isSpecial, "isSpecial");
async function findUpwards(start, name, context) {
  let dir = start;
  for (; ; ) {
    const candidate = path2.join(dir, name);
    const probe = await probeFile(candidate, context);
    if (probe.kind !== "missing") return candidate;
    if (dir === context.repo || !isInside(context.repo, dir)) return null;
    const parent = path2.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
__name(findUpwards, "findUpwards");
async function readText(file, context) {
  const read = await readRepoFile(context.repo, file, { maxBytes: REPO_TEXT_FILE_MAX_BYTES, platform: context.platform, ...context.realRepo === void 0 ? {} : { realWorkspace: context.realRepo } });
  if (read.ok) return read.text;
  const relative = context.rel(file);
  context.issues.add({ file: relative, message: `cannot read ${relative}: ${read.detail}.` });
  return null;
}
__name(readText, "readText");
function isInside(parent, child) {
  const r = path2.relative(parent, child);
  return r === "" || !r.startsWith("..") && !path2.isAbsolute(r);
}
__name(isInside, "isInside");
function toRepoRelative(repo, abs) {
  return path2.relative(repo, abs).split(path2.sep).join("/");
}
__name(toRepoRelative, "toRepoRelative");
function compareStrings(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
__name(compareStrings, "compareStrings");
function errorText(error) {
  return error instanceof Error ? error.message : String(error);
}
__name(errorText, "errorText");
function requiredModules(ws) {
  const workModulePaths = new Set(
    ws.modules.flatMap((m) => m.inWorkFile && m.file.module !== null ? [m.file.module.path] : [])
  );
  const workReplaces = replaceIndex(ws.goWork?.parsed.replaces ?? []);
  const out = [];
  for (const module of ws.modules) {
    const moduleReplaces = replaceIndex(module.file.replaces);
    for (const req of module.file.requires) {
      if (module.file.module !== null && req.path === module.file.module.path) continue;
      if (module.inWorkFile && workModulePaths.has(req.path)) continue;
      const fromWork = module.inWorkFile && ws.goWork !== null ? findReplace(workReplaces, req) : null;
      const replace = fromWork ?? findReplace(moduleReplaces, req);
      if (replace !== null && replace.to.version === null && isDirectoryPath(replace.to.path)) continue;
      const entry = { ...req, goModFile: module.goModFile };
      if (replace !== null && replace.to.version !== null) {
        const file = fromWork !== null && ws.goWork !== null ? ws.goWork.file : module.goModFile;
        entry.replacement = { path: replace.to.path, version: replace.to.version, file, line: replace.line };
      }
      out.push(entry);
    }
  }
  return out;
}
__name(requiredModules, "requiredModules");
function replaceIndex(replaces) {
  const index = { wildcard: /* @__PURE__ */ new Map(), exact: /* @__PURE__ */ new Map() };
  for (const r of replaces) {
    if (r.from.version === null) index.wildcard.set(r.from.path, r);
    else index.exact.set(`${r.from.path}@${r.from.version}`, r);
  }
  return index;
}
__name(replaceIndex, "replaceIndex");
function findReplace(index, req) {
  return index.exact.get(`${req.path}@${req.version}`) ?? index.wildcard.get(req.path) ?? null;
}
__name(findReplace, "findReplace");

// src/cache/modules/key.ts
import { createHash } from "node:crypto";
var DEFAULT_KEY_PREFIX = "setup-goproxy-gomod";
var DEFAULT_LAYOUT = "download";
var LAYOUT_TAG = { download: "d1", full: "f1" };
function archivePaths(layout) {
  return layout === "download" ? ["cache/download"] : ["."];
}
__name(archivePaths, "archivePaths");
function dependencyHash(files) {
  const lines = [...files].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0).map((f) => `${f.path}\0${f.sha256}
`);
  return createHash("sha256").update(lines.join("")).digest("hex");
}
__name(dependencyHash, "dependencyHash");
function cacheKeys(input) {
  const prefix = input.prefix.replace(/-+$/, "");
  const os = input.platform === "win32" && !input.crossOs ? "windows-" : "";
  const restorePrefix = `${prefix}-${LAYOUT_TAG[input.layout]}-${os}`;
  return { key: `${restorePrefix}${input.hash}`, restorePrefix };
}
__name(cacheKeys, "cacheKeys");
function lookupKeys(keys) {
  return [`${keys.key}-`, keys.key, keys.restorePrefix];
}
__name(lookupKeys, "lookupKeys");

export {
  REPO_TEXT_FILE_MAX_BYTES,
  resolveInWorkspace,
  readRepoFile,
  walkTree,
  parseGoMod,
  parseGoWork,
  discoverWorkspace,
  requiredModules,
  DEFAULT_KEY_PREFIX,
  DEFAULT_LAYOUT,
  archivePaths,
  dependencyHash,
  cacheKeys,
  lookupKeys
};
