// The pre-warm of many modules outside go.work (issue 9: one `go mod download` per module made
// 2,000 nested modules cost thousands of go runs): their go.sum files are fetched in a few go runs
// through a carrier module, with the real go against the loopback module proxy. Every module the
// batch cannot vouch for gets its own `go mod download`, so go reports its failures as before.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, test } from 'node:test';
import { startModuleProxy, type FixtureModule } from './fixtures/moduleProxy.js';
import { isolatedGoEnv, requireGo } from './helpers/go.js';
import { withTempDir, writeFiles } from './helpers/e2e.js';
import { chunkArgs, moduleVersionsOf, parseGoSum, sumWants, unionGoSums } from '../src/cache/modules/goSum.js';
import { downloadBatch } from '../src/cache/modules/batch.js';
import { downloadModules } from '../src/cache/modules/download.js';
import { sanitizeGoflags } from '../src/cache/goExec.js';
import { discoverWorkspace } from '../src/workspace/discover.js';
import { downloadTargets } from '../src/cache/modules/phase.js';

const execFileP = promisify(execFile);

describe('go.sum as the pre-warm list (pure)', () => {
  test('parseGoSum reads zip and go.mod lines, CRLF and blank lines; a malformed line or two hashes for one file refuse the file', () => {
    const entries = parseGoSum('example.com/a v1.0.0 h1:zip=\r\nexample.com/a v1.0.0/go.mod h1:mod=\r\n\n  \nexample.com/b v0.1.0/go.mod h1:b=\n');
    assert.ok(entries);
    assert.deepEqual([...entries], [['example.com/a v1.0.0', 'h1:zip='], ['example.com/a v1.0.0/go.mod', 'h1:mod='], ['example.com/b v0.1.0/go.mod', 'h1:b=']]);
    assert.equal(parseGoSum('example.com/a v1.0.0\n'), null);
    assert.equal(parseGoSum('example.com/a v1.0.0 h1:x= extra\n'), null);
    assert.equal(parseGoSum('example.com/a v1.0.0 h1:x=\nexample.com/a v1.0.0 h1:y=\n'), null);
    assert.ok(parseGoSum('example.com/a v1.0.0 h1:x=\nexample.com/a v1.0.0 h1:x=\n'), 'the same line twice is fine');
    assert.equal(parseGoSum('-toolexec=/tmp/x v1.0.0 h1:x=\n'), null, 'a path that go would read as a flag');
    assert.equal(parseGoSum('example.com/a -modfile=x h1:x=\n'), null, 'a version that is not one');
  });

  test('unionGoSums: a file that contradicts the union so far, or is malformed, is left out whole', () => {
    const a = parseGoSum('example.com/x v1.0.0 h1:one=\n');
    const b = parseGoSum('example.com/x v1.0.0 h1:two=\nexample.com/y v1.0.0 h1:y=\n');
    const c = parseGoSum('example.com/x v1.0.0 h1:one=\nexample.com/z v1.0.0/go.mod h1:z=\n');
    const union = unionGoSums([a, b, null, c]);
    assert.deepEqual(union.accepted, [0, 3]);
    assert.deepEqual(union.refused, [1, 2]);
    assert.deepEqual([...union.entries.keys()].sort(), ['example.com/x v1.0.0', 'example.com/z v1.0.0/go.mod']);
  });

  test('sumWants: zips for zip lines, go.mod-only versions apart; moduleVersionsOf names both', () => {
    const entries = parseGoSum('example.com/a v1.0.0 h1:1=\nexample.com/a v1.0.0/go.mod h1:2=\nexample.com/a v0.9.0/go.mod h1:3=\nexample.com/b v2.0.0+incompatible h1:4=\n');
    assert.ok(entries);
    assert.deepEqual(sumWants(entries), { zips: ['example.com/a@v1.0.0', 'example.com/b@v2.0.0+incompatible'], goModsOnly: ['example.com/a@v0.9.0'] });
    assert.deepEqual([...moduleVersionsOf(entries)].sort(), ['example.com/a@v0.9.0', 'example.com/a@v1.0.0', 'example.com/b@v2.0.0+incompatible']);
  });

  test('chunkArgs bounds every run by arguments and by characters (a Windows command line is 32,767 characters)', () => {
    const args = Array.from({ length: 1200 }, (_, i) => `example.com/module/with/a/long/path/number${i}@v1.0.${i}`);
    const chunks = chunkArgs(args);
    assert.deepEqual(chunks.flat(), args);
    for (const chunk of chunks) {
      assert.ok(chunk.length <= 500);
      assert.ok(chunk.join(' ').length <= 24_000, `${chunk.join(' ').length} characters`);
    }
    assert.deepEqual(chunkArgs(['a', 'b', 'c'], 4, 10), [['a', 'b'], ['c']]);
    assert.deepEqual(chunkArgs(['a', 'b', 'c'], 10, 1), [['a'], ['b'], ['c']]);
    assert.deepEqual(chunkArgs([], 10, 10), []);
  });

  test('the carrier runs without -mod and -modfile from GOFLAGS; other flags stay', () => {
    assert.equal(sanitizeGoflags('-modfile=ci.mod -mod=mod -modcacherw -tags=x', ['mod', 'modfile']), '-modcacherw -tags=x');
    assert.equal(sanitizeGoflags('-modfile=ci.mod -modcacherw'), '-modfile=ci.mod -modcacherw', 'module runs keep -modfile');
  });
});

