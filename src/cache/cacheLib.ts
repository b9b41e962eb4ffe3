// The one door to @actions/cache.
//
// 1. Archive root. The library archives paths relative to GITHUB_WORKSPACE (tar -C) and resolves
//    path globs against the cwd. We point both at the archive root (a staging tree on save, a
//    staging directory on restore) for the duration of one call, so archives hold relative paths
//    whatever the OS or cache location, and the cache version (which hashes the path strings) is
//    identical everywhere (see key.ts). The root is realpath'd first: process.cwd() reports the
//    physical path after a chdir, so a root under a symlink (macOS /tmp, /var, $TMPDIR) would
//    otherwise make every archive path `../../private/...` and every save fail. Calls are
//    serialized: while one runs, process.cwd() and GITHUB_WORKSPACE are the archive root, so
//    callers must not run other cwd-relative work concurrently.
// 2. Severity. The library logs service trouble itself, as ::error:: for 5xx and ::warning::
//    otherwise; a cache is optional, so those become plain log lines here and are returned to
//    the caller, which reports them once, as warnings (never errors, never a failed job).
// 3. Deadline. The library sets no timeout on its service requests: a service that accepts the
//    connection and never answers would hold the step forever. Each call has a deadline; when it
//    passes, the sockets the call opened (attributed to it through AsyncLocalStorage, seen through
//    the net.client.socket diagnostics channel) are destroyed, which makes the library give up
//    with a network error, and the caller goes on without the cache.

import * as cache from '@actions/cache';
import * as core from '@actions/core';
import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import { realpath } from 'node:fs/promises';
import type { Socket } from 'node:net';

export interface LibMessage {
  level: 'error' | 'warning' | 'notice';
  message: string;
}

export interface LibCall<T> {
  value: T | undefined;
  /** Annotations the library tried to emit (shown as plain lines instead). */
  messages: LibMessage[];
  /** Plain lines the library printed. */
  infos: string[];
  /** Its ::debug:: lines (they carry the service's real answer, e.g. a 409, when the info line does not). */
  debug: string[];
  /** A thrown error (validation errors; the library swallows service errors itself). */
  error: string | null;
  /** The deadline passed before the library finished; `value` is then undefined. */
  timedOut: boolean;
  ms: number;
}

/** How long one library call may take (both bound the whole call, requests and transfer). */
export interface ServiceDeadlines {
  /** A lookup (restore with lookupOnly): one small request, retried by the library on 5xx for about 30 s. */
  lookupMs: number;
  /** A restore or save with its transfer. */
  transferMs: number;
}

export const DEFAULT_DEADLINES: ServiceDeadlines = { lookupMs: 90_000, transferMs: 15 * 60_000 };

/** After the deadline, how long the library gets to unwind once its sockets are gone (v1 sleeps 5 s twice around its retry) before we go on regardless. */
const UNWIND_GRACE_MS = 15_000;

interface CallContext {
  sockets: Set<Socket>;
  abandoned: boolean;
}

const callContext = new AsyncLocalStorage<CallContext>();
let subscribed = false;

function trackSockets(): void {
  if (subscribed) return;
  subscribed = true;
  // Runs synchronously inside net.connect, so the store is the context of whoever connected.
  subscribe('net.client.socket', (message) => {
    const context = callContext.getStore();
    const socket = (message as { socket?: Socket }).socket;
    if (context === undefined || socket === undefined) return;
    if (context.abandoned) {
      // Not now: net.connect() publishes before it calls socket.connect(), which revives a
      // socket destroyed this early.
      process.nextTick(() => socket.destroy());
      return;
    }
    context.sockets.add(socket);
    socket.once('close', () => context.sockets.delete(socket));
  });
}

let queue: Promise<unknown> = Promise.resolve();

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

async function physical(dir: string): Promise<string> {
  try {
    return await realpath(dir);
  } catch {
    return dir;
  }
}

