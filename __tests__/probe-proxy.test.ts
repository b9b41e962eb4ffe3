// The probe goes through a REAL forward proxy (squid / tinyproxy from Debian)
// exactly when the go command would. Loopback targets are never proxied, so
// the targets use the made-up name proxy-target.test, which only squid can
// resolve (hosts_file -> 127.0.0.1): a request that reaches the server by that
// name can only have gone through the proxy. The probe itself never resolves
// the name (CONNECT carries it), so no real DNS is involved.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { probeTargets } from '../src/probe/probe.js';
import type { ProbeOptions, ProbeResult } from '../src/probe/probe.js';
import { startForwardProxy } from './fixtures/forwardProxy.js';
import type { ForwardProxy } from './fixtures/forwardProxy.js';
import { closedPort, send, startServer, startSilentServer } from './fixtures/probeServer.js';
import type { TestServer } from './fixtures/probeServer.js';
import { makeTlsFixtures } from './fixtures/tls.js';
import type { TlsFixtures } from './fixtures/tls.js';

const baseOptions: ProbeOptions = { modules: [], sumdbName: null, budgetMs: 4000, env: {} };

async function probeOne(url: string, options: Partial<ProbeOptions> = {}): Promise<ProbeResult> {
  const [result] = await probeTargets([{ url, role: 'proxy' }], { ...baseOptions, ...options });
  assert.ok(result);
  return result;
}

describe('probeTargets through a forward proxy', () => {
  let tls: TlsFixtures;
  let squid: ForwardProxy;
  let httpsServer: TestServer;
  let httpServer: TestServer;

  before(async () => {
    tls = await makeTlsFixtures();
    squid = await startForwardProxy({ kind: 'squid', hosts: { 'proxy-target.test': '127.0.0.1' } });
    const handler = (request: { headers: { host?: string } }, response: Parameters<typeof send>[0]): void =>
      send(response, 200, `v1.0.0\n`, `text/plain; host=${request.headers.host ?? ''}`);
    httpsServer = await startServer(handler, tls.server);
    httpServer = await startServer(handler);
  });
  after(async () => {
    await Promise.all([squid.close(), httpsServer.close(), httpServer.close()]);
    await tls.cleanup();
  });

  it('HTTPS_PROXY: an https target is reached with CONNECT through squid', async () => {
    const target = `https://proxy-target.test:${httpsServer.port}`;
    const result = await probeOne(target, { env: { HTTPS_PROXY: squid.url, SSL_CERT_FILE: tls.ca.certPath } });
    assert.equal(result.verdict, 'healthy', result.message);
    assert.equal(httpsServer.hits.at(-1)?.headers.host, `proxy-target.test:${httpsServer.port}`);
    const connects = await squid.waitForRequests((e) => e.method === 'CONNECT' && e.target === `proxy-target.test:${httpsServer.port}`);
    assert.equal(connects.length, 1);
  });

  it('https_proxy (lowercase) works the same; HTTP_PROXY alone is not used for https', async () => {
    const target = `https://proxy-target.test:${httpsServer.port}`;
    const lower = await probeOne(target, { env: { https_proxy: squid.url, SSL_CERT_FILE: tls.ca.certPath } });
    assert.equal(lower.verdict, 'healthy', lower.message);
    // Only HTTP_PROXY set: an https target goes direct (0.0.0.0 is not loopback for Go, and
    // needs no DNS); nothing listens there, so it is refused without touching squid.
    const before = (await squid.requests()).length;
    const onlyHttpProxy = await probeOne(`https://0.0.0.0:${await closedPort()}`, {
      env: { HTTP_PROXY: squid.url, SSL_CERT_FILE: tls.ca.certPath },
    });
    assert.equal(onlyHttpProxy.errorClass, 'refused');
    assert.equal(onlyHttpProxy.verdict, 'unhealthy');
    assert.ok(!onlyHttpProxy.message.includes('via forward proxy'), onlyHttpProxy.message);
    assert.equal((await squid.requests()).length, before);
  });

  it('HTTP_PROXY: an http target is sent to squid in absolute form (no CONNECT), like Go', async () => {
    const target = `http://proxy-target.test:${httpServer.port}/base`;
    const result = await probeOne(target, { env: { HTTP_PROXY: squid.url } });
    assert.equal(result.verdict, 'healthy', result.message);
    const gets = await squid.waitForRequests((e) => e.method === 'GET' && e.target === `${target}/golang.org/x/mod/@v/list`);
    assert.equal(gets.length, 1);
    assert.equal(httpServer.hits.at(-1)?.path, '/base/golang.org/x/mod/@v/list');
  });

  it('through the proxy a target that refuses connections is proxy-connect (squid answers CONNECT with 503)', async () => {
    const port = await closedPort();
    const result = await probeOne(`https://proxy-target.test:${port}`, { env: { HTTPS_PROXY: squid.url } });
    assert.equal(result.errorClass, 'proxy-connect');
    assert.match(result.message, /CONNECT answered 503/);
    assert.match(result.fix ?? '', /NO_PROXY/);
  });

  it('a plain-http 503 from the proxy is reported as http-5xx via the forward proxy', async () => {
    const port = await closedPort();
    const result = await probeOne(`http://proxy-target.test:${port}`, { env: { HTTP_PROXY: squid.url } });
    assert.equal(result.errorClass, 'http-5xx');
    assert.match(result.message, /via forward proxy http:\/\/127\.0\.0\.1/);
  });

  it('loopback and localhost targets are never proxied, whatever the variables say', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}`;
    const env = { HTTPS_PROXY: dead, HTTP_PROXY: dead };
    const https = await probeOne(`https://localhost:${httpsServer.port}`, { env: { ...env, SSL_CERT_FILE: tls.ca.certPath } });
    assert.equal(https.verdict, 'healthy', https.message);
    const http = await probeOne(httpServer.url, { env });
    assert.equal(http.verdict, 'healthy', http.message);
  });
});

