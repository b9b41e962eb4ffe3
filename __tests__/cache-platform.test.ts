// The Windows and macOS code paths of the cache machinery, exercised here by injecting the
// platform (issue 9 §2): the go command's process tree on Windows (a switched toolchain is a
// grandchild that keeps the pipes open), CRLF checkouts of go.sum, transient rename failures
// from antivirus scanners and indexers; plus the glob matcher's cost on hostile paths.
import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { withTempDir, writeFiles } from './helpers/e2e.js';
import { runGoCommand, windowsTreeKillArgs } from '../src/cache/goExec.js';
import { collectDependencyFiles } from '../src/cache/modules/dependencyFiles.js';
import { cacheKeys, dependencyHash } from '../src/cache/modules/key.js';
import { mergeTree, RENAME_RETRY_DELAYS_MS } from '../src/cache/merge.js';
import { compileGlob } from '../src/cache/modules/glob.js';
import { isAlive } from './helpers/process.js';


async function readPid(file: string): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (/^\d+\s*$/.test(text)) return Number(text);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no pid in ${file}`);
}

/** A "go" that starts a grandchild holding stdout/stderr, as go does with a switched toolchain, then waits. */
async function goWithGrandchild(dir: string): Promise<{ binary: string; pidFile: string }> {
  const pidFile = path.join(dir, 'grandchild.pid');
  const binary = path.join(dir, 'go-switching.sh');
  await writeFile(binary, `#!/bin/sh\nsleep 60 &\necho $! > '${pidFile}'\nwait\n`, { mode: 0o755 });
  return { binary, pidFile };
}

describe('go command timeout on Windows: the whole tree, and no wait for pipes a grandchild holds', () => {
  test('taskkill /T /F is asked for the tree, and the run ends on exit although a grandchild still holds the pipes', async () => {
    await withTempDir('goexec-win-', async (dir) => {
      const { binary, pidFile } = await goWithGrandchild(dir);
      const taskkills: string[][] = [];
      // taskkill does not exist here: the injected one records the call, and go itself is
      // killed as on Windows, leaving the grandchild alive with the pipes open.
      const run = runGoCommand(binary, [], process.env, dir, 1000, { platform: 'win32', spawnTaskkill: (args) => taskkills.push(args) });
      const grandchild = await readPid(pidFile);
      try {
        const result = await run;
        assert.equal(result.timedOut, true);
        assert.equal(result.code, 124);
        // Before the fix the run waited for 'close', which only comes when the grandchild exits (60 s).
        assert.ok(isAlive(grandchild), 'the run ended while the grandchild still held the pipes');
        assert.equal(taskkills.length, 1);
        assert.ok(taskkills[0]?.includes('/T') && taskkills[0]?.includes('/F'), JSON.stringify(taskkills));
      } finally {
        if (isAlive(grandchild)) process.kill(grandchild, 'SIGKILL');
      }
    });
  });

  test('the tree-kill command names the pid with /T /F', () => {
    assert.deepEqual(windowsTreeKillArgs(4242), ['/PID', '4242', '/T', '/F']);
  });

  test('on POSIX the process group goes: the grandchild is killed with go', async () => {
    await withTempDir('goexec-posix-', async (dir) => {
      const { binary, pidFile } = await goWithGrandchild(dir);
      const run = runGoCommand(binary, [], process.env, dir, 1000, { platform: 'linux' });
      const grandchild = await readPid(pidFile);
      try {
        const result = await run;
        assert.equal(result.timedOut, true);
        let gone = false;
        for (let i = 0; i < 40 && !gone; i++) {
          gone = !isAlive(grandchild);
          if (!gone) await new Promise((r) => setTimeout(r, 50));
        }
        assert.ok(gone, 'the grandchild was killed with its group');
      } finally {
        if (isAlive(grandchild)) process.kill(grandchild, 'SIGKILL');
      }
    });
  });
});

