// Platform rules of the toolchain code: PATH in copied env objects (Windows spells it Path), the
// host platform toolchains are for (GOHOSTOS/GOHOSTARCH, not a cross-compiling GOOS/GOARCH), and
// node's platform names mapped to Go's.
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { pathDirectories, pathKey, pathValue, prependPath, withPath } from '../src/go/envPath.js';
import { findGoBinary, inspectGo } from '../src/go/goCommand.js';
import { goPlatform, toolchainPlatform } from '../src/toolchain/context.js';
import { detectToolchainNeeds } from '../src/toolchain/checks.js';
import { Http } from '../src/toolchain/download.js';
import { parseGotoolchain } from '../src/toolchain/version.js';
import { isolatedGoEnv, requireGo } from './helpers/go.js';
import { withTempDir } from './helpers/e2e.js';

describe('PATH in env objects', () => {
  test('Windows: found case-insensitively, written back under one key', () => {
    const env = { Path: 'C:\\Go\\bin;C:\\Windows', USERPROFILE: 'C:\\Users\\me' };
    assert.equal(pathKey(env, 'win32'), 'Path');
    assert.equal(pathValue(env, 'win32'), 'C:\\Go\\bin;C:\\Windows');
    assert.deepEqual(pathDirectories(env, 'win32'), ['C:\\Go\\bin', 'C:\\Windows']);
    const next = prependPath(env, ['D:\\tool\\bin'], 'win32');
    assert.deepEqual(next, { Path: 'D:\\tool\\bin;C:\\Go\\bin;C:\\Windows', USERPROFILE: 'C:\\Users\\me' });
    assert.deepEqual(Object.keys(next).filter((k) => k.toUpperCase() === 'PATH'), ['Path']);
    // Two spellings (a copy merged with an override): PATH wins for reading, one key remains.
    const both = { Path: 'a', PATH: 'b', path: 'c', X: '1' };
    assert.equal(pathValue(both, 'win32'), 'b');
    assert.deepEqual(withPath(both, 'z', 'win32'), { X: '1', PATH: 'z' });
    assert.deepEqual(prependPath({}, ['D:\\bin'], 'win32'), { PATH: 'D:\\bin' });
  });

  test('elsewhere names are case-sensitive: Path is another variable', () => {
    const env = { Path: '/not/path', PATH: '/usr/bin:/bin' };
    assert.equal(pathValue(env, 'linux'), '/usr/bin:/bin');
    assert.equal(pathValue({ Path: '/x' }, 'darwin'), '');
    assert.deepEqual(prependPath(env, ['/opt/go/bin'], 'linux'), { Path: '/not/path', PATH: '/opt/go/bin:/usr/bin:/bin' });
  });

  test('findGoBinary and the toolchain switch check read a Windows Path (they read only PATH before)', async () => {
    await withTempDir('platform-path-', async (root) => {
      const bin = path.join(root, 'bin');
      await mkdir(bin, { recursive: true });
      for (const name of ['go.exe', 'go1.99.0.exe']) await writeFile(path.join(bin, name), '');
      // Windows: existence is enough (no execute bit), names end in .exe, the separator is ';'.
      const env = { Path: `${path.join(root, 'none')};${bin}` };
      assert.equal(await findGoBinary(env, 'win32'), path.join(bin, 'go.exe'));
      const gotoolchain = parseGotoolchain('auto');
      assert.ok(gotoolchain.ok);
      const http = await Http.open({}, [], Date.now() + 5_000);
      try {
        const result = await detectToolchainNeeds({
          gotoolchain: gotoolchain.value,
          localVersion: '1.23.5',
          files: [{ file: 'go.mod', go: { version: '1.99.0', line: 3 }, toolchain: null }],
          goos: 'windows',
          goarch: 'amd64',
          goproxy: 'off',
          gonoproxy: '',
          gosumdb: 'off',
          env,
          http,
          platform: 'win32',
        });
        assert.deepEqual(result.switches, [{ toolchain: 'go1.99.0', outcome: 'in-path', detail: `go runs ${path.join(bin, 'go1.99.0.exe')}` }]);
        assert.deepEqual(result.problems.map((p) => p.code), ['TOOLCHAIN_SWITCH']);
      } finally {
        await http.close();
      }
      // Elsewhere Path is not PATH.
      assert.equal(await findGoBinary({ Path: bin }, 'linux'), null);
    });
  });
});

