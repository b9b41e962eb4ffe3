// Restore of the module cache (restoreInto.ts does the staging and the merge): extracted module
// directories (`path@version`) are moved or kept whole, since Go writes them atomically.

import type { ServiceDeadlines } from '../cacheLib.js';
import type { MergeOptions } from '../merge.js';
import { restoreInto, type RestoreIntoOutcome } from '../restoreInto.js';
import { archivePaths, type CacheLayout } from './key.js';

export interface RestoreInput {
  gomodcache: string;
  layout: CacheLayout;
  /** The primary key (what a hit means). */
  key: string;
  /** Every key to look up, in order (replacements of a corrupt entry first, the key, the prefix). */
  lookupKeys: string[];
  crossOs: boolean;
  deadlines: ServiceDeadlines;
  /** For tests: injected rename/sleep for the merge. */
  merge?: Pick<MergeOptions, 'rename' | 'sleep'>;
}

export interface RestoreOutcome extends RestoreIntoOutcome {
  hit: 'true' | 'partial' | 'false';
}

/** An exact hit is the key itself or a replacement saved under `<key>-<run>` after the entry was found corrupt. */
export function hitKind(key: string, matched: string | null): RestoreOutcome['hit'] {
  if (matched === null) return 'false';
  return matched === key || matched.startsWith(`${key}-`) ? 'true' : 'partial';
}

/** An extracted module directory (`path@version`): Go writes it atomically, so if present it is complete. */
export function isModuleDir(name: string): boolean {
  return name.includes('@');
}

export async function restoreModuleCache(input: RestoreInput): Promise<RestoreOutcome> {
  const restored = await restoreInto({
    dir: input.gomodcache, paths: archivePaths(input.layout), keys: input.lookupKeys, crossOs: input.crossOs, deadlines: input.deadlines,
    atomicDir: isModuleDir, ...(input.merge === undefined ? {} : { merge: input.merge }),
  });
  return { ...restored, hit: hitKind(input.key, restored.matchedKey) };
}
