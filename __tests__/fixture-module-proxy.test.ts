import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildModule, buildZip, crc32, escapeCase, goModHash, hash1, readZip, unescapeCase, zipHash } from './fixtures/modzip.js';
import { compareSemver, generateModuleGraph, startModuleProxy } from './fixtures/moduleProxy.js';
import type { FixtureModule, ModuleProxy } from './fixtures/moduleProxy.js';
import { makeTlsFixtures } from './fixtures/tls.js';
import { NO_GO_TELEMETRY, requireGo } from './helpers/go.js';
import { runProcess } from './helpers/process.js';

/** Tests that need go skip locally without it, and FAIL in CI. */
const goOrSkip = requireGo;

interface Res { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

function get(url: string, timeoutMs = 5000): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
  });
}

async function runGo(go: string, args: string[], cwd: string, env: Record<string, string>, timeoutMs = 60000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runProcess(go, args, { cwd, env, timeoutMs });
}

const A = 'example.com/fixture/a';
const B = 'example.com/Fixture/B'; // upper case: exercises case escaping end to end
const C = 'example.com/fixture/c';

const MODULES: FixtureModule[] = [
  {
    path: A,
    version: 'v1.0.0',
    goMod: `module ${A}\n\ngo 1.21\n\nrequire ${C} v0.1.0\n`,
    files: { 'a.go': `package a\n\nimport "${C}"\n\n// Hello greets.\nfunc Hello() string { return "a:" + c.Name }\n`, 'README.md': '# a\n' },
  },
  { path: A, version: 'v0.9.0' },
  { path: A, version: 'v1.1.0-rc.1' },
  { path: B, version: 'v1.2.0', files: { 'b.go': 'package b\n\n// Name is b.\nconst Name = "B"\n', 'sub/x.go': 'package sub\n' } },
  { path: C, version: 'v0.1.0', files: { 'c.go': 'package c\n\n// Name is c.\nconst Name = "c"\n' } },
  { path: 'example.com/fixture/gone', version: 'v1.0.0', gone: true },
];

describe('modzip', () => {
  test('crc32 matches the standard check value', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  });

  test('zip round-trips with store and deflate', () => {
    for (const method of ['store', 'deflate'] as const) {
      const entries = [
        { name: 'x@v1.0.0/go.mod', data: 'module x\n' },
        { name: 'x@v1.0.0/big.txt', data: 'abc'.repeat(1000) },
        { name: 'x@v1.0.0/bin', data: new Uint8Array([0, 1, 2, 255]) },
      ];
      const back = readZip(buildZip(entries, method));
      assert.deepEqual(back.map((e) => e.name), entries.map((e) => e.name));
      assert.equal(Buffer.from(back[1]!.data).toString(), 'abc'.repeat(1000));
      assert.deepEqual([...Buffer.from(back[2]!.data)], [0, 1, 2, 255]);
    }
  });

  test('hash1 follows dirhash: sorted "<sha256>  <name>\\n" lines', () => {
    // Independent derivation for a known input.
    const h = hash1([{ name: 'b', data: 'B' }, { name: 'a', data: 'A' }]);
    assert.equal(h, hash1([{ name: 'a', data: 'A' }, { name: 'b', data: 'B' }]));
    assert.match(h, /^h1:[A-Za-z0-9+/]{43}=$/);
    assert.equal(goModHash('module x\n'), hash1([{ name: 'go.mod', data: 'module x\n' }]));
    const built = buildModule({ path: 'x', version: 'v1.0.0', goMod: 'module x\n', files: { 'x.go': 'package x\n' } });
    assert.equal(built.zipSum, `x v1.0.0 ${zipHash(built.zip)}`);
    assert.throws(() => hash1([{ name: 'a\nb', data: '' }]), /newlines/);
  });

  test('case escaping', () => {
    assert.equal(escapeCase('github.com/Azure/azure-sdk'), 'github.com/!azure/azure-sdk');
    assert.equal(unescapeCase('github.com/!azure/azure-sdk'), 'github.com/Azure/azure-sdk');
    assert.equal(unescapeCase('github.com/Azure'), null);
    assert.equal(unescapeCase('bad!'), null);
  });

  test('semver ordering', () => {
    const vs = ['v1.0.0', 'v1.0.0-rc.1', 'v0.9.0', 'v1.0.0-alpha', 'v1.10.0', 'v1.2.0', 'v1.0.0-rc.10', 'v1.0.0-rc.2'];
    assert.deepEqual([...vs].sort(compareSemver), ['v0.9.0', 'v1.0.0-alpha', 'v1.0.0-rc.1', 'v1.0.0-rc.2', 'v1.0.0-rc.10', 'v1.0.0', 'v1.2.0', 'v1.10.0']);
  });
});

