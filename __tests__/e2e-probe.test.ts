// End to end: the probe phase of dist/ against real loopback servers, then the real go command
// with what the action exported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { runAction, withTempDir, type E2ERun } from './helpers/e2e.js';
import { isolatedGoEnv, requireGo } from './helpers/go.js';
import { startModuleProxy, type ModuleProxy } from './fixtures/moduleProxy.js';
import { closedPort, send, startServer, startSilentServer, type TestServer } from './fixtures/probeServer.js';

const execFileAsync = promisify(execFile);

const modules = [{ path: 'example.com/fixture/dep', version: 'v1.2.0' }];
const files = {
  'go.mod': 'module example.com/app\n\ngo 1.21\n\nrequire example.com/fixture/dep v1.2.0\n',
  'main.go': 'package main\n\nimport _ "example.com/fixture/dep"\n\nfunc main() {}\n',
};

interface Servers { healthy: ModuleProxy; hung: TestServer; failing: TestServer; closed: number }

async function withServers(body: (servers: Servers) => Promise<void>): Promise<void> {
  const healthy = await startModuleProxy(modules);
  const hung = await startSilentServer();
  const failing = await startServer((_request, response) => send(response, 502, 'bad gateway'));
  try {
    await body({ healthy, hung, failing, closed: await closedPort() });
  } finally {
    await Promise.all([healthy.close(), hung.close(), failing.close()]);
  }
}

function json<T>(text: string | undefined): T {
  assert.ok(text !== undefined);
  return JSON.parse(text) as T;
}

interface ProbeRow { url: string; role: string; ok: boolean; verdict: string; errorClass: string | null; latencyMs: number; fix: string | null }

async function run(t: import('node:test').TestContext, spec: E2ERun) {
  requireGo(t);
  return withTempDir('e2e-probe-', (root) => runAction(root, { files, ...spec, inputs: { cache: 'false', download: 'false', ...spec.inputs }, env: { GOSUMDB: 'off', ...spec.env } }));
}

