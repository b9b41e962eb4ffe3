// End to end through dist/ with the runner emulation: the loopback proxy started by main (mTLS
// bridge + served cache), used by later steps, stopped by post (also after a failed main), and
// the client key nowhere it must not be.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { generateModuleGraph, startModuleProxy, type ModuleProxy } from './fixtures/moduleProxy.js';
import { makeTlsFixtures, type TlsFixtures } from './fixtures/tls.js';
import { makeClientCertificates, type ClientCertificates } from './fixtures/clientCerts.js';
import { findGo, isolatedGoEnv } from './helpers/go.js';
import { runProcess } from './helpers/process.js';
import { runAction, withTempDir } from './helpers/e2e.js';
import { assertGone, isAlive, killQuietly } from './helpers/localProxy.js';
import type { StepResult } from '../scripts/runner/emulate.js';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

function proxyPid(step: StepResult): number {
  return (JSON.parse(step.state['localproxy'] ?? '{}') as { pid?: number }).pid ?? 0;
}

describe('the loopback proxy end to end', () => {
  let tls: TlsFixtures;
  let certs: ClientCertificates;
  let upstream: ModuleProxy;
  const graph = generateModuleGraph(6, 1500, 3);
  const keyLines = (): string[] => certs.client.key.split('\n').filter((line) => line !== '' && !line.startsWith('-----'));
  const mtls = (): { key: string; cert: string; clientCa: string } => ({ key: tls.server.key, cert: tls.server.cert, clientCa: tls.ca.cert });

  before(async () => {
    tls = await makeTlsFixtures();
    certs = await makeClientCertificates(tls);
    upstream = await startModuleProxy([], { tls: mtls() });
  });
  after(async () => {
    await upstream?.close();
    await tls?.cleanup();
  });

  test('mTLS bridge and served cache: later steps download through both, post stops the proxy, the key is nowhere', async () => {
    const go = findGo();
    assert.ok(go !== null, 'the go binary is required');
    // Its own upstream: this test stops it to show the served cache needs none.
    const own = await startModuleProxy(graph.modules, { tls: mtls() });
    await withTempDir('e2e-localproxy-', async (root) => {
      const runnerTemp = path.join(root, 'runner-temp');
      await mkdir(runnerTemp, { recursive: true });
      let pid = 0;
      try {
        const run = await runAction(root, {
          files: { 'go.mod': graph.mainGoMod('example.com/app'), 'main.go': graph.mainGo(), 'go.sum': `${own.sumLines().join('\n')}\n` },
          inputs: { goproxy: own.url, gosumdb: 'off', cache: 'false', 'client-certificate': certs.client.cert, 'client-key': certs.client.key, 'serve-modules': 'true' },
          env: { SSL_CERT_FILE: tls.ca.certPath, RUNNER_TEMP: runnerTemp, RUNNER_TOOL_CACHE: path.join(root, 'tool-cache') },
          between: async (main) => {
            assert.equal(main.outcome, 'success', `${main.stdout}\n${main.stderr}`);
            pid = proxyPid(main);
            assert.ok(isAlive(pid), 'the proxy outlives the main step');
            const goproxy = main.outputs['goproxy'] ?? '';
            assert.match(goproxy, /^http:\/\/127\.0\.0\.1:\d+\/1$/);
            assert.equal(main.exportedEnv['GOPROXY'], goproxy);
            assert.equal(main.outputs['module-proxy'], goproxy.replace(/\/1$/, ''));
            assert.equal(main.exportedEnv['SETUP_GOPROXY_POST_ALWAYS'], 'true');
            assert.match(main.summary, /loopback mTLS bridge/);
            // The route picture draws the bridge and the served cache.
            assert.match(main.summary, /mTLS bridge \(loopback\)/);
            assert.match(main.summary, /served warm cache/);
            assert.ok(Number(main.outputs['modules-downloaded']) > 0, 'the pre-warm went through the bridge');

            // A later step: the job's exported env, a fresh module cache.
            const work = path.join(root, 'repo');
            const later = await runProcess(go, ['mod', 'download'], { cwd: work, env: { ...isolatedGoEnv(path.join(root, 'later')), PATH: path.dirname(go), ...main.exportedEnv }, timeoutMs: 120_000 });
            assert.equal(later.code, 0, later.stderr);
            // A container build on the runner's network: everything from the served cache, upstream gone.
            await own.close();
            const container = await runProcess(go, ['mod', 'download'], { cwd: work, env: { ...isolatedGoEnv(path.join(root, 'container')), PATH: path.dirname(go), GOPROXY: main.outputs['module-proxy'] ?? '', GOSUMDB: 'off', GOFLAGS: '-mod=mod' }, timeoutMs: 120_000 });
            assert.equal(container.code, 0, container.stderr);
          },
        });
        assert.equal(run.post?.outcome, 'success', run.post?.stdout);
        assert.match(run.post?.stdout ?? '', /loopback proxy \(pid \d+, http:\/\/127\.0\.0\.1:\d+\): \d+ requests \(\d+ bridged, \d+ from the module cache, 0 from the job's GOPROXY\).*; stopped\./);
        await assertGone(pid);
        // Nothing of the proxy is left in RUNNER_TEMP, and no file there holds the key.
        assert.deepEqual((await readdir(runnerTemp)).filter((name) => name.startsWith('setup-goproxy-proxy-')), []);
        const left = await Promise.all((await filesUnder(runnerTemp)).map((file) => readFile(file, 'utf8')));
        const shown = [run.main.stdout, run.main.stderr, run.main.summary, JSON.stringify(run.main.outputs), JSON.stringify(run.main.state), JSON.stringify(run.main.exportedEnv), JSON.stringify(run.main.annotations), run.post?.stdout ?? '', run.post?.stderr ?? '', ...left];
        for (const line of keyLines()) for (const text of shown) assert.ok(!text.includes(line), 'a line of the client key leaked');
        // The runner masks every line of the key, should anything print it.
        for (const line of keyLines()) assert.ok(run.main.masks.includes(line));
      } finally {
        killQuietly(pid || undefined);
        await own.close();
      }
    });
  });

  test('a failed main step still has its proxy stopped by the post step', async () => {
    await withTempDir('e2e-localproxy-failed-', async (root) => {
      let pid = 0;
      try {
        const run = await runAction(root, {
          files: { 'go.mod': 'module example.com/app\n\ngo 1.21\n' },
          // GOSUMDB=off is a warning: with fail-on: warning the main step fails after starting the bridge.
          inputs: { goproxy: upstream.url, gosumdb: 'off', cache: 'false', download: 'false', 'fail-on': 'warning', 'client-certificate': certs.client.cert, 'client-key': certs.client.key },
          env: { SSL_CERT_FILE: tls.ca.certPath },
        });
        pid = proxyPid(run.main);
        assert.equal(run.main.outcome, 'failure');
        assert.ok(pid > 0, 'the proxy was started');
        assert.ok(run.post !== null, run.postSkippedReason);
        assert.match(run.post.stdout, /stopped\./);
        await assertGone(pid);
      } finally {
        killQuietly(pid || undefined);
      }
    });
  });

  test('a wrong key is a clear input error and starts nothing', async () => {
    await withTempDir('e2e-localproxy-key-', async (root) => {
      const runnerTemp = path.join(root, 'runner-temp');
      await mkdir(runnerTemp, { recursive: true });
      const run = await runAction(root, {
        files: { 'go.mod': 'module example.com/app\n\ngo 1.21\n' },
        inputs: { goproxy: upstream.url, cache: 'false', download: 'false', 'client-certificate': certs.client.cert, 'client-key': certs.otherKey },
        env: { RUNNER_TEMP: runnerTemp, RUNNER_TOOL_CACHE: path.join(root, 'tool-cache') },
      });
      assert.equal(run.main.outcome, 'failure');
      const error = run.main.annotations.find((annotation) => annotation.level === 'error');
      assert.match(error?.message ?? '', /^Input 'client-key' has an invalid value \(not shown: it is a secret\): it is not the private key of the certificate in client-certificate \(CN=client; the key is an EC prime256v1 key\)/);
      assert.doesNotMatch(run.main.stdout + run.main.stderr, /at .*\.js:\d+/, 'no stack trace');
      assert.equal(run.main.state['localproxy'], undefined);
      assert.deepEqual((await readdir(runnerTemp)).filter((name) => name.startsWith('setup-goproxy-proxy-')), []);
    });
  });

  test('without a certificate the probe reports tls-client-cert-required with the fix naming the inputs', async () => {
    await withTempDir('e2e-localproxy-nocert-', async (root) => {
      const run = await runAction(root, {
        files: { 'go.mod': 'module example.com/app\n\ngo 1.21\n' },
        inputs: { goproxy: `${upstream.url},direct`, cache: 'false', download: 'false', 'fail-on': 'never' },
        env: { SSL_CERT_FILE: tls.ca.certPath },
      });
      const unhealthy = run.main.annotations.find((annotation) => /tls-client-cert-required/.test(annotation.message));
      assert.ok(unhealthy !== undefined, JSON.stringify(run.main.annotations));
      assert.match(run.main.summary, /client-certificate and client-key/);
      assert.equal(run.main.outputs['module-proxy'], '');
      assert.ok((JSON.parse(run.main.outputs['probe-results'] ?? '[]') as Array<{ errorClass: string }>).some((result) => result.errorClass === 'tls-client-cert-required'));
    });
  });
});
