// The one way the action reads a file of the repository (go.mod, go.work, env-file,
// go-version-file, cache dependency files): the path is resolved through every symbolic link and
// must stay inside GITHUB_WORKSPACE, the target must be a regular file (a FIFO or a device would
// block or never end), and at most `maxBytes` are read. A committed symlink to ~/.ssh/id_ed25519 or
// /proc/self/environ is refused before a byte of it is read, so it can never reach a message.

import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import nodePath from 'node:path';

export type RepoFileFailure = 'not-found' | 'outside-workspace' | 'not-regular' | 'too-large' | 'unreadable';

export type RepoPathResult = { ok: true; real: string } | { ok: false; failure: RepoFileFailure; detail: string };
export type RepoFileResult = { ok: true; real: string; text: string } | { ok: false; failure: RepoFileFailure; detail: string };

export interface RepoFileOptions {
  /** Upper bound of what is read; a larger file is refused as `too-large`. */
  maxBytes: number;
  /** For tests of other platforms' rules; default process.platform. */
  platform?: NodeJS.Platform;
  /** The workspace's real path when the caller has it (many reads: one realpath instead of one each). */
  realWorkspace?: string;
}

/** go.mod, go.work, go.sum and the small text files the action reads are far below this. */
export const REPO_TEXT_FILE_MAX_BYTES = 4 * 1024 * 1024;

/**
 * Whether `child` is `root` or lies below it. Windows and macOS file systems ignore case by
 * default, so the comparison does too there; realpath already gave both their canonical form.
 */
export function isWithin(root: string, child: string, platform: NodeJS.Platform = process.platform): boolean {
  const pathApi = platform === 'win32' ? nodePath.win32 : nodePath.posix;
  const fold = platform === 'win32' || platform === 'darwin' ? (s: string): string => s.toLowerCase() : (s: string): string => s;
  const relative = pathApi.relative(fold(root), fold(child));
  return relative === '' || (!relative.startsWith('..') && !pathApi.isAbsolute(relative));
}

function errnoCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? 'error';
}

/** Resolves `candidate` (absolute, or relative to the workspace) and checks it stays in the workspace. */
export async function resolveInWorkspace(workspace: string, candidate: string, platform: NodeJS.Platform = process.platform, knownRealWorkspace?: string): Promise<RepoPathResult> {
  const absolute = nodePath.resolve(workspace, candidate);
  let realWorkspace: string;
  let real: string;
  try {
    realWorkspace = knownRealWorkspace ?? (await realpath(workspace));
  } catch (error) {
    return { ok: false, failure: 'unreadable', detail: `the workspace cannot be resolved (${errnoCode(error)})` };
  }
  try {
    real = await realpath(absolute);
  } catch (error) {
    const code = errnoCode(error);
    return code === 'ENOENT' || code === 'ENOTDIR'
      ? { ok: false, failure: 'not-found', detail: 'it does not exist' }
      : { ok: false, failure: 'unreadable', detail: `it cannot be resolved (${code})` };
  }
  if (!isWithin(realWorkspace, real, platform)) {
    return { ok: false, failure: 'outside-workspace', detail: 'it resolves (through a symbolic link or an absolute path) to a place outside the workspace' };
  }
  return { ok: true, real };
}

/**
 * Reads a repository text file under the rules above. Opening a FIFO for reading would block
 * until a writer comes, so POSIX opens are non-blocking and the type is checked on the open
 * handle (no window between the check and the read).
 */
export async function readRepoFile(workspace: string, candidate: string, options: RepoFileOptions): Promise<RepoFileResult> {
  const resolved = await resolveInWorkspace(workspace, candidate, options.platform, options.realWorkspace);
  if (!resolved.ok) return resolved;
  const nonBlocking = process.platform === 'win32' ? 0 : constants.O_NONBLOCK;
  let handle;
  try {
    handle = await open(resolved.real, constants.O_RDONLY | nonBlocking);
  } catch (error) {
    const code = errnoCode(error);
    return code === 'ENOENT' ? { ok: false, failure: 'not-found', detail: 'it does not exist' } : { ok: false, failure: 'unreadable', detail: `it cannot be opened (${code})` };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { ok: false, failure: 'not-regular', detail: 'it is not a regular file (a directory, FIFO, socket or device)' };
    if (info.size > options.maxBytes) return { ok: false, failure: 'too-large', detail: `it has ${info.size} bytes, more than the ${options.maxBytes} this action reads` };
    // The size may grow between stat and read: read one byte past the bound to notice.
    const buffer = Buffer.alloc(Math.min(info.size, options.maxBytes) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > options.maxBytes) return { ok: false, failure: 'too-large', detail: `it has more than the ${options.maxBytes} bytes this action reads` };
    return { ok: true, real: resolved.real, text: buffer.subarray(0, filled).toString('utf8') };
  } catch (error) {
    return { ok: false, failure: 'unreadable', detail: `it cannot be read (${errnoCode(error)})` };
  } finally {
    await handle.close();
  }
}
