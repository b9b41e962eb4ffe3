// The loopback proxy as a real background process (from the TypeScript entry): started with its
// config in a 0600 file it deletes once read, ready within its deadline, stopped by the post
// step's logic, and what happens on a port clash, a crash, a hang, a wrong pid, and a 200 MB body.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeTlsFixtures, type TlsFixtures } from './fixtures/tls.js';
import { makeClientCertificates, type ClientCertificates } from './fixtures/clientCerts.js';
import { isolatedGoEnv, requireGo } from './helpers/go.js';
import { runProcess } from './helpers/process.js';
import { writeFiles } from './helpers/e2e.js';
import { assertGone, isAlive, killQuietly, launchConfig, PROXY_FROM_SOURCE } from './helpers/localProxy.js';
import { launchLocalProxy, LocalProxyStartError, type LaunchedProxy, type LaunchConfig } from '../src/localproxy/launch.js';
import { stopLocalProxy } from '../src/localproxy/stop.js';
import { encodeLocalProxyState } from '../src/localproxy/state.js';
import { controlRequest } from '../src/localproxy/control.js';

const READY_DEADLINE_MS = 20_000;

function stateText(proxy: LaunchedProxy): string {
  return encodeLocalProxyState({ version: 1, pid: proxy.pid, port: proxy.port, token: proxy.token, dir: proxy.dir, configFile: proxy.configFile, logFile: proxy.logFile });
}

