// Glob lists of GOPRIVATE, GONOPROXY, GONOSUMDB, GOINSECURE (and GOVCS keys):
// x/mod/module/module.go MatchPrefixPatterns over src/path/match.go Match (go-semantics.md §4).
// Both work on bytes; '?' and character classes consume one UTF-8 rune.

import { decodeRune, toByteString } from './url.js';

class BadPattern extends Error {}

/** scanChunk: optional leading stars, then up to the next '*' outside a class. */
function scanChunk(pattern: string): { star: boolean; chunk: string; rest: string } {
  let star = false;
  while (pattern.length > 0 && pattern[0] === '*') {
    pattern = pattern.slice(1);
    star = true;
  }
  let inRange = false;
  let i = 0;
  scan: for (; i < pattern.length; i++) {
    switch (pattern[i]) {
      case '\\':
        // A trailing backslash is reported by matchChunk.
        if (i + 1 < pattern.length) i++;
        break;
      case '[':
        inRange = true;
        break;
      case ']':
        inRange = false;
        break;
      case '*':
        if (!inRange) break scan;
        break;
      default:
        break;
    }
  }
  return { star, chunk: pattern.slice(0, i), rest: pattern.slice(i) };
}

/** getEsc: one (possibly escaped) rune of a class range; throws BadPattern. */
function getEsc(chunk: string): { r: number; next: string } {
  if (chunk.length === 0 || chunk[0] === '-' || chunk[0] === ']') throw new BadPattern();
  if (chunk[0] === '\\') {
    chunk = chunk.slice(1);
    if (chunk.length === 0) throw new BadPattern();
  }
  const { rune, size } = decodeRune(chunk, 0);
  if (rune === 0xfffd && size === 1 && chunk.charCodeAt(0) >= 0x80) throw new BadPattern();
  const next = chunk.slice(size);
  if (next.length === 0) throw new BadPattern();
  return { r: rune, next };
}

/**
 * matchChunk: match one chunk at the start of s. Keeps parsing the chunk after a mismatch so that
 * syntax errors are always found. Returns the rest of s on success, null on mismatch.
 */
function matchChunk(chunk: string, s: string): string | null {
  let failed = false;
  while (chunk.length > 0) {
    if (!failed && s.length === 0) failed = true;
    const c = chunk[0];
    if (c === '[') {
      let r = 0;
      if (!failed) {
        const d = decodeRune(s, 0);
        r = d.rune;
        s = s.slice(d.size);
      }
      chunk = chunk.slice(1);
      let negated = false;
      if (chunk.length > 0 && chunk[0] === '^') {
        negated = true;
        chunk = chunk.slice(1);
      }
      let match = false;
      let nrange = 0;
      for (;;) {
        if (chunk.length > 0 && chunk[0] === ']' && nrange > 0) {
          chunk = chunk.slice(1);
          break;
        }
        const lo = getEsc(chunk);
        chunk = lo.next;
        let hi = lo.r;
        if (chunk[0] === '-') {
          const h = getEsc(chunk.slice(1));
          chunk = h.next;
          hi = h.r;
        }
        if (lo.r <= r && r <= hi) match = true;
        nrange++;
      }
      if (match === negated) failed = true;
    } else if (c === '?') {
      if (!failed) {
        if (s[0] === '/') failed = true;
        s = s.slice(decodeRune(s, 0).size);
      }
      chunk = chunk.slice(1);
    } else {
      if (c === '\\') {
        chunk = chunk.slice(1);
        if (chunk.length === 0) throw new BadPattern();
      }
      if (!failed) {
        if (chunk[0] !== s[0]) failed = true;
        s = s.slice(1);
      }
      chunk = chunk.slice(1);
    }
  }
  return failed ? null : s;
}

