// Issue 9: go.mod/go.work discovery reads only regular files inside the workspace, quotes at most
// a short redacted excerpt of any file, refuses FIFOs at once, does not read a GOWORK outside the
// workspace (another drive on Windows included), and counts a directory once whatever the case
// of its spelling on case-insensitive file systems.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { discoverWorkspace, MAX_ISSUES, MAX_ISSUES_PER_FILE, requiredModules } from '../src/workspace/discover.js';

function write(root: string, rel: string, text: string): void {
  const file = path.join(root, ...rel.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

const SECRET_LINES = ['b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW', 'QyNTUxOQAAACBzZWNyZXQtbGluZS10d28tbm90LXRvLWJlLXByaW50ZWQtYW55d2hlcmU='];
const KEY = ['-----BEGIN OPENSSH PRIVATE KEY-----', ...SECRET_LINES, '-----END OPENSSH PRIVATE KEY-----', ''].join('\n');

describe('discovery and files outside the workspace', () => {
  let top = '';
  let repo = '';
  before(() => {
    top = realpathSync(mkdtempSync(path.join(tmpdir(), 'ws-hard-')));
    repo = path.join(top, 'repo');
    mkdirSync(repo);
    write(top, 'home/.ssh/id_ed25519', KEY);
  });
  after(() => rmSync(top, { recursive: true, force: true }));

  test('a go.mod linked out of the workspace is refused before it is read', async () => {
    const dir = path.join(repo, 'linked');
    write(dir, 'go.mod', 'module example.com/ok\n');
    mkdirSync(path.join(dir, 'nested'));
    symlinkSync(path.join(top, 'home/.ssh/id_ed25519'), path.join(dir, 'nested', 'go.mod'));
    const ws = await discoverWorkspace(dir, repo);
    assert.deepEqual(ws.modules.map((m) => m.goModFile), ['linked/go.mod']);
    const text = JSON.stringify(ws.issues);
    for (const line of SECRET_LINES) assert.ok(!text.includes(line), text);
    assert.deepEqual(ws.issues.map((i) => i.file), ['linked/nested/go.mod']);
    assert.match(ws.issues[0]?.message ?? '', /outside the workspace/);
  });

  test('a GOWORK outside the workspace is not read; on Windows another drive is outside too', async () => {
    const dir = path.join(repo, 'gowork-outside');
    write(dir, 'm/go.mod', 'module example.com/m\n');
    const ws = await discoverWorkspace(dir, repo, { goworkEnv: path.join(top, 'home/.ssh/id_ed25519') });
    assert.equal(ws.goWork, null);
    assert.deepEqual(ws.modules.map((m) => m.goModFile), ['gowork-outside/m/go.mod'], 'the walk still finds the modules');
    const text = JSON.stringify(ws.issues);
    for (const line of SECRET_LINES) assert.ok(!text.includes(line), text);
    assert.match(ws.issues[0]?.message ?? '', /outside the workspace, so it was not read/);

    // GOWORK on another drive (D:) than the checkout: refused on its path, never joined to the workspace.
    const windows = await discoverWorkspace(dir, repo, { goworkEnv: 'D:\\work\\go.work', platform: 'win32' });
    assert.equal(windows.goWork, null);
    assert.match(windows.issues[0]?.message ?? '', /outside the workspace/);
    assert.doesNotMatch(windows.issues[0]?.message ?? '', /not an absolute path/);
  });

  test('a GOWORK inside the workspace through a link out of it is refused', async () => {
    const dir = path.join(repo, 'gowork-link');
    write(dir, 'm/go.mod', 'module example.com/m\n');
    symlinkSync(path.join(top, 'home/.ssh/id_ed25519'), path.join(dir, 'go.work'));
    for (const goworkEnv of ['', path.join(dir, 'go.work')]) {
      const ws = await discoverWorkspace(dir, repo, { goworkEnv });
      assert.equal(ws.goWork, null);
      const text = JSON.stringify(ws.issues);
      for (const line of SECRET_LINES) assert.ok(!text.includes(line), text);
      assert.match(text, /outside the workspace/);
    }
  });
});

describe('discovery bounds what it quotes and refuses special files', () => {
  let repo = '';
  before(() => {
    repo = realpathSync(mkdtempSync(path.join(tmpdir(), 'ws-bounds-')));
  });
  after(() => rmSync(repo, { recursive: true, force: true }));

  test('a go.mod full of junk yields a few short, redacted issues', async () => {
    const dir = path.join(repo, 'junk');
    const long = 'x'.repeat(2_000);
    // Quoted, so `//` is no comment: the message quotes the value, userinfo and all.
    const lines = ['module example.com/junk', `go "https://deploy:s3cr3t-t0ken-value@git.corp.example/${long}"`];
    for (let i = 0; i < 500; i++) lines.push(`bogus${i} ${long}`);
    write(dir, 'go.mod', lines.join('\n') + '\n');
    const ws = await discoverWorkspace(dir, repo);
    const issues = ws.issues.filter((i) => i.file === 'junk/go.mod');
    assert.equal(issues.length, MAX_ISSUES_PER_FILE + 1);
    assert.match(issues.at(-1)?.message ?? '', /more problems in this file/);
    for (const issue of issues) assert.ok(issue.message.length < 400, `${issue.message.length} characters`);
    assert.ok(!JSON.stringify(ws.issues).includes('s3cr3t-t0ken-value'));
  });

  test('issues in all are bounded with a closing count', async () => {
    const dir = path.join(repo, 'many');
    for (let i = 0; i < MAX_ISSUES + 20; i++) write(dir, `m${String(i).padStart(3, '0')}/go.mod`, 'bogus line\n');
    const ws = await discoverWorkspace(dir, repo);
    assert.equal(ws.issues.length, MAX_ISSUES + 1);
    assert.match(ws.issues.at(-1)?.message ?? '', /^20 more workspace problems/);
  });

  test('FIFOs as go.mod, go.work and GOWORK are refused at once', { timeout: 20_000 }, async () => {
    const dir = path.join(repo, 'fifo');
    mkdirSync(path.join(dir, 'sub'), { recursive: true });
    mkdirSync(path.join(dir, 'used'), { recursive: true });
    execFileSync('mkfifo', [path.join(dir, 'sub', 'go.mod'), path.join(dir, 'used', 'go.mod'), path.join(dir, 'custom.work')]);
    const walked = await discoverWorkspace(dir, repo);
    assert.deepEqual(walked.modules, []);
    assert.match(walked.issues.find((i) => i.file === 'fifo/sub/go.mod')?.message ?? '', /not a regular file/);

    const viaGowork = await discoverWorkspace(dir, repo, { goworkEnv: path.join(dir, 'custom.work') });
    assert.equal(viaGowork.goWork, null);
    assert.match(viaGowork.issues[0]?.message ?? '', /not a regular file/);

    write(dir, 'go.work', 'go 1.22\nuse ./used\n');
    const used = await discoverWorkspace(dir, repo);
    assert.match(used.issues.find((i) => i.file === 'fifo/go.work')?.message ?? '', /use \.\/used: its go.mod was not read: it is not a regular file/);
  });
});

describe('case-insensitive file systems (macOS, Windows)', () => {
  let repo = '';
  before(() => {
    repo = realpathSync(mkdtempSync(path.join(tmpdir(), 'ws-case-')));
    // A case-insensitive file system, emulated: `Lib` is another spelling of `lib`.
    write(repo, 'lib/go.mod', 'module example.com/lib\n\nrequire example.com/dep v1.0.0\n');
    symlinkSync('lib', path.join(repo, 'Lib'));
    write(repo, 'app/go.mod', 'module example.com/app\n\nrequire example.com/lib v0.0.0\n');
  });
  after(() => rmSync(repo, { recursive: true, force: true }));

  test('a use path in another case is the same module: counted once, its requirements once', async () => {
    write(repo, 'go.work', 'go 1.22\nuse ./Lib\nuse ./app\n');
    const ws = await discoverWorkspace(repo, repo, { platform: 'darwin' });
    assert.equal(ws.modules.filter((m) => m.file.module?.path === 'example.com/lib').length, 1, JSON.stringify(ws.modules.map((m) => m.goModFile)));
    assert.deepEqual(requiredModules(ws).map((r) => r.path), ['example.com/dep']);
  });

  test('two spellings of one directory in go.work are the duplicate the go command reports', async () => {
    write(repo, 'go.work', 'go 1.22\nuse ./lib\nuse ./Lib\n');
    const ws = await discoverWorkspace(repo, repo, { platform: 'win32' });
    assert.match(ws.issues.find((i) => i.line === 3)?.message ?? '', /appears multiple times in workspace/);
  });
});

describe('requiredModules with many replaces', () => {
  test('a version-specific replace wins over a wildcard one, the last of each kind counts', async () => {
    const repo = realpathSync(mkdtempSync(path.join(tmpdir(), 'ws-replace-')));
    try {
      write(repo, 'go.mod', [
        'module example.com/app',
        'require (',
        '\texample.com/a v1.0.0',
        '\texample.com/b v1.0.0',
        ')',
        'replace example.com/a v1.0.0 => example.com/a-exact v1.0.1',
        'replace example.com/a => example.com/a-any v1.0.2',
        'replace example.com/b => example.com/b-first v1.0.3',
        'replace example.com/b => example.com/b-last v1.0.4',
        '',
      ].join('\n'));
      const ws = await discoverWorkspace(repo, repo);
      assert.deepEqual(requiredModules(ws).map((r) => [r.path, r.replacement?.path]), [
        ['example.com/a', 'example.com/a-exact'],
        ['example.com/b', 'example.com/b-last'],
      ]);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
