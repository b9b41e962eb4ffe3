// Stopping the loopback proxy from the post step, and saying how it went.
//
// The proxy is asked first (its stop endpoint, which needs the token from the state): that proves
// the process at that port is ours, returns its counters, and lets it exit cleanly on every
// platform. Only then, or when it does not answer but its command line names our config file, is
// it killed by pid. A pid alone is never enough: Windows reuses process ids quickly, so a dead
// proxy's pid may belong to another process by the time the post step runs.

import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Problem } from '../problems.js';
import { controlRequest } from './control.js';
import type { ProxyStats } from './log.js';
import { decodeLocalProxyState, type LocalProxyState } from './state.js';

export interface ProcessTools {
  isAlive(pid: number): boolean;
  /** Forceful: SIGKILL on POSIX, TerminateProcess on Windows. */
  kill(pid: number): void;
  /** The process's command line, or null when it cannot be read (or the process is gone). */
  commandLine(pid: number): Promise<string | null>;
}

type Exec = (file: string, args: string[]) => Promise<{ stdout: string }>;

const execFileAsync = promisify(execFile);
const defaultExec: Exec = (file, args) => execFileAsync(file, args, { timeout: 10_000, windowsHide: true });

export function processTools(platform: NodeJS.Platform, exec: Exec = defaultExec, readText: (file: string) => Promise<string> = (file) => readFile(file, 'utf8')): ProcessTools {
  return {
    isAlive(pid) {
      try {
        process.kill(pid, 0);
        return true;
      } catch (error) {
        // EPERM: it exists, but belongs to someone else.
        return (error as NodeJS.ErrnoException).code === 'EPERM';
      }
    },
    kill(pid) {
      try {
        process.kill(pid, platform === 'win32' ? 'SIGTERM' : 'SIGKILL');
      } catch {
        // already gone
      }
    },
    async commandLine(pid) {
      try {
        if (platform === 'linux') {
          const text = (await readText(`/proc/${pid}/cmdline`)).split('\0').join(' ').trim();
          return text === '' ? null : text;
        }
        const { stdout } =
          platform === 'win32'
            ? await exec('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', `(Get-CimInstance Win32_Process -Filter "ProcessId=${pid}").CommandLine`])
            : await exec('ps', ['-o', 'command=', '-p', String(pid)]);
        const text = stdout.trim();
        return text === '' ? null : text;
      } catch {
        return null;
      }
    },
  };
}

export interface StopOptions {
  platform: NodeJS.Platform;
  tools?: ProcessTools;
  controlTimeoutMs?: number;
  exitWaitMs?: number;
}

export type StopOutcome = 'not-started' | 'stopped' | 'killed' | 'unresponsive' | 'died' | 'unreadable-state';

export interface StopResult {
  outcome: StopOutcome;
  stats: ProxyStats | null;
  /** Lines for the post step's log. */
  lines: string[];
  problems: Problem[];
}

async function waitUntilGone(tools: ProcessTools, pid: number, waitMs: number): Promise<boolean> {
  const until = Date.now() + waitMs;
  while (tools.isAlive(pid)) {
    if (Date.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

function parseStats(body: string): ProxyStats | null {
  try {
    const value = JSON.parse(body) as ProxyStats;
    return typeof value.requests === 'number' ? value : null;
  } catch {
    return null;
  }
}

async function logTail(file: string, count: number): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(-count)
    .map((line) => (line.length > 300 ? `${line.slice(0, 299)}…` : line));
}

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(0)} MiB`;
}

export function describeStats(stats: ProxyStats): string {
  const parts = [`${stats.requests} request${stats.requests === 1 ? '' : 's'}`];
  const routes = [`${stats.bridged} bridged`, ...(stats.servingModules ? [`${stats.servedFromCache} from the module cache`, `${stats.fellThrough} from the job's GOPROXY`] : [])];
  parts.push(`(${routes.join(', ')})`);
  const statuses = Object.entries(stats.byStatus).filter(([, count]) => count > 0).map(([bucket, count]) => `${bucket} ${count}`);
  return `${parts.join(' ')}${statuses.length === 0 ? '' : `, ${statuses.join(' / ')}`}, ${stats.errors} error${stats.errors === 1 ? '' : 's'}, peak memory ${mib(stats.maxRssBytes)}`;
}

