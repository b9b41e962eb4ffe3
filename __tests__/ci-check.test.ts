// The checks the CI workflow runs after `uses: ./` on ubuntu, macos and windows
// (.github/ci/check-action.mjs) run here against the runner emulation, so a check that is wrong
// fails here rather than on GitHub: a job that saves (miss, download, credentials written), a job
// that restores the exact key, and checks that must fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StepResult } from '../scripts/runner/emulate.js';
import { runAction, withTempDir } from './helpers/e2e.js';
import { isolatedGoEnv, requireGo } from './helpers/go.js';
import { runProcess, type ProcessResult } from './helpers/process.js';
import { startModuleProxy } from './fixtures/moduleProxy.js';
import { startCacheService } from './fixtures/cacheService.js';

const CHECK = path.resolve('.github/ci/check-action.mjs');
const SHARED_GOCACHE = path.join(tmpdir(), 'setup-goproxy-tests-gocache');
const TOKEN = 'ci-check-token-for-example-invalid';
const PASSWORD = 'ci-check-password-for-example-invalid';
const inputs = {
  probe: 'false',
  goprivate: 'example.invalid/private',
  'git-token': TOKEN,
  'git-token-hosts': 'example.invalid',
  netrc: `machine proxy.example.invalid login ci password ${PASSWORD}`,
  'cache-key-prefix': 'ci-check',
};

/** Runs the check as a later step of the job would: the job env plus what main exported. */
function laterStep(go: string, root: string, main: StepResult, args: string[], secrets = `${TOKEN}\n${PASSWORD}`): Promise<ProcessResult> {
  const env = {
    ...isolatedGoEnv(root),
    // The build cache (compiled std packages) is safe to share between go commands, and a warm
    // one keeps the `go build` check from compiling the standard library again in every run.
    GOCACHE: SHARED_GOCACHE,
    PATH: [...main.addedPath, path.dirname(go), '/usr/local/bin', '/usr/bin', '/bin'].join(path.delimiter),
    ...main.exportedEnv,
    OUTPUTS: JSON.stringify(main.outputs),
    CI_SECRETS: secrets,
  };
  return runProcess(process.execPath, [CHECK, ...args], { cwd: path.join(root, 'repo'), env, timeoutMs: 120_000 });
}

test('the CI checks pass after a saving job and a restoring job, and fail on a wrong expectation', async (t) => {
  const go = requireGo(t);
  if (go === null) return;
  const proxy = await startModuleProxy([{ path: 'example.com/fixture/dep', version: 'v1.0.0' }]);
  const service = await startCacheService();
  const files = {
    'go.mod': 'module example.com/ci\n\ngo 1.21\n\nrequire example.com/fixture/dep v1.0.0\n',
    'go.sum': `${proxy.sumLines().join('\n')}\n`,
    'main.go': 'package main\n\nimport _ "example.com/fixture/dep"\n\nfunc main() {}\n',
  };
  const env = { ...service.env('v2'), GOPROXY: proxy.url, GOSUMDB: 'off' };
  const common = ['--goprivate', 'example.invalid/private', '--go-version', '1.23', '--cache-key-prefix', 'ci-check'];
  try {
    await withTempDir('ci-check-save-', async (root) => {
      const job = await runAction(root, {
        files,
        env,
        inputs,
        between: async (main) => {
          assert.equal(main.exitCode, 0, main.stdout);
          const passed = await laterStep(go, root, main, [...common, '--module', '.', '--cache-hit', 'false', '--token-host', 'example.invalid', '--netrc-machine', 'proxy.example.invalid']);
          assert.equal(passed.code, 0, passed.stdout + passed.stderr);
          assert.match(passed.stdout, /^ok {3}a git insteadOf rule for example\.invalid$/m);
          assert.match(passed.stdout, /^ok {3}a netrc entry for proxy\.example\.invalid/m);
          assert.match(passed.stdout, /^ok {3}\. builds with GOPROXY=off/m);
          assert.match(passed.stdout, /All checks passed\./);
          assert.doesNotMatch(passed.stdout + passed.stderr, new RegExp(`${TOKEN}|${PASSWORD}`));

          const wrong = await laterStep(go, root, main, ['--cache-hit', 'true', '--netrc-machine', 'other.example.invalid', '--token-host', 'other.example.invalid', '--go-version', '1.99']);
          assert.equal(wrong.code, 1);
          for (const failed of ['cache-hit is true', 'an exact hit downloads nothing', 'a netrc entry for other.example.invalid', 'a git insteadOf rule for other.example.invalid', 'the go-version output is 1.99', 'go on PATH is go 1.99']) {
            assert.match(wrong.stdout, new RegExp(`^FAIL ${failed.replace(/\./g, '\\.')}`, 'm'));
          }
          assert.match(wrong.stdout, /^::error title=The action's effects::6 check\(s\) failed/m);
          assert.doesNotMatch(wrong.stdout + wrong.stderr, new RegExp(`${TOKEN}|${PASSWORD}`), 'a failing check prints no secret');

          const leaked = await laterStep(go, root, main, [], 'example.invalid/private');
          assert.equal(leaked.code, 1, 'a value that is in the outputs counts as a leaked secret');
          assert.match(leaked.stdout, /^FAIL no secret in the outputs \(1 checked\)/m);
        },
      });
      assert.equal(job.post?.exitCode, 0, job.post?.stdout);
    });

    await proxy.close();
    await withTempDir('ci-check-restore-', async (root) => {
      const job = await runAction(root, {
        files,
        env: { ...env, GOPROXY: 'off' },
        inputs: { probe: 'false', goprivate: 'example.invalid/private', 'cache-key-prefix': 'ci-check' },
        between: async (main) => {
          assert.equal(main.exitCode, 0, main.stdout);
          const passed = await laterStep(go, root, main, [...common, '--module', '.', '--cache-hit', 'true']);
          assert.equal(passed.code, 0, passed.stdout + passed.stderr);
          assert.match(passed.stdout, /^ok {3}an exact hit downloads nothing$/m);
        },
      });
      assert.equal(job.post?.exitCode, 0);
    });
  } finally {
    await Promise.all([proxy.close().catch(() => undefined), service.close()]);
  }
});
