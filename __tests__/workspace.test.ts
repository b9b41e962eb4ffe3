import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { discoverWorkspace, requiredModules, type Workspace } from '../src/workspace/discover.js';
import { findGo, NO_GO_TELEMETRY } from './helpers/go.js';

const goBinary = findGo();
// On CI a missing go must fail the run rather than quietly skip the cross-check.
const skipGo = goBinary === null && process.env['CI'] !== 'true' ? 'go binary not found' : false;

function goEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'] ?? '', HOME: home, GOPATH: path.join(home, '.gopath'), GOCACHE: path.join(home, '.gocache'), GOTOOLCHAIN: 'local', GOPROXY: 'off', GOENV: 'off', ...NO_GO_TELEMETRY };
}

function write(root: string, rel: string, text: string): void {
  const file = path.join(root, ...rel.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** A monorepo: go.work with three modules, one module outside it, ignored and broken ones. */
function makeRepo(): string {
  // realpath: the go command reports resolved directories (macOS /var → /private/var).
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'workspace-')));
  write(root, 'go.work', [
    'go 1.22', // 1
    '', // 2
    'use (', // 3
    '\t./svc/api', // 4
    '\t./svc/worker', // 5
    '\t./lib', // 6
    ')', // 7
    '', // 8
    'replace example.com/ext => ./third_party/ext', // 9
    '',
  ].join('\n'));
  write(root, 'svc/api/go.mod', [
    'module example.com/api', // 1
    '', // 2
    'go 1.22', // 3
    '', // 4
    'require (', // 5
    '\texample.com/lib v0.0.0', // 6  workspace module: not fetched
    '\tgithub.com/pub/x v1.2.0', // 7
    '\texample.com/ext v1.0.0', // 8  replaced by a directory in go.work
    '\tgit.corp.example/team/sdk v1.5.0 // indirect', // 9
    ')', // 10
    '',
  ].join('\n'));
  write(root, 'svc/worker/go.mod', [
    'module example.com/worker', // 1
    'go 1.22', // 2
    'require github.com/old/lib v1.0.0', // 3  replaced by another module
    'require example.com/local v0.1.0', // 4  replaced by a directory in go.mod
    'replace github.com/old/lib => github.com/new/lib v1.1.0', // 5
    'replace example.com/local => ../local', // 6
    '',
  ].join('\n'));
  write(root, 'lib/go.mod', 'module example.com/lib\n\ngo 1.22\n');
  write(root, 'lib/vendor/github.com/v/dep/go.mod', 'module github.com/v/dep\n');
  write(root, 'lib/testdata/mod/go.mod', 'module example.com/testdata\n');
  // Outside go.work: built on its own, so its require of example.com/lib is a real download.
  write(root, 'tools/go.mod', 'module example.com/tools\n\ngo 1.22\n\nrequire example.com/lib v1.0.0\n');
  write(root, 'tools/nested/go.mod', 'module example.com/tools/nested\n');
  write(root, 'broken/go.mod', 'module example.com/broken\nrequire (\n\texample.com/x latest\n\tgood.example/y v1.0.0\n');
  write(root, '.hidden/go.mod', 'module example.com/hidden\n');
  write(root, '_skip/go.mod', 'module example.com/skip\n');
  write(root, 'node_modules/pkg/go.mod', 'module example.com/npm\n');
  write(root, 'README.md', '# repo\n');
  // A symlink back to the root would loop forever if followed.
  symlinkSync(root, path.join(root, 'svc', 'loop'));
  return root;
}

