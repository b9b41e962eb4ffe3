import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  InputError,
  normalisePatternListInput,
  normaliseProxyListInput,
  parseBoolean,
  parseChoice,
  parsePositiveSeconds,
  rejectControlCharacters,
} from '../src/config/inputValues.js';

/** Runs fn, asserts it throws an InputError and returns it. */
function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected an InputError, nothing was thrown');
}

describe('normalisePatternListInput', () => {
  test('one pattern per line becomes Go\'s comma form', () => {
    assert.equal(normalisePatternListInput('git.corp.example\ngithub.com/my-org\n'), 'git.corp.example,github.com/my-org');
  });

  test('spaces around commas are removed (Go would keep them and never match)', () => {
    assert.equal(normalisePatternListInput('a.example, b.example ,c.example'), 'a.example,b.example,c.example');
  });

  test('CRLF lines, blank lines and # comment lines are dropped', () => {
    assert.equal(normalisePatternListInput('# private hosts\r\n  git.corp.example  \r\n\r\n  # more\r\n*.internal.example\r\n'), 'git.corp.example,*.internal.example');
  });

  test('mixed commas and newlines; empty elements vanish', () => {
    assert.equal(normalisePatternListInput('a.example,,\n,b.example/x,\n'), 'a.example,b.example/x');
  });

  test('nothing but separators and comments gives the empty string', () => {
    assert.equal(normalisePatternListInput(''), '');
    assert.equal(normalisePatternListInput(' , \n # only a comment\n'), '');
  });

  test('pattern text itself is kept verbatim (case, globs, inner characters)', () => {
    assert.equal(normalisePatternListInput('GitHub.com/Org\n[a-z]*.example'), 'GitHub.com/Org,[a-z]*.example');
  });
});

describe('normaliseProxyListInput', () => {
  test('a single value is unchanged', () => {
    assert.equal(normaliseProxyListInput('https://proxy.golang.org,direct'), 'https://proxy.golang.org,direct');
  });

  test('a line break counts as ","', () => {
    assert.equal(normaliseProxyListInput('https://a.example\nhttps://b.example\ndirect\n'), 'https://a.example,https://b.example,direct');
  });

  test('a line ending in "|" keeps the "|" (failover) and adds no ","', () => {
    assert.equal(normaliseProxyListInput('https://a.example|\nhttps://b.example|\ndirect'), 'https://a.example|https://b.example|direct');
  });

  test('a line starting with "|" or "," carries the separator itself', () => {
    assert.equal(normaliseProxyListInput('https://a.example\n|https://b.example\n,direct'), 'https://a.example|https://b.example,direct');
  });

  test('a line already ending in "," gets no second ","', () => {
    assert.equal(normaliseProxyListInput('https://a.example,\nhttps://b.example'), 'https://a.example,https://b.example');
  });

  test('spaces around entries and separators are trimmed, as Go trims entries', () => {
    assert.equal(normaliseProxyListInput('  https://a.example | https://b.example , direct  '), 'https://a.example|https://b.example,direct');
  });

  test('CRLF, blank lines and # comment lines are ignored', () => {
    assert.equal(normaliseProxyListInput('# corporate mirror first\r\nhttps://a.example|\r\n\r\n  # then Go\'s\r\nhttps://proxy.golang.org\r\n'), 'https://a.example|https://proxy.golang.org');
  });

  test('empty input stays empty', () => {
    assert.equal(normaliseProxyListInput(''), '');
    assert.equal(normaliseProxyListInput('\n\n   \n'), '');
  });
});