describe('dependency files checked out with CRLF', () => {
  test('a CRLF go.sum hashes like the LF one, so a Windows job with cross-os restores the Linux key', async () => {
    await withTempDir('deps-crlf-', async (dir) => {
      const lines = ['example.com/a v1.0.0 h1:AAAA=', 'example.com/a v1.0.0/go.mod h1:BBBB=', ''];
      await writeFiles(path.join(dir, 'lf'), { 'go.sum': lines.join('\n') });
      await writeFiles(path.join(dir, 'crlf'), { 'go.sum': lines.join('\r\n') });
      const lf = await collectDependencyFiles('', path.join(dir, 'lf'), path.join(dir, 'lf'));
      const crlf = await collectDependencyFiles('', path.join(dir, 'crlf'), path.join(dir, 'crlf'));
      assert.equal(lf.digests.length, 1);
      assert.deepEqual(crlf.digests, lf.digests);
      const linux = cacheKeys({ prefix: 'p', layout: 'download', hash: dependencyHash(lf.digests), platform: 'linux', crossOs: true });
      const windows = cacheKeys({ prefix: 'p', layout: 'download', hash: dependencyHash(crlf.digests), platform: 'win32', crossOs: true });
      assert.equal(windows.key, linux.key);
      // Content still counts: a real change changes the key.
      await writeFiles(path.join(dir, 'crlf'), { 'go.sum': [...lines.slice(0, 1), ''].join('\r\n') });
      const changed = await collectDependencyFiles('', path.join(dir, 'crlf'), path.join(dir, 'crlf'));
      assert.notDeepEqual(changed.digests, lf.digests);
    });
  });

  test('a go.sum that is a symlink out of the workspace, or a FIFO, is refused unread; patterns outside the workspace are ignored', async () => {
    await withTempDir('deps-outside-', async (dir) => {
      const ws = path.join(dir, 'ws');
      await writeFiles(dir, { 'secret/id_ed25519': 'PRIVATE KEY', 'ws/go.sum': 'example.com/a v1.0.0 h1:AAAA=\n', 'ws/sub/keep.txt': '' });
      const { symlink } = await import('node:fs/promises');
      const { execFileSync } = await import('node:child_process');
      await symlink(path.join(dir, 'secret/id_ed25519'), path.join(ws, 'sub', 'go.sum'));
      execFileSync('mkfifo', [path.join(ws, 'sub', 'go.work.sum')]);
      const found = await collectDependencyFiles('', ws, ws);
      assert.deepEqual(found.digests.map((d) => d.path), ['go.sum']);
      assert.deepEqual(found.refused.map((r) => `${r.path}:${r.failure}`).sort(), ['sub/go.sum:outside-workspace', 'sub/go.work.sum:not-regular']);
      const outside = await collectDependencyFiles(`${path.join(dir, 'secret')}/*\n../secret/*\ngo.sum`, ws, ws);
      assert.deepEqual(outside.outsidePatterns, [`${path.join(dir, 'secret')}/*`, '../secret/*']);
      assert.deepEqual(outside.digests.map((d) => d.path), ['go.sum']);
    });
  });
});

describe('merge: transient rename failures (antivirus, indexer) are retried with backoff', () => {
  for (const code of ['EBUSY', 'EPERM', 'EACCES'] as const) {
    test(`${code} twice, then the rename works (Windows)`, async () => {
      await withTempDir('merge-retry-', async (dir) => {
        const src = path.join(dir, 'src');
        const dst = path.join(dir, 'dst');
        await writeFiles(src, { 'a/file': 'restored', 'b': 'also' });
        await writeFiles(dst, { 'keep': 'x' });
        const { rename } = await import('node:fs/promises');
        let failures = 0;
        const delays: number[] = [];
        const flaky = async (from: string, to: string): Promise<void> => {
          if (from.endsWith(`${path.sep}a`) && failures < 2) {
            failures++;
            throw Object.assign(new Error(`${code}: operation not permitted, rename`), { code });
          }
          await rename(from, to);
        };
        const stats = { added: 0, kept: 0 };
        // Before the fix the first EPERM/EBUSY aborted the merge.
        await mergeTree(src, dst, stats, { rename: flaky, sleep: async (ms) => void delays.push(ms), platform: 'win32' });
        assert.equal(await readFile(path.join(dst, 'a', 'file'), 'utf8'), 'restored');
        assert.deepEqual(stats, { added: 2, kept: 0 });
        assert.deepEqual(delays, RENAME_RETRY_DELAYS_MS.slice(0, 2));
      });
    });
  }

  test('a lock that never clears fails after the bounded retries with the original error', async () => {
    await withTempDir('merge-stuck-', async (dir) => {
      await writeFiles(path.join(dir, 'src'), { f: '1' });
      const delays: number[] = [];
      const stuck = async (): Promise<void> => {
        throw Object.assign(new Error('EBUSY: resource busy or locked, rename'), { code: 'EBUSY' });
      };
      await assert.rejects(mergeTree(path.join(dir, 'src'), path.join(dir, 'dst'), { added: 0, kept: 0 }, { rename: stuck, sleep: async (ms) => void delays.push(ms), platform: 'win32' }), /EBUSY/);
      assert.deepEqual(delays, [...RENAME_RETRY_DELAYS_MS]);
    });
  });

  test('other errors are not retried', async () => {
    await withTempDir('merge-enospc-', async (dir) => {
      await writeFiles(path.join(dir, 'src'), { f: '1' });
      let calls = 0;
      const full = async (): Promise<void> => {
        calls++;
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      };
      await assert.rejects(mergeTree(path.join(dir, 'src'), path.join(dir, 'dst'), { added: 0, kept: 0 }, { rename: full, sleep: async () => undefined }), /ENOSPC/);
      assert.equal(calls, 1);
      assert.equal((await stat(path.join(dir, 'src', 'f'))).isFile(), true);
    });
  });
});

