// Detection: go.mod/go.work go and toolchain lines against the go that runs and GOTOOLCHAIN.
// Each failure case is compared with what the real go command prints in the same set-up.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startModuleProxy, type ModuleProxy } from './fixtures/moduleProxy.js';
import { findGo, isolatedGoEnv, requireGo } from './helpers/go.js';
import { withTempDir, writeFiles } from './helpers/e2e.js';
import { fakeToolchainFiles, hostPlatform, startSumdb, toolchainModVersion, type TestSumdb } from './toolchain-fixtures.js';
import { runToolchainPhase, type ToolchainOptions } from '../src/toolchain/phase.js';
import type { Problem } from '../src/problems.js';

const { goos, goarch } = hostPlatform();
const MODVER = toolchainModVersion('1.99.0', goos, goarch);

let withToolchain: ModuleProxy;
let empty: ModuleProxy;
let sumdb: TestSumdb;
let localVersion = '1.23.5';

before(async () => {
  withToolchain = await startModuleProxy([{ path: 'golang.org/toolchain', version: MODVER, files: fakeToolchainFiles('1.99.0', goos, goarch) }]);
  empty = await startModuleProxy([]);
  sumdb = await startSumdb('sumdb.detect.example', [{ path: 'golang.org/toolchain', version: MODVER, lines: withToolchain.sumLines() }], 20);
  const go = findGo();
  if (go !== null) {
    const out = await runGoCommand(go, ['env', 'GOVERSION'], { PATH: '/usr/bin:/bin', GOTOOLCHAIN: 'local', HOME: '/nonexistent' }, '/');
    localVersion = out.stdout.trim().replace(/^go/, '');
  }
});

after(async () => {
  await Promise.all([withToolchain.close(), empty.close(), sumdb.close()]);
});

