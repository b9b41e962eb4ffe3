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
