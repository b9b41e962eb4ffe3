// Key rules shared by the caches (pure): what @actions/cache accepts, and the per-run suffix.

import { createHash } from 'node:crypto';

/**
 * @actions/cache's key rules (at most 512 characters, no commas) plus headroom for what the
 * action appends, and a character set that reads the same in every log, shell and URL: letters,
 * digits, '.', '_' and '-' (no spaces, control characters, `$(...)` or '/').
 */
export function validateKeyPrefix(prefix: string, maxChars = 200): string | null {
  if (prefix === '') return 'the cache key prefix is empty';
  if (prefix.length > maxChars) return `it is ${prefix.length} characters long; at most ${maxChars} leave room for the rest of the key within the 512 characters keys may have`;
  if (prefix.includes(',')) return 'cache keys cannot contain commas';
  for (const c of prefix) {
    if (!/[A-Za-z0-9._-]/.test(c)) return `it contains ${JSON.stringify(c)}; use only letters, digits, '.', '_' and '-'`;
  }
  return null;
}

/** Short hex digest for a key segment that would be too long or carry characters keys cannot (a path). */
export function shortHash(text: string, chars = 12): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, chars);
}

/** A free-form value (a job id, a Go version) as a key segment: letters, digits, . _ and - only, bounded. */
export function keySegment(value: string, maxChars = 64): string {
  let out = '';
  for (const c of value) {
    if (out.length >= maxChars) break;
    out += /[A-Za-z0-9._-]/.test(c) ? c : '_';
  }
  return out === '' ? '_' : out;
}

/** `<run id>-<run attempt>` (GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT), or a time stamp outside Actions: unique per job run. */
export function runSuffix(env: NodeJS.ProcessEnv, now: () => number = Date.now): string {
  const id = /^\d{1,20}$/.test(env['GITHUB_RUN_ID'] ?? '') ? (env['GITHUB_RUN_ID'] as string) : `t${now()}`;
  const attempt = /^\d{1,6}$/.test(env['GITHUB_RUN_ATTEMPT'] ?? '') ? (env['GITHUB_RUN_ATTEMPT'] as string) : '1';
  return `${id}-${attempt}`;
}

/** The key a replacement of the corrupt entry `key` is saved under. */
export function replacementKey(key: string, env: NodeJS.ProcessEnv): string {
  return `${key}-${runSuffix(env)}`;
}
