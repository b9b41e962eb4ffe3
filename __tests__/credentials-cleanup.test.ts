// The post step removes exactly what the main step added: the previous ~/.gitconfig and ~/.netrc
// come back byte for byte (CRLF, no final newline), files that did not exist are removed again,
// and changes made by later steps survive.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cleanUpCredentials, setUpCredentials, type CredentialOptions } from '../src/credentials/phase.js';
import { parseNetrc } from '../src/go/netrc.js';
import { withTempDir } from './helpers/e2e.js';
import { captureStdout, cleanEnv, credentialOptions, git } from './credentials-support.js';

const TOKEN = 'ghp_cleanupTestToken0123456789';

function options(env: NodeJS.ProcessEnv, overrides: Partial<CredentialOptions> = {}): CredentialOptions {
  return credentialOptions(env, {
    gitToken: TOKEN,
    netrc: 'machine goproxy.corp.example login ci password proxy-pass-123',
    goproxy: 'https://goproxy.corp.example,direct',
    goprivate: 'github.com/my-org,git.corp.example',
    ...overrides,
  });
}

async function setUp(opts: CredentialOptions): ReturnType<typeof setUpCredentials> {
  return (await captureStdout(() => setUpCredentials(opts))).result;
}

async function home(root: string): Promise<string> {
  const dir = path.join(root, 'home');
  await mkdir(dir, { recursive: true });
  return dir;
}

