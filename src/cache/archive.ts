// Restore and save of one archive through @actions/cache, for every cache the action keeps: the
// lookup and the transfer each run under a deadline, and what the library reports (in log lines
// and annotations whose level depends on how it was bundled) becomes one typed outcome.
//
// Restore is a lookup first, then the download of exactly the key found. The split bounds the
// small request tightly (a hung service costs a minute, not the transfer deadline) and tells a
// corrupt entry (downloaded, then not extractable) from a service failure: a corrupt entry stays
// the first match of its key for ever, so the caller must save a replacement under a new key.
//
// Save checks whether the key exists before the archive is built (a matrix sibling saved it:
// no tar, no upload), and a reservation lost to a sibling saving at the same moment (409) is
// recognised in whatever form the library reports it:
//  - v2: ReserveCacheError "Unable to reserve cache with key K, another job may be creating this
//    cache." with the 409 only in a debug line ("Failed to reserve cache: ... (409) Conflict");
//  - v1: the same error with "More details: Cache already exists. ..." from the 409's body.
// The library logs that error at info level only when its class name survived bundling (it
// compares `error.name` with `ReserveCacheError.name`, which a bundler may rename); otherwise
// it is a warning. Both levels are accepted here, and the bundle keeps names (bundle-options).

import { excerpt } from '../report/bounds.js';
import { archiveBytesFrom, lookupInService, restoreFromService, saveToService, type LibCall, type LibMessage, type ServiceDeadlines } from './cacheLib.js';

export type RestoreFailureKind = 'timeout' | 'service' | 'corrupt';

export interface ArchiveRestoreInput {
  /** Empty directory the archive is extracted into. */
  root: string;
  paths: string[];
  /** Primary key first, then restore keys (each an exact key or a prefix). */
  keys: string[];
  crossOs: boolean;
  deadlines: ServiceDeadlines;
}

