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
function pathMatch(pattern, name) {
  try {
    return { match: matchBytes(toByteString(pattern), toByteString(name)), badPattern: false };
  } catch (error) {
    if (error instanceof BadPattern) return { match: false, badPattern: true };
    throw error;
  }
}
__name(pathMatch, "pathMatch");
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
function targetPrefixFor(glob, target) {
  let n = glob.split("/").length - 1;
  for (let i = 0; i < target.length; i++) {
    if (target[i] === "/") {
      if (n === 0) return target.slice(0, i);
      n--;
    }
  }
  return n > 0 ? null : target;
}
__name(targetPrefixFor, "targetPrefixFor");
function matchingPattern(globs, target) {
  for (const glob of splitPatternList(globs)) {
    const prefix = targetPrefixFor(glob, target);
    if (prefix !== null && pathMatch(glob, prefix).match) return glob;
  }
  return null;
}
__name(matchingPattern, "matchingPattern");
function matchPrefixPatterns(globs, target) {
  return matchingPattern(globs, target) !== null;
}
__name(matchPrefixPatterns, "matchPrefixPatterns");

export {
  isMalformedPattern,
  splitPatternList,
  matchPrefixPatterns
};
