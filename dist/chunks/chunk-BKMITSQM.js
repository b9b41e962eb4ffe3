import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  DEFAULT_KEY_PREFIX,
  DEFAULT_LAYOUT,
  REPO_TEXT_FILE_MAX_BYTES,
  archivePaths,
  cacheKeys,
  dependencyHash,
  discoverWorkspace,
  lookupKeys,
  readRepoFile,
  requiredModules,
  walkTree
} from "./chunk-UBCJBZW2.js";
import {
  DEFAULT_DEADLINES,
  SERVICE_TROUBLE_FIX,
  cacheServiceAvailable,
  decideSave,
  defaultConcurrency,
  formatBytes,
  formatSeconds,
  hasContent,
  linkOrCopy,
  mapLimit,
  readEventDefaultBranch,
  readStateFile,
  removeIfEmpty,
  removeStateFile,
  removeTree,
  replacementKey,
  restoreFailureProblem,
  restoreInto,
  saveArchive,
  scratchDir,
  serviceProblems,
  stateFileDir,
  validateKeyPrefix,
  writeStateFile
} from "./chunk-VLB2U4RG.js";
import {
  classifyFailure,
  debug,
  fixFor,
  goErrorText,
  inspectionEnv,
  isRetryable,
  logInfo,
  moduleCommandEnv,
  parseDownloadStream,
  parseGoErrorLines,
  runGoCommand,
  sanitizeGoflags
} from "./chunk-2GCR54O6.js";
import {
  boundedTable,
  escapeCell,
  markdownTable
} from "./chunk-2U523TXB.js";
import {
  capList,
  excerpt,
  moreSuffix,
  redactProxyList
} from "./chunk-U5PTCI5V.js";
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/cache/modules/phase.ts
import { stat as stat2 } from "node:fs/promises";
import path4 from "node:path";

