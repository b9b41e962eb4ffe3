// `go mod download -json` for every module of the workspace, with retries: a network failure
// (Go itself never retries, pulumi/registry#12107) is retried with exponential backoff, switching
// to the next healthy proxy each time; failures that another attempt cannot fix (404/410, bad
// checksums, auth) stop at once. Targets (go.work, each module outside it) are independent and
// run a few at a time (pool.ts).

import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { redactProxyList } from '../../go/redact.js';
import { classifyFailure, isRetryable, parseDownloadStream, parseGoErrorLines, type DownloadRecord, type FailureKind } from './downloadJson.js';
import { moduleCommandEnv, runGoCommand } from '../goExec.js';
import { defaultConcurrency, mapLimit } from '../pool.js';
import { BATCH_MIN_TARGETS, downloadBatch, type BatchOutcome } from './batch.js';
import type { DownloadTarget } from './target.js';

export type { DownloadTarget } from './target.js';

export interface DownloadOptions {
  goBinary: string;
  env: NodeJS.ProcessEnv;
  targets: readonly DownloadTarget[];
  /** Attempts per target (>= 1). */
  attempts: number;
  /** Alternative GOPROXY values, best first, tried in turn after network errors. */
  healthyProxies: readonly string[];
  timeoutMs: number;
  backoffMs: number;
  log: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  /** go invocations at once (default pool.ts defaultConcurrency()). */
  concurrency?: number;
  /** GITHUB_WORKSPACE: enables the batch over the go.sum files of modules outside go.work (batch.ts). */
  workspace?: string;
  /** Modules outside go.work from which the batch is used (default BATCH_MIN_TARGETS). */
  batchMinTargets?: number;
}

export interface ModuleFailure {
  path: string;
  version: string;
  error: string;
  kind: FailureKind;
  /** Which target it came from. */
  target: string;
}

export interface DownloadOutcome {
  ok: boolean;
  /** Successful records, unique by path@version. */
  records: DownloadRecord[];
  failures: ModuleFailure[];
  /** Go invocations made (all targets). */
  runs: number;
  /** The GOPROXY value of the last attempt of each target that needed another proxy. */
  proxiesUsed: string[];
  ms: number;
  /** Targets the batch fetched for completely (no go run of their own), and their graph nodes. */
  batched: { targets: DownloadTarget[]; graphNodes: string[] };
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The proxy list to walk: the job's GOPROXY first, then the healthy alternatives, without repeats. */
export function proxySequence(current: string | undefined, healthy: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of [current ?? '', ...healthy]) if (p !== '' && !out.includes(p)) out.push(p);
  return out;
}

/** Backoff before attempt n (2-based): base, 2*base, 4*base ... capped at 30 s. */
export function backoffDelay(attempt: number, baseMs: number): number {
  return Math.min(30_000, baseMs * 2 ** Math.max(0, attempt - 2));
}

