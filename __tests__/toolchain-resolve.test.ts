// go-version resolution through the toolchain phase against a loopback GOPROXY serving several
// golang.org/toolchain releases (built here) and a checksum database signed with a test key:
// tool cache first, check-latest, stable, the error that lists what the proxy has; and the
// hardening of that path (go-version-file through readRepoFile, many modules, Windows paths).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { startModuleProxy, type ModuleProxy } from './fixtures/moduleProxy.js';
import { withTempDir, writeFiles } from './helpers/e2e.js';
import { fakeToolchainFiles, startSumdb, toolchainModVersion, toolchainOptions, type TestSumdb } from './toolchain-fixtures.js';
import { runToolchainPhase, TOOLCHAIN_TABLE_BUDGET, type ToolchainOptions } from '../src/toolchain/phase.js';
import { runGo } from '../src/go/goCommand.js';
import { InputError } from '../src/config/inputValues.js';
import { SUMMARY_BYTE_BUDGET } from '../src/report/summary.js';

const run = promisify(execFile);

// 1.98.3, 1.99.0, 1.99.1 and 1.100rc1 for linux/amd64; 1.99.1 also for windows/amd64.
const RELEASES = ['1.98.3', '1.99.0', '1.99.1', '1.100rc1'];
let proxy: ModuleProxy;
let sumdb: TestSumdb;

before(async () => {
  const modules = [
    ...RELEASES.map((v) => ({ path: 'golang.org/toolchain', version: toolchainModVersion(v, 'linux', 'amd64'), files: fakeToolchainFiles(v, 'linux', 'amd64') })),
    { path: 'golang.org/toolchain', version: toolchainModVersion('1.99.1', 'windows', 'amd64'), files: fakeToolchainFiles('1.99.1', 'windows', 'amd64') },
  ];
  proxy = await startModuleProxy(modules);
  const lines = proxy.sumLines();
  sumdb = await startSumdb('sumdb.resolve.example', modules.map((m) => ({ path: m.path, version: m.version, lines: lines.filter((l) => l.startsWith(`${m.path} ${m.version}`)) })), 20);
});

after(async () => {
  await Promise.all([proxy.close(), sumdb.close()]);
});

function options(root: string, overrides: Partial<ToolchainOptions> = {}): ToolchainOptions {
  return toolchainOptions(root, { proxyUrl: proxy.url, gosumdb: sumdb.gosumdb }, { goVersion: '', goos: 'linux', goarch: 'amd64' }, overrides);
}