// src/cache/modules/batch.ts
import { mkdir, realpath, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";

// src/cache/modules/goSum.ts
function parseGoSum(text) {
  const entries = /* @__PURE__ */ new Map();
  for (const raw of text.split("\n")) {
    const fields = raw.trim().split(/[ \t]+/);
    if (fields.length === 1 && fields[0] === "") continue;
    if (fields.length !== 3) return null;
    const [modulePath, version, hash] = fields;
    if (modulePath.startsWith("-") || !version.startsWith("v")) return null;
    const key = `${modulePath} ${version}`;
    const known = entries.get(key);
    if (known !== void 0 && known !== hash) return null;
    entries.set(key, hash);
  }
  return entries;
}
__name(parseGoSum, "parseGoSum");
function unionGoSums(files) {
  const entries = /* @__PURE__ */ new Map();
  const accepted = [];
  const refused = [];
  for (const [index, file] of files.entries()) {
    if (file === null) {
      refused.push(index);
      continue;
    }
    let agrees = true;
    for (const [key, hash] of file) {
      const known = entries.get(key);
      if (known !== void 0 && known !== hash) {
        agrees = false;
        break;
      }
    }
    if (!agrees) {
      refused.push(index);
      continue;
    }
    for (const [key, hash] of file) entries.set(key, hash);
    accepted.push(index);
  }
  return { entries, accepted, refused };
}
__name(unionGoSums, "unionGoSums");
var GO_MOD_SUFFIX = "/go.mod";
function sumWants(entries) {
  const zips = /* @__PURE__ */ new Set();
  const goMods = /* @__PURE__ */ new Set();
  for (const key of entries.keys()) {
    const space = key.indexOf(" ");
    const modulePath = key.slice(0, space);
    const version = key.slice(space + 1);
    if (version.endsWith(GO_MOD_SUFFIX)) goMods.add(`${modulePath}@${version.slice(0, -GO_MOD_SUFFIX.length)}`);
    else zips.add(`${modulePath}@${version}`);
  }
  return { zips: [...zips].sort(), goModsOnly: [...goMods].filter((m) => !zips.has(m)).sort() };
}
__name(sumWants, "sumWants");
function moduleVersionsOf(entries) {
  const out = /* @__PURE__ */ new Set();
  for (const key of entries.keys()) {
    const space = key.indexOf(" ");
    const version = key.slice(space + 1);
    out.add(`${key.slice(0, space)}@${version.endsWith(GO_MOD_SUFFIX) ? version.slice(0, -GO_MOD_SUFFIX.length) : version}`);
  }
  return out;
}
__name(moduleVersionsOf, "moduleVersionsOf");
function chunkArgs(args, maxChars = 24e3, maxItems = 500) {
  const chunks = [];
  let current = [];
  let chars = 0;
  for (const arg of args) {
    if (current.length > 0 && (current.length >= maxItems || chars + arg.length + 1 > maxChars)) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(arg);
    chars += arg.length + 1;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
__name(chunkArgs, "chunkArgs");

// src/cache/modules/batch.ts
var BATCH_MIN_TARGETS = 8;
var CARRIER_MODULE = "setup-goproxy.invalid/prewarm";
async function readSums(options, concurrency) {
  const realWorkspace = await realpath(options.workspace).catch(() => void 0);
  return mapLimit(options.targets, concurrency, async (target) => {
    const read = await readRepoFile(options.workspace, path.join(target.dir, "go.sum"), { maxBytes: REPO_TEXT_FILE_MAX_BYTES, ...realWorkspace === void 0 ? {} : { realWorkspace } });
    const entries = read.ok ? parseGoSum(read.text) : null;
    if (entries === null) return null;
    for (const id of target.requires ?? []) {
      const at = id.lastIndexOf("@");
      if (!entries.has(`${id.slice(0, at)} ${id.slice(at + 1)}/go.mod`)) return null;
    }
    return entries;
  });
}
__name(readSums, "readSums");
function goSumText(entries) {
  return [...entries].map(([key, hash]) => `${key} ${hash}
`).sort().join("");
}
__name(goSumText, "goSumText");
async function downloadBatch(options) {
  const started = Date.now();
  const sums = await readSums(options, Math.max(4, options.concurrency * 4));
  const union = unionGoSums(sums);
  const wants = sumWants(union.entries);
  const failed = /* @__PURE__ */ new Set();
  const records = /* @__PURE__ */ new Map();
  let runs = 0;
  let allFailed = false;
  if (union.accepted.length > 0 && wants.zips.length + wants.goModsOnly.length > 0) {
    const carrier = path.join(stateFileDir(options.env), `setup-goproxy-prewarm-${randomBytes(6).toString("hex")}`);
    try {
      await mkdir(carrier, { recursive: true, mode: 448 });
      await writeFile(path.join(carrier, "go.mod"), `module ${CARRIER_MODULE}

go 1.17
`);
      await writeFile(path.join(carrier, "go.sum"), goSumText(union.entries));
      const goflags = sanitizeGoflags(options.env["GOFLAGS"], ["mod", "modfile"]) ?? "";
      const env = moduleCommandEnv({ ...options.env, GOFLAGS: goflags }, { GOWORK: "off", ...options.offline ? { GOPROXY: "off" } : {} });
      if (goflags === "") delete env["GOFLAGS"];
      const maxItems = options.maxArgsPerRun ?? 500;
      const jobs = [
        ...chunkArgs(wants.zips, 24e3, maxItems).map((args) => ({ args, command: ["mod", "download", "-json"] })),
        ...chunkArgs(wants.goModsOnly, 24e3, maxItems).map((args) => ({ args, command: ["list", "-m", "-json", "-e"] }))
      ];
      await mapLimit(jobs, options.concurrency, async (job) => {
        const run = await runGoCommand(options.goBinary, [...job.command, ...job.args], env, carrier, options.timeoutMs);
        runs++;
        const stream = parseDownloadStream(run.stdout);
        const answered = /* @__PURE__ */ new Set();
        for (const record of stream.records) {
          const id = `${record.Path}@${record.Version}`;
          answered.add(id);
          if (record.Error !== void 0) failed.add(id);
          else records.set(id, record);
        }
        const unattributed = run.timedOut || run.code !== 0 && stream.records.every((r) => r.Error === void 0);
        for (const id of job.args) if (unattributed || !answered.has(id)) failed.add(id);
      });
    } catch {
      allFailed = true;
    } finally {
      await removeTree(carrier);
    }
  }
  const covered = [];
  const rest = [];
  const nodes = /* @__PURE__ */ new Set();
  const accepted = new Set(union.accepted);
  for (const [index, target] of options.targets.entries()) {
    const entries = sums[index];
    const versions = entries === null || entries === void 0 ? null : moduleVersionsOf(entries);
    const ok = !allFailed && accepted.has(index) && versions !== null && ![...versions].some((id) => failed.has(id));
    if (!ok || versions === null) {
      rest.push(target);
      continue;
    }
    covered.push(target);
    for (const id of versions) nodes.add(id);
  }
  const coveredRecords = [...records.entries()].filter(([id]) => nodes.has(id)).map(([, record]) => record);
  return { covered, rest, records: coveredRecords, graphNodes: [...nodes].sort(), runs, ms: Date.now() - started };
}
__name(downloadBatch, "downloadBatch");

// src/cache/modules/dependencyFiles.ts
import { createHash } from "node:crypto";
import { realpath as realpath2 } from "node:fs/promises";
import path2 from "node:path";

// src/cache/modules/glob.ts
function tokenize(segment) {
  const tokens = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === "*") {
      if (tokens[tokens.length - 1]?.kind !== "star") tokens.push({ kind: "star" });
    } else if (c === "?") tokens.push({ kind: "any" });
    else if (c === "[") {
      const close = segment.indexOf("]", i + 2);
      if (close === -1) {
        tokens.push({ kind: "char", c });
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negate = body.startsWith("!") || body.startsWith("^");
      if (negate) body = body.slice(1);
      const items = [];
      for (let k = 0; k < body.length; k++) {
        const from = body[k];
        if (body[k + 1] === "-" && k + 2 < body.length) {
          items.push([from, body[k + 2]]);
          k += 2;
        } else items.push([from, from]);
      }
      tokens.push({ kind: "class", negate, items });
      i = close;
    } else tokens.push({ kind: "char", c });
  }
  return tokens;
}
__name(tokenize, "tokenize");
function tokenMatches(token, c) {
  switch (token.kind) {
    case "char":
      return token.c === c;
    case "any":
      return true;
    case "class": {
      const inside = token.items.some(([from, to]) => c >= from && c <= to);
      return inside !== token.negate;
    }
    case "star":
      return false;
  }
}
__name(tokenMatches, "tokenMatches");
function segmentMatches(tokens, text) {
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const token = tokens[p];
    if (token !== void 0 && token.kind !== "star" && tokenMatches(token, text[t])) {
      t++;
      p++;
    } else if (token !== void 0 && token.kind === "star") {
      starP = p++;
      starT = t;
    } else if (starP !== -1) {
      p = starP + 1;
      t = ++starT;
    } else return false;
  }
  while (tokens[p]?.kind === "star") p++;
  return p === tokens.length;
}
__name(segmentMatches, "segmentMatches");
function compileGlob(glob) {
  let g = glob.replace(/\\/g, "/");
  while (g.startsWith("./")) g = g.slice(2);
  if (g.endsWith("/")) g += "**";
  const segments = [];
  for (const part of g.split("/")) {
    if (part === "**") {
      if (segments[segments.length - 1]?.kind !== "globstar") segments.push({ kind: "globstar" });
    } else segments.push({ kind: "tokens", tokens: tokenize(part) });
  }
  return {
    source: glob,
    test(path5) {
      const parts = path5.split("/");
      let reach = new Array(parts.length + 1).fill(false);
      reach[0] = true;
      for (const segment of segments) {
        const next = new Array(parts.length + 1).fill(false);
        if (segment.kind === "globstar") {
          let any = false;
          for (let j = 0; j <= parts.length; j++) {
            any = any || reach[j];
            next[j] = any;
          }
        } else {
          for (let j = 0; j < parts.length; j++) if (reach[j] && segmentMatches(segment.tokens, parts[j])) next[j + 1] = true;
        }
        reach = next;
      }
      return reach[parts.length];
    }
  };
}
__name(compileGlob, "compileGlob");

// src/cache/modules/dependencyFiles.ts
function splitPatterns(raw) {
  return raw.split(/[\n,]/).map((p) => p.trim()).filter((p) => p !== "" && !p.startsWith("#"));
}
__name(splitPatterns, "splitPatterns");
function compilePatterns(patterns) {
  const include = [];
  const exclude = [];
  for (const p of patterns) {
    if (p.startsWith("!")) exclude.push(compileGlob(p.slice(1)));
    else include.push(compileGlob(p));
  }
  return { include, exclude, raw: [...patterns] };
}
__name(compilePatterns, "compilePatterns");
function matches(set, relative) {
  return set.include.some((r) => r.test(relative)) && !set.exclude.some((r) => r.test(relative));
}
__name(matches, "matches");
var DEFAULT_DEPENDENCY_PATTERNS = ["**/go.sum", "**/go.work.sum", "!**/vendor/**", "!**/testdata/**"];
var ALWAYS_SKIPPED = /* @__PURE__ */ new Set([".git", "node_modules"]);
async function findFiles(root, set, maxEntries = 5e4) {
  const files = [];
  const walk = await walkTree(root, { maxEntries, descend: /* @__PURE__ */ __name((name) => !ALWAYS_SKIPPED.has(name), "descend") }, ({ abs, dirent }) => {
    if (!dirent.isDirectory() && matches(set, path2.relative(root, abs).split(path2.sep).join("/"))) files.push(abs);
  });
  return { files: files.sort(), truncated: walk.truncated };
}
__name(findFiles, "findFiles");
function normaliseLineEndings(text) {
  return text.replace(/\r\n?/g, "\n");
}
__name(normaliseLineEndings, "normaliseLineEndings");
function contentDigest(text) {
  return createHash("sha256").update(normaliseLineEndings(text), "utf8").digest("hex");
}
__name(contentDigest, "contentDigest");
async function collectDependencyFiles(raw, workingDirectory, workspace) {
  const user = splitPatterns(raw);
  let root;
  let patterns;
  const outsidePatterns = [];
  if (user.length === 0) {
    root = workingDirectory;
    patterns = DEFAULT_DEPENDENCY_PATTERNS;
  } else {
    root = workspace;
    patterns = [];
    for (const p of user) {
      const neg = p.startsWith("!") ? "!" : "";
      const body = neg ? p.slice(1) : p;
      const rel = path2.isAbsolute(body) ? path2.relative(workspace, body).split(path2.sep).join("/") : body.replace(/\\/g, "/");
      if (rel === ".." || rel.startsWith("../") || /(^|\/)\.\.(\/|$)/.test(rel) || path2.isAbsolute(rel)) {
        outsidePatterns.push(p);
        continue;
      }
      patterns.push(neg + rel);
    }
  }
  const where = path2.relative(workspace, root).split(path2.sep).join("/") || ".";
  const description = `${patterns.join(", ")} under ${where}`;
  const inside = path2.relative(workspace, root);
  if (inside.startsWith("..") || path2.isAbsolute(inside)) {
    return { digests: [], refused: [{ path: root, failure: "outside-workspace", detail: "it is outside the workspace" }], outsidePatterns, description, truncated: false };
  }
  if (patterns.every((p) => p.startsWith("!"))) return { digests: [], refused: [], outsidePatterns, description, truncated: false };
  const found = await findFiles(root, compilePatterns(patterns));
  const digests = [];
  const refused = [];
  const realWorkspace = await realpath2(workspace).catch(() => void 0);
  const reads = await mapLimit(found.files, 16, (file) => readRepoFile(workspace, file, { maxBytes: REPO_TEXT_FILE_MAX_BYTES, ...realWorkspace === void 0 ? {} : { realWorkspace } }));
  for (const [index, file] of found.files.entries()) {
    const relative = path2.relative(workspace, file).split(path2.sep).join("/");
    const read = reads[index];
    if (!read.ok) {
      refused.push({ path: relative, failure: read.failure, detail: read.detail });
      continue;
    }
    digests.push({ path: relative, sha256: contentDigest(read.text) });
  }
  return { digests, refused, outsidePatterns, description, truncated: found.truncated };
}
__name(collectDependencyFiles, "collectDependencyFiles");

// src/cache/modules/download.ts
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
var defaultSleep = /* @__PURE__ */ __name((ms) => new Promise((r) => setTimeout(r, ms)), "defaultSleep");
function proxySequence(current, healthy) {
  const out = [];
  for (const p of [current ?? "", ...healthy]) if (p !== "" && !out.includes(p)) out.push(p);
  return out;
}
__name(proxySequence, "proxySequence");
function backoffDelay(attempt, baseMs) {
  return Math.min(3e4, baseMs * 2 ** Math.max(0, attempt - 2));
}
__name(backoffDelay, "backoffDelay");
async function downloadModules(options) {
  const started = Date.now();
  const sleep = options.sleep ?? defaultSleep;
  const records = /* @__PURE__ */ new Map();
  const failures = [];
  const proxiesUsed = [];
  let runs = 0;
  const proxies = proxySequence(options.env["GOPROXY"], options.healthyProxies);
  const concurrency = options.concurrency ?? defaultConcurrency();
  const batched = await batchFirst(options, concurrency);
  runs += batched.runs;
  for (const record of batched.records) records.set(`${record.Path}@${record.Version}`, record);
  const covered = new Set(batched.covered);
  const ownRuns = options.targets.filter((target) => !covered.has(target));
  const perTarget = await mapLimit(ownRuns, concurrency, async (target) => {
    let proxyIndex = 0;
    let only = null;
    let last = [];
    for (let attempt = 1; attempt <= Math.max(1, options.attempts); attempt++) {
      if (attempt > 1) {
        const delay = backoffDelay(attempt, options.backoffMs);
        if (proxyIndex + 1 < proxies.length) proxyIndex++;
        options.log(`Retrying go mod download in ${target.label} (attempt ${attempt}/${options.attempts}) in ${Math.round(delay / 100) / 10}s${proxies[proxyIndex] ? ` through GOPROXY=${redactProxyList(proxies[proxyIndex] ?? "")}` : ""}: ${only === null ? "all modules" : only.join(" ")}`);
        await sleep(delay);
      }
      const overrides = target.workspaceMode ? {} : { GOWORK: "off" };
      const proxy = proxies[proxyIndex];
      if (proxy !== void 0) overrides["GOPROXY"] = proxy;
      const env = moduleCommandEnv(options.env, overrides);
      const args = ["mod", "download", "-json", ...only ?? []];
      const run = await runGoCommand(options.goBinary, args, env, target.dir, options.timeoutMs);
      runs++;
      const stream = parseDownloadStream(run.stdout);
      const failed = [];
      for (const record of stream.records) {
        if (record.Error !== void 0) failed.push({ path: record.Path, version: record.Version, error: record.Error, kind: classifyFailure(record.Error), target: target.label });
        else records.set(`${record.Path}@${record.Version}`, record);
      }
      const graphFailures = failed.length === 0 && run.code !== 0 ? parseGoErrorLines(run.stderr) : [];
      for (const g of graphFailures) failed.push({ path: g.path, version: g.version, error: g.error, kind: classifyFailure(g.error), target: target.label });
      if (run.timedOut) {
        failed.push({ path: target.label, version: "", error: `go mod download timed out after ${Math.round(options.timeoutMs / 1e3)} s (setup-goproxy)`, kind: "timeout", target: target.label });
      } else if (run.code !== 0 && failed.length === 0) {
        const text = [...stream.junk, run.stderr.trim()].filter(Boolean).join("\n") || `go mod download exited with code ${run.code}`;
        failed.push({ path: target.label, version: "", error: text, kind: classifyFailure(text), target: target.label });
      }
      for (const line of stream.junk) options.log(`go mod download: ${line}`);
      last = failed;
      if (failed.length === 0) break;
      if (!failed.every((f) => isRetryable(f.kind))) break;
      const perModule = graphFailures.length === 0 && !run.timedOut && failed.every((f) => f.version !== "");
      only = perModule ? failed.map((f) => `${f.path}@${f.version}`) : null;
    }
    const switched = proxyIndex > 0 && proxies[proxyIndex] !== void 0 ? redactProxyList(proxies[proxyIndex]) : null;
    return { last, switched };
  });
  for (const { last, switched } of perTarget) {
    if (switched !== null) proxiesUsed.push(switched);
    failures.push(...last);
  }
  return { ok: failures.length === 0, records: [...records.values()], failures, runs, proxiesUsed, ms: Date.now() - started, batched: { targets: batched.covered, graphNodes: batched.graphNodes } };
}
__name(downloadModules, "downloadModules");
async function batchFirst(options, concurrency) {
  const standalone = options.targets.filter((target) => !target.workspaceMode);
  if (options.workspace === void 0 || standalone.length < (options.batchMinTargets ?? BATCH_MIN_TARGETS)) return { covered: [], records: [], graphNodes: [], runs: 0 };
  const outcome = await downloadBatch({ goBinary: options.goBinary, env: options.env, targets: standalone, workspace: options.workspace, timeoutMs: options.timeoutMs, concurrency, offline: false });
  options.log(`go mod download for ${outcome.covered.length} of ${standalone.length} modules outside go.work in ${outcome.runs} go run(s) over their go.sum files (${(outcome.ms / 1e3).toFixed(1)} s)${outcome.rest.length > 0 ? `; ${outcome.rest.length} module(s) get their own go mod download` : ""}.`);
  return outcome;
}
__name(batchFirst, "batchFirst");
async function countFetched(records, zipsBefore) {
  let n = 0;
  for (const r of records) {
    if (r.Zip === void 0 || zipsBefore.has(r.Zip)) continue;
    try {
      await stat(r.Zip);
      n++;
    } catch {
    }
  }
  return n;
}
__name(countFetched, "countFetched");
async function existingZips(downloadDir, limit = 2e5) {
  const found = /* @__PURE__ */ new Set();
  const pending = [downloadDir];
  while (pending.length > 0 && found.size < limit) {
    const dir = pending.pop();
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.name.endsWith(".zip")) found.add(full);
    }
  }
  return found;
}
__name(existingZips, "existingZips");
function parseGraphNodes(text) {
  const nodes = /* @__PURE__ */ new Set();
  for (const line of text.split(/\r?\n/)) {
    for (const field of line.trim().split(/\s+/)) {
      const at = field.lastIndexOf("@");
      if (at <= 0) continue;
      const p = field.slice(0, at);
      if (p === "go" || p === "toolchain") continue;
      nodes.add(field);
    }
  }
  return [...nodes].sort();
}
__name(parseGraphNodes, "parseGraphNodes");