export async function downloadModules(options: DownloadOptions): Promise<DownloadOutcome> {
  const started = Date.now();
  const sleep = options.sleep ?? defaultSleep;
  const records = new Map<string, DownloadRecord>();
  const failures: ModuleFailure[] = [];
  const proxiesUsed: string[] = [];
  let runs = 0;
  const proxies = proxySequence(options.env['GOPROXY'], options.healthyProxies);
  const concurrency = options.concurrency ?? defaultConcurrency();
  const batched = await batchFirst(options, concurrency);
  runs += batched.runs;
  for (const record of batched.records) records.set(`${record.Path}@${record.Version}`, record);
  const covered = new Set(batched.covered);
  const ownRuns = options.targets.filter((target) => !covered.has(target));

  const perTarget = await mapLimit(ownRuns, concurrency, async (target) => {
    let proxyIndex = 0;
    // null = the whole module graph; otherwise only these path@version.
    let only: string[] | null = null;
    let last: ModuleFailure[] = [];
    for (let attempt = 1; attempt <= Math.max(1, options.attempts); attempt++) {
      if (attempt > 1) {
        const delay = backoffDelay(attempt, options.backoffMs);
        if (proxyIndex + 1 < proxies.length) proxyIndex++;
        options.log(`Retrying go mod download in ${target.label} (attempt ${attempt}/${options.attempts}) in ${Math.round(delay / 100) / 10}s${proxies[proxyIndex] ? ` through GOPROXY=${redactProxyList(proxies[proxyIndex] ?? '')}` : ''}: ${only === null ? 'all modules' : only.join(' ')}`);
        await sleep(delay);
      }
      const overrides: Record<string, string> = target.workspaceMode ? {} : { GOWORK: 'off' };
      const proxy = proxies[proxyIndex];
      if (proxy !== undefined) overrides['GOPROXY'] = proxy;
      const env = moduleCommandEnv(options.env, overrides);
      const args = ['mod', 'download', '-json', ...(only ?? [])];
      const run = await runGoCommand(options.goBinary, args, env, target.dir, options.timeoutMs);
      runs++;
      const stream = parseDownloadStream(run.stdout);
      const failed: ModuleFailure[] = [];
      for (const record of stream.records) {
        if (record.Error !== undefined) failed.push({ path: record.Path, version: record.Version, error: record.Error, kind: classifyFailure(record.Error), target: target.label });
        else records.set(`${record.Path}@${record.Version}`, record);
      }
      // Graph-loading failures come as `go: path@v: msg` on stderr with no JSON at all.
      const graphFailures = failed.length === 0 && run.code !== 0 ? parseGoErrorLines(run.stderr) : [];
      for (const g of graphFailures) failed.push({ path: g.path, version: g.version, error: g.error, kind: classifyFailure(g.error), target: target.label });
      if (run.timedOut) {
        failed.push({ path: target.label, version: '', error: `go mod download timed out after ${Math.round(options.timeoutMs / 1000)} s (setup-goproxy)`, kind: 'timeout', target: target.label });
      } else if (run.code !== 0 && failed.length === 0) {
        const text = [...stream.junk, run.stderr.trim()].filter(Boolean).join('\n') || `go mod download exited with code ${run.code}`;
        failed.push({ path: target.label, version: '', error: text, kind: classifyFailure(text), target: target.label });
      }
      for (const line of stream.junk) options.log(`go mod download: ${line}`);
      last = failed;
      if (failed.length === 0) break;
      if (!failed.every((f) => isRetryable(f.kind))) break;
      // Per-module JSON failures: retry just those; anything else: the whole graph again.
      const perModule = graphFailures.length === 0 && !run.timedOut && failed.every((f) => f.version !== '');
      only = perModule ? failed.map((f) => `${f.path}@${f.version}`) : null;
    }
    // Shown in the log and the summary: never with credentials.
    const switched = proxyIndex > 0 && proxies[proxyIndex] !== undefined ? redactProxyList(proxies[proxyIndex] as string) : null;
    return { last, switched };
  });
  for (const { last, switched } of perTarget) {
    if (switched !== null) proxiesUsed.push(switched);
    failures.push(...last);
  }
  return { ok: failures.length === 0, records: [...records.values()], failures, runs, proxiesUsed, ms: Date.now() - started, batched: { targets: batched.covered, graphNodes: batched.graphNodes } };
}

/** The batch over the modules outside go.work, when there are enough of them; what it covered needs no run of its own. */
async function batchFirst(options: DownloadOptions, concurrency: number): Promise<Pick<BatchOutcome, 'covered' | 'records' | 'graphNodes' | 'runs'>> {
  const standalone = options.targets.filter((target) => !target.workspaceMode);
  if (options.workspace === undefined || standalone.length < (options.batchMinTargets ?? BATCH_MIN_TARGETS)) return { covered: [], records: [], graphNodes: [], runs: 0 };
  const outcome = await downloadBatch({ goBinary: options.goBinary, env: options.env, targets: standalone, workspace: options.workspace, timeoutMs: options.timeoutMs, concurrency, offline: false });
  options.log(`go mod download for ${outcome.covered.length} of ${standalone.length} modules outside go.work in ${outcome.runs} go run(s) over their go.sum files (${(outcome.ms / 1000).toFixed(1)} s)${outcome.rest.length > 0 ? `; ${outcome.rest.length} module(s) get their own go mod download` : ''}.`);
  return outcome;
}

/**
 * How many of the records were fetched during this run: their zip was not in the module cache
 * before the download started (restored files do not count). File times cannot tell, since a
 * cache saved a minute ago by another job carries equally fresh times.
 */
export async function countFetched(records: readonly DownloadRecord[], zipsBefore: ReadonlySet<string>): Promise<number> {
  let n = 0;
  for (const r of records) {
    if (r.Zip === undefined || zipsBefore.has(r.Zip)) continue;
    try {
      await stat(r.Zip);
      n++;
    } catch {
      // missing: not fetched
    }
  }
  return n;
}

/** Every .zip under $GOMODCACHE/cache/download, bounded so a huge cache cannot stall the step. */
export async function existingZips(downloadDir: string, limit = 200_000): Promise<Set<string>> {
  const found = new Set<string>();
  const pending = [downloadDir];
  while (pending.length > 0 && found.size < limit) {
    const dir = pending.pop() as string;
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.name.endsWith('.zip')) found.add(full);
    }
  }
  return found;
}

/** `go mod graph` nodes (path@version) other than the main modules and go@/toolchain@ pseudo-nodes. */
export function parseGraphNodes(text: string): string[] {
  const nodes = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    for (const field of line.trim().split(/\s+/)) {
      const at = field.lastIndexOf('@');
      if (at <= 0) continue;
      const p = field.slice(0, at);
      if (p === 'go' || p === 'toolchain') continue;
      nodes.add(field);
    }
  }
  return [...nodes].sort();
}