function matchBytes(pattern: string, name: string): boolean {
  outer: while (pattern.length > 0) {
    const scanned = scanChunk(pattern);
    const { star, chunk } = scanned;
    pattern = scanned.rest;
    if (star && chunk === '') return !name.includes('/'); // trailing * matches the rest unless it has a '/'
    const t = matchChunk(chunk, name);
    if (t !== null && (t.length === 0 || pattern.length > 0)) {
      name = t;
      continue;
    }
    if (star) {
      // Let the star absorb i+1 bytes; it cannot absorb a '/'.
      for (let i = 0; i < name.length && name[i] !== '/'; i++) {
        const t2 = matchChunk(chunk, name.slice(i + 1));
        if (t2 !== null) {
          if (pattern.length === 0 && t2.length > 0) continue;
          name = t2;
          continue outer;
        }
      }
    }
    // Report a syntax error in the rest of the pattern rather than a plain mismatch.
    while (pattern.length > 0) {
      const next = scanChunk(pattern);
      pattern = next.rest;
      matchChunk(next.chunk, '');
    }
    return false;
  }
  return name.length === 0;
}

/** path.Match(pattern, name). badPattern mirrors ErrBadPattern (match is then false). */
export function pathMatch(pattern: string, name: string): { match: boolean; badPattern: boolean } {
  try {
    return { match: matchBytes(toByteString(pattern), toByteString(name)), badPattern: false };
  } catch (error) {
    if (error instanceof BadPattern) return { match: false, badPattern: true };
    throw error;
  }
}

/**
 * Whether path.Match would report ErrBadPattern for this pattern with some name: every chunk is
 * checked the way Match checks the remainder after a mismatch.
 */
export function isMalformedPattern(pattern: string): boolean {
  let rest = toByteString(pattern);
  try {
    while (rest.length > 0) {
      const next = scanChunk(rest);
      rest = next.rest;
      matchChunk(next.chunk, '');
    }
    return false;
  } catch (error) {
    if (error instanceof BadPattern) return true;
    throw error;
  }
}

/**
 * The patterns of a list as MatchPrefixPatterns uses them: split on ',' only (no trimming), one
 * trailing '/' removed, empty patterns skipped.
 */
export function splitPatternList(globs: string): string[] {
  return globs
    .split(',')
    .map((glob) => (glob.endsWith('/') ? glob.slice(0, -1) : glob))
    .filter((glob) => glob !== '');
}

/**
 * The prefix of target that a glob with n slashes is matched against: target cut just before its
 * (n+1)-th '/'; null when target has fewer than n slashes.
 */
export function targetPrefixFor(glob: string, target: string): string | null {
  return prefixWithSlashes(countSlashes(glob), target);
}

/** target cut just before its (n+1)-th '/'; null when target has fewer than n slashes. */
function prefixWithSlashes(slashes: number, target: string): string | null {
  let n = slashes;
  for (let i = 0; i < target.length; i++) {
    if (target[i] === '/') {
      if (n === 0) return target.slice(0, i);
      n--;
    }
  }
  return n > 0 ? null : target;
}

/** One pattern of a list, with what matching needs precomputed. */
interface CompiledPattern {
  glob: string;
  /** Position in the list: the first matching pattern is the one reported. */
  index: number;
  /** Number of '/' in the glob: the target prefix it is matched against has as many. */
  slashes: number;
  /** The glob as a byte string. */
  bytes: string;
}

/** Patterns whose first element is '*' + a literal, found by walking a target's first element from its end. */
interface SuffixNode {
  next: Map<number, SuffixNode>;
  patterns: CompiledPattern[];
}

/**
 * A pattern list prepared once for many targets. A pattern whose first element is literal (no
 * '*', '?', '[' or '\\') can only match a target whose first element is the same bytes, so those
 * patterns are looked up by first element; one whose first element is '*' plus a literal
 * ("*.corp.example", the common form) only a target whose first element ends with that literal,
 * found in a tree of reversed literals. Only the others are tried on every target. Matching a
 * module list against a pattern list then costs about one pattern per module, not all of them.
 */
export class PatternList {
  readonly patterns: readonly string[];
  private readonly byFirstElement = new Map<string, CompiledPattern[]>();
  private readonly bySuffix: SuffixNode = { next: new Map(), patterns: [] };
  private hasSuffixPatterns = false;
  private readonly wild: CompiledPattern[] = [];

