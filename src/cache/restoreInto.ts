// Restore of an archive into a live cache directory, shared by the caches: the archive is ALWAYS
// extracted into an empty staging directory inside the cache directory and then merged in by
// rename (merge.ts):
//  - into an existing, non-empty cache (self-hosted runner, setup-go's own cache, a second use
//    of the action) tar would otherwise print "Cannot open: File exists" per file and fail on
//    Go's read-only (0555) module directories (setup-go #314, #403, #424, #722); the merge keeps
//    what is there and adds only what is missing;
//  - a corrupt or truncated archive never leaves half-written files in the cache (go trusts the
//    .ziphash next to a zip, and a build-cache output of the right size).

import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { restoreArchive, type ArchiveRestoreOutcome } from './archive.js';
import type { LibMessage, ServiceDeadlines } from './cacheLib.js';
import { removeIfEmpty, removeTree, SCRATCH_NAME, scratchDir } from './fsTree.js';
import { mergeTree, type MergeOptions, type MergeStats } from './merge.js';

export interface RestoreIntoInput {
  /** The live cache directory (GOMODCACHE, GOCACHE). */
  dir: string;
  paths: string[];
  /** Every key to look up, in order. */
  keys: string[];
  crossOs: boolean;
  deadlines: ServiceDeadlines;
  /** How the merge treats directories (e.g. extracted module directories are atomic). */
  atomicDir?: (name: string) => boolean;
  /** Called with the extracted tree before it is merged (e.g. to list what the archive held). */
  inspect?: (staging: string) => Promise<void>;
  /** For tests: injected rename/sleep for the merge. */
  merge?: Pick<MergeOptions, 'rename' | 'sleep'>;
}

export interface RestoreIntoOutcome {
  matchedKey: string | null;
  archiveBytes: number | null;
  ms: number;
  /** Whether the directory already had content before the restore. */
  preexisting: boolean;
  merge: MergeStats;
  failure: ArchiveRestoreOutcome['failure'];
  /** Service trouble the library reported (to be shown as warnings). */
  messages: LibMessage[];
  /** The staging area or the merge failed (e.g. a read-only cache directory). */
  error: string | null;
}

export async function hasContent(dir: string): Promise<boolean> {
  try {
    const entries = await readdir(dir);
    return entries.some((e) => e !== SCRATCH_NAME);
  } catch {
    return false;
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function restoreInto(input: RestoreIntoInput): Promise<RestoreIntoOutcome> {
  const started = Date.now();
  const preexisting = await hasContent(input.dir);
  const merge: MergeStats = { added: 0, kept: 0 };
  const result = (rest: Partial<RestoreIntoOutcome>): RestoreIntoOutcome => ({
    matchedKey: null, archiveBytes: null, preexisting, merge, failure: null, messages: [], error: null, ...rest, ms: Date.now() - started,
  });
  const staging = scratchDir(input.dir, 'restore');
  try {
    await mkdir(staging, { recursive: true });
  } catch (e) {
    return result({ error: `cannot create a staging directory in ${input.dir}: ${message(e)}` });
  }
  try {
    const restored = await restoreArchive({ root: staging, paths: input.paths, keys: input.keys, crossOs: input.crossOs, deadlines: input.deadlines });
    let matchedKey = restored.matchedKey;
    let error: string | null = null;
    if (matchedKey !== null) {
      try {
        await input.inspect?.(staging);
        await mergeTree(staging, input.dir, merge, { ...(input.atomicDir === undefined ? {} : { atomicDir: input.atomicDir }), skip: new Set([SCRATCH_NAME]), ...input.merge });
      } catch (e) {
        error = `merging the restored files into ${input.dir} failed: ${message(e)}`;
        matchedKey = null;
      }
    }
    return result({ matchedKey, archiveBytes: restored.archiveBytes, failure: restored.failure, messages: restored.messages, error });
  } finally {
    await removeTree(staging);
    await removeIfEmpty(path.dirname(staging));
  }
}
