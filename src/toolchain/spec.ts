// go-version specs as actions/setup-go reads them, and their resolution against a list of Go
// releases. Pure functions only.
//
// setup-go hands go-version to node-semver (src/installer.ts): `stable`/`oldstable` are the
// newest release line's and the previous line's newest patch release; an explicit semver
// (`1.22.5`, `1.25.0-rc.2`, `v1.22.5`) names one release; anything else is a semver range:
// `1.22` and `1.22.x` mean >=1.22.0 <1.23.0-0 (so `1.20` is the newest 1.20.x, not go1.20), `1`
// and `1.x` the newest 1.x, `^1.22`, `~1.22.1`, `>=1.21 <1.23`, `1.21 - 1.22`, `a || b`. Ranges
// resolve to the newest *stable* release that satisfies them (its manifest lookup is
// stable-only), and only when no stable release does, to the newest release of any kind, where
// semver's rule lets a pre-release satisfy a range only through a comparator with a pre-release
// of the same major.minor.patch (`>=1.26.0-rc.1` accepts 1.26.0-rc.2, `1.26` accepts no rc).
// Go's own spellings are accepted too where semver has none: `go1.22.5`, `1.21rc2`, `go1.23`.

import semver from 'semver';
import { InputError } from '../config/inputValues.js';
import { excerpt } from '../report/bounds.js';
import { compareGoVersions, parseGoVersion } from './version.js';

export type GoVersionSpec =
  | { kind: 'alias'; alias: 'stable' | 'oldstable'; text: string }
  /** One release. `version` in Go's spelling ("1.22.5", "1.25rc2"), `semver` in semver's. */
  | { kind: 'exact'; version: string; semver: string; text: string }
  /** A semver range; `range` is node-semver's normalised form. */
  | { kind: 'range'; range: string; text: string };

/** One release of the golang.org/toolchain list for the host platform. */
export interface ToolchainRelease {
  /** Go's spelling: "1.22.5", "1.25rc2". */
  go: string;
  /** node-semver's: "1.22.5", "1.25.0-rc.2" (the tool cache's folder names). */
  semver: string;
  stable: boolean;
}

/** node-semver refuses longer versions and ranges (internal/constants MAX_LENGTH). */
export const SPEC_MAX_LENGTH = 256;

const SPEC_HELP = 'Give a Go release (1.22.5, 1.25.0-rc.2, go1.22.5), a release line (1.22 or 1.22.x: its newest patch), a semver range (^1.22, ~1.22.1, >=1.21 <1.23), or stable / oldstable.';

/** "1.21rc2" -> "1.21.0-rc.2", "1.22.5" -> "1.22.5", "1.20" -> "1.20.0"; null for language versions ("1.22") and invalid text. */
export function goVersionToSemver(goVersion: string): string | null {
  const v = parseGoVersion(goVersion);
  if (v === null) return null;
  if (v.kind !== '') return `${v.major}.${v.minor}.${v.patch === '' ? '0' : v.patch}-${v.kind}.${v.pre === '' ? '0' : v.pre}`;
  if (v.patch === '') return null;
  return `${v.major}.${v.minor}.${v.patch}`;
}

/**
 * The Go release a semver names: "1.25.0-rc.2" -> "1.25rc2", "1.22.5" -> "1.22.5", "1.20.0" ->
 * "1.20" (before Go 1.21 a .0 release had no patch number); null when Go has no such release
 * spelling ("1.22.5-rc.1", "1.22.0-foo").
 */
export function semverToGoVersion(version: string): string | null {
  const parsed = semver.parse(version);
  if (parsed === null) return null;
  const { major, minor, patch, prerelease } = parsed;
  if (prerelease.length === 0) {
    const go = major === 1 && minor < 21 && patch === 0 ? `${major}.${minor}` : `${major}.${minor}.${patch}`;
    return parseGoVersion(go) === null ? null : go;
  }
  const [kind, number] = prerelease;
  if (patch !== 0 || prerelease.length !== 2 || typeof kind !== 'string' || typeof number !== 'number' || !/^[a-z]+$/.test(kind)) return null;
  const go = `${major}.${minor}${kind}${number}`;
  return parseGoVersion(go) === null ? null : go;
}

/**
 * Parses go-version (or a version file's text) as setup-go does. Throws InputError, quoting
 * `shown` (default: a short excerpt of `raw`).
 */
export function parseGoVersionSpec(raw: string, input = 'go-version', shown = excerpt(raw.trim())): GoVersionSpec {
  const text = raw.trim();
  if (text.length > SPEC_MAX_LENGTH) throw new InputError(input, shown, `it is longer than ${SPEC_MAX_LENGTH} characters`, SPEC_HELP);
  if (text === 'stable' || text === 'oldstable') return { kind: 'alias', alias: text, text };
  const fromSemver = semverSpec(text, text);
  if (fromSemver !== null) return checkExact(fromSemver, input, shown);
  // Go's spellings: a "go" prefix, and pre-releases without a patch number ("1.21rc2").
  const bare = text.startsWith('go') ? text.slice(2) : text;
  if (bare !== text) {
    const again = semverSpec(bare, text);
    if (again !== null) return checkExact(again, input, shown);
  }
  const go = parseGoVersion(bare);
  if (go !== null && go.kind !== '') {
    const asSemver = goVersionToSemver(bare);
    if (asSemver !== null) return { kind: 'exact', version: bare, semver: asSemver, text };
  }
  throw new InputError(input, shown, 'it is not a Go version, a version range or an alias this action understands', SPEC_HELP);
}

