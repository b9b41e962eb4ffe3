import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintGoproxy, type ProxyLintContext } from '../src/config/lintProxy.js';
import { GO_DEFAULT_PROXY_HOST, GO_DEFAULT_SUMDB_NAME, isLoopbackHost, isPublicDefaultProxy, looksPrivateHost } from '../src/config/hosts.js';
import type { Problem } from '../src/problems.js';

function lint(goproxy: string, extra: Partial<ProxyLintContext> = {}): Problem[] {
  return lintGoproxy({ goproxy, gonoproxy: '', goprivate: '', ...extra }).problems;
}

function codes(problems: readonly Problem[]): string[] {
  return problems.map((problem) => problem.code);
}

function only(problems: readonly Problem[], code: string): Problem {
  const found = problems.filter((problem) => problem.code === code);
  assert.equal(found.length, 1, `expected exactly one ${code}, got ${JSON.stringify(codes(problems))}`);
  return found[0] as Problem;
}

/** Every printed text of the problems. */
function texts(problems: readonly Problem[]): string {
  return problems.map((problem) => `${problem.message}\n${problem.fix ?? ''}`).join('\n');
}

describe('lintGoproxy: values the go command accepts without surprise', () => {
  for (const value of [
    'https://proxy.golang.org,direct',
    'https://proxy.golang.org',
    'direct',
    'off',
    'https://goproxy.corp.example|https://proxy.golang.org|direct',
    'https://a.example|https://proxy.golang.org|direct',
    'proxy.example.net,direct',
    'file:///srv/goproxy|https://proxy.golang.org',
    'http://127.0.0.1:3000',
    'http://localhost:8080/goproxy|direct',
    'http://[::1]:3000',
  ]) {
    test(`GOPROXY=${value}: no problems`, () => {
      assert.deepEqual(lint(value), []);
    });
  }

  test('the parse is returned with the entries', () => {
    const result = lintGoproxy({ goproxy: 'https://a.example|direct', gonoproxy: 'git.corp.example', goprivate: '' });
    assert.ok(result.parse.ok);
    assert.deepEqual(result.parse.entries.map((entry) => [entry.url, entry.separator]), [['https://a.example', '|'], ['direct', '']]);
    assert.equal(result.parse.implicitNoproxy, true);
  });
});