export function withArchiveRoot<T>(root: string, deadlineMs: number, fn: () => Promise<T>): Promise<LibCall<T>> {
  trackSockets();
  const run = async (): Promise<LibCall<T>> => {
    const started = Date.now();
    const messages: LibMessage[] = [];
    const infos: string[] = [];
    const debug: string[] = [];
    const prevCwd = process.cwd();
    const prevWorkspace = process.env['GITHUB_WORKSPACE'];
    const originalWrite = process.stdout.write;
    const stdout = process.stdout as NodeJS.WriteStream & { write: (...args: unknown[]) => boolean };
    stdout.write = (...args: unknown[]): boolean => {
      const chunk = args[0];
      const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : null;
      if (text === null) return (originalWrite as (...a: unknown[]) => boolean).apply(process.stdout, args);
      const out: string[] = [];
      for (const line of text.split(/\r?\n/)) {
        if (line === '') continue;
        const m = /^::(error|warning|notice)(?: [^:]*)?::(.*)$/.exec(line);
        if (m) {
          const message = unescapeData(m[2] as string);
          messages.push({ level: m[1] as LibMessage['level'], message });
          out.push(`cache service: ${message}`);
        } else {
          if (line.startsWith('::debug::')) debug.push(unescapeData(line.slice('::debug::'.length)));
          else if (!line.startsWith('::')) infos.push(line);
          out.push(line);
        }
      }
      if (out.length === 0) return true;
      return (originalWrite as (...a: unknown[]) => boolean).call(process.stdout, `${out.join('\n')}\n`);
    };
    let value: T | undefined;
    let error: string | null = null;
    let timedOut = false;
    const context: CallContext = { sockets: new Set(), abandoned: false };
    let timer: NodeJS.Timeout | undefined;
    try {
      const physicalRoot = await physical(root);
      process.env['GITHUB_WORKSPACE'] = physicalRoot;
      process.chdir(physicalRoot);
      const call = callContext.run(context, () => fn());
      const deadline = new Promise<'deadline'>((resolve) => {
        timer = setTimeout(() => resolve('deadline'), deadlineMs);
      });
      const first = await Promise.race([call.then((v) => ({ v }), (e: unknown) => ({ e })), deadline]);
      if (first === 'deadline') {
        timedOut = true;
        context.abandoned = true;
        for (const socket of context.sockets) socket.destroy();
        // Let the library unwind inside the archive root (it may still be about to write there).
        const grace = new Promise<void>((resolve) => setTimeout(resolve, UNWIND_GRACE_MS).unref());
        await Promise.race([call.then(() => undefined, () => undefined), grace]);
      } else if ('e' in first) {
        error = first.e instanceof Error ? first.e.message : String(first.e);
      } else {
        value = first.v;
      }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      stdout.write = originalWrite as typeof stdout.write;
      try {
        process.chdir(prevCwd);
      } catch {
        // the previous cwd vanished: stay where we are
      }
      if (prevWorkspace === undefined) delete process.env['GITHUB_WORKSPACE'];
      else process.env['GITHUB_WORKSPACE'] = prevWorkspace;
    }
    return { value, messages, infos, debug, error, timedOut, ms: Date.now() - started };
  };
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

export function cacheServiceAvailable(): boolean {
  try {
    return cache.isFeatureAvailable();
  } catch {
    return false;
  }
}

/** "Cache Size: ~12 MB (12345678 B)" printed by the library on restore and save. */
export function archiveBytesFrom(infos: readonly string[]): number | null {
  for (const line of infos) {
    const m = /Cache Size: ~\d+ MB \((\d+) B\)/.exec(line);
    if (m) return Number(m[1]);
  }
  return null;
}

export async function lookupInService(root: string, paths: string[], keys: readonly string[], crossOs: boolean, deadlines: ServiceDeadlines): Promise<LibCall<string | undefined>> {
  const [key = '', ...restoreKeys] = keys;
  core.debug(`cache lookup: root=${root} paths=${paths.join(',')} keys=${keys.join(',')}`);
  return withArchiveRoot(root, deadlines.lookupMs, () => cache.restoreCache(paths, key, restoreKeys, { lookupOnly: true }, crossOs));
}

/** Downloads and extracts exactly `key` into root. */
export async function restoreFromService(root: string, paths: string[], key: string, crossOs: boolean, deadlines: ServiceDeadlines): Promise<LibCall<string | undefined>> {
  core.debug(`cache restore: root=${root} paths=${paths.join(',')} key=${key}`);
  return withArchiveRoot(root, deadlines.transferMs, () => cache.restoreCache(paths, key, [], undefined, crossOs));
}

export async function saveToService(root: string, paths: string[], key: string, crossOs: boolean, deadlines: ServiceDeadlines): Promise<LibCall<number>> {
  core.debug(`cache save: root=${root} paths=${paths.join(',')} key=${key}`);
  return withArchiveRoot(root, deadlines.transferMs, () => cache.saveCache(paths, key, undefined, crossOs));
}
