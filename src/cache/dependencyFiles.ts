// The files the cache key hashes: the `cache-dependency-path` globs (relative to the workspace,
// like setup-go and hashFiles()), or by default every go.sum and go.work.sum under the working
// directory. The glob matcher is pure; the walk is bounded.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { walkTree } from '../workspace/walk.js';
import type { DependencyFileDigest } from './key.js';

export interface PatternSet {
  include: RegExp[];
  exclude: RegExp[];
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

/**
 * A glob on posix relative paths: `**` any number of directories, `*` and `?` within one
 * segment, `[...]` a character class. A leading `./` is dropped.
 */
export function globToRegExp(glob: string): RegExp {
  let g = glob.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  if (g.endsWith('/')) g += '**';
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i] as string;
    if (c === '*') {
      if (g[i + 1] === '*') {
        const atStart = i === 0 || g[i - 1] === '/';
        const slashAfter = g[i + 2] === '/';
        if (atStart && slashAfter) {
          re += '(?:[^/]*/)*';
          i += 2;
        } else if (atStart && i + 2 === g.length) {
          re += '.*';
          i += 1;
        } else {
          re += '[^/]*';
          i += 1;
        }
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = g.indexOf(']', i + 1);
      if (close === -1) re += '\\[';
      else {
        let body = g.slice(i + 1, close);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else re += /[.+^${}()|\\]/.test(c) ? `\\${c}` : c;
  }
  return new RegExp(`^${re}$`);
}

export function compilePatterns(patterns: readonly string[]): PatternSet {
  const include: RegExp[] = [];
  const exclude: RegExp[] = [];
  for (const p of patterns) {
    if (p.startsWith('!')) exclude.push(globToRegExp(p.slice(1)));
    else include.push(globToRegExp(p));
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
    if (dirent.isFile() && matches(set, path.relative(root, abs).split(path.sep).join('/'))) files.push(abs);
  });
  return { files: files.sort(), truncated: walk.truncated };
}

export interface DependencyFiles {
  digests: DependencyFileDigest[];
  /** What was searched, for messages. */
  description: string;
  truncated: boolean;
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
  if (user.length === 0) {
    root = workingDirectory;
    patterns = DEFAULT_DEPENDENCY_PATTERNS;
  } else {
    root = workspace;
    patterns = user.map((p) => {
      const neg = p.startsWith('!') ? '!' : '';
      const body = neg ? p.slice(1) : p;
      if (!path.isAbsolute(body)) return p;
      const rel = path.relative(workspace, body).split(path.sep).join('/');
      return neg + rel;
    });
  }
  const found = await findFiles(root, compilePatterns(patterns));
  const digests: DependencyFileDigest[] = [];
  for (const file of found.files) {
    const content = await readFile(file);
    digests.push({ path: path.relative(workspace, file).split(path.sep).join('/'), sha256: createHash('sha256').update(content).digest('hex') });
  }
  const where = path.relative(workspace, root).split(path.sep).join('/') || '.';
  return { digests, description: `${patterns.join(', ')} under ${where}`, truncated: found.truncated };
}
