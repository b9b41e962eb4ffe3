// Regression tests for the module-cache items of issue 9, with the real go and the real
// @actions/cache against the loopback cache service: a service that never answers, a corrupt
// entry of the job's own key, a GOMODCACHE under a symlinked directory (macOS /tmp), many
// modules downloaded concurrently, and the cause of a failed private-module download.
import assert from 'node:assert/strict';
import { readFile, mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startCacheService, type CacheService } from './fixtures/cacheService.js';
import { generateModuleGraph, startModuleProxy, type ModuleProxy } from './fixtures/moduleProxy.js';
import { requireGo } from './helpers/go.js';
import { withTempDir, writeFiles } from './helpers/e2e.js';
import { cacheOptions, makeJob, runStep, writeProject } from './cache-harness.js';
import type { CacheMainResult, CachePostResult } from '../src/cache/modules/phase.js';

const SHORT_DEADLINES = { lookupMs: 1500, transferMs: 4000 };

describe('module cache: issue 9 regressions', () => {
  let svc: CacheService;
  let proxy: ModuleProxy;
  const graph = generateModuleGraph(6, 1500, 91);
  before(async () => {
    svc = await startCacheService();
    proxy = await startModuleProxy(graph.modules);
  });
  after(async () => {
    await proxy.close();
    await svc.close();
  });

  for (const proto of ['v2', 'v1'] as const) {
    test(`a cache service that accepts and never answers: main and post give up at the deadline, warn, and the job goes on (${proto})`, async (t) => {
      const go = requireGo(t);
      if (go === null) return;
      await withTempDir(`cache-hang-${proto}-`, async (dir) => {
        const job = makeJob(dir, go, proxy, svc, proto);
        await writeProject(job, 'app', graph, proxy, `example.com/hang${proto}`);
        svc.setFault('hang');
        try {
          const hungBefore = svc.hung();
          // Before the fix the step never ended (runStep's own 60 s bound then failed the test).
          const main = await runStep<CacheMainResult>(job, 'main', { options: cacheOptions(job, go, { keyPrefix: `hang-${proto}`, deadlines: SHORT_DEADLINES }) }, {}, 60_000);
          assert.equal(main.code, 0, main.stderr);
          assert.ok(svc.hung() > hungBefore, 'the lookup reached the hung service');
          assert.equal(main.result.hit, 'false');
          const warning = main.result.problems.find((p) => p.code === 'CACHE_RESTORE_FAILED');
          assert.ok(warning, JSON.stringify(main.result.problems));
          assert.equal(warning.severity, 'warning');
          assert.match(warning.message, /did not answer the lookup within 2 s/);
          assert.deepEqual(main.errors, []);
          // The job went on without the cache: every module was downloaded.
          assert.equal(main.result.modulesDownloaded, graph.selected.length);
          // v1's retries sleep 5 s twice after the sockets are gone: the post step's same bound is shown with v2 only.
          if (proto === 'v1') return;
          const post = await runStep<CachePostResult>(job, 'post', { state: main.result.state }, {}, 60_000);
          assert.equal(post.code, 0, post.stderr);
          assert.equal(post.result.saved, false);
          const saveWarning = post.result.problems.find((p) => p.code === 'CACHE_SAVE_FAILED');
          assert.ok(saveWarning, JSON.stringify(post.result.problems));
          assert.match(saveWarning.message, /did not answer/);
          assert.ok(post.result.problems.every((p) => p.severity !== 'error'));
        } finally {
          svc.setFault(null);
        }
      });
    });
  }

  test('a corrupt entry of the job\'s own key is replaced: the post step saves under <key>-<run>-<attempt>, the next job restores it', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('cache-corrupt-own-', async (dir) => {
      const seed = makeJob(path.join(dir, 'seed'), go, proxy, svc, 'v2', { GITHUB_RUN_ID: '100', GITHUB_RUN_ATTEMPT: '1' });
      await writeProject(seed, 'app', graph, proxy, 'example.com/corruptown');
      const m0 = await runStep<CacheMainResult>(seed, 'main', { options: cacheOptions(seed, go, { keyPrefix: 'corrupt-own' }) });
      const p0 = await runStep<CachePostResult>(seed, 'post', { state: m0.result.state });
      assert.equal(p0.result.saved, true, p0.stdout);
      const key = m0.result.key as string;
      const entry = svc.entries().find((e) => e.key === key);
      assert.ok(entry);
      svc.corrupt(entry.id);

      // Job 2: the exact key is corrupt. Before the fix every later job warned, downloaded
      // everything and skipped the save because the key exists.
      const second = makeJob(path.join(dir, 'second'), go, proxy, svc, 'v2', { GITHUB_RUN_ID: '200', GITHUB_RUN_ATTEMPT: '2' });
      await writeProject(second, 'app', graph, proxy, 'example.com/corruptown');
      const m1 = await runStep<CacheMainResult>(second, 'main', { options: cacheOptions(second, go, { keyPrefix: 'corrupt-own' }) });
      assert.equal(m1.result.hit, 'false', m1.stdout);
      const corrupt = m1.result.problems.find((p) => p.code === 'CACHE_RESTORE_CORRUPT');
      assert.ok(corrupt, JSON.stringify(m1.result.problems));
      assert.equal(corrupt.severity, 'warning');
      assert.ok(corrupt.message.includes(`entry ${key} is corrupt`), corrupt.message);
      assert.ok(corrupt.message.includes(`${key}-200-2`), corrupt.message);
      assert.match(corrupt.fix ?? '', /gh cache delete/);
      const p1 = await runStep<CachePostResult>(second, 'post', { state: m1.result.state });
      assert.equal(p1.result.saved, true, p1.stdout);
      assert.ok(svc.entries().some((e) => e.key === `${key}-200-2` && e.finalized));

      // Job 3: the replacement is preferred over the corrupt original: an exact hit, no warning, no download.
      const third = makeJob(path.join(dir, 'third'), go, proxy, svc, 'v2', { GITHUB_RUN_ID: '300', GITHUB_RUN_ATTEMPT: '1' });
      await writeProject(third, 'app', graph, proxy, 'example.com/corruptown');
      const m2 = await runStep<CacheMainResult>(third, 'main', { options: cacheOptions(third, go, { keyPrefix: 'corrupt-own' }) });
      assert.equal(m2.result.hit, 'true', m2.stdout);
      assert.equal(m2.result.matchedKey, `${key}-200-2`);
      assert.equal(m2.result.key, key, 'the cache-key output is still the real key');
      assert.equal(m2.result.modulesDownloaded, 0);
      assert.deepEqual(m2.result.problems, []);
    });
  });

  test('GOMODCACHE under a symlinked directory (macOS /tmp -> /private/tmp): saved and restored intact', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('cache-symlinked-', async (dir) => {
      const jobIn = async (name: string): Promise<ReturnType<typeof makeJob>> => {
        const real = path.join(dir, `${name}-real`);
        await mkdir(real, { recursive: true });
        const linked = path.join(dir, `${name}-link`);
        await symlink(real, linked);
        return makeJob(linked, go, proxy, svc);
      };
      const cold = await jobIn('cold');
      assert.ok((cold.env['GOMODCACHE'] as string).includes('-link'), 'GOMODCACHE is named through the symlink');
      await writeProject(cold, 'app', graph, proxy, 'example.com/symlinked');
      const m1 = await runStep<CacheMainResult>(cold, 'main', { options: cacheOptions(cold, go, { keyPrefix: 'symlinked' }) });
      const p1 = await runStep<CachePostResult>(cold, 'post', { state: m1.result.state });
      assert.equal(p1.result.saved, true, p1.stdout);
      assert.deepEqual(p1.result.problems, []);
      const warm = await jobIn('warm');
      await writeProject(warm, 'app', graph, proxy, 'example.com/symlinked');
      const m2 = await runStep<CacheMainResult>(warm, 'main', { options: cacheOptions(warm, go, { keyPrefix: 'symlinked' }) });
      assert.equal(m2.result.hit, 'true', m2.stdout);
      assert.equal(m2.result.modulesDownloaded, 0, 'the archive landed in GOMODCACHE, not beside it');
      const first = graph.selected[0];
      assert.ok(first);
      const zip = path.join(warm.env['GOMODCACHE'] as string, 'cache', 'download', first.path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`), '@v', `${first.version}.zip`);
      assert.ok((await readFile(zip)).length > 0);
    });
  });

  test('many modules: independent go mod downloads run concurrently, never more than the bound', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('cache-concurrent-', async (dir) => {
      const job = makeJob(dir, go, proxy, svc);
      const sums = proxy.sumLines().join('\n') + '\n';
      const files: Record<string, string> = {};
      const direct = graph.direct[0];
      assert.ok(direct);
      for (let i = 0; i < 6; i++) {
        files[`mods/m${i}/go.mod`] = `module example.com/many/m${i}\n\ngo 1.21\n\nrequire ${direct.path} ${direct.version}\n`;
        files[`mods/m${i}/go.sum`] = sums;
      }
      await writeFiles(job.workspace, files);
      // A go wrapper that logs when each invocation starts and ends (and lingers, so runs that
      // could overlap do): the real go does the work.
      const log = path.join(dir, 'go-runs.log');
      const wrapper = path.join(dir, 'go-wrapper.sh');
      await writeFile(wrapper, `#!/bin/sh\necho "start $$" >> '${log}'\nsleep 1\n'${go}' "$@"\ncode=$?\necho "end $$" >> '${log}'\nexit $code\n`, { mode: 0o755 });
      const main = await runStep<CacheMainResult>(job, 'main', { options: cacheOptions(job, go, { keyPrefix: 'concurrent', goBinary: wrapper, concurrency: 3, enabled: false, gomodcache: job.env['GOMODCACHE'] }) });
      assert.deepEqual(main.result.failures, [], main.stdout);
      const lines = (await readFile(log, 'utf8')).trim().split('\n');
      let running = 0;
      let peak = 0;
      for (const line of lines) {
        running += line.startsWith('start') ? 1 : -1;
        peak = Math.max(peak, running);
      }
      assert.equal(lines.filter((l) => l.startsWith('start')).length, 6, lines.join('\n'));
      assert.ok(peak >= 2, `downloads overlapped (peak ${peak})`);
      assert.ok(peak <= 3, `the bound held (peak ${peak})`);
    });
  });

  test('a failed private-module download keeps go\'s whole error (the cause on its second line), bounded and redacted', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('cache-cause-', async (dir) => {
      const job = makeJob(dir, go, proxy, svc);
      const victim = graph.direct[0];
      assert.ok(victim);
      const prefix = `/${victim.path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`)}/@v/${victim.version}.zip`;
      proxy.setFault(prefix, { status: 403, body: `access to this private module needs a token: see https://deploy:s3cr3t-token@git.example.com/help\n${'x'.repeat(5000)}` });
      try {
        await writeProject(job, 'app', graph, proxy, 'example.com/cause');
        const main = await runStep<CacheMainResult>(job, 'main', { options: cacheOptions(job, go, { keyPrefix: 'cause', enabled: false }) });
        const problem = main.result.problems.find((p) => p.code === 'DOWNLOAD_FAILED');
        assert.ok(problem, main.stdout);
        assert.match(problem.message, /403 Forbidden/);
        assert.match(problem.message, /server response: access to this private module needs a token/, 'the cause on go\'s second line is kept');
        assert.doesNotMatch(problem.message, /s3cr3t-token/);
        assert.ok(problem.message.length < 1400, `bounded (${problem.message.length} characters)`);
        const failure = main.result.failures.find((f) => f.path === victim.path);
        assert.ok(failure);
        assert.match(failure.error, /server response/);
        assert.doesNotMatch(failure.error, /s3cr3t-token/);
      } finally {
        proxy.setFault(prefix, null);
      }
    });
  });
  // Go's output is untrusted text: before, src/cache printed it with core.info, whole and
  // unredacted (a 100 kB line went to the log as is). It now goes through logInfo (report/log.ts).
  test("go's output in the log is redacted and bounded per line", async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('cache-log-', async (dir) => {
      const job = makeJob(dir, go, proxy, svc);
      await writeProject(job, 'app', graph, proxy, 'example.com/loud');
      const wrapper = path.join(dir, 'go-loud.sh');
      // A go that prints a huge non-JSON line with a credential before its JSON (go does print
      // text into -json output: golang/go#34485).
      await writeFile(wrapper, `#!/bin/sh\nif [ "$2" = download ]; then printf 'proxy said https://deploy:s3cr3t-token@proxy.example.com/x %s\\n' "$(head -c 100000 /dev/zero | tr '\\\\0' y)"; fi\nexec '${go}' "$@"\n`, { mode: 0o755 });
      const main = await runStep<CacheMainResult>(job, 'main', { options: cacheOptions(job, go, { keyPrefix: 'loud', goBinary: wrapper, enabled: false }) });
      assert.deepEqual(main.result.failures, [], main.stdout.slice(0, 3000));
      const loud = main.stdout.split('\n').filter((line) => line.includes('proxy said'));
      assert.equal(loud.length, 1, 'the line is logged');
      assert.ok(loud[0]!.length <= 2100, `bounded (${loud[0]!.length} characters)`);
      assert.doesNotMatch(main.stdout, /s3cr3t-token/);
    });
  });

  test('the module cache uses the workspace main discovered (no second walk)', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('cache-ws-once-', async (dir) => {
      const job = makeJob(dir, go, proxy, svc);
      await writeProject(job, 'app', graph, proxy, 'example.com/once');
      const { discoverWorkspace } = await import('../src/workspace/discover.js');
      const workspaceInfo = await discoverWorkspace(path.join(job.workspace, 'app'), job.workspace);
      // The working directory given holds no module: only the workspace passed in names one.
      await mkdir(path.join(job.workspace, 'empty'), { recursive: true });
      const main = await runStep<CacheMainResult>(job, 'main', { options: cacheOptions(job, go, { keyPrefix: 'once', enabled: false, workingDirectory: path.join(job.workspace, 'empty'), workspaceInfo }) });
      assert.ok(main.result.modulesDownloaded > 0, main.stdout.slice(0, 3000));
      const without = await runStep<CacheMainResult>(job, 'main', { options: cacheOptions(job, go, { keyPrefix: 'once', enabled: false, workingDirectory: path.join(job.workspace, 'empty') }) });
      assert.equal(without.result.modulesDownloaded, 0, 'without it the phase walks the working directory itself');
    });
  });
});
