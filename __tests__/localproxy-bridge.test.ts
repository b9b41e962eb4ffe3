// The mTLS bridge against real loopback HTTPS module proxies that demand a client certificate
// (certificates made at test time), with the real go command as the client.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { generateModuleGraph, startModuleProxy, type ModuleProxy } from './fixtures/moduleProxy.js';
import { makeTlsFixtures, type TlsFixtures } from './fixtures/tls.js';
import { makeClientCertificates, type ClientCertificates } from './fixtures/clientCerts.js';
import { startOpensslServer } from './fixtures/opensslServer.js';
import { isolatedGoEnv, requireGo } from './helpers/go.js';
import { runProcess } from './helpers/process.js';
import { withTempDir, writeFiles } from './helpers/e2e.js';
import { startInProcess, type InProcessProxy } from './helpers/localProxy.js';
import { probeTargets } from '../src/probe/probe.js';
import { DEFAULT_TIMEOUTS } from '../src/localproxy/config.js';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  complete: boolean;
}

function get(url: string, timeoutMs = 15_000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body, complete: response.complete }));
      response.on('error', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body, complete: false }));
      response.on('aborted', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body, complete: false }));
    });
    request.setTimeout(timeoutMs, () => request.destroy(new Error('test client timeout')));
    request.on('error', reject);
  });
}