describe('credentials clean-up', () => {
  it('restores existing CRLF files without a final newline byte for byte', async () => {
    await withTempDir('cred-cleanup-', async (root) => {
      const dir = await home(root);
      const env = cleanEnv(dir);
      const gitconfig = Buffer.from('[user]\r\n\tname = Someone\r\n[url "git@github.com:"]\r\n\tinsteadOf = https://github.com/\r\n[core]\r\n\teditor = vi', 'utf8');
      const netrc = Buffer.from('machine other.example\r\nlogin me\r\npassword p\u00e9ss\r\n\r\nmachine last.example login a password b', 'utf8');
      await writeFile(path.join(dir, '.gitconfig'), gitconfig);
      await writeFile(path.join(dir, '.netrc'), netrc);

      const result = await setUp(options(env));
      assert.equal(result.needsCleanup, true);
      const during = await readFile(path.join(dir, '.gitconfig'), 'utf8');
      assert.ok(during.includes('https://github.com/my-org/'), during);
      assert.ok(during.includes('https://git.corp.example/'), during);
      // The user's own rule for all of github.com still applies to other owners; ours is longer, so
      // git prefers it for my-org (ls-remote --get-url applies insteadOf without any network).
      const rewritten = async (url: string): Promise<string> => (await git(['ls-remote', '--get-url', url], env)).trim();
      assert.equal(await rewritten('https://github.com/my-org/repo'), `https://x-access-token:${TOKEN}@github.com/my-org/repo`);
      assert.equal(await rewritten('git@github.com:my-org/repo'), `https://x-access-token:${TOKEN}@github.com/my-org/repo`);
      assert.equal(await rewritten('https://github.com/my-org-other/repo'), 'git@github.com:my-org-other/repo');
      assert.equal(await rewritten('https://git.corp.example/team/repo'), `https://x-access-token:${TOKEN}@git.corp.example/team/repo`);
      const duringNetrc = await readFile(path.join(dir, '.netrc'), 'utf8');
      assert.deepEqual(parseNetrc(duringNetrc).map((e) => e.machine), ['goproxy.corp.example', 'other.example', 'last.example']);
      assert.ok(duringNetrc.includes('\r\nmachine goproxy.corp.example login ci password proxy-pass-123\r\n'));

      const post = await cleanUpCredentials(result.state, env);
      assert.deepEqual(post.problems, []);
      assert.deepEqual(await readFile(path.join(dir, '.gitconfig')), gitconfig);
      assert.deepEqual(await readFile(path.join(dir, '.netrc')), netrc);
      assert.ok(!post.message.includes(TOKEN));
    });
  });

  it('removes files that did not exist before', async () => {
    await withTempDir('cred-cleanup-', async (root) => {
      const dir = await home(root);
      const env = cleanEnv(dir);
      const result = await setUp(options(env));
      assert.ok(existsSync(path.join(dir, '.gitconfig')));
      assert.ok(existsSync(path.join(dir, '.netrc')));
      assert.deepEqual(Object.keys(result.state), ['credentials']);
      const post = await cleanUpCredentials(result.state, env);
      assert.deepEqual(post.problems, []);
      assert.equal(existsSync(path.join(dir, '.gitconfig')), false);
      assert.equal(existsSync(path.join(dir, '.netrc')), false);
    });
  });

  it('keeps what later steps added and removes only its own entries', async () => {
    await withTempDir('cred-cleanup-', async (root) => {
      const dir = await home(root);
      const env = cleanEnv(dir);
      await writeFile(path.join(dir, '.netrc'), 'machine first.example login a password b\n');
      const result = await setUp(options(env));
      // A later step configures git and adds a netrc entry.
      await git(['config', '--global', 'user.email', 'later@example.invalid'], env);
      await appendFile(path.join(dir, '.netrc'), 'machine later.example login c password d\n');

      const post = await cleanUpCredentials(result.state, env);
      assert.deepEqual(post.problems.map((p) => p.code), ['CREDENTIALS_CLEANUP_PARTIAL']);
      const config = await readFile(path.join(dir, '.gitconfig'), 'utf8');
      assert.ok(!config.includes(TOKEN), config);
      assert.ok(!config.includes('insteadOf'), config);
      assert.match(config, /later@example\.invalid/);
      assert.equal(await readFile(path.join(dir, '.netrc'), 'utf8'), 'machine first.example login a password b\nmachine later.example login c password d\n');
    });
  });

  it('writes to GIT_CONFIG_GLOBAL and NETRC when they are set', async () => {
    await withTempDir('cred-cleanup-', async (root) => {
      const dir = await home(root);
      const custom = path.join(root, 'custom.gitconfig');
      const netrcFile = path.join(root, 'auth', 'netrc');
      const env = cleanEnv(dir, { GIT_CONFIG_GLOBAL: custom, NETRC: netrcFile });
      const result = await setUp(options(env));
      assert.ok((await readFile(custom, 'utf8')).includes('github.com/my-org'));
      assert.ok((await readFile(netrcFile, 'utf8')).includes('goproxy.corp.example'));
      assert.equal(existsSync(path.join(dir, '.gitconfig')), false);
      assert.equal(existsSync(path.join(dir, '.netrc')), false);
      await cleanUpCredentials(result.state, env);
      assert.equal(existsSync(custom), false);
      assert.equal(existsSync(netrcFile), false);
    });
  });

  it('warns about a token with nothing private to use it for, and scopes git-token-hosts', async () => {
    await withTempDir('cred-cleanup-', async (root) => {
      const dir = await home(root);
      const env = cleanEnv(dir);
      const none = await setUp(options(env, { netrc: '', goprivate: '', gonoproxy: '' }));
      assert.deepEqual(none.problems.map((p) => p.code), ['GIT_TOKEN_UNUSED']);
      assert.equal(none.needsCleanup, false);
      assert.equal(existsSync(path.join(dir, '.gitconfig')), false);

      // A host named only in git-token-hosts gets a whole-host rule (and the same warning: no
      // pattern sends modules there directly); a wildcard pattern covered by a listed host is fine.
      const hosts = await setUp(options(env, { netrc: '', goprivate: '*.corp.example', gitTokenHosts: 'git.corp.example' }));
      assert.deepEqual(hosts.problems.map((p) => p.code), []);
      const rewritten = (await git(['ls-remote', '--get-url', 'https://git.corp.example/a/b'], env)).trim();
      assert.equal(rewritten, `https://x-access-token:${TOKEN}@git.corp.example/a/b`);
      assert.equal((await git(['ls-remote', '--get-url', 'https://github.com/my-org/b'], env)).trim(), 'https://github.com/my-org/b');
      await cleanUpCredentials(hosts.state, env);
      assert.equal(existsSync(path.join(dir, '.gitconfig')), false);
    });
  });

  it('needs no clean-up when nothing was configured', async () => {
    await withTempDir('cred-cleanup-', async (root) => {
      const dir = await home(root);
      const env = cleanEnv(dir);
      const result = await setUp(options(env, { gitToken: '', netrc: '', goproxy: 'https://proxy.golang.org,direct' }));
      assert.equal(result.needsCleanup, false);
      assert.deepEqual(result.state, {});
      assert.equal(existsSync(path.join(dir, '.gitconfig')), false);
      assert.equal(existsSync(path.join(dir, '.netrc')), false);
      assert.deepEqual(await cleanUpCredentials({}, env), { problems: [], message: 'No credentials to clean up.' });
    });
  });
});
