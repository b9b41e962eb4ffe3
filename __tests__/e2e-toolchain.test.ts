// End to end: the toolchain part of dist/ — a go line newer than the local go, and installing a
// Go release through GOPROXY verified against a (loopback, test-key) checksum database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { applyProblemMatchers } from '../scripts/runner/emulate.js';
import { toolCacheArch } from '../src/toolchain/version.js';
import { runAction, withTempDir, writeFiles } from './helpers/e2e.js';
import { isolatedGoEnv, requireGo } from './helpers/go.js';
import { runProcess } from './helpers/process.js';
import { startModuleProxy } from './fixtures/moduleProxy.js';
import { fakeToolchainFiles, hostPlatform, startSumdb, toolchainModVersion } from './toolchain-fixtures.js';

test('go.mod needs a newer Go while GOTOOLCHAIN=local: error annotated at the go line', async (t) => {
  requireGo(t);
  const result = await withTempDir('e2e-toolchain-', (root) =>
    runAction(root, { files: { 'go.mod': 'module example.com/app\n\ngo 1.99\n' }, env: { GOTOOLCHAIN: 'local' }, inputs: { cache: 'false', download: 'false', probe: 'false' } }),
  );
  assert.equal(result.main.exitCode, 1);
  const error = result.main.annotations.find((a) => a.title?.includes('TOOLCHAIN_GO_TOO_NEW'));
  assert.equal(error?.file, 'go.mod');
  assert.equal(error?.line, 3);
  assert.match(error?.message ?? '', /go\.mod requires go >= 1\.99 \(running go 1\.23\.\d+; GOTOOLCHAIN=local\)/);
});