describe('lintGoproxy: GOPROXY_INVALID (the go command rejects the list)', () => {
  test('upper-case DIRECT: error with the case-sensitivity fix', () => {
    const problems = lint('https://proxy.golang.org,DIRECT');
    assert.equal(problems.length, 1);
    const problem = only(problems, 'GOPROXY_INVALID');
    assert.equal(problem.severity, 'error');
    assert.equal(problem.variable, 'GOPROXY');
    assert.ok(problem.message.includes('invalid proxy URL missing scheme: DIRECT'), problem.message);
    assert.ok(problem.message.includes('Every module download fails'), problem.message);
    assert.equal(problem.fix, 'The keywords are case-sensitive: write "direct".');
  });

  test('Off: fix says "off"', () => {
    assert.equal(only(lint('Off'), 'GOPROXY_INVALID').fix, 'The keywords are case-sensitive: write "off".');
  });

  test('noproxy is internal to the go command', () => {
    const problem = only(lint('noproxy,direct'), 'GOPROXY_INVALID');
    assert.match(problem.fix ?? '', /"noproxy" is internal to the go command/);
    assert.match(problem.fix ?? '', /GONOPROXY or GOPRIVATE/);
  });

  test('an absolute path needs file://', () => {
    const problem = only(lint('/srv/goproxy'), 'GOPROXY_INVALID');
    assert.ok(problem.message.includes('invalid proxy URL missing scheme: /srv/goproxy'), problem.message);
    assert.equal(problem.fix, 'A local directory needs the file:// scheme: "file:///srv/goproxy".');
  });

  test('a list with no entries', () => {
    for (const value of [',', ' ', '|', ',,|, ']) {
      const problem = only(lint(value), 'GOPROXY_INVALID');
      assert.ok(problem.message.includes('GOPROXY list is not the empty string, but contains no entries'), problem.message);
      assert.match(problem.fix ?? '', /^Give at least one entry, or leave GOPROXY empty/);
    }
  });

  test('wrong scheme, bad port, single word', () => {
    assert.ok(only(lint('ftp://mirror.example'), 'GOPROXY_INVALID').message.includes('invalid proxy URL scheme (must be https, http, file): ftp://mirror.example'));
    assert.ok(only(lint('https://proxy.example:abc'), 'GOPROXY_INVALID').message.includes('invalid port ":abc" after host'));
    assert.ok(only(lint('garbage'), 'GOPROXY_INVALID').message.includes('invalid proxy URL missing scheme: garbage'));
    assert.match(only(lint('garbage'), 'GOPROXY_INVALID').fix ?? '', /^Write GOPROXY as a list of https:\/\//);
  });

  test('one bad entry makes the only problem: no other lints run on the list', () => {
    assert.deepEqual(codes(lint('http://a.example,https://b.example,DIRECT')), ['GOPROXY_INVALID']);
  });

  test('entries after direct are not validated', () => {
    assert.deepEqual(codes(lint('direct,DIRECT')), ['GOPROXY_IGNORED_ENTRIES']);
  });
});

describe('lintGoproxy: warnings', () => {
  test('GOPROXY_IGNORED_ENTRIES names the keyword and the ignored text', () => {
    const problem = only(lint('https://a.example,direct,https://b.example'), 'GOPROXY_IGNORED_ENTRIES');
    assert.equal(problem.severity, 'warning');
    assert.ok(problem.message.includes('stops reading at "direct", so "https://b.example" is never used'), problem.message);
    assert.equal(problem.fix, 'Move "direct" to the end of the list, or remove the entries after it.');
    const off = only(lint('off|https://b.example'), 'GOPROXY_IGNORED_ENTRIES');
    assert.ok(off.message.includes('stops reading at "off"'), off.message);
  });

  test('a trailing separator after direct is not an ignored entry', () => {
    assert.deepEqual(lint('https://a.example|direct,'), []);
    assert.deepEqual(lint('direct, '), []);
  });

  test('GOPROXY_COMMA_NO_FAILOVER between two proxies, not before direct', () => {
    const problems = lint('https://a.example,https://b.example,direct');
    const problem = only(problems, 'GOPROXY_COMMA_NO_FAILOVER');
    assert.equal(problem.severity, 'warning');
    assert.ok(problem.message.includes('"https://a.example" is followed by ","'), problem.message);
    assert.ok(problem.message.includes('tries "https://b.example" only after a 404 or 410'), problem.message);
    assert.equal(problem.fix, 'Use "|" after "https://a.example" if "https://b.example" is meant as a failover mirror.');
    assert.deepEqual(lint('https://a.example|https://b.example,direct'), []);
  });

  test('GOPROXY_COMMA_NO_FAILOVER once per comma pair', () => {
    const problems = lint('https://a.example,https://b.example,https://c.example');
    assert.deepEqual(codes(problems), ['GOPROXY_COMMA_NO_FAILOVER', 'GOPROXY_COMMA_NO_FAILOVER']);
    assert.ok(problems[1]?.message.includes('"https://b.example" is followed by ","'));
  });

  test('GOPROXY_WHITESPACE for a space inside an entry', () => {
    const problem = only(lint('https://proxy.example/a b'), 'GOPROXY_WHITESPACE');
    assert.equal(problem.severity, 'warning');
    assert.ok(problem.message.includes('contains white space'), problem.message);
    assert.equal(problem.fix, 'Separate proxies with "," or "|", not spaces.');
  });

  test('GOPROXY_NO_HOST for https://, http:/host and ./dir', () => {
    for (const value of ['https://', 'http:/host/p', './dir']) {
      const problem = only(lint(value), 'GOPROXY_NO_HOST');
      assert.equal(problem.severity, 'warning');
      assert.ok(problem.message.includes('has no usable host name'), problem.message);
      assert.ok(problem.message.includes('http: no Host in request URL'), problem.message);
    }
    assert.ok(only(lint('./dir'), 'GOPROXY_NO_HOST').message.includes('"https://./dir"'));
  });

  test('a file:// proxy needs no host', () => {
    assert.deepEqual(lint('file:///srv/goproxy'), []);
  });

  test('GOPROXY_CREDENTIALS_OVER_HTTP (plus PLAIN_HTTP), without the password', () => {
    const problems = lint('http://user:s3cr3t@proxy.corp.example');
    assert.deepEqual(codes(problems).sort(), ['GOPROXY_CREDENTIALS_OVER_HTTP', 'GOPROXY_PLAIN_HTTP']);
    const problem = only(problems, 'GOPROXY_CREDENTIALS_OVER_HTTP');
    assert.equal(problem.severity, 'warning');
    assert.ok(problem.message.includes('refuses to send the credentials in "http://***@proxy.corp.example"'), problem.message);
    assert.equal(problem.fix, 'Use https:// for a proxy that needs credentials.');
    assert.equal(only(problems, 'GOPROXY_PLAIN_HTTP').fix, 'Use https://proxy.corp.example if the proxy supports it.');
  });

  test('credentials over http to loopback: refused, but no PLAIN_HTTP', () => {
    assert.deepEqual(codes(lint('http://user:pw@127.0.0.1:3000')), ['GOPROXY_CREDENTIALS_OVER_HTTP']);
  });

  test('GOPROXY_SECRET_IN_USERNAME for userinfo without a password', () => {
    const problems = lint('https://ghp_T0KEN@proxy.example.com');
    assert.deepEqual(codes(problems), ['GOPROXY_SECRET_IN_USERNAME']);
    const problem = problems[0] as Problem;
    assert.equal(problem.severity, 'warning');
    assert.ok(problem.message.includes('has a user name but no password'), problem.message);
    assert.match(problem.fix ?? '', /\.netrc/);
    assert.ok(!texts(problems).includes('ghp_T0KEN'));
  });

  test('https with user and password is fine', () => {
    assert.deepEqual(lint('https://user:pw@proxy.example.com'), []);
  });

  test('GOPROXY_PLAIN_HTTP for a remote host, with the https fix keeping the path', () => {
    const problem = only(lint('http://goproxy.example.com/mirror|direct'), 'GOPROXY_PLAIN_HTTP');
    assert.equal(problem.severity, 'warning');
    assert.ok(problem.message.includes('plain http to a non-loopback host'), problem.message);
    assert.equal(problem.fix, 'Use https://goproxy.example.com/mirror if the proxy supports it.');
  });

  test('GOPROXY_QUERY for a query string, an empty query and a fragment', () => {
    for (const value of ['https://p.example/go?token=1', 'https://p.example/go?', 'https://p.example/go#frag']) {
      const problem = only(lint(value), 'GOPROXY_QUERY');
      assert.equal(problem.severity, 'warning');
      assert.equal(problem.fix, 'Remove the ?query and #fragment from the proxy URL.');
    }
  });

  test('every GOPROXY problem names the variable', () => {
    const problems = lint('http://user@goproxy.corp.internal/x?y|https://a.example,https://b.example,direct,z');
    assert.ok(problems.length >= 4);
    for (const problem of problems) {
      assert.equal(problem.variable, 'GOPROXY');
      assert.ok(problem.message.startsWith('GOPROXY="'), problem.message);
    }
  });
});

describe('lintGoproxy: GOPROXY_PRIVATE_LEAK (golang/go#37367)', () => {
  test('a private-looking proxy followed by | and a public one', () => {
    const problems = lint('https://athens.corp.internal|https://proxy.golang.org|direct');
    assert.deepEqual(codes(problems), ['GOPROXY_PRIVATE_LEAK']);
    const problem = problems[0] as Problem;
    assert.equal(problem.severity, 'warning');
    assert.ok(problem.message.includes('"https://athens.corp.internal" looks private and is followed by "|"'), problem.message);
    assert.ok(problem.message.includes('asks "https://proxy.golang.org"'), problem.message);
    assert.ok(problem.message.includes('golang/go#37367'), problem.message);
    assert.equal(problem.fix, 'Use "," after "https://athens.corp.internal" so only a 404/410 falls through, and list private module paths in GOPRIVATE/GONOPROXY.');
  });

  test('with "," instead of "|" there is no leak warning', () => {
    assert.deepEqual(lint('https://athens.corp.internal,https://proxy.golang.org,direct').filter((p) => p.code === 'GOPROXY_PRIVATE_LEAK'), []);
  });

  test('Go\'s default and a public mirror in front of it are not flagged', () => {
    assert.deepEqual(lint('https://proxy.golang.org,direct'), []);
    assert.deepEqual(lint('https://a.example|https://proxy.golang.org|direct'), []);
    assert.deepEqual(lint('https://goproxy.io|https://proxy.golang.org|direct', { goprivate: 'github.com/my-org', gonoproxy: 'github.com/my-org' }), []);
  });

  test('private followed only by direct, off or other private proxies is not a leak', () => {
    assert.deepEqual(lint('https://athens.corp.internal|direct'), []);
    assert.deepEqual(lint('https://athens.corp.internal|off'), []);
    assert.deepEqual(lint('https://athens.corp.internal|https://10.0.0.5|http://localhost:3000'), []);
  });

  test('a local file:// directory after a private proxy is not a public proxy', () => {
    assert.deepEqual(lint('https://athens.corp.internal|file:///srv/goproxy-cache'), []);
  });

  test('names the first public proxy after it', () => {
    const problem = only(lint('https://athens.internal|https://goproxy.io|https://proxy.golang.org'), 'GOPROXY_PRIVATE_LEAK');
    assert.ok(problem.message.includes('asks "https://goproxy.io"'), problem.message);
  });

  test('private by shape: RFC 1918 address, single label, intranet suffix, credentials', () => {
    for (const entry of ['https://192.168.10.4:8443', 'http://athens:3000', 'https://goproxy.lan', 'https://user:pw@goproxy.example.com']) {
      assert.deepEqual(codes(lint(`${entry}|https://proxy.golang.org`)).filter((c) => c === 'GOPROXY_PRIVATE_LEAK'), ['GOPROXY_PRIVATE_LEAK'], entry);
    }
  });

  test('private because GOPRIVATE matches the proxy host', () => {
    assert.deepEqual(codes(lint('https://goproxy.acme.com|https://proxy.golang.org', { goprivate: 'goproxy.acme.com' })), ['GOPROXY_PRIVATE_LEAK']);
  });

  test('private because it shares the organisation domain of a GOPRIVATE/GONOPROXY host', () => {
    assert.deepEqual(codes(lint('https://athens.acme.com|https://proxy.golang.org', { goprivate: 'git.acme.com/team' })), ['GOPROXY_PRIVATE_LEAK']);
    assert.deepEqual(codes(lint('https://athens.acme.com|https://proxy.golang.org', { gonoproxy: '*.acme.com' })), ['GOPROXY_PRIVATE_LEAK']);
    // A different organisation's domain is not private.
    assert.deepEqual(lint('https://athens.acme.com|https://proxy.golang.org', { goprivate: 'git.other.com' }), []);
    // The same domain is required, not just the same last label.
    assert.deepEqual(lint('https://athens.acme.com|https://proxy.golang.org', { goprivate: 'git.example.com' }), []);
  });

  test('globs other than a leading *. do not name a domain', () => {
    assert.deepEqual(lint('https://athens.acme.com|https://proxy.golang.org', { goprivate: 'git.ac?e.com,[a-z].acme.com' }), []);
  });

  test('proxy.golang.org is never private, even inside GOPRIVATE', () => {
    assert.deepEqual(lint('https://proxy.golang.org|https://goproxy.io', { goprivate: 'proxy.golang.org' }), []);
  });
});

describe('lintGoproxy: secrets never appear in messages or fixes', () => {
  const cases = [
    'https://user:s3cr3t@proxy.corp.example',
    'https://user:s3cr3t@proxy.corp.example|https://proxy.golang.org|direct',
    'http://user:s3cr3t@proxy.corp.example/go?x=1|direct,https://user:s3cr3t@b.example',
    'https://user:s3cr3t@proxy.corp.example,https://user:s3cr3t@b.example',
    'https://user:s3cr3t@proxy.corp.example:abc',
    'https://user:s3cr3t@[::1',
    'https://user:s3cr3t@proxy.corp.example/a b',
    'user:s3cr3t@proxy.corp.example|https://proxy.golang.org',
    'user:s3cr3t@proxy.corp.example:abc',
    'direct,user:s3cr3t@proxy.corp.example',
  ];
  for (const value of cases) {
    test(value, () => {
      const problems = lint(value);
      const all = texts(problems);
      assert.ok(!all.includes('s3cr3t'), all);
      assert.ok(!all.includes('user'), all);
    });
  }

  test('the redacted URL is still shown so the entry can be recognised', () => {
    const problem = only(lint('https://user:s3cr3t@proxy.corp.example|https://proxy.golang.org|direct'), 'GOPROXY_PRIVATE_LEAK');
    assert.ok(problem.message.includes('GOPROXY="https://***@proxy.corp.example|https://proxy.golang.org|direct"'), problem.message);
  });

  test('a scheme-less entry with credentials is redacted too (the go command adds https://)', () => {
    const problem = only(lint('user:s3cr3t@proxy.corp.example|https://proxy.golang.org'), 'GOPROXY_PRIVATE_LEAK');
    assert.ok(problem.message.startsWith('GOPROXY="***@proxy.corp.example|https://proxy.golang.org"'), problem.message);
  });
});

describe('hosts', () => {
  test('the only public default proxy is Go\'s own', () => {
    assert.equal(GO_DEFAULT_PROXY_HOST, 'proxy.golang.org');
    assert.equal(GO_DEFAULT_SUMDB_NAME, 'sum.golang.org');
    assert.equal(isPublicDefaultProxy('proxy.golang.org'), true);
    assert.equal(isPublicDefaultProxy('PROXY.golang.org'), true);
    assert.equal(isPublicDefaultProxy('goproxy.io'), false);
    assert.equal(isPublicDefaultProxy('proxy.golang.org.evil.example'), false);
  });

  test('isLoopbackHost', () => {
    for (const host of ['localhost', 'LOCALHOST', 'api.localhost', '127.0.0.1', '127.10.20.30', '::1', '[::1]']) assert.equal(isLoopbackHost(host), true, host);
    for (const host of ['', 'localhost.example.com', '128.0.0.1', '10.0.0.1', '::2', 'example.com', '0.0.0.0']) assert.equal(isLoopbackHost(host), false, host);
  });

  test('looksPrivateHost: private addresses', () => {
    for (const host of ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '127.0.0.1', 'localhost', 'fd00::1', 'fc00::1', '[fd12:3456::1]', 'fe80::1', 'feb0::1', '::1']) {
      assert.equal(looksPrivateHost(host), true, host);
    }
  });

  test('looksPrivateHost: public addresses', () => {
    for (const host of ['8.8.8.8', '172.15.0.1', '172.32.0.1', '192.169.0.1', '11.0.0.1', '2001:db8::1', 'fc::1', 'fec0::1', 'ff02::1']) {
      assert.equal(looksPrivateHost(host), false, host);
    }
  });

  test('looksPrivateHost: names', () => {
    for (const host of ['athens', 'goproxy.internal', 'proxy.corp', 'nas.local', 'srv.lan', 'x.intranet', 'router.home.arpa', 'box.localdomain', 'GOPROXY.INTERNAL']) {
      assert.equal(looksPrivateHost(host), true, host);
    }
    for (const host of ['', 'proxy.golang.org', 'goproxy.io', 'athens.corp.example', 'internal.example.com', 'mylocal.example.com', 'proxy.corporate']) {
      assert.equal(looksPrivateHost(host), false, host);
    }
  });
});

