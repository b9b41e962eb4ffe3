// End to end: two jobs on two "machines" (separate GOMODCACHEs) share the module cache through the
// real @actions/cache library and a loopback cache service. The first job misses, downloads and
// saves in its post step; the second restores the exact key and builds with the proxy gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
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
      assert.equal(service.entries().length, 1, 'an exact hit saves nothing');
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
