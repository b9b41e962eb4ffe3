// What the caches report, shared by the module cache and the build cache: size and time
// formatting for the summary, and the warnings for cache-service trouble and corrupt entries.

import type { Problem } from '../problems.js';
import type { ArchiveRestoreOutcome } from './archive.js';
import type { LibMessage } from './cacheLib.js';

export const SERVICE_TROUBLE_FIX = 'Cache trouble never fails the job; if it persists, check the repository\'s cache usage (Actions → Caches) and https://www.githubstatus.com/.';

export function formatBytes(n: number | null): string {
  if (n === null) return '–';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 * 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  return `${(n / (1024 * 1024 * 1024)).toFixed(2)} GiB`;
}

export function formatSeconds(ms: number | null): string {
  return ms === null ? '–' : `${(ms / 1000).toFixed(1)} s`;
}

/** The library's own service warnings, once, as one warning. */
export function serviceProblems(messages: readonly LibMessage[], code: string, what: string): Problem[] {
  if (messages.length === 0) return [];
  return [{ severity: 'warning', code, message: `${what}: ${[...new Set(messages.map((m) => m.message))].join('; ')}`, fix: SERVICE_TROUBLE_FIX }];
}

/** One warning for a failed restore, saying what happens next and, for a corrupt entry, how to get out. */
export function restoreFailureProblem(what: string, failure: NonNullable<ArchiveRestoreOutcome['failure']>, next: string, codes: { failed: string; corrupt: string }): Problem {
  if (failure.kind === 'corrupt') {
    return {
      severity: 'warning',
      code: codes.corrupt,
      message: `The ${what} entry ${failure.key ?? ''} is corrupt: ${failure.message}. ${next}`,
      fix: `To remove it at once: gh cache delete '${failure.key ?? ''}' (or Actions → Caches in the repository), or change the cache key prefix.`,
    };
  }
  return { severity: 'warning', code: codes.failed, message: `Restoring the ${what} failed (${failure.message}); continuing without it.`, fix: SERVICE_TROUBLE_FIX };
}
