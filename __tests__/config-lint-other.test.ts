import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintEmptyOverrides, lintGoflags, lintGosumdb } from '../src/config/lintOther.js';
import { lintPatternList, PATTERN_VARIABLES } from '../src/config/lintPatterns.js';
import type { Problem } from '../src/problems.js';

function codes(problems: readonly Problem[]): string[] {
  return problems.map((problem) => problem.code);
}

function single(problems: readonly Problem[], code: string): Problem {
  assert.deepEqual(codes(problems), [code]);
  return problems[0] as Problem;
}

const CUSTOM_KEY = 'sumdb.example.net+ce4158e8+AQcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcH';

describe('lintGosumdb', () => {
  test('valid values: default name, alias, custom key, key with URL', () => {
    for (const value of ['sum.golang.org', 'sum.golang.google.cn', CUSTOM_KEY, `${CUSTOM_KEY} https://sumdb.example.net/db`, 'sum.golang.org https://sum.golang.org']) {
      const result = lintGosumdb(value);
      assert.deepEqual(result.problems, [], value);
      assert.ok(result.parse.ok, value);
    }
  });

  test('off: GOSUMDB_OFF warning, parse says off', () => {
    const result = lintGosumdb('off');
    const problem = single(result.problems, 'GOSUMDB_OFF');
    assert.equal(problem.severity, 'warning');
    assert.equal(problem.variable, 'GOSUMDB');
    assert.ok(problem.message.includes('disables checksum verification of every module'), problem.message);
    assert.match(problem.fix ?? '', /GONOSUMDB/);
    assert.ok(result.parse.ok && result.parse.config.kind === 'off');
  });

  test('OFF / Off: GOSUMDB_INVALID error with the case-sensitivity fix', () => {
    for (const value of ['OFF', 'Off']) {
      const result = lintGosumdb(value);
      const problem = single(result.problems, 'GOSUMDB_INVALID');
      assert.equal(problem.severity, 'error');
      assert.equal(problem.variable, 'GOSUMDB');
      assert.equal(problem.message, `GOSUMDB="${value}" is rejected by the go command: verifying go.mod: invalid GOSUMDB: malformed verifier id. Every checksum lookup fails.`);
      assert.equal(problem.fix, '"off" is case-sensitive: write GOSUMDB=off (but prefer GONOSUMDB for private modules).');
      assert.equal(result.parse.ok, false);
    }
  });

  test('" off " (spaces) is invalid too, and the fix does not blame the case', () => {
    const problem = single(lintGosumdb(' off ').problems, 'GOSUMDB_INVALID');
    assert.ok(!/case-sensitive/.test(problem.fix ?? ''), problem.fix);
    assert.match(problem.fix ?? '', /write GOSUMDB=off/);
  });

  test('each go command error is quoted exactly, with the generic fix', () => {
    const expected: Array<[string, string]> = [
      ['', 'missing GOSUMDB'],
      ['bogus', 'invalid GOSUMDB: malformed verifier id'],
      ['a b c', 'invalid GOSUMDB: too many fields'],
      ['sumdb.example.net+ce4158e9+AQcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcH', 'invalid GOSUMDB: invalid verifier hash'],
      ['sumdb.example.net+0de00a9c+AgcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcH', 'invalid GOSUMDB: unknown verifier algorithm'],
      ['sum.golang.org https://[::1', 'invalid GOSUMDB URL: parse "https://[::1": missing \']\' in host'],
    ];
    for (const [value, error] of expected) {
      const problem = single(lintGosumdb(value).problems, 'GOSUMDB_INVALID');
      assert.ok(problem.message.includes(`verifying go.mod: ${error}.`), `${value}: ${problem.message}`);
      assert.equal(problem.fix, 'Use sum.golang.org (the default), "off", "<name>+<hash>+<key>", or "<name>+<hash>+<key> <url>".');
    }
  });

  test('credentials in a GOSUMDB URL are not shown', () => {
    const problem = single(lintGosumdb('sum.golang.org https://user:s3cr3t@sum.corp.example extra').problems, 'GOSUMDB_INVALID');
    assert.ok(!problem.message.includes('s3cr3t') && !problem.message.includes('user'), problem.message);
    assert.ok(problem.message.includes('https://***@sum.corp.example'), problem.message);
  });
});

