// Restore of the module cache: the archive is ALWAYS extracted into an empty staging directory
// inside GOMODCACHE and then merged in by rename (merge.ts):
//  - into an existing, non-empty module cache (self-hosted runner, setup-go's own cache, a
//    second use of the action, a toolchain download) tar would otherwise print "Cannot open:
//    File exists" per file and fail on Go's read-only (0555) module directories (setup-go #314,
//    #403, #424, #722); the merge keeps what is there and adds only what is missing;
//  - a corrupt or truncated archive never leaves half-written zips in GOMODCACHE (go trusts the
//    .ziphash next to a zip and would fail later on a truncated one).

import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { restoreArchive, type ArchiveRestoreOutcome } from './archive.js';
import type { LibMessage, ServiceDeadlines } from './cacheLib.js';
import { archivePaths, type CacheLayout } from './key.js';
import { mergeTree, type MergeOptions, type MergeStats } from './merge.js';
import { removeIfEmpty, removeTree, scratchDir } from './prune.js';

export type { MergeStats } from './merge.js';

export interface RestoreInput {
  gomodcache: string;
  layout: CacheLayout;
  /** The primary key (what a hit means). */
  key: string;
  /** Every key to look up, in order (replacements of a corrupt entry first, the key, the prefix). */
  lookupKeys: string[];
  crossOs: boolean;
  deadlines: ServiceDeadlines;
  /** For tests: injected rename/sleep for the merge. */
  merge?: Pick<MergeOptions, 'rename' | 'sleep'>;
}

export interface RestoreOutcome {
  matchedKey: string | null;
  hit: 'true' | 'partial' | 'false';
  archiveBytes: number | null;
  ms: number;
  /** Whether GOMODCACHE already had content before the restore. */
  preexisting: boolean;
  merge: MergeStats;
  failure: ArchiveRestoreOutcome['failure'];
  /** Service trouble the library reported (to be shown as warnings). */
  messages: LibMessage[];
  error: string | null;
}

export async function hasContent(dir: string): Promise<boolean> {
  try {
    const entries = await readdir(dir);
    return entries.some((e) => e !== '.setup-goproxy');
  } catch {
    return false;
  }
}

/** An exact hit is the key itself or a replacement saved under `<key>-<run>` after the entry was found corrupt. */
export function hitKind(key: string, matched: string | null): RestoreOutcome['hit'] {
  if (matched === null) return 'false';
  return matched === key || matched.startsWith(`${key}-`) ? 'true' : 'partial';
}

/** An extracted module directory (`path@version`): Go writes it atomically, so if present it is complete. */
function isModuleDir(name: string): boolean {
  return name.includes('@');
}

export async function restoreModuleCache(input: RestoreInput): Promise<RestoreOutcome> {
  const started = Date.now();
  const preexisting = await hasContent(input.gomodcache);
  const staging = scratchDir(input.gomodcache, 'restore');
  const merge: MergeStats = { added: 0, kept: 0 };
  await mkdir(staging, { recursive: true });
  try {
    const restored = await restoreArchive({ root: staging, paths: archivePaths(input.layout), keys: input.lookupKeys, crossOs: input.crossOs, deadlines: input.deadlines });
    let error: string | null = null;
    let matchedKey = restored.matchedKey;
    if (matchedKey !== null) {
      try {
        await mergeTree(staging, input.gomodcache, merge, { atomicDir: isModuleDir, skip: new Set(['.setup-goproxy']), ...input.merge });
      } catch (e) {
        error = `merging the restored files into ${input.gomodcache} failed: ${e instanceof Error ? e.message : String(e)}`;
        matchedKey = null;
      }
    }
    return { matchedKey, hit: hitKind(input.key, matchedKey), archiveBytes: restored.archiveBytes, ms: Date.now() - started, preexisting, merge, failure: restored.failure, messages: restored.messages, error };
  } finally {
    await removeTree(staging);
    await removeIfEmpty(path.dirname(staging));
  }
}

export { mergeTree };