test('go-version installs a verified toolchain through GOPROXY, puts it on PATH and pins GOTOOLCHAIN=local', async (t) => {
  requireGo(t);
  const { goos, goarch } = hostPlatform();
  const version = toolchainModVersion('1.99.0', goos, goarch);
  const proxy = await startModuleProxy([{ path: 'golang.org/toolchain', version, files: fakeToolchainFiles('1.99.0', goos, goarch) }]);
  const sumdb = await startSumdb('sumdb.test.example', [{ path: 'golang.org/toolchain', version, lines: proxy.sumLines() }]);
  try {
    const result = await withTempDir('e2e-toolchain-', (root) =>
      runAction(root, {
        files: { 'go.mod': 'module example.com/app\n\ngo 1.21\n' },
        env: { GOPROXY: proxy.url, GOSUMDB: sumdb.gosumdb },
        inputs: { cache: 'false', download: 'false', probe: 'false', 'go-version': '1.99.0' },
      }),
    );
    const main = result.main;
    assert.equal(main.exitCode, 0, main.stdout);
    assert.equal(main.outputs['go-version'], '1.99.0');
    assert.match(main.outputs['go-path'] ?? '', /go\/1\.99\.0\/.*bin\/go$/);
    assert.equal(main.exportedEnv['GOTOOLCHAIN'], 'local');
    assert.equal(main.addedPath.length, 1);
    assert.match(main.summary, /### Go toolchain/);
    assert.match(main.summary, /downloaded and verified/);
    assert.ok(proxy.requests.some((request) => request.endsWith(`${version}.zip`)));
  } finally {
    await Promise.all([proxy.close(), sumdb.close()]);
  }
});

/** A loopback GOPROXY with host toolchains 1.98.3, 1.99.0, 1.99.1 and a database that signed them. */
async function multiReleaseProxy(): Promise<{ proxy: Awaited<ReturnType<typeof startModuleProxy>>; sumdb: Awaited<ReturnType<typeof startSumdb>>; close: () => Promise<void> }> {
  const { goos, goarch } = hostPlatform();
  const modules = ['1.98.3', '1.99.0', '1.99.1'].map((v) => ({ path: 'golang.org/toolchain', version: toolchainModVersion(v, goos, goarch), files: fakeToolchainFiles(v, goos, goarch) }));
  const proxy = await startModuleProxy(modules);
  const lines = proxy.sumLines();
  const sumdb = await startSumdb('sumdb.e2e.example', modules.map((m) => ({ path: m.path, version: m.version, lines: lines.filter((l) => l.startsWith(`${m.path} ${m.version}`)) })), 20);
  return { proxy, sumdb, close: () => Promise.all([proxy.close(), sumdb.close()]).then(() => undefined) };
}

const TOOLCHAIN_INPUTS = { cache: 'false', download: 'false', probe: 'false' };

test('go-version: stable and a range resolve through the proxy list for the host platform', async (t) => {
  requireGo(t);
  const { proxy, sumdb, close } = await multiReleaseProxy();
  try {
    await withTempDir('e2e-toolchain-', async (root) => {
      const env = { GOPROXY: proxy.url, GOSUMDB: sumdb.gosumdb };
      const stable = await runAction(root, { files: { 'go.mod': 'module example.com/app\n\ngo 1.21\n' }, env, inputs: { ...TOOLCHAIN_INPUTS, 'go-version': 'stable' } });
      assert.equal(stable.main.exitCode, 0, stable.main.stdout);
      assert.equal(stable.main.outputs['go-version'], '1.99.1');
      assert.match(stable.main.outputs['go-path'] ?? '', /go\/1\.99\.1\/.*bin\/go$/);
      assert.match(stable.main.summary, /`stable` \(input go-version\) → go1\.99\.1, stable in GOPROXY's golang\.org\/toolchain list; downloaded and verified/);
      assert.ok(proxy.requests.includes('GET /golang.org/toolchain/@v/list'));
      const range = await runAction(path.join(root, 'r'), { files: { 'go.mod': 'module example.com/app\n\ngo 1.21\n' }, env, inputs: { ...TOOLCHAIN_INPUTS, 'go-version': '>=1.98 <1.99.1' } });
      assert.equal(range.main.exitCode, 0, range.main.stdout);
      assert.equal(range.main.outputs['go-version'], '1.99.0');
      assert.match(range.main.summary, /`&gt;=1\.98 &lt;1\.99\.1` \(input go-version\) → go1\.99\.0, the newest match in GOPROXY's golang\.org\/toolchain list/);
    });
  } finally {
    await close();
  }
});

test('check-latest: the proxy has a newer release than the tool cache', async (t) => {
  requireGo(t);
  const { proxy, sumdb, close } = await multiReleaseProxy();
  try {
    await withTempDir('e2e-toolchain-', async (root) => {
      const { goos, goarch } = hostPlatform();
      const toolCache = path.join(root, 'toolcache');
      const cached = path.join(toolCache, 'go', '1.99.0', toolCacheArch(goarch));
      await writeFiles(cached, fakeToolchainFiles('1.99.0', goos, goarch, 'cached'));
      await chmod(path.join(cached, 'bin', 'go'), 0o755);
      await writeFile(`${cached}.complete`, '');
      await mkdir(path.join(root, 'temp'), { recursive: true });
      const env = { GOPROXY: proxy.url, GOSUMDB: sumdb.gosumdb, RUNNER_TOOL_CACHE: toolCache, RUNNER_TEMP: path.join(root, 'temp') };
      const files = { 'go.mod': 'module example.com/app\n\ngo 1.21\n' };
      const fromCache = await runAction(path.join(root, 'a'), { files, env, inputs: { ...TOOLCHAIN_INPUTS, 'go-version': '1.99' } });
      assert.equal(fromCache.main.exitCode, 0, fromCache.main.stdout);
      assert.equal(fromCache.main.outputs['go-version'], '1.99.0');
      assert.equal(fromCache.main.outputs['go-path'], path.join(cached, 'bin', 'go'));
      assert.match(fromCache.main.summary, /→ go1\.99\.0, the newest match in the tool cache; from the tool cache/);
      const latest = await runAction(path.join(root, 'b'), { files, env, inputs: { ...TOOLCHAIN_INPUTS, 'go-version': '1.99', 'check-latest': 'true' } });
      assert.equal(latest.main.exitCode, 0, latest.main.stdout);
      assert.equal(latest.main.outputs['go-version'], '1.99.1');
      assert.equal(latest.main.outputs['go-path'], path.join(toolCache, 'go', '1.99.1', toolCacheArch(goarch), 'bin', 'go'));
      assert.match(latest.main.summary, /→ go1\.99\.1, the newest match in GOPROXY's golang\.org\/toolchain list; downloaded and verified/);
      const bad = await runAction(path.join(root, 'c'), { files, env, inputs: { ...TOOLCHAIN_INPUTS, 'go-version': '1.99', 'check-latest': 'yes' } });
      assert.equal(bad.main.exitCode, 1);
      assert.match(bad.main.stdout, /Input 'check-latest' has the invalid value 'yes': expected true or false/);
    });
  } finally {
    await close();
  }
});

test('a cross-compiling job (GOOS=windows GOARCH=arm64) gets a toolchain for the host', async (t) => {
  requireGo(t);
  const { proxy, sumdb, close } = await multiReleaseProxy();
  try {
    const result = await withTempDir('e2e-toolchain-', (root) =>
      runAction(root, { files: { 'go.mod': 'module example.com/app\n\ngo 1.21\n' }, env: { GOPROXY: proxy.url, GOSUMDB: sumdb.gosumdb, GOOS: 'windows', GOARCH: 'arm64' }, inputs: { ...TOOLCHAIN_INPUTS, 'go-version': '1.99.1' } }),
    );
    const { goos, goarch } = hostPlatform();
    assert.equal(result.main.exitCode, 0, result.main.stdout);
    assert.equal(result.main.outputs['go-version'], '1.99.1');
    assert.ok(proxy.requests.some((r) => r.endsWith(`${toolchainModVersion('1.99.1', goos, goarch)}.zip`)), proxy.requests.join('\n'));
    assert.ok(!proxy.requests.some((r) => r.includes('windows-arm64')), proxy.requests.join('\n'));
  } finally {
    await close();
  }
});

test('problem matcher: registered at the end of main, turns later go build errors into annotations, removed by post', async (t) => {
  const go = requireGo(t);
  if (go === null) return;
  await withTempDir('e2e-matcher-', async (root) => {
    // A library without imports: go reports the error without compiling the standard library.
    const files = { 'go.mod': 'module example.com/app\n\ngo 1.21\n', 'internal/app/app.go': 'package app\n\nfunc Run() {\n\tundefinedThing()\n}\n' };
    let buildOutput = '';
    const result = await runAction(root, {
      files,
      inputs: TOOLCHAIN_INPUTS,
      // A later step of the job: go build at the repository root.
      between: async (_main, workspace) => {
        const built = await runProcess(go, ['build', './...'], { cwd: workspace, env: { ...isolatedGoEnv(root), PATH: `${path.dirname(go)}:/usr/bin:/bin`, GOPROXY: 'off' }, timeoutMs: 120_000 });
        buildOutput = built.stdout + built.stderr;
      },
    });
    assert.equal(result.main.exitCode, 0, result.main.stdout);
    assert.deepEqual(result.main.matchers.added.map((m) => m.owner), ['setup-goproxy-go', 'setup-goproxy-go-test']);
    assert.ok(result.main.stdout.trimEnd().split('\n').some((line) => line.startsWith('::add-matcher::')));
    const annotations = applyProblemMatchers(result.main.matchers.added, [], buildOutput, result.workspace);
    assert.deepEqual(annotations.map((a) => [a.file, a.line, a.col, a.message]), [['internal/app/app.go', 4, 2, 'undefined: undefinedThing']], buildOutput);
    assert.deepEqual(result.post?.matchers.removed, ['setup-goproxy-go', 'setup-goproxy-go-test']);
  });
  const off = await withTempDir('e2e-matcher-', (root) => runAction(root, { files: { 'go.mod': 'module example.com/app\n\ngo 1.21\n' }, inputs: { ...TOOLCHAIN_INPUTS, 'problem-matcher': 'false' } }));
  assert.equal(off.main.exitCode, 0, off.main.stdout);
  assert.deepEqual(off.main.matchers.added, []);
  assert.deepEqual(off.post?.matchers.removed ?? [], []);
});
