// What goes into the archive: exactly what the current module graph needs, so a cache restored
// by prefix (partial hit) never carries old modules forward (the "snowball" setup-go cited when
// it declined restore-keys, PR #239).
//
//   needed = .mod/.info of every `go mod graph` node
//          + Info/GoMod/Zip(+.ziphash) of every module `go mod download -json` returned
//          + their extracted Dir (full layout only)
//          + cache/download/sumdb (checksum database tiles and lookups)
//
// The planner is pure. The I/O builds a STAGING tree of hard links to the needed files and the
// archive is made from that: the job's GOMODCACHE is never modified (on a self-hosted runner
// other jobs still use what we leave out), and a save costs one link per file.

import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { linkOrCopy } from '../fsTree.js';
import type { DownloadRecord } from './downloadJson.js';
import type { CacheLayout } from './key.js';

/** Go's module.EscapePath/EscapeVersion: every upper-case letter becomes '!' + lower case. */
export function escapeModulePart(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

export function unescapeModulePart(s: string): string {
  return s.replace(/!([a-z])/g, (_, c: string) => c.toUpperCase());
}

export interface PlanInput {
  /** Absolute GOMODCACHE. */
  gomodcache: string;
  layout: CacheLayout;
  records: readonly DownloadRecord[];
  /** path@version nodes of `go mod graph`. */
  graphNodes: readonly string[];
  /** Every file under cache/download, relative to GOMODCACHE, posix separators. */
  inventory: ReadonlySet<string>;
}

export interface ArchivePlan {
  /** Files to archive, relative to GOMODCACHE (posix). */
  files: string[];
  /** Directories to archive whole, relative to GOMODCACHE (posix). */
  dirs: string[];
  /** Needed files that are not in the cache (a non-empty list means: do not save). */
  missing: string[];
  /** Module versions present in cache/download that the archive leaves out ("path@version"). */
  pruned: string[];
  /** Number of module versions the archive carries zips for. */
  modules: number;
}

const SUMDB_DIR = 'cache/download/sumdb';

function relativeInside(root: string, abs: string): string | null {
  const rel = path.relative(root, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

export function planArchive(input: PlanInput): ArchivePlan {
  const files = new Set<string>();
  const dirs = new Set<string>();
  const missing: string[] = [];
  const require = (rel: string | null): void => {
    if (rel === null) return;
    if (input.inventory.has(rel)) files.add(rel);
    else missing.push(rel);
  };
  const optional = (rel: string): void => {
    if (input.inventory.has(rel)) files.add(rel);
  };
  let modules = 0;
  for (const r of input.records) {
    if (r.Error !== undefined) continue;
    for (const f of [r.Info, r.GoMod]) if (f !== undefined) require(relativeInside(input.gomodcache, f));
    if (r.Zip !== undefined) {
      const zip = relativeInside(input.gomodcache, r.Zip);
      require(zip);
      if (zip !== null) optional(`${zip}hash`);
      modules++;
    }
    if (input.layout === 'full' && r.Dir !== undefined) {
      const dir = relativeInside(input.gomodcache, r.Dir);
      if (dir !== null) dirs.add(dir);
    }
  }
  for (const node of input.graphNodes) {
    const at = node.lastIndexOf('@');
    if (at <= 0) continue;
    const base = `cache/download/${escapeModulePart(node.slice(0, at))}/@v/${escapeModulePart(node.slice(at + 1))}`;
    // Optional: with graph pruning (go >= 1.17) `go mod graph` names versions whose go.mod it
    // never loads; what it did load is in the cache (main ran it with GOPROXY=off).
    optional(`${base}.mod`);
    optional(`${base}.info`);
  }
  if ([...input.inventory].some((f) => f.startsWith(`${SUMDB_DIR}/`))) dirs.add(SUMDB_DIR);

  // Module versions in the cache that are not carried: anything with a .mod/.zip we did not keep.
  const pruned = new Set<string>();
  for (const f of input.inventory) {
    if (f.startsWith(`${SUMDB_DIR}/`) || files.has(f)) continue;
    const m = /^cache\/download\/(.+)\/@v\/([^/]+)\.(mod|zip)$/.exec(f);
    if (m) pruned.add(`${unescapeModulePart(m[1] as string)}@${unescapeModulePart(m[2] as string)}`);
  }
  return { files: [...files].sort(), dirs: [...dirs].sort(), missing: [...new Set(missing)].sort(), pruned: [...pruned].sort(), modules };
}

/** Every file under $GOMODCACHE/cache/download, relative to GOMODCACHE (posix). */
export async function inventoryDownloadCache(gomodcache: string, maxEntries = 2_000_000): Promise<Set<string>> {
  const out = new Set<string>();
  const root = path.join(gomodcache, 'cache', 'download');
  const stack = [root];
  let seen = 0;
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (++seen > maxEntries) return out;
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(abs);
      else if (e.isFile()) out.add(path.relative(gomodcache, abs).split(path.sep).join('/'));
    }
  }
  return out;
}

async function linkTree(src: string, dst: string): Promise<number> {
  let n = 0;
  await mkdir(dst, { recursive: true });
  for (const e of await readdir(src, { withFileTypes: true })) {
    const s = path.join(src, e.name);
    const d = path.join(dst, e.name);
    if (e.isDirectory()) n += await linkTree(s, d);
    else if (e.isFile()) {
      await linkOrCopy(s, d);
      n++;
    }
  }
  return n;
}

/** Builds the staging tree for a plan; returns the number of files linked. */
export async function stagePlan(gomodcache: string, plan: ArchivePlan, staging: string): Promise<number> {
  let n = 0;
  const made = new Set<string>();
  for (const rel of plan.files) {
    const dst = path.join(staging, ...rel.split('/'));
    const parent = path.dirname(dst);
    if (!made.has(parent)) {
      await mkdir(parent, { recursive: true });
      made.add(parent);
    }
    await linkOrCopy(path.join(gomodcache, ...rel.split('/')), dst);
    n++;
  }
  for (const rel of plan.dirs) n += await linkTree(path.join(gomodcache, ...rel.split('/')), path.join(staging, ...rel.split('/')));
  return n;
}