describe('the platform toolchains are for', () => {
  test('node names -> Go names (ppc64 is ppc64le on little-endian Linux; sunos is solaris)', () => {
    assert.deepEqual(goPlatform('linux', 'x64'), { goos: 'linux', goarch: 'amd64' });
    assert.deepEqual(goPlatform('win32', 'ia32'), { goos: 'windows', goarch: '386' });
    assert.deepEqual(goPlatform('darwin', 'arm64'), { goos: 'darwin', goarch: 'arm64' });
    assert.deepEqual(goPlatform('linux', 'ppc64', 'LE'), { goos: 'linux', goarch: 'ppc64le' });
    assert.deepEqual(goPlatform('aix', 'ppc64', 'BE'), { goos: 'aix', goarch: 'ppc64' });
    assert.deepEqual(goPlatform('sunos', 'x64'), { goos: 'solaris', goarch: 'amd64' });
    assert.deepEqual(goPlatform('linux', 'mipsel', 'LE'), { goos: 'linux', goarch: 'mipsle' });
    assert.deepEqual(goPlatform('freebsd', 'riscv64'), { goos: 'freebsd', goarch: 'riscv64' });
    assert.deepEqual(goPlatform('linux', 's390x', 'BE'), { goos: 'linux', goarch: 's390x' });
  });

  test('GOHOSTOS/GOHOSTARCH of the job go, never its GOOS/GOARCH', () => {
    assert.deepEqual(toolchainPlatform({ hostGoos: 'windows', hostGoarch: 'amd64' }), { goos: 'windows', goarch: 'amd64' });
    assert.deepEqual(toolchainPlatform(null), goPlatform());
    assert.deepEqual(toolchainPlatform({ hostGoos: '', hostGoarch: '' }), goPlatform());
  });

  test('the real go in a cross-compiling job: GOOS=windows GOARCH=arm64, host linux', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('platform-go-', async (root) => {
      await mkdir(path.join(root, 'home'), { recursive: true });
      const found = await inspectGo({ ...isolatedGoEnv(root), PATH: `${path.dirname(go)}:/usr/bin:/bin`, GOOS: 'windows', GOARCH: 'arm64' }, root);
      assert.ok(found !== null && !('error' in found), JSON.stringify(found));
      assert.equal(found.goos, 'windows');
      assert.equal(found.goarch, 'arm64');
      assert.deepEqual(toolchainPlatform(found), goPlatform());
      assert.equal(found.hostGoos, goPlatform().goos);
    });
  });
});

describe('GOENV naming a FIFO', () => {
  test('inspectGo answers at once with the reason instead of running a go that blocks on it', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('goenv-fifo-', async (root) => {
      await mkdir(path.join(root, 'home'), { recursive: true });
      const fifo = path.join(root, 'goenv-fifo');
      execFileSync('mkfifo', [fifo]);
      const started = Date.now();
      const found = await inspectGo({ ...isolatedGoEnv(root), PATH: `${path.dirname(go)}:/usr/bin:/bin`, GOENV: fifo }, root);
      assert.ok(found !== null && 'error' in found, JSON.stringify(found));
      assert.match(found.error, /GOENV names .*not a regular file/);
      // go itself would block for the whole 60 s timeout on the FIFO.
      assert.ok(Date.now() - started < 20_000);
      const regular = path.join(root, 'goenv');
      await writeFile(regular, 'GOPRIVATE=example.com/x\n');
      const ok = await inspectGo({ ...isolatedGoEnv(root), PATH: `${path.dirname(go)}:/usr/bin:/bin`, GOENV: regular }, root);
      assert.ok(ok !== null && !('error' in ok) && ok.goenv === regular, JSON.stringify(ok));
    });
  });
});
