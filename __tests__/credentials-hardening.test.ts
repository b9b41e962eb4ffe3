// Issue 9: the credential steps never leave a token behind. A .netrc that cannot be written is a
// warning, not a crash; the clean-up state reaches the post step before each change; a post step
// undoes only what its state says (twice in a row without false warnings); git's credential
// helpers never store the token (the real git, with a recording helper as Git for Windows' or
// Xcode's system config would set one); a timed-out ls-remote takes its transport child with it.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkPrivateModules, cleanUpCredentials, CREDENTIALS_STATE_KEY, setUpCredentials, type CredentialOptions } from '../src/credentials/phase.js';
import { runGit, treeKillCommand } from '../src/credentials/git.js';
import { withTempDir } from './helpers/e2e.js';
import { makeTlsFixtures, type TlsFixtures } from './fixtures/tls.js';
import type { TestServer } from './fixtures/probeServer.js';
import { captureStdout, cleanEnv, credentialOptions, git, makeBareRepo, startGitServer } from './credentials-support.js';
import { isAlive } from './helpers/process.js';

const TOKEN = 'ghp_hardeningToken0123456789abcdef';

function tokenOptions(env: NodeJS.ProcessEnv, overrides: Partial<CredentialOptions> = {}): CredentialOptions {
  return credentialOptions(env, {
    gitToken: TOKEN,
    netrc: 'machine goproxy.corp.example login ci password proxy-pass-123',
    goprivate: 'github.com/my-org',
    ...overrides,
  });
}

async function quiet<T>(fn: () => Promise<T>): Promise<T> {
  return (await captureStdout(fn)).result;
}

async function home(root: string): Promise<string> {
  const dir = path.join(root, 'home');
  await mkdir(dir, { recursive: true });
  return dir;
}

describe('a netrc that cannot be written leaves no token behind', () => {
  for (const [name, arrange] of [
    ['~/.netrc is a directory', async (dir: string): Promise<Record<string, string>> => {
      await mkdir(path.join(dir, '.netrc'));
      return {};
    }],
    ['NETRC points under a file', async (dir: string): Promise<Record<string, string>> => {
      await writeFile(path.join(dir, 'plain-file'), 'x');
      return { NETRC: path.join(dir, 'plain-file', 'netrc') };
    }],
  ] as const) {
    it(`${name}: a NETRC_NOT_WRITTEN warning with a fix, and the state saved before the git change undoes it`, async () => {
      await withTempDir('cred-hard-', async (root) => {
        const dir = await home(root);
        const env = cleanEnv(dir, await arrange(dir));
        const saved: Array<Record<string, string>> = [];
        const result = await quiet(() => setUpCredentials(tokenOptions(env, { onState: (state) => saved.push(state) })));
        const problem = result.problems.find((p) => p.code === 'NETRC_NOT_WRITTEN');
        assert.ok(problem, JSON.stringify(result.problems));
        assert.equal(problem.severity, 'warning');
        assert.match(problem.fix ?? '', /NETRC|Remove the directory/);
        assert.ok(!problem.message.includes('proxy-pass-123'));
        // The token rules were written; the first state came before they were.
        assert.ok((await readFile(path.join(dir, '.gitconfig'), 'utf8')).includes('insteadOf'));
        assert.ok(saved.length >= 1);
        const first = JSON.parse(saved[0]![CREDENTIALS_STATE_KEY]!) as { git?: { rules: unknown[]; appendedLength: number } };
        assert.equal(first.git?.appendedLength, -1, 'a plan, saved before the change');
        assert.equal(first.git?.rules.length, 1);
        // A main step that died right after that first save still gets everything removed.
        const post = await cleanUpCredentials(saved[0]!, env);
        assert.deepEqual(post.problems, []);
        assert.ok(!existsSync(path.join(dir, '.gitconfig')), 'the file the action created is gone');
      });
    });
  }

  it('a ~/.gitconfig that is a directory is a GIT_TOKEN_NOT_CONFIGURED warning, not an exception', async () => {
    await withTempDir('cred-hard-', async (root) => {
      const dir = await home(root);
      await mkdir(path.join(dir, '.gitconfig'));
      const result = await quiet(() => setUpCredentials(tokenOptions(cleanEnv(dir), { netrc: '' })));
      const problem = result.problems.find((p) => p.code === 'GIT_TOKEN_NOT_CONFIGURED');
      assert.ok(problem, JSON.stringify(result.problems));
      assert.match(problem.message, /is a directory/);
      assert.ok(!problem.message.includes(TOKEN));
      assert.equal(result.needsCleanup, false);
    });
  });

  it('Windows messages name USERPROFILE, not HOME', async () => {
    const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'] ?? '' };
    const result = await quiet(() => setUpCredentials(tokenOptions(env, { platform: 'win32' })));
    const netrc = result.problems.find((p) => p.code === 'NETRC_NOT_WRITTEN');
    assert.match(netrc?.message ?? '', /neither NETRC nor USERPROFILE is set/);
    assert.match(netrc?.fix ?? '', /^Set USERPROFILE/);
    const gitProblem = result.problems.find((p) => p.code === 'GIT_TOKEN_NOT_CONFIGURED');
    assert.match(gitProblem?.message ?? '', /neither HOME nor USERPROFILE is set/);
  });
});

