// TLS outcomes with certificates made at test time: unknown CA, self-signed,
// expired, wrong host name, and trust added through SSL_CERT_FILE /
// SSL_CERT_DIR exactly as the go command would read it. Also https-specific
// behaviour: https->http redirects, netrc and userinfo Basic auth.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { probeTargets } from '../src/probe/probe.js';
import type { ProbeOptions, ProbeResult } from '../src/probe/probe.js';
import { send, startServer } from './fixtures/probeServer.js';
import type { TestServer } from './fixtures/probeServer.js';
import { makeTlsFixtures } from './fixtures/tls.js';
import type { TlsFixtures } from './fixtures/tls.js';

const baseOptions: ProbeOptions = { modules: [], sumdbName: null, budgetMs: 3000, env: {} };

async function probeOne(url: string, options: Partial<ProbeOptions> = {}): Promise<ProbeResult> {
  const [result] = await probeTargets([{ url, role: 'proxy' }], { ...baseOptions, ...options });
  assert.ok(result);
  return result;
}

const versionList = (_request: unknown, response: Parameters<typeof send>[0]): void => send(response, 200, 'v1.0.0\n');

describe('probeTargets over TLS', () => {
  let tls: TlsFixtures;
  let good: TestServer;
  let selfSigned: TestServer;
  let expired: TestServer;
  let wrongHost: TestServer;
  const caEnv = (): NodeJS.ProcessEnv => ({ SSL_CERT_FILE: tls.ca.certPath });

  before(async () => {
    tls = await makeTlsFixtures();
    good = await startServer(versionList, tls.server);
    selfSigned = await startServer(versionList, tls.selfSigned);
    expired = await startServer(versionList, tls.expired);
    wrongHost = await startServer(versionList, tls.wrongHost);
  });
  after(async () => {
    await Promise.all([good, selfSigned, expired, wrongHost].map((s) => s.close()));
    await tls.cleanup();
  });

  it('a certificate from an unknown CA is tls-unknown-ca with the SSL_CERT_FILE / NODE_EXTRA_CA_CERTS fix', async () => {
    const result = await probeOne(good.url);
    assert.equal(result.verdict, 'unhealthy');
    assert.equal(result.errorClass, 'tls-unknown-ca');
    assert.match(result.fix ?? '', /TLS-inspecting/);
    assert.match(result.fix ?? '', /SSL_CERT_FILE/);
    assert.match(result.fix ?? '', /SSL_CERT_DIR/);
    assert.match(result.fix ?? '', /NODE_EXTRA_CA_CERTS/);
  });

  it('a self-signed certificate is tls-unknown-ca', async () => {
    const result = await probeOne(selfSigned.url);
    assert.equal(result.errorClass, 'tls-unknown-ca');
    assert.match(result.message, /SELF_SIGNED/);
  });

  it('the CA given through SSL_CERT_FILE makes it pass', async () => {
    const result = await probeOne(good.url, { env: caEnv() });
    assert.equal(result.verdict, 'healthy', result.message);
  });

  it('the CA given through SSL_CERT_DIR (colon-separated list) makes it pass', async () => {
    const result = await probeOne(good.url, { env: { SSL_CERT_DIR: `/nonexistent-dir:${tls.caDir}` } });
    assert.equal(result.verdict, 'healthy', result.message);
  });

  it('localhost is verified against the certificate names too', async () => {
    const result = await probeOne(`https://localhost:${good.port}`, { env: caEnv() });
    assert.equal(result.verdict, 'healthy', result.message);
  });

  it('the self-signed certificate itself in SSL_CERT_FILE makes it pass (as in Go)', async () => {
    const result = await probeOne(selfSigned.url, { env: { SSL_CERT_FILE: tls.selfSigned.certPath } });
    assert.equal(result.verdict, 'healthy', result.message);
  });

  it('an expired certificate is tls-expired', async () => {
    const result = await probeOne(expired.url, { env: caEnv() });
    assert.equal(result.errorClass, 'tls-expired');
    assert.match(result.message, /expired/);
  });

  it('a certificate for another host name is tls-hostname', async () => {
    const result = await probeOne(wrongHost.url, { env: caEnv() });
    assert.equal(result.errorClass, 'tls-hostname');
    assert.match(result.fix ?? '', /subjectAltName/);
  });

  it('https:// to a plain-HTTP port is tls-other with a "use http://" fix', async () => {
    const plain = await startServer(versionList);
    try {
      const result = await probeOne(`https://127.0.0.1:${plain.port}`);
      assert.equal(result.errorClass, 'tls-other');
      assert.match(result.fix ?? '', /http:\/\//);
    } finally {
      await plain.close();
    }
  });

  it('a redirect from https to http is redirect-insecure', async () => {
    const plain = await startServer(versionList);
    const redirecting = await startServer((_request, response) => {
      response.writeHead(302, { location: `${plain.url}/x/golang.org/x/mod/@v/list` });
      response.end();
    }, tls.server);
    try {
      const result = await probeOne(redirecting.url, { env: caEnv() });
      assert.equal(result.errorClass, 'redirect-insecure');
      assert.equal(plain.hits.length, 0);
    } finally {
      await Promise.all([plain.close(), redirecting.close()]);
    }
  });

  it('netrc Basic auth is sent over https for the matching host:port', async () => {
    const server = await startServer((request, response) => {
      if (request.headers.authorization === `Basic ${Buffer.from('bob:netrc-pw').toString('base64')}`) return send(response, 200, 'v1.0.0\n');
      send(response, 401, 'unauthorized');
    }, tls.server);
    try {
      const ok = await probeOne(server.url, { env: caEnv(), netrc: [{ machine: `127.0.0.1:${server.port}`, login: 'bob', password: 'netrc-pw' }] });
      assert.equal(ok.verdict, 'healthy', ok.message);
      // `machine 127.0.0.1` does not match a URL with a port (Go compares host[:port] as written).
      const noPort = await probeOne(server.url, { env: caEnv(), netrc: [{ machine: '127.0.0.1', login: 'bob', password: 'netrc-pw' }] });
      assert.equal(noPort.errorClass, 'http-401');
      assert.ok(!noPort.message.includes('netrc-pw'));
    } finally {
      await server.close();
    }
  });

  it('userinfo in an https URL is sent as Basic auth and redacted everywhere', async () => {
    const server = await startServer((request, response) => {
      if (request.headers.authorization === `Basic ${Buffer.from('user:tok3n-value').toString('base64')}`) return send(response, 403, 'denied for user');
      send(response, 401, 'unauthorized');
    }, tls.server);
    try {
      const result = await probeOne(`https://user:tok3n-value@127.0.0.1:${server.port}/`, { env: caEnv() });
      assert.equal(result.errorClass, 'http-403');
      assert.equal(result.url, `https://***@127.0.0.1:${server.port}/`);
      for (const text of [result.url, result.message, result.fix ?? '']) assert.ok(!text.includes('tok3n-value'), text);
    } finally {
      await server.close();
    }
  });

  it('netrc credentials are dropped on a redirect to another host', async () => {
    const other = await startServer((request, response) => send(response, request.headers.authorization === undefined ? 200 : 500, 'v1.0.0\n'), tls.server);
    const first = await startServer((_request, response) => {
      response.writeHead(302, { location: `https://localhost:${other.port}/golang.org/x/mod/@v/list` });
      response.end();
    }, tls.server);
    try {
      const result = await probeOne(first.url, { env: caEnv(), netrc: [{ machine: `127.0.0.1:${first.port}`, login: 'a', password: 'b-secret' }] });
      assert.equal(result.verdict, 'healthy', result.message);
      assert.ok(first.hits[0]?.headers.authorization !== undefined);
      assert.equal(other.hits[0]?.headers.authorization, undefined);
    } finally {
      await Promise.all([other.close(), first.close()]);
    }
  });
});