test('GOPROXY="<hung>|<healthy>": finishes inside the budget, drops the hung entry, and go downloads through what was exported', async (t) => {
  const go = requireGo(t);
  if (go === null) return;
  await withServers(async ({ healthy, hung }) => {
    await withTempDir('e2e-probe-go-', async (root) => {
      const hungUrl = `http://127.0.0.1:${hung.port}/athens`;
      const started = Date.now();
      const result = await runAction(root, {
        files: { ...files, '.github/workflows/ci.yml': `on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      GOPROXY: ${hungUrl}|${healthy.url}\n    steps:\n      - uses: octo-org/setup-goproxy@v1\n        with:\n          probe-timeout: 3\n` },
        workflow: '.github/workflows/ci.yml',
        env: { GOPROXY: `${hungUrl}|${healthy.url}`, GOSUMDB: 'off' },
        inputs: { cache: 'false', download: 'false', 'probe-timeout': '3' },
      });
      const elapsed = Date.now() - started;
      const main = result.main;
      assert.ok(elapsed < 3000 + 4000, `took ${elapsed} ms for a 3 s budget (node start-up included)`);
      assert.equal(main.exitCode, 0, main.stdout);
      assert.equal(main.exportedEnv['GOPROXY'], healthy.url);
      assert.equal(main.outputs['proxy-changed'], 'true');
      const rows = json<ProbeRow[]>(main.outputs['probe-results']);
      assert.deepEqual(rows.map((row) => [row.role, row.ok]), [['proxy', false], ['proxy', true]]);
      assert.match(rows[0]?.errorClass ?? '', /timeout/);
      const warning = main.annotations.find((a) => a.title?.includes('PROXY_UNHEALTHY'));
      assert.equal(warning?.file, '.github/workflows/ci.yml');
      assert.equal(warning?.line, 6, 'the GOPROXY line of the job env');
      assert.match(main.summary, /### Proxy probe/);
      assert.match(main.summary, /❌ unhealthy/);
      assert.match(main.summary, /✅ healthy/);
      assert.match(main.summary, /GOPROXY\*\* changed/);

      // The exported settings make the real go command succeed without waiting on the hung proxy.
      const goEnv = { ...isolatedGoEnv(root), PATH: `${path.dirname(go)}:/usr/bin:/bin`, ...main.exportedEnv, GOFLAGS: '-mod=mod' };
      const download = await execFileAsync(go, ['mod', 'download', '-json', 'example.com/fixture/dep@v1.2.0'], { cwd: result.workspace, env: goEnv, timeout: 60_000 });
      assert.match(download.stdout, /"Version": "v1.2.0"/);
      assert.ok(healthy.requests.some((request) => request.includes('example.com/fixture/dep/@v/v1.2.0.zip')));
    });
  });
});

test('fallback-proxies replace a proxy answering 502, keeping the list\'s direct tail', async (t) => {
  await withServers(async ({ healthy, failing }) => {
    const failingUrl = `http://127.0.0.1:${failing.port}`;
    const result = await run(t, { env: { GOPROXY: `${failingUrl},direct` }, inputs: { 'fallback-proxies': healthy.url, 'probe-timeout': '5' } });
    assert.equal(result.main.exitCode, 0, result.main.stdout);
    assert.equal(result.main.exportedEnv['GOPROXY'], `${healthy.url},direct`);
    const rows = json<ProbeRow[]>(result.main.outputs['probe-results']);
    assert.deepEqual(rows.map((row) => [row.role, row.verdict]), [['proxy', 'unhealthy'], ['fallback', 'healthy']]);
    assert.equal(rows[0]?.errorClass, 'http-5xx');
    assert.match(result.main.summary, /changed: <code>http:\/\/127\.0\.0\.1:\d+,direct<\/code> → <code>http:\/\/127\.0\.0\.1:\d+,direct<\/code>/);
  });
});

test('on-unreachable: fail fails the step, warn keeps GOPROXY as it is', async (t) => {
  await withServers(async ({ closed }) => {
    const goproxy = `http://127.0.0.1:${closed},direct`;
    const failed = await run(t, { env: { GOPROXY: goproxy }, inputs: { 'on-unreachable': 'fail', 'probe-timeout': '5' } });
    assert.equal(failed.main.exitCode, 1);
    const error = failed.main.annotations.find((a) => a.level === 'error' && a.title?.includes('PROXY_UNHEALTHY'));
    assert.match(error?.message ?? '', /refused/i);
    const warned = await run(t, { env: { GOPROXY: goproxy }, inputs: { 'on-unreachable': 'warn', 'probe-timeout': '5' } });
    assert.equal(warned.main.exitCode, 0);
    assert.equal(warned.main.exportedEnv['GOPROXY'], goproxy);
    assert.equal(warned.main.outputs['proxy-changed'], 'false');
    assert.ok(warned.main.annotations.some((a) => a.level === 'warning' && a.title?.includes('PROXY_UNHEALTHY')));
  });
});

test('nothing healthy: "direct" alone when the list had it (warning), an error when it did not', async (t) => {
  await withServers(async ({ failing, closed }) => {
    const withDirect = await run(t, { env: { GOPROXY: `http://127.0.0.1:${failing.port}|http://127.0.0.1:${closed}|direct` }, inputs: { cache: 'false', download: 'false', 'probe-timeout': '5' } });
    assert.equal(withDirect.main.exitCode, 0);
    assert.equal(withDirect.main.exportedEnv['GOPROXY'], 'direct');
    assert.ok(withDirect.main.annotations.some((a) => a.title?.includes('PROXY_DIRECT_ONLY')));
    const without = await run(t, { env: { GOPROXY: `http://127.0.0.1:${failing.port}` }, inputs: { cache: 'false', download: 'false', 'probe-timeout': '5' } });
    assert.equal(without.main.exitCode, 1);
    assert.ok(without.main.annotations.some((a) => a.level === 'error' && a.title?.includes('PROXY_NONE_HEALTHY')));
  });
});

test('the checksum database named with an explicit URL is probed; a 500 there is reported', async (t) => {
  await withServers(async ({ healthy }) => {
    const sumdb = await startServer((request, response) => (request.url === '/latest' ? send(response, 500, 'database down') : send(response, 404, 'not found')));
    try {
      const result = await run(t, { env: { GOPROXY: healthy.url, GOSUMDB: `sum.golang.org http://127.0.0.1:${sumdb.port}` }, inputs: { cache: 'false', download: 'false', 'probe-timeout': '5' } });
      const rows = json<ProbeRow[]>(result.main.outputs['probe-results']);
      const row = rows.find((candidate) => candidate.role === 'sumdb');
      assert.equal(row?.ok, false);
      assert.equal(row?.errorClass, 'http-5xx');
      assert.ok(result.main.annotations.some((a) => a.title?.includes('SUMDB_UNREACHABLE')));
      assert.match(result.main.summary, /Checksum database\*\*: http:\/\/127\.0\.0\.1:\d+ \(the URL in GOSUMDB/);
    } finally {
      await sumdb.close();
    }
  });
});

test('a proxy that offers the checksum database but answers 500 on /supported breaks verification and is reported', async (t) => {
  const broken = await startModuleProxy(modules, { sumdbSupported: { 'sum.golang.org': 500 } });
  try {
    const result = await run(t, { env: { GOPROXY: `${broken.url},direct`, GOSUMDB: 'sum.golang.org' }, inputs: { cache: 'false', download: 'false', 'probe-timeout': '4', 'on-unreachable': 'warn' } });
    const rows = json<ProbeRow[]>(result.main.outputs['probe-results']);
    assert.equal(rows[0]?.ok, false, 'the /supported 500 makes the proxy unhealthy for go');
    assert.ok(result.main.annotations.some((a) => a.level === 'error' && a.title?.includes('SUMDB_ROUTE_FAILS')), JSON.stringify(result.main.annotations));
    assert.ok(broken.requests.some((request) => request.includes('/sumdb/sum.golang.org/supported')));
  } finally {
    await broken.close();
  }
});

test('probe: false exports GOPROXY untouched and reports no probe results', async (t) => {
  await withServers(async ({ closed }) => {
    const goproxy = `http://127.0.0.1:${closed}`;
    const result = await run(t, { env: { GOPROXY: goproxy }, inputs: { cache: 'false', download: 'false', probe: 'false' } });
    assert.equal(result.main.exitCode, 0);
    assert.equal(result.main.exportedEnv['GOPROXY'], goproxy);
    assert.equal(result.main.outputs['probe-results'], '[]');
    assert.match(result.main.summary, /Probing is off/);
  });
});

test('bad probe inputs: a clear message naming the input', async (t) => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ probe: 'maybe' }, /Input 'probe' has the invalid value 'maybe'/],
    [{ 'probe-timeout': '-3' }, /Input 'probe-timeout' has the invalid value '-3'/],
    [{ 'on-unreachable': 'ignore' }, /Input 'on-unreachable' has the invalid value 'ignore'/],
    [{ 'fallback-proxies': 'ftp://mirror.example' }, /Input 'fallback-proxies'.*invalid proxy URL scheme/],
    [{ 'fallback-proxies': 'direct' }, /Input 'fallback-proxies'.*"direct" and "off" are not mirrors/],
    [{ 'fallback-proxies': 'https://bot:s3cr3tpass@[::1' }, /Input 'fallback-proxies'/],
  ];
  for (const [inputs, expected] of cases) {
    const result = await run(t, { inputs });
    assert.equal(result.main.exitCode, 1, JSON.stringify(inputs));
    assert.match(result.main.annotations.map((a) => a.message).join('\n'), expected);
    assert.doesNotMatch(result.main.rawStdout.replace(/^::add-mask::.*$/gm, ''), /s3cr3tpass/);
  }
});