describe('the post step undoes only what its state says', () => {
  it('without state it does nothing', async () => {
    await withTempDir('cred-hard-', async (root) => {
      const dir = await home(root);
      await writeFile(path.join(dir, '.netrc'), 'machine keep.example login a password b\n');
      const post = await cleanUpCredentials({}, cleanEnv(dir));
      assert.deepEqual(post, { problems: [], message: 'No credentials to clean up.' });
      assert.equal(await readFile(path.join(dir, '.netrc'), 'utf8'), 'machine keep.example login a password b\n');
      assert.ok(!existsSync(path.join(dir, '.gitconfig')));
    });
  });

  it('a second run finds nothing left and says so without warnings', async () => {
    await withTempDir('cred-hard-', async (root) => {
      const dir = await home(root);
      const env = cleanEnv(dir);
      // Files that existed: the first post run restores them, the second must not "repair" them.
      await writeFile(path.join(dir, '.gitconfig'), '[user]\n\tname = Someone\n');
      await writeFile(path.join(dir, '.netrc'), 'machine keep.example login a password b\n');
      const result = await quiet(() => setUpCredentials(tokenOptions(env)));
      const first = await cleanUpCredentials(result.state, env);
      assert.deepEqual(first.problems, []);
      const second = await cleanUpCredentials(result.state, env);
      assert.deepEqual(second.problems, [], JSON.stringify(second));
      assert.equal(await readFile(path.join(dir, '.gitconfig'), 'utf8'), '[user]\n\tname = Someone\n');
      assert.equal(await readFile(path.join(dir, '.netrc'), 'utf8'), 'machine keep.example login a password b\n');
    });
  });

  it('a block a later step damaged is still a warning', async () => {
    await withTempDir('cred-hard-', async (root) => {
      const dir = await home(root);
      const env = cleanEnv(dir);
      const result = await quiet(() => setUpCredentials(tokenOptions(env, { gitToken: '' })));
      const file = path.join(dir, '.netrc');
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace(/# setup-goproxy-end [0-9a-f]+\n/, ''));
      const post = await cleanUpCredentials(result.state, env);
      assert.deepEqual(post.problems.map((p) => p.code), ['CREDENTIALS_CLEANUP_FAILED']);
    });
  });
});

describe("git's credential helpers never store the token", () => {
  let tls: TlsFixtures;
  let server: TestServer;
  let host: string;
  let root: string;

  before(async () => {
    tls = await makeTlsFixtures();
    root = await mkdtemp(path.join(tmpdir(), 'cred-helper-'));
    const buildHome = path.join(root, 'build-home');
    await mkdir(buildHome, { recursive: true });
    await makeBareRepo(path.join(root, 'repos'), 'org/repo', cleanEnv(buildHome));
    server = await startGitServer(tls.server, path.join(root, 'repos'), TOKEN);
    host = `127.0.0.1:${server.port}`;
  });

  after(async () => {
    await server?.close();
    await tls?.cleanup();
    await rm(root, { recursive: true, force: true });
  });

  it('neither the action\'s ls-remote nor a later step\'s git hands the token to a system-wide helper', async () => {
    const dir = path.join(root, 'home');
    await mkdir(dir, { recursive: true });
    const log = path.join(root, 'helper.log');
    const helper = path.join(root, 'record-helper.sh');
    // Records every call (get/store/erase) and what git sends it, as osxkeychain or manager would receive it.
    await writeFile(helper, `#!/bin/sh\necho "action=$1" >> '${log}'\ncat >> '${log}'\n`);
    await chmod(helper, 0o755);
    const systemConfig = path.join(root, 'system-gitconfig');
    await writeFile(systemConfig, `[credential]\n\thelper = ${helper}\n`);
    const env = cleanEnv(dir, { GIT_SSL_CAINFO: tls.ca.certPath, GIT_CONFIG_SYSTEM: systemConfig });
    delete env['GIT_CONFIG_NOSYSTEM'];

    const options = tokenOptions(env, {
      netrc: '',
      goprivate: `${host}/org`,
      required: [{ path: `${host}/org/repo`, version: 'v1.0.0', goModFile: 'go.mod', line: 3, viaProxy: false }],
    });
    const result = await quiet(() => setUpCredentials(options));
    assert.ok(result.needsCleanup);
    const checks = await quiet(() => checkPrivateModules(options));
    assert.deepEqual(checks, [], 'the token reaches the repository');
    // A later step of the job: plain git with the job's environment.
    await git(['ls-remote', `https://${host}/org/repo`, 'HEAD'], env);
    // A helper configured after the global file (here through GIT_CONFIG_COUNT, read after it like
    // a repository's own config): the action's git still resets it on its command line.
    const lateHelper = { ...env, GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'credential.helper', GIT_CONFIG_VALUE_0: helper };
    assert.deepEqual(await quiet(() => checkPrivateModules({ ...options, env: lateHelper })), []);
    const recorded = existsSync(log) ? await readFile(log, 'utf8') : '';
    assert.ok(!recorded.includes('action=store'), recorded);
    assert.ok(!recorded.includes(TOKEN), recorded);

    // The reset is one of the entries the post step removes; afterwards the helper is back.
    const post = await cleanUpCredentials(result.state, env);
    assert.deepEqual(post.problems, []);
    assert.ok(!existsSync(path.join(dir, '.gitconfig')));
    const helpers = await git(['config', '--get-all', `credential.https://x-access-token@${host}/.helper`], env).catch(() => '');
    assert.equal(helpers, '');
  });
});

describe('runGit kills the whole tree on a timeout', () => {
  /** A `git` that starts a child holding stderr (like git-remote-https) and waits for it. */
  async function fakeGit(dir: string): Promise<{ env: NodeJS.ProcessEnv; pidFile: string }> {
    const bin = path.join(dir, 'bin');
    await mkdir(bin, { recursive: true });
    const pidFile = path.join(dir, 'grandchild.pid');
    await writeFile(path.join(bin, 'git'), `#!/bin/sh\nsleep 20 &\necho $! > '${pidFile}'\nwait\n`);
    await chmod(path.join(bin, 'git'), 0o755);
    return { env: { PATH: `${bin}:/usr/bin:/bin` }, pidFile };
  }

  async function gone(pid: number): Promise<boolean> {
    for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    return !isAlive(pid);
  }

  it('POSIX: the process group goes, and runGit returns at the deadline', async () => {
    await withTempDir('cred-kill-', async (dir) => {
      const { env, pidFile } = await fakeGit(dir);
      const started = Date.now();
      const run = await runGit(['ls-remote', 'https://example.invalid/x'], env, 700);
      const took = Date.now() - started;
      assert.equal(run.timedOut, true);
      assert.ok(took < 8000, `took ${took} ms: waited for the grandchild`);
      const pid = Number((await readFile(pidFile, 'utf8')).trim());
      assert.ok(await gone(pid), 'the grandchild was killed');
    });
  });

  it('Windows: taskkill /T /F on the git process', async () => {
    assert.deepEqual(treeKillCommand(1234, 'win32'), { command: 'taskkill', args: ['/pid', '1234', '/T', '/F'] });
    await withTempDir('cred-kill-', async (dir) => {
      const { env, pidFile } = await fakeGit(dir);
      const calls: Array<{ command: string; args: readonly string[] }> = [];
      let gitChild: ChildProcess | undefined;
      const fakeSpawn = (command: string, args: readonly string[], options: SpawnOptions): ChildProcess => {
        calls.push({ command, args });
        if (command === 'taskkill') {
          // What taskkill /T does on Windows: the process and its descendants.
          if (gitChild?.pid !== undefined) process.kill(-gitChild.pid, 'SIGKILL');
          return spawn('true', [], { stdio: 'ignore' });
        }
        gitChild = spawn(command, [...args], options);
        return gitChild;
      };
      const run = await runGit(['ls-remote', 'https://example.invalid/x'], env, 700, { platform: 'win32', spawn: fakeSpawn });
      assert.equal(run.timedOut, true);
      const kill = calls.find((call) => call.command === 'taskkill');
      assert.deepEqual(kill?.args, ['/pid', String(gitChild?.pid), '/T', '/F']);
      const pid = Number((await readFile(pidFile, 'utf8')).trim());
      assert.ok(await gone(pid));
    });
  });
});