describe('the mTLS bridge', () => {
  let tls: TlsFixtures;
  let certs: ClientCertificates;
  let upstream: ModuleProxy;
  let second: ModuleProxy;
  let bridge: InProcessProxy;
  const graph = generateModuleGraph(12, 3000, 7);
  const onlyInSecond = { path: 'example.com/second/only', version: 'v1.0.0' };

  before(async () => {
    tls = await makeTlsFixtures();
    certs = await makeClientCertificates(tls);
    const mtls = { key: tls.server.key, cert: tls.server.cert, clientCa: tls.ca.cert };
    upstream = await startModuleProxy(graph.modules, { tls: mtls, basePath: '/api/go/virtual', sumdbSupported: { 'sum.golang.org': 200 } });
    second = await startModuleProxy([onlyInSecond, { path: 'example.com/second/gone-in-first', version: 'v1.0.0' }], { tls: mtls });
    bridge = await startInProcess({
      upstreams: [{ index: 1, url: upstream.url }, { index: 2, url: second.url }],
      clientCertificate: certs.client,
      networkEnv: { SSL_CERT_FILE: tls.ca.certPath },
      timeouts: { ...DEFAULT_TIMEOUTS, headersMs: 1500, bodyIdleMs: 1500 },
    });
  });
  after(async () => {
    await bridge?.close();
    await upstream?.close();
    await second?.close();
    await tls?.cleanup();
  });

  test('the real go command downloads a module graph through the exported GOPROXY', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('bridge-go-', async (root) => {
      const work = path.join(root, 'work');
      await writeFiles(work, { 'go.mod': graph.mainGoMod('example.com/app'), 'main.go': graph.mainGo(), 'go.sum': `${upstream.sumLines().join('\n')}\n` });
      const env = { ...isolatedGoEnv(root), PATH: path.dirname(go), GOPROXY: `${bridge.url}/1`, GOSUMDB: 'off', GOFLAGS: '-mod=mod' };
      const result = await runProcess(go, ['mod', 'download'], { cwd: work, env, timeoutMs: 120_000 });
      assert.equal(result.code, 0, result.stderr);
      // go verified every zip and go.mod against go.sum: the bytes came through intact.
      const downloaded = await readdir(path.join(root, 'gopath', 'pkg', 'mod', 'cache', 'download', 'github.com'));
      assert.ok(downloaded.length > 0);
      for (const module of graph.selected) {
        const escaped = module.path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
        await readFile(path.join(root, 'gopath', 'pkg', 'mod', 'cache', 'download', ...escaped.split('/'), '@v', `${module.version}.zip`));
      }
      assert.ok(upstream.requests.some((line) => line.startsWith('GET /api/go/virtual/github.com/') && line.endsWith('.zip')));
    });
  });

  test('without the certificate the probe reports tls-client-cert-required and names the inputs', async () => {
    const [result] = await probeTargets([{ url: upstream.url, role: 'proxy' }], { modules: [], sumdbName: null, budgetMs: 8000, env: { SSL_CERT_FILE: tls.ca.certPath } });
    assert.equal(result?.errorClass, 'tls-client-cert-required', result?.message);
    assert.match(result?.message ?? '', /requires a TLS client certificate/);
    assert.match(result?.fix ?? '', /client-certificate and client-key/);
  });

  test('through the bridge, the probe sees the upstream healthy, and a refused certificate as tls-client-cert-required', async () => {
    const [healthy] = await probeTargets([{ url: `${bridge.url}/1`, role: 'proxy' }], { modules: [graph.selected[0]!], sumdbName: 'sum.golang.org', budgetMs: 8000, env: {} });
    assert.equal(healthy?.ok, true, healthy?.message);
    assert.equal(healthy?.sumdbSupported, 'yes');

    // OpenSSL's server refuses an unknown client certificate with a TLS alert after the handshake.
    const strict = await startOpensslServer({ root: tls.dir, certFile: tls.server.certPath, keyFile: path.join(tls.dir, 'server.key'), clientCaFile: tls.ca.certPath });
    const wrong = await startInProcess({ upstreams: [{ index: 1, url: strict.url }], clientCertificate: certs.selfSigned, networkEnv: { SSL_CERT_FILE: tls.ca.certPath } });
    try {
      const [refused] = await probeTargets([{ url: `${wrong.url}/1`, role: 'proxy' }], { modules: [], sumdbName: null, budgetMs: 8000, env: {} });
      assert.equal(refused?.errorClass, 'tls-client-cert-required', refused?.message);
      assert.match(refused?.message ?? '', /through the action's loopback bridge: .*refused the client certificate from the client-certificate input \(TLS alert: unknown ca\)/);
      assert.match(refused?.fix ?? '', /client-certificate is the certificate this server expects/);
      assert.ok(wrong.log.stats.errors >= 1);
    } finally {
      await wrong.close();
      await strict.close();
    }
  });

  test('status codes are kept: 404/410 fall through with ",", a 5xx stops the go command', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('bridge-status-', async (root) => {
      const work = path.join(root, 'work');
      await writeFiles(work, { 'go.mod': 'module example.com/app\n\ngo 1.21\n' });
      const env = { ...isolatedGoEnv(root), PATH: path.dirname(go), GOPROXY: `${bridge.url}/1,${bridge.url}/2`, GOSUMDB: 'off', GOFLAGS: '-mod=mod' };
      const fetched = await runProcess(go, ['mod', 'download', '-json', `${onlyInSecond.path}@${onlyInSecond.version}`], { cwd: work, env, timeoutMs: 60_000 });
      assert.equal(fetched.code, 0, fetched.stderr);
      assert.ok(second.requests.includes(`GET /${onlyInSecond.path}/@v/${onlyInSecond.version}.info`));

      // 410 from the first: still "not found" for go, so it asks the second.
      upstream.setFault('/example.com/second/gone-in-first', { status: 410, body: 'gone\n' });
      const gone = await get(`${bridge.url}/1/example.com/second/gone-in-first/@v/v1.0.0.info`);
      assert.equal(gone.status, 410);
      assert.equal(gone.body, 'gone\n');
      const fallthrough = await runProcess(go, ['mod', 'download', '-json', 'example.com/second/gone-in-first@v1.0.0'], { cwd: work, env, timeoutMs: 60_000 });
      assert.equal(fallthrough.code, 0, fallthrough.stderr);

      // A 500 from the first stops go: the second is never asked.
      upstream.setFault('/example.com/second/broken', { status: 500, body: 'internal error\n' });
      const before = second.requests.length;
      const broken = await runProcess(go, ['mod', 'download', '-json', 'example.com/second/broken@v1.0.0'], { cwd: work, env, timeoutMs: 60_000 });
      assert.notEqual(broken.code, 0);
      assert.match(broken.stdout + broken.stderr, /500 Internal Server Error/);
      assert.equal(second.requests.slice(before).filter((line) => line.includes('example.com/second/broken')).length, 0);
    });
  });

  test('/sumdb/<name>/... passes through', async () => {
    const supported = await get(`${bridge.url}/1/sumdb/sum.golang.org/supported`);
    assert.equal(supported.status, 200);
    const lookup = await get(`${bridge.url}/1/sumdb/sum.golang.org/lookup/example.com/x@v1.0.0`);
    assert.equal(lookup.status, 404);
    assert.ok(upstream.requests.includes('GET /api/go/virtual/sumdb/sum.golang.org/supported'));
    assert.ok(upstream.requests.includes('GET /api/go/virtual/sumdb/sum.golang.org/lookup/example.com/x@v1.0.0'));
  });

  test('an upstream that hangs is cut off: 504 before headers, a broken body after', async () => {
    upstream.setFault('/example.com/hangs', { kind: 'hang' });
    const started = Date.now();
    const hung = await get(`${bridge.url}/1/example.com/hangs/@v/list`);
    assert.equal(hung.status, 504);
    assert.match(hung.body, /^setup-goproxy bridge \[headers-timeout\]: /);
    assert.ok(Date.now() - started < 10_000, 'cut off near the 1.5 s deadline');

    const target = graph.selected[2]!;
    const escaped = target.path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
    upstream.setFault(`/${escaped}/@v/${target.version}.zip`, { kind: 'stall-body' });
    const stalled = await get(`${bridge.url}/1/${escaped}/@v/${target.version}.zip`);
    assert.equal(stalled.status, 200);
    assert.equal(stalled.complete, false, 'the client sees a truncated body, not a complete one');
    assert.ok(bridge.log.stats.recentErrors.some((line) => /body was cut off/.test(line)));
  });

  test('redirects are followed inside the bridge, with the certificate; https to http is refused', async () => {
    const target = graph.selected[1]!;
    const escaped = target.path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
    upstream.setFault('/moved', { kind: 'redirect', to: `${upstream.url}/${escaped}/@v/${target.version}.info` });
    const moved = await get(`${bridge.url}/1/moved/@v/list`);
    assert.equal(moved.status, 200);
    assert.equal(JSON.parse(moved.body).Version, target.version);
    upstream.setFault('/insecure', { kind: 'redirect', to: 'http://127.0.0.1:1/x' });
    const insecure = await get(`${bridge.url}/1/insecure/@v/list`);
    assert.equal(insecure.status, 502);
    assert.match(insecure.body, /\[redirect-insecure\]/);
  });

  test('.netrc credentials for the upstream host are sent by the bridge (the go command sends none over http)', async () => {
    const seen: string[] = [];
    const server = https.createServer({ key: tls.server.key, cert: tls.server.cert, ca: tls.ca.cert, requestCert: true, rejectUnauthorized: true }, (request, response) => {
      seen.push(request.headers.authorization ?? '');
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('v1.0.0\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const withNetrc = await startInProcess({
      upstreams: [{ index: 1, url: `https://127.0.0.1:${port}/go` }],
      clientCertificate: certs.client,
      netrc: [{ machine: `127.0.0.1:${port}`, login: 'ci', password: 'netrc-secret' }],
      networkEnv: { SSL_CERT_FILE: tls.ca.certPath },
    });
    try {
      const answer = await get(`${withNetrc.url}/1/example.com/x/@v/list`);
      assert.equal(answer.status, 200);
      assert.deepEqual(seen, [`Basic ${Buffer.from('ci:netrc-secret').toString('base64')}`]);
    } finally {
      await withNetrc.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
