import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMalformedPattern, matchingPattern, pathMatch, splitPatternList } from '../src/go/patterns.js';

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
