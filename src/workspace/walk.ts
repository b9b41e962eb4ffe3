// One bounded directory walk for everything that searches the checkout (go.mod files, cache
// dependency files): breadth-first, in a stable order, never following symbolic links to
// directories (the go command ignores them too, and it rules out loops), and stopping after a
// fixed number of entries so a huge checkout cannot stall the step.

import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

export interface WalkOptions {
  /** Directory entries (files and directories) read before the walk gives up. */
  maxEntries: number;
  /** Whether to descend into a directory with this name. */
  descend: (name: string) => boolean;
  onUnreadable?: (dir: string, error: unknown) => void;
}

export interface WalkEntry {
  dir: string;
  abs: string;
  dirent: Dirent;
}

/** Calls `visit` for every entry that is not a directory; returns whether the walk was cut short. */
export async function walkTree(root: string, options: WalkOptions, visit: (entry: WalkEntry) => void | Promise<void>): Promise<{ truncated: boolean }> {
  const queue: string[] = [root];
  let seen = 0;
  // An index instead of shift(): shift moves the whole queue, which is quadratic in directories.
  for (let next = 0; next < queue.length; next++) {
    const dir = queue[next] as string;
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      options.onUnreadable?.(dir, error);
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const dirent of entries) {
      if (++seen > options.maxEntries) return { truncated: true };
      const abs = path.join(dir, dirent.name);
      if (dirent.isDirectory()) {
        if (options.descend(dirent.name)) queue.push(abs);
      } else {
        await visit({ dir, abs, dirent });
      }
    }
  }
  return { truncated: false };
}
