// probeSumdb against loopback checksum-database stand-ins, direct and
// through a proxy's /sumdb/<name>/ prefix.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { probeSumdb } from '../src/probe/sumdb.js';
import { closedPort, send, startServer, startSilentServer } from './fixtures/probeServer.js';
import type { TestServer } from './fixtures/probeServer.js';
import { makeTlsFixtures } from './fixtures/tls.js';
import type { TlsFixtures } from './fixtures/tls.js';

// The shape of a real /latest answer: a signed note.
const signedTreeHead = 'go.sum database tree\n31337\nx2Vd0tRZXZmDl2Ih1J1s+1fxbHvSc2Pq3X0tnTUhNQE=\n\n\u2014 sum.golang.org Az3grnmrIBCW4Hk9ktzTwjIYQg7JCYPPvNY7PAF2b/YZSoV5QPQPEx1XqvNyYtlSHAtZx3ViOu/XxDvcEYzMLeF8HwQ=\n';
const lookupRecord = '5983\ngolang.org/x/mod v0.20.0 h1:abc=\ngolang.org/x/mod v0.20.0/go.mod h1:def=\n\ngo.sum database tree\n31337\nx2Vd0tRZXZmDl2Ih1J1s+1fxbHvSc2Pq3X0tnTUhNQE=\n\n\u2014 sum.golang.org Az3g=\n';

describe('probeSumdb', () => {
  let tls: TlsFixtures;
  let server: TestServer;
  before(async () => {
    tls = await makeTlsFixtures();
    // /db/...        a database;  /proxy/sumdb/sum.golang.org/... a proxied one;
    // /private/...   Athens-style 403 for lookups;  /html/... a login portal.
    server = await startServer((request, response) => {
      const url = request.url ?? '';
      if (url.startsWith('/html/')) return send(response, 200, '<html>login</html>', 'text/html');
      if (url.endsWith('/latest')) return send(response, 200, signedTreeHead);
      if (url.startsWith('/private/')) return send(response, 403, 'forbidden: private module path');
      if (url.includes('/lookup/golang.org/x/mod@v0.20.0')) return send(response, 200, lookupRecord);
      if (url.includes('/lookup/github.com/!azure/go@v1.0.0')) return send(response, 200, lookupRecord);
      if (url.includes('/lookup/')) return send(response, 404, 'not found');
      send(response, 500, 'broken');
    }, tls.server);
  });
  after(async () => {
    await server.close();
    await tls.cleanup();
  });
  const env = (): NodeJS.ProcessEnv => ({ SSL_CERT_FILE: tls.ca.certPath });

  it('a database serving /latest and the lookup is ok', async () => {
    const result = await probeSumdb(`${server.url}/db`, { env: env(), budgetMs: 3000, lookup: { path: 'golang.org/x/mod', version: 'v0.20.0' } });
    assert.equal(result.ok, true, result.message);
    assert.equal(result.status, 200);
    assert.equal(result.errorClass, null);
    assert.deepEqual(server.hits.slice(-2).map((h) => h.path), ['/db/latest', '/db/lookup/golang.org/x/mod@v0.20.0']);
  });

  it('goes through <proxy>/sumdb/<name>/ and case-escapes the lookup', async () => {
    const result = await probeSumdb(`${server.url}/proxy/sumdb/sum.golang.org/`, { env: env(), budgetMs: 3000, lookup: { path: 'github.com/Azure/go', version: 'v1.0.0' } });
    assert.equal(result.ok, true, result.message);
    assert.equal(server.hits.at(-1)?.path, '/proxy/sumdb/sum.golang.org/lookup/github.com/!azure/go@v1.0.0');
  });

  it('only /latest when no lookup is asked', async () => {
    const before = server.hits.length;
    const result = await probeSumdb(`${server.url}/db`, { env: env(), budgetMs: 3000 });
    assert.equal(result.ok, true);
    assert.equal(server.hits.length, before + 1);
  });

  it('a lookup the database does not know fails verification (404) with a GONOSUMDB hint', async () => {
    const result = await probeSumdb(`${server.url}/db`, { env: env(), budgetMs: 3000, lookup: { path: 'example.com/private', version: 'v1.0.0' } });
    assert.equal(result.ok, false);
    assert.equal(result.status, 404);
    assert.match(result.fix ?? '', /GONOSUMDB/);
  });

  it('403 on a proxied database path says GONOSUMDB/GOPRIVATE (Athens)', async () => {
    const result = await probeSumdb(`${server.url}/private/sumdb/sum.golang.org`, { env: env(), budgetMs: 3000, lookup: { path: 'corp.example.com/x', version: 'v1.0.0' } });
    assert.equal(result.ok, false);
    assert.equal(result.errorClass, 'http-403');
    assert.match(result.fix ?? '', /GONOSUMDB/);
    assert.match(result.message, /server response: forbidden: private module path/);
  });

  it('an HTML login page on /latest is not-module-protocol', async () => {
    const result = await probeSumdb(`${server.url}/html`, { env: env(), budgetMs: 3000 });
    assert.equal(result.errorClass, 'not-module-protocol');
  });

  it('without the CA it is tls-unknown-ca; closed port refused; silent server bounded', async () => {
    const untrusted = await probeSumdb(`${server.url}/db`, { env: {}, budgetMs: 3000 });
    assert.equal(untrusted.errorClass, 'tls-unknown-ca');
    const refused = await probeSumdb(`https://127.0.0.1:${await closedPort()}`, { env: {}, budgetMs: 3000 });
    assert.equal(refused.errorClass, 'refused');
    const silent = await startSilentServer();
    try {
      const startedAt = Date.now();
      const hung = await probeSumdb(silent.url, { env: {}, budgetMs: 1000 });
      assert.equal(hung.errorClass, 'headers-timeout');
      assert.ok(Date.now() - startedAt < 1000 + 1500);
    } finally {
      await silent.close();
    }
  });

  it('redacts userinfo in baseUrl and messages', async () => {
    const result = await probeSumdb(`http://me:sumdb-secret@127.0.0.1:${await closedPort()}`, { env: {}, budgetMs: 1000 });
    assert.equal(result.errorClass, 'insecure-credentials');
    assert.ok(!result.baseUrl.includes('sumdb-secret'));
    assert.ok(!result.message.includes('sumdb-secret'));
  });
});
