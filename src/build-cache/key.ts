// Build-cache keys (pure).
//
//   <prefix>-b2-<GOOS>-<GOARCH>-<Go version>-<output hash>-<job>-<GOMODCACHE hash>-<run id>-<attempt>
//
// Everything before the run suffix says which caches can serve this job: the same target, the
// exact toolchain (compiled packages of another Go are never reused), the same settings that
// change outputs (GOFLAGS, CGO_ENABLED, GOAMD64 ..., the build-cache-key words), the same job,
// and the same GOMODCACHE path: Go hashes each package's directory into its cache key unless
// -trimpath is set, so a module cache at another path misses every dependency. The suffix makes
// each run's save a new entry (a build cache changes every run); restores take the newest entry
// of the prefix. Matrix legs over GOOS/GOARCH or Go versions thus get one line of caches each.

import { keySegment, shortHash } from '../cache/keys.js';

export const DEFAULT_BUILD_KEY_PREFIX = 'setup-goproxy-gobuild';

/** Bumped when what a build-cache archive holds (or how) changes incompatibly. b2: entries are archived aged (entries.ts stageEntries). */
export const BUILD_LAYOUT_TAG = 'b2';

/** The path handed to @actions/cache: the whole staging tree (subdirectories 00-ff and the marker files). */
export const BUILD_ARCHIVE_PATHS: readonly string[] = ['.'];

export interface BuildKeyInput {
  prefix: string;
  goos: string;
  goarch: string;
  goVersion: string;
  /** Output-changing settings, name -> value (order does not matter). */
  outputs: Readonly<Record<string, string>>;
  /** build-cache-key words, normalised. */
  words: string;
  /** GITHUB_JOB. */
  job: string;
  gomodcache: string;
  /** run id + attempt (keys.ts runSuffix). */
  runSuffix: string;
}

export interface BuildKeys {
  key: string;
  restorePrefix: string;
  /** The hash of the output-changing settings and words (shown in the summary). */
  outputHash: string;
}

/** Order-independent hash of the settings and the words. */
export function outputHash(outputs: Readonly<Record<string, string>>, words: string): string {
  const lines = Object.keys(outputs).sort().map((name) => `${name}=${outputs[name] ?? ''}\n`);
  return shortHash(`${lines.join('')}words=${words}\n`, 12);
}

export function buildCacheKeys(input: BuildKeyInput): BuildKeys {
  const prefix = input.prefix.replace(/-+$/, '');
  const hash = outputHash(input.outputs, input.words);
  const restorePrefix = [
    prefix, BUILD_LAYOUT_TAG, keySegment(input.goos, 16), keySegment(input.goarch, 16), keySegment(input.goVersion, 40), hash,
    keySegment(input.job || 'job', 64), shortHash(input.gomodcache, 8),
  ].join('-') + '-';
  return { key: `${restorePrefix}${input.runSuffix}`, restorePrefix, outputHash: hash };
}
