// Merging an extracted archive into a live cache directory by rename: what the directory lacks is
// moved in, what it has is kept (both caches the action keeps are content-addressed: the same
// path holds the same bytes, or an equally valid result).
//
// A rename can fail for a moment: on Windows an antivirus scanner or the search indexer holds a
// file it just saw appear (EPERM, EACCES or EBUSY), which clears within a second or two. Those are
// retried with backoff before the merge gives up. On POSIX, EACCES/EPERM is a read-only parent
// directory (Go makes extracted module directories 0555): it is opened for the move, then closed.

import { chmod, cp, lstat, mkdir, readdir, rename, rmdir } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';

export interface MergeStats {
  /** Entries moved in (a moved directory counts once). */
  added: number;
  /** Files or directories already present and kept. */
  kept: number;
}

export interface MergeOptions {
  /** Directories moved or kept whole, never merged entry by entry (e.g. extracted module directories). */
  atomicDir?: (name: string) => boolean;
  /** Names at the top of src that are never moved. */
  skip?: ReadonlySet<string>;
  /** For tests: the rename to use (default fs.promises.rename). */
  rename?: (from: string, to: string) => Promise<void>;
  /** For tests: the wait between attempts. */
  sleep?: (ms: number) => Promise<void>;
  platform?: NodeJS.Platform;
}

/** Delays before the 2nd, 3rd ... attempt of a rename that failed transiently: about 3 s in all. */
export const RENAME_RETRY_DELAYS_MS: readonly number[] = [50, 100, 200, 400, 800, 1600];

const TRANSIENT = new Set(['EPERM', 'EACCES', 'EBUSY']);

function errnoCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? '';
}

async function statOrNull(p: string): Promise<Stats | null> {
  try {
    return await lstat(p);
  } catch {
    return null;
  }
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function mergeTree(src: string, dst: string, stats: MergeStats, options: MergeOptions = {}, depth = 0): Promise<void> {
  await mkdir(dst, { recursive: true });
  for (const e of await readdir(src, { withFileTypes: true })) {
    if (depth === 0 && options.skip?.has(e.name)) continue;
    const s = path.join(src, e.name);
    const d = path.join(dst, e.name);
    const there = await statOrNull(d);
    if (there === null) {
      await moveInto(s, d, dst, options);
      stats.added++;
    } else if (e.isDirectory() && there.isDirectory() && !(options.atomicDir?.(e.name) ?? false)) {
      // An empty directory is replaced by the restored one in one rename (go creates GOCACHE's
      // 256 subdirectories as soon as it opens the cache, e.g. for go env): far cheaper than
      // moving its thousands of files one by one.
      if (await replaceEmpty(s, d, dst, options)) stats.added++;
      else await mergeTree(s, d, stats, options, depth + 1);
    } else {
      stats.kept++;
    }
  }
}

async function replaceEmpty(src: string, dst: string, parent: string, options: MergeOptions): Promise<boolean> {
  try {
    if ((await readdir(dst)).length > 0) return false;
    await rmdir(dst);
  } catch {
    return false;
  }
  await moveInto(src, dst, parent, options);
  return true;
}

/** rename(src, dst), retried on transient locks, with the read-only-parent and cross-device cases handled. */
export async function moveInto(src: string, dst: string, parent: string, options: MergeOptions = {}): Promise<void> {
  const doRename = options.rename ?? rename;
  const sleep = options.sleep ?? defaultSleep;
  const platform = options.platform ?? process.platform;
  let openedParent: number | null = null;
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await doRename(src, dst);
        return;
      } catch (error) {
        const code = errnoCode(error);
        if (code === 'EXDEV') {
          await cp(src, dst, { recursive: true, errorOnExist: false, force: false });
          return;
        }
        if (!TRANSIENT.has(code)) throw error;
        if (platform !== 'win32' && openedParent === null && code !== 'EBUSY') {
          // A read-only parent: make it writable once, then try again at once.
          const st = await statOrNull(parent);
          if (st !== null && (st.mode & 0o200) === 0) {
            await chmod(parent, (st.mode & 0o7777) | 0o200);
            openedParent = st.mode & 0o7777;
            continue;
          }
        }
        const delay = RENAME_RETRY_DELAYS_MS[attempt];
        if (delay === undefined) throw error;
        await sleep(delay);
      }
    }
  } finally {
    if (openedParent !== null) await chmod(parent, openedParent).catch(() => undefined);
  }
}