function runGoCommand(go: string, args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(go, args, { env, cwd, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

function options(goModLines: ToolchainOptions['goModLines'], env: Record<string, string>, overrides: Partial<ToolchainOptions> = {}): ToolchainOptions {
  return {
    goVersion: '',
    goVersionFile: '',
    workspace: '/nonexistent',
    workingDirectory: '/nonexistent',
    localGo: { binary: '/usr/lib/go/bin/go', version: localVersion },
    goos,
    goarch,
    env: { PATH: '/usr/bin:/bin', ...env },
    goproxy: empty.url,
    gosumdb: sumdb.gosumdb,
    gonosumdb: '',
    goModLines,
    budgetMs: 10_000,
    ...overrides,
  };
}

const goMod = (version: string, line = 3, toolchain: { name: string; line: number } | null = null, file = 'go.mod'): ToolchainOptions['goModLines'][number] => ({ file, go: { version, line }, toolchain });

/** Runs the real go (when present) with go.mod content and env; returns its last stderr line. */
async function realGo(t: import('node:test').TestContext, goModText: string, env: Record<string, string>): Promise<string | null> {
  const go = requireGo(t);
  if (go === null) return null;
  return withTempDir('toolchain-detect-', async (root) => {
    await mkdir(path.join(root, 'home'), { recursive: true });
    await writeFiles(path.join(root, 'm'), { 'go.mod': goModText });
    const out = await runGoCommand(go, ['mod', 'download'], { ...isolatedGoEnv(root), PATH: '/usr/bin:/bin', ...env }, path.join(root, 'm'));
    assert.notEqual(out.code, 0, out.stderr);
    return out.stderr.trim().split('\n').pop() ?? '';
  });
}

function only(problems: Problem[], code: string): Problem {
  const found = problems.filter((p) => p.code === code);
  assert.equal(found.length, 1, JSON.stringify(problems, null, 1));
  return found[0]!;
}

describe('toolchain detection', () => {
  test('GOTOOLCHAIN=local and go 1.99: error at the go line with the go command text', async (t) => {
    const result = await runToolchainPhase(options([goMod('1.99')], { GOTOOLCHAIN: 'local' }));
    const problem = only(result.problems, 'TOOLCHAIN_GO_TOO_NEW');
    assert.equal(problem.severity, 'error');
    assert.equal(problem.file, 'go.mod');
    assert.equal(problem.line, 3);
    assert.match(problem.fix ?? '', /go-version: 1\.99\.0/);
    const expected = await realGo(t, 'module m\n\ngo 1.99\n', { GOTOOLCHAIN: 'local', GOPROXY: 'off' });
    if (expected !== null) assert.ok(problem.message.includes(`"${expected}"`), `${problem.message}\nvs ${expected}`);
    assert.equal(sumdb.requests.length, 0, 'local mode asks nothing');
  });

  test('GOTOOLCHAIN=local and a newer toolchain line: a warning (go ignores the line)', async () => {
    const result = await runToolchainPhase(options([goMod('1.21', 3, { name: 'go1.99.1', line: 5 })], { GOTOOLCHAIN: 'local' }));
    const problem = only(result.problems, 'TOOLCHAIN_LINE_IGNORED');
    assert.equal(problem.severity, 'warning');
    assert.equal(problem.line, 5);
    assert.equal(result.problems.filter((p) => p.severity === 'error').length, 0);
  });

  test('GOTOOLCHAIN=auto, proxy answers 404 for the toolchain: "toolchain not available" at the go line', async (t) => {
    const before = empty.requests.length;
    const result = await runToolchainPhase(options([goMod('1.99.0', 4)], { GOTOOLCHAIN: 'auto' }));
    const problem = only(result.problems, 'TOOLCHAIN_NOT_AVAILABLE');
    assert.equal(problem.severity, 'error');
    assert.equal(problem.line, 4);
    assert.equal(problem.file, 'go.mod');
    assert.match(problem.message, /toolchain not available/);
    // The same single request the go command makes.
    assert.deepEqual(empty.requests.slice(before), [`GET /golang.org/toolchain/@v/${MODVER}.zip`]);
    const expected = await realGo(t, 'module m\n\ngo 1.99.0\n', { GOTOOLCHAIN: 'auto', GOPROXY: empty.url });
    if (expected !== null) assert.ok(problem.message.includes(expected), `${problem.message}\nvs ${expected}`);
  });

  test('unset GOTOOLCHAIN means auto; GOPROXY=off -> not available without any request', async () => {
    const result = await runToolchainPhase(options([goMod('1.99.0')], {}, { goproxy: 'off' }));
    assert.match(only(result.problems, 'TOOLCHAIN_NOT_AVAILABLE').message, /download go1\.99\.0 for .*: toolchain not available/);
    assert.match(result.summaryBody, /GOTOOLCHAIN=auto \(default\)/);
  });

  test('GOSUMDB=off with auto: the exact go error text', async (t) => {
    const result = await runToolchainPhase(options([goMod('1.99.0')], { GOTOOLCHAIN: 'auto' }, { goproxy: withToolchain.url, gosumdb: 'off' }));
    const problem = only(result.problems, 'TOOLCHAIN_SUMDB_OFF');
    assert.ok(problem.message.includes(`go: download go1.99.0: golang.org/toolchain@${MODVER}: verifying module: checksum database disabled by GOSUMDB=off`), problem.message);
    const expected = await realGo(t, 'module m\n\ngo 1.99.0\n', { GOTOOLCHAIN: 'auto', GOPROXY: withToolchain.url, GOSUMDB: 'off' });
    if (expected !== null) assert.ok(problem.message.includes(expected), `${problem.message}\nvs ${expected}`);
  });

  test('auto with a proxy that serves the toolchain and a working database: a notice, no error', async () => {
    const result = await runToolchainPhase(options([goMod('1.21', 3, { name: 'go1.99.0', line: 5 })], { GOTOOLCHAIN: 'auto' }, { goproxy: withToolchain.url }));
    const problem = only(result.problems, 'TOOLCHAIN_SWITCH');
    assert.equal(problem.severity, 'notice');
    assert.equal(problem.line, 5);
    assert.match(problem.message, /has its verified hash/);
  });

  test('GOTOOLCHAIN=path: cannot find go1.99.0 in PATH', async () => {
    const result = await runToolchainPhase(options([goMod('1.99.0')], { GOTOOLCHAIN: 'path' }));
    assert.match(only(result.problems, 'TOOLCHAIN_NOT_IN_PATH').message, /cannot find "go1\.99\.0" in PATH/);
  });

  test('invalid GOTOOLCHAIN: the go command text, no checks', async () => {
    const result = await runToolchainPhase(options([goMod('1.99.0')], { GOTOOLCHAIN: 'go1.99.0+foo' }));
    assert.match(only(result.problems, 'GOTOOLCHAIN_INVALID').message, /go: invalid GOTOOLCHAIN "go1\.99\.0\+foo": only version suffixes are \+auto and \+path/);
  });

  test('toolchain default disables switching: a newer go line fails like go says; an older one is fine', async (t) => {
    const before = empty.requests.length;
    const result = await runToolchainPhase(options([goMod('1.99.0', 3, { name: 'default', line: 4 }), goMod('1.20', 3, null, 'sub/go.mod')], { GOTOOLCHAIN: 'auto' }));
    const problem = only(result.problems, 'TOOLCHAIN_GO_TOO_NEW');
    assert.equal(problem.file, 'go.mod');
    assert.equal(result.problems.length, 1);
    assert.equal(empty.requests.length, before, 'no toolchain download is attempted');
    const expected = await realGo(t, 'module m\n\ngo 1.99.0\ntoolchain default\n', { GOTOOLCHAIN: 'auto', GOPROXY: 'off' });
    if (expected !== null) assert.ok(problem.message.includes(`"${expected}"`), `${problem.message}\nvs ${expected}`);
  });
});
