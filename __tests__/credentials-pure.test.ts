// Pure parts of the credentials phase: input parsing, pattern -> insteadOf prefixes, the netrc
// block edit, moving GOPROXY userinfo, ls-remote classification and the routing checks.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../src/config/inputValues.js';
import { parseNetrc } from '../src/go/netrc.js';
import { netrcInputSecrets, parseGitTokenHosts, parseNetrcInput } from '../src/credentials/inputs.js';
import { derivePrefixes, insteadOfRule, privatePatterns, repositoryUrl, selectTokenPrefixes } from '../src/credentials/prefixes.js';
import { addNetrcBlock, removeNetrcBlock } from '../src/credentials/netrcEdit.js';
import { moveUserinfo } from '../src/credentials/userinfo.js';
import { classifyLsRemote, lsRemoteDetail } from '../src/credentials/lsRemote.js';
import { goReadsNetrc, privateViaPublicProxy } from '../src/credentials/validate.js';

describe('netrc input', () => {
  it('parses one entry per line, with comments, blank lines, CRLF and any keyword order', () => {
    const entries = parseNetrcInput('# proxies\r\nmachine goproxy.corp.example login ci password p1\r\n\r\n  login u2 machine 10.0.0.5:8443 password p2  \n');
    assert.deepEqual(entries, [
      { machine: 'goproxy.corp.example', login: 'ci', password: 'p1' },
      { machine: '10.0.0.5:8443', login: 'u2', password: 'p2' },
    ]);
  });

  it('rejects malformed lines naming the line number and never the secret', () => {
    const cases: Array<[string, RegExp]> = [
      ['machine h login u SeCrEtToKeN1', /line 1 has 5 fields/],
      ['\nmachine h login u passwd SeCrEtToKeN1', /line 2 has a field where a keyword/],
      ['machine https://h/x login u password SeCrEtToKeN1', /line 1 has a URL as machine/],
      ['machine h login u login SeCrEtToKeN1', /names "login" twice/],
      ['machine h_h! login u password SeCrEtToKeN1', /not a host name/],
    ];
    for (const [raw, expected] of cases) {
      assert.throws(
        () => parseNetrcInput(raw),
        (error: unknown) => {
          assert.ok(error instanceof InputError);
          assert.match(error.message, expected);
          assert.ok(!error.message.includes('SeCrEtToKeN1'), error.message);
          return true;
        },
      );
    }
  });

  it('lists the secrets to mask, also on malformed lines', () => {
    assert.deepEqual(netrcInputSecrets('machine h login git password pw1'), ['pw1']);
    assert.deepEqual(netrcInputSecrets('machine h login aVeryLongTokenLogin123 password x'), ['aVeryLongTokenLogin123', 'x']);
    assert.ok(netrcInputSecrets('machine h login u SeCrEtToKeN1').includes('SeCrEtToKeN1'));
  });

  it('parses git-token-hosts and rejects URLs and patterns', () => {
    assert.deepEqual(parseGitTokenHosts('github.com, GHE.corp.example:8443\nghe.corp.example:8443'), ['github.com', 'ghe.corp.example:8443']);
    assert.deepEqual(parseGitTokenHosts(''), []);
    assert.throws(() => parseGitTokenHosts('https://github.com'), /URL or path/);
    assert.throws(() => parseGitTokenHosts('*.corp.example'), /is a pattern/);
  });

  it('a refused git-token-hosts entry is quoted without its credentials, scheme or not', () => {
    for (const entry of ['https://user:s3cretTok@ghe.corp.example/x', 'user:s3cretTok@ghe.corp.example/x']) {
      assert.throws(() => parseGitTokenHosts(`github.com,${entry}`), (error: Error) => /URL or path/.test(error.message) && !error.message.includes('s3cretTok'));
    }
  });
});