function semverSpec(candidate: string, text: string): GoVersionSpec | null {
  if (candidate === '' || semver.validRange(candidate) === null) return null;
  const explicit = semver.valid(semver.clean(candidate));
  if (explicit !== null) return { kind: 'exact', version: semverToGoVersion(explicit) ?? '', semver: explicit, text };
  return { kind: 'range', range: semver.validRange(candidate) ?? candidate, text };
}

function checkExact(spec: GoVersionSpec, input: string, shown: string): GoVersionSpec {
  if (spec.kind === 'exact' && spec.version === '') {
    throw new InputError(input, shown, `Go has no release ${spec.semver} (its pre-releases are N.M.0-beta.K and N.M.0-rc.K)`, SPEC_HELP);
  }
  return spec;
}

/**
 * The releases for `goos`/`goarch` in a golang.org/toolchain `@v/list` body: lines
 * "v0.0.1-go<version>.<goos>-<goarch>", in any order, one pass over the text (linear; no regex),
 * anything else ignored. Duplicates are dropped.
 */
export function parseToolchainList(body: string, goos: string, goarch: string): ToolchainRelease[] {
  const prefix = 'v0.0.1-go';
  const suffix = `.${goos}-${goarch}`;
  const seen = new Set<string>();
  const releases: ToolchainRelease[] = [];
  let start = 0;
  while (start < body.length) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    // The list has one version per line; proxies may add a timestamp after a space.
    let wordEnd = start;
    while (wordEnd < end && body.charCodeAt(wordEnd) > 32) wordEnd++;
    let wordStart = start;
    while (wordStart < wordEnd && body.charCodeAt(wordStart) <= 32) wordStart++;
    const word = body.slice(wordStart, wordEnd);
    start = end + 1;
    if (!word.startsWith(prefix) || !word.endsWith(suffix) || word.length <= prefix.length + suffix.length) continue;
    const go = word.slice(prefix.length, word.length - suffix.length);
    if (seen.has(go)) continue;
    const asSemver = goVersionToSemver(go);
    if (asSemver === null) continue;
    seen.add(go);
    releases.push({ go, semver: asSemver, stable: semver.prerelease(asSemver) === null });
  }
  return releases;
}

function newest(releases: readonly ToolchainRelease[], accept: (release: ToolchainRelease) => boolean): ToolchainRelease | null {
  let best: ToolchainRelease | null = null;
  for (const release of releases) if (accept(release) && (best === null || compareGoVersions(release.go, best.go) > 0)) best = release;
  return best;
}

/** `stable`: the newest release; `oldstable`: the newest patch of the release line before it. */
export function resolveAlias(alias: 'stable' | 'oldstable', releases: readonly ToolchainRelease[]): ToolchainRelease | null {
  const stable = newest(releases, (release) => release.stable);
  if (stable === null || alias === 'stable') return stable;
  const line = (release: ToolchainRelease): string => {
    const parsed = semver.parse(release.semver);
    return parsed === null ? '' : `${parsed.major}.${parsed.minor}`;
  };
  const newestLine = line(stable);
  let previousLine: ToolchainRelease | null = null;
  for (const release of releases) {
    if (!release.stable || line(release) === newestLine || compareGoVersions(release.go, stable.go) > 0) continue;
    if (previousLine === null || compareGoVersions(release.go, previousLine.go) > 0) previousLine = release;
  }
  return previousLine;
}

/** The release a spec resolves to in `releases` (setup-go's rules above), or null. */
export function resolveSpec(spec: GoVersionSpec, releases: readonly ToolchainRelease[]): ToolchainRelease | null {
  if (spec.kind === 'alias') return resolveAlias(spec.alias, releases);
  if (spec.kind === 'exact') return releases.find((release) => release.semver === spec.semver) ?? null;
  const range = new semver.Range(spec.range);
  return newest(releases, (release) => release.stable && range.test(release.semver)) ?? newest(releases, (release) => range.test(release.semver));
}

/** The newest `count` releases (newest first), for error messages. */
export function newestReleases(releases: readonly ToolchainRelease[], count: number): string[] {
  return [...releases]
    .sort((a, b) => compareGoVersions(b.go, a.go))
    .slice(0, Math.max(0, count))
    .map((release) => release.go);
}

/** How the README and the summary describe a spec. */
export function describeSpec(spec: GoVersionSpec): string {
  if (spec.kind === 'alias') return spec.alias === 'stable' ? 'the newest Go release' : 'the newest patch of the previous Go release line';
  if (spec.kind === 'exact') return `Go ${spec.version}`;
  return `the newest Go release in ${spec.range}`;
}
