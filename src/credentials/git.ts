// Running git: bounded in time, never prompting, with the job's environment (HOME,
// GIT_CONFIG_GLOBAL, ...) so it reads and writes the configuration the go command's git will use.
// A timeout kills the whole process tree: `git ls-remote` runs the transport as a child
// (git-remote-https), which inherits stderr and would keep the pipes, and so the step, open.

import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

export interface GitRun {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** git itself could not be started (not installed). */
  missing: boolean;
}

/**
 * Environment for a git child that must never wait for a human: no terminal prompt, no askpass
 * program (an empty GIT_ASKPASS stops git from falling back to core.askPass / SSH_ASKPASS), no
 * Git Credential Manager dialog, ssh in batch mode.
 */
export function nonInteractiveGitEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GCM_INTERACTIVE: 'never',
    GIT_SSH_COMMAND: env['GIT_SSH_COMMAND'] || 'ssh -o BatchMode=yes',
    // Messages are parsed; keep them in English.
    LANG: 'C',
    LC_ALL: 'C',
    LANGUAGE: '',
  };
}

type Spawn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface RunGitOptions {
  /** Whose way of killing a tree to use; default process.platform. */
  platform?: NodeJS.Platform;
  /** For tests: starts git and, on Windows, taskkill. */
  spawn?: Spawn;
}

/** What kills a process and all its descendants: taskkill on Windows, the process group elsewhere. */
export function treeKillCommand(pid: number, platform: NodeJS.Platform): { command: string; args: string[] } | { group: number } {
  if (platform === 'win32') return { command: 'taskkill', args: ['/pid', String(pid), '/T', '/F'] };
  return { group: pid };
}

function killTree(child: ChildProcess, platform: NodeJS.Platform, spawnFn: Spawn): void {
  if (child.pid === undefined) return;
  const how = treeKillCommand(child.pid, platform);
  try {
    if ('group' in how) process.kill(-how.group, 'SIGKILL');
    else spawnFn(how.command, how.args, { stdio: 'ignore', windowsHide: true }).on('error', () => child.kill('SIGKILL'));
  } catch {
    // The group is already gone (or was never made): kill the child itself.
    child.kill('SIGKILL');
  }
}

/** Output kept per stream; git's answers here are a few lines. */
const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

export function runGit(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number, options: RunGitOptions = {}): Promise<GitRun> {
  const platform = options.platform ?? process.platform;
  const spawnFn: Spawn = options.spawn ?? ((command, commandArgs, spawnOptions) => spawn(command, [...commandArgs], spawnOptions));
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      // Its own process group on POSIX, so a timeout can kill the transport helper with it.
      child = spawnFn('git', args, { env: nonInteractiveGitEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32', windowsHide: true });
    } catch (error) {
      resolve({ code: null, stdout: '', stderr: error instanceof Error ? error.message : String(error), timedOut: false, missing: false });
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    child.stdout?.on('data', (chunk: Buffer) => {
      if (outBytes < MAX_OUTPUT_BYTES) out.push(chunk);
      outBytes += chunk.length;
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (errBytes < MAX_OUTPUT_BYTES) err.push(chunk);
      errBytes += chunk.length;
    });
    let settled = false;
    let timedOut = false;
    const finish = (result: GitRun): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const collected = (code: number | null): GitRun => ({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut, missing: false });
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child, platform, spawnFn);
    }, timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') finish({ code: null, stdout: '', stderr: '', timedOut: false, missing: true });
      else finish({ ...collected(null), stderr: error.message });
    });
    child.on('exit', (code) => {
      // After a kill, a descendant the kill missed may still hold the pipes: do not wait for them.
      if (!timedOut) return;
      child.stdout?.destroy();
      child.stderr?.destroy();
      finish(collected(code));
    });
    child.on('close', (code) => finish(collected(code)));
  });
}
