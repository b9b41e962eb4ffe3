import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorizationFor, netrcCredentialsFor, parseNetrc } from '../src/go/netrc.js';

test('macdef blocks are skipped up to an empty line; default without value ends the file', () => {
  const entries = parseNetrc('macdef init\nmachine evil login x password y\n\nmachine a.example login u password p\ndefault\nmachine b.example login v password q\n');
  assert.deepEqual(entries, [{ machine: 'a.example', login: 'u', password: 'p' }]);
});

test('host as written, https only', () => {
  const entries = parseNetrc('machine h.example:8443 login u password p\nmachine h.example login w password z\n');
  assert.deepEqual(netrcCredentialsFor(entries, 'https://h.example:8443/x'), { login: 'u', password: 'p' });
  assert.deepEqual(netrcCredentialsFor(entries, 'https://h.example/x'), { login: 'w', password: 'z' });
  assert.equal(netrcCredentialsFor(entries, 'http://h.example/x'), null);
});

test('userinfo over http is refused with the redacted URL', () => {
  assert.deepEqual(authorizationFor([], 'http://u:pw@h.example/x'), { kind: 'refused', error: 'refusing to pass credentials to insecure URL: http://u:xxxxx@h.example/x' });
  assert.deepEqual(authorizationFor([], 'https://tok@h.example/x'), { kind: 'basic', login: 'tok', password: '', source: 'userinfo' });
});
