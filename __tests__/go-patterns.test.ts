import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMalformedPattern, matchingPattern, pathMatch, splitPatternList, targetPrefixFor } from '../src/go/patterns.js';

// pathMatch expectations recorded from go1.23.5's path.Match.
test('path.Match edge cases', () => {
  const cases: Array<[string, string, boolean, boolean]> = [
    ['a*/b', 'abc/b', true, false],
    ['[', 'a', false, true],
    ['a\\', 'a', false, true],
    ['[]a]', 'a', false, true],
    ['[!a]', '!', true, false],
    ['?', 'ä', true, false],
    ['[ä-ü]', 'ö', true, false],
    ['*x', 'ax/x', false, false],
    ['a*b*c', 'aXbYc', true, false],
    ['[\\-]', '-', true, false],
    ['*', '', true, false],
    ['a[', 'b', false, true],
    ['x*[', 'xy', false, true],
  ];
  for (const [pattern, name, match, badPattern] of cases) assert.deepEqual(pathMatch(pattern, name), { match, badPattern }, `${pattern} ${name}`);
});

test('isMalformedPattern finds errors wherever they are', () => {
  for (const p of ['[', 'example.com/[a-', 'example.com\\', '[]a]', '*[', 'a*b[']) assert.equal(isMalformedPattern(p), true, p);
  for (const p of ['*.example.com', 'example.com/[a-c]*', '[^a]', 'ex\\ample']) assert.equal(isMalformedPattern(p), false, p);
});

test('splitPatternList: comma only, one trailing slash, empties skipped, no trimming', () => {
  assert.deepEqual(splitPatternList(',a.example/, b.example//,,'), ['a.example', ' b.example/']);
});

test('matchingPattern reports which pattern matched', () => {
  assert.equal(matchingPattern('[,x.example,example.com', 'example.com/m'), 'example.com');
  assert.equal(matchingPattern('x.example', 'example.com/m'), null);
});

// The one-pattern-at-a-time definition (module.MatchPrefixPatterns) the prepared lists must agree with.
function referenceMatches(globs: string, target: string): string[] {
  return splitPatternList(globs).filter((glob) => {
    const prefix = targetPrefixFor(glob, target);
    return prefix !== null && pathMatch(glob, prefix).match;
  });
}

test('prepared pattern lists match exactly like MatchPrefixPatterns, pattern by pattern (random lists)', async () => {
  const { PatternList } = await import('../src/go/patterns.js');
  const pieces = ['a', 'b', 'A', '.', '/', '*', '?', '[a-b]', '[^a]', '\\', '\\*', 'é', '\uFFFD', '\uD800', ',', ''];
  let seed = 7;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const word = (max: number): string => Array.from({ length: random(max) }, () => pieces[random(pieces.length)]).join('');
  for (let round = 0; round < 5_000; round++) {
    const globs = word(10);
    const list = new PatternList(globs);
    for (let t = 0; t < 5; t++) {
      const target = word(6).replace(/,/g, '');
      const expected = referenceMatches(globs, target);
      assert.deepEqual([...list.matchesOf(target)], expected, `${JSON.stringify(globs)} ~ ${JSON.stringify(target)}`);
      assert.equal(matchingPattern(globs, target), expected[0] ?? null);
    }
  }
});
