// The module-cache phase end to end with the real go, the real @actions/cache, the loopback
// module proxy and the cache service: cold → warm (offline build) → partial (prune) and two
// matrix jobs saving one key at once.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { access, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { startCacheService, type CacheService } from './fixtures/cacheService.js';
import { generateModuleGraph, startModuleProxy, type ModuleProxy } from './fixtures/moduleProxy.js';
import { findGo, requireGo } from './helpers/go.js';
import { withTempDir } from './helpers/e2e.js';
import { cacheOptions, makeJob, runStep, writeProject, type Job } from './cache-harness.js';
import type { CacheMainResult, CachePostResult } from '../src/cache/modules/phase.js';

const execFileP = promisify(execFile);

async function goBuild(go: string, job: Job, dir: string, extraEnv: Record<string, string>): Promise<{ ok: boolean; output: string }> {
  try {
    const r = await execFileP(go, ['build', './...'], { cwd: path.join(job.workspace, dir), env: { ...job.env, ...extraEnv }, timeout: 60_000 });
    return { ok: true, output: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${err.message}\n${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

describe('module cache: cold, warm, partial', () => {
  let svc: CacheService;
  let proxy: ModuleProxy;
  const graph = generateModuleGraph(12, 3000, 7);
  before(async () => {
    svc = await startCacheService();
    proxy = await startModuleProxy(graph.modules);
  });
  after(async () => {
    await proxy.close();
    await svc.close();
  });

  test('cold miss downloads and the post step saves; a warm job hits exactly and builds offline; a changed go.sum restores by prefix, prunes and saves a new key', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('cache-flow-', async (dir) => {
      // ---- cold ----
      const cold = makeJob(path.join(dir, 'cold'), go, proxy, svc);
      await writeProject(cold, 'app', graph, proxy);
      const main1 = await runStep<CacheMainResult>(cold, 'main', { options: cacheOptions(cold, go) });
      assert.equal(main1.result.hit, 'false', main1.stdout);
      assert.match(main1.result.key ?? '', /^setup-goproxy-gomod-d1-[0-9a-f]{64}$/);
      assert.equal(main1.result.gomodcache, cold.env['GOMODCACHE']);
      assert.equal(main1.result.modulesDownloaded, graph.selected.length, main1.stdout);
      assert.deepEqual(main1.result.failures, []);
      assert.deepEqual(main1.warnings, []);
      assert.deepEqual(main1.errors, []);
      assert.match(main1.result.summaryBody, /miss/);
      const post1 = await runStep<CachePostResult>(cold, 'post', { state: main1.result.state });
      assert.equal(post1.result.saved, true, post1.stdout);
      assert.deepEqual(post1.warnings, []);
      const entries1 = svc.entries().filter((e) => e.finalized);
      assert.equal(entries1.length, 1);
      assert.equal(entries1[0]?.key, main1.result.key);
      // Nothing of the job's GOMODCACHE is touched by the save: the scratch area is gone.
      assert.equal(await exists(path.join(cold.env['GOMODCACHE'] as string, '.setup-goproxy')), false);

      // ---- warm: exact hit, then an offline build ----
      const warm = makeJob(path.join(dir, 'warm'), go, proxy, svc);
      await writeProject(warm, 'app', graph, proxy);
      const main2 = await runStep<CacheMainResult>(warm, 'main', { options: cacheOptions(warm, go) });
      assert.equal(main2.result.hit, 'true', main2.stdout);
      assert.equal(main2.result.matchedKey, main1.result.key);
      assert.equal(main2.result.modulesDownloaded, 0, 'everything came from the cache');
      // An exact hit holds the whole plan it was saved from: no go mod download runs at all.
      assert.match(main2.stdout, /go mod download skipped: exact hit/);
      assert.doesNotMatch(main2.stdout, /go mod download in /);
      assert.match(main2.result.summaryBody, /Download \| skipped \(exact hit/);
      // The archive holds cache/download only; extracted trees are made by go on demand.
      const top = await readdir(warm.env['GOMODCACHE'] as string);
      assert.ok(top.includes('cache'));
      const requestsBefore = proxy.requests.length;
      const post2 = await runStep<CachePostResult>(warm, 'post', { state: main2.result.state });
      assert.equal(post2.result.saved, false);
      assert.match(post2.result.message, /exact hit/);
      await proxy.close().catch(() => undefined);
      const build = await goBuild(go, warm, 'app', { GOPROXY: 'off', GOFLAGS: '-mod=readonly' });
      assert.ok(build.ok, build.output);
      assert.equal(proxy.requests.length, requestsBefore, 'nothing fetched');
    });
  });
});

describe('module cache: partial restore and pruning', () => {
  let svc: CacheService;
  let proxy: ModuleProxy;
  const graph = generateModuleGraph(10, 2000, 11);
  before(async () => {
    svc = await startCacheService();
    proxy = await startModuleProxy(graph.modules);
  });
  after(async () => {
    await proxy.close();
    await svc.close();
  });

  test('a changed go.sum restores by prefix, downloads only the delta, prunes what the graph no longer needs and saves a new key', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('cache-partial-', async (dir) => {
      const first = makeJob(path.join(dir, 'first'), go, proxy, svc);
      await writeProject(first, 'app', graph, proxy);
      // An extra dependency that the second job's go.mod drops.
      const extra = { path: 'example.com/extra/old', version: 'v1.0.0' };
      proxy.addModule(extra);
      const goMod1 = graph.mainGoMod('example.com/app').replace('require (\n', `require (\n\t${extra.path} ${extra.version}\n`);
      await writeFile(path.join(first.workspace, 'app', 'go.mod'), goMod1);
      await writeFile(path.join(first.workspace, 'app', 'go.sum'), proxy.sumLines().join('\n') + '\n');
      const m1 = await runStep<CacheMainResult>(first, 'main', { options: cacheOptions(first, go) });
      assert.equal(m1.result.modulesDownloaded, graph.selected.length + 1, m1.stdout);
      const p1 = await runStep<CachePostResult>(first, 'post', { state: m1.result.state });
      assert.equal(p1.result.saved, true, p1.stdout);

      // Second job: drops `extra`, adds `fresh`.
      const fresh = { path: 'example.com/extra/fresh', version: 'v1.2.0' };
      proxy.addModule(fresh);
      const second = makeJob(path.join(dir, 'second'), go, proxy, svc);
      await writeProject(second, 'app', graph, proxy);
      const goMod2 = graph.mainGoMod('example.com/app').replace('require (\n', `require (\n\t${fresh.path} ${fresh.version}\n`);
      await writeFile(path.join(second.workspace, 'app', 'go.mod'), goMod2);
      await writeFile(path.join(second.workspace, 'app', 'go.sum'), proxy.sumLines().filter((l) => !l.startsWith(extra.path + ' ')).join('\n') + '\n');
      const before = proxy.requests.length;
      const m2 = await runStep<CacheMainResult>(second, 'main', { options: cacheOptions(second, go) });
      assert.equal(m2.result.hit, 'partial', m2.stdout);
      assert.equal(m2.result.matchedKey, m1.result.key);
      assert.notEqual(m2.result.key, m1.result.key);
      assert.equal(m2.result.modulesDownloaded, 1, 'only the new module is fetched');
      const fetched = proxy.requests.slice(before).filter((r) => r.endsWith('.zip'));
      assert.deepEqual(fetched.map((r) => r.split(' ')[1]), [`/${fresh.path}/@v/${fresh.version}.zip`]);
      const p2 = await runStep<CachePostResult>(second, 'post', { state: m2.result.state });
      assert.equal(p2.result.saved, true, p2.stdout);
      assert.match(p2.result.summaryBody, /Pruned[^|]*\| 1 \|/);
      // The job's own GOMODCACHE still has the pruned module (never modified).
      assert.ok(await exists(path.join(second.env['GOMODCACHE'] as string, 'cache/download/example.com/extra/old/@v/v1.0.0.zip')));

      // A third job restores the new key: `extra` is gone from the archive, `fresh` is in it.
      const third = makeJob(path.join(dir, 'third'), go, proxy, svc);
      await writeProject(third, 'app', graph, proxy);
      await writeFile(path.join(third.workspace, 'app', 'go.mod'), goMod2);
      await writeFile(path.join(third.workspace, 'app', 'go.sum'), proxy.sumLines().filter((l) => !l.startsWith(extra.path + ' ')).join('\n') + '\n');
      const m3 = await runStep<CacheMainResult>(third, 'main', { options: cacheOptions(third, go, { download: false }) });
      assert.equal(m3.result.hit, 'true');
      const mc = third.env['GOMODCACHE'] as string;
      assert.equal(await exists(path.join(mc, 'cache/download/example.com/extra/old/@v/v1.0.0.zip')), false, 'pruned from the archive');
      assert.equal(await exists(path.join(mc, `cache/download/${fresh.path}/@v/${fresh.version}.zip`)), true);
    });
  });
});

describe('module cache: two matrix jobs save one key at once', () => {
  let svc: CacheService;
  let proxy: ModuleProxy;
  const graph = generateModuleGraph(8, 2000, 5);
  before(async () => {
    svc = await startCacheService();
    proxy = await startModuleProxy(graph.modules);
  });
  after(async () => {
    await proxy.close();
    await svc.close();
  });

  for (const proto of ['v2', 'v1'] as const) {
    test(`one saves, the other logs an info line; neither fails nor waits (${proto})`, async (t) => {
      const go = requireGo(t);
      if (go === null) return;
      await withTempDir(`cache-matrix-${proto}-`, async (dir) => {
        const jobs = [makeJob(path.join(dir, 'a'), go, proxy, svc, proto), makeJob(path.join(dir, 'b'), go, proxy, svc, proto)];
        for (const job of jobs) await writeProject(job, 'app', graph, proxy, `example.com/matrix${proto}`);
        const mains = await Promise.all(jobs.map((job) => runStep<CacheMainResult>(job, 'main', { options: cacheOptions(job, go, { keyPrefix: `matrix-${proto}` }) })));
        assert.equal(mains[0]?.result.key, mains[1]?.result.key, 'matrix jobs share one key');
        const posts = await Promise.all(jobs.map((job, i) => runStep<CachePostResult>(job, 'post', { state: mains[i]?.result.state ?? {} })));
        const saved = posts.filter((p) => p.result.saved);
        assert.equal(saved.length, 1, posts.map((p) => p.stdout).join('\n----\n'));
        const other = posts.find((p) => !p.result.saved);
        assert.ok(other);
        assert.match(other.result.message, /another job|already exists/);
        for (const p of posts) {
          assert.deepEqual(p.warnings, [], p.stdout);
          assert.deepEqual(p.errors, [], p.stdout);
          assert.deepEqual(p.result.problems, []);
          assert.ok(p.ms < 20_000, `post took ${p.ms} ms`);
        }
        assert.equal(svc.entries().filter((e) => e.finalized && e.key === mains[0]?.result.key).length, 1);
      });
    });
  }
});

void findGo;