describe('lintGoflags', () => {
  test('empty or blank GOFLAGS is fine', () => {
    assert.deepEqual(lintGoflags(''), []);
    assert.deepEqual(lintGoflags('  \n'), []);
  });

  test('valid flags give no problems', () => {
    for (const value of ['-mod=mod', '-mod=readonly -modcacherw', '--trimpath -buildvcs=false', '"-ldflags=-s -w" -tags=integration', '-modcacherw=true']) {
      assert.deepEqual(lintGoflags(value), [], value);
    }
  });

  test('unknown flag', () => {
    const problem = single(lintGoflags('-mod=mod -bogus'), 'GOFLAGS_INVALID');
    assert.equal(problem.severity, 'error');
    assert.equal(problem.variable, 'GOFLAGS');
    assert.equal(problem.message, 'GOFLAGS="-mod=mod -bogus" is rejected: go: parsing $GOFLAGS: unknown flag -bogus.');
    assert.match(problem.fix ?? '', /space-separated -flag or -flag=value/);
  });

  test('non-flag', () => {
    const problem = single(lintGoflags('mod=mod'), 'GOFLAGS_INVALID');
    assert.equal(problem.message, 'GOFLAGS="mod=mod" is rejected: go: parsing $GOFLAGS: non-flag "mod=mod".');
    for (const value of ['-', '--', '---x', '-=x']) assert.equal(single(lintGoflags(value), 'GOFLAGS_INVALID').severity, 'error', value);
  });

  test('commas do not separate flags', () => {
    assert.deepEqual(codes(lintGoflags('-mod=mod,-modcacherw')), []);
    assert.deepEqual(codes(lintGoflags('-trimpath,-modcacherw')), ['GOFLAGS_INVALID']);
  });

  test('bad bool value', () => {
    const problem = single(lintGoflags('-modcacherw=maybe'), 'GOFLAGS_INVALID');
    assert.equal(problem.severity, 'error');
    assert.ok(problem.message.includes('invalid boolean value "maybe" for flag -modcacherw (from $GOFLAGS): parse error'), problem.message);
    assert.equal(problem.fix, 'Remove the flag or give it a valid value.');
  });

  test('unterminated quote', () => {
    const problem = single(lintGoflags('"-ldflags=-s -w'), 'GOFLAGS_INVALID');
    assert.ok(problem.message.endsWith('is rejected: go: parsing $GOFLAGS: unterminated " string.'), problem.message);
    assert.ok(single(lintGoflags("-mod=mod '-tags=a b"), 'GOFLAGS_INVALID').message.includes("unterminated ' string"));
    // Quotes count only at the start of a field: this is "-tags='a" and the non-flag "b".
    assert.ok(single(lintGoflags("-tags='a b"), 'GOFLAGS_INVALID').message.includes('non-flag "b"'));
  });

  test('-insecure: GOFLAGS_INSECURE warning, not an error', () => {
    for (const value of ['-insecure', '-mod=mod -insecure', '--insecure=true']) {
      const problem = single(lintGoflags(value), 'GOFLAGS_INSECURE');
      assert.equal(problem.severity, 'warning');
      assert.equal(problem.variable, 'GOFLAGS');
      assert.ok(problem.message.includes('-insecure flag is no longer supported'), problem.message);
      assert.ok(problem.message.includes('never skipped checksum checks'), problem.message);
      assert.match(problem.fix ?? '', /GOINSECURE/);
    }
  });

  test('-insecure with another error: both are reported', () => {
    assert.deepEqual(codes(lintGoflags('-insecure -modcacherw=maybe')), ['GOFLAGS_INVALID', 'GOFLAGS_INSECURE']);
  });

  test('a credential inside GOFLAGS is not shown', () => {
    const problem = single(lintGoflags('-bogus=https://user:s3cr3t@h.example'), 'GOFLAGS_INVALID');
    assert.ok(!problem.message.includes('s3cr3t') && !problem.message.includes('user:'), problem.message);
  });
});

