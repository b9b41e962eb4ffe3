// Input limits: every input declared in action.yml (read from it, so inputs added later are
// covered) has a size limit checked before anything parses it, with an error that names the
// input, the limit and the fix and quotes only a short redacted excerpt.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { checkInputLimits, countEntries, DEFAULT_INPUT_LIMIT, INPUT_LIMITS, inputNameOf, limitFor } from '../src/config/inputLimits.js';
import { InputError, SECRET_INPUTS } from '../src/config/inputValues.js';
import { inputEnvName } from '../scripts/runner/emulate.js';

const declared = Object.keys((parseYaml(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown> }).inputs);

function limitErrorFor(env: NodeJS.ProcessEnv): InputError {
  try {
    checkInputLimits(env);
  } catch (error) {
    assert.ok(error instanceof InputError, String(error));
    return error;
  }
  assert.fail('no InputError');
}

describe('input limits', () => {
  test('the table names only inputs of action.yml', () => {
    for (const input of Object.keys(INPUT_LIMITS)) assert.ok(declared.includes(input), `${input} is not an input of action.yml`);
  });

  test('every declared input: a value over its size limit is refused, naming the input, the limit and the fix', () => {
    for (const input of declared) {
      const limit = limitFor(input);
      const token = 'ghp_T0kenThatMustNotShow';
      const value = `https://bot:${token}@h.example/${'a'.repeat(limit.maxChars)}`;
      const error = limitErrorFor({ [inputEnvName(input)]: value });
      assert.equal(error.input, input);
      assert.ok(error.message.startsWith(`Input '${input}' has `), error.message.slice(0, 100));
      assert.ok(error.message.includes(`it has ${value.length} characters, more than the limit of ${limit.maxChars}`), error.message);
      assert.ok(error.message.includes(`Shorten '${input}' to at most ${limit.maxChars} characters.`), error.message);
      assert.ok(error.message.length < 900, `${input}: ${error.message.length}`);
      assert.ok(!error.message.includes(token), `${input} echoes the token`);
      if (SECRET_INPUTS.has(input)) assert.ok(error.message.includes('(not shown: it is a secret)') && !error.message.includes('h.example'), error.message);
    }
  });

  test('an input not in the table (added later) gets the default limit', () => {
    assert.deepEqual(limitFor('some-future-input'), DEFAULT_INPUT_LIMIT);
    const error = limitErrorFor({ 'INPUT_SOME-FUTURE-INPUT': 'x'.repeat(DEFAULT_INPUT_LIMIT.maxChars + 1) });
    assert.match(error.message, /^Input 'some-future-input' has the invalid value 'x{200}… \(3897 more characters\)': it has 4097 characters, more than the limit of 4096\. Shorten 'some-future-input' to at most 4096 characters\.$/);
  });

  test('lists: too many entries are refused with the count and the limit', () => {
    const cases: Array<[string, string, number]> = [
      ['goproxy', Array.from({ length: 65 }, (_, i) => `https://p${i}.example`).join('|'), 64],
      ['fallback-proxies', Array.from({ length: 65 }, (_, i) => `https://p${i}.example`).join('\n'), 64],
      ['goprivate', Array.from({ length: 1001 }, (_, i) => `h${i}.x`).join(','), 1000],
      ['git-token-hosts', Array.from({ length: 101 }, (_, i) => `h${i}.x`).join(' '), 100],
      ['netrc', Array.from({ length: 201 }, (_, i) => `machine h${i} login u password p`).join('\n'), 200],
    ];
    for (const [input, value, max] of cases) {
      const error = limitErrorFor({ [inputEnvName(input)]: value });
      assert.ok(error.message.includes(`it has ${max + 1} entries, more than the limit of ${max}. List at most ${max} entries in '${input}'.`), error.message);
    }
    assert.doesNotThrow(() => checkInputLimits({ INPUT_GOPROXY: Array.from({ length: 64 }, (_, i) => `https://p${i}.example`).join(',') }));
  });

  test("the job environment's Go variables are held to the same limits, named as such", () => {
    const error = limitErrorFor({ GOPRIVATE: Array.from({ length: 2000 }, (_, i) => `h${i}.x`).join(',') });
    assert.match(error.message, /^The job environment's GOPRIVATE has the invalid value 'h0\.x,h1\.x,.*': it has 2000 entries, more than the limit of 1000\. List at most 1000 entries in GOPRIVATE in the workflow's env\.$/);
  });

  test('control characters: refused everywhere; line breaks only inside list inputs; around a single value they are trimmed', () => {
    assert.match(limitErrorFor({ 'INPUT_WORKING-DIRECTORY': 'sub\u0000dir' }).message, /^Input 'working-directory' has the invalid value 'sub\\x00dir': it contains the control character/);
    assert.match(limitErrorFor({ 'INPUT_CACHE-KEY-PREFIX': 'a\nb' }).message, /it contains a line break/);
    assert.match(limitErrorFor({ INPUT_GOAUTH: 'netrc\toff' }).message, /it contains a tab/);
    assert.doesNotThrow(() => checkInputLimits({ INPUT_GOPRIVATE: 'a.example\r\nb.example\n', INPUT_PROBE: 'true\n', 'INPUT_GIT-TOKEN': ' tok ' }));
  });

  test('entries are counted in one pass: separators, newlines and blank items', () => {
    assert.equal(countEntries('a,b|c\nd', ',|'), 4);
    assert.equal(countEntries(' , ,\n\n a ,', ','), 1);
    assert.equal(countEntries('', ','), 0);
    assert.equal(inputNameOf('INPUT_GIT-TOKEN'), 'git-token');
    assert.equal(inputNameOf('GOPROXY'), null);
  });
});

test("the README's table of limits says what the code checks", () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('### Input limits'), readme.indexOf('### Where values come from'));
  const rows = section.split('\n').filter((line) => /^\| `/.test(line));
  assert.ok(rows.length >= 10, String(rows.length));
  const documented = new Set<string>();
  for (const row of rows) {
    const [names = '', chars = '', entries = ''] = row.split(/(?<!\\)\|/).slice(1).map((cell) => cell.trim());
    for (const name of names.match(/`[a-z-]+`/g) ?? []) {
      const input = name.slice(1, -1);
      documented.add(input);
      assert.equal(limitFor(input).maxChars, Number(chars), `${input} characters`);
      const count = /^(\d+)/.exec(entries)?.[1];
      if (count !== undefined) assert.equal(limitFor(input).maxEntries, Number(count), `${input} entries`);
      if (entries.includes('one line')) assert.equal(limitFor(input).singleLine, true, `${input} one line`);
    }
  }
  for (const input of Object.keys(INPUT_LIMITS)) {
    if (!documented.has(input)) assert.equal(limitFor(input).maxChars, DEFAULT_INPUT_LIMIT.maxChars, `${input} has its own size limit but is not in the README's table`);
  }
});
