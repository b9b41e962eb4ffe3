// Bounded concurrency for independent go invocations (one per module of a workspace): each
// `go mod download` spends most of its time starting up and waiting on the network, so a few at
// once finish a many-module workspace several times faster, while the bound keeps a 2,000-module
// checkout from starting 2,000 processes. The go command locks the module cache itself, so
// concurrent runs are safe.

import os from 'node:os';

/** Runs at a time: enough to overlap start-up and network waits, few enough for a 2-core runner. */
export function defaultConcurrency(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(2, Math.min(8, cores * 2));
}

/** fn over every item, at most `limit` at once; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker()));
  return results;
}