describe('lintEmptyOverrides', () => {
  test('GONOPROXY= does not undo GOPRIVATE: warning with the "none" fix', () => {
    const problems = lintEmptyOverrides([{ variable: 'GONOPROXY', where: 'the job environment', setIn: 'env' }], { GOPRIVATE: 'git.corp.example', GONOPROXY: 'git.corp.example' });
    const problem = single(problems, 'EMPTY_DOES_NOT_OVERRIDE_GOPRIVATE');
    assert.equal(problem.severity, 'warning');
    assert.equal(problem.variable, 'GONOPROXY');
    assert.equal(problem.setIn, 'env');
    assert.equal(problem.message, 'GONOPROXY is set to an empty string in the job environment, but Go treats empty as unset and uses GOPRIVATE ("git.corp.example") instead.');
    assert.equal(problem.fix, 'To make private modules go through the proxy, set GONOPROXY=none (a pattern that matches nothing).');
  });

  test('GONOSUMDB= in the env-file: the fix speaks of the checksum database', () => {
    const problem = single(lintEmptyOverrides([{ variable: 'GONOSUMDB', where: 'ci/go.env', setIn: 'env-file' }], { GOPRIVATE: 'git.corp.example' }), 'EMPTY_DOES_NOT_OVERRIDE_GOPRIVATE');
    assert.equal(problem.setIn, 'env-file');
    assert.ok(problem.message.includes('in ci/go.env'), problem.message);
    assert.equal(problem.fix, 'To make private modules be checked by the checksum database, set GONOSUMDB=none (a pattern that matches nothing).');
  });

  test('without GOPRIVATE an empty GONOPROXY is only EMPTY_IS_UNSET', () => {
    const problem = single(lintEmptyOverrides([{ variable: 'GONOPROXY', where: 'the job environment', setIn: 'env' }], { GOPRIVATE: '' }), 'EMPTY_IS_UNSET');
    assert.equal(problem.severity, 'notice');
  });

  test('GOPROXY= : EMPTY_IS_UNSET notice naming the effective value', () => {
    const problem = single(
      lintEmptyOverrides([{ variable: 'GOPROXY', where: 'the job environment', setIn: 'env' }], { GOPROXY: 'https://proxy.golang.org,direct', GOPRIVATE: 'git.corp.example' }),
      'EMPTY_IS_UNSET',
    );
    assert.equal(problem.severity, 'notice');
    assert.equal(problem.variable, 'GOPROXY');
    assert.equal(problem.message, 'GOPROXY is set to an empty string in the job environment; Go treats that as unset, so the effective value is "https://proxy.golang.org,direct".');
    assert.equal(problem.fix, 'Remove the empty GOPROXY setting, or give the value you mean.');
  });

  test('the effective value is redacted', () => {
    const problem = single(lintEmptyOverrides([{ variable: 'GOPROXY', where: 'the job environment', setIn: 'env' }], { GOPROXY: 'https://user:s3cr3t@proxy.corp.example' }), 'EMPTY_IS_UNSET');
    assert.ok(!problem.message.includes('s3cr3t'), problem.message);
  });

  test('one problem per empty setting, in order', () => {
    const problems = lintEmptyOverrides(
      [
        { variable: 'GONOSUMDB', where: 'the job environment', setIn: 'env' },
        { variable: 'GOFLAGS', where: 'go.env', setIn: 'env-file' },
      ],
      { GOPRIVATE: 'x.example' },
    );
    assert.deepEqual(codes(problems), ['EMPTY_DOES_NOT_OVERRIDE_GOPRIVATE', 'EMPTY_IS_UNSET']);
    assert.deepEqual(lintEmptyOverrides([], { GOPRIVATE: 'x.example' }), []);
  });
});

