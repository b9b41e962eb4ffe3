// End to end: two jobs on two "machines" (separate GOMODCACHEs) share the module cache through the
// real @actions/cache library and a loopback cache service. The first job misses, downloads and
// saves in its post step; the second restores the exact key and builds with the proxy gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { runAction, withTempDir } from './helpers/e2e.js';
import { isolatedGoEnv, requireGo } from './helpers/go.js';
import { startModuleProxy } from './fixtures/moduleProxy.js';
import { startCacheService } from './fixtures/cacheService.js';

const execFileAsync = promisify(execFile);

test('cold job saves, warm job restores the exact key and builds offline', async (t) => {
  const go = requireGo(t);
  if (go === null) return;
  const modules = [
    { path: 'example.com/fixture/alpha', version: 'v1.0.0' },
    { path: 'example.com/fixture/beta', version: 'v0.3.1' },
  ];
  const proxy = await startModuleProxy(modules);
  const service = await startCacheService();
  const goSum = `${proxy.sumLines().join('\n')}\n`;
  const files = {
    'go.mod': 'module example.com/app\n\ngo 1.21\n\nrequire (\n\texample.com/fixture/alpha v1.0.0\n\texample.com/fixture/beta v0.3.1\n)\n',
    'go.sum': goSum,
    'main.go': 'package main\n\nimport (\n\t_ "example.com/fixture/alpha"\n\t_ "example.com/fixture/beta"\n)\n\nfunc main() {}\n',
  };
  const env = { ...service.env('v2'), GOPROXY: proxy.url, GOSUMDB: 'off' };
  try {
    const cold = await withTempDir('e2e-cache-cold-', (root) => runAction(root, { files, env, inputs: { probe: 'false' } }));
    assert.equal(cold.main.exitCode, 0, cold.main.stdout);
    assert.equal(cold.main.outputs['cache-hit'], 'false');
    assert.equal(cold.main.outputs['modules-downloaded'], '2');
    assert.match(cold.main.outputs['cache-key'] ?? '', /^setup-goproxy-gomod-/);
    assert.equal(cold.post?.exitCode, 0, cold.post?.stdout);
    assert.equal(service.entries().filter((entry) => entry.finalized).length, 1, 'the post step saved one entry');
    assert.match(cold.main.summary, /### Module cache/);

    await proxy.close();
    await withTempDir('e2e-cache-warm-', async (root) => {
      const warm = await runAction(root, {
        files,
        env: { ...env, GOPROXY: 'off' },
        inputs: { probe: 'false' },
        between: async (main, workspace) => {
          assert.equal(main.outputs['cache-hit'], 'true');
          assert.equal(main.outputs['cache-matched-key'], cold.main.outputs['cache-key']);
          assert.equal(main.outputs['modules-downloaded'], '0');
          // A later step builds with no proxy at all: everything came from the cache.
          const build = await execFileAsync(go, ['build', './...'], { cwd: workspace, env: { ...isolatedGoEnv(root), PATH: path.dirname(go), ...main.exportedEnv, GOPROXY: 'off', GOFLAGS: '-mod=mod' }, timeout: 120_000 });
          assert.equal(build.stderr.includes('downloading'), false);
        },
      });
      assert.equal(warm.main.exitCode, 0, warm.main.stdout);
      assert.equal(warm.post?.exitCode, 0);
      assert.equal(service.entries().filter((entry) => entry.key.startsWith('setup-goproxy-gomod-')).length, 1, 'an exact hit saves no module cache');
    });
  } finally {
    await Promise.all([proxy.close().catch(() => undefined), service.close()]);
  }
});

// A matrix sibling reserved the key first (the service answers 409, as it does while the winner
// uploads): through the bundle, the loser logs one info line, no warning. Before the fix the
// bundler renamed the library's error classes, so it logged the 409 as a warning and the action
// reported CACHE_SAVE_FAILED; and every "Module cache not saved/Saved" line printed twice.
for (const proto of ['v2', 'v1'] as const) {
  test(`a save that loses the race to a matrix sibling is an info line, printed once (${proto})`, async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    const modules = [{ path: 'example.com/fixture/race', version: 'v1.0.0' }];
    const proxy = await startModuleProxy(modules);
    const service = await startCacheService();
    const files = {
      'go.mod': 'module example.com/app\n\ngo 1.21\n\nrequire example.com/fixture/race v1.0.0\n',
      'go.sum': `${proxy.sumLines().join('\n')}\n`,
      'main.go': 'package main\n\nimport _ "example.com/fixture/race"\n\nfunc main() {}\n',
    };
    try {
      service.setFault('already-exists');
      const run = await withTempDir('e2e-cache-race-', (root) => runAction(root, { files, env: { ...service.env(proto), GOPROXY: proxy.url, GOSUMDB: 'off' }, inputs: { probe: 'false' } }));
      assert.equal(run.main.exitCode, 0, run.main.stdout);
      assert.ok(run.post, 'the post step ran');
      assert.equal(run.post.exitCode, 0, run.post.stdout);
      assert.deepEqual(run.post.annotations.filter((a) => a.level !== 'notice'), [], run.post.stdout);
      const lines = run.post.stdout.split('\n').filter((line) => /being saved by another job/.test(line));
      assert.equal(lines.length, 1, run.post.stdout);
      assert.equal(service.entries().length, 0);
    } finally {
      await Promise.all([proxy.close(), service.close()]);
    }
  });
}