export async function stopLocalProxy(stateText: string, options: StopOptions): Promise<StopResult> {
  if (stateText === '') return { outcome: 'not-started', stats: null, lines: [], problems: [] };
  const state = decodeLocalProxyState(stateText);
  if (state === null) {
    return {
      outcome: 'unreadable-state',
      stats: null,
      lines: [],
      problems: [{ severity: 'warning', code: 'LOCAL_PROXY_STOP_FAILED', message: 'The saved state of the loopback proxy is unreadable: it was not stopped by the post step (the runner stops it when the job ends).', fix: 'This is a bug in the action: please report it.' }],
    };
  }
  const tools = options.tools ?? processTools(options.platform);
  const where = `the loopback proxy (pid ${state.pid}, http://127.0.0.1:${state.port})`;
  const problems: Problem[] = [];
  const lines: string[] = [];

  let stats: ProxyStats | null = null;
  try {
    const answer = await controlRequest(state.port, state.token, 'stop', undefined, options.controlTimeoutMs ?? 5000);
    if (answer.status === 200) stats = parseStats(answer.body);
  } catch {
    stats = null;
  }

  let outcome: StopOutcome;
  if (stats !== null) {
    outcome = (await waitUntilGone(tools, state.pid, options.exitWaitMs ?? 5000)) ? 'stopped' : 'killed';
    if (outcome === 'killed') {
      tools.kill(state.pid);
      await waitUntilGone(tools, state.pid, 2000);
    }
    lines.push(`setup-goproxy: ${where}: ${describeStats(stats)}; ${outcome === 'stopped' ? 'stopped' : 'killed after it did not exit'}.`);
    if (stats.errors > 0) {
      for (const error of stats.recentErrors.slice(-10)) lines.push(`  error: ${error}`);
      problems.push({
        severity: 'warning',
        code: 'LOCAL_PROXY_ERRORS',
        message: `${where} could not get ${stats.errors} answer${stats.errors === 1 ? '' : 's'} from upstream; the last: ${stats.recentErrors[stats.recentErrors.length - 1] ?? 'unknown'}`,
        fix: 'See the errors in the post step\'s log; the probe in the main step reports the same failure classes with their fixes.',
      });
    }
  } else {
    const tail = await logTail(state.logFile, 5);
    const alive = tools.isAlive(state.pid);
    const ours = alive && ((await tools.commandLine(state.pid)) ?? '').includes(state.configFile);
    if (ours) {
      tools.kill(state.pid);
      await waitUntilGone(tools, state.pid, 3000);
      outcome = 'unresponsive';
      problems.push({
        severity: 'warning',
        code: 'LOCAL_PROXY_UNRESPONSIVE',
        message: `${where} did not answer the post step, so it was killed; go commands that used it may have hung or failed.${tail.length === 0 ? '' : ` Its log ends with: ${tail.join(' | ')}`}`,
        fix: 'Re-run the job; if it happens again, report it with this log.',
      });
    } else {
      outcome = 'died';
      problems.push({
        severity: 'warning',
        code: 'LOCAL_PROXY_DIED',
        message: `${where} was not running when the post step started: go commands after it ended failed with "connection refused" for that URL.${tail.length === 0 ? '' : ` Its log ends with: ${tail.join(' | ')}`}`,
        fix: 'Check whether a step killed background processes or the runner ran out of memory; otherwise report it with this log.',
      });
    }
    lines.push(`setup-goproxy: ${where} ${outcome === 'died' ? 'had died before the post step' : 'did not answer and was killed'}.`);
  }

  // The config file is normally gone already (the proxy deletes it once read); the log goes too.
  try {
    await rm(state.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  } catch (error) {
    problems.push({ severity: 'warning', code: 'LOCAL_PROXY_STOP_FAILED', message: `The loopback proxy's directory ${state.dir} could not be removed (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, fix: 'Delete it by hand on a self-hosted runner; on hosted runners RUNNER_TEMP is emptied after the job.' });
  }
  return { outcome, stats, lines, problems };
}

export type { LocalProxyState };
