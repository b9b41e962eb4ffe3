// go.sum files as the pre-warm's shopping list (pure). A module builds with -mod=readonly only
// when its go.sum holds a hash for every zip and go.mod the build needs, so the union of the
// go.sum files of many modules lists everything their builds fetch: one go invocation can
// download it for all of them (batch.ts) instead of one `go mod download` per module.
//
// Line format (cmd/go/internal/modfetch/fetch.go, readGoSum): "<path> <version>[/go.mod] <hash>",
// fields separated by white space; blank lines are allowed; anything else makes go refuse the
// file ("malformed go.sum"), so such a file is left to go itself (`null` here).

/** "path version" (the zip) or "path version/go.mod" -> hash, for one go.sum. */
export type SumEntries = Map<string, string>;

/** Parses one go.sum in one pass; null when a line is malformed (go reports it in its own words). */
export function parseGoSum(text: string): SumEntries | null {
  const entries: SumEntries = new Map();
  for (const raw of text.split('\n')) {
    const fields = raw.trim().split(/[ \t]+/);
    if (fields.length === 1 && fields[0] === '') continue;
    if (fields.length !== 3) return null;
    const [modulePath, version, hash] = fields as [string, string, string];
    // Entries become go's arguments (batch.ts): a path that starts with '-' would be read as a
    // flag, and no real module path or version does (module.CheckPath; versions start with v).
    if (modulePath.startsWith('-') || !version.startsWith('v')) return null;
    const key = `${modulePath} ${version}`;
    const known = entries.get(key);
    // The same line twice is fine; two hashes for one file is go's error to report.
    if (known !== undefined && known !== hash) return null;
    entries.set(key, hash);
  }
  return entries;
}

export interface SumUnion {
  /** Every entry of the accepted files. */
  entries: SumEntries;
  /** Indexes of the files accepted into the union. */
  accepted: number[];
  /** Indexes of files left out: malformed, or a hash that disagrees with an accepted file's. */
  refused: number[];
}

/** The union of several go.sum files; a file that contradicts the union so far is refused whole. */
export function unionGoSums(files: ReadonlyArray<SumEntries | null>): SumUnion {
  const entries: SumEntries = new Map();
  const accepted: number[] = [];
  const refused: number[] = [];
  for (const [index, file] of files.entries()) {
    if (file === null) {
      refused.push(index);
      continue;
    }
    let agrees = true;
    for (const [key, hash] of file) {
      const known = entries.get(key);
      if (known !== undefined && known !== hash) {
        agrees = false;
        break;
      }
    }
    if (!agrees) {
      refused.push(index);
      continue;
    }
    for (const [key, hash] of file) entries.set(key, hash);
    accepted.push(index);
  }
  return { entries, accepted, refused };
}

export interface SumWants {
  /** path@version of every zip listed: `go mod download` fetches zip, .mod and .info. */
  zips: string[];
  /** path@version listed only for its go.mod (module-graph nodes): `go list -m` fetches .mod and .info. */
  goModsOnly: string[];
}

const GO_MOD_SUFFIX = '/go.mod';

/** What to fetch for a set of entries, sorted. */
export function sumWants(entries: SumEntries): SumWants {
  const zips = new Set<string>();
  const goMods = new Set<string>();
  for (const key of entries.keys()) {
    const space = key.indexOf(' ');
    const modulePath = key.slice(0, space);
    const version = key.slice(space + 1);
    if (version.endsWith(GO_MOD_SUFFIX)) goMods.add(`${modulePath}@${version.slice(0, -GO_MOD_SUFFIX.length)}`);
    else zips.add(`${modulePath}@${version}`);
  }
  return { zips: [...zips].sort(), goModsOnly: [...goMods].filter((m) => !zips.has(m)).sort() };
}

/** path@version of every entry of one file (zip or go.mod), for matching failures to files. */
export function moduleVersionsOf(entries: SumEntries): Set<string> {
  const out = new Set<string>();
  for (const key of entries.keys()) {
    const space = key.indexOf(' ');
    const version = key.slice(space + 1);
    out.add(`${key.slice(0, space)}@${version.endsWith(GO_MOD_SUFFIX) ? version.slice(0, -GO_MOD_SUFFIX.length) : version}`);
  }
  return out;
}

/**
 * Splits arguments into runs of at most `maxItems` and `maxChars` characters (spaces included):
 * a Windows command line holds 32,767 characters, and one go run per few hundred modules keeps
 * the runs concurrent.
 */
export function chunkArgs(args: readonly string[], maxChars = 24_000, maxItems = 500): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const arg of args) {
    if (current.length > 0 && (current.length >= maxItems || chars + arg.length + 1 > maxChars)) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(arg);
    chars += arg.length + 1;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
