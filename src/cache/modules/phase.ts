// The module-cache phase: restore → download → (verify) in the main step, prune → save in the
// post step. Never throws for cache-service trouble: everything becomes a Problem (warnings for
// the service, errors only for what the user must fix) and the job goes on.

import * as core from '@actions/core';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from '../../problems.js';
import { inspectionEnv } from '../../go/goCommand.js';
import { capList, excerpt, moreSuffix } from '../../report/bounds.js';
import { logInfo } from '../../report/log.js';
import { discoverWorkspace, requiredModules, type Workspace } from '../../workspace/discover.js';
import { saveArchive } from '../archive.js';
import { cacheServiceAvailable, DEFAULT_DEADLINES, type ServiceDeadlines } from '../cacheLib.js';
import { removeIfEmpty, removeTree, scratchDir } from '../fsTree.js';
import { moduleCommandEnv, runGoCommand } from '../goExec.js';
import { replacementKey, validateKeyPrefix } from '../keys.js';
import { defaultConcurrency, mapLimit } from '../pool.js';
import { readStateFile, removeStateFile, writeStateFile } from '../stateFile.js';
import { BATCH_MIN_TARGETS, downloadBatch } from './batch.js';
import { restoreFailureProblem, serviceProblems, SERVICE_TROUBLE_FIX } from '../report.js';
import { decideSave, readEventDefaultBranch, type SaveMode } from '../saveMode.js';
import { collectDependencyFiles } from './dependencyFiles.js';
import { countFetched, existingZips, downloadModules, parseGraphNodes, type DownloadTarget, type ModuleFailure } from './download.js';
import { fixFor, goErrorText, parseDownloadStream, type DownloadRecord } from './downloadJson.js';
import { archivePaths, cacheKeys, DEFAULT_KEY_PREFIX, DEFAULT_LAYOUT, dependencyHash, lookupKeys, type CacheLayout } from './key.js';
import { inventoryDownloadCache, planArchive, stagePlan } from './plan.js';
import { hasContent } from '../restoreInto.js';
import { restoreModuleCache } from './restore.js';
import { renderMainSummary, renderPostSummary, type MainSummaryData } from './summary.js';

export interface CacheOptions {
  enabled: boolean;
  /** Raw input: globs, comma/newline separated; '' = every go.sum and go.work.sum under the working directory. */
  dependencyPath: string;
  keyPrefix: string;
  download: boolean;
  save: SaveMode;
  crossOs: boolean;
  /** Attempts of go mod download on network failures. */
  retries: number;
  verify: boolean;
  /** Absolute. */
  workingDirectory: string;
  /** Absolute GITHUB_WORKSPACE. */
  workspace: string;
  goBinary: string | null;
  /** The job env WITH the action's exported Go variables applied. */
  env: NodeJS.ProcessEnv;
  /** Alternative GOPROXY values to switch to on network errors, best first. */
  healthyProxies: string[];
  /** Optional: what is archived (default 'download': $GOMODCACHE/cache/download only). */
  layout?: CacheLayout;
  /** Optional: GOMODCACHE when the caller already asked this go for it (saves a go env run). */
  gomodcache?: string;
  /** Optional: per go invocation (default 10 minutes). */
  downloadTimeoutMs?: number;
  /** Optional: first retry delay (default 2000 ms; doubles per attempt, capped at 30 s). */
  retryBackoffMs?: number;
  /** Optional: how long the cache service may take (default cacheLib.ts DEFAULT_DEADLINES). */
  deadlines?: ServiceDeadlines;
  /** Optional: go invocations at once over the workspace's modules (default pool.ts). */
  concurrency?: number;
  /** Optional: the workspace as the caller already discovered it (saves a second walk). */
  workspaceInfo?: Workspace;
  /** Optional: modules outside go.work from which their go.sum files are fetched in a batch (default batch.ts BATCH_MIN_TARGETS). */
  batchMinTargets?: number;
}

export interface CacheFailure {
  path: string;
  version: string;
  error: string;
  fix: string;
}

