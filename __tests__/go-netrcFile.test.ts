// Which netrc the go command reads and which files the action writes so that go and git's curl
// both see its entries (Windows: go 1.24+ reads _netrc if it exists, else .netrc, go 1.23 only
// _netrc; curl reads .netrc, falling back to _netrc), and reads that never block or throw.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { netrcPath, netrcWriteTargets, readNetrc, readNetrcFile } from '../src/go/netrcFile.js';

const WIN_HOME = 'C:\\Users\\runneradmin';
const DOT = `${WIN_HOME}\\.netrc`;
const LEGACY = `${WIN_HOME}\\_netrc`;

function existing(...files: string[]): (file: string) => boolean {
  return (file) => files.includes(file);
}

describe('netrcPath: the file the go command reads', () => {
  it('NETRC wins everywhere; HOME on Linux and macOS, USERPROFILE on Windows', () => {
    assert.equal(netrcPath({ NETRC: '/n', HOME: '/h' }, { platform: 'linux' }), '/n');
    assert.equal(netrcPath({ HOME: '/home/runner', USERPROFILE: 'x' }, { platform: 'linux' }), '/home/runner/.netrc');
    assert.equal(netrcPath({ HOME: '/Users/runner' }, { platform: 'darwin' }), '/Users/runner/.netrc');
    assert.equal(netrcPath({ HOME: '/c/Users/x' }, { platform: 'win32' }), null, 'go uses USERPROFILE on Windows, not HOME');
    assert.equal(netrcPath({}, { platform: 'linux' }), null);
  });

  it('Windows, go 1.24+: _netrc when it exists, else .netrc', () => {
    const env = { USERPROFILE: WIN_HOME };
    assert.equal(netrcPath(env, { platform: 'win32', goVersion: 'go1.24.1', exists: existing(LEGACY, DOT) }), LEGACY);
    assert.equal(netrcPath(env, { platform: 'win32', goVersion: 'go1.24.1', exists: existing(DOT) }), DOT);
    assert.equal(netrcPath(env, { platform: 'win32', goVersion: 'go1.25.0', exists: existing() }), DOT);
    assert.equal(netrcPath(env, { platform: 'win32', goVersion: null, exists: existing(DOT) }), DOT, 'unknown go: the current rule');
  });

  it('Windows, go 1.23 and older: _netrc only', () => {
    const env = { USERPROFILE: WIN_HOME };
    assert.equal(netrcPath(env, { platform: 'win32', goVersion: 'go1.23.5', exists: existing(DOT) }), LEGACY);
  });
});

describe('netrcWriteTargets: where both go and curl (git) read', () => {
  const env = { USERPROFILE: WIN_HOME };
  it('Linux and macOS, and NETRC anywhere: the one file', () => {
    assert.deepEqual(netrcWriteTargets({ HOME: '/home/r' }, { platform: 'linux' }), ['/home/r/.netrc']);
    assert.deepEqual(netrcWriteTargets({ NETRC: 'D:\\n', USERPROFILE: WIN_HOME }, { platform: 'win32' }), ['D:\\n']);
    assert.deepEqual(netrcWriteTargets({}, { platform: 'darwin' }), []);
  });

  it('Windows: _netrc is created only when neither file exists', () => {
    for (const goVersion of ['go1.23.5', 'go1.24.1']) {
      assert.deepEqual(netrcWriteTargets(env, { platform: 'win32', goVersion, exists: existing() }), [LEGACY], goVersion);
    }
  });

  it('Windows: an existing .netrc is written (go 1.24+ and curl read it); go 1.23 needs _netrc as well', () => {
    assert.deepEqual(netrcWriteTargets(env, { platform: 'win32', goVersion: 'go1.24.1', exists: existing(DOT) }), [DOT]);
    assert.deepEqual(netrcWriteTargets(env, { platform: 'win32', goVersion: 'go1.23.5', exists: existing(DOT) }), [LEGACY, DOT]);
  });

  it('Windows: an existing _netrc is written (go reads it, curl falls back to it); with both, both', () => {
    assert.deepEqual(netrcWriteTargets(env, { platform: 'win32', goVersion: 'go1.24.1', exists: existing(LEGACY) }), [LEGACY]);
    // curl reads .netrc first: a stale entry there would win for git, so the block goes there too.
    assert.deepEqual(netrcWriteTargets(env, { platform: 'win32', goVersion: 'go1.24.1', exists: existing(LEGACY, DOT) }), [LEGACY, DOT]);
  });
});

describe('readNetrcFile never blocks or throws', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'netrc-file-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('missing, a directory, a path under a file, a FIFO and a device each get their answer at once', { timeout: 10_000 }, async () => {
    assert.deepEqual(await readNetrcFile(path.join(dir, 'missing')), { kind: 'missing' });
    mkdirSync(path.join(dir, 'adir'));
    const asDir = await readNetrcFile(path.join(dir, 'adir'));
    assert.equal(asDir.kind, 'unusable');
    assert.match(asDir.kind === 'unusable' ? asDir.reason : '', /is a directory/);
    writeFileSync(path.join(dir, 'plain'), 'x');
    const under = await readNetrcFile(path.join(dir, 'plain', 'netrc'));
    assert.match(under.kind === 'unusable' ? under.fix : '', /Point NETRC at a file/);
    execFileSync('mkfifo', [path.join(dir, 'fifo')]);
    assert.equal((await readNetrcFile(path.join(dir, 'fifo'))).kind, 'unusable');
    assert.equal((await readNetrcFile('/dev/zero')).kind, 'unusable');
  });

  it('readNetrc returns [] for an unusable file and the entries of a good one', async () => {
    writeFileSync(path.join(dir, 'good'), 'machine a.example login u password p\n');
    assert.deepEqual(await readNetrc({ NETRC: path.join(dir, 'good') }), [{ machine: 'a.example', login: 'u', password: 'p' }]);
    assert.deepEqual(await readNetrc({ NETRC: path.join(dir, 'adir') }), []);
  });
});