describe('module proxy fixture', () => {
  let proxy: ModuleProxy;
  before(async () => {
    proxy = await startModuleProxy(MODULES, { sumdbSupported: { 'sum.golang.org': 200 } });
  });
  after(async () => {
    await proxy.close();
  });

  test('serves list, info, mod, zip, latest with case escaping', async () => {
    assert.match(proxy.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const list = await get(`${proxy.url}/${A}/@v/list`);
    assert.equal(list.status, 200);
    assert.equal(list.body.toString(), 'v0.9.0\nv1.0.0\nv1.1.0-rc.1\n');
    const latest = await get(`${proxy.url}/${A}/@latest`);
    assert.equal(JSON.parse(latest.body.toString()).Version, 'v1.0.0');
    const info = await get(`${proxy.url}/example.com/!fixture/!b/@v/v1.2.0.info`);
    assert.equal(info.status, 200);
    assert.equal(info.headers['content-type'], 'application/json');
    const parsed = JSON.parse(info.body.toString()) as { Version: string; Time: string };
    assert.equal(parsed.Version, 'v1.2.0');
    assert.match(parsed.Time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const mod = await get(`${proxy.url}/example.com/!fixture/!b/@v/v1.2.0.mod`);
    assert.equal(mod.body.toString(), `module ${B}\n\ngo 1.21\n`);
    const zip = await get(`${proxy.url}/example.com/!fixture/!b/@v/v1.2.0.zip`);
    assert.equal(zip.headers['content-type'], 'application/zip');
    const names = readZip(zip.body).map((e) => e.name).sort();
    assert.deepEqual(names, [`${B}@v1.2.0/b.go`, `${B}@v1.2.0/go.mod`, `${B}@v1.2.0/sub/x.go`]);
    // Unescaped upper case is not a valid request path.
    const bad = await get(`${proxy.url}/example.com/Fixture/B/@v/list`);
    assert.equal(bad.status, 404);
  });

  test('not-found answers are text/plain 404 or 410', async () => {
    const r1 = await get(`${proxy.url}/example.com/nope/@v/list`);
    assert.equal(r1.status, 404);
    assert.match(r1.headers['content-type'] ?? '', /^text\/plain/);
    assert.match(r1.body.toString(), /^not found: /);
    const r2 = await get(`${proxy.url}/${A}/@v/v9.9.9.info`);
    assert.equal(r2.status, 404);
    assert.match(r2.body.toString(), /unknown revision v9\.9\.9/);
    const r3 = await get(`${proxy.url}/example.com/fixture/gone/@v/v1.0.0.zip`);
    assert.equal(r3.status, 410);
    const s1 = await get(`${proxy.url}/sumdb/sum.golang.org/supported`);
    assert.equal(s1.status, 200);
    const s2 = await get(`${proxy.url}/sumdb/sum.example.com/supported`);
    assert.equal(s2.status, 404);
  });

  test('faults: status, html-200, redirect, reset, hang, stall-body; requests log', async () => {
    const p = await startModuleProxy(MODULES, { basePath: '/goproxy' });
    try {
      assert.match(p.url, /\/goproxy$/);
      assert.equal((await get(`${p.url}/${A}/@v/list`)).status, 200);
      p.setFault(`/${A}/`, { status: 503, body: '{"err":"x"}', contentType: 'application/json' });
      const f1 = await get(`${p.url}/${A}/@v/list`);
      assert.equal(f1.status, 503);
      assert.equal(f1.body.toString(), '{"err":"x"}');
      // Longest prefix wins; prefixes may include the base path.
      p.setFault(`/goproxy/${A}/@v/v1.0.0.zip`, { kind: 'html-200' });
      const f2 = await get(`${p.url}/${A}/@v/v1.0.0.zip`);
      assert.equal(f2.status, 200);
      assert.match(f2.headers['content-type'] ?? '', /text\/html/);
      p.setFault(`/${A}/`, { kind: 'redirect', to: 'http://127.0.0.1:1/elsewhere' });
      const f3 = await get(`${p.url}/${A}/@v/list`);
      assert.equal(f3.status, 302);
      assert.equal(f3.headers.location, 'http://127.0.0.1:1/elsewhere');
      p.setFault(`/${A}/`, { kind: 'reset' });
      await assert.rejects(get(`${p.url}/${A}/@v/list`), /ECONNRESET|socket hang up/);
      p.setFault(`/${A}/`, { kind: 'hang' });
      await assert.rejects(get(`${p.url}/${A}/@v/list`, 300), /client timeout/);
      p.setFault(`/${A}/`, { kind: 'stall-body' });
      const stalled = await new Promise<{ status: number; got: number; length: number }>((resolve, reject) => {
        const req = http.get(`${p.url}/${A}/@v/v1.0.0.mod`, (res) => {
          let got = 0;
          res.on('data', (c: Buffer) => (got += c.length));
          setTimeout(() => {
            resolve({ status: res.statusCode ?? 0, got, length: Number(res.headers['content-length']) });
            req.destroy();
          }, 300);
        });
        req.on('error', (e) => (e.message.includes('aborted') || e.message.includes('socket hang up') ? undefined : reject(e)));
      });
      assert.equal(stalled.status, 200);
      assert.ok(stalled.got > 0 && stalled.got < stalled.length, `partial body: ${stalled.got}/${stalled.length}`);
      p.setFault(`/${A}/`, null);
      p.setFault(`/goproxy/${A}/@v/v1.0.0.zip`, null);
      assert.equal((await get(`${p.url}/${A}/@v/list`)).status, 200);
      assert.equal(p.requests.length, 8);
      assert.equal(p.requests[0], `GET /goproxy/${A}/@v/list`);
      // A hung request is still open; close() must not wait for it.
      p.setFault('/', { kind: 'hang' });
      const pending = get(`${p.url}/${A}/@v/list`, 10000).catch((e: Error) => e);
      await new Promise((r) => setTimeout(r, 50));
      const t0 = Date.now();
      await p.close();
      assert.ok(Date.now() - t0 < 2000);
      assert.ok((await pending) instanceof Error);
    } finally {
      await p.close();
    }
  });

  test('the real go command downloads the fixture modules and agrees with sumLines()', async (t) => {
    const go = goOrSkip(t);
    if (!go) return;
    const dir = await mkdtemp(join(tmpdir(), 'modproxy-go-'));
    try {
      const work = join(dir, 'main');
      await mkdir(work);
      await writeFile(join(work, 'go.mod'), `module example.com/main\n\ngo 1.21\n\nrequire (\n\t${A} v1.0.0\n\t${B} v1.2.0\n)\n`);
      await writeFile(join(work, 'main.go'), `package main\n\nimport (\n\t"fmt"\n\n\t"${A}"\n\tb "${B}"\n)\n\nfunc main() { fmt.Println(a.Hello(), b.Name) }\n`);
      const env: Record<string, string> = {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        HOME: join(dir, 'home'), ...NO_GO_TELEMETRY,
        GOPATH: join(dir, 'gopath'),
        GOMODCACHE: join(dir, 'modcache'),
        GOCACHE: join(dir, 'gocache'),
        GOPROXY: proxy.url,
        GOSUMDB: 'off',
        GOFLAGS: '-mod=mod',
        GOTOOLCHAIN: 'local',
        GONOSUMDB: '',
        GOPRIVATE: '',
        GONOPROXY: '',
        GOENV: 'off',
        CGO_ENABLED: '0',
      };
      const before = proxy.requests.length;
      const dl = await runGo(go, ['mod', 'download', '-json'], work, env);
      assert.equal(dl.code, 0, `go mod download failed:\n${dl.stderr}\n${dl.stdout}`);
      // -json prints one object per module: check each one's Sum/GoModSum against ours.
      const objs = dl.stdout.split(/\n(?=\{)/).filter((s) => s.trim()).map((s) => JSON.parse(s) as { Path: string; Version: string; Sum?: string; GoModSum?: string; Error?: string });
      const ours = new Set(proxy.sumLines());
      const byPath = new Map(objs.map((o) => [o.Path, o]));
      // Without arguments (go >= 1.17) only the modules the main go.mod lists are printed: A and B.
      for (const p of [A, B]) {
        const o = byPath.get(p);
        assert.ok(o, `go mod download -json printed ${p}`);
        assert.equal(o.Error, undefined);
        assert.ok(ours.has(`${o.Path} ${o.Version} ${o.Sum}`), `zip sum for ${p}: ${o.Sum}`);
        assert.ok(ours.has(`${o.Path} ${o.Version}/go.mod ${o.GoModSum}`), `go.mod sum for ${p}: ${o.GoModSum}`);
      }
      const served = proxy.requests.slice(before);
      assert.ok(served.includes(`GET /example.com/!fixture/!b/@v/v1.2.0.zip`), served.join('\n'));

      // go.sum as the go command writes it (tidy computes it for every module the build needs).
      const tidy = await runGo(go, ['mod', 'tidy'], work, env);
      assert.equal(tidy.code, 0, tidy.stderr);
      const goSum = (await readFile(join(work, 'go.sum'), 'utf8')).split('\n').filter(Boolean).sort();
      const expected = proxy.sumLines().filter((l) => [A, B, C].some((p) => l.startsWith(p + ' ')) && !l.includes(' v0.9.0') && !l.includes('-rc.'));
      assert.deepEqual(goSum, expected);
      // And the code actually builds and runs from the extracted zips.
      const run = await runGo(go, ['run', '.'], work, env);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout.trim(), 'a:c B');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('module proxy fixture over TLS', () => {
  test('serves https and the go command trusts it through SSL_CERT_FILE', async (t) => {
    const go = goOrSkip(t);
    if (!go) return;
    const tls = await makeTlsFixtures();
    const p = await startModuleProxy(MODULES, { tls: { key: tls.server.key, cert: tls.server.cert }, basePath: '/mod' });
    const dir = await mkdtemp(join(tmpdir(), 'modproxy-tls-'));
    try {
      assert.match(p.url, /^https:\/\/127\.0\.0\.1:\d+\/mod$/);
      const work = join(dir, 'main');
      await mkdir(work);
      await writeFile(join(work, 'go.mod'), `module example.com/main\n\ngo 1.21\n\nrequire ${B} v1.2.0\n`);
      const env: Record<string, string> = {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: join(dir, 'home'), ...NO_GO_TELEMETRY, GOPATH: join(dir, 'gopath'), GOMODCACHE: join(dir, 'modcache'),
        GOCACHE: join(dir, 'gocache'), GOPROXY: p.url, GOSUMDB: 'off', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', GOENV: 'off',
        SSL_CERT_FILE: tls.ca.certPath, SSL_CERT_DIR: tls.caDir,
      };
      const r = await runGo(go, ['mod', 'download', '-json', `${B}@v1.2.0`], work, env);
      assert.equal(r.code, 0, r.stderr + r.stdout);
      const o = JSON.parse(r.stdout) as { Sum: string };
      assert.ok(p.sumLines().includes(`${B} v1.2.0 ${o.Sum}`));
      assert.ok(p.requests.includes('GET /mod/example.com/!fixture/!b/@v/v1.2.0.zip'), p.requests.join('\n'));
    } finally {
      await p.close();
      await tls.cleanup();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('generateModuleGraph', () => {
  test('is seeded, sized and consistent', async () => {
    const g1 = generateModuleGraph(12, 20000, 7);
    const g2 = generateModuleGraph(12, 20000, 7);
    assert.deepEqual(g1.direct, g2.direct);
    assert.equal(g1.selected.length, 12);
    assert.ok(g1.modules.length > 12, 'some modules have an older version too');
    assert.ok(g1.modules.some((m) => /[A-Z]/.test(m.path)));
    assert.ok(g1.modules.some((m) => m.path.endsWith('/v2') && m.version.startsWith('v2.')));
    const p = await startModuleProxy(g1.modules);
    try {
      let total = 0;
      for (const s of g1.selected) {
        const r = await get(`${p.url}/${escapeCase(s.path)}/@v/${escapeCase(s.version)}.zip`);
        assert.equal(r.status, 200);
        total += r.body.length;
      }
      // Incompressible payload: sizes are real (within the ±25% jitter).
      assert.ok(total > 12 * 20000 * 0.7 && total < 12 * 20000 * 1.3, `total ${total}`);
    } finally {
      await p.close();
    }
  });

  test('the go command resolves and downloads a generated graph', async (t) => {
    const go = goOrSkip(t);
    if (!go) return;
    const g = generateModuleGraph(15, 4000, 3);
    const p = await startModuleProxy(g.modules);
    const dir = await mkdtemp(join(tmpdir(), 'modgraph-go-'));
    try {
      const work = join(dir, 'main');
      await mkdir(work);
      await writeFile(join(work, 'go.mod'), g.mainGoMod('example.com/benchmain'));
      await writeFile(join(work, 'main.go'), g.mainGo());
      const env: Record<string, string> = {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: join(dir, 'home'), ...NO_GO_TELEMETRY, GOPATH: join(dir, 'gopath'), GOMODCACHE: join(dir, 'modcache'),
        GOCACHE: join(dir, 'gocache'), GOPROXY: p.url, GOSUMDB: 'off', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', GOENV: 'off', CGO_ENABLED: '0',
      };
      const r = await runGo(go, ['build', '-o', join(dir, 'out'), '.'], work, env, 120000);
      assert.equal(r.code, 0, r.stderr);
      const goSum = (await readFile(join(work, 'go.sum'), 'utf8')).split('\n').filter(Boolean);
      const ours = new Set(p.sumLines());
      for (const l of goSum) assert.ok(ours.has(l), `go.sum line ${l}`);
      assert.ok(goSum.filter((l) => !l.includes('/go.mod ')).length === g.selected.length);
    } finally {
      await p.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