describe('the proxy process', () => {
  let runnerTemp: string;
  let tls: TlsFixtures;
  let certs: ClientCertificates;
  const started: number[] = [];
  const launch = async (config: Partial<LaunchConfig> = {}, readyTimeoutMs = READY_DEADLINE_MS): Promise<LaunchedProxy> => {
    const proxy = await launchLocalProxy({ runnerTemp, config: launchConfig(config), command: PROXY_FROM_SOURCE, readyTimeoutMs, env: process.env, platform: process.platform });
    started.push(proxy.pid);
    return proxy;
  };

  before(async () => {
    runnerTemp = await mkdtemp(path.join(tmpdir(), 'proxy-runner-temp-'));
    tls = await makeTlsFixtures();
    certs = await makeClientCertificates(tls);
  });
  after(async () => {
    for (const pid of started) killQuietly(pid);
    await tls?.cleanup();
    await rm(runnerTemp, { recursive: true, force: true, maxRetries: 3 });
  });

  test('ready within its deadline; the secret config file is gone once read; stopped by the post step with nothing left', async () => {
    const proxy = await launch({ upstreams: [{ index: 1, url: 'https://127.0.0.1:1/go' }], clientCertificate: certs.client });
    assert.equal(existsSync(proxy.configFile), false, 'the proxy deletes its config file as soon as it has read it');
    if (process.platform !== 'win32') {
      assert.equal((await stat(proxy.dir)).mode & 0o777, 0o700);
      assert.equal((await stat(proxy.logFile)).mode & 0o777, 0o600);
    }
    const stats = JSON.parse((await controlRequest(proxy.port, proxy.token, 'stats', undefined, 5000)).body);
    assert.equal(stats.requests, 0);

    const result = await stopLocalProxy(stateText(proxy), { platform: process.platform });
    assert.equal(result.outcome, 'stopped');
    assert.match(result.lines[0] ?? '', /0 requests \(0 bridged\), 0 errors, peak memory \d+ MiB; stopped\./);
    await assertGone(proxy.pid);
    assert.equal(existsSync(proxy.dir), false);
    assert.deepEqual(await readdir(runnerTemp), []);
  });

  test('a port clash is a clear start error and leaves no process and no file', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      await assert.rejects(launch({ port, clientCertificate: certs.client }), (error: unknown) => error instanceof LocalProxyStartError && error.message.includes(`127.0.0.1:${port} is already in use`) && !error.message.includes('PRIVATE KEY'));
      assert.deepEqual(await readdir(runnerTemp), []);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    // The normal case binds port 0: a second proxy beside a first one just gets another port.
    const first = await launch();
    const second = await launch();
    assert.notEqual(first.port, second.port);
    for (const proxy of [first, second]) assert.equal((await stopLocalProxy(stateText(proxy), { platform: process.platform })).outcome, 'stopped');
  });

  test('a process that never gets ready is killed at the deadline, its files removed', async () => {
    // Stands in for a proxy that hangs at start: it says where its pid is, then never reports ready.
    const script = "const p = require('path'); require('fs').writeFileSync(p.join(p.dirname(p.dirname(process.argv[1])), 'hanging.pid'), String(process.pid)); setInterval(() => {}, 1000)";
    const before = Date.now();
    await assert.rejects(
      launchLocalProxy({ runnerTemp, config: launchConfig(), command: { file: process.execPath, args: ['-e', script] }, readyTimeoutMs: 1500, env: process.env, platform: process.platform }),
      (error: unknown) => error instanceof LocalProxyStartError && /did not report ready within 1\.5 s/.test(error.message),
    );
    assert.ok(Date.now() - before < 10_000);
    const pidFile = path.join(runnerTemp, 'hanging.pid');
    await assertGone(Number(await readFile(pidFile, 'utf8')));
    await rm(pidFile);
    assert.deepEqual(await readdir(runnerTemp), []);
  });

  test('a crash: later go commands fail at once naming the loopback URL, and the post step says it died', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    const proxy = await launch({ upstreams: [{ index: 1, url: 'https://127.0.0.1:1/go' }] });
    process.kill(proxy.pid, 'SIGKILL');
    await assertGone(proxy.pid);
    const work = await mkdtemp(path.join(runnerTemp, 'work-'));
    await writeFiles(work, { 'go.mod': 'module example.com/app\n\ngo 1.21\n' });
    const result = await runProcess(go, ['mod', 'download', '-json', 'example.com/x@v1.0.0'], { cwd: work, env: { ...isolatedGoEnv(work), PATH: path.dirname(go), GOPROXY: `${proxy.url}/1`, GOSUMDB: 'off' }, timeoutMs: 60_000 });
    assert.notEqual(result.code, 0);
    assert.ok(!result.timedOut);
    assert.match(result.stdout + result.stderr, new RegExp(`127\\.0\\.0\\.1:${proxy.port}.*connection refused`));
    await rm(work, { recursive: true, force: true });

    const stopped = await stopLocalProxy(stateText(proxy), { platform: process.platform });
    assert.equal(stopped.outcome, 'died');
    assert.deepEqual(stopped.problems.map((problem) => problem.code), ['LOCAL_PROXY_DIED']);
    assert.match(stopped.problems[0]?.message ?? '', /was not running when the post step started.*Its log ends with: .*listening on 127\.0\.0\.1/);
    assert.equal(existsSync(proxy.dir), false);
  });

  test('a proxy that stops answering is killed by pid once its command line proves it is ours; a stranger with its pid is left alone', async () => {
    const proxy = await launch();
    process.kill(proxy.pid, 'SIGSTOP');
    const stopped = await stopLocalProxy(stateText(proxy), { platform: process.platform, controlTimeoutMs: 1000 });
    assert.equal(stopped.outcome, 'unresponsive');
    assert.deepEqual(stopped.problems.map((problem) => problem.code), ['LOCAL_PROXY_UNRESPONSIVE']);
    await assertGone(proxy.pid);

    // The proxy died and its pid now belongs to another process: that one must survive.
    const stranger = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      const reused = { ...proxy, pid: stranger.pid! };
      const result = await stopLocalProxy(stateText(reused), { platform: process.platform, controlTimeoutMs: 1000 });
      assert.equal(result.outcome, 'died');
      assert.equal(isAlive(stranger.pid!), true);
    } finally {
      stranger.kill('SIGKILL');
    }
  });

  test('a 200 MB zip streams through the bridge with bounded memory', async () => {
    const total = 200 * 1024 * 1024;
    const chunk = Buffer.alloc(1024 * 1024, 7);
    const server = https.createServer({ key: tls.server.key, cert: tls.server.cert, ca: tls.ca.cert, requestCert: true, rejectUnauthorized: true }, (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(total) });
      let sent = 0;
      const pump = (): void => {
        while (sent < total) {
          sent += chunk.length;
          if (!response.write(chunk)) {
            response.once('drain', pump);
            return;
          }
        }
        response.end();
      };
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const upstreamPort = (server.address() as AddressInfo).port;
    const proxy = await launch({ upstreams: [{ index: 1, url: `https://127.0.0.1:${upstreamPort}` }], clientCertificate: certs.client, networkEnv: { SSL_CERT_FILE: tls.ca.certPath } });
    try {
      const before = JSON.parse((await controlRequest(proxy.port, proxy.token, 'stats', undefined, 5000)).body).maxRssBytes as number;
      const hash = createHash('sha256');
      const received = await new Promise<number>((resolve, reject) => {
        http.get(`${proxy.url}/1/example.com/big/@v/v1.0.0.zip`, { agent: false }, (response) => {
          let bytes = 0;
          response.on('data', (data: Buffer) => {
            bytes += data.length;
            hash.update(data);
          });
          response.on('end', () => resolve(bytes));
          response.on('error', reject);
        }).on('error', reject);
      });
      assert.equal(received, total);
      const expected = createHash('sha256');
      for (let i = 0; i < total / chunk.length; i++) expected.update(chunk);
      assert.equal(hash.digest('hex'), expected.digest('hex'));
      const afterStats = JSON.parse((await controlRequest(proxy.port, proxy.token, 'stats', undefined, 5000)).body);
      const growth = (afterStats.maxRssBytes as number) - before;
      // Buffering the body would grow the proxy by at least 200 MiB.
      assert.ok(growth < 64 * 1024 * 1024, `peak RSS grew by ${(growth / 1048576).toFixed(0)} MiB while streaming 200 MiB`);
      assert.equal(afterStats.bytesOut, total);
    } finally {
      await stopLocalProxy(stateText(proxy), { platform: process.platform });
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('a key TLS cannot load fails the start with a message that never quotes it', async () => {
    const garbage = '-----BEGIN PRIVATE KEY-----\nTUlJQ0VVTEFURUQtS0VZLVRFWFQ=\n-----END PRIVATE KEY-----\n';
    await assert.rejects(launch({ upstreams: [{ index: 1, url: 'https://127.0.0.1:1' }], clientCertificate: { cert: certs.client.cert, key: garbage } }), (error: unknown) => error instanceof LocalProxyStartError && /could not be loaded into TLS/.test(error.message) && !error.message.includes('TUlJQ0VVTEFURUQ'));
    assert.deepEqual(await readdir(runnerTemp), []);
  });
});
