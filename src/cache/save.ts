// Save from a staging tree. A matrix sibling that already saved the key is found by a lookup
// BEFORE the archive is built (no tar, no upload, no reservation wait) and is an info line; a
// race lost at reservation time is confirmed by a second lookup and is an info line too. Every
// other refusal is a warning, never an error.

import { archiveBytesFrom, restoreFromService, saveToService, type LibMessage } from './cacheLib.js';
import { archivePaths, type CacheLayout } from './key.js';

export interface SaveInput {
  staging: string;
  layout: CacheLayout;
  key: string;
  crossOs: boolean;
}

export type SaveResultKind = 'saved' | 'exists' | 'raced' | 'denied' | 'failed';

export interface SaveOutcome {
  kind: SaveResultKind;
  message: string;
  archiveBytes: number | null;
  ms: number;
  messages: LibMessage[];
}

/** True when an entry with exactly this key (and our version) exists. */
export async function keyExists(staging: string, layout: CacheLayout, key: string, crossOs: boolean): Promise<{ exists: boolean; messages: LibMessage[] }> {
  const call = await restoreFromService(staging, archivePaths(layout), key, [], crossOs, true);
  return { exists: call.value === key, messages: call.messages };
}

export async function saveModuleCache(input: SaveInput): Promise<SaveOutcome> {
  const started = Date.now();
  const before = await keyExists(input.staging, input.layout, input.key, input.crossOs);
  if (before.exists) {
    return { kind: 'exists', message: `Cache ${input.key} already exists (saved by another job, e.g. a matrix sibling); not saving again.`, archiveBytes: null, ms: Date.now() - started, messages: [] };
  }
  const call = await saveToService(input.staging, archivePaths(input.layout), input.key, input.crossOs);
  // A failed lookup is not fatal (the save may still work) but is worth reporting with the rest.
  call.messages.unshift(...before.messages);
  const bytes = archiveBytesFrom(call.infos);
  const ms = (): number => Date.now() - started;
  if (call.error !== null) return { kind: 'failed', message: `Saving cache ${input.key} failed: ${call.error}`, archiveBytes: bytes, ms: ms(), messages: call.messages };
  if (typeof call.value === 'number' && call.value !== -1) {
    return { kind: 'saved', message: `Saved cache ${input.key}.`, archiveBytes: bytes, ms: ms(), messages: call.messages };
  }
  if (call.infos.some((l) => l.includes('does not permit writes')) || call.messages.some((m) => /write denied/i.test(m.message))) {
    // Expected on fork pull requests (read-only token) and with ACTIONS_CACHE_MODE=read: not a warning.
    const why = call.messages.map((m) => m.message).join('; ') || "the job's cache mode (ACTIONS_CACHE_MODE) does not permit writes";
    return { kind: 'denied', message: `Not saved: ${why}.`, archiveBytes: null, ms: ms(), messages: [] };
  }
  if (call.messages.length === 0 && call.infos.some((l) => l.includes('Unable to reserve cache'))) {
    // v2 reports every reservation failure (a 409 as much as a dead service) this way; the 409
    // itself is only in a debug line (v1 puts it in the info line). The winner may still be uploading, so a lookup would not
    // find the entry yet: the 409 is the evidence.
    if ([...call.debug, ...call.infos].some((l) => /\(409\)|already_exists|already exists/i.test(l))) {
      return { kind: 'raced', message: `Cache ${input.key} is being saved by another job at the same time (e.g. a matrix sibling); nothing to do.`, archiveBytes: bytes, ms: ms(), messages: [] };
    }
    const after = await keyExists(input.staging, input.layout, input.key, input.crossOs);
    if (after.exists) {
      return { kind: 'raced', message: `Cache ${input.key} was saved by another job at the same time; nothing to do.`, archiveBytes: bytes, ms: ms(), messages: [] };
    }
    return { kind: 'failed', message: `Could not reserve cache ${input.key}: the cache service refused or did not answer.`, archiveBytes: bytes, ms: ms(), messages: [...call.messages, ...after.messages] };
  }
  const detail = call.messages.map((m) => m.message).join('; ');
  return { kind: 'failed', message: `Saving cache ${input.key} failed${detail ? `: ${detail}` : ''}.`, archiveBytes: bytes, ms: ms(), messages: call.messages };
}
