// serve-modules: the loopback proxy serves $GOMODCACHE/cache/download read-only after the
// pre-warm, and asks the job's GOPROXY (with the go command's `,`/`|` rules) for what is missing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateModuleGraph, startModuleProxy, type ModuleProxy } from './fixtures/moduleProxy.js';
import { isolatedGoEnv, requireGo } from './helpers/go.js';
import { runProcess } from './helpers/process.js';
import { writeFiles } from './helpers/e2e.js';
import { startInProcess, TEST_TOKEN, type InProcessProxy } from './helpers/localProxy.js';
import { controlRequest } from '../src/localproxy/control.js';

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('the served module cache', () => {
  let root: string;
  let upstream: ModuleProxy;
  let extra: ModuleProxy;
  const graph = generateModuleGraph(15, 2000, 11);
  const warmCache = (): string => path.join(root, 'warm', 'gopath', 'pkg', 'mod');
  const downloadDir = (): string => path.join(warmCache(), 'cache', 'download');
  const serving = (fallback: string, gonoproxy = ''): Promise<InProcessProxy> => startInProcess({ serve: { downloadDir: downloadDir(), fallback, gonoproxy } });

  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'served-cache-'));
    upstream = await startModuleProxy(graph.modules);
    extra = await startModuleProxy([{ path: 'example.com/extra/mod', version: 'v1.0.0' }]);
  });
  after(async () => {
    await upstream?.close();
    await extra?.close();
    await rm(root, { recursive: true, force: true, maxRetries: 3 });
  });

  test('a fresh GOMODCACHE downloads the whole graph from module-proxy with the upstream proxy stopped', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    const work = path.join(root, 'work');
    await writeFiles(work, { 'go.mod': graph.mainGoMod('example.com/app'), 'main.go': graph.mainGo(), 'go.sum': `${upstream.sumLines().join('\n')}\n` });
    const goEnv = (home: string, goproxy: string) => ({ ...isolatedGoEnv(path.join(root, home)), PATH: path.dirname(go), GOPROXY: goproxy, GOSUMDB: 'off', GOFLAGS: '-mod=mod' });
    // The pre-warm, as the cache phase runs it.
    const warm = await runProcess(go, ['mod', 'download'], { cwd: work, env: goEnv('warm', upstream.url), timeoutMs: 120_000 });
    assert.equal(warm.code, 0, warm.stderr);

    const proxy = await serving(upstream.url);
    try {
      await upstream.close();
      const cold = await runProcess(go, ['mod', 'download'], { cwd: work, env: goEnv('cold', proxy.url), timeoutMs: 120_000 });
      assert.equal(cold.code, 0, cold.stderr);
      assert.equal(proxy.log.stats.fellThrough, 0);
      assert.ok(proxy.log.stats.servedFromCache >= graph.selected.length * 2, `${proxy.log.stats.servedFromCache} files served`);
      const zips = (await readdir(path.join(root, 'cold', 'gopath', 'pkg', 'mod', 'cache', 'download'), { recursive: true })).filter((name) => name.endsWith('.zip'));
      assert.equal(zips.length, graph.selected.length);
    } finally {
      await proxy.close();
    }
  });

  test('a module missing from the cache falls through to the job\'s GOPROXY; GONOPROXY paths never do', async () => {
    await mkdir(downloadDir(), { recursive: true });
    const proxy = await serving(`${extra.url},direct`, 'example.com/private');
    try {
      const fetched = await get(`${proxy.url}/example.com/extra/mod/@v/v1.0.0.info`);
      assert.equal(fetched.status, 200);
      assert.equal(JSON.parse(fetched.body).Version, 'v1.0.0');
      assert.equal(proxy.log.stats.fellThrough, 1);
      assert.ok(extra.requests.includes('GET /example.com/extra/mod/@v/v1.0.0.info'));

      // Not anywhere: the job's list ends in direct, which the container's go does itself.
      const missing = await get(`${proxy.url}/example.com/extra/none/@v/v1.0.0.info`);
      assert.equal(missing.status, 404);
      assert.match(missing.body, /"direct"/);

      const before = extra.requests.length;
      const privateModule = await get(`${proxy.url}/example.com/private/lib/@v/v1.0.0.zip`);
      assert.equal(privateModule.status, 404);
      assert.match(privateModule.body, /matches GONOPROXY/);
      assert.equal(extra.requests.length, before, 'a private path is not sent to any proxy');

      const latest = await get(`${proxy.url}/example.com/extra/mod/@latest`);
      assert.equal(latest.status, 200, '@latest is not in the cache: asked upstream');
      const sumdb = await get(`${proxy.url}/sumdb/sum.golang.org/supported`);
      assert.equal(sumdb.status, 404, 'the fixture does not proxy the checksum database: its 404 passes through');
      assert.ok(extra.requests.includes('GET /sumdb/sum.golang.org/supported'));
    } finally {
      await proxy.close();
    }
  });

  test('a download directory reached through a symbolic link (macOS temp dirs) is served; file:// entries behind it too', async () => {
    const linked = path.join(root, 'linked-download');
    await symlink(downloadDir(), linked);
    const other = path.join(root, 'file-proxy');
    await mkdir(path.join(other, 'example.com', 'local', '@v'), { recursive: true });
    await writeFile(path.join(other, 'example.com', 'local', '@v', 'v1.0.0.mod'), 'module example.com/local\n');
    const proxy = await startInProcess({ serve: { downloadDir: linked, fallback: `${pathToFileURL(other).href},off`, gonoproxy: '' } });
    try {
      const module = graph.selected[0]!;
      const escaped = module.path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
      assert.equal((await get(`${proxy.url}/${escaped}/@v/${module.version}.mod`)).status, 200);
      const local = await get(`${proxy.url}/example.com/local/@v/v1.0.0.mod`);
      assert.equal(local.status, 200);
      assert.equal(local.body, 'module example.com/local\n');
      const off = await get(`${proxy.url}/example.com/none/@v/v1.0.0.mod`);
      assert.equal(off.status, 404);
      assert.match(off.body, /GOPROXY=off/);
    } finally {
      await proxy.close();
    }
  });

  test('"|" falls through an error, "," stops at it', async () => {
    const dead = 'http://127.0.0.1:1';
    for (const [fallback, status] of [[`${dead}|${extra.url}`, 200], [`${dead},${extra.url}`, 502]] as const) {
      const proxy = await serving(fallback);
      try {
        const answer = await get(`${proxy.url}/example.com/extra/mod/@v/v1.0.0.mod`);
        assert.equal(answer.status, status, fallback);
        if (status === 502) assert.match(answer.body, /\[refused\]/);
      } finally {
        await proxy.close();
      }
    }
  });

  test('nothing outside the cache is served: no symlink escape, no other files, no dot segments', async () => {
    const outside = path.join(root, 'outside.txt');
    await writeFile(outside, 'secret\n');
    const moduleDir = path.join(downloadDir(), 'example.com', 'evil', '@v');
    await mkdir(moduleDir, { recursive: true });
    await symlink(outside, path.join(moduleDir, 'v1.0.0.info'));
    await writeFile(path.join(moduleDir, 'v1.0.0.lock'), '');
    const proxy = await serving('off');
    try {
      for (const target of ['/example.com/evil/@v/v1.0.0.info', '/example.com/evil/@v/v1.0.0.lock', '/example.com/evil/@v/../../../../outside.txt', '/example.com/evil/@v/%2e%2e/x.info']) {
        const answer = await get(`${proxy.url}${target}`);
        assert.ok(answer.status === 404 || answer.status === 400, `${target}: ${answer.status}`);
        assert.ok(!answer.body.includes('secret'), target);
      }
    } finally {
      await proxy.close();
    }
  });

  test('serving can be switched on later through the control endpoint, and a GOPROXY leading back to the proxy is a 508, not a loop', async () => {
    const proxy = await startInProcess({});
    try {
      assert.equal((await get(`${proxy.url}/example.com/extra/mod/@v/list`)).status, 404);
      const refused = await controlRequest(proxy.port, TEST_TOKEN, 'serve', { downloadDir: path.join(root, 'no-such-dir'), fallback: 'off', gonoproxy: '' }, 5000);
      assert.equal(refused.status, 400);
      const enabled = await controlRequest(proxy.port, TEST_TOKEN, 'serve', { downloadDir: downloadDir(), fallback: `${proxy.url}|${extra.url}`, gonoproxy: '' }, 5000);
      assert.equal(enabled.status, 200, enabled.body);
      // Asking itself gets 508 (an error), and "|" moves on to the real proxy.
      const answer = await get(`${proxy.url}/example.com/extra/mod/@v/v1.0.0.info`);
      assert.equal(answer.status, 200);
      assert.equal(proxy.log.stats.byStatus['5xx'], 1, 'the one 508 the proxy answered to itself');
      const stats = JSON.parse((await controlRequest(proxy.port, TEST_TOKEN, 'stats', undefined, 5000)).body);
      assert.equal(stats.servingModules, true);
    } finally {
      await proxy.close();
    }
  });
});
