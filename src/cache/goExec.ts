// Running the go command for the cache phase: a hard timeout (the go command has none for
// network reads, go-semantics §3) that kills the whole process group (git children of a direct
// fetch included), and an environment where GOFLAGS cannot break module commands.

import { spawn } from 'node:child_process';
import { splitQuoted } from '../go/goflags.js';

export interface GoRun {
  code: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

const MAX_OUTPUT = 64 * 1024 * 1024;

export function runGoCommand(binary: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string, timeoutMs: number): Promise<GoRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const posix = process.platform !== 'win32';
    const child = spawn(binary, [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: posix, windowsHide: true });
    const kill = (): void => {
      try {
        // detached => the child leads its own group: -pid reaches go and whatever it started.
        if (posix && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    child.stdout.on('data', (c: Buffer) => {
      if (stdout.length < MAX_OUTPUT) stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      if (stderr.length < MAX_OUTPUT) stderr += c.toString('utf8');
    });
    const finish = (code: number): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut, ms: Date.now() - started });
    };
    child.on('error', (error) => {
      stderr += `${error.message}\n`;
      finish(127);
    });
    child.on('close', (code) => finish(timedOut ? 124 : (code ?? 1)));
  });
}

/**
 * GOFLAGS without -mod=...: `go mod download`/`graph` have no use for it, and -mod=mod is an
 * error in workspace mode on some Go versions. Other flags (-modcacherw, -tags, ...) stay. An
 * unparsable value is left alone so go reports it in its own words.
 */
export function sanitizeGoflags(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return value;
  const split = splitQuoted(value);
  if (!split.ok) return value;
  const kept = split.fields.filter((f) => !/^--?mod(=|$)/.test(f));
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