export interface CacheMainResult {
  hit: 'true' | 'partial' | 'false';
  key: string | null;
  matchedKey: string | null;
  gomodcache: string | null;
  /** GOMODCACHE had content before this action restored or downloaded anything (setup-go's cache, a self-hosted runner). */
  gomodcachePreexisting: boolean;
  modulesDownloaded: number;
  failures: CacheFailure[];
  problems: Problem[];
  summaryBody: string;
  /** The lead calls core.saveState(name, value) for each entry; the post step passes them back. */
  state: Record<string, string>;
}

export interface CachePostResult {
  saved: boolean;
  message: string;
  problems: Problem[];
  summaryBody: string;
}

/** The state name runModuleCacheMain returns (the post step reads it back with core.getState). */
export const MODULE_CACHE_STATE_KEY = 'goproxy-cache';
const STATE_KEY = MODULE_CACHE_STATE_KEY;

/**
 * What the post step needs, kept small whatever the workspace: the runner passes state as
 * environment variables (stateFile.ts). What grows with the workspace is in `jobFile`.
 */
interface CacheState {
  v: 2;
  /** false: restore/save were not possible (no key, no service); post does nothing. */
  active: boolean;
  key: string;
  /** The key the post step saves under: `key`, or a replacement when `key` itself was found corrupt. */
  saveKey: string;
  matchedKey: string | null;
  hit: 'true' | 'partial' | 'false';
  gomodcache: string;
  layout: CacheLayout;
  crossOs: boolean;
  save: SaveMode;
  download: 'ok' | 'failed' | 'skipped';
  verifyFailed: boolean;
  /** JSON file (JobFile) in RUNNER_TEMP; null when caching was not active. */
  jobFile: string | null;
  goBinary: string;
  workspace: string;
  deadlines: ServiceDeadlines;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function goEnvGomodcache(goBinary: string, env: NodeJS.ProcessEnv, cwd: string): Promise<string | { error: string }> {
  // GOTOOLCHAIN=local: asking for a path must never download a toolchain (go-semantics §9).
  const run = await runGoCommand(goBinary, ['env', 'GOMODCACHE'], inspectionEnv(env), cwd, 60_000);
  const value = run.stdout.trim();
  if (run.code !== 0 || value === '') return { error: (run.stderr.trim().split('\n')[0] ?? '') || `go env exited with code ${run.code}` };
  return path.resolve(value);
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** go.work (workspace mode) plus every module outside it; only those with sums to download. */
export async function downloadTargets(ws: Workspace, workspaceRoot: string): Promise<DownloadTarget[]> {
  const targets: DownloadTarget[] = [];
  // What each module outside go.work requires, so the batch can tell a complete go.sum (batch.ts).
  const requires = new Map<string, string[]>();
  for (const r of requiredModules(ws)) {
    const id = r.replacement === undefined ? `${r.path}@${r.version}` : `${r.replacement.path}@${r.replacement.version}`;
    const list = requires.get(r.goModFile);
    if (list === undefined) requires.set(r.goModFile, [id]);
    else list.push(id);
  }
  const rel = (abs: string): string => path.relative(workspaceRoot, abs).split(path.sep).join('/') || '.';
  if (ws.goWork !== null) {
    const workDir = path.join(workspaceRoot, ws.goWork.file, '..');
    const useDirs = ws.modules.filter((m) => m.inWorkFile).map((m) => m.dir);
    const sums = [path.join(workDir, 'go.work.sum'), ...useDirs.map((d) => path.join(d, 'go.sum'))];
    let any = false;
    for (const s of sums) if (await exists(s)) any = true;
    if (any) targets.push({ dir: path.resolve(workDir), workspaceMode: true, label: ws.goWork.file });
  }
  const outside = ws.modules.filter((m) => !m.inWorkFile);
  const withSums = await mapLimit(outside, 16, (m) => exists(path.join(m.dir, 'go.sum')));
  for (const [index, m] of outside.entries()) {
    if (!withSums[index]) continue;
    targets.push({ dir: m.dir, workspaceMode: false, label: rel(path.join(m.dir, 'go.mod')), requires: requires.get(m.goModFile) ?? [] });
  }
  return targets;
}

type Requirement = ReturnType<typeof requiredModules>[number];

/** First requirement of each module path (or replacement path): one pass, then O(1) per failure. */
function requirementIndex(ws: Workspace | null): Map<string, Requirement> {
  const index = new Map<string, Requirement>();
  if (ws === null) return index;
  for (const r of requiredModules(ws)) {
    if (!index.has(r.path)) index.set(r.path, r);
    if (r.replacement?.path !== undefined && !index.has(r.replacement.path)) index.set(r.replacement.path, r);
  }
  return index;
}

function failureProblem(f: ModuleFailure, requirements: ReadonlyMap<string, Requirement>): Problem {
  const problem: Problem = {
    severity: f.kind === 'network' || f.kind === 'timeout' ? 'warning' : 'error',
    code: 'DOWNLOAD_FAILED',
    message: `go mod download could not fetch ${f.version ? `${f.path}@${f.version}` : f.path}${f.target !== f.path ? ` (${f.target})` : ''}: ${goErrorText(f.error)}`,
    fix: fixFor(f.kind, f.path),
  };
  const req = requirements.get(f.path);
  if (req !== undefined) {
    if (req.replacement !== undefined && req.replacement.path === f.path) {
      problem.file = req.replacement.file;
      problem.line = req.replacement.line;
    } else {
      problem.file = req.goModFile;
      problem.line = req.line;
    }
  }
  return problem;
}

interface PlanInputs {
  records: DownloadRecord[];
  graphNodes: string[];
}

/** The main step's file for the post step: the download targets, and the plan inputs when main downloaded. */
interface JobFile {
  targets: DownloadTarget[];
  /** null: post computes them offline. */
  plan: PlanInputs | null;
}

/** `go mod graph` for each target with GOPROXY=off: after a download it must need nothing new. */
async function graphOffline(goBinary: string, env: NodeJS.ProcessEnv, targets: readonly DownloadTarget[], timeoutMs: number, concurrency: number): Promise<string[] | { error: string }> {
  const nodes = new Set<string>();
  const runs = await mapLimit(targets, concurrency, (t) => runGoCommand(goBinary, ['mod', 'graph'], moduleCommandEnv(env, { GOPROXY: 'off', ...(t.workspaceMode ? {} : { GOWORK: 'off' }) }), t.dir, timeoutMs));
  for (const [i, run] of runs.entries()) {
    if (run.code !== 0) return { error: `go mod graph in ${targets[i]?.label ?? '?'}: ${goErrorText(run.stderr, 300) || `exit ${run.code}`}` };
    for (const n of parseGraphNodes(run.stdout)) nodes.add(n);
  }
  return [...nodes].sort();
}

/** The needed set, computed from the cache alone (GOPROXY=off): used when main did not download. */
async function planInputsOffline(goBinary: string, env: NodeJS.ProcessEnv, allTargets: readonly DownloadTarget[], workspace: string, timeoutMs: number, concurrency: number): Promise<PlanInputs | { error: string }> {
  const records: DownloadRecord[] = [];
  // Many modules outside go.work: their go.sum files, looked up in a few go runs (batch.ts).
  const standalone = allTargets.filter((t) => !t.workspaceMode);
  const batch = standalone.length >= BATCH_MIN_TARGETS ? await downloadBatch({ goBinary, env, targets: standalone, workspace, timeoutMs, concurrency, offline: true }) : null;
  records.push(...(batch?.records ?? []));
  const covered = new Set(batch?.covered ?? []);
  const targets = allTargets.filter((t) => !covered.has(t));
  const runs = await mapLimit(targets, concurrency, (t) => runGoCommand(goBinary, ['mod', 'download', '-json'], moduleCommandEnv(env, { GOPROXY: 'off', ...(t.workspaceMode ? {} : { GOWORK: 'off' }) }), t.dir, timeoutMs));
  for (const [i, run] of runs.entries()) {
    const label = targets[i]?.label ?? '?';
    const stream = parseDownloadStream(run.stdout);
    const bad = stream.records.filter((r) => r.Error !== undefined);
    if (bad.length > 0) return { error: `${bad.length} module(s) of ${label} are not in the module cache (e.g. ${bad[0]?.Path}@${bad[0]?.Version})` };
    if (run.code !== 0) return { error: `go mod download (offline) in ${label}: ${goErrorText(run.stderr, 300) || `exit ${run.code}`}` };
    records.push(...stream.records);
  }
  const graph = await graphOffline(goBinary, env, targets, timeoutMs, concurrency);
  if (!Array.isArray(graph)) return graph;
  return { records, graphNodes: [...new Set([...graph, ...(batch?.graphNodes ?? [])])].sort() };
}

function dependencyFileProblems(deps: Awaited<ReturnType<typeof collectDependencyFiles>>): Problem[] {
  const problems: Problem[] = [];
  if (deps.outsidePatterns.length > 0) {
    problems.push({
      severity: 'warning',
      code: 'CACHE_DEPENDENCY_OUTSIDE_WORKSPACE',
      message: `cache-dependency-path: ${deps.outsidePatterns.length} pattern(s) name a place outside the workspace and were ignored (${excerpt(deps.outsidePatterns.slice(0, 3).join(', '))}).`,
      fix: 'Give globs relative to the repository root (GITHUB_WORKSPACE), e.g. "**/go.sum"; files outside the checkout are never read.',
      variable: 'cache-dependency-path',
    });
  }
  const refused = deps.refused.filter((r) => r.failure !== 'not-found');
  if (refused.length > 0) {
    const shown = capList(refused, 3);
    problems.push({
      severity: 'warning',
      code: 'CACHE_DEPENDENCY_OUTSIDE_WORKSPACE',
      message: `${refused.length} dependency file(s) were not hashed into the cache key: ${shown.shown.map((r) => `${excerpt(r.path, 120)} (${r.detail})`).join('; ')}${moreSuffix(shown.omitted)}.`,
      fix: 'Dependency files must be regular files inside the workspace; replace a symbolic link that points outside the checkout by the file itself.',
    });
  }
  return problems;
}

/** After a corrupt module-cache entry: whether (and where) the post step replaces it. */
function whatHappensNext(replacement: string | null, save: SaveMode): string {
  if (replacement === null) return 'This job continues without it and saves a new entry under its own key.';
  if (save === 'never') return "Nothing replaces it while save is 'never'.";
  return `This job continues without it and its post step saves a replacement as ${replacement}${save === 'default-branch' ? " (only on the default branch, as save is 'default-branch')" : ''}, which later jobs restore instead.`;
}

export async function runModuleCacheMain(options: CacheOptions): Promise<CacheMainResult> {
  const problems: Problem[] = [];
  const failures: CacheFailure[] = [];
  let gomodcachePreexisting = false;
  const layout = options.layout ?? DEFAULT_LAYOUT;
  const timeoutMs = options.downloadTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadlines = options.deadlines ?? DEFAULT_DEADLINES;
  const concurrency = options.concurrency ?? defaultConcurrency();
  const summary: MainSummaryData = {
    key: null, matchedKey: null, hit: 'false', cacheSkipped: null, archiveBytes: null, restoreMs: null, preexisting: false, merged: null,
    downloadMs: null, downloadSkipped: null, modulesInWorkspace: 0, modulesFetched: 0, proxiesUsed: [], failures, gomodcache: null, layout,
  };
  const result = (extra: Partial<CacheMainResult> = {}): CacheMainResult => ({
    hit: summary.hit, key: summary.key, matchedKey: summary.matchedKey, gomodcache: summary.gomodcache, gomodcachePreexisting, modulesDownloaded: summary.modulesFetched,
    failures, problems, summaryBody: renderMainSummary(summary), state: {}, ...extra,
  });

  if (!options.enabled && !options.download) {
    summary.cacheSkipped = "disabled (cache: false, download: false)";
    return result();
  }
  if (options.goBinary === null) {
    summary.cacheSkipped = 'no go binary on PATH';
    problems.push({ severity: 'notice', code: 'CACHE_NO_GO', message: 'No go binary on PATH, so the module cache was neither restored nor pre-warmed.', fix: 'Install Go (actions/setup-go with cache: false) before this action.' });
    return result();
  }
  const goBinary = options.goBinary;
  const gomodcache = options.gomodcache ?? (await goEnvGomodcache(goBinary, options.env, options.workingDirectory));
  if (typeof gomodcache !== 'string') {
    summary.cacheSkipped = 'GOMODCACHE unknown';
    problems.push({ severity: 'warning', code: 'CACHE_GOMODCACHE_UNKNOWN', message: `go env GOMODCACHE failed: ${gomodcache.error}`, fix: 'Check that the go binary runs with the job\'s environment (GOENV, GOFLAGS, GOTOOLCHAIN).' });
    return result();
  }
  summary.gomodcache = gomodcache;
  gomodcachePreexisting = await hasContent(gomodcache);

  let ws: Workspace | null = options.workspaceInfo ?? null;
  if (ws === null) {
    try {
      ws = await discoverWorkspace(options.workingDirectory, options.workspace, { goworkEnv: options.env['GOWORK'] ?? '' });
    } catch (e) {
      core.debug(`workspace discovery failed: ${errorText(e)}`);
    }
  }
  const targets = ws === null ? [] : await downloadTargets(ws, options.workspace);

  // ---- key ----
  let active = options.enabled;
  let key = '';
  let restorePrefix = '';
  if (active) {
    const prefix = options.keyPrefix.trim() === '' ? DEFAULT_KEY_PREFIX : options.keyPrefix.trim();
    const bad = validateKeyPrefix(prefix);
    const deps = await collectDependencyFiles(options.dependencyPath, options.workingDirectory, options.workspace);
    if (bad !== null) {
      active = false;
      summary.cacheSkipped = 'invalid cache-key-prefix';
      problems.push({ severity: 'error', code: 'CACHE_BAD_KEY_PREFIX', message: `cache-key-prefix '${prefix}': ${bad}.`, fix: 'Use letters, digits, dots, dashes and underscores, under 400 characters.', variable: 'cache-key-prefix' });
    } else if (deps.digests.length === 0) {
      problems.push(...dependencyFileProblems(deps));
      active = false;
      summary.cacheSkipped = `no dependency files (${deps.description})`;
      problems.push({
        severity: 'notice',
        code: 'CACHE_NO_DEPENDENCY_FILES',
        message: options.dependencyPath.trim() === ''
          ? 'No go.sum or go.work.sum under the working directory: there are no module dependencies to cache, so the module cache is neither restored nor saved.'
          : `cache-dependency-path matched no file (${deps.description}), so the module cache is neither restored nor saved.`,
        fix: options.dependencyPath.trim() === '' ? 'Commit go.sum (run go mod tidy), or set working-directory to the directory that holds go.mod.' : 'Give globs relative to the repository root, e.g. "**/go.sum".',
        variable: 'cache-dependency-path',
      });
    } else {
      problems.push(...dependencyFileProblems(deps));
      if (deps.truncated) logInfo('Stopped looking for dependency files after 50000 directory entries; the key covers those found.');
      ({ key, restorePrefix } = cacheKeys({ prefix, layout, hash: dependencyHash(deps.digests), platform: process.platform, crossOs: options.crossOs }));
      summary.key = key;
      logInfo(`Module cache key ${key} (from ${deps.digests.length} file(s): ${deps.digests.slice(0, 5).map((d) => d.path).join(', ')}${deps.digests.length > 5 ? ', …' : ''})`);
    }
  } else {
    summary.cacheSkipped = 'disabled (cache: false)';
  }
  if (active && !cacheServiceAvailable()) {
    active = false;
    summary.cacheSkipped = 'the Actions cache service is not available to this job';
    problems.push({ severity: 'notice', code: 'CACHE_SERVICE_UNAVAILABLE', message: 'The Actions cache service is not available to this job (no ACTIONS_CACHE_URL / ACTIONS_RESULTS_URL), so the module cache is neither restored nor saved.', fix: 'On GHES, enable Actions caching (GHES 3.5+); elsewhere set cache: false to silence this.' });
  }

  // ---- restore ----
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
      problems.push(...serviceProblems(restored.messages, 'CACHE_RESTORE_FAILED', 'Restoring the module cache failed; continuing without it'));
      if (restored.failure !== null) {
        const failure = restored.failure;
        // A corrupt entry of this very key (or of a replacement of it) stays its first match:
        // the post step saves a replacement under a new key, which later restores prefer.
        const ownKey = failure.key !== null && (failure.key === key || failure.key.startsWith(`${key}-`));
        if (failure.kind === 'corrupt' && ownKey) saveKey = replacementKey(key, options.env);
        problems.push(restoreFailureProblem('module cache', failure, whatHappensNext(saveKey !== key ? saveKey : null, options.save), { failed: 'CACHE_RESTORE_FAILED', corrupt: 'CACHE_RESTORE_CORRUPT' }));
      }
      if (restored.error !== null) problems.push({ severity: 'warning', code: 'CACHE_RESTORE_FAILED', message: `Restoring the module cache failed: ${restored.error}` });
      if (restored.hit !== 'false' && restored.preexisting) logInfo(`GOMODCACHE already had content: ${restored.merge.added} entries added from the cache, ${restored.merge.kept} already present and kept.`);
      logInfo(restored.hit === 'false' ? 'No module cache found.' : `Module cache restored from ${restored.matchedKey} (${restored.hit === 'true' ? 'exact' : 'partial'}) in ${(restored.ms / 1000).toFixed(1)} s.`);
    } catch (e) {
      problems.push({ severity: 'warning', code: 'CACHE_RESTORE_FAILED', message: `Restoring the module cache failed: ${errorText(e)}` });
    }
  }

