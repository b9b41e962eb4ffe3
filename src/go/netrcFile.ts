// Which .netrc the go command reads, which files the action must write so that both the go
// command and git (through curl) read its entries, and a bounded read of those files.
//
// The go command (cmd/go/internal/auth/netrc.go netrcPath): $NETRC when set; else the home
// directory of os.UserHomeDir (USERPROFILE on Windows, HOME elsewhere) with `.netrc`; on Windows
// go 1.23 and older read `_netrc` only, go 1.24 and newer read `_netrc` when it exists (os.Stat
// succeeds), else `.netrc`. A netrc that exists but cannot be read is ignored by go 1.23 and an
// error for go 1.24 (GOAUTH=netrc).
//
// curl (lib/netrc.c Curl_parsenetrc), which git uses for https remotes: never $NETRC; the home is
// HOME (on Windows USERPROFILE when HOME is unset; Git for Windows sets HOME itself); it reads
// `<home>/.netrc`, and on Windows falls back to `<home>/_netrc` when `.netrc` is missing or has
// no entry for the host.

import { constants, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import nodePath from 'node:path';
import { parseNetrc, type NetrcEntry } from './netrc.js';

export interface NetrcLookup {
  /** Default process.platform. */
  platform?: NodeJS.Platform;
  /** The go in use, e.g. 'go1.23.5'; null or absent = unknown, read as the current rule (1.24+). */
  goVersion?: string | null;
  /** Whether a path exists (go's os.Stat succeeds); default a real stat. */
  exists?: (file: string) => boolean;
}

function pathApi(platform: NodeJS.Platform): nodePath.PlatformPath {
  return platform === 'win32' ? nodePath.win32 : nodePath.posix;
}

function statExists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

/** The variable holding the home directory the go command uses on this platform. */
export function homeVariable(platform: NodeJS.Platform = process.platform): 'USERPROFILE' | 'HOME' {
  return platform === 'win32' ? 'USERPROFILE' : 'HOME';
}

/** go 1.24 changed the Windows rule; null = unknown. */
function goReadsDotNetrcOnWindows(goVersion: string | null | undefined): boolean {
  const match = goVersion === null || goVersion === undefined ? null : /^go(\d+)\.(\d+)/.exec(goVersion);
  if (match === null) return true;
  const major = Number(match[1]);
  return major > 1 || Number(match[2]) >= 24;
}

/** The file the go command reads; null when neither NETRC nor the home variable is set. */
export function netrcPath(env: NodeJS.ProcessEnv, lookup: NetrcLookup | NodeJS.Platform = {}): string | null {
  const options: NetrcLookup = typeof lookup === 'string' ? { platform: lookup } : lookup;
  const platform = options.platform ?? process.platform;
  if (env['NETRC']) return env['NETRC'];
  const home = env[homeVariable(platform)];
  if (!home) return null;
  const join = pathApi(platform).join;
  if (platform !== 'win32') return join(home, '.netrc');
  const legacy = join(home, '_netrc');
  if (!goReadsDotNetrcOnWindows(options.goVersion) || (options.exists ?? statExists)(legacy)) return legacy;
  return join(home, '.netrc');
}

/**
 * Every file the action writes its block to, so the go command and git's curl both find it:
 * the go command's file, plus on Windows `.netrc` when that exists beside it (curl reads
 * `.netrc` first, so a stale entry there would win for git). When neither file exists on
 * Windows, `_netrc` is created: every go version and curl (its fallback) read it.
 */
export function netrcWriteTargets(env: NodeJS.ProcessEnv, lookup: NetrcLookup = {}): string[] {
  const platform = lookup.platform ?? process.platform;
  const goFile = netrcPath(env, lookup);
  if (goFile === null) return [];
  if (env['NETRC'] || platform !== 'win32') return [goFile];
  const exists = lookup.exists ?? statExists;
  const home = env[homeVariable(platform)] as string;
  const dotNetrc = pathApi(platform).join(home, '.netrc');
  const legacy = pathApi(platform).join(home, '_netrc');
  if (!exists(dotNetrc) && !exists(legacy)) return [legacy];
  return goFile === dotNetrc ? [dotNetrc] : exists(dotNetrc) ? [legacy, dotNetrc] : [legacy];
}

/** Far above any real netrc (curl refuses files over 128 KiB); a bound on what is read. */
export const NETRC_MAX_BYTES = 1024 * 1024;

export type NetrcFileRead =
  | { kind: 'missing' }
  | { kind: 'ok'; bytes: Buffer }
  /** Exists but is no regular readable file of a sane size: `reason` says why, `fix` what to do. */
  | { kind: 'unusable'; reason: string; fix: string };

/**
 * Reads a netrc without ever blocking (a FIFO) or reading without end (a device), and without
 * throwing: a directory, a path under a file (NETRC=/etc/passwd/x), a permission error or a
 * huge file come back as `unusable` with the reason.
 */
export async function readNetrcFile(file: string, platform: NodeJS.Platform = process.platform): Promise<NetrcFileRead> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | (platform === 'win32' ? 0 : constants.O_NONBLOCK));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOENT') return { kind: 'missing' };
    if (code === 'ENOTDIR') return { kind: 'unusable', reason: `${file} cannot exist: a directory in its path is a file (ENOTDIR)`, fix: `Point NETRC at a file in a directory (e.g. $RUNNER_TEMP/netrc), or unset it to use the file in ${homeVariable(platform)}.` };
    if (code === 'EISDIR') return isDirectory(file, platform);
    return { kind: 'unusable', reason: `${file} cannot be opened (${code})`, fix: `Make ${file} readable and writable by the runner's user, or point NETRC at another file.` };
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return isDirectory(file, platform);
    if (!info.isFile()) return { kind: 'unusable', reason: `${file} is not a regular file (a FIFO, socket or device)`, fix: `Replace ${file} with a regular file, or point NETRC at one.` };
    if (info.size > NETRC_MAX_BYTES) return { kind: 'unusable', reason: `${file} has ${info.size} bytes, more than the ${NETRC_MAX_BYTES} a netrc may have here`, fix: `Trim ${file}, or point NETRC at a smaller file.` };
    const buffer = Buffer.alloc(info.size + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > NETRC_MAX_BYTES) return { kind: 'unusable', reason: `${file} grew past ${NETRC_MAX_BYTES} bytes while it was read`, fix: `Trim ${file}.` };
    return { kind: 'ok', bytes: buffer.subarray(0, filled) };
  } catch (error) {
    return { kind: 'unusable', reason: `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, fix: `Make ${file} readable by the runner's user, or point NETRC at another file.` };
  } finally {
    await handle.close();
  }
}

function isDirectory(file: string, platform: NodeJS.Platform): NetrcFileRead {
  return { kind: 'unusable', reason: `${file} is a directory`, fix: `Remove the directory ${file} (the go command 1.24+ fails with "could not parse netrc" while it is one), or point NETRC at a file${platform === 'win32' ? '' : ' (e.g. NETRC=$RUNNER_TEMP/netrc)'}.` };
}

/** The entries the go command reads (its file, found as above); [] when there is none or it is unusable. */
export async function readNetrc(env: NodeJS.ProcessEnv, lookup: NetrcLookup = {}): Promise<NetrcEntry[]> {
  const file = netrcPath(env, lookup);
  if (file === null) return [];
  const read = await readNetrcFile(file, lookup.platform);
  return read.kind === 'ok' ? parseNetrc(read.bytes.toString('utf8')) : [];
}
