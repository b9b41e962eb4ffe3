import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  decodeRune,
  toByteString
} from "./chunk-4T6WLE4C.js";
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/go/patterns.ts
var BadPattern = class extends Error {
  static {
    __name(this, "BadPattern");
  }
};
function scanChunk(pattern) {
  let star = false;
  while (pattern.length > 0 && pattern[0] === "*") {
    pattern = pattern.slice(1);
    star = true;
  }
  let inRange = false;
  let i = 0;
  scan: for (; i < pattern.length; i++) {
    switch (pattern[i]) {
      case "\\":
        if (i + 1 < pattern.length) i++;
        break;
      case "[":
        inRange = true;
        break;
      case "]":
        inRange = false;
        break;
      case "*":
        if (!inRange) break scan;
        break;
      default:
        break;
    }
  }
  return { star, chunk: pattern.slice(0, i), rest: pattern.slice(i) };
}
__name(scanChunk, "scanChunk");
function getEsc(chunk) {
  if (chunk.length === 0 || chunk[0] === "-" || chunk[0] === "]") throw new BadPattern();
  if (chunk[0] === "\\") {
    chunk = chunk.slice(1);
    if (chunk.length === 0) throw new BadPattern();
  }
  const { rune, size } = decodeRune(chunk, 0);
  if (rune === 65533 && size === 1 && chunk.charCodeAt(0) >= 128) throw new BadPattern();
  const next = chunk.slice(size);
  if (next.length === 0) throw new BadPattern();
  return { r: rune, next };
}
__name(getEsc, "getEsc");
function matchChunk(chunk, s) {
  let failed = false;
  while (chunk.length > 0) {
    if (!failed && s.length === 0) failed = true;
    const c = chunk[0];
    if (c === "[") {
      let r = 0;
      if (!failed) {
        const d = decodeRune(s, 0);
        r = d.rune;
        s = s.slice(d.size);
      }
      chunk = chunk.slice(1);
      let negated = false;
      if (chunk.length > 0 && chunk[0] === "^") {
        negated = true;
        chunk = chunk.slice(1);
      }
      let match = false;
      let nrange = 0;
      for (; ; ) {
        if (chunk.length > 0 && chunk[0] === "]" && nrange > 0) {
          chunk = chunk.slice(1);
          break;
        }
        const lo = getEsc(chunk);
        chunk = lo.next;
        let hi = lo.r;
        if (chunk[0] === "-") {
          const h = getEsc(chunk.slice(1));
          chunk = h.next;
          hi = h.r;
        }
        if (lo.r <= r && r <= hi) match = true;
        nrange++;
      }
      if (match === negated) failed = true;
    } else if (c === "?") {
      if (!failed) {
        if (s[0] === "/") failed = true;
        s = s.slice(decodeRune(s, 0).size);
      }
      chunk = chunk.slice(1);
    } else {
      if (c === "\\") {
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
__name(matchChunk, "matchChunk");
function matchBytes(pattern, name) {
  outer: while (pattern.length > 0) {
    const scanned = scanChunk(pattern);
    const { star, chunk } = scanned;
    pattern = scanned.rest;
    if (star && chunk === "") return !name.includes("/");
    const t = matchChunk(chunk, name);
    if (t !== null && (t.length === 0 || pattern.length > 0)) {
      name = t;
      continue;
    }
    if (star) {
      for (let i = 0; i < name.length && name[i] !== "/"; i++) {
        const t2 = matchChunk(chunk, name.slice(i + 1));
        if (t2 !== null) {
          if (pattern.length === 0 && t2.length > 0) continue;
          name = t2;
          continue outer;
        }
      }
    }
    while (pattern.length > 0) {
      const next = scanChunk(pattern);
      pattern = next.rest;
      matchChunk(next.chunk, "");
    }
    return false;
  }
  return name.length === 0;
}
__name(matchBytes, "matchBytes");
function isMalformedPattern(pattern) {
  let rest = toByteString(pattern);
  try {
    while (rest.length > 0) {
      const next = scanChunk(rest);
      rest = next.rest;
      matchChunk(next.chunk, "");
    }
    return false;
  } catch (error) {
    if (error instanceof BadPattern) return true;
    throw error;
  }
}
__name(isMalformedPattern, "isMalformedPattern");
function splitPatternList(globs) {
  return globs.split(",").map((glob) => glob.endsWith("/") ? glob.slice(0, -1) : glob).filter((glob) => glob !== "");
}
__name(splitPatternList, "splitPatternList");
function prefixWithSlashes(slashes, target) {
  let n = slashes;
  for (let i = 0; i < target.length; i++) {
    if (target[i] === "/") {
      if (n === 0) return target.slice(0, i);
      n--;
    }
  }
  return n > 0 ? null : target;
}
__name(prefixWithSlashes, "prefixWithSlashes");
var PatternList = class {
  static {
    __name(this, "PatternList");
  }
  patterns;
  byFirstElement = /* @__PURE__ */ new Map();
  bySuffix = { next: /* @__PURE__ */ new Map(), patterns: [] };
  hasSuffixPatterns = false;
  wild = [];
  constructor(globs) {
    this.patterns = splitPatternList(globs);
    this.patterns.forEach((glob, index) => {
      const bytes = toByteString(glob);
      const compiled = { glob, index, slashes: countSlashes(bytes), bytes };
      const first = firstElement(bytes);
      if (!hasGlobSyntax(first)) {
        const bucket = this.byFirstElement.get(first);
        if (bucket === void 0) this.byFirstElement.set(first, [compiled]);
        else bucket.push(compiled);
        return;
      }
      let stars = 0;
      while (first.charCodeAt(stars) === 42) stars++;
      const literal = first.slice(stars);
      if (stars > 0 && !hasGlobSyntax(literal)) {
        this.addSuffix(literal, compiled);
        return;
      }
      this.wild.push(compiled);
    });
  }
  addSuffix(literal, pattern) {
    let node = this.bySuffix;
    for (let i = literal.length - 1; i >= 0; i--) {
      const code = literal.charCodeAt(i);
      let child = node.next.get(code);
      if (child === void 0) {
        child = { next: /* @__PURE__ */ new Map(), patterns: [] };
        node.next.set(code, child);
      }
      node = child;
    }
    node.patterns.push(pattern);
    this.hasSuffixPatterns = true;
  }
  /** The patterns that may match target, in list order. */
  candidates(targetBytes) {
    const first = firstElement(targetBytes);
    const found = [...this.byFirstElement.get(first) ?? []];
    if (this.hasSuffixPatterns) {
      let node = this.bySuffix;
      for (let i = first.length; node !== void 0; i--) {
        found.push(...node.patterns);
        node = i > 0 ? node.next.get(first.charCodeAt(i - 1)) : void 0;
      }
    }
    found.push(...this.wild);
    return found.length > 1 ? found.sort((a, b) => a.index - b.index) : found;
  }
  /**
   * Every pattern of the list that matches target (module.MatchPrefixPatterns per pattern), in
   * list order; patterns for which `skip` is true are not tried.
   */
  *matchesOf(target, skip) {
    const targetBytes = toByteString(target);
    for (const pattern of this.candidates(targetBytes)) {
      if (skip?.(pattern.glob) === true) continue;
      const prefix = prefixWithSlashes(pattern.slashes, targetBytes);
      if (prefix !== null && matchesBytes(pattern.bytes, prefix)) yield pattern.glob;
    }
  }
  /** The first pattern of the list that matches target, or null. */
  firstMatch(target) {
    for (const glob of this.matchesOf(target)) return glob;
    return null;
  }
  matches(target) {
    return this.firstMatch(target) !== null;
  }
};
function hasGlobSyntax(s) {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code === 42 || code === 63 || code === 91 || code === 92) return true;
  }
  return false;
}
__name(hasGlobSyntax, "hasGlobSyntax");
function countSlashes(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 47) n++;
  return n;
}
__name(countSlashes, "countSlashes");
function firstElement(s) {
  const slash = s.indexOf("/");
  return slash < 0 ? s : s.slice(0, slash);
}
__name(firstElement, "firstElement");
function matchesBytes(pattern, name) {
  try {
    return matchBytes(pattern, name);
  } catch (error) {
    if (error instanceof BadPattern) return false;
    throw error;
  }
}
__name(matchesBytes, "matchesBytes");
var recentLists = [];
var recentGlobs = [];
function patternList(globs) {
  const at = recentGlobs.indexOf(globs);
  if (at >= 0) return recentLists[at];
  const list = new PatternList(globs);
  recentGlobs.unshift(globs);
  recentLists.unshift(list);
  if (recentGlobs.length > 8) {
    recentGlobs.pop();
    recentLists.pop();
  }
  return list;
}
__name(patternList, "patternList");
function matchingPattern(globs, target) {
  return patternList(globs).firstMatch(target);
}
__name(matchingPattern, "matchingPattern");
function matchPrefixPatterns(globs, target) {
  return matchingPattern(globs, target) !== null;
}
__name(matchPrefixPatterns, "matchPrefixPatterns");

export {
  isMalformedPattern,
  splitPatternList,
  PatternList,
  matchPrefixPatterns
};
