// File-tree helpers shared by the caches: a private scratch area inside the cache directory
// (same file system, so hard links and renames work), hard links with a copy fallback, and
// removal that also works on Go's read-only trees.

import { randomBytes } from 'node:crypto';
import { chmod, copyFile, link, lstat, readdir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';

/** Name of the scratch directory inside a cache directory; never a module path (they cannot start with '.') nor a build-cache entry. */
export const SCRATCH_NAME = '.setup-goproxy';

/** A fresh scratch directory inside `cacheDir` for one restore or save. */
export function scratchDir(cacheDir: string, purpose: 'save' | 'restore'): string {
  return path.join(cacheDir, SCRATCH_NAME, `${purpose}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

export async function linkOrCopy(src: string, dst: string): Promise<void> {
  try {
    await link(src, dst);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    // Other file system, or links not allowed: copy instead.
    await copyFile(src, dst);
  }
}

/**
 * rm -rf that also works on the module cache's read-only trees (Go makes extracted module
 * directories 0555, so their entries cannot be unlinked until the directory is writable again).
 */
export async function removeTree(target: string): Promise<void> {
  try {
    await rm(target, { recursive: true, force: true, maxRetries: 2 });
    return;
  } catch {
    // fall through: make directories writable, then retry
  }
  await makeWritable(target);
  await rm(target, { recursive: true, force: true, maxRetries: 2 }).catch(() => undefined);
}

async function makeWritable(dir: string): Promise<void> {
  let st;
  try {
    st = await lstat(dir);
  } catch {
    return;
  }
  if (!st.isDirectory()) return;
  await chmod(dir, (st.mode & 0o7777) | 0o700).catch(() => undefined);
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) if (e.isDirectory()) await makeWritable(path.join(dir, e.name));
}

/** Removes a directory only when nothing is left in it (another process may be using it). */
export async function removeIfEmpty(dir: string): Promise<void> {
  try {
    if ((await readdir(dir)).length === 0) await rmdir(dir).catch(() => undefined);
  } catch {
    // gone already
  }
}
