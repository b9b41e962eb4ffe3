// What the saved build cache holds (pure): the entries this job used or created, and nothing
// else, so the cache stays the size of one job's working set instead of growing with every run.
//
// Right after the restore every entry was aged to `agedMs` (entries.ts ageEntries); go gives an
// entry it uses a fresh mtime (cmd/go/internal/cache: used() when the mtime is over an hour old,
// and every new entry gets the current time), so an entry is used when its mtime is at or after
// `usedSinceMs`, the moment the aging finished. Kept besides: the output file each kept action
// names (go may read an action without touching its output, e.g. to compare build IDs), so no
// kept action points at a missing output. An output that no kept action names is unreachable.

import type { CacheEntry } from './entries.js';

export interface TrimInput {
  entries: readonly CacheEntry[];
  usedSinceMs: number;
  /** Entry names that came from the restored archive (empty after a miss). */
  restored: ReadonlySet<string>;
  /** action entry name -> the output entry it names. */
  outputsOf: ReadonlyMap<string, string>;
}

export interface TrimPlan {
  /** Entry names to archive, sorted. */
  keep: string[];
  /** Restored entries left out (unused by this job). */
  trimmed: number;
  /** Restored entries kept. */
  usedRestored: number;
  /** Kept entries the archive did not have (built by this job, or already in GOCACHE before the restore). */
  added: number;
  keepBytes: number;
  /** Same entries as the restored archive: saving would upload the same bytes again. */
  unchanged: boolean;
}

export function planTrim(input: TrimInput): TrimPlan {
  const byName = new Map(input.entries.map((e) => [e.name, e]));
  const used = input.entries.filter((e) => e.mtimeMs >= input.usedSinceMs).map((e) => e.name);
  const keep = new Set<string>();
  for (const name of used) if (name.endsWith('-a')) keep.add(name);
  for (const action of [...keep]) {
    const output = input.outputsOf.get(action);
    if (output !== undefined && byName.has(output)) keep.add(output);
    // An action whose output is gone is a guaranteed miss: not worth archiving.
    else keep.delete(action);
  }
  let keepBytes = 0;
  let usedRestored = 0;
  for (const name of keep) {
    keepBytes += byName.get(name)?.size ?? 0;
    if (input.restored.has(name)) usedRestored++;
  }
  const added = keep.size - usedRestored;
  const trimmed = input.restored.size - usedRestored;
  return { keep: [...keep].sort(), trimmed, usedRestored, added, keepBytes, unchanged: input.restored.size > 0 && added === 0 && trimmed === 0 };
}
