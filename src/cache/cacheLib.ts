// The one door to @actions/cache.
//
// 1. Archive root. The library archives paths relative to GITHUB_WORKSPACE (tar -C) and resolves
//    path globs against the cwd. We point both at the archive root (GOMODCACHE's staging copy on
//    save, a staging directory on restore) for the duration of one call, so archives hold
//    `cache/download/...` whatever the OS or GOMODCACHE location, and the cache version (which
//    hashes the path strings) is identical everywhere (see key.ts). Calls are serialized: while
//    one runs, process.cwd() and GITHUB_WORKSPACE are the archive root, so callers must not run
//    other cwd-relative work concurrently.
// 2. Severity. The library logs service trouble itself, as ::error:: for 5xx and ::warning::
//    otherwise; a cache is optional, so those become plain log lines here and are returned to
//    the caller, which reports them once, as warnings (never errors, never a failed job).

import * as cache from '@actions/cache';
import * as core from '@actions/core';

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
  ms: number;
}

let queue: Promise<unknown> = Promise.resolve();

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

export function withArchiveRoot<T>(root: string, fn: () => Promise<T>): Promise<LibCall<T>> {
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
    try {
      process.env['GITHUB_WORKSPACE'] = root;
      process.chdir(root);
      value = await fn();
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    } finally {
      stdout.write = originalWrite as typeof stdout.write;
      try {
        process.chdir(prevCwd);
      } catch {
        // the previous cwd vanished: stay where we are
      }
      if (prevWorkspace === undefined) delete process.env['GITHUB_WORKSPACE'];
      else process.env['GITHUB_WORKSPACE'] = prevWorkspace;
    }
    return { value, messages, infos, debug, error, ms: Date.now() - started };
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

export async function restoreFromService(root: string, paths: string[], key: string, restoreKeys: string[], crossOs: boolean, lookupOnly = false): Promise<LibCall<string | undefined>> {
  core.debug(`cache restore: root=${root} paths=${paths.join(',')} key=${key} restoreKeys=${restoreKeys.join(',')} lookupOnly=${lookupOnly}`);
  return withArchiveRoot(root, () => cache.restoreCache(paths, key, restoreKeys, { lookupOnly }, crossOs));
}

export async function saveToService(root: string, paths: string[], key: string, crossOs: boolean): Promise<LibCall<number>> {
  core.debug(`cache save: root=${root} paths=${paths.join(',')} key=${key}`);
  return withArchiveRoot(root, () => cache.saveCache(paths, key, undefined, crossOs));
}
