// Running git: bounded in time, never prompting, with the job's environment (HOME,
// GIT_CONFIG_GLOBAL, ...) so it reads and writes the configuration the go command's git will use.

import { execFile } from 'node:child_process';

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

export function runGit(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<GitRun> {
  return new Promise((resolve) => {
    const child = execFile(
      'git',
      [...args],
      { env: nonInteractiveGitEnv(env), timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        const err = error as (NodeJS.ErrnoException & { killed?: boolean; code?: number | string }) | null;
        if (err !== null && err.code === 'ENOENT') {
          resolve({ code: null, stdout: '', stderr: '', timedOut: false, missing: true });
          return;
        }
        const timedOut = err !== null && err.killed === true && child.exitCode === null;
        resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : (child.exitCode ?? null), stdout: String(stdout), stderr: String(stderr), timedOut, missing: false });
      },
    );
    // Nothing is ever typed into git.
    child.stdin?.end();
  });
}
