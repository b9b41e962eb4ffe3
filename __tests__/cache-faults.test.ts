// The module-cache phase when things go wrong: cache service down or corrupt, a proxy dying
// mid-download, a module that does not exist, a non-empty GOMODCACHE before the restore, a go.work
// with several modules, no go.sum at all, and each save mode.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { access, chmod, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { startCacheService, type CacheService } from './fixtures/cacheService.js';
import { generateModuleGraph, startModuleProxy, type ModuleProxy } from './fixtures/moduleProxy.js';
import { requireGo } from './helpers/go.js';
import { withTempDir, writeFiles } from './helpers/e2e.js';
import { cacheOptions, makeJob, runStep, writeProject, type Job } from './cache-harness.js';
import type { CacheMainResult, CachePostResult } from '../src/cache/modules/phase.js';

const execFileP = promisify(execFile);

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

/** Main then post; returns both. */
async function mainAndPost(job: Job, go: string, overrides: Record<string, unknown> = {}, postEnv: Record<string, string | undefined> = {}): Promise<{ main: Awaited<ReturnType<typeof runStep<CacheMainResult>>>; post: Awaited<ReturnType<typeof runStep<CachePostResult>>> }> {
  const main = await runStep<CacheMainResult>(job, 'main', { options: cacheOptions(job, go, overrides) });
  const post = await runStep<CachePostResult>(job, 'post', { state: main.result.state }, postEnv);
  return { main, post };
}

function withSaveMode(state: Record<string, string>, mode: string): Record<string, string> {
  const parsed = JSON.parse(state['goproxy-cache'] ?? '{}') as Record<string, unknown>;
  return { 'goproxy-cache': JSON.stringify({ ...parsed, save: mode }) };
}

