// The files the cache key hashes: the `cache-dependency-path` globs (relative to the workspace,
// like setup-go and hashFiles()), or by default every go.sum and go.work.sum under the working
// directory. The glob matcher is pure; the walk is bounded. Every file is read through
// readRepoFile: a committed symlink to a file outside the workspace (or to a FIFO, a device) is
// refused, never read. Line endings are normalised before hashing: a go.sum checked out with CRLF
// (core.autocrlf on Windows) must give the key Linux and macOS compute, or `cross-os` never hits.

import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { mapLimit } from '../pool.js';
import { readRepoFile, REPO_TEXT_FILE_MAX_BYTES, type RepoFileFailure } from '../../workspace/repoFile.js';
import { walkTree } from '../../workspace/walk.js';
import { compileGlob, type Glob } from './glob.js';
import type { DependencyFileDigest } from './key.js';

export interface PatternSet {
  include: Glob[];
  exclude: Glob[];
  /** The patterns as written, for messages. */
  raw: string[];
}

/** Comma- or newline-separated globs; `!glob` excludes; blank entries and `#` comments are ignored. */
export function splitPatterns(raw: string): string[] {
  return raw
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter((p) => p !== '' && !p.startsWith('#'));
}

export function compilePatterns(patterns: readonly string[]): PatternSet {
  const include: Glob[] = [];
  const exclude: Glob[] = [];
  for (const p of patterns) {
    if (p.startsWith('!')) exclude.push(compileGlob(p.slice(1)));
    else include.push(compileGlob(p));
  }
  return { include, exclude, raw: [...patterns] };
}

export function matches(set: PatternSet, relative: string): boolean {
  return set.include.some((r) => r.test(relative)) && !set.exclude.some((r) => r.test(relative));
}

/** The default: go.sum / go.work.sum anywhere, outside vendor/ and testdata/ (which go never uses as modules). */
export const DEFAULT_DEPENDENCY_PATTERNS = ['**/go.sum', '**/go.work.sum', '!**/vendor/**', '!**/testdata/**'];

// Never worth descending into: VCS metadata and JS dependencies.
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

export interface FoundFiles {
  /** Absolute paths, sorted. */
  files: string[];
  /** Set when the walk stopped early. */
  truncated: boolean;
}

/** Walks `root` (no symlinked directories) and returns files whose path relative to `root` matches. */
export async function findFiles(root: string, set: PatternSet, maxEntries = 50_000): Promise<FoundFiles> {
  const files: string[] = [];
  const walk = await walkTree(root, { maxEntries, descend: (name) => !ALWAYS_SKIPPED.has(name) }, ({ abs, dirent }) => {
    // Symlinks and special files too: readRepoFile decides what may be read (and says why not).
    if (!dirent.isDirectory() && matches(set, path.relative(root, abs).split(path.sep).join('/'))) files.push(abs);
  });
  return { files: files.sort(), truncated: walk.truncated };
}

export interface DependencyFiles {
  digests: DependencyFileDigest[];
  /** Matched files that were not hashed (outside the workspace after symlinks, not regular, too large). */
  refused: Array<{ path: string; failure: RepoFileFailure; detail: string }>;
  /** Patterns naming a place outside the workspace (never searched). */
  outsidePatterns: string[];
  /** What was searched, for messages. */
  description: string;
  truncated: boolean;
}

/** CRLF and lone CR become LF: the same go.sum hashes the same on every checkout. */
export function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

export function contentDigest(text: string): string {
  return createHash('sha256').update(normaliseLineEndings(text), 'utf8').digest('hex');
}

/**
 * `raw` = the input: '' means the default patterns under workingDirectory; otherwise globs
 * relative to the workspace (absolute globs inside the workspace are made relative). Digests are
 * keyed by workspace-relative path so the key is the same on every machine.
 */
export async function collectDependencyFiles(raw: string, workingDirectory: string, workspace: string): Promise<DependencyFiles> {
  const user = splitPatterns(raw);
  let root: string;
  let patterns: string[];
  const outsidePatterns: string[] = [];
  if (user.length === 0) {
    root = workingDirectory;
    patterns = DEFAULT_DEPENDENCY_PATTERNS;
  } else {
    root = workspace;
    patterns = [];
    for (const p of user) {
      const neg = p.startsWith('!') ? '!' : '';
      const body = neg ? p.slice(1) : p;
      const rel = path.isAbsolute(body) ? path.relative(workspace, body).split(path.sep).join('/') : body.replace(/\\/g, '/');
      if (rel === '..' || rel.startsWith('../') || /(^|\/)\.\.(\/|$)/.test(rel) || path.isAbsolute(rel)) {
        outsidePatterns.push(p);
        continue;
      }
      patterns.push(neg + rel);
    }
  }
  const where = path.relative(workspace, root).split(path.sep).join('/') || '.';
  const description = `${patterns.join(', ')} under ${where}`;
  const inside = path.relative(workspace, root);
  if (inside.startsWith('..') || path.isAbsolute(inside)) {
    // working-directory outside the workspace: nothing there is a repository file.
    return { digests: [], refused: [{ path: root, failure: 'outside-workspace', detail: 'it is outside the workspace' }], outsidePatterns, description, truncated: false };
  }
  if (patterns.every((p) => p.startsWith('!'))) return { digests: [], refused: [], outsidePatterns, description, truncated: false };
  const found = await findFiles(root, compilePatterns(patterns));
  const digests: DependencyFileDigest[] = [];
  const refused: DependencyFiles['refused'] = [];
  // One realpath of the workspace for all files, and a few reads at once (2,000 go.sum files).
  const realWorkspace = await realpath(workspace).catch(() => undefined);
  const reads = await mapLimit(found.files, 16, (file) => readRepoFile(workspace, file, { maxBytes: REPO_TEXT_FILE_MAX_BYTES, ...(realWorkspace === undefined ? {} : { realWorkspace }) }));
  for (const [index, file] of found.files.entries()) {
    const relative = path.relative(workspace, file).split(path.sep).join('/');
    const read = reads[index]!;
    if (!read.ok) {
      refused.push({ path: relative, failure: read.failure, detail: read.detail });
      continue;
    }
    digests.push({ path: relative, sha256: contentDigest(read.text) });
  }
  return { digests, refused, outsidePatterns, description, truncated: found.truncated };
}
