// The pre-warm of many modules at once. One `go mod download` per module costs a go start-up,
// a module-graph load and a process spawn each (2,000 nested modules: 4,000 go runs with the
// module graph); every module's go.sum already lists what its build fetches (goSum.ts). So the
// go.sum files of the modules outside any go.work are joined into one temporary "carrier"
// module (a go.mod requiring nothing, a go.sum holding the union) in RUNNER_TEMP, and a few go
// runs there fetch every listed zip (`go mod download -json m@v ...`) and every listed go.mod
// (`go list -m -json -e m@v ...`), checked by go against the union's hashes as usual.
//
// This only ever speeds the pre-warm up: a module whose go.sum cannot be read, is malformed,
// contradicts another's hashes, or has an entry that failed to fetch is left to its own `go mod
// download` (download.ts), so every failure is reported by go in that module, with its retries
// and proxy fallbacks, exactly as without the batch.

import { mkdir, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { readRepoFile, REPO_TEXT_FILE_MAX_BYTES } from '../../workspace/repoFile.js';
import { removeTree } from '../fsTree.js';
import { moduleCommandEnv, runGoCommand, sanitizeGoflags } from '../goExec.js';
import { mapLimit } from '../pool.js';
import { stateFileDir } from '../stateFile.js';
import type { DownloadTarget } from './target.js';
import { parseDownloadStream, type DownloadRecord } from './downloadJson.js';
import { chunkArgs, moduleVersionsOf, parseGoSum, sumWants, unionGoSums, type SumEntries } from './goSum.js';

/** Below this many modules outside go.work, one `go mod download` each is as quick and is go's own behaviour. */
export const BATCH_MIN_TARGETS = 8;

/** The carrier's module path: .invalid can never be a real module (RFC 2606). */
const CARRIER_MODULE = 'setup-goproxy.invalid/prewarm';

export interface BatchOptions {
  goBinary: string;
  /** The job env with the action's settings applied. */
  env: NodeJS.ProcessEnv;
  /** Modules outside any go.work (GOWORK=off targets), each with a go.sum. */
  targets: readonly DownloadTarget[];
  /** GITHUB_WORKSPACE: go.sum files are read through readRepoFile. */
  workspace: string;
  timeoutMs: number;
  concurrency: number;
  /** GOPROXY=off: only what the module cache already holds (the post step's offline plan). */
  offline: boolean;
  /** For tests: smaller runs. */
  maxArgsPerRun?: number;
}

export interface BatchOutcome {
  /** Targets whose every go.sum entry was fetched (or found, offline). */
  covered: DownloadTarget[];
  /** Targets left to their own go run. */
  rest: DownloadTarget[];
  /** Records of the covered targets' entries, unique by path@version. */
  records: DownloadRecord[];
  /** path@version of every entry of the covered targets (their module-graph nodes). */
  graphNodes: string[];
  /** go invocations made. */
  runs: number;
  ms: number;
}

async function readSums(options: BatchOptions, concurrency: number): Promise<Array<SumEntries | null>> {
  const realWorkspace = await realpath(options.workspace).catch(() => undefined);
  return mapLimit(options.targets, concurrency, async (target) => {
    const read = await readRepoFile(options.workspace, path.join(target.dir, 'go.sum'), { maxBytes: REPO_TEXT_FILE_MAX_BYTES, ...(realWorkspace === undefined ? {} : { realWorkspace }) });
    const entries = read.ok ? parseGoSum(read.text) : null;
    if (entries === null) return null;
    // A go.sum without the go.mod hash of a requirement is incomplete: go itself (which then asks
    // the checksum database) must download for that module.
    for (const id of target.requires ?? []) {
      const at = id.lastIndexOf('@');
      if (!entries.has(`${id.slice(0, at)} ${id.slice(at + 1)}/go.mod`)) return null;
    }
    return entries;
  });
}

/** The carrier's go.sum: one line per entry, as go writes them. */
function goSumText(entries: SumEntries): string {
  return [...entries].map(([key, hash]) => `${key} ${hash}\n`).sort().join('');
}

export async function downloadBatch(options: BatchOptions): Promise<BatchOutcome> {
  const started = Date.now();
  const sums = await readSums(options, Math.max(4, options.concurrency * 4));
  const union = unionGoSums(sums);
  const wants = sumWants(union.entries);
  const failed = new Set<string>();
  const records = new Map<string, DownloadRecord>();
  let runs = 0;
  let allFailed = false;

  if (union.accepted.length > 0 && wants.zips.length + wants.goModsOnly.length > 0) {
    const carrier = path.join(stateFileDir(options.env), `setup-goproxy-prewarm-${randomBytes(6).toString('hex')}`);
    try {
      await mkdir(carrier, { recursive: true, mode: 0o700 });
      await writeFile(path.join(carrier, 'go.mod'), `module ${CARRIER_MODULE}\n\ngo 1.17\n`);
      await writeFile(path.join(carrier, 'go.sum'), goSumText(union.entries));
      // No go.work may take the carrier in, and no -modfile may point go elsewhere.
      const goflags = sanitizeGoflags(options.env['GOFLAGS'], ['mod', 'modfile']) ?? '';
      const env = moduleCommandEnv({ ...options.env, GOFLAGS: goflags }, { GOWORK: 'off', ...(options.offline ? { GOPROXY: 'off' } : {}) });
      if (goflags === '') delete env['GOFLAGS'];
      const maxItems = options.maxArgsPerRun ?? 500;
      const jobs = [
        ...chunkArgs(wants.zips, 24_000, maxItems).map((args) => ({ args, command: ['mod', 'download', '-json'] })),
        ...chunkArgs(wants.goModsOnly, 24_000, maxItems).map((args) => ({ args, command: ['list', '-m', '-json', '-e'] })),
      ];
      await mapLimit(jobs, options.concurrency, async (job) => {
        const run = await runGoCommand(options.goBinary, [...job.command, ...job.args], env, carrier, options.timeoutMs);
        runs++;
        const stream = parseDownloadStream(run.stdout);
        const answered = new Set<string>();
        for (const record of stream.records) {
          const id = `${record.Path}@${record.Version}`;
          answered.add(id);
          if (record.Error !== undefined) failed.add(id);
          else records.set(id, record);
        }
        // A run that failed without saying which module (or was killed) covers nothing it was asked for.
        const unattributed = run.timedOut || (run.code !== 0 && stream.records.every((r) => r.Error === undefined));
        for (const id of job.args) if (unattributed || !answered.has(id)) failed.add(id);
      });
    } catch {
      // The carrier cannot be written: every module gets its own run, as without the batch.
      allFailed = true;
    } finally {
      await removeTree(carrier);
    }
  }

  const covered: DownloadTarget[] = [];
  const rest: DownloadTarget[] = [];
  const nodes = new Set<string>();
  const accepted = new Set(union.accepted);
  for (const [index, target] of options.targets.entries()) {
    const entries = sums[index];
    const versions = entries === null || entries === undefined ? null : moduleVersionsOf(entries);
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
