// The build-cache phase: restore → age in the main step, trim → save in the post step. It shares
// the cache machinery with the module cache (deadlines, restore into a live directory, save with
// the matrix-race handling, key rules, save modes, reporting) and adds what a build cache needs:
// a key per platform, toolchain and build settings, and a trim to what the job used.
//
// Never throws for cache trouble: everything becomes a Problem (warnings for the service, an
// error only for GOCACHE=off, which breaks every go build) and the job goes on.

import * as core from '@actions/core';
import path from 'node:path';
import type { Problem } from '../problems.js';
import { saveArchive } from '../cache/archive.js';
import { cacheServiceAvailable, DEFAULT_DEADLINES, type ServiceDeadlines } from '../cache/cacheLib.js';
import { removeIfEmpty, removeTree, scratchDir } from '../cache/fsTree.js';
import { runSuffix, validateKeyPrefix } from '../cache/keys.js';
import { restoreFailureProblem, serviceProblems, SERVICE_TROUBLE_FIX } from '../cache/report.js';
import { restoreInto } from '../cache/restoreInto.js';
import { readEventDefaultBranch, type SaveMode } from '../cache/saveMode.js';
import { readStateFile, removeStateFile, writeStateFile } from '../cache/stateFile.js';
import { logInfo } from '../report/log.js';
import { ageEntries, actionOutputs, listEntries, listEntryNames, stageEntries } from './entries.js';
import { readBuildEnv, type BuildEnv } from './goEnv.js';
import type { BuildCacheInputs } from './inputs.js';
import { BUILD_ARCHIVE_PATHS, buildCacheKeys, DEFAULT_BUILD_KEY_PREFIX } from './key.js';
import { decideBuildSave } from './saveDecision.js';
import { renderBuildMainSummary, renderBuildPostSummary, type BuildMainSummary, type BuildPostSummary } from './summary.js';
import { planTrim } from './trim.js';

/** How far back entries are aged: more than go's one-hour mtime refresh interval, with margin for a long restore. */
export const AGE_BY_MS = 2 * 60 * 60 * 1000;

export const BUILD_CACHE_STATE_KEY = 'goproxy-build-cache';

export interface BuildCacheOptions {
  inputs: BuildCacheInputs;
  /** cache-key-prefix when the user gave one (the build cache then uses `<prefix>-build`). */
  keyPrefix: string;
  goBinary: string | null;
  /** The job env WITH the action's exported Go variables applied. */
  env: NodeJS.ProcessEnv;
  workingDirectory: string;
  /** GOMODCACHE had content before the module cache was restored. */
  gomodcachePreexisting: boolean;
  deadlines?: ServiceDeadlines;
  now?: () => number;
  /** go env already asked (started early, beside the module cache's restore); else asked here. */
  buildEnv?: Promise<BuildEnv | { error: string }>;
}

export interface BuildCacheMainResult {
  hit: 'true' | 'false';
  key: string | null;
  matchedKey: string | null;
  gocache: string | null;
  problems: Problem[];
  summaryBody: string;
  state: Record<string, string>;
  /** The post step must run after failed steps too (build-cache-save: always). */
  postAlways: boolean;
}

export interface BuildCachePostResult {
  saved: boolean;
  message: string;
  problems: Problem[];
  summaryBody: string;
}