  // ---- download ----
  let downloadState: CacheState['download'] = 'skipped';
  let plan: PlanInputs | null = null;
  if (options.download && targets.length > 0 && summary.hit === 'true') {
    // An exact hit was saved from a complete plan of this very set of go.sum files (a save is
    // refused when anything the graph needs is missing), so there is nothing to fetch; on a
    // workspace of many modules the go runs alone would cost seconds to minutes.
    summary.downloadSkipped = 'exact hit: the restored cache holds every module the workspace needs';
    logInfo(`go mod download skipped: ${summary.downloadSkipped}.`);
  } else if (options.download && targets.length > 0) {
    const zipsBefore = await existingZips(path.join(gomodcache, 'cache', 'download'));
    const shown = capList(targets.map((t) => t.label), 10);
    logInfo(`go mod download in ${shown.shown.join(', ')}${moreSuffix(shown.omitted)}`);
    const outcome = await downloadModules({
      goBinary, env: options.env, targets, attempts: Math.max(1, options.retries), healthyProxies: options.healthyProxies,
      timeoutMs, backoffMs: options.retryBackoffMs ?? 2000, log: logInfo, concurrency, workspace: options.workspace,
      ...(options.batchMinTargets === undefined ? {} : { batchMinTargets: options.batchMinTargets }),
    });
    summary.downloadMs = outcome.ms;
    summary.modulesInWorkspace = outcome.records.filter((r) => r.Zip !== undefined).length;
    summary.modulesFetched = await countFetched(outcome.records, zipsBefore);
    summary.proxiesUsed = outcome.proxiesUsed;
    downloadState = outcome.ok ? 'ok' : 'failed';
    const requirements = requirementIndex(ws);
    for (const f of outcome.failures) {
      failures.push({ path: f.path, version: f.version, error: goErrorText(f.error), fix: fixFor(f.kind, f.path) });
      problems.push(failureProblem(f, requirements));
    }
    logInfo(`go mod download: ${summary.modulesInWorkspace} module(s), ${summary.modulesFetched} fetched, ${outcome.failures.length} failed, ${(outcome.ms / 1000).toFixed(1)} s`);
    if (outcome.ok && active && summary.hit !== 'true') {
      // The batch's modules have their graph in their go.sum files; the others ask go, offline.
      const batched = new Set(outcome.batched.targets);
      const graph = await graphOffline(goBinary, options.env, targets.filter((t) => !batched.has(t)), timeoutMs, concurrency);
      if (Array.isArray(graph)) plan = { records: outcome.records, graphNodes: [...new Set([...graph, ...outcome.batched.graphNodes])].sort() };
      else logInfo(`Cannot list the module graph offline (${graph.error}); the post step will check the cache again.`);
    }
  } else if (options.download && ws !== null && ws.modules.length > 0 && targets.length === 0) {
    logInfo('No go.sum next to any go.mod: nothing to download.');
  }