  constructor(globs: string) {
    this.patterns = splitPatternList(globs);
    this.patterns.forEach((glob, index) => {
      const bytes = toByteString(glob);
      const compiled: CompiledPattern = { glob, index, slashes: countSlashes(bytes), bytes };
      const first = firstElement(bytes);
      if (!hasGlobSyntax(first)) {
        const bucket = this.byFirstElement.get(first);
        if (bucket === undefined) this.byFirstElement.set(first, [compiled]);
        else bucket.push(compiled);
        return;
      }
      let stars = 0;
      while (first.charCodeAt(stars) === 0x2a) stars++;
      const literal = first.slice(stars);
      if (stars > 0 && !hasGlobSyntax(literal)) {
        this.addSuffix(literal, compiled);
        return;
      }
      this.wild.push(compiled);
    });
  }

  private addSuffix(literal: string, pattern: CompiledPattern): void {
    let node = this.bySuffix;
    for (let i = literal.length - 1; i >= 0; i--) {
      const code = literal.charCodeAt(i);
      let child = node.next.get(code);
      if (child === undefined) {
        child = { next: new Map(), patterns: [] };
        node.next.set(code, child);
      }
      node = child;
    }
    node.patterns.push(pattern);
    this.hasSuffixPatterns = true;
  }

  /** The patterns that may match target, in list order. */
  private candidates(targetBytes: string): CompiledPattern[] {
    const first = firstElement(targetBytes);
    const found: CompiledPattern[] = [...(this.byFirstElement.get(first) ?? [])];
    if (this.hasSuffixPatterns) {
      // Every literal that is a suffix of the first element lies on this one walk.
      let node: SuffixNode | undefined = this.bySuffix;
      for (let i = first.length; node !== undefined; i--) {
        found.push(...node.patterns);
        node = i > 0 ? node.next.get(first.charCodeAt(i - 1)) : undefined;
      }
    }
    found.push(...this.wild);
    return found.length > 1 ? found.sort((a, b) => a.index - b.index) : found;
  }

  /**
   * Every pattern of the list that matches target (module.MatchPrefixPatterns per pattern), in
   * list order; patterns for which `skip` is true are not tried.
   */
  *matchesOf(target: string, skip?: (glob: string) => boolean): Generator<string> {
    const targetBytes = toByteString(target);
    for (const pattern of this.candidates(targetBytes)) {
      if (skip?.(pattern.glob) === true) continue;
      const prefix = prefixWithSlashes(pattern.slashes, targetBytes);
      if (prefix !== null && matchesBytes(pattern.bytes, prefix)) yield pattern.glob;
    }
  }

  /** The first pattern of the list that matches target, or null. */
  firstMatch(target: string): string | null {
    for (const glob of this.matchesOf(target)) return glob;
    return null;
  }

  matches(target: string): boolean {
    return this.firstMatch(target) !== null;
  }
}

function hasGlobSyntax(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code === 0x2a || code === 0x3f || code === 0x5b || code === 0x5c) return true;
  }
  return false;
}

function countSlashes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 0x2f) n++;
  return n;
}

function firstElement(s: string): string {
  const slash = s.indexOf('/');
  return slash < 0 ? s : s.slice(0, slash);
}

function matchesBytes(pattern: string, name: string): boolean {
  try {
    return matchBytes(pattern, name);
  } catch (error) {
    if (error instanceof BadPattern) return false;
    throw error;
  }
}

// Callers ask about many targets with the same few lists (GONOPROXY, GONOSUMDB, GOPRIVATE):
// keep the last lists prepared.
const recentLists: PatternList[] = [];
const recentGlobs: string[] = [];

/** The prepared form of a list, reused while the same list is asked about. */
export function patternList(globs: string): PatternList {
  const at = recentGlobs.indexOf(globs);
  if (at >= 0) return recentLists[at]!;
  const list = new PatternList(globs);
  recentGlobs.unshift(globs);
  recentLists.unshift(list);
  if (recentGlobs.length > 8) {
    recentGlobs.pop();
    recentLists.pop();
  }
  return list;
}

/** The first pattern of the list that matches target, or null. */
export function matchingPattern(globs: string, target: string): string | null {
  return patternList(globs).firstMatch(target);
}

/** module.MatchPrefixPatterns(globs, target). Malformed patterns silently never match. */
export function matchPrefixPatterns(globs: string, target: string): boolean {
  return matchingPattern(globs, target) !== null;
}