// src/cache/modules/plan.ts
import { mkdir as mkdir2, readdir as readdir2 } from "node:fs/promises";
import path3 from "node:path";
function escapeModulePart(s) {
  return s.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}
__name(escapeModulePart, "escapeModulePart");
function unescapeModulePart(s) {
  return s.replace(/!([a-z])/g, (_, c) => c.toUpperCase());
}
__name(unescapeModulePart, "unescapeModulePart");
var SUMDB_DIR = "cache/download/sumdb";
function relativeInside(root, abs) {
  const rel = path3.relative(root, abs);
  if (rel === "" || rel.startsWith("..") || path3.isAbsolute(rel)) return null;
  return rel.split(path3.sep).join("/");
}
__name(relativeInside, "relativeInside");
function planArchive(input) {
  const files = /* @__PURE__ */ new Set();
  const dirs = /* @__PURE__ */ new Set();
  const missing = [];
  const require2 = /* @__PURE__ */ __name((rel) => {
    if (rel === null) return;
    if (input.inventory.has(rel)) files.add(rel);
    else missing.push(rel);
  }, "require");
  const optional = /* @__PURE__ */ __name((rel) => {
    if (input.inventory.has(rel)) files.add(rel);
  }, "optional");
  let modules = 0;
  for (const r of input.records) {
    if (r.Error !== void 0) continue;
    for (const f of [r.Info, r.GoMod]) if (f !== void 0) require2(relativeInside(input.gomodcache, f));
    if (r.Zip !== void 0) {
      const zip = relativeInside(input.gomodcache, r.Zip);
      require2(zip);
      if (zip !== null) optional(`${zip}hash`);
      modules++;
    }
    if (input.layout === "full" && r.Dir !== void 0) {
      const dir = relativeInside(input.gomodcache, r.Dir);
      if (dir !== null) dirs.add(dir);
    }
  }
  for (const node of input.graphNodes) {
    const at = node.lastIndexOf("@");
    if (at <= 0) continue;
    const base = `cache/download/${escapeModulePart(node.slice(0, at))}/@v/${escapeModulePart(node.slice(at + 1))}`;
    optional(`${base}.mod`);
    optional(`${base}.info`);
  }
  if ([...input.inventory].some((f) => f.startsWith(`${SUMDB_DIR}/`))) dirs.add(SUMDB_DIR);
  const pruned = /* @__PURE__ */ new Set();
  for (const f of input.inventory) {
    if (f.startsWith(`${SUMDB_DIR}/`) || files.has(f)) continue;
    const m = /^cache\/download\/(.+)\/@v\/([^/]+)\.(mod|zip)$/.exec(f);
    if (m) pruned.add(`${unescapeModulePart(m[1])}@${unescapeModulePart(m[2])}`);
  }
  return { files: [...files].sort(), dirs: [...dirs].sort(), missing: [...new Set(missing)].sort(), pruned: [...pruned].sort(), modules };
}
__name(planArchive, "planArchive");
async function inventoryDownloadCache(gomodcache, maxEntries = 2e6) {
  const out = /* @__PURE__ */ new Set();
  const root = path3.join(gomodcache, "cache", "download");
  const stack = [root];
  let seen = 0;
  while (stack.length > 0) {
    const dir = stack.pop();
    let entries;
    try {
      entries = await readdir2(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (++seen > maxEntries) return out;
      const abs = path3.join(dir, e.name);
      if (e.isDirectory()) stack.push(abs);
      else if (e.isFile()) out.add(path3.relative(gomodcache, abs).split(path3.sep).join("/"));
    }
  }
  return out;
}
__name(inventoryDownloadCache, "inventoryDownloadCache");
async function linkTree(src, dst) {
  let n = 0;
  await mkdir2(dst, { recursive: true });
  for (const e of await readdir2(src, { withFileTypes: true })) {
    const s = path3.join(src, e.name);
    const d = path3.join(dst, e.name);
    if (e.isDirectory()) n += await linkTree(s, d);
    else if (e.isFile()) {
      await linkOrCopy(s, d);
      n++;
    }
  }
  return n;
}
__name(linkTree, "linkTree");
async function stagePlan(gomodcache, plan, staging) {
  let n = 0;
  const made = /* @__PURE__ */ new Set();
  for (const rel of plan.files) {
    const dst = path3.join(staging, ...rel.split("/"));
    const parent = path3.dirname(dst);
    if (!made.has(parent)) {
      await mkdir2(parent, { recursive: true });
      made.add(parent);
    }
    await linkOrCopy(path3.join(gomodcache, ...rel.split("/")), dst);
    n++;
  }
  for (const rel of plan.dirs) n += await linkTree(path3.join(gomodcache, ...rel.split("/")), path3.join(staging, ...rel.split("/")));
  return n;
}
__name(stagePlan, "stagePlan");

// src/cache/modules/restore.ts
function hitKind(key, matched) {
  if (matched === null) return "false";
  return matched === key || matched.startsWith(`${key}-`) ? "true" : "partial";
}
__name(hitKind, "hitKind");
function isModuleDir(name) {
  return name.includes("@");
}
__name(isModuleDir, "isModuleDir");
async function restoreModuleCache(input) {
  const restored = await restoreInto({
    dir: input.gomodcache,
    paths: archivePaths(input.layout),
    keys: input.lookupKeys,
    crossOs: input.crossOs,
    deadlines: input.deadlines,
    atomicDir: isModuleDir,
    ...input.merge === void 0 ? {} : { merge: input.merge }
  });
  return { ...restored, hit: hitKind(input.key, restored.matchedKey) };
}
__name(restoreModuleCache, "restoreModuleCache");

// src/cache/modules/summary.ts
var HIT_TEXT = { true: "\u2705 exact hit", partial: "\u{1F7E1} partial (restored by prefix)", false: "\u26AA miss" };
function renderMainSummary(d) {
  const code = /* @__PURE__ */ __name((s) => `<code>${escapeCell(s)}</code>`, "code");
  const rows = [];
  if (d.cacheSkipped !== null) rows.push(["Cache", escapeCell(d.cacheSkipped)]);
  else {
    rows.push(["Key", d.key === null ? "\u2013" : code(d.key)]);
    rows.push(["Hit", HIT_TEXT[d.hit] + (d.hit === "partial" && d.matchedKey !== null ? ` from ${code(d.matchedKey)}` : "")]);
    rows.push(["Archive size", formatBytes(d.archiveBytes)]);
    rows.push(["Restore", formatSeconds(d.restoreMs) + (d.preexisting && d.merged !== null ? ` (merged into an existing module cache: ${d.merged.added} added, ${d.merged.kept} already there)` : "")]);
  }
  rows.push(["Download", d.downloadMs === null ? d.downloadSkipped === null ? "not run" : `skipped (${escapeCell(d.downloadSkipped)})` : `${formatSeconds(d.downloadMs)}: ${d.modulesInWorkspace} module(s) in the workspace, ${d.modulesFetched} fetched from the network${d.proxiesUsed.length > 0 ? ` (retried through ${d.proxiesUsed.map(code).join(", ")})` : ""}`]);
  if (d.gomodcache !== null) rows.push(["GOMODCACHE", `${code(d.gomodcache)} (archived: ${d.layout === "download" ? "<code>cache/download</code> only" : "everything"})`]);
  let body = markdownTable(["", ""], rows);
  if (d.failures.length > 0) {
    body += `
**${d.failures.length} module(s) could not be downloaded:**

`;
    body += boundedTable(
      ["Module", "Version", "Error", "Fix"],
      d.failures.map((f) => [code(f.path), escapeCell(f.version), escapeCell(f.error.length > 500 ? `${f.error.slice(0, 500)}\u2026` : f.error), escapeCell(f.fix)]),
      32 * 1024
    );
  }
  return body;
}
__name(renderMainSummary, "renderMainSummary");
function renderPostSummary(d) {
  const rows = [["Save", escapeCell(d.result)]];
  if (d.key !== null) rows.push(["Key", `<code>${escapeCell(d.key)}</code>`]);
  if (d.archiveBytes !== null) rows.push(["Archive size", formatBytes(d.archiveBytes)]);
  if (d.modulesInArchive !== null) rows.push(["Modules archived", String(d.modulesInArchive)]);
  if (d.pruned !== null) rows.push(["Pruned (in the cache, not needed by the module graph)", String(d.pruned)]);
  if (d.saveMs !== null) rows.push(["Time", formatSeconds(d.saveMs)]);
  return markdownTable(["", ""], rows);
}
__name(renderPostSummary, "renderPostSummary");

// src/cache/modules/phase.ts
var MODULE_CACHE_STATE_KEY = "goproxy-cache";
var STATE_KEY = MODULE_CACHE_STATE_KEY;
var DEFAULT_TIMEOUT_MS = 10 * 6e4;
function errorText(e) {
  return e instanceof Error ? e.message : String(e);
}
__name(errorText, "errorText");
async function goEnvGomodcache(goBinary, env, cwd) {
  const run = await runGoCommand(goBinary, ["env", "GOMODCACHE"], inspectionEnv(env), cwd, 6e4);
  const value = run.stdout.trim();
  if (run.code !== 0 || value === "") return { error: (run.stderr.trim().split("\n")[0] ?? "") || `go env exited with code ${run.code}` };
  return path4.resolve(value);
}
__name(goEnvGomodcache, "goEnvGomodcache");
async function exists(file) {
  try {
    return (await stat2(file)).isFile();
  } catch {
    return false;
  }
}
__name(exists, "exists");
async function downloadTargets(ws, workspaceRoot) {
  const targets = [];
  const requires = /* @__PURE__ */ new Map();
  for (const r of requiredModules(ws)) {
    const id = r.replacement === void 0 ? `${r.path}@${r.version}` : `${r.replacement.path}@${r.replacement.version}`;
    const list = requires.get(r.goModFile);
    if (list === void 0) requires.set(r.goModFile, [id]);
    else list.push(id);
  }
  const rel = /* @__PURE__ */ __name((abs) => path4.relative(workspaceRoot, abs).split(path4.sep).join("/") || ".", "rel");
  if (ws.goWork !== null) {
    const workDir = path4.join(workspaceRoot, ws.goWork.file, "..");
    const useDirs = ws.modules.filter((m) => m.inWorkFile).map((m) => m.dir);
    const sums = [path4.join(workDir, "go.work.sum"), ...useDirs.map((d) => path4.join(d, "go.sum"))];
    let any = false;
    for (const s of sums) if (await exists(s)) any = true;
    if (any) targets.push({ dir: path4.resolve(workDir), workspaceMode: true, label: ws.goWork.file });
  }
  const outside = ws.modules.filter((m) => !m.inWorkFile);
  const withSums = await mapLimit(outside, 16, (m) => exists(path4.join(m.dir, "go.sum")));
  for (const [index, m] of outside.entries()) {
    if (!withSums[index]) continue;
    targets.push({ dir: m.dir, workspaceMode: false, label: rel(path4.join(m.dir, "go.mod")), requires: requires.get(m.goModFile) ?? [] });
  }
  return targets;
}
__name(downloadTargets, "downloadTargets");
function requirementIndex(ws) {
  const index = /* @__PURE__ */ new Map();
  if (ws === null) return index;
  for (const r of requiredModules(ws)) {
    if (!index.has(r.path)) index.set(r.path, r);
    if (r.replacement?.path !== void 0 && !index.has(r.replacement.path)) index.set(r.replacement.path, r);
  }
  return index;
}
__name(requirementIndex, "requirementIndex");
function failureProblem(f, requirements) {
  const problem = {
    severity: f.kind === "network" || f.kind === "timeout" ? "warning" : "error",
    code: "DOWNLOAD_FAILED",
    message: `go mod download could not fetch ${f.version ? `${f.path}@${f.version}` : f.path}${f.target !== f.path ? ` (${f.target})` : ""}: ${goErrorText(f.error)}`,
    fix: fixFor(f.kind, f.path)
  };
  const req = requirements.get(f.path);
  if (req !== void 0) {
    if (req.replacement !== void 0 && req.replacement.path === f.path) {
      problem.file = req.replacement.file;
      problem.line = req.replacement.line;
    } else {
      problem.file = req.goModFile;
      problem.line = req.line;
    }
  }
  return problem;
}
__name(failureProblem, "failureProblem");
async function graphOffline(goBinary, env, targets, timeoutMs, concurrency) {
  const nodes = /* @__PURE__ */ new Set();
  const runs = await mapLimit(targets, concurrency, (t) => runGoCommand(goBinary, ["mod", "graph"], moduleCommandEnv(env, { GOPROXY: "off", ...t.workspaceMode ? {} : { GOWORK: "off" } }), t.dir, timeoutMs));
  for (const [i, run] of runs.entries()) {
    if (run.code !== 0) return { error: `go mod graph in ${targets[i]?.label ?? "?"}: ${goErrorText(run.stderr, 300) || `exit ${run.code}`}` };
    for (const n of parseGraphNodes(run.stdout)) nodes.add(n);
  }
  return [...nodes].sort();
}
__name(graphOffline, "graphOffline");
async function planInputsOffline(goBinary, env, allTargets, workspace, timeoutMs, concurrency) {
  const records = [];
  const standalone = allTargets.filter((t) => !t.workspaceMode);
  const batch = standalone.length >= BATCH_MIN_TARGETS ? await downloadBatch({ goBinary, env, targets: standalone, workspace, timeoutMs, concurrency, offline: true }) : null;
  records.push(...batch?.records ?? []);
  const covered = new Set(batch?.covered ?? []);
  const targets = allTargets.filter((t) => !covered.has(t));
  const runs = await mapLimit(targets, concurrency, (t) => runGoCommand(goBinary, ["mod", "download", "-json"], moduleCommandEnv(env, { GOPROXY: "off", ...t.workspaceMode ? {} : { GOWORK: "off" } }), t.dir, timeoutMs));
  for (const [i, run] of runs.entries()) {
    const label = targets[i]?.label ?? "?";
    const stream = parseDownloadStream(run.stdout);
    const bad = stream.records.filter((r) => r.Error !== void 0);
    if (bad.length > 0) return { error: `${bad.length} module(s) of ${label} are not in the module cache (e.g. ${bad[0]?.Path}@${bad[0]?.Version})` };
    if (run.code !== 0) return { error: `go mod download (offline) in ${label}: ${goErrorText(run.stderr, 300) || `exit ${run.code}`}` };
    records.push(...stream.records);
  }
  const graph = await graphOffline(goBinary, env, targets, timeoutMs, concurrency);
  if (!Array.isArray(graph)) return graph;
  return { records, graphNodes: [.../* @__PURE__ */ new Set([...graph, ...batch?.graphNodes ?? []])].sort() };
}
__name(planInputsOffline, "planInputsOffline");
function dependencyFileProblems(deps) {
  const problems = [];
  if (deps.outsidePatterns.length > 0) {
    problems.push({
      severity: "warning",
      code: "CACHE_DEPENDENCY_OUTSIDE_WORKSPACE",
      message: `cache-dependency-path: ${deps.outsidePatterns.length} pattern(s) name a place outside the workspace and were ignored (${excerpt(deps.outsidePatterns.slice(0, 3).join(", "))}).`,
      fix: 'Give globs relative to the repository root (GITHUB_WORKSPACE), e.g. "**/go.sum"; files outside the checkout are never read.',
      variable: "cache-dependency-path"
    });
  }
  const refused = deps.refused.filter((r) => r.failure !== "not-found");
  if (refused.length > 0) {
    const shown = capList(refused, 3);
    problems.push({
      severity: "warning",
      code: "CACHE_DEPENDENCY_OUTSIDE_WORKSPACE",
      message: `${refused.length} dependency file(s) were not hashed into the cache key: ${shown.shown.map((r) => `${excerpt(r.path, 120)} (${r.detail})`).join("; ")}${moreSuffix(shown.omitted)}.`,
      fix: "Dependency files must be regular files inside the workspace; replace a symbolic link that points outside the checkout by the file itself."
    });
  }
  return problems;
}
__name(dependencyFileProblems, "dependencyFileProblems");
function whatHappensNext(replacement, save) {
  if (replacement === null) return "This job continues without it and saves a new entry under its own key.";
  if (save === "never") return "Nothing replaces it while save is 'never'.";
  return `This job continues without it and its post step saves a replacement as ${replacement}${save === "default-branch" ? " (only on the default branch, as save is 'default-branch')" : ""}, which later jobs restore instead.`;
}
__name(whatHappensNext, "whatHappensNext");
async function runModuleCacheMain(options) {
  const problems = [];
  const failures = [];
  let gomodcachePreexisting = false;
  const layout = options.layout ?? DEFAULT_LAYOUT;
  const timeoutMs = options.downloadTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadlines = options.deadlines ?? DEFAULT_DEADLINES;
  const concurrency = options.concurrency ?? defaultConcurrency();
  const summary = {
    key: null,
    matchedKey: null,
    hit: "false",
    cacheSkipped: null,
    archiveBytes: null,
    restoreMs: null,
    preexisting: false,
    merged: null,
    downloadMs: null,
    downloadSkipped: null,
    modulesInWorkspace: 0,
    modulesFetched: 0,
    proxiesUsed: [],
    failures,
    gomodcache: null,
    layout
  };
  const result = /* @__PURE__ */ __name((extra = {}) => ({
    hit: summary.hit,
    key: summary.key,
    matchedKey: summary.matchedKey,
    gomodcache: summary.gomodcache,
    gomodcachePreexisting,
    modulesDownloaded: summary.modulesFetched,
    failures,
    problems,
    summaryBody: renderMainSummary(summary),
    state: {},
    ...extra
  }), "result");
  if (!options.enabled && !options.download) {
    summary.cacheSkipped = "disabled (cache: false, download: false)";
    return result();
  }
  if (options.goBinary === null) {
    summary.cacheSkipped = "no go binary on PATH";
    problems.push({ severity: "notice", code: "CACHE_NO_GO", message: "No go binary on PATH, so the module cache was neither restored nor pre-warmed.", fix: "Install Go (actions/setup-go with cache: false) before this action." });
    return result();
  }
  const goBinary = options.goBinary;
  const gomodcache = options.gomodcache ?? await goEnvGomodcache(goBinary, options.env, options.workingDirectory);
  if (typeof gomodcache !== "string") {
    summary.cacheSkipped = "GOMODCACHE unknown";
    problems.push({ severity: "warning", code: "CACHE_GOMODCACHE_UNKNOWN", message: `go env GOMODCACHE failed: ${gomodcache.error}`, fix: "Check that the go binary runs with the job's environment (GOENV, GOFLAGS, GOTOOLCHAIN)." });
    return result();
  }
  summary.gomodcache = gomodcache;
  gomodcachePreexisting = await hasContent(gomodcache);
  let ws = options.workspaceInfo ?? null;
  if (ws === null) {
    try {
      ws = await discoverWorkspace(options.workingDirectory, options.workspace, { goworkEnv: options.env["GOWORK"] ?? "" });
    } catch (e) {
      debug(`workspace discovery failed: ${errorText(e)}`);
    }
  }
  const targets = ws === null ? [] : await downloadTargets(ws, options.workspace);
  let active = options.enabled;
  let key = "";
  let restorePrefix = "";
  if (active) {
    const prefix = options.keyPrefix.trim() === "" ? DEFAULT_KEY_PREFIX : options.keyPrefix.trim();
    const bad = validateKeyPrefix(prefix);
    const deps = await collectDependencyFiles(options.dependencyPath, options.workingDirectory, options.workspace);
    if (bad !== null) {
      active = false;
      summary.cacheSkipped = "invalid cache-key-prefix";
      problems.push({ severity: "error", code: "CACHE_BAD_KEY_PREFIX", message: `cache-key-prefix '${prefix}': ${bad}.`, fix: "Use letters, digits, dots, dashes and underscores, under 400 characters.", variable: "cache-key-prefix" });
    } else if (deps.digests.length === 0) {
      problems.push(...dependencyFileProblems(deps));
      active = false;
      summary.cacheSkipped = `no dependency files (${deps.description})`;
      problems.push({
        severity: "notice",
        code: "CACHE_NO_DEPENDENCY_FILES",
        message: options.dependencyPath.trim() === "" ? "No go.sum or go.work.sum under the working directory: there are no module dependencies to cache, so the module cache is neither restored nor saved." : `cache-dependency-path matched no file (${deps.description}), so the module cache is neither restored nor saved.`,
        fix: options.dependencyPath.trim() === "" ? "Commit go.sum (run go mod tidy), or set working-directory to the directory that holds go.mod." : 'Give globs relative to the repository root, e.g. "**/go.sum".',
        variable: "cache-dependency-path"
      });
    } else {
      problems.push(...dependencyFileProblems(deps));
      if (deps.truncated) logInfo("Stopped looking for dependency files after 50000 directory entries; the key covers those found.");
      ({ key, restorePrefix } = cacheKeys({ prefix, layout, hash: dependencyHash(deps.digests), platform: process.platform, crossOs: options.crossOs }));
      summary.key = key;
      logInfo(`Module cache key ${key} (from ${deps.digests.length} file(s): ${deps.digests.slice(0, 5).map((d) => d.path).join(", ")}${deps.digests.length > 5 ? ", \u2026" : ""})`);
    }
  } else {
    summary.cacheSkipped = "disabled (cache: false)";
  }
  if (active && !cacheServiceAvailable()) {
    active = false;
    summary.cacheSkipped = "the Actions cache service is not available to this job";
    problems.push({ severity: "notice", code: "CACHE_SERVICE_UNAVAILABLE", message: "The Actions cache service is not available to this job (no ACTIONS_CACHE_URL / ACTIONS_RESULTS_URL), so the module cache is neither restored nor saved.", fix: "On GHES, enable Actions caching (GHES 3.5+); elsewhere set cache: false to silence this." });
  }
  let saveKey = key;
  if (active) {
    logInfo(`Restoring the module cache into ${gomodcache} (key ${key}, else the newest ${restorePrefix}*)`);
    try {
      const restored = await restoreModuleCache({ gomodcache, layout, key, lookupKeys: lookupKeys({ key, restorePrefix }), crossOs: options.crossOs, deadlines });
      summary.hit = restored.hit;
      summary.matchedKey = restored.matchedKey;
      summary.archiveBytes = restored.archiveBytes;
      summary.restoreMs = restored.ms;
      summary.preexisting = restored.preexisting;
      summary.merged = restored.merge;
      problems.push(...serviceProblems(restored.messages, "CACHE_RESTORE_FAILED", "Restoring the module cache failed; continuing without it"));
      if (restored.failure !== null) {
        const failure = restored.failure;
        const ownKey = failure.key !== null && (failure.key === key || failure.key.startsWith(`${key}-`));
        if (failure.kind === "corrupt" && ownKey) saveKey = replacementKey(key, options.env);
        problems.push(restoreFailureProblem("module cache", failure, whatHappensNext(saveKey !== key ? saveKey : null, options.save), { failed: "CACHE_RESTORE_FAILED", corrupt: "CACHE_RESTORE_CORRUPT" }));
      }
      if (restored.error !== null) problems.push({ severity: "warning", code: "CACHE_RESTORE_FAILED", message: `Restoring the module cache failed: ${restored.error}` });
      if (restored.hit !== "false" && restored.preexisting) logInfo(`GOMODCACHE already had content: ${restored.merge.added} entries added from the cache, ${restored.merge.kept} already present and kept.`);
      logInfo(restored.hit === "false" ? "No module cache found." : `Module cache restored from ${restored.matchedKey} (${restored.hit === "true" ? "exact" : "partial"}) in ${(restored.ms / 1e3).toFixed(1)} s.`);
    } catch (e) {
      problems.push({ severity: "warning", code: "CACHE_RESTORE_FAILED", message: `Restoring the module cache failed: ${errorText(e)}` });
    }
  }
  let downloadState = "skipped";
  let plan = null;
  if (options.download && targets.length > 0 && summary.hit === "true") {
    summary.downloadSkipped = "exact hit: the restored cache holds every module the workspace needs";
    logInfo(`go mod download skipped: ${summary.downloadSkipped}.`);
  } else if (options.download && targets.length > 0) {
    const zipsBefore = await existingZips(path4.join(gomodcache, "cache", "download"));
    const shown = capList(targets.map((t) => t.label), 10);
    logInfo(`go mod download in ${shown.shown.join(", ")}${moreSuffix(shown.omitted)}`);
    const outcome = await downloadModules({
      goBinary,
      env: options.env,
      targets,
      attempts: Math.max(1, options.retries),
      healthyProxies: options.healthyProxies,
      timeoutMs,
      backoffMs: options.retryBackoffMs ?? 2e3,
      log: logInfo,
      concurrency,
      workspace: options.workspace,
      ...options.batchMinTargets === void 0 ? {} : { batchMinTargets: options.batchMinTargets }
    });
    summary.downloadMs = outcome.ms;
    summary.modulesInWorkspace = outcome.records.filter((r) => r.Zip !== void 0).length;
    summary.modulesFetched = await countFetched(outcome.records, zipsBefore);
    summary.proxiesUsed = outcome.proxiesUsed;
    downloadState = outcome.ok ? "ok" : "failed";
    const requirements = requirementIndex(ws);
    for (const f of outcome.failures) {
      failures.push({ path: f.path, version: f.version, error: goErrorText(f.error), fix: fixFor(f.kind, f.path) });
      problems.push(failureProblem(f, requirements));
    }
    logInfo(`go mod download: ${summary.modulesInWorkspace} module(s), ${summary.modulesFetched} fetched, ${outcome.failures.length} failed, ${(outcome.ms / 1e3).toFixed(1)} s`);
    if (outcome.ok && active && summary.hit !== "true") {
      const batched = new Set(outcome.batched.targets);
      const graph = await graphOffline(goBinary, options.env, targets.filter((t) => !batched.has(t)), timeoutMs, concurrency);
      if (Array.isArray(graph)) plan = { records: outcome.records, graphNodes: [.../* @__PURE__ */ new Set([...graph, ...outcome.batched.graphNodes])].sort() };
      else logInfo(`Cannot list the module graph offline (${graph.error}); the post step will check the cache again.`);
    }
  } else if (options.download && ws !== null && ws.modules.length > 0 && targets.length === 0) {
    logInfo("No go.sum next to any go.mod: nothing to download.");
  }
  let verifyFailed = false;
  if (options.verify && summary.hit !== "false") {
    const runs = await mapLimit(targets, concurrency, (t) => runGoCommand(goBinary, ["mod", "verify"], moduleCommandEnv(options.env, t.workspaceMode ? {} : { GOWORK: "off" }), t.dir, timeoutMs));
    for (const [i, run] of runs.entries()) {
      const t = targets[i];
      if (run.code !== 0) {
        verifyFailed = true;
        const lines = `${run.stdout}
${run.stderr}`.split("\n").map((l) => l.trim()).filter((l) => l !== "" && l !== "all modules verified");
        problems.push({
          severity: "error",
          code: "CACHE_VERIFY_FAILED",
          message: `go mod verify failed in ${t.label} after restoring ${summary.matchedKey ?? "the cache"}: ${lines.slice(0, 5).join("; ")}`,
          fix: "A module in the restored cache does not match go.sum. The cache is not saved again; delete the cache entry (gh cache delete) and find out how it was modified."
        });
      }
    }
    if (!verifyFailed) logInfo("go mod verify: all modules verified.");
  }
  let jobFile = null;
  if (active) {
    try {
      jobFile = await writeStateFile(options.env, "module-cache", ".json", JSON.stringify({ targets, plan }));
    } catch (e) {
      logInfo(`Cannot write the module cache's plan for the post step (${errorText(e)}): the post step will not save the module cache.`);
    }
  }
  const state = {
    v: 2,
    active,
    key,
    saveKey,
    matchedKey: summary.matchedKey,
    hit: summary.hit,
    gomodcache,
    layout,
    crossOs: options.crossOs,
    save: options.save,
    download: downloadState,
    verifyFailed,
    jobFile,
    goBinary,
    workspace: options.workspace,
    deadlines
  };
  return result({ state: { [STATE_KEY]: JSON.stringify(state) } });
}
__name(runModuleCacheMain, "runModuleCacheMain");
function parseState(state) {
  const raw = state[STATE_KEY];
  if (raw === void 0 || raw === "") return null;
  try {
    const parsed = JSON.parse(raw);
    return parsed.v === 2 ? parsed : null;
  } catch {
    return null;
  }
}
__name(parseState, "parseState");
async function runModuleCachePost(stateIn, env) {
  const problems = [];
  const state = parseState(stateIn);
  const done = /* @__PURE__ */ __name((saved, message, extra = {}) => {
    return { saved, message, problems, summaryBody: renderPostSummary({ result: message, key: state?.saveKey || state?.key || null, archiveBytes: null, modulesInArchive: null, pruned: null, saveMs: null, ...extra }) };
  }, "done");
  try {
    if (state === null) return done(false, "Module cache not saved: the main step recorded no cache state.");
    if (!state.active) return done(false, "Module cache not saved: caching was not active in the main step.");
    if (state.verifyFailed) return done(false, "Module cache not saved: go mod verify failed after the restore.");
    const decision = decideSave({
      mode: state.save,
      hit: state.hit,
      download: state.download,
      ref: env["GITHUB_REF"] ?? "",
      defaultBranch: state.save === "default-branch" ? await readEventDefaultBranch(env) : null
    });
    if (!decision.save) return done(false, `Module cache not saved: ${decision.reason}.`);
    if (!cacheServiceAvailable()) return done(false, "Module cache not saved: the Actions cache service is not available to this job.");
    if (state.jobFile === null) return done(false, "Module cache not saved: the main step could not write its plan to RUNNER_TEMP (see the main step's log).");
    let job;
    try {
      job = JSON.parse(await readStateFile(state.jobFile));
    } catch (e) {
      return done(false, `Module cache not saved: the main step's plan file cannot be read (${errorText(e)}); a step between main and post removed it from RUNNER_TEMP, or this post step ran before.`);
    }
    const inputs = job.plan ?? (job.targets.length === 0 ? { records: [], graphNodes: [] } : await planInputsOffline(state.goBinary, env, job.targets, state.workspace, DEFAULT_TIMEOUT_MS, defaultConcurrency()));
    if ("error" in inputs) {
      problems.push({ severity: "notice", code: "CACHE_SAVE_SKIPPED", message: `The module cache was not saved because it does not hold everything the workspace needs: ${inputs.error}.`, fix: "Let the action download modules (download: true), or run go mod download before the job ends." });
      return done(false, `Module cache not saved: incomplete (${inputs.error}).`);
    }
    const inventory = await inventoryDownloadCache(state.gomodcache);
    const plan = planArchive({ gomodcache: state.gomodcache, layout: state.layout, records: inputs.records, graphNodes: inputs.graphNodes, inventory });
    if (plan.missing.length > 0) {
      problems.push({ severity: "notice", code: "CACHE_SAVE_SKIPPED", message: `The module cache was not saved: ${plan.missing.length} file(s) the workspace needs are missing from GOMODCACHE (e.g. ${plan.missing[0] ?? ""}); a partial cache would be worse than none.`, fix: "Something removed files from the module cache during the job (go clean -modcache?)." });
      return done(false, `Module cache not saved: ${plan.missing.length} needed file(s) missing.`);
    }
    if (plan.modules === 0) {
      return done(false, "Module cache not saved: the workspace needs no module downloads, so the cache would be empty.", { pruned: plan.pruned.length });
    }
    if (plan.pruned.length > 0) logInfo(`Pruned from the archive (not in the current module graph): ${plan.pruned.length} module version(s), e.g. ${plan.pruned.slice(0, 5).join(", ")}`);
    const staging = scratchDir(state.gomodcache, "save");
    try {
      const linked = await stagePlan(state.gomodcache, plan, staging);
      const saveKey = state.saveKey || state.key;
      logInfo(`Saving ${plan.modules} module(s) (${linked} files) as ${saveKey}`);
      const saved = await saveArchive({ root: staging, paths: archivePaths(state.layout), key: saveKey, crossOs: state.crossOs, deadlines: state.deadlines ?? DEFAULT_DEADLINES });
      problems.push(...serviceProblems(saved.messages, "CACHE_SAVE_FAILED", "Saving the module cache failed"));
      if (saved.kind === "failed" && saved.messages.length === 0 || saved.kind === "timeout") {
        problems.push({ severity: "warning", code: "CACHE_SAVE_FAILED", message: saved.message, fix: SERVICE_TROUBLE_FIX });
      }
      if (saved.kind === "denied") problems.push({ severity: "notice", code: "CACHE_SAVE_DENIED", message: `The module cache was not saved: ${saved.message.replace(/^Not saved: /, "")}`, fix: "Expected for pull requests from forks (read-only token); set save: default-branch to skip the attempt." });
      return done(saved.kind === "saved", saved.message, { archiveBytes: saved.archiveBytes, modulesInArchive: plan.modules, pruned: plan.pruned.length, saveMs: saved.ms });
    } finally {
      await removeTree(staging);
      await removeIfEmpty(path4.dirname(staging));
    }
  } catch (e) {
    problems.push({ severity: "warning", code: "CACHE_SAVE_FAILED", message: `Saving the module cache failed: ${errorText(e)}` });
    return done(false, `Module cache not saved: ${errorText(e)}`);
  } finally {
    await removeStateFile(state?.jobFile);
  }
}
__name(runModuleCachePost, "runModuleCachePost");

export {
  MODULE_CACHE_STATE_KEY,
  downloadTargets,
  runModuleCacheMain,
  runModuleCachePost
};
