// The Go build cache on disk (I/O): its entries are files named <hex id>-a (an action: which
// output an action produced) and <hex id>-d (an output) in the 256 subdirectories 00-ff, beside
// the cache's own marker files (README, trim.txt, testexpire.txt). See cmd/go/internal/cache.

import type { Dirent } from 'node:fs';
import { lstat, mkdir, open, readdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { linkOrCopy } from '../cache/fsTree.js';
import { mapLimit } from '../cache/pool.js';

export interface CacheEntry {
  /** Relative to GOCACHE, posix: "0a/0a12...-d". */
  name: string;
  mtimeMs: number;
  size: number;
}

/** Marker files go keeps at the top of GOCACHE; archived with the entries. */
export const MARKER_FILES = ['README', 'testexpire.txt', 'trim.txt'] as const;

const SUBDIRS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Entry names go creates: 64 hex digits, '-', then 'a' or 'd'. */
export function isEntryName(name: string): boolean {
  if (name.length !== 66 || name[64] !== '-' || (name[65] !== 'a' && name[65] !== 'd')) return false;
  for (let i = 0; i < 64; i++) {
    const c = name.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** Parallel stats: the cache can hold tens of thousands of entries. */
const IO_CONCURRENCY = 32;

/** Every entry under `root` (a GOCACHE or a staging copy of one), bounded. */
export async function listEntries(root: string, maxEntries = 1_000_000): Promise<CacheEntry[]> {
  const names: string[] = [];
  for (const sub of SUBDIRS) {
    if (names.length >= maxEntries) break;
    let dirents: Dirent[];
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
      const st = await lstat(path.join(root, ...name.split('/')));
      return { name, mtimeMs: st.mtimeMs, size: st.size };
    } catch {
      return null;
    }
  });
  return stats.filter((e): e is CacheEntry => e !== null);
}

/**
 * Sets the mtime of every entry newer than `agedMs` to `agedMs`. Go refreshes an entry's mtime
 * when it uses it only if the mtime is more than an hour old (mtimeInterval in
 * cmd/go/internal/cache/cache.go), so after this every entry the job uses gets a fresh mtime,
 * and the ones still at `agedMs` in the post step were not used. Returns how many could not be
 * changed (a read-only GOCACHE).
 */
export async function ageEntries(root: string, entries: readonly CacheEntry[], agedMs: number): Promise<{ aged: number; failed: number }> {
  const when = new Date(agedMs);
  let aged = 0;
  let failed = 0;
  await mapLimit(entries.filter((e) => e.mtimeMs > agedMs), IO_CONCURRENCY, async (e) => {
    try {
      await utimes(path.join(root, ...e.name.split('/')), when, when);
      aged++;
    } catch {
      failed++;
    }
  });
  return { aged, failed };
}

/** The output entry an action entry names ("v1 <action> <output> <size> <time>\n"), or null (pure). */
export function outputOfAction(content: string): string | null {
  if (!content.startsWith('v1 ')) return null;
  const out = content.slice(3 + 64 + 1, 3 + 64 + 1 + 64);
  if (out.length !== 64 || content[3 + 64] !== ' ' || !isEntryName(`${out}-d`)) return null;
  return `${out.slice(0, 2)}/${out}-d`;
}

/** The output each action entry refers to, read from the small action files. */
export async function actionOutputs(root: string, actions: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await mapLimit(actions, IO_CONCURRENCY, async (name) => {
    let handle;
    try {
      handle = await open(path.join(root, ...name.split('/')), 'r');
      const buffer = Buffer.alloc(256);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      const output = outputOfAction(buffer.subarray(0, bytesRead).toString('latin1'));
      if (output !== null) out.set(name, output);
    } catch {
      // unreadable: the action is treated as naming nothing
    } finally {
      await handle?.close();
    }
  });
  return out;
}

/** The entry names under `root`, from the directory listings alone (no stat per entry), bounded. */
export async function listEntryNames(root: string, maxEntries = 1_000_000): Promise<string[]> {
  const lists = await mapLimit(SUBDIRS, IO_CONCURRENCY, async (sub) => {
    try {
      return (await readdir(path.join(root, sub), { withFileTypes: true })).filter((d) => d.isFile() && isEntryName(d.name)).map((d) => `${sub}/${d.name}`);
    } catch {
      return [];
    }
  });
  return lists.flat().slice(0, maxEntries);
}

/**
 * Hard links (or copies) of `names` and the marker files into `staging`, every entry with the
 * mtime `agedMs`, which the archive keeps and tar restores: a restored entry is then already
 * older than go's refresh interval, so the main step needs no pass over the entries to age them
 * (a link shares its file's mtime, so GOCACHE's entries are aged too; the job is over by then).
 * trim.txt says now, since the archive is trimmed.
 */
export async function stageEntries(gocache: string, names: readonly string[], staging: string, nowMs: number, agedMs: number): Promise<void> {
  const made = new Set<string>();
  for (const name of names) {
    const [sub] = name.split('/');
    if (sub !== undefined && !made.has(sub)) {
      await mkdir(path.join(staging, sub), { recursive: true });
      made.add(sub);
    }
  }
  const aged = new Date(agedMs);
  await mapLimit(names, IO_CONCURRENCY, async (name) => {
    const staged = path.join(staging, ...name.split('/'));
    await linkOrCopy(path.join(gocache, ...name.split('/')), staged);
    await utimes(staged, aged, aged);
  });
  for (const marker of MARKER_FILES) {
    if (marker === 'trim.txt') continue;
    await linkOrCopy(path.join(gocache, marker), path.join(staging, marker)).catch(() => undefined);
  }
  // The format go writes (Unix seconds): go's own trim then waits a day, as after its own trim.
  await writeFile(path.join(staging, 'trim.txt'), String(Math.floor(nowMs / 1000)));
}
