// go-version / go-version-file: install a Go release through GOPROXY, verified against a loopback
// checksum database signed with a test key; tool cache; refusals.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { access, constants, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { startModuleProxy, type ModuleProxy } from './fixtures/moduleProxy.js';
import { isolatedGoEnv, requireGo } from './helpers/go.js';
import { withTempDir, writeFiles } from './helpers/e2e.js';
import { fakeToolchainFiles, hostPlatform, startSumdb, toolchainModVersion, toolchainOptions, type TestSumdb } from './toolchain-fixtures.js';
import { runToolchainPhase, type ToolchainOptions } from '../src/toolchain/phase.js';
import { InputError } from '../src/config/inputValues.js';

const run = promisify(execFile);
const VERSION = '1.99.0';
const GOOS = 'linux';
const GOARCH = 'amd64';
const MODVER = toolchainModVersion(VERSION, GOOS, GOARCH);

let proxy: ModuleProxy;
let tampered: ModuleProxy;
let sumdb: TestSumdb;

before(async () => {
  const files = fakeToolchainFiles(VERSION, GOOS, GOARCH);
  proxy = await startModuleProxy([{ path: 'golang.org/toolchain', version: MODVER, files }]);
  tampered = await startModuleProxy([{ path: 'golang.org/toolchain', version: MODVER, files: fakeToolchainFiles(VERSION, GOOS, GOARCH, 'evil') }]);
  sumdb = await startSumdb('sumdb.test.example', [{ path: 'golang.org/toolchain', version: MODVER, lines: proxy.sumLines() }]);
});

after(async () => {
  await Promise.all([proxy.close(), tampered.close(), sumdb.close()]);
});

function options(root: string, overrides: Partial<ToolchainOptions> = {}): ToolchainOptions {
  return toolchainOptions(root, { proxyUrl: proxy.url, gosumdb: sumdb.gosumdb }, { goVersion: VERSION, goos: GOOS, goarch: GOARCH }, overrides);
}

