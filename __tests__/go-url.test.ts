// net/url subset: expectations recorded from go1.23.5's net/url (a throwaway program calling
// url.Parse / String / Redacted / Hostname / Port on the same inputs).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatGoURL, formatGoURLStruct, goQuote, hostname, parseGoURL, port, redactGoURL, redactGoURLTransport, type GoURL } from '../src/go/url.js';

function parse(raw: string): GoURL {
  const r = parseGoURL(raw);
  assert.ok(r.ok, raw);
  return r.url;
}

test('userinfo is percent-decoded, re-escaped by String, and only the password is redacted', () => {
  const u = parse('http://u%40x:p%3Aq@h/');
  assert.equal(u.username, 'u@x');
  assert.equal(u.password, 'p:q');
  assert.equal(formatGoURL(u), 'http://u%40x:p%3Aq@h/');
  assert.equal(redactGoURL(u), 'http://u%40x:xxxxx@h/');
  assert.equal(redactGoURLTransport(u), 'http://u@x:***@h/');
});

test('the last @ of the authority separates userinfo from host', () => {
  const u = parse('http://user:p@ss@host/x');
  assert.equal(u.password, 'p@ss');
  assert.equal(formatGoURL(u), 'http://user:p%40ss@host/x');
  assert.equal(redactGoURL(u), 'http://user:xxxxx@host/x');
});

test('username without password: null password, nothing to redact', () => {
  const u = parse('https://tok@h/p');
  assert.equal(u.username, 'tok');
  assert.equal(u.password, null);
  assert.equal(redactGoURL(u), 'https://tok@h/p');
  assert.equal(parse('https://u:@h').password, '');
});

test('IPv6 zones, ports, Hostname and Port', () => {
  const u = parse('https://[fe80::1%25en0]:8/x');
  assert.equal(u.host, '[fe80::1%en0]:8');
  assert.equal(hostname(u), 'fe80::1%en0');
  assert.equal(port(u), '8');
  assert.equal(formatGoURL(u), 'https://[fe80::1%25en0]:8/x');
  assert.equal(port(parse('http://h')), '');
});

test('RawPath and non-ASCII escaping', () => {
  const spaced = parse('http://h/a b');
  assert.equal(spaced.rawPath, '/a b');
  assert.equal(formatGoURL(spaced), 'http://h/a%20b');
  const slash = parse('https://h/a%2Fb/');
  assert.equal(slash.path, '/a/b/');
  assert.equal(formatGoURL(slash), 'https://h/a%2Fb/');
  assert.equal(formatGoURL(parse('http://ä.example/ü?ö#é')), 'http://%C3%A4.example/%C3%BC?ö#%C3%A9');
});

test('opaque and relative forms', () => {
  assert.equal(parse('a:b').opaque, 'b');
  assert.equal(parse('rel/a:b').path, 'rel/a:b');
  assert.equal(parse('file:/x').omitHost, true);
  assert.equal(formatGoURL(parse('file:/x')), 'file:/x');
  assert.equal(formatGoURL(parse('http://h?')), 'http://h?');
});

test('error texts are (*url.Error).Error() with Go quoting', () => {
  const cases: Array<[string, string]> = [
    ['http://a\tb', 'parse "http://a\\tb": net/url: invalid control character in URL'],
    ['http://u x@h', 'parse "http://u x@h": net/url: invalid userinfo'],
    ['https://h%41', 'parse "https://h%41": invalid URL escape "%41"'],
    ['https://[::1', `parse "https://[::1": missing ']' in host`],
    ['http://h:x80', 'parse "http://h:x80": invalid port ":x80" after host'],
    [':x', 'parse ":x": missing protocol scheme'],
  ];
  for (const [raw, error] of cases) assert.deepEqual(parseGoURL(raw), { ok: false, error });
  assert.deepEqual(parseGoURL('b:c/d'), { ok: true, url: parse('b:c/d') });
  assert.deepEqual(parseGoURL('x y:z'), { ok: false, error: 'parse "x y:z": first path segment in URL cannot contain colon' });
  // An error in the fragment quotes the whole input.
  assert.deepEqual(parseGoURL('http://h#a%zz'), { ok: false, error: 'parse "http://h#a%zz": invalid URL escape "%zz"' });
});

test('goQuote follows strconv.Quote', () => {
  assert.equal(goQuote('a"b\\c'), '"a\\"b\\\\c"');
  assert.equal(goQuote('\n\x01\x7f'), '"\\n\\x01\\x7f"');
  assert.equal(goQuote('ä€'), '"ä€"');
  assert.equal(goQuote('\u200b'), '"\\u200b"');
});

test('%+v of a URL value, as in the sumdb name error', () => {
  assert.equal(
    formatGoURLStruct(parse('http://u%40x:p%3Aq@h/')),
    '{Scheme:http Opaque: User:u%40x:p%3Aq Host:h Path:/ RawPath: OmitHost:false ForceQuery:false RawQuery: Fragment: RawFragment:}',
  );
});

test('bytes that are not UTF-8 survive a round trip', () => {
  const u = parse('http://h/%E4');
  assert.equal(formatGoURL(u), 'http://h/%E4');
});