describe('the batch with the real go', () => {
  const deps: FixtureModule[] = [
    // An older module (go 1.16: no graph pruning), so its requirement's go.mod is a go.mod-only line.
    { path: 'example.com/batch/a', version: 'v1.0.0', goMod: 'module example.com/batch/a\n\ngo 1.16\n\nrequire example.com/batch/b v1.0.0\n', files: { 'a.go': 'package a\n\nimport _ "example.com/batch/b"\n' } },
    { path: 'example.com/batch/b', version: 'v1.0.0', goMod: 'module example.com/batch/b\n\ngo 1.16\n' },
    { path: 'example.com/batch/b', version: 'v1.1.0', goMod: 'module example.com/batch/b\n\ngo 1.16\n' },
    { path: 'example.com/batch/c', version: 'v1.0.0' },
  ];

  async function project(root: string, go: string, proxyUrl: string, count: number, extra: Record<string, string> = {}): Promise<{ workspace: string; env: NodeJS.ProcessEnv; sum: string }> {
    const workspace = path.join(root, 'repo');
    const env: NodeJS.ProcessEnv = { ...isolatedGoEnv(root), PATH: `${path.dirname(go)}:/usr/bin:/bin`, GOPROXY: proxyUrl, GOSUMDB: 'off', RUNNER_TEMP: path.join(root, 'temp') };
    const goMod = (i: number): string => `module example.com/batch/m${i}\n\ngo 1.21\n\nrequire (\n\texample.com/batch/a v1.0.0\n\texample.com/batch/b v1.1.0\n)\n`;
    const mainGo = 'package main\n\nimport _ "example.com/batch/a"\n\nfunc main() {}\n';
    // go mod tidy once, in the first module: its go.sum is what every module of this shape needs.
    await writeFiles(workspace, { 'm0/go.mod': goMod(0), 'm0/main.go': mainGo, 'temp/.keep': '' });
    await execFileP(go, ['mod', 'tidy'], { cwd: path.join(workspace, 'm0'), env });
    const sum = (await execFileP('cat', [path.join(workspace, 'm0', 'go.sum')])).stdout;
    assert.match(sum, /example\.com\/batch\/b v1\.0\.0\/go\.mod /, 'a go.mod-only line');
    const files: Record<string, string> = {};
    for (let i = 1; i < count; i++) Object.assign(files, { [`m${i}/go.mod`]: goMod(i), [`m${i}/go.sum`]: sum, [`m${i}/main.go`]: mainGo });
    await writeFiles(workspace, { ...files, ...extra });
    await rm(env['GOMODCACHE'] as string, { recursive: true, force: true });
    await execFileP(go, ['clean', '-modcache'], { env }).catch(() => undefined);
    return { workspace, env, sum };
  }

  async function targetsOf(workspace: string): Promise<Awaited<ReturnType<typeof downloadTargets>>> {
    return downloadTargets(await discoverWorkspace(workspace, workspace), workspace);
  }

  test('ten modules: one carrier run fetches every zip and go.mod their go.sum files list, and each module then builds offline', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    const proxy = await startModuleProxy(deps);
    try {
      await withTempDir('cache-batch-', async (root) => {
        const { workspace, env } = await project(root, go, proxy.url, 10);
        const targets = await targetsOf(workspace);
        assert.equal(targets.length, 10);
        const lines: string[] = [];
        const outcome = await downloadModules({ goBinary: go, env, targets, attempts: 1, healthyProxies: [], timeoutMs: 120_000, backoffMs: 10, log: (line) => lines.push(line), workspace });
        assert.deepEqual(outcome.failures, []);
        assert.equal(outcome.batched.targets.length, 10, lines.join('\n'));
        // One `go mod download` for the zips, one `go list -m` for the go.mod-only line; no run per module.
        assert.equal(outcome.runs, 2, lines.join('\n'));
        assert.ok(outcome.records.some((r) => r.Path === 'example.com/batch/b' && r.Version === 'v1.0.0' && r.GoMod !== undefined && r.Zip === undefined), 'the go.mod-only version has a record with its go.mod');
        assert.ok(outcome.batched.graphNodes.includes('example.com/batch/b@v1.0.0'));
        // No zip was fetched for a version that only its go.mod was needed for.
        assert.ok(!proxy.requests.some((r) => r.endsWith('/example.com/batch/b/@v/v1.0.0.zip')), proxy.requests.join('\n'));
        for (const dir of ['m0', 'm9']) {
          await execFileP(go, ['build', './...'], { cwd: path.join(workspace, dir), env: { ...env, GOPROXY: 'off', GOFLAGS: '-mod=readonly' } });
        }
        assert.deepEqual((await readdir(env['RUNNER_TEMP'] as string)).filter((n) => n.startsWith('setup-goproxy-prewarm-')), [], 'the carrier is removed');
        const requestsBefore = proxy.requests.length;

        // The post step's offline plan: everything is in the cache; a removed zip sends its modules to their own run.
        const offline = await downloadBatch({ goBinary: go, env, targets, workspace, timeoutMs: 60_000, concurrency: 2, offline: true });
        assert.equal(offline.covered.length, 10);
        assert.equal(proxy.requests.length, requestsBefore, 'offline: nothing asked of the proxy');
        await rm(path.join(env['GOMODCACHE'] as string, 'cache', 'download', 'example.com', 'batch', 'a', '@v', 'v1.0.0.zip'));
        const missing = await downloadBatch({ goBinary: go, env, targets, workspace, timeoutMs: 60_000, concurrency: 2, offline: true });
        assert.deepEqual([missing.covered.length, missing.rest.length], [0, 10]);
      });
    } finally {
      await proxy.close();
    }
  });

  test('modules the batch cannot vouch for get their own go mod download: an incomplete go.sum, a stale entry the proxy lacks, a contradicting hash (reported by go, on that module)', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    const proxy = await startModuleProxy(deps);
    try {
      await withTempDir('cache-batch-rest-', async (root) => {
        const base = await project(root, go, proxy.url, 9);
        const sum = base.sum;
        const goModC = 'module example.com/batch/odd\n\ngo 1.21\n\nrequire example.com/batch/c v1.0.0\n';
        const cLines = proxy.sumLines().filter((l) => l.startsWith('example.com/batch/c ')).join('\n');
        await writeFiles(base.workspace, {
          // go.mod requires c, go.sum has no line for it: incomplete, go itself must download.
          'incomplete/go.mod': goModC.replace('odd', 'incomplete'),
          'incomplete/go.sum': sum,
          // A stale line for a version no proxy has: the batch fails it, the module's own run does not need it.
          'stale/go.mod': goModC.replace('odd', 'stale'),
          'stale/go.sum': `${cLines}\nexample.com/batch/c v0.0.9 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n`,
          // A go.sum that disagrees with the others about a's zip: go reports the mismatch in this module.
          'tampered/go.mod': 'module example.com/batch/tampered\n\ngo 1.21\n\nrequire (\n\texample.com/batch/a v1.0.0\n\texample.com/batch/b v1.1.0\n)\n',
          'tampered/go.sum': sum.replace(/^(example\.com\/batch\/a v1\.0\.0 )h1:\S+/m, '$1h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB='),
        });
        const targets = await targetsOf(base.workspace);
        assert.equal(targets.length, 12);
        const lines: string[] = [];
        const outcome = await downloadModules({ goBinary: go, env: base.env, targets, attempts: 1, healthyProxies: [], timeoutMs: 120_000, backoffMs: 10, log: (line) => lines.push(line), workspace: base.workspace });
        const batched = outcome.batched.targets.map((x) => x.label).sort();
        assert.equal(batched.length, 9, lines.join('\n'));
        assert.ok(batched.every((label) => /^m\d\/go\.mod$/.test(label)), batched.join(', '));
        // The stale line made the batch fail c@v0.0.9, which is not a failure of the job.
        assert.equal(outcome.failures.length, 1, JSON.stringify(outcome.failures));
        const failure = outcome.failures[0]!;
        assert.equal(failure.target, 'tampered/go.mod');
        assert.equal(failure.kind, 'checksum');
        assert.match(failure.error, /checksum mismatch|SECURITY ERROR/);
        // Their own runs fetched what they need: c is in the cache.
        for (const dir of ['incomplete', 'stale']) {
          await execFileP(go, ['mod', 'download', 'example.com/batch/c'], { cwd: path.join(base.workspace, dir), env: { ...base.env, GOPROXY: 'off', GOFLAGS: '-mod=mod' } });
        }
      });
    } finally {
      await proxy.close();
    }
  });
});