  // ---- verify ----
  let verifyFailed = false;
  if (options.verify && summary.hit !== 'false') {
    const runs = await mapLimit(targets, concurrency, (t) => runGoCommand(goBinary, ['mod', 'verify'], moduleCommandEnv(options.env, t.workspaceMode ? {} : { GOWORK: 'off' }), t.dir, timeoutMs));
    for (const [i, run] of runs.entries()) {
      const t = targets[i] as DownloadTarget;
      if (run.code !== 0) {
        verifyFailed = true;
        const lines = `${run.stdout}\n${run.stderr}`.split('\n').map((l) => l.trim()).filter((l) => l !== '' && l !== 'all modules verified');
        problems.push({
          severity: 'error',
          code: 'CACHE_VERIFY_FAILED',
          message: `go mod verify failed in ${t.label} after restoring ${summary.matchedKey ?? 'the cache'}: ${lines.slice(0, 5).join('; ')}`,
          fix: 'A module in the restored cache does not match go.sum. The cache is not saved again; delete the cache entry (gh cache delete) and find out how it was modified.',
        });
      }
    }
    if (!verifyFailed) logInfo('go mod verify: all modules verified.');
  }

  // What grows with the workspace goes into a file; the state only names it (stateFile.ts).
  let jobFile: string | null = null;
  if (active) {
    try {
      jobFile = await writeStateFile(options.env, 'module-cache', '.json', JSON.stringify({ targets, plan } satisfies JobFile));
    } catch (e) {
      logInfo(`Cannot write the module cache's plan for the post step (${errorText(e)}): the post step will not save the module cache.`);
    }
  }
  const state: CacheState = {
    v: 2, active, key, saveKey, matchedKey: summary.matchedKey, hit: summary.hit, gomodcache, layout, crossOs: options.crossOs, save: options.save,
    download: downloadState, verifyFailed, jobFile, goBinary, workspace: options.workspace, deadlines,
  };
  return result({ state: { [STATE_KEY]: JSON.stringify(state) } });
}

