// Cache keys and archive paths for the module cache (pure).
//
// Key = <prefix>-<layout tag>[-<os>]-<hash of the dependency files>. No Go version and no OS for
// module content: zips, .mod and .info files are byte-identical on every Go version and platform,
// so matrix jobs across Go versions share one entry.
//
// Cross-OS: @actions/cache's cache "version" hashes the path strings exactly as passed, so an
// absolute GOMODCACHE (/home/runner/go/pkg/mod vs C:\Users\runneradmin\go\pkg\mod) would make every
// OS a separate cache. We archive RELATIVE to GOMODCACHE instead: the library runs with cwd and
// GITHUB_WORKSPACE set to the archive root (see cacheLib.ts) and is given the fixed relative paths
// below, so the version is the same on every OS and for every GOMODCACHE location (not only for
// module caches under the home directory, which a `~/...` path string would need). Linux and
// macOS therefore share entries already; Windows adds "windows-only" to the version unless
// enableCrossOsArchive is set, which is what `cross-os: true` does. Without cross-os, Windows keys
// also carry an OS segment so the key alone says why it is separate.

import { createHash } from 'node:crypto';

/** `download`: only $GOMODCACHE/cache/download (zips, .mod, .info, sumdb); `full`: the whole GOMODCACHE. */
export type CacheLayout = 'download' | 'full';

export const DEFAULT_KEY_PREFIX = 'setup-goproxy-gomod';
export const DEFAULT_LAYOUT: CacheLayout = 'download';

/** Bumped when what an archive contains (or how it is laid out) changes incompatibly. */
export const LAYOUT_TAG: Readonly<Record<CacheLayout, string>> = { download: 'd1', full: 'f1' };

/** The path strings handed to @actions/cache, relative to the archive root (GOMODCACHE or a staging copy of it). */
export function archivePaths(layout: CacheLayout): string[] {
  return layout === 'download' ? ['cache/download'] : ['.'];
}

export interface DependencyFileDigest {
  /** Path relative to the workspace, posix separators (part of the hash: moving a go.sum changes the key). */
  path: string;
  /** sha256 hex of the content. */
  sha256: string;
}

/** Order-independent hash of (relative path, content hash) pairs. */
export function dependencyHash(files: readonly DependencyFileDigest[]): string {
  const lines = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((f) => `${f.path}\0${f.sha256}\n`);
  return createHash('sha256').update(lines.join('')).digest('hex');
}

export interface KeyInput {
  prefix: string;
  layout: CacheLayout;
  hash: string;
  platform: NodeJS.Platform;
  crossOs: boolean;
}

export interface CacheKeys {
  key: string;
  /** The restore key for a partial restore: the newest entry of the same prefix, layout (and OS). */
  restorePrefix: string;
}

export function cacheKeys(input: KeyInput): CacheKeys {
  const prefix = input.prefix.replace(/-+$/, '');
  const os = input.platform === 'win32' && !input.crossOs ? 'windows-' : '';
  const restorePrefix = `${prefix}-${LAYOUT_TAG[input.layout]}-${os}`;
  return { key: `${restorePrefix}${input.hash}`, restorePrefix };
}

/**
 * The keys a restore looks up, in order. `<key>-` first: replacements saved after `<key>` itself
 * was found corrupt (an entry cannot be overwritten, and the exact key would otherwise be the
 * first match for ever); then the key; then the newest entry of the same prefix.
 */
export function lookupKeys(keys: CacheKeys): string[] {
  return [`${keys.key}-`, keys.key, keys.restorePrefix];
}