// The build cache through the bundle: a cold job builds and its post step saves both caches; a
// warm job on a fresh machine with the same paths restores both and `go build` compiles nothing.
test('build cache: the cold job saves it, the warm job restores it and go build compiles nothing', async (t) => {
  const go = requireGo(t);
  if (go === null) return;
  const modules = [{ path: 'example.com/fixture/gamma', version: 'v1.2.0' }];
  const proxy = await startModuleProxy(modules);
  const service = await startCacheService();
  const files = {
    'go.mod': 'module example.com/app\n\ngo 1.21\n\nrequire example.com/fixture/gamma v1.2.0\n',
    'go.sum': `${proxy.sumLines().join('\n')}\n`,
    'lib/lib.go': 'package lib\n\nimport _ "example.com/fixture/gamma"\n\nfunc Twice(x int) int { return 2 * x }\n',
    'lib/more.go': 'package lib\n\nfunc Thrice(x int) int { return 3 * x }\n',
  };
  const goBuild = async (root: string, workspace: string, exported: Record<string, string>): Promise<string> => {
    const r = await execFileAsync(go, ['build', '-x', './...'], { cwd: workspace, env: { ...isolatedGoEnv(root), PATH: path.dirname(go), ...exported, GOPROXY: 'off' }, timeout: 120_000, maxBuffer: 1 << 26 });
    return r.stderr;
  };
  const compiles = (log: string): number => log.split('\n').filter((line) => /\/compile( |$)/.test(line)).length;
  try {
    await withTempDir('e2e-build-cache-', async (dir) => {
      // Both jobs run at the same paths (as hosted runners do): the key holds the GOMODCACHE path.
      const machine = path.join(dir, 'machine');
      const job = async (run: string, check: (main: Awaited<ReturnType<typeof runAction>>['main'], log: string) => void): Promise<Awaited<ReturnType<typeof runAction>>> => {
        await rm(machine, { recursive: true, force: true });
        return runAction(machine, {
          files,
          env: { ...service.env('v2'), GOPROXY: proxy.url, GOSUMDB: 'off', GITHUB_RUN_ID: run },
          inputs: { probe: 'false' },
          between: async (main, workspace) => check(main, await goBuild(machine, workspace, main.exportedEnv)),
        });
      };
      let coldKey = '';
      const cold = await job('501', (main, log) => {
        assert.equal(main.outputs['build-cache-hit'], 'false');
        assert.equal(main.outputs['gocache'], path.join(machine, 'gocache'));
        assert.match(main.outputs['build-cache-key'] ?? '', /^setup-goproxy-gobuild-b2-linux-amd64-go1\.[\d.]+-[0-9a-f]{12}-build-[0-9a-f]{8}-501-1$/);
        coldKey = main.outputs['build-cache-key'] ?? '';
        assert.ok(compiles(log) >= 2, log);
      });
      assert.equal(cold.main.exitCode, 0, cold.main.stdout);
      assert.equal(cold.post?.exitCode, 0, cold.post?.stdout);
      assert.match(cold.post?.stdout ?? '', /Saved build cache /);
      assert.match(cold.main.summary, /### Build cache/);
      const warm = await job('502', (main, log) => {
        assert.equal(main.outputs['cache-hit'], 'true');
        assert.equal(main.outputs['build-cache-hit'], 'true');
        assert.equal(main.outputs['build-cache-matched-key'], coldKey);
        assert.equal(compiles(log), 0, `the warm build compiles nothing:\n${log}`);
      });
      assert.equal(warm.main.exitCode, 0, warm.main.stdout);
      // GOSUMDB=off is warned about; nothing about the caches is.
      assert.deepEqual(warm.main.annotations.filter((a) => /CACHE/.test(a.title ?? '')), []);
      assert.deepEqual(warm.post?.annotations.filter((a) => /CACHE/.test(a.title ?? '')), []);
    });
  } finally {
    await Promise.all([proxy.close().catch(() => undefined), service.close()]);
  }
});

test('build cache: GOCACHE=off is an error on the workflow line that sets it; a failed job saves nothing unless build-cache-save: always', async (t) => {
  const go = requireGo(t);
  if (go === null) return;
  const service = await startCacheService();
  const workflow = '.github/workflows/ci.yml';
  const files = {
    'go.mod': 'module example.com/app\n\ngo 1.21\n',
    'main.go': 'package main\n\nfunc main() {}\n',
    [workflow]: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      GOCACHE: off\n    steps:\n      - uses: octo-org/setup-goproxy@v1\n        with:\n          probe: false\n',
  };
  try {
    const off = await withTempDir('e2e-gocache-off-', (root) => runAction(root, { files, workflow, env: { ...service.env('v2'), GOCACHE: 'off' }, inputs: { probe: 'false' } }));
    assert.equal(off.main.exitCode, 1, off.main.stdout);
    const error = off.main.annotations.find((a) => a.title?.includes('BUILD_CACHE_OFF'));
    assert.ok(error, JSON.stringify(off.main.annotations));
    assert.equal(error.level, 'error');
    assert.equal(error.file, workflow);
    assert.equal(error.line, 6);
    assert.match(error.message, /required as of Go 1\.12/);
    const failed = await withTempDir('e2e-build-failed-', (root) => runAction(root, { files: { 'go.mod': files['go.mod'], 'main.go': files['main.go'] }, env: service.env('v2'), inputs: { probe: 'false' }, jobStatus: 'failure' }));
    assert.equal(failed.post, null, 'post-if success() skips the post step after a failed job');
    const always = await withTempDir('e2e-build-always-', (root) => runAction(root, { files: { 'go.mod': files['go.mod'], 'main.go': files['main.go'] }, env: service.env('v2'), inputs: { probe: 'false', 'build-cache-save': 'always' }, jobStatus: 'failure' }));
    assert.equal(always.main.exportedEnv['SETUP_GOPROXY_POST_ALWAYS'], 'true');
    assert.ok(always.post, 'with build-cache-save: always the post step runs after a failed job');
    assert.match(always.post.stdout, /Build cache not saved: the job built nothing/);
  } finally {
    await service.close();
  }
});

// Issue 9, many modules: 2,000 nested modules, each with its own go.sum. The runner hands the post
// step its state as STATE_* variables, and Linux refuses a variable over 128 KiB (E2BIG): with the
// download targets in the state (184-270 KB here) the post step failed to start. The state now
// only names a file in RUNNER_TEMP. The pre-warm fetches for all the modules in a few go runs over
// their go.sum files (instead of 4,000 go runs), and what it fetched is enough to build offline.
test('2,000 nested modules: the state stays small, the post step starts and saves, the pre-warm is batched and complete', { timeout: 600_000 }, async (t) => {
  const go = requireGo(t);
  if (go === null) return;
  const deps = [
    { path: 'example.com/fixture/many-a', version: 'v1.0.0' },
    { path: 'example.com/fixture/many-b', version: 'v1.1.0' },
  ];
  const proxy = await startModuleProxy(deps);
  const service = await startCacheService();
  const sums = proxy.sumLines();
  const files: Record<string, string> = {};
  for (let i = 0; i < 2000; i++) {
    const parts: string[] = [];
    for (let j = i; j > 0; j = Math.floor((j - 1) / 2)) parts.unshift(`n${j % 2}`);
    const dir = parts.length === 0 ? '' : `${parts.join('/')}/`;
    const dep = deps[i % 2]!;
    files[`${dir}go.mod`] = `module example.com/many/m${i}\n\ngo 1.21\n\nrequire ${dep.path} ${dep.version}\n`;
    files[`${dir}go.sum`] = `${sums.filter((line) => line.startsWith(`${dep.path} `)).join('\n')}\n`;
    files[`${dir}main.go`] = `package main\n\nimport _ "${dep.path}"\n\nfunc main() {}\n`;
  }
  try {
    await withTempDir('e2e-cache-many-', async (root) => {
      const run = await runAction(root, {
        files,
        env: { ...service.env('v2'), GOPROXY: proxy.url, GOSUMDB: 'off' },
        inputs: { probe: 'false', 'build-cache': 'false' },
        timeoutMs: 300_000,
        between: async (main, workspace) => {
          // Two of the modules build with the proxy gone: the batch fetched what they need.
          for (const dir of ['.', 'n1/n0']) {
            await execFileAsync(go, ['build', './'], { cwd: path.join(workspace, dir), env: { ...isolatedGoEnv(root), PATH: path.dirname(go), ...main.exportedEnv, GOPROXY: 'off', GOFLAGS: '-mod=readonly' }, timeout: 120_000 });
          }
        },
      });
      assert.equal(run.main.exitCode, 0, run.main.stdout.slice(-3000));
      const stateBytes = Object.values(run.main.state).reduce((sum, value) => sum + Buffer.byteLength(value), 0);
      assert.ok(stateBytes < 8 * 1024, `the state is ${stateBytes} bytes`);
      assert.match(run.main.stdout, /go mod download for 2000 of 2000 modules outside go\.work in [1-9] go run\(s\)/);
      assert.ok(run.post, 'the post step ran');
      assert.equal(run.post.exitCode, 0, `${run.post.stdout.slice(-2000)}\n${run.post.stderr.slice(-2000)}`);
      assert.match(run.post.stdout, /Saving 2 module\(s\)/);
      assert.equal(service.entries().filter((entry) => entry.finalized && entry.key.startsWith('setup-goproxy-gomod-')).length, 1);
      // The plan file is the post step's to remove.
      const leftovers = (await readdir(run.main.env['RUNNER_TEMP'] ?? root)).filter((name) => /^setup-goproxy-(module-cache|build-cache|prewarm)-/.test(name));
      assert.deepEqual(leftovers, []);
    });
  } finally {
    await Promise.all([proxy.close(), service.close()]);
  }
});