async function withToolCache<T>(body: (root: string, toolCache: string) => Promise<T>): Promise<T> {
  return withTempDir('toolchain-resolve-', async (root) => {
    const saved = { cache: process.env['RUNNER_TOOL_CACHE'], temp: process.env['RUNNER_TEMP'] };
    const toolCache = path.join(root, 'toolcache');
    process.env['RUNNER_TOOL_CACHE'] = toolCache;
    process.env['RUNNER_TEMP'] = path.join(root, 'temp');
    await mkdir(process.env['RUNNER_TEMP'], { recursive: true });
    try {
      return await body(root, toolCache);
    } finally {
      for (const [name, value] of [['RUNNER_TOOL_CACHE', saved.cache], ['RUNNER_TEMP', saved.temp]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
}

/** A Go release in the tool cache, as setup-go lays it out (<cache>/go/<semver>/x64 + .complete). */
async function cacheGo(toolCache: string, version: string): Promise<string> {
  const dir = path.join(toolCache, 'go', version, 'x64');
  await writeFiles(dir, { 'bin/go': `#!/bin/sh\necho "go version go${version} linux/amd64"\n` });
  await run('chmod', ['755', path.join(dir, 'bin', 'go')]);
  await writeFile(`${dir}.complete`, '');
  return dir;
}

const zipsAsked = (): string[] => proxy.requests.filter((r) => r.endsWith('.zip'));
const listsAsked = (): string[] => proxy.requests.filter((r) => r.endsWith('/@v/list'));

describe('resolution order: tool cache, then the proxy list', () => {
  test('a range the tool cache satisfies is taken from it without asking the proxy', async () => {
    await withToolCache(async (root, toolCache) => {
      await cacheGo(toolCache, '1.99.0');
      const [lists, zips] = [listsAsked().length, zipsAsked().length];
      const result = await runToolchainPhase(options(root, { goVersion: '~1.99' }));
      assert.equal(result.goVersion, '1.99.0', JSON.stringify(result.problems));
      assert.equal(listsAsked().length, lists, 'no list request');
      assert.equal(zipsAsked().length, zips, 'no zip request');
      assert.match(result.summaryBody, /`~1\.99` \(input go-version\) → go1\.99\.0, the newest match in the tool cache; from the tool cache/);
    });
  });

  test('check-latest asks the list and installs the newer release the proxy has over the cached one', async () => {
    await withToolCache(async (root, toolCache) => {
      await cacheGo(toolCache, '1.99.0');
      const result = await runToolchainPhase(options(root, { goVersion: '1.99', checkLatest: true }));
      assert.equal(result.goVersion, '1.99.1', JSON.stringify(result.problems));
      assert.equal(result.addPath, path.join(toolCache, 'go', '1.99.1', 'x64', 'bin'));
      assert.ok(zipsAsked().some((r) => r.endsWith(`${toolchainModVersion('1.99.1', 'linux', 'amd64')}.zip`)));
      assert.match(result.summaryBody, /→ go1\.99\.1, the newest match in GOPROXY's golang\.org\/toolchain list; downloaded and verified/);
    });
  });

  test('check-latest with the release already cached: resolved from the list, installed from the cache', async () => {
    await withToolCache(async (root, toolCache) => {
      await cacheGo(toolCache, '1.99.1');
      const zips = zipsAsked().length;
      const result = await runToolchainPhase(options(root, { goVersion: '^1.99.0', checkLatest: true }));
      assert.equal(result.goVersion, '1.99.1');
      assert.equal(zipsAsked().length, zips);
      assert.match(result.summaryBody, /list; from the tool cache/);
    });
  });

  test('check-latest and a range the list cannot satisfy (Go 1.20 predates the toolchain module): the tool cache match', async () => {
    await withToolCache(async (root, toolCache) => {
      await cacheGo(toolCache, '1.20.14');
      const result = await runToolchainPhase(options(root, { goVersion: '1.20', checkLatest: true }));
      assert.equal(result.goVersion, '1.20.14', JSON.stringify(result.problems));
      assert.deepEqual(result.problems.filter((p) => p.severity !== 'notice'), []);
      assert.match(result.summaryBody, /1\.20: no release in golang\.org\/toolchain\/@v\/list from http:\/\/127\.0\.0\.1:\d+ satisfies it; the tool cache has 1\.20\.14/);
    });
  });

  test('stable and oldstable always come from the list (a pre-release is never stable)', async () => {
    await withToolCache(async (root, toolCache) => {
      await cacheGo(toolCache, '1.99.0');
      const lists = listsAsked().length;
      const stable = await runToolchainPhase(options(root, { goVersion: 'stable' }));
      assert.equal(stable.goVersion, '1.99.1', JSON.stringify(stable.problems));
      assert.ok(listsAsked().length > lists);
      assert.match(stable.summaryBody, /`stable` \(input go-version\) → go1\.99\.1, stable in GOPROXY's golang\.org\/toolchain list/);
      const oldstable = await runToolchainPhase(options(root, { goVersion: 'oldstable' }));
      assert.equal(oldstable.goVersion, '1.98.3');
    });
  });

  test('an explicit pre-release installs; a range does not pick it', async () => {
    await withToolCache(async (root) => {
      const rc = await runToolchainPhase(options(root, { goVersion: '1.100.0-rc.1' }));
      assert.equal(rc.goVersion, '1.100rc1', JSON.stringify(rc.problems));
      assert.equal(rc.addPath, path.join(root, 'toolcache', 'go', '1.100.0-rc.1', 'x64', 'bin'));
      const caret = await runToolchainPhase(options(root, { goVersion: '>=1.99' }));
      assert.equal(caret.goVersion, '1.99.1');
    });
  });

  test('nothing satisfies the spec: an error that lists the newest releases the proxy has', async () => {
    await withToolCache(async (root) => {
      const result = await runToolchainPhase(options(root, { goVersion: '1.101' }));
      const error = result.problems.find((p) => p.code === 'TOOLCHAIN_VERSION_UNRESOLVED');
      assert.ok(error, JSON.stringify(result.problems));
      assert.equal(error.severity, 'error');
      assert.match(error.message, /^Cannot resolve go-version 1\.101 \(input go-version\) to a Go release: GOPROXY's golang\.org\/toolchain list \(served by http:\/\/127\.0\.0\.1:\d+\) has 4 release\(s\) for linux\/amd64, and no release satisfies >=1\.101\.0 <1\.102\.0-0; its newest: 1\.100rc1, 1\.99\.1, 1\.99\.0, 1\.98\.3\.$/);
      assert.match(error.fix ?? '', /go-version: 1\.99\.1/);
      assert.equal(result.goPath, null);
      assert.deepEqual(result.exportEnv, {});
      assert.match(result.summaryBody, /could not be resolved/);
    });
  });

  test("an unquoted YAML 1.20 (the number 1.2) gets setup-go's quoting hint", async () => {
    await withToolCache(async (root) => {
      const result = await runToolchainPhase(options(root, { goVersion: '1.2' }));
      assert.match(result.problems.find((p) => p.code === 'TOOLCHAIN_VERSION_UNRESOLVED')?.fix ?? '', /YAML read it as the number 1\.2: quote it \(go-version: '1\.20'\)/);
    });
  });

  test('the list cannot be fetched: an error for a range; with check-latest the tool cache match, and a warning', async () => {
    const broken = await startModuleProxy([]);
    broken.setFault('/golang.org/toolchain/@v/list', { status: 500, body: 'boom' });
    try {
      await withToolCache(async (root, toolCache) => {
        const failed = await runToolchainPhase(options(root, { goVersion: 'stable', goproxy: broken.url }));
        assert.match(failed.problems.find((p) => p.code === 'TOOLCHAIN_VERSION_UNRESOLVED')?.message ?? '', /GOPROXY could not list golang\.org\/toolchain: reading http:\/\/127\.0\.0\.1:\d+\/golang\.org\/toolchain\/@v\/list: 500/);
        await cacheGo(toolCache, '1.99.0');
        const fallback = await runToolchainPhase(options(root, { goVersion: '1.99', checkLatest: true, goproxy: broken.url }));
        assert.equal(fallback.goVersion, '1.99.0');
        assert.equal(fallback.problems.find((p) => p.code === 'TOOLCHAIN_LATEST_UNCHECKED')?.severity, 'warning');
      });
    } finally {
      await broken.close();
    }
  });

  test('a list larger than the bound is refused, not read to the end', async () => {
    const huge = await startModuleProxy([]);
    huge.setFault('/golang.org/toolchain/@v/list', { status: 200, body: 'v0.0.1-go1.99.0.linux-amd64\n'.repeat(200_000), contentType: 'text/plain' });
    try {
      await withToolCache(async (root) => {
        const result = await runToolchainPhase(options(root, { goVersion: 'stable', goproxy: huge.url }));
        assert.match(result.problems.find((p) => p.code === 'TOOLCHAIN_VERSION_UNRESOLVED')?.message ?? '', /more than the 4194304-byte limit|larger than the 4194304-byte limit/);
      });
    } finally {
      await huge.close();
    }
  });
});

describe('go-version-file is read through readRepoFile', () => {
  test('a symlink to /proc/self/environ is refused without a byte of the environment in the error', async () => {
    await withToolCache(async (root) => {
      await symlink('/proc/self/environ', path.join(root, '.go-version'));
      process.env['SETUP_GOPROXY_TEST_SECRET'] = 'environ-secret-value';
      try {
        await assert.rejects(runToolchainPhase(options(root, { goVersionFile: '.go-version' })), (error: unknown) => {
          assert.ok(error instanceof InputError);
          assert.match(error.message, /^Input 'go-version-file' has the invalid value '\.go-version': it resolves \(through a symbolic link or an absolute path\) to a place outside the workspace\./);
          assert.doesNotMatch(error.message, /environ-secret-value|PATH=|HOME=/);
          return true;
        });
      } finally {
        delete process.env['SETUP_GOPROXY_TEST_SECRET'];
      }
    });
  });

  test('a FIFO is refused at once instead of blocking the step', async (t) => {
    await withToolCache(async (root) => {
      try {
        await run('mkfifo', [path.join(root, '.go-version')]);
      } catch {
        t.skip('no mkfifo on this system');
        return;
      }
      await assert.rejects(runToolchainPhase(options(root, { goVersionFile: '.go-version' })), /it is not a regular file \(a directory, FIFO, socket or device\)/);
    });
  });

  test('/dev/zero (through a symlink) is refused before it is read', async () => {
    await withToolCache(async (root) => {
      await symlink('/dev/zero', path.join(root, 'go.mod'));
      await assert.rejects(runToolchainPhase(options(root, { goVersionFile: 'go.mod' })), /outside the workspace/);
    });
  });

  test('a go.mod inside the workspace still works, with CRLF line ends', async () => {
    await withToolCache(async (root) => {
      await writeFiles(root, { 'sub/go.mod': 'module m\r\n\r\ngo 1.99\r\n' });
      const result = await runToolchainPhase(options(root, { goVersionFile: 'sub/go.mod' }));
      assert.equal(result.goVersion, '1.99.1', JSON.stringify(result.problems));
      assert.match(result.summaryBody, /go-version-file sub\/go\.mod \(go line\)/);
    });
  });
});

describe('many modules', () => {
  test('2,000 nested modules keep the Go toolchain section within its budget, with an "N more" line', async () => {
    const goModLines: ToolchainOptions['goModLines'] = [];
    let dir = '';
    for (let i = 0; i < 2000; i++) {
      dir = `${dir}d${i}/`;
      goModLines.push({ file: `${dir}go.mod`, go: { version: i % 2 === 0 ? '1.21' : '1.99', line: 3 }, toolchain: null });
    }
    const result = await runToolchainPhase(options('/nonexistent', { localGo: { binary: '/usr/lib/go/bin/go', version: '1.23.5' }, goModLines, env: { PATH: '/usr/bin:/bin', GOTOOLCHAIN: 'local' } }));
    const bytes = Buffer.byteLength(result.summaryBody);
    assert.ok(bytes <= TOOLCHAIN_TABLE_BUDGET + 2048, `${bytes} bytes`);
    assert.ok(bytes < SUMMARY_BYTE_BUDGET / 10);
    assert.match(result.summaryBody, /\n_\d+ more row\(s\) not shown \(summary size limit\); see the action outputs\._\n/);
    assert.match(result.summaryBody, /\| d0\/go\.mod \| go 1\.21 \| go1\.23\.5 \(on PATH\) \|/);
    // One error per module whose go line is too new, each quoting a short excerpt of its path.
    const tooNew = result.problems.filter((p) => p.code === 'TOOLCHAIN_GO_TOO_NEW');
    assert.equal(tooNew.length, 1000);
    assert.ok(tooNew.every((p) => p.message.length < 1500 && (p.fix ?? '').length < 1000), String(Math.max(...tooNew.map((p) => p.message.length))));
    assert.equal(tooNew[999]?.file, goModLines[1999]?.file, 'the annotation keeps the whole path');
  });
});

describe('Windows install path (platform injected)', () => {
  test('a windows/amd64 toolchain zip: bin/go.exe, .exe paths, no chmod, verified and cached', async () => {
    await withToolCache(async (root, toolCache) => {
      const ran: string[] = [];
      // Linux cannot exec a mode-less go.exe: run the extracted script itself through sh.
      const viaShell: typeof runGo = (binary, args, env, cwd, timeoutMs) => {
        ran.push(binary);
        return runGo('/bin/sh', [binary, ...args], env, cwd, timeoutMs);
      };
      const result = await runToolchainPhase(options(root, { goos: 'windows', goarch: 'amd64', goVersion: '1.99', platform: 'win32', runGo: viaShell, env: { Path: '/usr/bin:/bin', HOME: path.join(root, 'home') } }));
      assert.deepEqual(result.problems.filter((p) => p.severity !== 'notice'), []);
      assert.equal(result.goVersion, '1.99.1');
      const dir = path.join(toolCache, 'go', '1.99.1', 'x64');
      assert.equal(result.goPath, path.join(dir, 'bin', 'go.exe'));
      assert.equal(result.addPath, path.join(dir, 'bin'));
      assert.equal(ran.length, 1);
      assert.equal(path.basename(ran[0]!), 'go.exe');
      assert.equal(path.basename(path.dirname(ran[0]!)), 'bin');
      assert.ok(zipsAsked().some((r) => r.endsWith(`${toolchainModVersion('1.99.1', 'windows', 'amd64')}.zip`)));
      // Windows has no modes: nothing was made executable.
      const { stdout } = await run('stat', ['-c', '%a', path.join(dir, 'bin', 'go.exe')]);
      assert.equal(stdout.trim(), '644');
      // The tool-cache hit on Windows needs only the file (no execute bit).
      const zips = zipsAsked().length;
      const again = await runToolchainPhase(options(root, { goos: 'windows', goarch: 'amd64', goVersion: '1.99.1', platform: 'win32', runGo: viaShell }));
      assert.equal(again.goPath, path.join(dir, 'bin', 'go.exe'));
      assert.equal(zipsAsked().length, zips);
    });
  });
});
