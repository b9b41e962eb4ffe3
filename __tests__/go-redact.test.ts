import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactForDisplay, userinfoSecrets } from '../src/go/redact.js';

test('redactForDisplay hides the whole userinfo, also the username', () => {
  assert.equal(redactForDisplay('https://TOKEN@proxy.example/p'), 'https://***@proxy.example/p');
  assert.equal(redactForDisplay('https://u:pw@h,http://x:y@127.0.0.1:8/x|direct'), 'https://***@h,http://***@127.0.0.1:8/x|direct');
});

test('redactForDisplay works on free text and invalid URLs', () => {
  assert.equal(
    redactForDisplay('go: example.com/m@v1.0.0: Get "https://user:***@127.0.0.1:1/x/example.com/m/@v/v1.0.0.info": refused'),
    'go: example.com/m@v1.0.0: Get "https://***@127.0.0.1:1/x/example.com/m/@v/v1.0.0.info": refused',
  );
  assert.equal(redactForDisplay('parse "https://u:p@[::1": missing \']\' in host'), 'parse "https://***@[::1": missing \']\' in host');
  assert.equal(redactForDisplay('see https://proxy.example/m/@v/list and user@example.com'), 'see https://proxy.example/m/@v/list and user@example.com');
  assert.equal(redactForDisplay('no url here'), 'no url here');
});

test('userinfoSecrets returns the parts and their percent-decoded forms', () => {
  assert.deepEqual(userinfoSecrets('https://us%40er:p%3Ass@h/x and http://tok@h2'), ['us%40er:p%3Ass', 'us@er:p:ss', 'us%40er', 'us@er', 'p%3Ass', 'p:ss', 'tok']);
  assert.deepEqual(userinfoSecrets('https://h/p'), []);
  assert.deepEqual(userinfoSecrets('https://bad%zz:x@h'), ['bad%zz:x', 'bad%zz', 'x']);
});

test('scheme-less GOPROXY entries: credentials are redacted and registered as secrets', async () => {
  const { redactProxyList, proxyListSecrets } = await import('../src/go/redact.js');
  const value = 'bot:t0ken@proxy.corp.example|https://u:p4ss@mirror.example,direct';
  assert.equal(redactProxyList(value), '***@proxy.corp.example|https://***@mirror.example,direct');
  const secrets = proxyListSecrets(value);
  for (const expected of ['bot:t0ken', 't0ken', 'p4ss']) assert.ok(secrets.includes(expected), expected);
  assert.deepEqual(proxyListSecrets('https://proxy.golang.org,direct'), []);
});

// The regular expression the redactor used to be (it backtracked quadratically on long runs of
// letters): the scanner must find exactly the same URLs on every input.
const REFERENCE = /([A-Za-z][A-Za-z0-9+.-]*:\/\/)((?:(?![A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#|\s"'<>`])*)/g;
function referenceRedact(text: string): string {
  return text.replace(REFERENCE, (whole: string, scheme: string, authority: string) => {
    const at = authority.lastIndexOf('@');
    return at < 0 ? whole : `${scheme}***${authority.slice(at)}`;
  });
}
function referenceSecrets(text: string): string[] {
  const found = new Set<string>();
  const add = (s: string): void => {
    if (s === '') return;
    found.add(s);
    let decoded = s;
    try {
      decoded = decodeURIComponent(s);
    } catch {
      // kept as written
    }
    if (decoded !== '') found.add(decoded);
  };
  for (const match of text.matchAll(REFERENCE)) {
    const authority = match[2] ?? '';
    const at = authority.lastIndexOf('@');
    if (at < 0) continue;
    const userinfo = authority.slice(0, at);
    add(userinfo);
    const colon = userinfo.indexOf(':');
    if (colon >= 0) {
      add(userinfo.slice(0, colon));
      add(userinfo.slice(colon + 1));
    }
  }
  return [...found];
}
function referenceProxyList(value: string): string {
  return value
    .split(/([,|])/)
    .map((part) => (part.includes('://') ? referenceRedact(part) : part.replace(/^(\s*)([^/?#]*)@/, '$1***@')))
    .join('');
}

test('the linear scanner redacts exactly what the old regular expression did (random texts)', async () => {
  const { redactProxyList } = await import('../src/go/redact.js');
  // A small alphabet full of the characters that matter, so every branch is reached often.
  const alphabet = ['a', 'B', '1', '+', '.', '-', ':', '/', '@', '?', '#', '|', ',', ' ', '\t', '"', "'", '<', '`', '\u00a0', 'é', ':/', '://', 'https://', 'u:p@'];
  let seed = 12345;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let round = 0; round < 30_000; round++) {
    let text = '';
    const length = random(16);
    for (let i = 0; i < length; i++) text += alphabet[random(alphabet.length)];
    assert.equal(redactForDisplay(text), referenceRedact(text), JSON.stringify(text));
    assert.equal(redactProxyList(text), referenceProxyList(text), JSON.stringify(text));
    assert.deepEqual(userinfoSecrets(text), referenceSecrets(text), JSON.stringify(text));
  }
});

test('redactForDisplay edge cases: nested schemes, schemes after digits, several URLs', () => {
  const cases = ['a://b://c', 'x1a://u@h', '1://u@h', 'https://u@h:x://v@i', 'see http://a@b and ftp://c@d/e', 'https://u:p@h:8080://x@y', '://u@h', 'z://@', 'ab://cd@ef@gh/ij@k'];
  for (const text of cases) assert.equal(redactForDisplay(text), referenceRedact(text), text);
  assert.equal(redactForDisplay('https://u@h:x://v@i'), 'https://***@h:x://***@i');
});

test('redaction takes linear time on texts that made the old regular expression backtrack', { timeout: 30_000 }, async () => {
  const { redactProxyList, proxyListSecrets } = await import('../src/go/redact.js');
  // 1 MB: the old code needed about 2.8 s for 40 kB and four times as long for each doubling.
  const letters = 'a'.repeat(1_000_000);
  assert.equal(redactForDisplay(letters), letters);
  assert.equal(redactForDisplay(`https://${letters}`), `https://${letters}`);
  assert.deepEqual(userinfoSecrets(`https://${letters}`), []);
  const manyUrls = 'a://x '.repeat(200_000);
  assert.equal(redactForDisplay(manyUrls), manyUrls);
  const spaces = ' '.repeat(1_000_000);
  assert.equal(redactProxyList(spaces), spaces);
  assert.deepEqual(proxyListSecrets(`${spaces}x`), []);
  assert.equal(redactProxyList(`${spaces}tok@h`), `${spaces}***@h`);
});