describe('lintPatternList', () => {
  test('the variables linted', () => {
    assert.deepEqual([...PATTERN_VARIABLES], ['GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOINSECURE']);
  });

  test('good lists give nothing', () => {
    for (const value of ['', 'git.corp.example', 'git.corp.example,github.com/my-org', '*.corp.example,none', 'github.com/Org/Repo', 'git.corp.example/', 'example.com/[a-z]*', ',a.example,']) {
      assert.deepEqual(lintPatternList('GOPRIVATE', value), [], value);
    }
  });

  test('PATTERN_WHITESPACE: space after a comma', () => {
    const problem = single(lintPatternList('GONOSUMDB', 'git.corp.example, github.com/org'), 'PATTERN_WHITESPACE');
    assert.equal(problem.severity, 'warning');
    assert.equal(problem.variable, 'GONOSUMDB');
    assert.ok(problem.message.startsWith('GONOSUMDB="git.corp.example, github.com/org": the pattern " github.com/org" has leading or trailing white space'), problem.message);
    assert.equal(problem.fix, 'Remove the spaces: "github.com/org".');
  });

  test('PATTERN_BAD_SEPARATOR: ";"', () => {
    const problem = single(lintPatternList('GOPRIVATE', 'a.example;b.example'), 'PATTERN_BAD_SEPARATOR');
    assert.ok(problem.message.includes('contains ";"'), problem.message);
    assert.equal(problem.fix, 'Separate the patterns with ",": GOPRIVATE=a.example,b.example');
  });

  test('PATTERN_BAD_SEPARATOR: spaces', () => {
    const problem = single(lintPatternList('GOINSECURE', 'a.example b.example'), 'PATTERN_BAD_SEPARATOR');
    assert.ok(problem.message.includes('the pattern "a.example b.example" contains white space'), problem.message);
    assert.equal(problem.fix, 'Write a.example,b.example');
  });

  test('PATTERN_HAS_SCHEME', () => {
    const problem = single(lintPatternList('GOPRIVATE', 'https://git.corp.example/org'), 'PATTERN_HAS_SCHEME');
    assert.equal(problem.severity, 'warning');
    assert.equal(problem.fix, 'Write the module path prefix without the scheme: "git.corp.example/org".');
  });

  test('PATTERN_HAS_SCHEME with a token: never printed, not in the suggested pattern', () => {
    const problem = single(lintPatternList('GOPRIVATE', 'https://user:s3cr3t@git.corp.example/org'), 'PATTERN_HAS_SCHEME');
    for (const text of [problem.message, problem.fix ?? '']) {
      assert.ok(!text.includes('s3cr3t') && !text.includes('user'), text);
    }
    assert.equal(problem.fix, 'Write the module path prefix without the scheme: "git.corp.example/org".');
  });

  test('PATTERN_DOUBLE_SLASH', () => {
    const problem = single(lintPatternList('GONOPROXY', 'git.corp.example//'), 'PATTERN_DOUBLE_SLASH');
    assert.ok(problem.message.includes('ends in "//"'), problem.message);
    assert.equal(problem.fix, 'Write "git.corp.example".');
  });

  test('PATTERN_MALFORMED: unclosed class, trailing backslash', () => {
    for (const value of ['git.corp.example/[a-', 'a\\', '[']) {
      const problem = single(lintPatternList('GOPRIVATE', value), 'PATTERN_MALFORMED');
      assert.match(problem.message, /is not a valid glob/);
      assert.match(problem.message, /silently ignores it/);
    }
  });

  test('PATTERN_UPPERCASE only for the first element, fix keeps later case', () => {
    const problem = single(lintPatternList('GOPRIVATE', 'GitHub.com/Org'), 'PATTERN_UPPERCASE');
    assert.equal(problem.fix, 'Write "github.com/Org".');
    assert.deepEqual(lintPatternList('GOPRIVATE', 'github.com/Org'), []);
  });

  test('one warning per bad element, in order', () => {
    assert.deepEqual(codes(lintPatternList('GOPRIVATE', 'Git.example, b.example,https://c.example,d.example//')), ['PATTERN_UPPERCASE', 'PATTERN_WHITESPACE', 'PATTERN_HAS_SCHEME', 'PATTERN_DOUBLE_SLASH']);
  });
});

