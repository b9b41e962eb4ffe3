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
  test('accepts plain decimal numbers up to the maximum', () => {
    assert.equal(parsePositiveSeconds('probe-timeout', '10', 600), 10);
    assert.equal(parsePositiveSeconds('probe-timeout', '2.5', 600), 2.5);
    assert.equal(parsePositiveSeconds('probe-timeout', '600', 600), 600);
    assert.equal(parsePositiveSeconds('probe-timeout', '010', 600), 10);
  });

  test('rejects zero, out of range, hex, exponents, signs, spaces and words, naming the value and the range', () => {
    // Number() would read "0x10" as 16, " 5 " as 5 and "1e1" as 10: none of them is a plain number.
    for (const value of ['0', '0.0', '-1', '600.5', '601', 'ten', '', '  ', 'Infinity', 'NaN', '10s', '0x10', ' 5 ', '5 ', '1e1', '+5', '.5', '5.', '1.2.3', '٣']) {
      const error = inputError(() => parsePositiveSeconds('probe-timeout', value, 600));
      assert.equal(error.input, 'probe-timeout');
      assert.equal(error.value, value);
      assert.ok(error.message.startsWith(`Input 'probe-timeout' has the invalid value '${value}': expected a plain decimal number of seconds greater than 0 and at most 600 (digits only, no spaces, sign or prefix).`), error.message);
      assert.ok(error.message.endsWith("Set 'probe-timeout' to a number such as 10."), error.message);
    }
  });
});

describe('parseAttempts', () => {
  test('whole numbers in the range only; the error names the value and the range', async () => {
    const { parseAttempts } = await import('../src/config/inputValues.js');
    assert.equal(parseAttempts('retries', '3'), 3);
    assert.equal(parseAttempts('retries', '10'), 10);
    for (const value of ['0', '11', ' 5 ', '5 ', '0x3', '3.0', '+3', '-1', '1e1', '']) {
      const error = inputError(() => parseAttempts('retries', value));
      assert.equal(error.message, `Input 'retries' has the invalid value '${value}': expected a whole number from 1 to 10 (digits only, no spaces, sign or prefix). Set 'retries' to a number such as 3.`);
    }
  });
});

describe('parseCacheKeyPrefix', () => {
  test('letters, digits and . _ + - are allowed; anything else is named with the allowed set', async () => {
    const { parseCacheKeyPrefix } = await import('../src/config/inputValues.js');
    assert.equal(parseCacheKeyPrefix('cache-key-prefix', ''), '');
    assert.equal(parseCacheKeyPrefix('cache-key-prefix', 'go-mod_v2.1+linux'), 'go-mod_v2.1+linux');
    for (const [value, char] of [['a\tb', '"\\t"'], ['a/b', '"/"'], ['$(id)', '"$"'], ['a b', '" "'], ['a\u0000b', '"\\u0000"'], ['a,b', '","'], ['é', '"é"']] as const) {
      const error = inputError(() => parseCacheKeyPrefix('cache-key-prefix', value));
      assert.ok(error.message.includes(`it contains ${char}; a cache key prefix may contain only letters A-Z and a-z, digits 0-9, and . _ + -.`), error.message);
      assert.doesNotMatch(error.message, /[\u0000-\u001f]/);
    }
    const long = inputError(() => parseCacheKeyPrefix('cache-key-prefix', 'a'.repeat(101)));
    assert.match(long.message, /it has 101 characters; a cache key prefix has at most 100/);
  });
});

describe('rejectControlCharacters', () => {
  test('newline, CR and tab are allowed (multi-line inputs)', () => {
    assert.doesNotThrow(() => rejectControlCharacters('goproxy', 'https://a.example|\r\nhttps://b.example\tdirect\n'));
    assert.doesNotThrow(() => rejectControlCharacters('goprivate', ''));
  });

  test('NUL, vertical tab, form feed, ESC and DEL are rejected, shown visibly with their position', () => {
    for (const [char, shown] of [['\u0000', '\\x00'], ['\u000b', '\\x0b'], ['\u000c', '\\x0c'], ['\u001b', '\\x1b'], ['\u007f', '\\x7f'], ['\u0008', '\\x08']] as const) {
      const error = inputError(() => rejectControlCharacters('goprivate', `git.corp.example${char}x`));
      assert.equal(error.input, 'goprivate');
      assert.equal(error.value, `git.corp.example${char}x`);
      assert.ok(error.message.startsWith(`Input 'goprivate' has the invalid value 'git.corp.example${shown}x': it contains the control character `), error.message);
      assert.ok(error.message.endsWith("(at character 17). Remove control characters from 'goprivate'."), error.message);
      assert.doesNotMatch(error.message, /[\u0000-\u001f\u007f]/);
    }
  });

  test('single values (a token, GOAUTH) may not contain a line break or a tab either; a secret is never quoted', () => {
    assert.doesNotThrow(() => rejectControlCharacters('goauth', 'git /abs/dir', false));
    const goauth = inputError(() => rejectControlCharacters('goauth', 'netrc\noff', false));
    assert.equal(goauth.message, "Input 'goauth' has the invalid value 'netrc\\noff': it contains a line break (at character 6). Remove control characters from 'goauth'; it is a single value on one line.");
    const token = inputError(() => rejectControlCharacters('git-token', 'ghp_s3cr3tT0ken\u0007', false));
    assert.ok(!token.message.includes('s3cr3t'), token.message);
    assert.match(token.message, /^Input 'git-token' has an invalid value \(not shown: it is a secret\): it contains the control character/);
  });

  test('the message shows no raw control character and no credential', () => {
    const error = inputError(() => rejectControlCharacters('goproxy', 'https://user:s3cr3t@proxy.corp.example\u0000\nhttps://b.example'));
    assert.doesNotMatch(error.message, /[\u0000-\u001f\u007f]/);
    assert.ok(!error.message.includes('s3cr3t') && !error.message.includes('user'), error.message);
    assert.ok(error.message.includes('https://***@proxy.corp.example\\x00\\nhttps://b.example'), error.message);
  });

  test('a huge value is quoted as a short excerpt', () => {
    const error = inputError(() => rejectControlCharacters('goprivate', `${'a'.repeat(100_000)}\u0000`));
    assert.ok(error.message.length < 1000, String(error.message.length));
    // The NUL is shown as \x00 (four characters), so 100,004 characters were cut to 200.
    assert.match(error.message, /… \(99804 more characters\)/);
  });
});
