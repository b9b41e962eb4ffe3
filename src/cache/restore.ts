// Restore: exact key, else the newest entry of the same prefix. The archive is ALWAYS extracted
// into an empty staging directory inside GOMODCACHE and then merged in by rename:
//  - into an existing, non-empty module cache (self-hosted runner, setup-go's own cache, a
//    second use of the action, a toolchain download) tar would otherwise print "Cannot open:
//    File exists" per file and fail on Go's read-only (0555) module directories (setup-go #314,
//    #403, #424, #722); the merge keeps what is there and adds only what is missing;
//  - a corrupt or truncated archive never leaves half-written zips in GOMODCACHE (go trusts the
//    .ziphash next to a zip and would fail later on a truncated one).

import { chmod, lstat, mkdir, readdir, rename, cp } from 'node:fs/promises';
import path from 'node:path';
import { archiveBytesFrom, restoreFromService, type LibMessage } from './cacheLib.js';
import { archivePaths, type CacheLayout } from './key.js';
import { removeIfEmpty, removeTree, scratchDir } from './prune.js';

export interface RestoreInput {
  gomodcache: string;
  layout: CacheLayout;
  key: string;
  restoreKeys: string[];
  crossOs: boolean;
}

export interface RestoreOutcome {
  matchedKey: string | null;
  hit: 'true' | 'partial' | 'false';
  archiveBytes: number | null;
  ms: number;
  /** Whether GOMODCACHE already had content before the restore. */
  preexisting: boolean;
  merge: MergeStats;
  /** Service trouble the library reported (to be shown as warnings). */
  messages: LibMessage[];
  error: string | null;
}

export interface MergeStats {
  /** Entries moved in (a moved directory counts once). */
  added: number;
  /** Files or module directories already present and kept. */
  kept: number;
}

export async function hasContent(dir: string): Promise<boolean> {
  try {
    const entries = await readdir(dir);
    return entries.some((e) => e !== '.setup-goproxy');
  } catch {
    return false;
  }
}

export async function restoreModuleCache(input: RestoreInput): Promise<RestoreOutcome> {
  const started = Date.now();
  const preexisting = await hasContent(input.gomodcache);
  const staging = scratchDir(input.gomodcache, 'restore');
  const merge: MergeStats = { added: 0, kept: 0 };
  await mkdir(staging, { recursive: true });
  try {
    const call = await restoreFromService(staging, archivePaths(input.layout), input.key, input.restoreKeys, input.crossOs);
    const matchedKey = call.value ?? null;
    // A failed extraction is reported by the library and returns undefined: nothing is merged.
    if (matchedKey !== null) {
      await mergeTree(staging, input.gomodcache, merge);
    }
    const hit: RestoreOutcome['hit'] = matchedKey === null ? 'false' : matchedKey === input.key ? 'true' : 'partial';
    return { matchedKey, hit, archiveBytes: archiveBytesFrom(call.infos), ms: Date.now() - started, preexisting, merge, messages: call.messages, error: call.error };
  } finally {
    await removeTree(staging);
    await removeIfEmpty(path.dirname(staging));
  }
}

async function exists(p: string): Promise<import('node:fs').Stats | null> {
  try {
    return await lstat(p);
  } catch {
    return null;
  }
}

/** An extracted module directory (`path@version`): Go writes it atomically, so if present it is complete. */
function isModuleDir(name: string): boolean {
  return name.includes('@');
}

/**
 * Moves every entry of src that dst lacks; keeps dst's own entries (the module cache is
 * content-addressed: the same path holds the same bytes). Directories are merged recursively
 * except extracted module directories, which are complete or absent.
 */
export async function mergeTree(src: string, dst: string, stats: MergeStats): Promise<void> {
  await mkdir(dst, { recursive: true });
  for (const e of await readdir(src, { withFileTypes: true })) {
    if (e.name === '.setup-goproxy') continue;
    const s = path.join(src, e.name);
    const d = path.join(dst, e.name);
    const there = await exists(d);
    if (there === null) {
      await moveInto(s, d, dst);
      stats.added++;
    } else if (e.isDirectory() && there.isDirectory() && !isModuleDir(e.name)) {
      await mergeTree(s, d, stats);
    } else {
      stats.kept++;
    }
  }
}

async function moveInto(src: string, dst: string, parent: string): Promise<void> {
  try {
    await rename(src, dst);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') {
      // A read-only parent (Go's 0555 directories): open it for the move, then close it again.
      const st = await lstat(parent);
      await chmod(parent, (st.mode & 0o7777) | 0o200);
      try {
        await rename(src, dst);
      } finally {
        await chmod(parent, st.mode & 0o7777).catch(() => undefined);
      }
      return;
    }
    if (code === 'EXDEV') {
      await cp(src, dst, { recursive: true, errorOnExist: false, force: false });
      return;
    }
    throw error;
  }
}