test('a long pattern list is shortened in messages, after redaction', async () => {
  const { lintPatternList } = await import('../src/config/lintPatterns.js');
  const secretUrl = `https://bot:${'s'.repeat(120)}@git.corp.example/org`;
  const problems = lintPatternList('GOPRIVATE', `${'a'.repeat(60)}.example,${secretUrl},Upper.example`);
  assert.ok(problems.length >= 2);
  for (const problem of problems) {
    assert.ok(!problem.message.includes('sss'), 'no part of the token');
    assert.ok(problem.message.length < 400, problem.message);
  }
});

test('blank or quoted pattern values, GOAUTH on old Go, GOENV=off', async () => {
  const { lintBlankPatternValue, lintGoEnvironmentQuirks } = await import('../src/config/lintOther.js');
  const blank = lintBlankPatternValue('GONOPROXY', ' ');
  assert.equal(blank[0]?.code, 'PATTERN_BLANK_VALUE');
  assert.match(blank[0]?.message ?? '', /GOPRIVATE no longer applies/);
  assert.equal(lintBlankPatternValue('GOPRIVATE', '""')[0]?.code, 'PATTERN_BLANK_VALUE');
  assert.deepEqual(lintBlankPatternValue('GONOPROXY', ''), [], 'empty is unset, another lint');
  assert.deepEqual(lintBlankPatternValue('GONOPROXY', 'none'), []);
  assert.deepEqual(lintGoEnvironmentQuirks({ GOAUTH: 'netrc' }, 'go1.23.5').map((p) => p.code), ['GOAUTH_IGNORED']);
  assert.deepEqual(lintGoEnvironmentQuirks({ GOAUTH: 'netrc' }, 'go1.24.1'), []);
  assert.deepEqual(lintGoEnvironmentQuirks({ GOENV: 'off' }, 'go1.23.5').map((p) => p.code), ['GOENV_OFF']);
  assert.deepEqual(lintGoEnvironmentQuirks({}, null), []);
});

test('GOAUTH grammar: off alone, git needs an absolute directory', async () => {
  const { lintGoauth } = await import('../src/config/lintOther.js');
  assert.deepEqual(lintGoauth(''), []);
  assert.deepEqual(lintGoauth('netrc'), []);
  assert.deepEqual(lintGoauth('netrc; git /home/runner/work/repo'), []);
  assert.match(lintGoauth('off;netrc')[0]?.message ?? '', /cannot be combined/);
  assert.equal(lintGoauth('git relative/dir')[0]?.code, 'GOAUTH_INVALID');
  assert.equal(lintGoauth('git')[0]?.code, 'GOAUTH_INVALID');
});

test('GOAUTH git <dir> is judged by filepath.IsAbs of the runner: a drive or UNC path on Windows, /dir elsewhere', async () => {
  const { lintGoauth } = await import('../src/config/lintOther.js');
  for (const ok of ['git C:\\work\\repo', 'git D:/work/repo', 'git \\\\server\\share\\repo', 'netrc;git C:\\r']) assert.deepEqual(lintGoauth(ok, 'win32'), [], ok);
  for (const bad of ['git /home/runner/repo', 'git repo', 'git C:repo', 'git \\repo']) {
    const problems = lintGoauth(bad, 'win32');
    assert.equal(problems[0]?.code, 'GOAUTH_INVALID', bad);
    assert.match(problems[0]?.message ?? '', /needs one absolute directory with a drive or UNC path .*on Windows "\/dir" is not absolute/);
    assert.match(problems[0]?.fix ?? '', /GOAUTH="git C:\\path\\of\\a\\checkout"/);
  }
  assert.deepEqual(lintGoauth('git /home/runner/repo', 'linux'), []);
  assert.deepEqual(lintGoauth('git /Users/runner/repo', 'darwin'), []);
  assert.equal(lintGoauth('git C:\\work\\repo', 'linux')[0]?.code, 'GOAUTH_INVALID');
  // A huge value is quoted as an excerpt.
  const long = lintGoauth(`git ${'a'.repeat(100_000)}`, 'linux')[0]?.message ?? '';
  assert.ok(long.length < 1000, String(long.length));
});
