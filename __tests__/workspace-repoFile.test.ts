// The shared reader of repository files: symlinks out of the workspace, FIFOs, devices, large
// files and other platforms' path rules, on a real file system.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isWithin, readRepoFile, resolveInWorkspace } from '../src/workspace/repoFile.js';

describe('readRepoFile', () => {
  let root: string;
  let workspace: string;
  let outside: string;

  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'repofile-'));
    workspace = path.join(root, 'repo');
    outside = path.join(root, 'secret');
    mkdirSync(path.join(workspace, 'sub'), { recursive: true });
    writeFileSync(outside, 'PRIVATE KEY MATERIAL\n');
    writeFileSync(path.join(workspace, 'go.mod'), 'module example.com/m\n');
    writeFileSync(path.join(workspace, 'sub', 'real.txt'), 'inside\n');
    symlinkSync(outside, path.join(workspace, 'leak.mod'));
    symlinkSync(path.join('..', 'sub', 'real.txt'), path.join(workspace, 'sub', 'inner-link'));
    symlinkSync('/dev/zero', path.join(workspace, 'zero'));
    symlinkSync('/proc/self/environ', path.join(workspace, 'environ'));
    execFileSync('mkfifo', [path.join(workspace, 'fifo')]);
    writeFileSync(path.join(workspace, 'big'), Buffer.alloc(2048, 'a'));
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  test('reads a regular file inside the workspace, relative or absolute', async () => {
    const relative = await readRepoFile(workspace, 'go.mod', { maxBytes: 1024 });
    assert.ok(relative.ok);
    assert.equal(relative.text, 'module example.com/m\n');
    const absolute = await readRepoFile(workspace, path.join(workspace, 'go.mod'), { maxBytes: 1024 });
    assert.ok(absolute.ok && absolute.text === relative.text);
  });

  test('follows a symbolic link that stays inside the workspace', async () => {
    const read = await readRepoFile(workspace, 'sub/inner-link', { maxBytes: 1024 });
    assert.ok(read.ok);
    assert.equal(read.text, 'inside\n');
  });

  test('refuses a symbolic link out of the workspace without reading it', async () => {
    const read = await readRepoFile(workspace, 'leak.mod', { maxBytes: 1024 });
    assert.equal(read.ok, false);
    assert.ok(!read.ok && read.failure === 'outside-workspace');
    assert.ok(!JSON.stringify(read).includes('PRIVATE'));
  });

  test('refuses /proc/self/environ and absolute paths outside', async () => {
    for (const candidate of ['environ', outside, '../secret']) {
      const read = await readRepoFile(workspace, candidate, { maxBytes: 1024 });
      assert.ok(!read.ok && read.failure === 'outside-workspace', candidate);
    }
  });

  test('a FIFO is refused at once instead of blocking', async () => {
    const started = Date.now();
    const read = await readRepoFile(workspace, 'fifo', { maxBytes: 1024 });
    assert.ok(!read.ok && read.failure === 'not-regular');
    assert.ok(Date.now() - started < 5000);
  });

  test('a device inside the workspace (linked from it) is refused', async () => {
    // /dev/zero is outside the workspace; a device node inside would still be not-regular.
    const read = await readRepoFile(workspace, 'zero', { maxBytes: 1024 });
    assert.equal(read.ok, false);
    const device = await readRepoFile('/dev', '/dev/zero', { maxBytes: 1024 });
    assert.ok(!device.ok && device.failure === 'not-regular');
  });

  test('a file over the bound is refused with its size', async () => {
    const read = await readRepoFile(workspace, 'big', { maxBytes: 1000 });
    assert.ok(!read.ok && read.failure === 'too-large' && read.detail.includes('2048'));
    const fits = await readRepoFile(workspace, 'big', { maxBytes: 2048 });
    assert.ok(fits.ok && fits.text.length === 2048);
  });

  test('missing files and directories have their own failures', async () => {
    const missing = await readRepoFile(workspace, 'nope', { maxBytes: 10 });
    assert.ok(!missing.ok && missing.failure === 'not-found');
    const dir = await readRepoFile(workspace, 'sub', { maxBytes: 10 });
    assert.ok(!dir.ok && dir.failure === 'not-regular');
  });

  test('resolveInWorkspace refuses a directory outside', async () => {
    const inside = await resolveInWorkspace(workspace, 'sub');
    assert.ok(inside.ok);
    const out = await resolveInWorkspace(workspace, root);
    assert.ok(!out.ok && out.failure === 'outside-workspace');
  });
});

describe('isWithin', () => {
  test('POSIX: case matters, a sibling with a common prefix is outside', () => {
    assert.equal(isWithin('/w/repo', '/w/repo/a/b', 'linux'), true);
    assert.equal(isWithin('/w/repo', '/w/repo', 'linux'), true);
    assert.equal(isWithin('/w/repo', '/w/repo2/a', 'linux'), false);
    assert.equal(isWithin('/w/repo', '/w/Repo/a', 'linux'), false);
    assert.equal(isWithin('/w/repo', '/w', 'linux'), false);
  });

  test('macOS and Windows ignore case; Windows drives and UNC paths', () => {
    assert.equal(isWithin('/Users/me/Repo', '/users/me/repo/go.mod', 'darwin'), true);
    assert.equal(isWithin('D:\\a\\repo', 'd:\\A\\Repo\\go.mod', 'win32'), true);
    assert.equal(isWithin('D:\\a\\repo', 'C:\\a\\repo\\go.mod', 'win32'), false);
    assert.equal(isWithin('\\\\server\\share\\repo', '\\\\server\\share\\repo\\x', 'win32'), true);
    assert.equal(isWithin('D:\\a\\repo', 'D:\\a\\repo-other\\x', 'win32'), false);
  });
});