describe('NO_PROXY and broken proxies', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer((_request, response) => send(response, 200, 'v1.0.0\n'));
  });
  after(() => server.close());

  // 0.0.0.0 is not a loopback address for Go (so it is proxied), but Linux
  // delivers a connection to it to the local host: a DNS-free non-loopback target.
  it('without NO_PROXY a non-loopback target goes to the (dead) proxy: refused via forward proxy', async () => {
    const deadProxy = `http://user:proxy-pw@127.0.0.1:${await closedPort()}`;
    const result = await probeOne(`http://0.0.0.0:${server.port}`, { env: { HTTP_PROXY: deadProxy } });
    assert.equal(result.errorClass, 'refused');
    assert.match(result.message, /forward proxy/);
    assert.match(result.fix ?? '', /HTTP_PROXY/);
    for (const text of [result.message, result.fix ?? '']) assert.ok(!text.includes('proxy-pw'), text);
    assert.equal(server.hits.length, 0);
  });

  for (const noProxy of ['0.0.0.0', '0.0.0.0/8', `0.0.0.0:${'PORT'}`, '*', 'example.com, 0.0.0.0']) {
    it(`NO_PROXY=${noProxy} bypasses the proxy`, async () => {
      const deadProxy = `http://127.0.0.1:${await closedPort()}`;
      const value = noProxy.replace('PORT', String(server.port));
      const result = await probeOne(`http://0.0.0.0:${server.port}`, { env: { HTTP_PROXY: deadProxy, no_proxy: value } });
      assert.equal(result.verdict, 'healthy', result.message);
    });
  }

  it('NO_PROXY with another port does not bypass', async () => {
    const deadProxy = `http://127.0.0.1:${await closedPort()}`;
    const result = await probeOne(`http://0.0.0.0:${server.port}`, { env: { HTTP_PROXY: deadProxy, NO_PROXY: '0.0.0.0:1' } });
    assert.equal(result.errorClass, 'refused');
  });

  it('a forward proxy that accepts and never answers CONNECT costs at most the budget', async () => {
    const silent = await startSilentServer();
    try {
      const startedAt = Date.now();
      const result = await probeOne('https://proxy-target.test:1', { env: { HTTPS_PROXY: silent.url }, budgetMs: 1200 });
      assert.ok(Date.now() - startedAt < 1200 + 1500, `took ${Date.now() - startedAt} ms`);
      assert.equal(result.errorClass, 'connect-timeout');
      assert.match(result.message, /through the forward proxy/);
    } finally {
      await silent.close();
    }
  });

  it('a forward proxy that refuses CONNECT is proxy-connect (tinyproxy)', async () => {
    const tinyproxy = await startForwardProxy({ kind: 'tinyproxy', denyConnect: true });
    try {
      const result = await probeOne(`https://proxy-target.test:${server.port}`, { env: { HTTPS_PROXY: tinyproxy.url } });
      assert.equal(result.verdict, 'unhealthy');
      assert.equal(result.errorClass, 'proxy-connect');
      assert.match(result.message, /CONNECT answered 403/);
      assert.match(result.fix ?? '', /HTTPS_PROXY/);
      const logged = await tinyproxy.waitForRequests((e) => e.method === 'CONNECT');
      assert.deepEqual(logged.map((e) => e.target), [`proxy-target.test:${server.port}`]);
    } finally {
      await tinyproxy.close();
    }
  });

  it('a forward proxy that refuses CONNECT by ACL is proxy-connect (squid)', async () => {
    const squid = await startForwardProxy({ kind: 'squid', hosts: { 'proxy-target.test': '127.0.0.1' }, denyConnect: true });
    try {
      const result = await probeOne(`https://proxy-target.test:${server.port}`, { env: { HTTPS_PROXY: squid.url } });
      assert.equal(result.errorClass, 'proxy-connect');
      assert.match(result.message, /403/);
    } finally {
      await squid.close();
    }
  });
});