describe('discoverWorkspace on a monorepo', () => {
  let root = '';
  let ws: Workspace;
  before(async () => {
    root = makeRepo();
    ws = await discoverWorkspace(root, root);
  });
  after(() => rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }));

  test('finds go.work modules and the others, skipping vendor, testdata, hidden and _ dirs', () => {
    assert.equal(ws.root, root);
    assert.equal(ws.goWork?.file, 'go.work');
    assert.deepEqual(ws.goWork?.parsed.uses.map((u) => u.dir), ['./svc/api', './svc/worker', './lib']);
    assert.deepEqual(ws.modules.map((m) => [m.goModFile, m.inWorkFile, m.file.module?.path ?? null]), [
      ['broken/go.mod', false, 'example.com/broken'],
      ['lib/go.mod', true, 'example.com/lib'],
      ['svc/api/go.mod', true, 'example.com/api'],
      ['svc/worker/go.mod', true, 'example.com/worker'],
      ['tools/go.mod', false, 'example.com/tools'],
      ['tools/nested/go.mod', false, 'example.com/tools/nested'],
    ]);
    assert.equal(ws.modules.find((m) => m.goModFile === 'lib/go.mod')?.dir, path.join(root, 'lib'));
  });

  test('a broken go.mod is an issue, not an exception', () => {
    assert.deepEqual(ws.issues.map((i) => [i.file, i.line]), [
      ['broken/go.mod', 2],
      ['broken/go.mod', 3],
    ]);
    assert.match(ws.issues[0]?.message ?? '', /^broken\/go\.mod:2: syntax error \(unterminated block/);
    assert.match(ws.issues[1]?.message ?? '', /version "latest" invalid/);
  });

  test('requiredModules drops workspace modules and local replacements, keeps module replacements', () => {
    const required = requiredModules(ws).map((r) => ({ goModFile: r.goModFile, path: r.path, line: r.line, indirect: r.indirect, replacement: r.replacement ?? null }));
    assert.deepEqual(required, [
      { goModFile: 'broken/go.mod', path: 'good.example/y', line: 4, indirect: false, replacement: null },
      { goModFile: 'svc/api/go.mod', path: 'github.com/pub/x', line: 7, indirect: false, replacement: null },
      { goModFile: 'svc/api/go.mod', path: 'git.corp.example/team/sdk', line: 9, indirect: true, replacement: null },
      { goModFile: 'svc/worker/go.mod', path: 'github.com/old/lib', line: 3, indirect: false, replacement: { path: 'github.com/new/lib', version: 'v1.1.0', file: 'svc/worker/go.mod', line: 5 } },
      { goModFile: 'tools/go.mod', path: 'example.com/lib', line: 5, indirect: false, replacement: null },
    ]);
  });

  test('GOWORK=off ignores go.work', async () => {
    const off = await discoverWorkspace(root, root, { goworkEnv: 'off' });
    assert.equal(off.goWork, null);
    assert.ok(off.modules.every((m) => !m.inWorkFile));
    assert.equal(off.modules.length, 6);
    // Without the workspace, api's require of example.com/lib is fetched like any other.
    assert.ok(requiredModules(off).some((r) => r.goModFile === 'svc/api/go.mod' && r.path === 'example.com/lib'));
  });

  test('a working directory below the root: go.work found upwards, paths stay repo-relative', async () => {
    const sub = await discoverWorkspace(path.join(root, 'svc'), root);
    assert.equal(sub.goWork?.file, 'go.work');
    assert.deepEqual(sub.modules.map((m) => [m.goModFile, m.inWorkFile]), [
      ['lib/go.mod', true],
      ['svc/api/go.mod', true],
      ['svc/worker/go.mod', true],
    ]);
  });

  test('maxFiles bounds the walk and says so', async () => {
    const small = await discoverWorkspace(root, root, { goworkEnv: 'off', maxFiles: 3 });
    assert.ok(small.issues.some((i) => /Stopped looking for go\.mod files after 3/.test(i.message)));
  });

  test('agrees with `go list -m` on the workspace modules', { skip: skipGo }, () => {
    assert.ok(goBinary, 'go binary required (PATH or /usr/lib/go-1.23/bin/go)');
    const r = spawnSync(goBinary, ['list', '-m', '-f', '{{.Dir}}'], { cwd: root, env: goEnv(root), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const goDirs = r.stdout.trim().split('\n').sort();
    assert.deepEqual(ws.modules.filter((m) => m.inWorkFile).map((m) => m.dir).sort(), goDirs);
  });
});

describe('discoverWorkspace edge cases', () => {
  let root = '';
  before(() => {
    root = realpathSync(mkdtempSync(path.join(tmpdir(), 'workspace-edge-')));
  });
  after(() => rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }));

  test('use directories without go.mod and duplicate uses are issues on their lines', async () => {
    const dir = path.join(root, 'uses');
    write(dir, 'go.work', 'go 1.22\nuse ./a\nuse ./missing\nuse ./a/\nuse ./notmod\n');
    write(dir, 'a/go.mod', 'module example.com/a\n');
    mkdirSync(path.join(dir, 'notmod', 'go.mod'), { recursive: true });
    const ws = await discoverWorkspace(dir, root);
    assert.equal(ws.goWork?.file, 'uses/go.work');
    assert.deepEqual(ws.modules.map((m) => m.goModFile), ['uses/a/go.mod']);
    assert.deepEqual(ws.issues.map((i) => [i.file, i.line]), [
      ['uses/go.work', 3],
      ['uses/go.work', 4],
      ['uses/go.work', 5],
    ]);
    assert.match(ws.issues[1]?.message ?? '', /appears multiple times/);
  });

  test('GOWORK naming a file selects it; a relative GOWORK is an issue', async () => {
    const dir = path.join(root, 'gowork');
    write(dir, 'alt/custom.work', 'go 1.22\nuse ../m\n');
    write(dir, 'm/go.mod', 'module example.com/m\n');
    write(dir, 'other/go.mod', 'module example.com/other\n');
    const ws = await discoverWorkspace(dir, root, { goworkEnv: path.join(dir, 'alt', 'custom.work') });
    assert.equal(ws.goWork?.file, 'gowork/alt/custom.work');
    assert.deepEqual(ws.modules.map((m) => [m.goModFile, m.inWorkFile]), [
      ['gowork/m/go.mod', true],
      ['gowork/other/go.mod', false],
    ]);
    const relative = await discoverWorkspace(dir, root, { goworkEnv: 'alt/custom.work' });
    assert.equal(relative.goWork, null);
    assert.match(relative.issues[0]?.message ?? '', /not an absolute path/);
    const missing = await discoverWorkspace(dir, root, { goworkEnv: path.join(dir, 'nope.work') });
    assert.equal(missing.goWork, null);
    assert.deepEqual(missing.issues.map((i) => i.file), ['']);
  });

  test('a working directory inside a module uses the enclosing go.mod', async () => {
    const dir = path.join(root, 'enclosing');
    write(dir, 'go.mod', 'module example.com/enc\nrequire github.com/a/b v1.0.0\n');
    write(dir, 'cmd/tool/main.go', 'package main\n');
    const ws = await discoverWorkspace(path.join(dir, 'cmd', 'tool'), root);
    assert.deepEqual(ws.modules.map((m) => m.goModFile), ['enclosing/go.mod']);
    assert.deepEqual(requiredModules(ws).map((r) => r.path), ['github.com/a/b']);
  });

  test('no Go files at all: empty result, no issues', async () => {
    const dir = path.join(root, 'empty');
    mkdirSync(dir, { recursive: true });
    assert.deepEqual(await discoverWorkspace(dir, dir), { root: dir, goWork: null, modules: [], issues: [] });
  });

  test('a missing working directory is an issue, not an exception', async () => {
    const ws = await discoverWorkspace(path.join(root, 'does-not-exist'), root);
    assert.deepEqual(ws.modules, []);
    assert.equal(ws.issues.length, 1);
  });

  test('go.work replace with a version only applies to that version', async () => {
    const dir = path.join(root, 'versioned');
    write(dir, 'go.work', 'go 1.22\nuse ./a\nreplace example.com/x v1.0.0 => ./x\nreplace example.com/y v1.0.0 => ./y\n');
    write(dir, 'a/go.mod', 'module example.com/a\nrequire (\n\texample.com/x v1.0.0\n\texample.com/y v2.0.0+incompatible\n)\n');
    const ws = await discoverWorkspace(dir, root);
    assert.deepEqual(requiredModules(ws).map((r) => r.path), ['example.com/y']);
  });
});