export interface ArchiveRestoreOutcome {
  /** The key restored; null on a miss or a failure. */
  matchedKey: string | null;
  /** Set when an entry was found but could not be restored (or the lookup failed). */
  failure: { kind: RestoreFailureKind; key: string | null; message: string } | null;
  archiveBytes: number | null;
  /** Service trouble the library reported, for warnings (empty when `failure` already says it). */
  messages: LibMessage[];
  ms: number;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

function libraryText(call: LibCall<unknown>): string {
  const text = [...call.messages.map((m) => m.message), ...(call.error === null ? [] : [call.error])].join('; ');
  return excerpt(text.replace(/\s+/g, ' ').trim(), 500);
}

export async function restoreArchive(input: ArchiveRestoreInput): Promise<ArchiveRestoreOutcome> {
  const started = Date.now();
  const done = (rest: Omit<ArchiveRestoreOutcome, 'ms'>): ArchiveRestoreOutcome => ({ ...rest, ms: Date.now() - started });
  const lookup = await lookupInService(input.root, input.paths, input.keys, input.crossOs, input.deadlines);
  if (lookup.timedOut) {
    return done({ matchedKey: null, archiveBytes: null, messages: [], failure: { kind: 'timeout', key: null, message: `the cache service did not answer the lookup within ${seconds(input.deadlines.lookupMs)}` } });
  }
  const found = lookup.value ?? null;
  if (found === null) {
    const failed = lookup.messages.length > 0 || lookup.error !== null;
    return done({ matchedKey: null, archiveBytes: null, messages: [], failure: failed ? { kind: 'service', key: null, message: `the lookup failed: ${libraryText(lookup)}` } : null });
  }
  const call = await restoreFromService(input.root, input.paths, found, input.crossOs, input.deadlines);
  const bytes = archiveBytesFrom(call.infos);
  if (call.timedOut) {
    return done({ matchedKey: null, archiveBytes: bytes, messages: [], failure: { kind: 'timeout', key: found, message: `restoring ${found} did not finish within ${seconds(input.deadlines.transferMs)}` } });
  }
  if (call.value === found) return done({ matchedKey: found, archiveBytes: bytes, messages: call.messages, failure: null });
  // "Cache Size" is printed once the archive is downloaded, before tar runs: a failure after it
  // is the archive itself.
  const downloaded = bytes !== null && !call.infos.some((line) => line.includes('Cache restored successfully'));
  if (downloaded) {
    return done({ matchedKey: null, archiveBytes: bytes, messages: [], failure: { kind: 'corrupt', key: found, message: `the archive of ${found} was downloaded but cannot be extracted (${libraryText(call) || 'tar failed'})` } });
  }
  if (call.value === undefined && call.messages.length === 0 && call.error === null) {
    // Deleted between the lookup and the download (or evicted): a plain miss.
    return done({ matchedKey: null, archiveBytes: null, messages: [], failure: null });
  }
  return done({ matchedKey: null, archiveBytes: bytes, messages: [], failure: { kind: 'service', key: found, message: `downloading ${found} failed: ${libraryText(call)}` } });
}

export type SaveResultKind = 'saved' | 'exists' | 'raced' | 'denied' | 'timeout' | 'failed';

export interface ArchiveSaveInput {
  /** The tree to archive (paths are relative to it). */
  root: string;
  paths: string[];
  key: string;
  crossOs: boolean;
  deadlines: ServiceDeadlines;
}

export interface ArchiveSaveOutcome {
  kind: SaveResultKind;
  message: string;
  archiveBytes: number | null;
  ms: number;
  /** Service trouble to report as warnings (empty for saved/exists/raced/denied). */
  messages: LibMessage[];
}

/** True when an entry with exactly this key (and our version) exists; null when the lookup failed. */
export async function keyExists(root: string, paths: string[], key: string, crossOs: boolean, deadlines: ServiceDeadlines): Promise<{ exists: boolean | null; messages: LibMessage[]; timedOut: boolean }> {
  const call = await lookupInService(root, paths, [key], crossOs, deadlines);
  if (call.timedOut) return { exists: null, messages: [], timedOut: true };
  return { exists: call.value === key ? true : call.messages.length > 0 ? null : false, messages: call.messages, timedOut: false };
}

const RESERVE_FAILED = /Unable to reserve cache with key/;
const WRITE_DENIED = /cache write denied|does not permit writes/i;
const ALREADY_EXISTS = /\(409\)|already_exists|already exists/i;

/** What the library's lines say about a save that returned -1 (pure). */
export function classifySaveFailure(call: Pick<LibCall<unknown>, 'messages' | 'infos' | 'debug' | 'error'>): { kind: 'denied' | 'reserve-conflict' | 'reserve-failed' | 'failed'; detail: string; messages: LibMessage[] } {
  const texts = [...call.infos, ...call.messages.map((m) => m.message)];
  const denied = texts.find((t) => WRITE_DENIED.test(t));
  if (denied !== undefined) return { kind: 'denied', detail: denied.replace(/^Failed to save: /, ''), messages: [] };
  if (texts.some((t) => RESERVE_FAILED.test(t))) {
    // The reservation error itself is not service trouble to warn about: drop it, keep the rest.
    const rest = call.messages.filter((m) => !RESERVE_FAILED.test(m.message));
    const conflict = [...texts, ...call.debug].some((t) => (RESERVE_FAILED.test(t) || /Failed to reserve cache/.test(t)) && ALREADY_EXISTS.test(t));
    if (conflict) return { kind: 'reserve-conflict', detail: '', messages: rest };
    const reason = [...call.debug].reverse().find((t) => t.startsWith('Failed to reserve cache:'));
    return { kind: 'reserve-failed', detail: reason === undefined ? '' : excerpt(reason.replace(/^Failed to reserve cache: (?:Error: )?/, ''), 300), messages: rest };
  }
  return { kind: 'failed', detail: excerpt([...call.messages.map((m) => m.message), ...(call.error === null ? [] : [call.error])].join('; '), 500), messages: call.messages };
}

export async function saveArchive(input: ArchiveSaveInput): Promise<ArchiveSaveOutcome> {
  const started = Date.now();
  const ms = (): number => Date.now() - started;
  const before = await keyExists(input.root, input.paths, input.key, input.crossOs, input.deadlines);
  if (before.timedOut) {
    return { kind: 'timeout', message: `Not saved: the cache service did not answer the lookup of ${input.key} within ${seconds(input.deadlines.lookupMs)}.`, archiveBytes: null, ms: ms(), messages: [] };
  }
  if (before.exists === true) {
    return { kind: 'exists', message: `Cache ${input.key} already exists (saved by another job, e.g. a matrix sibling); not saving again.`, archiveBytes: null, ms: ms(), messages: [] };
  }
  const call = await saveToService(input.root, input.paths, input.key, input.crossOs, input.deadlines);
  const bytes = archiveBytesFrom(call.infos);
  if (call.timedOut) {
    return { kind: 'timeout', message: `Not saved: saving ${input.key} did not finish within ${seconds(input.deadlines.transferMs)}.`, archiveBytes: bytes, ms: ms(), messages: [] };
  }
  if (call.error !== null) return { kind: 'failed', message: `Saving cache ${input.key} failed: ${excerpt(call.error, 500)}`, archiveBytes: bytes, ms: ms(), messages: [...before.messages, ...call.messages] };
  if (typeof call.value === 'number' && call.value !== -1) {
    return { kind: 'saved', message: `Saved cache ${input.key}.`, archiveBytes: bytes, ms: ms(), messages: [...before.messages, ...call.messages] };
  }
  const failure = classifySaveFailure(call);
  if (failure.kind === 'denied') {
    // Expected on fork pull requests (read-only token) and with ACTIONS_CACHE_MODE=read: not a warning.
    return { kind: 'denied', message: `Not saved: ${failure.detail.replace(/\.$/, '')}.`, archiveBytes: null, ms: ms(), messages: [] };
  }
  if (failure.kind === 'reserve-conflict') {
    // The winner may still be uploading, so a lookup would not find the entry yet: the 409 is the evidence.
    return { kind: 'raced', message: `Cache ${input.key} is being saved by another job at the same time (e.g. a matrix sibling); nothing to do.`, archiveBytes: bytes, ms: ms(), messages: [] };
  }
  if (failure.kind === 'reserve-failed') {
    const after = await keyExists(input.root, input.paths, input.key, input.crossOs, input.deadlines);
    if (after.exists === true) {
      return { kind: 'raced', message: `Cache ${input.key} was saved by another job at the same time; nothing to do.`, archiveBytes: bytes, ms: ms(), messages: [] };
    }
    const why = failure.detail === '' ? 'the cache service refused or did not answer' : failure.detail;
    return { kind: 'failed', message: `Could not reserve cache ${input.key}: ${why}.`, archiveBytes: bytes, ms: ms(), messages: [...before.messages, ...failure.messages, ...after.messages] };
  }
  return { kind: 'failed', message: `Saving cache ${input.key} failed${failure.detail ? `: ${failure.detail}` : ''}.`, archiveBytes: bytes, ms: ms(), messages: [...before.messages, ...failure.messages] };
}