describe('lintGoproxy on Windows runners (platform injected)', () => {
  test('GOPROXY=C:\\dir: the Windows go command error and a file:///C:/... fix', () => {
    const problem = only(lintGoproxy({ goproxy: 'C:\\mods,direct', gonoproxy: '', goprivate: '', windows: true }).problems, 'GOPROXY_INVALID');
    assert.ok(problem.message.includes('invalid proxy URL scheme (must be https, http, file)'), problem.message);
    assert.equal(problem.fix, 'A local directory needs the file:// scheme: "file:///C:/mods".');
    const unc = only(lintGoproxy({ goproxy: '\\\\server\\share\\mods', gonoproxy: '', goprivate: '', windows: true }).problems, 'GOPROXY_INVALID');
    assert.equal(unc.fix, 'A local directory needs the file:// scheme: "file://server/share/mods".');
  });

  test('the same value on Linux gets the implicit https:// and Linux\'s error, without the Windows hint', () => {
    const problem = only(lintGoproxy({ goproxy: 'C:\\mods,direct', gonoproxy: '', goprivate: '', windows: false }).problems, 'GOPROXY_INVALID');
    assert.ok(problem.message.includes('https://C:'), problem.message);
    assert.ok(!problem.fix?.includes('file:///'), problem.fix);
  });

  test('file:///C:/mods is a valid Windows proxy', () => {
    assert.deepEqual(lintGoproxy({ goproxy: 'file:///C:/mods,direct', gonoproxy: '', goprivate: '', windows: true }).problems, []);
  });
});
