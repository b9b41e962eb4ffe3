// Running the go command for the cache phases: a hard timeout (the go command has none for
// network reads, go-semantics §3) that kills the whole process tree, and an environment where
// GOFLAGS cannot break module commands.
//
// The tree matters: go starts git for direct fetches and, with GOTOOLCHAIN switching, a whole
// second go. On POSIX the child leads its own process group and the group is killed. On Windows
// there are no groups: `taskkill /T /F` kills the tree, and since a grandchild that survived
// anyway (or one that inherited the pipes before it was killed) keeps them open, 'close' may
// never come: after a kill the run ends on 'exit', with the pipes destroyed.

import { spawn, type ChildProcess } from 'node:child_process';
import { splitQuoted } from '../go/goflags.js';

export interface GoRun {
  code: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

export interface RunOptions {
  /** For tests of other platforms' code paths; default process.platform. */
  platform?: NodeJS.Platform;
  /** How to run `taskkill` (Windows); injectable so the tree kill is tested where it cannot run. */
  spawnTaskkill?: (args: string[]) => void;
}

const MAX_OUTPUT = 64 * 1024 * 1024;

/** After a kill: how long to wait for 'close' once 'exit' came (a grandchild may hold the pipes for ever). */
const PIPE_GRACE_MS = 500;
/** After a normal exit: how long the rest of the output may take to arrive. */
const EXIT_GRACE_MS = 5_000;

/** The command that kills a process and all its descendants on Windows. */
export function windowsTreeKillArgs(pid: number): string[] {
  return ['/PID', String(pid), '/T', '/F'];
}

function defaultTaskkill(args: string[]): void {
  try {
    const killer = spawn('taskkill', args, { stdio: 'ignore', windowsHide: true });
    killer.on('error', () => undefined);
    killer.unref();
  } catch {
    // no taskkill: child.kill below still ends go itself
  }
}

/** Kills `child` and what it started: the process group on POSIX, the tree (taskkill /T) on Windows. */
export function killProcessTree(child: ChildProcess, platform: NodeJS.Platform, spawnTaskkill: (args: string[]) => void = defaultTaskkill): void {
  if (platform === 'win32') {
    if (child.pid !== undefined) spawnTaskkill(windowsTreeKillArgs(child.pid));
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
    return;
  }
  try {
    // detached => the child leads its own group: -pid reaches go and whatever it started.
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

export function runGoCommand(binary: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string, timeoutMs: number, options: RunOptions = {}): Promise<GoRun> {
  const started = Date.now();
  const platform = options.platform ?? process.platform;
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    let pipeTimer: NodeJS.Timeout | undefined;
    const posix = platform !== 'win32';
    const child = spawn(binary, [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: posix, windowsHide: true });
    const timer = setTimeout(() => {
      timedOut = true;
      killProcessTree(child, platform, options.spawnTaskkill);
    }, timeoutMs);
    child.stdout?.on('data', (c: Buffer) => {
      if (stdout.length < MAX_OUTPUT) stdout += c.toString('utf8');
    });
    child.stderr?.on('data', (c: Buffer) => {
      if (stderr.length < MAX_OUTPUT) stderr += c.toString('utf8');
    });
    const finish = (code: number): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (pipeTimer !== undefined) clearTimeout(pipeTimer);
      resolve({ code, stdout, stderr, timedOut, ms: Date.now() - started });
    };
    child.on('error', (error) => {
      stderr += `${error.message}\n`;
      finish(127);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      // Do not wait for ever on pipes a surviving grandchild may hold open: not at all after a
      // kill, a few seconds for the rest of the output otherwise.
      pipeTimer = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish(timedOut ? 124 : (code ?? 1));
      }, timedOut ? PIPE_GRACE_MS : EXIT_GRACE_MS);
    });
    child.on('close', (code) => finish(timedOut ? 124 : (code ?? 1)));
  });
}

/**
 * GOFLAGS without -mod=...: `go mod download`/`graph` have no use for it, and -mod=mod is an
 * error in workspace mode on some Go versions. Other flags (-modcacherw, -tags, ...) stay; `drop`
 * names more flags to leave out. An unparsable value is left alone so go reports it in its own words.
 */
export function sanitizeGoflags(value: string | undefined, drop: readonly string[] = ['mod']): string | undefined {
  if (value === undefined || value.trim() === '') return value;
  const split = splitQuoted(value);
  if (!split.ok) return value;
  const kept = split.fields.filter((f) => {
    const name = f.replace(/^--?/, '').split('=')[0] ?? '';
    return !(f.startsWith('-') && drop.includes(name));
  });
  return kept.map((f) => (/[\s'"]/.test(f) ? (f.includes("'") ? `"${f}"` : `'${f}'`) : f)).join(' ');
}

/** The job env for module commands: GOTOOLCHAIN as the job has it, GOFLAGS sanitized, no prompts. */
export function moduleCommandEnv(env: NodeJS.ProcessEnv, overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  const goflags = sanitizeGoflags(env['GOFLAGS']);
  if (goflags === undefined || goflags === '') delete out['GOFLAGS'];
  else out['GOFLAGS'] = goflags;
  // A credential prompt would hang until the timeout; fail fast instead (as in CI anyway).
  out['GIT_TERMINAL_PROMPT'] = '0';
  return { ...out, ...overrides };
}
