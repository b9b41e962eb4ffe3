import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMPTY_LIST_ERROR, formatProxyList, parseProxyList, tryProxies, walkElements } from '../src/go/proxyList.js';

function entries(value: string, gonoproxy = '') {
  const parsed = parseProxyList(value, gonoproxy);
  assert.ok(parsed.ok, value);
  return parsed;
}

test('formatProxyList round-trips parsed lists (empty entries and their separators dropped)', () => {
  for (const [value, canonical] of [
    ['https://a.example,https://b.example|direct', 'https://a.example,https://b.example|direct'],
    ['a.example|,b.example', 'https://a.example|https://b.example'],
    [' https://a.example , off ', 'https://a.example,off'],
    ['https://a.example|', 'https://a.example|'],
    ['https://a.example,', 'https://a.example'],
  ] as const) {
    const parsed = entries(value);
    const formatted = formatProxyList(parsed.entries);
    assert.equal(formatted, canonical);
    assert.deepEqual(entries(formatted).entries.map((e) => [e.url, e.fallthrough]), parsed.entries.map((e) => [e.url, e.fallthrough]));
  }
});

test('separator, raw, implicit scheme and file flags', () => {
  const list = entries(' proxy.example|file:///srv/p , direct , garbage');
  assert.deepEqual(
    list.entries.map((e) => [e.kind, e.raw, e.url, e.separator, e.implicitScheme, e.isFile]),
    [
      ['url', 'proxy.example', 'https://proxy.example', '|', true, false],
      ['url', 'file:///srv/p', 'file:///srv/p', ',', false, true],
      ['direct', 'direct', 'direct', ',', false, false],
    ],
  );
  assert.equal(list.ignoredAfterKeyword, ' garbage');
  assert.equal(list.implicitNoproxy, false);
});

test('implicit noproxy: any non-empty GONOPROXY unless GOPROXY is exactly "direct"', () => {
  assert.equal(entries('https://a.example', 'corp.example').implicitNoproxy, true);
  assert.equal(entries('direct', 'corp.example').implicitNoproxy, false);
  assert.equal(entries(' direct', 'corp.example').implicitNoproxy, true);
});

test('errors name the bad token and redact passwords', () => {
  assert.deepEqual(parseProxyList(',|,', ''), { ok: false, error: EMPTY_LIST_ERROR, badToken: null });
  assert.deepEqual(parseProxyList('https://a.example,ftp://u:pw@b.example', ''), {
    ok: false,
    error: 'invalid proxy URL scheme (must be https, http, file): ftp://u:xxxxx@b.example',
    badToken: 'ftp://u:pw@b.example',
  });
  assert.deepEqual(parseProxyList('file:///p?x=1', ''), { ok: false, error: 'invalid file:// proxy URL with non-path elements: file:///p?x=1', badToken: 'file:///p?x=1' });
});

test('Windows paths: only absolute with the windows option', () => {
  const linux = parseProxyList('C:\\proxy', '');
  assert.equal(linux.ok, false);
  assert.match(linux.ok ? '' : linux.error, /^parse "https:\/\/C:\\\\proxy": invalid port/);
  const windows = parseProxyList('C:\\proxy', '', { windows: true });
  assert.deepEqual(windows.ok ? null : windows.error, 'invalid proxy URL scheme (must be https, http, file): c:\\proxy');
});

test('TryProxies ranking: the LAST non-404 proxy error wins over earlier ones (observed with go1.23.5)', () => {
  const list = entries('https://a.example|https://b.example|https://c.example');
  const outcome = { 'https://a.example': 500, 'https://b.example': 503, 'https://c.example': 404 } as Record<string, number>;
  const walk = tryProxies(walkElements(list), (element) => {
    const status = outcome[element.url]!;
    return status === 404 ? { kind: 'not-found', error: `${element.url} 404` } : { kind: 'error', error: `${element.url} ${status}` };
  });
  assert.deepEqual(walk, { servedBy: null, asked: [0, 1, 2], error: 'https://b.example 503', errorFrom: 1, errorIsNotFound: false });
});

test('TryProxies: a direct error outranks proxy errors; "," stops at a non-404 error', () => {
  const list = entries('https://a.example|direct');
  const walk = tryProxies(walkElements(list), (element) => ({ kind: 'error', error: element.url }));
  assert.equal(walk.error, 'direct');
  const stop = tryProxies(walkElements(entries('https://a.example,https://b.example')), (element) => ({ kind: 'error', error: element.url }));
  assert.deepEqual(stop.asked, [0]);
});