describe('parseChoice', () => {
  const choices = ['error', 'warning', 'never'] as const;

  test('matches case-insensitively after trimming and returns the canonical choice', () => {
    assert.equal(parseChoice('fail-on', 'error', choices), 'error');
    assert.equal(parseChoice('fail-on', ' Warning \n', choices), 'warning');
    assert.equal(parseChoice('fail-on', 'NEVER', choices), 'never');
  });

  test('an unknown value names the input, the value, the choices and the fix', () => {
    const error = inputError(() => parseChoice('fail-on', 'sometimes', choices));
    assert.equal(error.name, 'InputError');
    assert.equal(error.input, 'fail-on');
    assert.equal(error.value, 'sometimes');
    assert.equal(error.message, "Input 'fail-on' has the invalid value 'sometimes': expected one of error, warning, never. Set 'fail-on' to one of: error, warning, never.");
    assert.equal(error.fix, "Set 'fail-on' to one of: error, warning, never.");
  });

  test('empty is not a choice', () => {
    const error = inputError(() => parseChoice('on-unreachable', '', ['fallback', 'fail', 'warn'] as const));
    assert.match(error.message, /^Input 'on-unreachable' has the invalid value '': expected one of fallback, fail, warn\./);
  });

  test('credentials in the value are redacted in the message', () => {
    const error = inputError(() => parseChoice('on-unreachable', 'https://user:s3cr3t@proxy.corp.example', ['fallback', 'fail', 'warn'] as const));
    assert.ok(!error.message.includes('s3cr3t'), error.message);
    assert.ok(!error.message.includes('user'), error.message);
    assert.ok(error.message.includes("'https://***@proxy.corp.example'"), error.message);
  });
});

describe('parseBoolean', () => {
  test('true/false in any case, trimmed', () => {
    assert.equal(parseBoolean('probe', 'true'), true);
    assert.equal(parseBoolean('probe', ' TRUE '), true);
    assert.equal(parseBoolean('probe', 'False'), false);
  });

  test('YAML-ish spellings are rejected with the fix', () => {
    for (const value of ['yes', 'no', '1', '0', 'on', '']) {
      const error = inputError(() => parseBoolean('probe', value));
      assert.equal(error.input, 'probe');
      assert.equal(error.message, `Input 'probe' has the invalid value '${value}': expected true or false. Set 'probe' to true or false.`);
    }
  });
});

describe('parsePositiveSeconds', () => {
  test('accepts positive numbers up to the maximum, trimmed', () => {
    assert.equal(parsePositiveSeconds('probe-timeout', '10', 600), 10);
    assert.equal(parsePositiveSeconds('probe-timeout', ' 2.5 ', 600), 2.5);
    assert.equal(parsePositiveSeconds('probe-timeout', '600', 600), 600);
  });

  test('rejects zero, negatives, above the maximum, non-numbers, empty and Infinity', () => {
    for (const value of ['0', '-1', '600.5', '601', 'ten', '', '  ', 'Infinity', 'NaN', '10s']) {
      const error = inputError(() => parsePositiveSeconds('probe-timeout', value, 600));
      assert.equal(error.input, 'probe-timeout');
      assert.equal(error.value, value);
      assert.ok(error.message.startsWith(`Input 'probe-timeout' has the invalid value '${value}': expected a number of seconds greater than 0 and at most 600.`), error.message);
      assert.ok(error.message.endsWith("Set 'probe-timeout' to a number such as 10."), error.message);
    }
  });
});

describe('rejectControlCharacters', () => {
  test('newline, CR and tab are allowed (multi-line inputs)', () => {
    assert.doesNotThrow(() => rejectControlCharacters('goproxy', 'https://a.example|\r\nhttps://b.example\tdirect\n'));
    assert.doesNotThrow(() => rejectControlCharacters('goprivate', ''));
  });

  test('NUL, vertical tab, form feed, ESC and DEL are rejected, shown as "?"', () => {
    for (const char of ['\u0000', '\u000b', '\u000c', '\u001b', '\u007f', '\u0008']) {
      const error = inputError(() => rejectControlCharacters('goprivate', `git.corp.example${char}x`));
      assert.equal(error.input, 'goprivate');
      assert.equal(error.value, 'git.corp.example?x');
      assert.equal(error.message, "Input 'goprivate' has the invalid value 'git.corp.example?x': it contains a control character. Remove control characters from 'goprivate'.");
    }
  });

  test('the message shows no raw control character and no credential', () => {
    const error = inputError(() => rejectControlCharacters('goproxy', 'https://user:s3cr3t@proxy.corp.example\u0000\nhttps://b.example'));
    assert.doesNotMatch(error.message, /[\u0000-\u001f\u007f]/);
    assert.ok(!error.message.includes('s3cr3t') && !error.message.includes('user'), error.message);
    assert.ok(error.message.includes('https://***@proxy.corp.example??https://b.example'), error.message);
  });
});