describe('module cache under faults', () => {
  let svc: CacheService;
  let proxy: ModuleProxy;
  let proxy2: ModuleProxy;
  const graph = generateModuleGraph(8, 2000, 21);
  before(async () => {
    svc = await startCacheService();
    proxy = await startModuleProxy(graph.modules);
    proxy2 = await startModuleProxy(graph.modules);
  });
  after(async () => {
    await proxy.close();
    await proxy2.close();
    await svc.close();
  });

  test('cache service down (v1, 500s): warnings only, the download still runs, nothing is saved', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('cache-down-', async (dir) => {
      const job = makeJob(dir, go, proxy, svc, 'v1');
      await writeProject(job, 'app', graph, proxy, 'example.com/down');
      svc.setFault('down-500');
      try {
        const { main, post } = await mainAndPost(job, go, { keyPrefix: 'down' });
        assert.equal(main.result.hit, 'false');
        assert.deepEqual(main.errors, [], 'no ::error:: for cache trouble');
        assert.deepEqual(main.warnings, [], 'the library\'s annotations become log lines; the lead annotates from problems');
        assert.ok(main.result.problems.some((p) => p.code === 'CACHE_RESTORE_FAILED' && p.severity === 'warning'), JSON.stringify(main.result.problems));
        assert.equal(main.result.modulesDownloaded, graph.selected.length);
        assert.equal(post.result.saved, false);
        assert.deepEqual(post.errors, []);
        assert.ok(post.result.problems.every((p) => p.severity !== 'error'));
        assert.ok(post.result.problems.some((p) => p.code === 'CACHE_SAVE_FAILED'), JSON.stringify(post.result.problems));
      } finally {
        svc.setFault(null);
      }
    });
  });

  test('a corrupt archive is a warning and a miss; nothing half-extracted is left in GOMODCACHE', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('cache-corrupt-', async (dir) => {
      const seed = makeJob(path.join(dir, 'seed'), go, proxy, svc);
      await writeProject(seed, 'app', graph, proxy, 'example.com/corrupt');
      const first = await mainAndPost(seed, go, { keyPrefix: 'corrupt' });
      assert.equal(first.post.result.saved, true, first.post.stdout);
      const job = makeJob(path.join(dir, 'job'), go, proxy, svc);
      await writeProject(job, 'app', graph, proxy, 'example.com/corrupt');
      svc.setFault('corrupt-archive');
      try {
        const main = await runStep<CacheMainResult>(job, 'main', { options: cacheOptions(job, go, { keyPrefix: 'corrupt', download: false }) });
        assert.equal(main.result.hit, 'false', main.stdout);
        assert.ok(main.result.problems.some((p) => p.code === 'CACHE_RESTORE_CORRUPT' && p.severity === 'warning'), JSON.stringify(main.result.problems));
        assert.deepEqual(main.errors, []);
        const mc = job.env['GOMODCACHE'] as string;
        const left = (await exists(mc)) ? await readdir(mc) : [];
        assert.deepEqual(left, [], `GOMODCACHE must stay empty, has ${left.join(',')}`);
      } finally {
        svc.setFault(null);
      }
    });
  });

  test('a proxy resetting connections: the failed modules are retried through the next healthy proxy', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('cache-reset-', async (dir) => {
      const job = makeJob(dir, go, proxy, svc);
      await writeProject(job, 'app', graph, proxy, 'example.com/reset');
      const victim = graph.selected[2];
      assert.ok(victim);
      const prefix = `/${victim.path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`)}/@v/${victim.version}.zip`;
      proxy.setFault(prefix, { kind: 'reset' });
      try {
        const before2 = proxy2.requests.length;
        const { main, post } = await mainAndPost(job, go, { keyPrefix: 'reset', healthyProxies: [proxy2.url] });
        assert.deepEqual(main.result.failures, [], main.stdout);
        assert.equal(main.result.modulesDownloaded, graph.selected.length);
        assert.match(main.stdout, /Retrying go mod download/);
        const viaSecond = proxy2.requests.slice(before2);
        assert.ok(viaSecond.some((r) => r.endsWith('.zip')), 'the retry went through the second proxy');
        assert.ok(viaSecond.length <= 4, `only the failed module is retried: ${viaSecond.join(', ')}`);
        assert.equal(post.result.saved, true, post.stdout);
      } finally {
        proxy.setFault(prefix, null);
      }
    });
  });

  test('a proxy dying mid-body: the hung go command is killed at the timeout and retried through the next proxy', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('cache-stall-', async (dir) => {
      const job = makeJob(dir, go, proxy, svc);
      await writeProject(job, 'app', graph, proxy, 'example.com/stall');
      const victim = graph.selected[4];
      assert.ok(victim);
      const prefix = `/${victim.path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`)}/@v/${victim.version}.zip`;
      proxy.setFault(prefix, { kind: 'stall-body' });
      try {
        const main = await runStep<CacheMainResult>(job, 'main', { options: cacheOptions(job, go, { keyPrefix: 'stall', healthyProxies: [proxy2.url], downloadTimeoutMs: 3000 }) });
        assert.deepEqual(main.result.failures, [], main.stdout);
        assert.equal(main.result.modulesDownloaded, graph.selected.length);
        assert.match(main.result.summaryBody, /retried through/);
      } finally {
        proxy.setFault(prefix, null);
      }
    });
  });

  test('a module no proxy has: reported once (no retries) with a fix and the go.mod line; the post step does not save', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('cache-404-', async (dir) => {
      const job = makeJob(dir, go, proxy, svc);
      const missing = 'example.com/missing/mod';
      await writeFiles(path.join(job.workspace, 'app'), {
        'go.mod': `module example.com/nf\n\ngo 1.21\n\nrequire (\n\t${graph.direct[0]?.path} ${graph.direct[0]?.version}\n\t${missing} v1.0.0\n)\n`,
        'go.sum': proxy.sumLines().join('\n') + `\n${missing} v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n${missing} v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n`,
      });
      const { main, post } = await mainAndPost(job, go, { keyPrefix: 'nf', healthyProxies: [proxy2.url] });
      assert.ok(main.result.failures.length >= 1, main.stdout);
      const f = main.result.failures.find((x) => x.path === missing);
      assert.ok(f, JSON.stringify(main.result.failures));
      assert.equal(f.version, 'v1.0.0');
      assert.match(f.fix, /GOPRIVATE/);
      assert.doesNotMatch(main.stdout, /Retrying/);
      const problem = main.result.problems.find((p) => p.code === 'DOWNLOAD_FAILED');
      assert.ok(problem);
      assert.equal(problem.severity, 'error');
      assert.equal(problem.file, 'app/go.mod');
      assert.equal(problem.line, 7);
      assert.equal(post.result.saved, false);
      assert.match(post.result.message, /download failed/);
    });
  });

  test('restoring into a non-empty GOMODCACHE (read-only module dirs): no "File exists", no failure, existing content kept', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('cache-nonempty-', async (dir) => {
      const seed = makeJob(path.join(dir, 'seed'), go, proxy, svc);
      await writeProject(seed, 'app', graph, proxy, 'example.com/nonempty');
      const first = await mainAndPost(seed, go, { keyPrefix: 'nonempty' });
      assert.equal(first.post.result.saved, true);

      const job = makeJob(path.join(dir, 'job'), go, proxy, svc);
      await writeProject(job, 'app', graph, proxy, 'example.com/nonempty');
      // Fill GOMODCACHE first, as a self-hosted runner, setup-go's cache or a toolchain download would.
      await execFileP(go, ['mod', 'download'], { cwd: path.join(job.workspace, 'app'), env: { ...job.env, GOFLAGS: '' } });
      const mc = job.env['GOMODCACHE'] as string;
      const oneDir = (await readdir(path.join(mc, 'cache', 'download', 'github.com')))[0] ?? '';
      await chmod(path.join(mc, 'cache', 'download', 'github.com', oneDir), 0o555);
      const main = await runStep<CacheMainResult>(job, 'main', { options: cacheOptions(job, go, { keyPrefix: 'nonempty' }) });
      assert.equal(main.result.hit, 'true', main.stdout);
      assert.doesNotMatch(main.stdout + main.stderr, /File exists|Cannot open/);
      assert.deepEqual(main.warnings, []);
      assert.deepEqual(main.errors, []);
      assert.deepEqual(main.result.problems, []);
      assert.match(main.result.summaryBody, /merged into an existing module cache/);
      assert.equal(await exists(path.join(mc, '.setup-goproxy')), false);
      const build = await execFileP(go, ['build', './...'], { cwd: path.join(job.workspace, 'app'), env: { ...job.env, GOPROXY: 'off', GOFLAGS: '' } });
      assert.equal(build.stderr, '');
    });
  });

  test('verify: a module tampered with in the module cache fails go mod verify (error) and blocks the save', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('cache-verify-', async (dir) => {
      const seed = makeJob(path.join(dir, 'seed'), go, proxy, svc);
      await writeProject(seed, 'app', graph, proxy, 'example.com/verify');
      assert.equal((await mainAndPost(seed, go, { keyPrefix: 'verify' })).post.result.saved, true);
      const job = makeJob(path.join(dir, 'job'), go, proxy, svc);
      await writeProject(job, 'app', graph, proxy, 'example.com/verify');
      // A go.sum edit makes this a partial hit (post would save), and a tampered extracted module.
      await writeFile(path.join(job.workspace, 'app', 'go.sum'), proxy.sumLines().join('\n') + '\n\n');
      await execFileP(go, ['mod', 'download'], { cwd: path.join(job.workspace, 'app'), env: { ...job.env, GOFLAGS: '' } });
      const victim = graph.selected[0];
      assert.ok(victim);
      const modDir = path.join(job.env['GOMODCACHE'] as string, `${victim.path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`)}@${victim.version}`);
      await chmod(modDir, 0o755);
      await writeFile(path.join(modDir, 'LICENSE'), 'tampered\n');
      const { main, post } = await mainAndPost(job, go, { keyPrefix: 'verify', verify: true });
      assert.equal(main.result.hit, 'partial');
      const problem = main.result.problems.find((p) => p.code === 'CACHE_VERIFY_FAILED');
      assert.ok(problem, main.stdout);
      assert.equal(problem.severity, 'error');
      assert.equal(post.result.saved, false);
      assert.match(post.result.message, /verify/);
    });
  });

  test('go.work with several modules plus a module outside it: one key over every go.sum, the union downloaded and saved', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('cache-work-', async (dir) => {
      const job = makeJob(dir, go, proxy, svc);
      const [d0, d1, d2] = graph.direct;
      assert.ok(d0 && d1 && d2);
      const sums = proxy.sumLines().join('\n') + '\n';
      await writeFiles(job.workspace, {
        'go.work': 'go 1.21\n\nuse (\n\t./a\n\t./b\n)\n',
        'a/go.mod': `module example.com/work/a\n\ngo 1.21\n\nrequire ${d0.path} ${d0.version}\n`,
        'a/go.sum': sums,
        'a/a.go': `package a\n\nimport _ "${d0.path}"\n`,
        'b/go.mod': `module example.com/work/b\n\ngo 1.21\n\nrequire ${d1.path} ${d1.version}\n`,
        'b/go.sum': sums,
        'b/b.go': `package b\n\nimport _ "${d1.path}"\n`,
        'tools/go.mod': `module example.com/work/tools\n\ngo 1.21\n\nrequire ${d2.path} ${d2.version}\n`,
        'tools/go.sum': sums,
        'tools/t.go': `package tools\n\nimport _ "${d2.path}"\n`,
      });
      const { main, post } = await mainAndPost(job, go, { keyPrefix: 'work' });
      assert.deepEqual(main.result.failures, [], main.stdout);
      assert.match(main.stdout, /go mod download in go\.work, tools\/go\.mod/);
      const mc = job.env['GOMODCACHE'] as string;
      for (const d of [d0, d1, d2]) {
        const esc = d.path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
        assert.ok(await exists(path.join(mc, 'cache/download', esc, '@v', `${d.version}.zip`)), `${d.path} downloaded`);
      }
      assert.equal(post.result.saved, true, post.stdout);
      // The key covers every go.sum: changing the one outside go.work changes it.
      await writeFile(path.join(job.workspace, 'tools/go.sum'), sums + '\n');
      const again = await runStep<CacheMainResult>(job, 'main', { options: cacheOptions(job, go, { keyPrefix: 'work', download: false }) });
      assert.notEqual(again.result.key, main.result.key);
      assert.equal(again.result.hit, 'partial');
    });
  });

  test('no go.sum at all: a notice, no restore, no save, no cache-service call', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('cache-nosum-', async (dir) => {
      const job = makeJob(dir, go, proxy, svc);
      await writeFiles(job.workspace, { 'go.mod': 'module example.com/nosum\n\ngo 1.21\n', 'main.go': 'package main\n\nfunc main() {}\n' });
      const calls = svc.calls.length;
      const { main, post } = await mainAndPost(job, go, { keyPrefix: 'nosum' });
      assert.equal(main.result.key, null);
      assert.equal(main.result.hit, 'false');
      const notice = main.result.problems.find((p) => p.code === 'CACHE_NO_DEPENDENCY_FILES');
      assert.ok(notice);
      assert.equal(notice.severity, 'notice');
      assert.equal(post.result.saved, false);
      assert.equal(svc.calls.length, calls);
    });
  });

  test('save modes: never and default-branch (other branch) do not save; default-branch on the default branch and always do', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('cache-modes-', async (dir) => {
      const eventFile = path.join(dir, 'event.json');
      await writeFile(eventFile, JSON.stringify({ repository: { default_branch: 'trunk' } }));
      const job = makeJob(dir, go, proxy, svc, 'v2', { GITHUB_EVENT_PATH: eventFile });
      await writeProject(job, 'app', graph, proxy, 'example.com/modes');
      const main = await runStep<CacheMainResult>(job, 'main', { options: cacheOptions(job, go, { keyPrefix: 'modes', save: 'never' }) });
      const never = await runStep<CachePostResult>(job, 'post', { state: main.result.state });
      assert.equal(never.result.saved, false);
      assert.match(never.result.message, /'never'/);
      const feature = await runStep<CachePostResult>(job, 'post', { state: withSaveMode(main.result.state, 'default-branch') }, { GITHUB_REF: 'refs/heads/feature' });
      assert.equal(feature.result.saved, false);
      assert.match(feature.result.message, /not refs\/heads\/trunk/);
      assert.equal(svc.entries().filter((e) => e.key === main.result.key).length, 0);
      // The first post step removed the main step's job file (a post step runs once per job):
      // a post step run again on the same state saves nothing and says why.
      const again = await runStep<CachePostResult>(job, 'post', { state: withSaveMode(main.result.state, 'default-branch') }, { GITHUB_REF: 'refs/heads/trunk' });
      assert.equal(again.result.saved, false);
      assert.match(again.result.message, /plan file cannot be read .*removed it from RUNNER_TEMP, or this post step ran before/);
      assert.deepEqual(again.warnings, []);
      // A main step that could not write the file says so in its log; its post step points there.
      const parsed = JSON.parse(main.result.state['goproxy-cache'] ?? '{}') as Record<string, unknown>;
      const unwritten = await runStep<CachePostResult>(job, 'post', { state: { 'goproxy-cache': JSON.stringify({ ...parsed, save: 'always', jobFile: null }) } });
      assert.equal(unwritten.result.saved, false);
      assert.match(unwritten.result.message, /could not write its plan to RUNNER_TEMP \(see the main step's log\)/);
      assert.deepEqual(unwritten.warnings, []);
      // Two more jobs start before either saves (a matrix): the first saves, the second finds the key taken.
      const secondMain = await runStep<CacheMainResult>(job, 'main', { options: cacheOptions(job, go, { keyPrefix: 'modes', save: 'never' }) });
      const thirdMain = await runStep<CacheMainResult>(job, 'main', { options: cacheOptions(job, go, { keyPrefix: 'modes', save: 'never' }) });
      const trunk = await runStep<CachePostResult>(job, 'post', { state: withSaveMode(secondMain.result.state, 'default-branch') }, { GITHUB_REF: 'refs/heads/trunk' });
      assert.equal(trunk.result.saved, true, trunk.stdout);
      const always = await runStep<CachePostResult>(job, 'post', { state: withSaveMode(thirdMain.result.state, 'always') });
      assert.equal(always.result.saved, false);
      assert.match(always.result.message, /already exists/);
      assert.deepEqual(always.warnings, []);
    });
  });

  test('write denied (fork pull request): a notice, not a warning', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('cache-denied-', async (dir) => {
      const job = makeJob(dir, go, proxy, svc);
      await writeProject(job, 'app', graph, proxy, 'example.com/denied');
      const main = await runStep<CacheMainResult>(job, 'main', { options: cacheOptions(job, go, { keyPrefix: 'denied' }) });
      svc.setFault('write-denied');
      try {
        const post = await runStep<CachePostResult>(job, 'post', { state: main.result.state });
        assert.equal(post.result.saved, false);
        assert.deepEqual(post.warnings, []);
        assert.deepEqual(post.result.problems.map((p) => `${p.severity}:${p.code}`), ['notice:CACHE_SAVE_DENIED']);
      } finally {
        svc.setFault(null);
      }
    });
  });
});