interface BuildCacheState {
  v: 1;
  key: string;
  gocache: string;
  save: SaveMode;
  matchedKey: string | null;
  /** Entries were aged after the restore, so the post step can tell used from unused. */
  trimmable: boolean;
  usedSinceMs: number;
  /** File (in RUNNER_TEMP) listing the entries the restored archive held, one per line; null after a miss. */
  restoredFile: string | null;
  deadlines: ServiceDeadlines;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** GOCACHE=off (or a relative GOCACHE, which go treats as off): every go build fails since Go 1.12. */
function gocacheOffProblem(env: NodeJS.ProcessEnv): Problem {
  const value = env['GOCACHE'] ?? '';
  const fromEnv = value !== '';
  const what = value === 'off' || !fromEnv ? 'GOCACHE=off' : `GOCACHE=${value} (not an absolute path, which go treats as off)`;
  return {
    severity: 'error',
    code: 'BUILD_CACHE_OFF',
    message: `${what}${fromEnv ? '' : ' (set with go env -w)'}: every go build, test and vet fails with "build cache is disabled by GOCACHE=off, but required as of Go 1.12".`,
    fix: fromEnv
      ? 'Remove GOCACHE from the workflow env, or set it to an absolute directory such as ${{ runner.temp }}/go-build; set build-cache: false if you manage GOCACHE yourself.'
      : 'Run go env -u GOCACHE (or set GOCACHE to an absolute directory in the job env).',
    variable: 'GOCACHE',
    ...(fromEnv ? { setIn: 'env' as const } : {}),
  };
}

export async function runBuildCacheMain(options: BuildCacheOptions): Promise<BuildCacheMainResult> {
  const now = options.now ?? Date.now;
  const problems: Problem[] = [];
  const summary: BuildMainSummary = { skipped: null, key: null, matchedKey: null, archiveBytes: null, restoreMs: null, entriesRestored: null, merged: null, gocache: null, aged: null };
  const result = (extra: Partial<BuildCacheMainResult> = {}): BuildCacheMainResult => ({
    hit: summary.matchedKey === null ? 'false' : 'true', key: summary.key, matchedKey: summary.matchedKey, gocache: summary.gocache, problems,
    summaryBody: renderBuildMainSummary(summary), state: {}, postAlways: false, ...extra,
  });
  const skip = (why: string): BuildCacheMainResult => {
    summary.skipped = why;
    return result();
  };

  if (!options.inputs.enabled) return skip('off (build-cache: false)');
  if (options.goBinary === null) return skip('no go binary on PATH');
  const buildEnv: BuildEnv | { error: string } = await (options.buildEnv ?? readBuildEnv(options.goBinary, options.env, options.workingDirectory));
  if ('error' in buildEnv) {
    // Some of the settings asked for (the cgo flags) make go env open the build cache.
    if (/disabled by GOCACHE=off|build cache is required/.test(buildEnv.error)) {
      problems.push(gocacheOffProblem(options.env));
      return skip('GOCACHE is off');
    }
    if (buildEnv.error.includes('failed to initialize build cache')) {
      // go opens GOCACHE even for go env: every go command of the job fails the same way.
      problems.push({ severity: 'warning', code: 'BUILD_CACHE_NOT_WRITABLE', message: `The go command cannot use GOCACHE, so the build cache was neither restored nor saved (and go builds will fail): ${buildEnv.error}`, fix: 'Make GOCACHE a writable directory, or point GOCACHE at one (e.g. ${{ runner.temp }}/go-build).' });
      return skip('GOCACHE cannot be used');
    }
    problems.push({ severity: 'warning', code: 'BUILD_CACHE_GOENV_FAILED', message: `go env failed, so the build cache was neither restored nor saved: ${buildEnv.error}`, fix: 'Check that the go binary runs with the job\'s environment (GOFLAGS, GOTOOLCHAIN).' });
    return skip('go env failed');
  }
  if (buildEnv.gocache === 'off' || buildEnv.gocache === '' || !path.isAbsolute(buildEnv.gocache)) {
    problems.push(gocacheOffProblem(options.env));
    return skip('GOCACHE is off');
  }
  const gocache = path.resolve(buildEnv.gocache);
  summary.gocache = gocache;

  const userPrefix = options.keyPrefix.trim();
  const prefix = userPrefix === '' ? DEFAULT_BUILD_KEY_PREFIX : `${userPrefix.replace(/-+$/, '')}-build`;
  if (validateKeyPrefix(prefix) !== null) return skip('invalid cache-key-prefix (reported for the module cache)');
  const keys = buildCacheKeys({
    prefix, goos: buildEnv.goos, goarch: buildEnv.goarch, goVersion: buildEnv.goVersion, outputs: buildEnv.outputs, words: options.inputs.keyWords,
    job: options.env['GITHUB_JOB'] ?? '', gomodcache: buildEnv.gomodcache, runSuffix: runSuffix(options.env, now),
  });
  summary.key = keys.key;
  if (!cacheServiceAvailable()) {
    // Said in the log and the summary only: the module cache's CACHE_SERVICE_UNAVAILABLE notice
    // already tells the user, and a second annotation for the same fact is noise.
    logInfo('The Actions cache service is not available to this job: the build cache is neither restored nor saved.');
    return skip('the Actions cache service is not available to this job');
  }

  // ---- restore ----
  const deadlines = options.deadlines ?? DEFAULT_DEADLINES;
  const preexistingEntries = (await listEntries(gocache, 1)).length > 0;
  if (preexistingEntries && options.gomodcachePreexisting) {
    problems.push({
      severity: 'notice',
      code: 'BUILD_CACHE_SETUP_GO_TOO',
      message: 'GOCACHE and GOMODCACHE already held files before this action restored them: another cache (actions/setup-go with cache: true?) archives the same directories, so the job stores and restores them twice. The action merges into what is there.',
      fix: 'Set cache: false on actions/setup-go; this action caches both the modules and the build cache. (On a self-hosted runner that keeps these directories, ignore this notice.)',
    });
  }
  logInfo(`Restoring the build cache into ${gocache} (newest ${keys.restorePrefix}*)`);
  // Every entry is aged before the job can use it; what the job uses later gets an mtime at or
  // after agingStart. Restored entries arrive aged (the post step archived them so, and the merge
  // renames them, mtimes and all): they are only listed, by name, in the staging tree. GOCACHE's
  // own entries (a self-hosted runner, another cache) are aged here.
  const agingStart = now();
  const agedMs = agingStart - AGE_BY_MS;
  const aging = { aged: 0, failed: 0 };
  const age = async (root: string, entries: Parameters<typeof ageEntries>[1]): Promise<void> => {
    const result = await ageEntries(root, entries, agedMs);
    aging.aged += result.aged;
    aging.failed += result.failed;
  };
  let restoredNames: string[] = [];
  const restored = await restoreInto({
    dir: gocache, paths: [...BUILD_ARCHIVE_PATHS], keys: [keys.restorePrefix], crossOs: false, deadlines,
    inspect: async (staging) => {
      restoredNames = await listEntryNames(staging);
    },
  });
  summary.restoreMs = restored.ms;
  summary.archiveBytes = restored.archiveBytes;
  problems.push(...serviceProblems(restored.messages, 'CACHE_RESTORE_FAILED', 'Restoring the build cache failed; continuing without it'));
  if (restored.failure !== null) {
    problems.push(restoreFailureProblem('build cache', restored.failure, 'This job builds without it; its post step saves a new entry, which later jobs restore instead.', { failed: 'CACHE_RESTORE_FAILED', corrupt: 'CACHE_RESTORE_CORRUPT' }));
  }
  if (restored.error !== null) {
    problems.push({ severity: 'warning', code: 'BUILD_CACHE_NOT_WRITABLE', message: `The build cache was not restored: ${restored.error}.`, fix: 'Make GOCACHE a writable directory (go needs to write there anyway), or set build-cache: false.' });
    return result();
  }
  if (restored.matchedKey !== null) {
    summary.matchedKey = restored.matchedKey;
    summary.entriesRestored = restoredNames.length;
    summary.merged = restored.preexisting ? restored.merge : null;
    logInfo(`Build cache restored from ${restored.matchedKey}: ${restoredNames.length} entries in ${(restored.ms / 1000).toFixed(1)} s.`);
  } else {
    restoredNames = [];
    logInfo('No build cache found.');
  }

  // ---- age what GOCACHE had before ----
  if (preexistingEntries) await age(gocache, await listEntries(gocache));
  summary.aged = aging.aged;
  let trimmable = aging.failed === 0;
  if (!trimmable) {
    problems.push({ severity: 'warning', code: 'BUILD_CACHE_NOT_WRITABLE', message: `${aging.failed} build-cache entries in ${gocache} cannot be modified (a read-only GOCACHE?), so the post step cannot tell which ones the job used and will not save the build cache.`, fix: 'Make GOCACHE writable, or set build-cache: false.' });
  }
  let restoredFile: string | null = null;
  if (restoredNames.length > 0 && trimmable) {
    try {
      restoredFile = await writeStateFile(options.env, 'build-cache', '.txt', restoredNames.join('\n'));
    } catch (e) {
      core.debug(`cannot write the list of restored build-cache entries: ${errorText(e)}`);
      trimmable = false;
    }
  }
  const state: BuildCacheState = {
    v: 1, key: keys.key, gocache, save: options.inputs.save, matchedKey: summary.matchedKey, trimmable, usedSinceMs: agingStart, restoredFile, deadlines,
  };
  return result({ state: { [BUILD_CACHE_STATE_KEY]: JSON.stringify(state) }, postAlways: options.inputs.save === 'always' });
}

function parseState(raw: string | undefined): BuildCacheState | null {
  if (raw === undefined || raw === '') return null;
  try {
    const parsed = JSON.parse(raw) as BuildCacheState;
    return parsed.v === 1 && typeof parsed.gocache === 'string' && typeof parsed.key === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

async function readRestored(file: string | null): Promise<Set<string> | null> {
  if (file === null) return new Set();
  try {
    return new Set((await readStateFile(file)).split('\n').filter((line) => line !== ''));
  } catch {
    return null;
  }
}

/** The post step: null when the main step kept no build-cache state (build cache off or skipped). */
export async function runBuildCachePost(stateIn: Record<string, string>, env: NodeJS.ProcessEnv): Promise<BuildCachePostResult | null> {
  const state = parseState(stateIn[BUILD_CACHE_STATE_KEY]);
  if (state === null) return null;
  const problems: Problem[] = [];
  const started = Date.now();
  let listRead = false;
  const done = (saved: boolean, message: string, extra: Partial<BuildPostSummary> = {}): BuildCachePostResult => ({
    saved, message, problems,
    summaryBody: renderBuildPostSummary({ result: message, key: state.key, used: null, trimmed: null, added: null, archiveBytes: null, ms: null, ...extra }),
  });
  try {
    const decision = decideBuildSave({
      mode: state.save, jobSucceeded: env['SETUP_GOPROXY_POST_ALWAYS'] !== 'true', ref: env['GITHUB_REF'] ?? '',
      defaultBranch: state.save === 'default-branch' ? await readEventDefaultBranch(env) : null,
    });
    if (!decision.save) return done(false, `Build cache not saved: ${decision.reason}.`);
    if (!state.trimmable) return done(false, 'Build cache not saved: its entries could not be aged in the main step (read-only GOCACHE?), so what the job used is unknown.');
    if (!cacheServiceAvailable()) return done(false, 'Build cache not saved: the Actions cache service is not available to this job.');
    const restored = await readRestored(state.restoredFile);
    if (restored === null) return done(false, 'Build cache not saved: the list of restored entries the main step wrote is gone.');
    // Used once: later paths remove it (RUNNER_TEMP is emptied after the job anyway).
    listRead = true;

    const entries = await listEntries(state.gocache);
    const usedActions = entries.filter((e) => e.mtimeMs >= state.usedSinceMs && e.name.endsWith('-a')).map((e) => e.name);
    const plan = planTrim({ entries, usedSinceMs: state.usedSinceMs, restored, outputsOf: await actionOutputs(state.gocache, usedActions) });
    const counts = { used: plan.usedRestored, trimmed: plan.trimmed, added: plan.added };
    if (plan.keep.length === 0) return done(false, 'Build cache not saved: the job built nothing, so the cache would be empty.', counts);
    if (plan.unchanged) return done(false, `Build cache not saved: unchanged since ${state.matchedKey ?? 'the restore'} (every entry used again, nothing new), so the same bytes are not uploaded again.`, counts);
    logInfo(`Build cache: ${plan.usedRestored} restored entries used, ${plan.trimmed} unused (left out), ${plan.added} new.`);

    const staging = scratchDir(state.gocache, 'save');
    try {
      await stageEntries(state.gocache, plan.keep, staging, Date.now(), Date.now() - AGE_BY_MS);
      logInfo(`Saving ${plan.keep.length} build-cache entries as ${state.key}`);
      const saved = await saveArchive({ root: staging, paths: [...BUILD_ARCHIVE_PATHS], key: state.key, crossOs: false, deadlines: state.deadlines ?? DEFAULT_DEADLINES });
      problems.push(...serviceProblems(saved.messages, 'CACHE_SAVE_FAILED', 'Saving the build cache failed'));
      if ((saved.kind === 'failed' && saved.messages.length === 0) || saved.kind === 'timeout') {
        problems.push({ severity: 'warning', code: 'CACHE_SAVE_FAILED', message: `Build cache: ${saved.message}`, fix: SERVICE_TROUBLE_FIX });
      }
      if (saved.kind === 'denied') problems.push({ severity: 'notice', code: 'CACHE_SAVE_DENIED', message: `The build cache was not saved: ${saved.message.replace(/^Not saved: /, '')}`, fix: 'Expected for pull requests from forks (read-only token); build-cache-save: default-branch (the default) skips the attempt.' });
      const message = saved.kind === 'saved' ? `Saved build cache ${state.key}.` : `Build cache: ${saved.message}`;
      return done(saved.kind === 'saved', message, { ...counts, archiveBytes: saved.archiveBytes, ms: Date.now() - started });
    } finally {
      await removeTree(staging);
      await removeIfEmpty(path.dirname(staging));
    }
  } catch (e) {
    problems.push({ severity: 'warning', code: 'CACHE_SAVE_FAILED', message: `Saving the build cache failed: ${errorText(e)}`, fix: SERVICE_TROUBLE_FIX });
    return done(false, `Build cache not saved: ${errorText(e)}`);
  } finally {
    if (listRead) await removeStateFile(state.restoredFile);
  }
}