function parseState(state: Record<string, string>): CacheState | null {
  const raw = state[STATE_KEY];
  if (raw === undefined || raw === '') return null;
  try {
    const parsed = JSON.parse(raw) as CacheState;
    return parsed.v === 2 ? parsed : null;
  } catch {
    return null;
  }
}

export async function runModuleCachePost(stateIn: Record<string, string>, env: NodeJS.ProcessEnv): Promise<CachePostResult> {
  const problems: Problem[] = [];
  const state = parseState(stateIn);
  // The message is the caller's to print (once): post.ts logs it.
  const done = (saved: boolean, message: string, extra: Partial<Parameters<typeof renderPostSummary>[0]> = {}): CachePostResult => {
    return { saved, message, problems, summaryBody: renderPostSummary({ result: message, key: state?.saveKey || state?.key || null, archiveBytes: null, modulesInArchive: null, pruned: null, saveMs: null, ...extra }) };
  };
  try {
    if (state === null) return done(false, 'Module cache not saved: the main step recorded no cache state.');
    if (!state.active) return done(false, 'Module cache not saved: caching was not active in the main step.');
    if (state.verifyFailed) return done(false, 'Module cache not saved: go mod verify failed after the restore.');
    const decision = decideSave({
      mode: state.save, hit: state.hit, download: state.download, ref: env['GITHUB_REF'] ?? '',
      defaultBranch: state.save === 'default-branch' ? await readEventDefaultBranch(env) : null,
    });
    if (!decision.save) return done(false, `Module cache not saved: ${decision.reason}.`);
    if (!cacheServiceAvailable()) return done(false, 'Module cache not saved: the Actions cache service is not available to this job.');

    // Without it the post step does not know the workspace's modules (the main step said why in its log).
    if (state.jobFile === null) return done(false, "Module cache not saved: the main step could not write its plan to RUNNER_TEMP (see the main step's log).");
    let job: JobFile;
    try {
      job = JSON.parse(await readStateFile(state.jobFile)) as JobFile;
    } catch (e) {
      return done(false, `Module cache not saved: the main step's plan file cannot be read (${errorText(e)}); a step between main and post removed it from RUNNER_TEMP, or this post step ran before.`);
    }
    // No download in main: ask go, offline, what the workspace needs.
    const inputs: PlanInputs | { error: string } = job.plan ?? (job.targets.length === 0 ? { records: [], graphNodes: [] } : await planInputsOffline(state.goBinary, env, job.targets, state.workspace, DEFAULT_TIMEOUT_MS, defaultConcurrency()));
    if ('error' in inputs) {
      problems.push({ severity: 'notice', code: 'CACHE_SAVE_SKIPPED', message: `The module cache was not saved because it does not hold everything the workspace needs: ${inputs.error}.`, fix: 'Let the action download modules (download: true), or run go mod download before the job ends.' });
      return done(false, `Module cache not saved: incomplete (${inputs.error}).`);
    }
    const inventory = await inventoryDownloadCache(state.gomodcache);
    const plan = planArchive({ gomodcache: state.gomodcache, layout: state.layout, records: inputs.records, graphNodes: inputs.graphNodes, inventory });
    if (plan.missing.length > 0) {
      problems.push({ severity: 'notice', code: 'CACHE_SAVE_SKIPPED', message: `The module cache was not saved: ${plan.missing.length} file(s) the workspace needs are missing from GOMODCACHE (e.g. ${plan.missing[0] ?? ''}); a partial cache would be worse than none.`, fix: 'Something removed files from the module cache during the job (go clean -modcache?).' });
      return done(false, `Module cache not saved: ${plan.missing.length} needed file(s) missing.`);
    }
    if (plan.modules === 0) {
      return done(false, 'Module cache not saved: the workspace needs no module downloads, so the cache would be empty.', { pruned: plan.pruned.length });
    }
    if (plan.pruned.length > 0) logInfo(`Pruned from the archive (not in the current module graph): ${plan.pruned.length} module version(s), e.g. ${plan.pruned.slice(0, 5).join(', ')}`);

    const staging = scratchDir(state.gomodcache, 'save');
    try {
      const linked = await stagePlan(state.gomodcache, plan, staging);
      const saveKey = state.saveKey || state.key;
      logInfo(`Saving ${plan.modules} module(s) (${linked} files) as ${saveKey}`);
      const saved = await saveArchive({ root: staging, paths: archivePaths(state.layout), key: saveKey, crossOs: state.crossOs, deadlines: state.deadlines ?? DEFAULT_DEADLINES });
      problems.push(...serviceProblems(saved.messages, 'CACHE_SAVE_FAILED', 'Saving the module cache failed'));
      if ((saved.kind === 'failed' && saved.messages.length === 0) || saved.kind === 'timeout') {
        problems.push({ severity: 'warning', code: 'CACHE_SAVE_FAILED', message: saved.message, fix: SERVICE_TROUBLE_FIX });
      }
      if (saved.kind === 'denied') problems.push({ severity: 'notice', code: 'CACHE_SAVE_DENIED', message: `The module cache was not saved: ${saved.message.replace(/^Not saved: /, '')}`, fix: 'Expected for pull requests from forks (read-only token); set save: default-branch to skip the attempt.' });
      return done(saved.kind === 'saved', saved.message, { archiveBytes: saved.archiveBytes, modulesInArchive: plan.modules, pruned: plan.pruned.length, saveMs: saved.ms });
    } finally {
      await removeTree(staging);
      await removeIfEmpty(path.dirname(staging));
    }
  } catch (e) {
    problems.push({ severity: 'warning', code: 'CACHE_SAVE_FAILED', message: `Saving the module cache failed: ${errorText(e)}` });
    return done(false, `Module cache not saved: ${errorText(e)}`);
  } finally {
    await removeStateFile(state?.jobFile);
  }
}