async function withToolCache<T>(body: (root: string) => Promise<T>): Promise<T> {
  return withTempDir('toolchain-install-', async (root) => {
    const saved = { cache: process.env['RUNNER_TOOL_CACHE'], temp: process.env['RUNNER_TEMP'] };
    process.env['RUNNER_TOOL_CACHE'] = path.join(root, 'toolcache');
    process.env['RUNNER_TEMP'] = path.join(root, 'temp');
    await mkdir(process.env['RUNNER_TEMP'], { recursive: true });
    try {
      return await body(root);
    } finally {
      for (const [name, value] of [['RUNNER_TOOL_CACHE', saved.cache], ['RUNNER_TEMP', saved.temp]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
}

const zipRequests = (p: ModuleProxy): string[] => p.requests.filter((r) => r.includes('golang.org/toolchain'));

describe('toolchain install', () => {
  test('verified install lands in RUNNER_TOOL_CACHE and its bin/go runs', async () => {
    await withToolCache(async (root) => {
      const before = sumdb.requests.length;
      const result = await runToolchainPhase(options(root));
      assert.deepEqual(result.problems.filter((p) => p.severity !== 'notice'), []);
      const expectedDir = path.join(root, 'toolcache', 'go', '1.99.0', 'x64');
      assert.equal(result.addPath, path.join(expectedDir, 'bin'));
      assert.equal(result.goPath, path.join(expectedDir, 'bin', 'go'));
      assert.equal(result.goVersion, VERSION);
      assert.deepEqual(result.exportEnv, { GOTOOLCHAIN: 'local' });
      await access(`${expectedDir}.complete`);
      const { stdout } = await run(path.join(expectedDir, 'bin', 'go'), ['version'], { timeout: 10_000 });
      assert.equal(stdout.trim(), 'go version go1.99.0 linux/amd64');
      // The sumdb was really asked: lookup and at least one tile (the tree has > 256 records: level-1 tiles too).
      const asked = sumdb.requests.slice(before);
      assert.ok(asked.some((r) => r === `GET /lookup/golang.org/toolchain@${MODVER}`), asked.join('\n'));
      assert.ok(asked.some((r) => r.startsWith('GET /tile/8/1/')), asked.join('\n'));
      assert.match(result.summaryBody, /downloaded and verified/);
      // Files the go command would mark executable are executable (the wasm exec wrappers too:
      // they were left 0644 before); others keep 0644.
      await access(path.join(expectedDir, 'pkg', 'tool', 'linux_amd64', 'compile'), constants.X_OK);
      await access(path.join(expectedDir, 'lib', 'wasm', 'go_js_wasm_exec'), constants.X_OK);
      await access(path.join(expectedDir, 'lib', 'wasm', 'go_wasip1_wasm_exec'), constants.X_OK);
      await assert.rejects(access(path.join(expectedDir, 'lib', 'wasm', 'wasm_exec.js'), constants.X_OK));
      await assert.rejects(access(path.join(expectedDir, 'VERSION'), constants.X_OK));
      // GOROOT's go.mod files travel as _go.mod; the go command copies them back before use.
      assert.equal(await readFile(path.join(expectedDir, 'src', 'go.mod'), 'utf8'), 'module std\n\ngo 1.99\n');
      assert.equal(await readFile(path.join(expectedDir, 'src', 'cmd', 'go.mod'), 'utf8'), 'module cmd\n\ngo 1.99\n');
    });
  });

  test('a tampered zip (other bytes from the proxy) is refused and nothing is cached', async () => {
    await withToolCache(async (root) => {
      const result = await runToolchainPhase(options(root, { goproxy: tampered.url }));
      const error = result.problems.find((p) => p.code === 'TOOLCHAIN_CHECKSUM_MISMATCH');
      assert.ok(error, JSON.stringify(result.problems));
      assert.equal(error.severity, 'error');
      assert.match(error.message, /SECURITY ERROR.*checksum mismatch/);
      assert.equal(result.addPath, null);
      assert.deepEqual(result.exportEnv, {});
      await assert.rejects(access(path.join(root, 'toolcache', 'go', '1.99.0', 'x64', 'bin', 'go')));
    });
  });

  test('a tree note with a wrong signature is refused', async () => {
    await withToolCache(async (root) => {
      sumdb.signWithWrongKey(true);
      try {
        const result = await runToolchainPhase(options(root));
        const error = result.problems.find((p) => p.code === 'TOOLCHAIN_UNVERIFIABLE');
        assert.ok(error, JSON.stringify(result.problems));
        assert.match(error.message, /invalid signature for key sumdb\.test\.example\+[0-9a-f]{8}/);
        assert.equal(result.addPath, null);
      } finally {
        sumdb.signWithWrongKey(false);
      }
    });
  });

  test('tampered tiles are refused (the record is not proven in the signed tree)', async () => {
    await withToolCache(async (root) => {
      sumdb.corruptTiles(true);
      try {
        const result = await runToolchainPhase(options(root));
        const error = result.problems.find((p) => p.code === 'TOOLCHAIN_UNVERIFIABLE');
        assert.ok(error, JSON.stringify(result.problems));
        assert.match(error.message, /cannot authenticate record data/);
      } finally {
        sumdb.corruptTiles(false);
      }
    });
  });

  test('GOSUMDB=off installs, with a loud warning', async () => {
    await withToolCache(async (root) => {
      const result = await runToolchainPhase(options(root, { gosumdb: 'off', goproxy: tampered.url }));
      const warning = result.problems.find((p) => p.code === 'TOOLCHAIN_UNVERIFIED');
      assert.ok(warning, JSON.stringify(result.problems));
      assert.equal(warning.severity, 'warning');
      assert.match(warning.message, /^UNVERIFIED TOOLCHAIN: go1\.99\.0 .*WITHOUT checksum verification because GOSUMDB=off/);
      assert.match(result.summaryBody, /WITHOUT verification/);
      assert.ok(result.addPath !== null);
      const script = await readFile(path.join(result.addPath, 'go'), 'utf8');
      assert.match(script, /fake go evil/);
    });
  });

  test('a tool-cache hit skips the download (no proxy request)', async () => {
    await withToolCache(async (root) => {
      const cached = path.join(root, 'toolcache', 'go', '1.99.0', 'x64');
      await writeFiles(cached, { 'bin/go': '#!/bin/sh\necho cached\n' });
      await run('chmod', ['755', path.join(cached, 'bin', 'go')]);
      await writeFiles(path.join(root, 'toolcache', 'go', '1.99.0'), { 'x64.complete': '' });
      const before = zipRequests(proxy).length;
      const result = await runToolchainPhase(options(root));
      assert.equal(zipRequests(proxy).length, before, 'no request to the proxy');
      assert.equal(result.addPath, path.join(cached, 'bin'));
      assert.match(result.summaryBody, /from the tool cache/);
    });
  });

  test('go-version-file go.mod (toolchain line) selects the release; "1.99" resolves through the proxy list', async () => {
    await withToolCache(async (root) => {
      await writeFiles(root, { 'go.mod': 'module m\n\ngo 1.21\n\ntoolchain go1.99.0\n' });
      const fromFile = await runToolchainPhase(options(root, { goVersion: '', goVersionFile: 'go.mod' }));
      assert.equal(fromFile.goVersion, '1.99.0', JSON.stringify(fromFile.problems));
      assert.match(fromFile.summaryBody, /go-version-file go\.mod \(toolchain line\)/);
    });
    await withToolCache(async (root) => {
      const line = await runToolchainPhase(options(root, { goVersion: '1.99' }));
      assert.equal(line.goVersion, '1.99.0', JSON.stringify(line.problems));
      assert.match(line.summaryBody, /`1\.99` \(input go-version\) → go1\.99\.0, the newest match in GOPROXY's golang\.org\/toolchain list; downloaded and verified/);
      assert.match(line.summaryBody, /1\.99: newest match is 1\.99\.0 in golang\.org\/toolchain\/@v\/list from http:\/\/127\.0\.0\.1:\d+ \(1 releases for linux\/amd64\)/);
    });
  });

  test('a toolchain the proxy does not have: clear error, nothing exported', async () => {
    await withToolCache(async (root) => {
      const result = await runToolchainPhase(options(root, { goVersion: '1.98.7' }));
      const error = result.problems.find((p) => p.code === 'TOOLCHAIN_DOWNLOAD_FAILED');
      assert.ok(error, JSON.stringify(result.problems));
      assert.match(error.message, /download go1\.98\.7 for linux\/amd64: toolchain not available\. GOPROXY's golang\.org\/toolchain list has 1 release\(s\) for linux\/amd64; its newest: 1\.99\.0\./);
      assert.deepEqual(result.exportEnv, {});
    });
  });

  test('bad inputs throw InputError', async () => {
    await withToolCache(async (root) => {
      await assert.rejects(runToolchainPhase(options(root, { goVersion: 'latest' })), InputError);
      await assert.rejects(runToolchainPhase(options(root, { goVersion: '', goVersionFile: 'missing/.go-version' })), /Input 'go-version-file' has the invalid value 'missing\/\.go-version': the file does not exist/);
    });
  });
});

describe('the real go command accepts the fixture checksum database', () => {
  // Cross-check of the fixtures (and so of the tlog/note code they share with the action): the
  // go command downloads the same toolchain zip, verifies it against the test database with its
  // own sumdb client (lookup, signed note, tiles), and runs the fake bin/go.
  test('GOTOOLCHAIN=go1.99.0 go version', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    const { goos, goarch } = hostPlatform();
    const modver = toolchainModVersion(VERSION, goos, goarch);
    const hostProxy = await startModuleProxy([{ path: 'golang.org/toolchain', version: modver, files: fakeToolchainFiles(VERSION, goos, goarch) }]);
    const hostSumdb = await startSumdb('sumdb.go.example', [{ path: 'golang.org/toolchain', version: modver, lines: hostProxy.sumLines() }]);
    try {
      await withTempDir('toolchain-realgo-', async (root) => {
        await mkdir(path.join(root, 'home'), { recursive: true });
        const env = { ...isolatedGoEnv(root), PATH: '/usr/bin:/bin', GOTOOLCHAIN: 'go1.99.0', GOPROXY: hostProxy.url, GOSUMDB: hostSumdb.gosumdb, GOFLAGS: '-modcacherw' };
        const { stdout } = await run(go, ['version'], { env, cwd: root, timeout: 30_000 });
        assert.equal(stdout.trim(), `go version go1.99.0 ${goos}/${goarch}`);
        assert.ok(hostSumdb.requests.some((r) => r.startsWith('GET /lookup/golang.org/toolchain@')), hostSumdb.requests.join('\n'));
        assert.ok(hostSumdb.requests.some((r) => r.startsWith('GET /tile/8/')), hostSumdb.requests.join('\n'));
      });
    } finally {
      await Promise.all([hostProxy.close(), hostSumdb.close()]);
    }
  });
});
