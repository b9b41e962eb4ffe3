import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/workspace/discover.ts
import { readFile, stat } from "node:fs/promises";
import path2 from "node:path";

// src/workspace/walk.ts
import { readdir } from "node:fs/promises";
import path from "node:path";
async function walkTree(root, options, visit) {
  const queue = [root];
  let seen = 0;
  while (queue.length > 0) {
    const dir = queue.shift();
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
function parseReplace(args, line) {
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
    if (toPath.includes("\\")) fail("replacement directory appears to be Windows path (on a non-windows system)");
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
function parseGoMod(text) {
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
          file.replaces.push(parseReplace(args, line));
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
function parseGoWork(text) {
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
          file.replaces.push(parseReplace(args, line));
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
function isSkippedDir(name) {
  return name === "vendor" || name === "testdata" || name === "node_modules" || name.startsWith(".") || name.startsWith("_");
}
__name(isSkippedDir, "isSkippedDir");
async function discoverWorkspace(workingDirectory, repoRoot, options = {}) {
  const root = path2.resolve(workingDirectory);
  const repo = path2.resolve(repoRoot);
  const issues = [];
  const rel = /* @__PURE__ */ __name((abs) => toRepoRelative(repo, abs), "rel");
  const modulesByDir = /* @__PURE__ */ new Map();
  const goWorkPath = await findGoWork(root, repo, options.goworkEnv ?? "", issues);
  let goWork = null;
  if (goWorkPath !== null) {
    const text = await readText(goWorkPath, issues, rel);
    if (text !== null) {
      const { file: parsed, issues: parseIssues } = parseGoWork(text);
      const file = rel(goWorkPath);
      goWork = { file, parsed };
      for (const issue of parseIssues) issues.push({ file, line: issue.line, message: `${file}:${issue.line}: ${issue.message}` });
      await addUseDirectories(goWorkPath, parsed, modulesByDir, issues, rel);
    }
  }
  if (goWork === null && !await isFile(path2.join(root, "go.mod"))) {
    const enclosing = await findUpwards(root, repo, "go.mod");
    if (enclosing !== null) await addModule(path2.dirname(enclosing), false, modulesByDir, issues, rel);
  }
  const found = await walkForGoMods(root, options.maxFiles ?? DEFAULT_MAX_FILES, issues, rel);
  for (const dir of found) {
    if (!modulesByDir.has(dir)) await addModule(dir, false, modulesByDir, issues, rel);
  }
  const modules = [...modulesByDir.values()].sort((a, b) => compareStrings(a.goModFile, b.goModFile));
  return { root, goWork, modules, issues };
}
__name(discoverWorkspace, "discoverWorkspace");
async function findGoWork(root, repo, gowork, issues) {
  if (gowork === "off") return null;
  if (gowork !== "" && gowork !== "auto") {
    if (!path2.isAbsolute(gowork)) {
      issues.push({ file: "", message: `GOWORK=${gowork} is not an absolute path; the go command stops with "go: invalid GOWORK: not an absolute path".` });
      return null;
    }
    if (!await isFile(gowork)) {
      issues.push({ file: "", message: `GOWORK names ${gowork}, which does not exist or is not a file.` });
      return null;
    }
    return gowork;
  }
  return findUpwards(root, repo, "go.work");
}
__name(findGoWork, "findGoWork");
async function addUseDirectories(goWorkPath, parsed, modulesByDir, issues, rel) {
  const workDir = path2.dirname(goWorkPath);
  const file = rel(goWorkPath);
  for (const use of parsed.uses) {
    const dir = path2.resolve(workDir, use.dir);
    if (modulesByDir.get(dir)?.inWorkFile) {
      issues.push({ file, line: use.line, message: `${file}:${use.line}: path ${use.dir} appears multiple times in workspace` });
      continue;
    }
    if (!await isFile(path2.join(dir, "go.mod"))) {
      issues.push({ file, line: use.line, message: `${file}:${use.line}: use ${use.dir}: directory has no go.mod (the go command fails with "cannot load module ${use.dir} listed in go.work file").` });
      continue;
    }
    await addModule(dir, true, modulesByDir, issues, rel);
  }
}
__name(addUseDirectories, "addUseDirectories");
async function addModule(dir, inWorkFile, modulesByDir, issues, rel) {
  const goModPath = path2.join(dir, "go.mod");
  const goModFile = rel(goModPath);
  const text = await readText(goModPath, issues, rel);
  if (text === null) return;
  const { file, issues: parseIssues } = parseGoMod(text);
  for (const issue of parseIssues) issues.push({ file: goModFile, line: issue.line, message: `${goModFile}:${issue.line}: ${issue.message}` });
  if (file.module === null && parseIssues.length === 0) {
    issues.push({ file: goModFile, message: `${goModFile}: no module directive; the go command cannot use this go.mod as a main module.` });
  }
  modulesByDir.set(dir, { dir, goModFile, file, inWorkFile });
}
__name(addModule, "addModule");
async function walkForGoMods(root, maxFiles, issues, rel) {
  const found = [];
  const walk = await walkTree(
    root,
    {
      maxEntries: maxFiles,
      descend: /* @__PURE__ */ __name((name) => !isSkippedDir(name), "descend"),
      // Directories cannot carry an annotation, hence file ''.
      onUnreadable: /* @__PURE__ */ __name((dir, error) => issues.push({ file: "", message: `cannot list ${rel(dir) || "."}: ${errorText(error)}` }), "onUnreadable")
    },
    async ({ dir, abs, dirent }) => {
      if (dirent.name === "go.mod" && (dirent.isFile() || dirent.isSymbolicLink() && await isFile(abs))) found.push(dir);
    }
  );
  if (walk.truncated) issues.push({ file: "", message: `Stopped looking for go.mod files after ${maxFiles} directory entries; modules deeper in the tree were not checked.` });
  return found;
}
__name(walkForGoMods, "walkForGoMods");
async function findUpwards(start, stopAt, name) {
  let dir = start;
  for (; ; ) {
    const candidate = path2.join(dir, name);
    if (await isFile(candidate)) return candidate;
    if (dir === stopAt || !isInside(stopAt, dir)) return null;
    const parent = path2.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
__name(findUpwards, "findUpwards");
async function readText(file, issues, rel) {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    issues.push({ file: rel(file), message: `cannot read ${rel(file)}: ${errorText(error)}` });
    return null;
  }
}
__name(readText, "readText");
async function isFile(file) {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
__name(isFile, "isFile");
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
  const workReplaces = ws.goWork?.parsed.replaces ?? [];
  const out = [];
  for (const module of ws.modules) {
    for (const req of module.file.requires) {
      if (module.file.module !== null && req.path === module.file.module.path) continue;
      if (module.inWorkFile && workModulePaths.has(req.path)) continue;
      const fromWork = module.inWorkFile && ws.goWork !== null ? findReplace(workReplaces, req) : null;
      const replace = fromWork ?? findReplace(module.file.replaces, req);
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
function findReplace(replaces, req) {
  let wildcard = null;
  let exact = null;
  for (const r of replaces) {
    if (r.from.path !== req.path) continue;
    if (r.from.version === null) wildcard = r;
    else if (r.from.version === req.version) exact = r;
  }
  return exact ?? wildcard;
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
