// Starting the loopback proxy from the main step: a detached process that outlives the step, with
// its configuration in a 0600 file inside a fresh 0700 directory of RUNNER_TEMP, its stderr in
// a log file there, and a deadline for its ready line.
//
// Platforms: `detached` makes the child its own process group (POSIX: a new session, so the
// runner's end-of-step handling of main's process group does not touch it) or, on Windows, its
// own console, hidden with windowsHide. Nothing relies on process groups to stop it: the post step
// asks it to stop and, if needed, kills it by pid (stop.ts). File modes are POSIX-only; on
// Windows RUNNER_TEMP is private to the runner's user, and the proxy deletes the config file as
// soon as it has read it on every platform.

import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_VERSION, type LocalProxyConfig } from './config.js';
import { FAILED_PREFIX, READY_PREFIX } from './readyLine.js';

export interface ProxyCommand {
  /** The node binary. */
  file: string;
  /** Arguments before the config file: the script (dist/proxy.js), or a loader and the TS entry in tests. */
  args: string[];
  /** Working directory; default RUNNER_TEMP (never the workspace, which Windows would then keep open). */
  cwd?: string;
}

export type LaunchConfig = Omit<LocalProxyConfig, 'version' | 'token' | 'logFile'>;

export interface LaunchOptions {
  runnerTemp: string;
  config: LaunchConfig;
  command: ProxyCommand;
  readyTimeoutMs: number;
  /** The environment to start from; only the variables in PASSED_ENV reach the proxy. */
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
}

export interface LaunchedProxy {
  pid: number;
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  token: string;
  dir: string;
  configFile: string;
  logFile: string;
}

export class LocalProxyStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalProxyStartError';
  }
}

/**
 * What the proxy inherits: enough to run node on each platform, and RUNNER_TRACKING_ID (the runner
 * kills processes carrying it when the job ends, should the post step not run). Nothing else: the
 * step's INPUT_* variables hold the client key, ACTIONS_RUNTIME_TOKEN the cache service token.
 */
export const PASSED_ENV = ['PATH', 'SystemRoot', 'windir', 'TEMP', 'TMP', 'TMPDIR', 'HOME', 'USERPROFILE', 'LANG', 'LC_ALL', 'RUNNER_TRACKING_ID'];

export function proxyEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const wanted = new Set(PASSED_ENV.map((name) => name.toLowerCase()));
  // Windows names are case-insensitive (Path, SYSTEMROOT): keep them as spelled.
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && wanted.has(entry[0].toLowerCase())));
}

/**
 * Node flags for the proxy process, for its memory (measured by npm run bench:proxy): undici
 * parses HTTP with a WebAssembly module, and optimising it with TurboFan costs ~30 MiB of peak
 * memory for no gain in a proxy that is network-bound, so only the baseline compiler runs it; a
 * 1 MiB young generation lets V8 collect the relayed chunks' wrappers (and free their buffers)
 * every few MB instead of letting tens of MB of them pile up.
 */
export const PROXY_NODE_FLAGS = ['--liftoff-only', '--max-semi-space-size=1'];

export function proxySpawnOptions(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, cwd: string, logFd: number): SpawnOptions {
  return {
    cwd,
    env: proxyEnvironment(env),
    detached: true,
    stdio: ['ignore', 'pipe', logFd],
    ...(platform === 'win32' ? { windowsHide: true } : {}),
  };
}

/** The ready line's port, or the failure line's message, from the proxy's stdout. */
export function readyLine(line: string): { port: number } | { failed: string } | null {
  if (line.startsWith(READY_PREFIX)) {
    const port = Number(line.slice(READY_PREFIX.length).trim());
    return Number.isInteger(port) && port > 0 && port <= 65535 ? { port } : { failed: 'an unreadable ready line' };
  }
  if (line.startsWith(FAILED_PREFIX)) return { failed: line.slice(FAILED_PREFIX.length).trim().slice(0, 500) };
  return null;
}

function waitForReady(child: ChildProcess, timeoutMs: number): Promise<{ port: number } | { failed: string }> {
  return new Promise((resolve) => {
    let buffered = '';
    let settled = false;
    const settle = (outcome: { port: number } | { failed: string }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => settle({ failed: `it did not report ready within ${timeoutMs / 1000} s` }), timeoutMs);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      buffered = (buffered + chunk).slice(-65536);
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const outcome = readyLine(buffered.slice(0, newline).replace(/\r$/, ''));
        buffered = buffered.slice(newline + 1);
        if (outcome !== null) settle(outcome);
        newline = buffered.indexOf('\n');
      }
    });
    child.on('error', (error) => settle({ failed: `it could not be started (${error.message})` }));
    child.on('exit', (code, signal) => settle({ failed: `it exited before it was ready (${signal === null ? `exit code ${code}` : `signal ${signal}`})` }));
  });
}

function exited(child: ChildProcess, waitMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, waitMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function logTail(file: string, lines: number): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line.trim() !== '').slice(-lines).join(' | ').slice(-600);
}

export async function launchLocalProxy(options: LaunchOptions): Promise<LaunchedProxy> {
  const dir = await mkdtemp(path.join(options.runnerTemp, 'setup-goproxy-proxy-'));
  const configFile = path.join(dir, 'config.json');
  const logFile = path.join(dir, 'proxy.log');
  const token = randomBytes(24).toString('hex');
  const config: LocalProxyConfig = { version: CONFIG_VERSION, token, logFile, ...options.config };
  let child: ChildProcess | null = null;
  try {
    await writeFile(configFile, JSON.stringify(config), { mode: 0o600, flag: 'wx' });
    const log = await open(logFile, 'a', 0o600);
    try {
      child = spawn(options.command.file, [...PROXY_NODE_FLAGS, ...options.command.args, configFile], proxySpawnOptions(options.platform, options.env, options.command.cwd ?? options.runnerTemp, log.fd));
    } finally {
      // The child has its own copy of the descriptor.
      await log.close();
    }
    const outcome = await waitForReady(child, options.readyTimeoutMs);
    if ('failed' in outcome) {
      const tail = await logTail(logFile, 3);
      throw new LocalProxyStartError(`The loopback proxy did not start: ${outcome.failed}.${tail === '' ? '' : ` Its log ends with: ${tail}`}`);
    }
    if (child.pid === undefined) throw new LocalProxyStartError('The loopback proxy did not start: no process id');
    // Main may now exit: stop reading the ready pipe and do not wait for the child.
    child.stdout?.destroy();
    child.unref();
    return { pid: child.pid, port: outcome.port, url: `http://127.0.0.1:${outcome.port}`, token, dir, configFile, logFile };
  } catch (error) {
    if (child !== null && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited(child, 3000);
    }
    // The config file holds the key: never leave it behind.
    await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
    if (error instanceof LocalProxyStartError) throw error;
    throw new LocalProxyStartError(`The loopback proxy did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}
