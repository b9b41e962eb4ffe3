import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  readBuildEnv
} from "./chunk-HJ6RNP2U.js";
import {
  DEFAULT_DEADLINES,
  SERVICE_TROUBLE_FIX,
  branchRule,
  cacheServiceAvailable,
  formatBytes,
  formatSeconds,
  keySegment,
  linkOrCopy,
  mapLimit,
  readEventDefaultBranch,
  readStateFile,
  removeIfEmpty,
  removeStateFile,
  removeTree,
  restoreFailureProblem,
  restoreInto,
  runSuffix,
  saveArchive,
  scratchDir,
  serviceProblems,
  shortHash,
  validateKeyPrefix,
  writeStateFile
} from "./chunk-VLB2U4RG.js";
import {
  debug,
  logInfo
} from "./chunk-2GCR54O6.js";
import {
  escapeCell,
  markdownTable
} from "./chunk-2U523TXB.js";
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/build-cache/phase.ts
import path2 from "node:path";

// src/build-cache/entries.ts
import { lstat, mkdir, open, readdir, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
var MARKER_FILES = ["README", "testexpire.txt", "trim.txt"];
var SUBDIRS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
function isEntryName(name) {
  if (name.length !== 66 || name[64] !== "-" || name[65] !== "a" && name[65] !== "d") return false;
  for (let i = 0; i < 64; i++) {
    const c = name.charCodeAt(i);
    if (!(c >= 48 && c <= 57 || c >= 97 && c <= 102)) return false;
  }
  return true;
}
__name(isEntryName, "isEntryName");
var IO_CONCURRENCY = 32;
async function listEntries(root, maxEntries = 1e6) {
  const names = [];
  for (const sub of SUBDIRS) {
    if (names.length >= maxEntries) break;
    let dirents;
    try {
      dirents = await readdir(path.join(root, sub), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const d of dirents) {
      if (names.length >= maxEntries) break;
      if (d.isFile() && isEntryName(d.name)) names.push(`${sub}/${d.name}`);
    }
  }
  const stats = await mapLimit(names, IO_CONCURRENCY, async (name) => {
    try {
      const st = await lstat(path.join(root, ...name.split("/")));
      return { name, mtimeMs: st.mtimeMs, size: st.size };
    } catch {
      return null;
    }
  });
  return stats.filter((e) => e !== null);
}
__name(listEntries, "listEntries");
async function ageEntries(root, entries, agedMs) {
  const when = new Date(agedMs);
  let aged = 0;
  let failed = 0;
  await mapLimit(entries.filter((e) => e.mtimeMs > agedMs), IO_CONCURRENCY, async (e) => {
    try {
      await utimes(path.join(root, ...e.name.split("/")), when, when);
      aged++;
    } catch {
      failed++;
    }
  });
  return { aged, failed };
}
__name(ageEntries, "ageEntries");
function outputOfAction(content) {
  if (!content.startsWith("v1 ")) return null;
  const out = content.slice(3 + 64 + 1, 3 + 64 + 1 + 64);
  if (out.length !== 64 || content[3 + 64] !== " " || !isEntryName(`${out}-d`)) return null;
  return `${out.slice(0, 2)}/${out}-d`;
}
__name(outputOfAction, "outputOfAction");
async function actionOutputs(root, actions) {
  const out = /* @__PURE__ */ new Map();
  await mapLimit(actions, IO_CONCURRENCY, async (name) => {
    let handle;
    try {
      handle = await open(path.join(root, ...name.split("/")), "r");
      const buffer = Buffer.alloc(256);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      const output = outputOfAction(buffer.subarray(0, bytesRead).toString("latin1"));
      if (output !== null) out.set(name, output);
    } catch {
    } finally {
      await handle?.close();
    }
  });
  return out;
}
__name(actionOutputs, "actionOutputs");
async function listEntryNames(root, maxEntries = 1e6) {
  const lists = await mapLimit(SUBDIRS, IO_CONCURRENCY, async (sub) => {
    try {
      return (await readdir(path.join(root, sub), { withFileTypes: true })).filter((d) => d.isFile() && isEntryName(d.name)).map((d) => `${sub}/${d.name}`);
    } catch {
      return [];
    }
  });
  return lists.flat().slice(0, maxEntries);
}
__name(listEntryNames, "listEntryNames");
async function stageEntries(gocache, names, staging, nowMs, agedMs) {
  const made = /* @__PURE__ */ new Set();
  for (const name of names) {
    const [sub] = name.split("/");
    if (sub !== void 0 && !made.has(sub)) {
      await mkdir(path.join(staging, sub), { recursive: true });
      made.add(sub);
    }
  }
  const aged = new Date(agedMs);
  await mapLimit(names, IO_CONCURRENCY, async (name) => {
    const staged = path.join(staging, ...name.split("/"));
    await linkOrCopy(path.join(gocache, ...name.split("/")), staged);
    await utimes(staged, aged, aged);
  });
  for (const marker of MARKER_FILES) {
    if (marker === "trim.txt") continue;
    await linkOrCopy(path.join(gocache, marker), path.join(staging, marker)).catch(() => void 0);
  }
  await writeFile(path.join(staging, "trim.txt"), String(Math.floor(nowMs / 1e3)));
}
__name(stageEntries, "stageEntries");

// src/build-cache/key.ts
var DEFAULT_BUILD_KEY_PREFIX = "setup-goproxy-gobuild";
var BUILD_LAYOUT_TAG = "b2";
var BUILD_ARCHIVE_PATHS = ["."];
function outputHash(outputs, words) {
  const lines = Object.keys(outputs).sort().map((name) => `${name}=${outputs[name] ?? ""}
`);
  return shortHash(`${lines.join("")}words=${words}
`, 12);
}
__name(outputHash, "outputHash");
function buildCacheKeys(input) {
  const prefix = input.prefix.replace(/-+$/, "");
  const hash = outputHash(input.outputs, input.words);
  const restorePrefix = [
    prefix,
    BUILD_LAYOUT_TAG,
    keySegment(input.goos, 16),
    keySegment(input.goarch, 16),
    keySegment(input.goVersion, 40),
    hash,
    keySegment(input.job || "job", 64),
    shortHash(input.gomodcache, 8)
  ].join("-") + "-";
  return { key: `${restorePrefix}${input.runSuffix}`, restorePrefix, outputHash: hash };
}
__name(buildCacheKeys, "buildCacheKeys");

// src/build-cache/saveDecision.ts
function decideBuildSave(input) {
  if (input.mode === "never") return { save: false, reason: "build-cache-save is 'never'" };
  if (!input.jobSucceeded && input.mode !== "always") {
    return { save: false, reason: "the post step also runs after failed jobs here (credential clean-up or save: always), so it cannot tell that this job succeeded; set build-cache-save: always to save anyway" };
  }
  return branchRule(input.mode, input.ref, input.defaultBranch, "build-cache-save");
}
__name(decideBuildSave, "decideBuildSave");

// src/build-cache/summary.ts
var code = /* @__PURE__ */ __name((s) => `<code>${escapeCell(s)}</code>`, "code");
function renderBuildMainSummary(d) {
  const rows = [];
  if (d.skipped !== null) rows.push(["Build cache", escapeCell(d.skipped)]);
  else {
    rows.push(["Key", d.key === null ? "\u2013" : code(d.key)]);
    rows.push(["Restored from", d.matchedKey === null ? "\u26AA nothing (miss)" : `\u2705 ${code(d.matchedKey)}`]);
    rows.push(["Archive size", formatBytes(d.archiveBytes)]);
    rows.push([
      "Entries restored",
      d.entriesRestored === null ? "\u2013" : `${d.entriesRestored}${d.merged !== null && d.merged.kept > 0 ? ` (merged into an existing GOCACHE: ${d.merged.kept} already there)` : ""}`
    ]);
    rows.push(["Restore", formatSeconds(d.restoreMs)]);
    if (d.aged !== null) rows.push(["Trim", `${d.aged} entries aged; what this job does not use is left out of the saved archive`]);
  }
  if (d.gocache !== null) rows.push(["GOCACHE", code(d.gocache)]);
  return markdownTable(["", ""], rows);
}
__name(renderBuildMainSummary, "renderBuildMainSummary");
function renderBuildPostSummary(d) {
  const rows = [["Save", escapeCell(d.result)]];
  if (d.key !== null) rows.push(["Key", code(d.key)]);
  if (d.used !== null && d.trimmed !== null && d.added !== null) rows.push(["Entries used / trimmed / new", `${d.used} / ${d.trimmed} / ${d.added}`]);
  if (d.archiveBytes !== null) rows.push(["Archive size", formatBytes(d.archiveBytes)]);
  if (d.ms !== null) rows.push(["Time", formatSeconds(d.ms)]);
  return markdownTable(["", ""], rows);
}
__name(renderBuildPostSummary, "renderBuildPostSummary");

// src/build-cache/trim.ts
function planTrim(input) {
  const byName = new Map(input.entries.map((e) => [e.name, e]));
  const used = input.entries.filter((e) => e.mtimeMs >= input.usedSinceMs).map((e) => e.name);
  const keep = /* @__PURE__ */ new Set();
  for (const name of used) if (name.endsWith("-a")) keep.add(name);
  for (const action of [...keep]) {
    const output = input.outputsOf.get(action);
    if (output !== void 0 && byName.has(output)) keep.add(output);
    else keep.delete(action);
  }
  let keepBytes = 0;
  let usedRestored = 0;
  for (const name of keep) {
    keepBytes += byName.get(name)?.size ?? 0;
    if (input.restored.has(name)) usedRestored++;
  }
  const added = keep.size - usedRestored;
  const trimmed = input.restored.size - usedRestored;
  return { keep: [...keep].sort(), trimmed, usedRestored, added, keepBytes, unchanged: input.restored.size > 0 && added === 0 && trimmed === 0 };
}
__name(planTrim, "planTrim");

// src/build-cache/phase.ts
var AGE_BY_MS = 2 * 60 * 60 * 1e3;
var BUILD_CACHE_STATE_KEY = "goproxy-build-cache";
function errorText(e) {
  return e instanceof Error ? e.message : String(e);
}
__name(errorText, "errorText");
function gocacheOffProblem(env) {
  const value = env["GOCACHE"] ?? "";
  const fromEnv = value !== "";
  const what = value === "off" || !fromEnv ? "GOCACHE=off" : `GOCACHE=${value} (not an absolute path, which go treats as off)`;
  return {
    severity: "error",
    code: "BUILD_CACHE_OFF",
    message: `${what}${fromEnv ? "" : " (set with go env -w)"}: every go build, test and vet fails with "build cache is disabled by GOCACHE=off, but required as of Go 1.12".`,
    fix: fromEnv ? "Remove GOCACHE from the workflow env, or set it to an absolute directory such as ${{ runner.temp }}/go-build; set build-cache: false if you manage GOCACHE yourself." : "Run go env -u GOCACHE (or set GOCACHE to an absolute directory in the job env).",
    variable: "GOCACHE",
    ...fromEnv ? { setIn: "env" } : {}
  };
}
__name(gocacheOffProblem, "gocacheOffProblem");
async function runBuildCacheMain(options) {
  const now = options.now ?? Date.now;
  const problems = [];
  const summary = { skipped: null, key: null, matchedKey: null, archiveBytes: null, restoreMs: null, entriesRestored: null, merged: null, gocache: null, aged: null };
  const result = /* @__PURE__ */ __name((extra = {}) => ({
    hit: summary.matchedKey === null ? "false" : "true",
    key: summary.key,
    matchedKey: summary.matchedKey,
    gocache: summary.gocache,
    problems,
    summaryBody: renderBuildMainSummary(summary),
    state: {},
    postAlways: false,
    ...extra
  }), "result");
  const skip = /* @__PURE__ */ __name((why) => {
    summary.skipped = why;
    return result();
  }, "skip");
  if (!options.inputs.enabled) return skip("off (build-cache: false)");
  if (options.goBinary === null) return skip("no go binary on PATH");
  const buildEnv = await (options.buildEnv ?? readBuildEnv(options.goBinary, options.env, options.workingDirectory));
  if ("error" in buildEnv) {
    if (/disabled by GOCACHE=off|build cache is required/.test(buildEnv.error)) {
      problems.push(gocacheOffProblem(options.env));
      return skip("GOCACHE is off");
    }
    if (buildEnv.error.includes("failed to initialize build cache")) {
      problems.push({ severity: "warning", code: "BUILD_CACHE_NOT_WRITABLE", message: `The go command cannot use GOCACHE, so the build cache was neither restored nor saved (and go builds will fail): ${buildEnv.error}`, fix: "Make GOCACHE a writable directory, or point GOCACHE at one (e.g. ${{ runner.temp }}/go-build)." });
      return skip("GOCACHE cannot be used");
    }
    problems.push({ severity: "warning", code: "BUILD_CACHE_GOENV_FAILED", message: `go env failed, so the build cache was neither restored nor saved: ${buildEnv.error}`, fix: "Check that the go binary runs with the job's environment (GOFLAGS, GOTOOLCHAIN)." });
    return skip("go env failed");
  }
  if (buildEnv.gocache === "off" || buildEnv.gocache === "" || !path2.isAbsolute(buildEnv.gocache)) {
    problems.push(gocacheOffProblem(options.env));
    return skip("GOCACHE is off");
  }
  const gocache = path2.resolve(buildEnv.gocache);
  summary.gocache = gocache;
  const userPrefix = options.keyPrefix.trim();
  const prefix = userPrefix === "" ? DEFAULT_BUILD_KEY_PREFIX : `${userPrefix.replace(/-+$/, "")}-build`;
  if (validateKeyPrefix(prefix) !== null) return skip("invalid cache-key-prefix (reported for the module cache)");
  const keys = buildCacheKeys({
    prefix,
    goos: buildEnv.goos,
    goarch: buildEnv.goarch,
    goVersion: buildEnv.goVersion,
    outputs: buildEnv.outputs,
    words: options.inputs.keyWords,
    job: options.env["GITHUB_JOB"] ?? "",
    gomodcache: buildEnv.gomodcache,
    runSuffix: runSuffix(options.env, now)
  });
  summary.key = keys.key;
  if (!cacheServiceAvailable()) {
    logInfo("The Actions cache service is not available to this job: the build cache is neither restored nor saved.");
    return skip("the Actions cache service is not available to this job");
  }
  const deadlines = options.deadlines ?? DEFAULT_DEADLINES;
  const preexistingEntries = (await listEntries(gocache, 1)).length > 0;
  if (preexistingEntries && options.gomodcachePreexisting) {
    problems.push({
      severity: "notice",
      code: "BUILD_CACHE_SETUP_GO_TOO",
      message: "GOCACHE and GOMODCACHE already held files before this action restored them: another cache (actions/setup-go with cache: true?) archives the same directories, so the job stores and restores them twice. The action merges into what is there.",
      fix: "Set cache: false on actions/setup-go; this action caches both the modules and the build cache. (On a self-hosted runner that keeps these directories, ignore this notice.)"
    });
  }
  logInfo(`Restoring the build cache into ${gocache} (newest ${keys.restorePrefix}*)`);
  const agingStart = now();
  const agedMs = agingStart - AGE_BY_MS;
  const aging = { aged: 0, failed: 0 };
  const age = /* @__PURE__ */ __name(async (root, entries) => {
    const result2 = await ageEntries(root, entries, agedMs);
    aging.aged += result2.aged;
    aging.failed += result2.failed;
  }, "age");
  let restoredNames = [];
  const restored = await restoreInto({
    dir: gocache,
    paths: [...BUILD_ARCHIVE_PATHS],
    keys: [keys.restorePrefix],
    crossOs: false,
    deadlines,
    inspect: /* @__PURE__ */ __name(async (staging) => {
      restoredNames = await listEntryNames(staging);
    }, "inspect")
  });
  summary.restoreMs = restored.ms;
  summary.archiveBytes = restored.archiveBytes;
  problems.push(...serviceProblems(restored.messages, "CACHE_RESTORE_FAILED", "Restoring the build cache failed; continuing without it"));
  if (restored.failure !== null) {
    problems.push(restoreFailureProblem("build cache", restored.failure, "This job builds without it; its post step saves a new entry, which later jobs restore instead.", { failed: "CACHE_RESTORE_FAILED", corrupt: "CACHE_RESTORE_CORRUPT" }));
  }
  if (restored.error !== null) {
    problems.push({ severity: "warning", code: "BUILD_CACHE_NOT_WRITABLE", message: `The build cache was not restored: ${restored.error}.`, fix: "Make GOCACHE a writable directory (go needs to write there anyway), or set build-cache: false." });
    return result();
  }
  if (restored.matchedKey !== null) {
    summary.matchedKey = restored.matchedKey;
    summary.entriesRestored = restoredNames.length;
    summary.merged = restored.preexisting ? restored.merge : null;
    logInfo(`Build cache restored from ${restored.matchedKey}: ${restoredNames.length} entries in ${(restored.ms / 1e3).toFixed(1)} s.`);
  } else {
    restoredNames = [];
    logInfo("No build cache found.");
  }
  if (preexistingEntries) await age(gocache, await listEntries(gocache));
  summary.aged = aging.aged;
  let trimmable = aging.failed === 0;
  if (!trimmable) {
    problems.push({ severity: "warning", code: "BUILD_CACHE_NOT_WRITABLE", message: `${aging.failed} build-cache entries in ${gocache} cannot be modified (a read-only GOCACHE?), so the post step cannot tell which ones the job used and will not save the build cache.`, fix: "Make GOCACHE writable, or set build-cache: false." });
  }
  let restoredFile = null;
  if (restoredNames.length > 0 && trimmable) {
    try {
      restoredFile = await writeStateFile(options.env, "build-cache", ".txt", restoredNames.join("\n"));
    } catch (e) {
      debug(`cannot write the list of restored build-cache entries: ${errorText(e)}`);
      trimmable = false;
    }
  }
  const state = {
    v: 1,
    key: keys.key,
    gocache,
    save: options.inputs.save,
    matchedKey: summary.matchedKey,
    trimmable,
    usedSinceMs: agingStart,
    restoredFile,
    deadlines
  };
  return result({ state: { [BUILD_CACHE_STATE_KEY]: JSON.stringify(state) }, postAlways: options.inputs.save === "always" });
}
__name(runBuildCacheMain, "runBuildCacheMain");
function parseState(raw) {
  if (raw === void 0 || raw === "") return null;
  try {
    const parsed = JSON.parse(raw);
    return parsed.v === 1 && typeof parsed.gocache === "string" && typeof parsed.key === "string" ? parsed : null;
  } catch {
    return null;
  }
}
__name(parseState, "parseState");
async function readRestored(file) {
  if (file === null) return /* @__PURE__ */ new Set();
  try {
    return new Set((await readStateFile(file)).split("\n").filter((line) => line !== ""));
  } catch {
    return null;
  }
}
__name(readRestored, "readRestored");
async function runBuildCachePost(stateIn, env) {
  const state = parseState(stateIn[BUILD_CACHE_STATE_KEY]);
  if (state === null) return null;
  const problems = [];
  const started = Date.now();
  let listRead = false;
  const done = /* @__PURE__ */ __name((saved, message, extra = {}) => ({
    saved,
    message,
    problems,
    summaryBody: renderBuildPostSummary({ result: message, key: state.key, used: null, trimmed: null, added: null, archiveBytes: null, ms: null, ...extra })
  }), "done");
  try {
    const decision = decideBuildSave({
      mode: state.save,
      jobSucceeded: env["SETUP_GOPROXY_POST_ALWAYS"] !== "true",
      ref: env["GITHUB_REF"] ?? "",
      defaultBranch: state.save === "default-branch" ? await readEventDefaultBranch(env) : null
    });
    if (!decision.save) return done(false, `Build cache not saved: ${decision.reason}.`);
    if (!state.trimmable) return done(false, "Build cache not saved: its entries could not be aged in the main step (read-only GOCACHE?), so what the job used is unknown.");
    if (!cacheServiceAvailable()) return done(false, "Build cache not saved: the Actions cache service is not available to this job.");
    const restored = await readRestored(state.restoredFile);
    if (restored === null) return done(false, "Build cache not saved: the list of restored entries the main step wrote is gone.");
    listRead = true;
    const entries = await listEntries(state.gocache);
    const usedActions = entries.filter((e) => e.mtimeMs >= state.usedSinceMs && e.name.endsWith("-a")).map((e) => e.name);
    const plan = planTrim({ entries, usedSinceMs: state.usedSinceMs, restored, outputsOf: await actionOutputs(state.gocache, usedActions) });
    const counts = { used: plan.usedRestored, trimmed: plan.trimmed, added: plan.added };
    if (plan.keep.length === 0) return done(false, "Build cache not saved: the job built nothing, so the cache would be empty.", counts);
    if (plan.unchanged) return done(false, `Build cache not saved: unchanged since ${state.matchedKey ?? "the restore"} (every entry used again, nothing new), so the same bytes are not uploaded again.`, counts);
    logInfo(`Build cache: ${plan.usedRestored} restored entries used, ${plan.trimmed} unused (left out), ${plan.added} new.`);
    const staging = scratchDir(state.gocache, "save");
    try {
      await stageEntries(state.gocache, plan.keep, staging, Date.now(), Date.now() - AGE_BY_MS);
      logInfo(`Saving ${plan.keep.length} build-cache entries as ${state.key}`);
      const saved = await saveArchive({ root: staging, paths: [...BUILD_ARCHIVE_PATHS], key: state.key, crossOs: false, deadlines: state.deadlines ?? DEFAULT_DEADLINES });
      problems.push(...serviceProblems(saved.messages, "CACHE_SAVE_FAILED", "Saving the build cache failed"));
      if (saved.kind === "failed" && saved.messages.length === 0 || saved.kind === "timeout") {
        problems.push({ severity: "warning", code: "CACHE_SAVE_FAILED", message: `Build cache: ${saved.message}`, fix: SERVICE_TROUBLE_FIX });
      }
      if (saved.kind === "denied") problems.push({ severity: "notice", code: "CACHE_SAVE_DENIED", message: `The build cache was not saved: ${saved.message.replace(/^Not saved: /, "")}`, fix: "Expected for pull requests from forks (read-only token); build-cache-save: default-branch (the default) skips the attempt." });
      const message = saved.kind === "saved" ? `Saved build cache ${state.key}.` : `Build cache: ${saved.message}`;
      return done(saved.kind === "saved", message, { ...counts, archiveBytes: saved.archiveBytes, ms: Date.now() - started });
    } finally {
      await removeTree(staging);
      await removeIfEmpty(path2.dirname(staging));
    }
  } catch (e) {
    problems.push({ severity: "warning", code: "CACHE_SAVE_FAILED", message: `Saving the build cache failed: ${errorText(e)}`, fix: SERVICE_TROUBLE_FIX });
    return done(false, `Build cache not saved: ${errorText(e)}`);
  } finally {
    if (listRead) await removeStateFile(state.restoredFile);
  }
}
__name(runBuildCachePost, "runBuildCachePost");

export {
  AGE_BY_MS,
  BUILD_CACHE_STATE_KEY,
  runBuildCacheMain,
  runBuildCachePost
};
