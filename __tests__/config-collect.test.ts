// collectSettings and the action's env-file: read through readRepoFile (inside the workspace, a
// regular file, bounded), CRLF line ends removed so every reader sees the value the user meant,
// and values held to the limits of the inputs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { constants } from 'node:fs';
import { mkdir, open, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { collectSettings, EnvFileError, ENV_FILE_MAX_BYTES } from '../src/config/collect.js';
import { withTempDir } from './helpers/e2e.js';

/** No go on PATH: only the action's own layers and Go's defaults. */
const NO_GO = { PATH: '' };

async function collect(workspace: string, envFilePath: string, env: NodeJS.ProcessEnv = NO_GO) {
  return collectSettings({ inputs: {}, env, workspace, workingDirectory: workspace, envFilePath });
}

async function envFileError(workspace: string, envFilePath: string): Promise<string> {
  // A read that blocks (a FIFO) must not hang the test: it fails after 10 s instead.
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('env-file read still blocked after 10 s')), 10_000);
  });
  try {
    await Promise.race([collect(workspace, envFilePath), deadline]);
  } catch (error) {
    assert.ok(error instanceof EnvFileError, String(error));
    return error.message;
  } finally {
    clearTimeout(timer);
  }
  assert.fail('no EnvFileError');
}

describe('env-file', () => {
  test('a symlink out of the workspace is refused before a byte is read', () =>
    withTempDir('collect-', async (root) => {
      const workspace = path.join(root, 'repo');
      await mkdir(workspace);
      await writeFile(path.join(root, 'secret'), 'GOPROXY=https://user:hunter2@leak.example\n');
      await symlink(path.join(root, 'secret'), path.join(workspace, 'go.env'));
      const message = await envFileError(workspace, 'go.env');
      assert.match(message, /^Input 'env-file' names 'go\.env', but it resolves \(through a symbolic link or an absolute path\) to a place outside the workspace/);
      assert.ok(!message.includes('hunter2') && !message.includes('leak.example'), message);
    }));

  test('/dev/zero (through a symlink) and an absolute path outside are refused at once', () =>
    withTempDir('collect-', async (workspace) => {
      await symlink('/dev/zero', path.join(workspace, 'zero.env'));
      assert.match(await envFileError(workspace, 'zero.env'), /outside the workspace/);
      assert.match(await envFileError(workspace, '/etc/hostname'), /outside the workspace/);
    }));

  test('a FIFO gives a clear error at once instead of blocking', { skip: process.platform === 'win32' }, () =>
    withTempDir('collect-', async (workspace) => {
      const fifo = path.join(workspace, 'go.env');
      execFileSync('mkfifo', [fifo]);
      try {
        assert.match(await envFileError(workspace, 'go.env'), /^Input 'env-file' names 'go\.env', but it is not a regular file \(a directory, FIFO, socket or device\)/);
      } finally {
        // Unblock a reader that an unbounded read would have left waiting.
        await open(fifo, constants.O_WRONLY | constants.O_NONBLOCK).then((handle) => handle.close()).catch(() => undefined);
      }
    }));

  test('a directory and a huge file are refused; the error names the input and the fix', () =>
    withTempDir('collect-', async (workspace) => {
      await mkdir(path.join(workspace, 'dir.env'));
      assert.match(await envFileError(workspace, 'dir.env'), /not a regular file/);
      await writeFile(path.join(workspace, 'big.env'), `GOPROXY=${'a'.repeat(ENV_FILE_MAX_BYTES)}\n`);
      const message = await envFileError(workspace, 'big.env');
      assert.match(message, /^Input 'env-file' names 'big\.env', but it is larger than 256 KiB, far more than an env-file of KEY=VALUE lines\. Give a regular file inside the repository/);
      assert.match(await envFileError(workspace, 'missing.env'), /but the file does not exist/);
    }));

  test('CRLF line ends: values and line numbers are those of the LF file', () =>
    withTempDir('collect-', async (workspace) => {
      await writeFile(path.join(workspace, 'go.env'), '# project settings\r\nGOPRIVATE=github.com/org\r\nGONOSUMDB=github.com/org,git.corp.example\r\nGOFLAGS=-mod=mod\r\n');
      const settings = await collect(workspace, 'go.env');
      assert.equal(settings.effective.GOPRIVATE.value, 'github.com/org');
      assert.equal(settings.effective.GOPRIVATE.source, 'env-file');
      assert.equal(settings.effective.GONOSUMDB.value, 'github.com/org,git.corp.example');
      assert.equal(settings.effective.GONOPROXY.value, 'github.com/org', 'derived from the clean GOPRIVATE');
      assert.equal(settings.effective.GOFLAGS.value, '-mod=mod');
      assert.equal(settings.envFile?.lines.get('GOPRIVATE'), 2);
      assert.equal(settings.envFile?.lines.get('GOFLAGS'), 4);
    }));

  test("values are held to the limits of the inputs, naming the env-file and the input's limit", () =>
    withTempDir('collect-', async (workspace) => {
      await writeFile(path.join(workspace, 'go.env'), `GOPROXY=${Array.from({ length: 100 }, (_, i) => `https://p${i}.example`).join(',')}\n`);
      const message = await envFileError(workspace, 'go.env');
      assert.match(message, /^GOPROXY from the env-file 'go\.env' \(input 'env-file'\) has the value 'https:\/\/p0\.example,.*': it has 100 entries, more than the limit of 64 \(the limit of the 'goproxy' input\)\. List at most 64 entries in GOPROXY in go\.env\.$/);
      assert.ok(message.length < 800, String(message.length));
    }));
});

describe("the go command's own files keep go's rule", () => {
  test('GOENV with CRLF: the value keeps its "\\r", as `go env` shows it (observed with go1.23)', async () => {
    const { findGo } = await import('./helpers/go.js');
    const go = findGo();
    assert.ok(go !== null, 'the go binary is needed (see __tests__/helpers/go.ts)');
    await withTempDir('collect-', async (root) => {
      const goenv = path.join(root, 'env');
      await writeFile(goenv, 'GOPRIVATE=github.com/org\r\n');
      const env = { PATH: path.dirname(go), HOME: root, GOENV: goenv, GOCACHE: path.join(root, 'cache'), GOPATH: path.join(root, 'gopath') };
      const fromGo = JSON.parse(execFileSync(go, ['env', '-json', 'GOPRIVATE'], { env }).toString()) as { GOPRIVATE: string };
      assert.equal(fromGo.GOPRIVATE, 'github.com/org\r');
      const settings = await collect(root, '', env);
      assert.equal(settings.effective.GOPRIVATE.value, fromGo.GOPRIVATE);
      assert.equal(settings.effective.GOPRIVATE.source, 'go-env-file');
    });
  });
});
