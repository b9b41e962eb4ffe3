// End to end: the toolchain part of dist/ — a go line newer than the local go, and installing a
// Go release through GOPROXY verified against a (loopback, test-key) checksum database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAction, withTempDir } from './helpers/e2e.js';
import { requireGo } from './helpers/go.js';
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