describe('globs over repository paths', () => {
  test('semantics: ** across directories, * and ? within one, classes, ./ and trailing /', () => {
    const yes: Array<[string, string]> = [
      ['**/go.sum', 'go.sum'], ['**/go.sum', 'a/b/go.sum'], ['services/*/go.sum', 'services/x/go.sum'], ['./go.s?m', 'go.sum'],
      ['go.[sw]um', 'go.sum'], ['go.[a-z]um', 'go.wum'], ['go.[!x]um', 'go.sum'], ['vendor/', 'vendor/a/go.sum'], ['a.b+c', 'a.b+c'],
      ['**', 'any/thing'], ['a/**/b/**/c', 'a/b/c'], ['a/**/b/**/c', 'a/x/y/b/z/c'], ['*a*b', 'xaxxb'],
    ];
    const no: Array<[string, string]> = [
      ['*/go.sum', 'a/b/go.sum'], ['go.sum', 'xgo.sum'], ['go.[!s]um', 'go.sum'], ['a/**/c', 'a/b/d'], ['*a*b', 'xaxxbc'], ['a?', 'a/'],
    ];
    for (const [glob, p] of yes) assert.ok(compileGlob(glob).test(p), `${glob} ~ ${p}`);
    for (const [glob, p] of no) assert.ok(!compileGlob(glob).test(p), `${glob} !~ ${p}`);
  });

  test('a hostile glob over a long near-miss path stays cheap (no backtracking)', () => {
    // As a regex, (?:[^/]*/)* repeated and *a*a*a... backtrack exponentially on such a path.
    const glob = compileGlob(`${'**/'.repeat(30)}${'*a'.repeat(30)}b`);
    const p = `${'d/'.repeat(200)}${'a'.repeat(2000)}`;
    const started = process.hrtime.bigint();
    assert.equal(glob.test(p), false);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // Generous on a loaded machine; the backtracking version does not finish in minutes.
    assert.ok(ms < 5000, `${ms} ms`);
  });
});

describe('merge into directories that exist but are empty', () => {
  test('an empty directory (GOCACHE\'s subdirectories after go env) is replaced by one rename, not filled file by file', async () => {
    await withTempDir('merge-empty-', async (dir) => {
      const src = path.join(dir, 'src');
      const dst = path.join(dir, 'dst');
      await writeFiles(src, { '0a/one-d': '1', '0a/two-d': '2', '0b/three-d': '3' });
      await writeFiles(dst, { '0b/kept-d': 'k' });
      const { mkdir: makeDir, rename } = await import('node:fs/promises');
      await makeDir(path.join(dst, '0a'));
      const renames: string[] = [];
      const stats = { added: 0, kept: 0 };
      await mergeTree(src, dst, stats, { rename: async (from, to) => { renames.push(path.relative(dir, from)); await rename(from, to); } });
      assert.deepEqual(renames.sort(), [path.join('src', '0a'), path.join('src', '0b', 'three-d')]);
      assert.equal(await readFile(path.join(dst, '0a', 'two-d'), 'utf8'), '2');
      assert.equal(await readFile(path.join(dst, '0b', 'kept-d'), 'utf8'), 'k');
      assert.deepEqual(stats, { added: 2, kept: 0 });
    });
  });
});
