// Checks of the glob lists GOPRIVATE, GONOPROXY, GONOSUMDB and GOINSECURE. The go command never
// reports a bad pattern (go-semantics §4.5): it silently matches nothing, which is exactly why
// these deserve a warning.

import type { Problem } from '../problems.js';
import { isMalformedPattern } from '../go/patterns.js';
import { displayValue } from '../report/bounds.js';

export const PATTERN_VARIABLES = ['GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOINSECURE'] as const;
export type PatternVariable = (typeof PATTERN_VARIABLES)[number];

export function lintPatternList(variable: PatternVariable, value: string): Problem[] {
  const problems: Problem[] = [];
  // A URL pasted as a pattern may carry a token (https://user:TOKEN@host/org): never print it.
  // Each message names its pattern; a long list is shortened so many warnings stay readable
  // (redacted before shortening, so a cut never leaves half a credential behind), once per list.
  const shown = displayValue(value, 100);
  const warn = (code: string, message: string, fix: string): void => {
    problems.push({ severity: 'warning', code, variable, message: `${variable}="${shown}": ${message}`, fix });
  };
  // Quotes a pattern (or a fix built from one) of the list.
  const q = (text: string): string => displayValue(text);
  if (value.includes(';')) {
    warn('PATTERN_BAD_SEPARATOR', 'contains ";", but the go command separates patterns with "," only, so the text around it is one pattern that never matches.', `Separate the patterns with ",": ${variable}=${q(value.split(/[;,]/).map((p) => p.trim()).filter(Boolean).join(','))}`);
  }
  // Go splits on ',' only; each element keeps its spaces (go-semantics §4.1).
  for (const element of value.split(',')) {
    if (element === '') continue;
    const trimmed = element.trim();
    if (trimmed === '') continue;
    if (element !== trimmed) {
      warn('PATTERN_WHITESPACE', `the pattern "${q(element)}" has leading or trailing white space, so it never matches (the go command does not trim).`, `Remove the spaces: "${q(trimmed)}".`);
      continue;
    }
    if (/\s/.test(trimmed)) {
      warn('PATTERN_BAD_SEPARATOR', `the pattern "${q(trimmed)}" contains white space; patterns are separated by "," only, so it never matches.`, `Write ${q(trimmed.split(/\s+/).join(','))}`);
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
      const withoutScheme = trimmed.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[^/?#]*@/, '');
      warn('PATTERN_HAS_SCHEME', `the pattern "${q(trimmed)}" starts with a URL scheme; module paths never do, so it never matches.`, `Write the module path prefix without the scheme: "${q(withoutScheme)}".`);
      continue;
    }
    if (trimmed.endsWith('//')) {
      warn('PATTERN_DOUBLE_SLASH', `the pattern "${q(trimmed)}" ends in "//"; the go command removes one "/" and the rest matches no module path.`, `Write "${q(trimTrailingSlashes(trimmed))}".`);
      continue;
    }
    if (isMalformedPattern(trimmed.replace(/\/$/, ''))) {
      warn('PATTERN_MALFORMED', `the pattern "${q(trimmed)}" is not a valid glob (unclosed "[" or a trailing "\\"), and the go command silently ignores it.`, 'Fix the glob syntax; only *, ?, [a-z] and [^a-z] are supported.');
      continue;
    }
    const firstElement = trimmed.split('/')[0] ?? '';
    if (/[A-Z]/.test(firstElement)) {
      warn('PATTERN_UPPERCASE', `the pattern "${q(trimmed)}" has upper case in its first element; module paths' first element is always lower case and matching is case-sensitive, so it never matches.`, `Write "${q(firstElement.toLowerCase() + trimmed.slice(firstElement.length))}".`);
    }
  }
  return problems;
}

/** "a/b///" -> "a/b", in one pass from the end (a regular expression /\/+$/ would rescan every run of '/'). */
function trimTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x2f) end--;
  return text.slice(0, end);
}