describe('private patterns to insteadOf prefixes', () => {
  it('scopes to the exact private prefixes and reports wildcard hosts', () => {
    const derived = derivePrefixes(privatePatterns('github.com/my-org,*.corp.example,git.example.com/*,none,github.com/my-org/sub,github.com/org-*', ''));
    assert.deepEqual(derived.prefixes.map((p) => p.prefix), ['github.com/my-org', 'git.example.com']);
    assert.deepEqual(derived.unexpressible.map((u) => u.pattern), ['*.corp.example', 'github.com/org-*']);
  });

  it('takes GONOPROXY and GOPRIVATE together, without duplicates', () => {
    assert.deepEqual(privatePatterns('a.example/x', 'b.example,a.example/x'), ['b.example', 'a.example/x']);
  });

  it('filters by git-token-hosts and adds listed hosts no pattern names', () => {
    const derived = derivePrefixes(['github.com/my-org', 'git.corp.example/team']).prefixes;
    assert.deepEqual(selectTokenPrefixes(derived, []).map((p) => p.prefix), ['github.com/my-org', 'git.corp.example/team']);
    assert.deepEqual(selectTokenPrefixes(derived, ['github.com', 'ghe.example']).map((p) => p.prefix), ['github.com/my-org', 'ghe.example']);
  });

  it('writes the https, ssh:// and scp-like forms for an owner on github.com', () => {
    const rule = insteadOfRule('github.com/my-org', 'tok/en+1');
    assert.equal(rule.base, 'https://x-access-token:tok%2Fen%2B1@github.com/my-org/');
    assert.deepEqual(rule.insteadOf, ['https://github.com/my-org/', 'ssh://git@github.com/my-org/', 'git@github.com:my-org/']);
  });

  it('leaves the slash off where the prefix may itself be a repository, and skips ssh forms with a port', () => {
    assert.deepEqual(insteadOfRule('git.corp.example/team', 't').insteadOf, ['https://git.corp.example/team', 'ssh://git@git.corp.example/team', 'git@git.corp.example:team']);
    assert.deepEqual(insteadOfRule('git.corp.example', 't').insteadOf, ['https://git.corp.example/', 'ssh://git@git.corp.example/', 'git@git.corp.example:']);
    assert.deepEqual(insteadOfRule('127.0.0.1:8443/org', 't').insteadOf, ['https://127.0.0.1:8443/org']);
  });

  it('derives the repository URL like the go command for common hosts', () => {
    assert.deepEqual(repositoryUrl('github.com/my-org/repo/sub/v2'), { url: 'https://github.com/my-org/repo', exact: true });
    assert.deepEqual(repositoryUrl('git.corp.example/team/lib.git/sub'), { url: 'https://git.corp.example/team/lib.git', exact: true });
    assert.deepEqual(repositoryUrl('git.corp.example/team/lib/v3'), { url: 'https://git.corp.example/team/lib', exact: false });
  });
});

describe('netrc block edit', () => {
  const entries = [{ machine: 'proxy.corp.example', login: 'ci', password: 'pw' }];

  it('puts the block first, keeps every other byte, and removes it again', () => {
    for (const original of ['', 'machine a login b password c', 'machine a login b password c\r\ndefault\r\n', '\n\n# x\n']) {
      const added = addNetrcBlock(original, 'abc', entries);
      assert.ok(added.endsWith(original));
      assert.equal(parseNetrc(added)[0]?.machine, 'proxy.corp.example');
      const removed = removeNetrcBlock(added, 'abc');
      assert.equal(removed.found, true);
      assert.equal(removed.text, original);
    }
  });

  it('uses the file line ending and leaves the go parser undisturbed by the markers', () => {
    const added = addNetrcBlock('machine a login b password c\r\n', 'abc', entries);
    assert.match(added, /^# setup-goproxy-begin abc\r\nmachine proxy.corp.example login ci password pw\r\n# setup-goproxy-end abc\r\n/);
    assert.deepEqual(parseNetrc(added).map((e) => e.machine), ['proxy.corp.example', 'a']);
  });

  it('removes only its own block, even with content added after it', () => {
    const both = addNetrcBlock(addNetrcBlock('machine a login b password c\n', 'one', entries), 'two', entries) + 'machine z login y password x\n';
    const removed = removeNetrcBlock(both, 'one');
    assert.equal(removed.found, true);
    assert.ok(removed.text.includes('setup-goproxy-begin two'));
    assert.ok(!removed.text.includes('setup-goproxy-begin one'));
    assert.equal(removeNetrcBlock('machine a login b password c\n', 'one').found, false);
  });
});

describe('moving GOPROXY userinfo into netrc', () => {
  it('moves https userinfo (implicit https too), keeping separators and other entries as written', () => {
    const move = moveUserinfo('https://u:p%40ss@goproxy.corp.example:8443/mod| user2:tok2@athens.corp.example ,https://proxy.golang.org,direct', []);
    assert.equal(move.goproxy, 'https://goproxy.corp.example:8443/mod| https://athens.corp.example ,https://proxy.golang.org,direct');
    assert.deepEqual(move.add, [
      { machine: 'goproxy.corp.example:8443', login: 'u', password: 'p@ss' },
      { machine: 'athens.corp.example', login: 'user2', password: 'tok2' },
    ]);
    assert.deepEqual(move.outcomes.map((o) => o.kind), ['moved', 'moved']);
  });

  it('does not move http:// userinfo, incomplete userinfo or conflicting credentials', () => {
    const move = moveUserinfo('http://u:p@plain.example,https://TOKENONLY@a.example,https://u:1@b.example/x,https://u:2@b.example/y', []);
    assert.equal(move.goproxy, 'http://u:p@plain.example,https://TOKENONLY@a.example,https://u:1@b.example/x,https://u:2@b.example/y');
    assert.deepEqual(move.add, []);
    assert.deepEqual(move.outcomes.map((o) => o.kind === 'kept' && o.reason), ['http', 'incomplete', 'conflict', 'conflict']);
  });

  it('drops userinfo that an existing netrc entry overrides anyway', () => {
    const move = moveUserinfo('https://u:p@a.example', [{ machine: 'a.example', login: 'x', password: 'y' }]);
    assert.equal(move.goproxy, 'https://a.example');
    assert.deepEqual(move.add, []);
    assert.equal(move.outcomes[0]?.kind, 'dropped-netrc-wins');
  });
});

describe('ls-remote classification', () => {
  it('tells auth, not found and network failures apart', () => {
    assert.equal(classifyLsRemote("fatal: could not read Username for 'https://h': terminal prompts disabled\n"), 'auth');
    assert.equal(classifyLsRemote("remote: Invalid username or password.\nfatal: Authentication failed for 'https://h/o/r/'\n"), 'auth');
    assert.equal(classifyLsRemote("remote: Repository not found.\nfatal: repository 'https://github.com/o/r/' not found\n"), 'not-found');
    assert.equal(classifyLsRemote("fatal: unable to access 'https://h/o/r/': Failed to connect to h port 1 after 0 ms: Couldn't connect to server\n"), 'network');
    assert.equal(classifyLsRemote('fatal: something new\n'), 'other');
  });

  it('redacts userinfo in the detail line', () => {
    assert.equal(lsRemoteDetail("warning: x\nfatal: unable to access 'https://x-access-token:abc@h/o/r/': boom\n"), "fatal: unable to access 'https://***@h/o/r/': boom");
  });
});

describe('routing checks', () => {
  const req = (path: string, viaProxy: boolean) => ({ path, version: 'v1.0.0', goModFile: 'go.mod', line: 7, viaProxy });

  it('flags a private path sent to proxy.golang.org first, at its require line', () => {
    const problems = privateViaPublicProxy([req('github.com/my-org/lib', true), req('golang.org/x/mod', true)], { goproxy: 'https://proxy.golang.org,direct', goprivate: 'github.com/my-org', gonoproxy: 'none' }, []);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.code, 'PRIVATE_MODULE_VIA_PUBLIC_PROXY');
    assert.equal(problems[0]?.severity, 'error');
    assert.equal(problems[0]?.line, 7);
  });

  it('does not flag it behind a private proxy or when it goes direct', () => {
    assert.deepEqual(privateViaPublicProxy([req('github.com/my-org/lib', true)], { goproxy: 'https://athens.corp.example,https://proxy.golang.org', goprivate: 'github.com/my-org', gonoproxy: 'none' }, []), []);
    assert.deepEqual(privateViaPublicProxy([req('github.com/my-org/lib', false)], { goproxy: 'https://proxy.golang.org,direct', goprivate: 'github.com/my-org', gonoproxy: 'github.com/my-org' }, []), []);
  });

  it('knows when the go command reads .netrc', () => {
    assert.equal(goReadsNetrc('go1.23.5', 'off'), true);
    assert.equal(goReadsNetrc('go1.24.1', ''), true);
    assert.equal(goReadsNetrc('go1.24.1', 'netrc;git /src'), true);
    assert.equal(goReadsNetrc('go1.24.1', 'git /src'), false);
    assert.equal(goReadsNetrc(null, 'off'), false);
  });
});
