// Direct VCS access with git-token against a real git smart-HTTP server (git http-backend behind
// a loopback HTTPS server that demands Basic x-access-token:<token>): the insteadOf rules make
// `git ls-remote` succeed for the private prefix only, and the ls-remote check reports auth
// failures, missing repositories, closed ports and stalls with the right codes at the require line.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkPrivateModules, setUpCredentials, type CredentialOptions } from '../src/credentials/phase.js';
import type { Problem } from '../src/problems.js';
import { closedPort, startSilentServer, type TestServer } from './fixtures/probeServer.js';
import { makeTlsFixtures, type TlsFixtures } from './fixtures/tls.js';
import { captureStdout, cleanEnv, credentialOptions, git, makeBareRepo, startGitServer } from './credentials-support.js';

const TOKEN = 'ghs_gitServerToken0123456789abcdef';

describe('git-token against a local git server', () => {
  let tls: TlsFixtures;
  let root: string;
  let server: TestServer;
  let silent: TestServer;
  let host: string;

  before(async () => {
    tls = await makeTlsFixtures();
    root = await mkdtemp(path.join(tmpdir(), 'cred-git-'));
    const repos = path.join(root, 'repos');
    const buildEnv = cleanEnv(path.join(root, 'build-home'));
    await mkdir(path.join(root, 'build-home'), { recursive: true });
    await makeBareRepo(repos, 'org/repo', buildEnv);
    await makeBareRepo(repos, 'other/repo', buildEnv);
    server = await startGitServer(tls.server, repos, TOKEN);
    silent = await startSilentServer();
    host = `127.0.0.1:${server.port}`;
  });

  after(async () => {
    await server?.close();
    await silent?.close();
    await tls?.cleanup();
    if (root) await rm(root, { recursive: true, force: true });
  });

  async function jobHome(name: string): Promise<NodeJS.ProcessEnv> {
    const home = path.join(root, name);
    await mkdir(home, { recursive: true });
    return cleanEnv(home, { GIT_SSL_CAINFO: tls.ca.certPath });
  }

  function options(env: NodeJS.ProcessEnv, overrides: Partial<CredentialOptions> = {}): CredentialOptions {
    return credentialOptions(env, {
      gitToken: TOKEN,
      goprivate: `${host}/org`,
      checkTimeoutMs: 10_000,
      ...overrides,
    });
  }

  async function lsRemoteOk(url: string, env: NodeJS.ProcessEnv): Promise<boolean> {
    try {
      await git(['ls-remote', url, 'HEAD'], { ...env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '' });
      return true;
    } catch {
      return false;
    }
  }

  it('makes git ls-remote succeed with the token for the private prefix only', async () => {
    const env = await jobHome('home-scoped');
    assert.equal(await lsRemoteOk(`https://${host}/org/repo`, env), false, 'the server must refuse a request without the token');
    const { result } = await captureStdout(() => setUpCredentials(options(env)));
    assert.equal(result.needsCleanup, true);
    assert.equal(await lsRemoteOk(`https://${host}/org/repo`, env), true);
    // Same host, other owner: no rule, so no token is sent.
    assert.equal(await lsRemoteOk(`https://${host}/other/repo`, env), false);
    assert.ok(!result.summaryBody.includes(TOKEN));
  });

  it('reports not found, missing credentials, closed ports and stalls at the require line', async () => {
    const env = await jobHome('home-checks');
    const closed = await closedPort();
    const opts = options(env, {
      // other* has a wildcard inside the owner element: no token rule can express it.
      gonoproxy: `${host}/org,${host}/other*,127.0.0.1:${closed},127.0.0.1:${silent.port}`,
      required: [
        { path: `${host}/org/repo`, version: 'v1.0.0', goModFile: 'go.mod', line: 4, viaProxy: false },
        { path: `${host}/org/repo/sub`, version: 'v1.0.0', goModFile: 'go.mod', line: 5, viaProxy: false },
        { path: `${host}/org/missing`, version: 'v1.0.0', goModFile: 'go.mod', line: 6, viaProxy: false },
        { path: `${host}/other/repo`, version: 'v1.0.0', goModFile: 'go.mod', line: 7, viaProxy: false },
        { path: `127.0.0.1:${closed}/org/repo`, version: 'v1.0.0', goModFile: 'sub/go.mod', line: 8, viaProxy: false },
        { path: `127.0.0.1:${silent.port}/org/repo`, version: 'v1.0.0', goModFile: 'go.mod', line: 9, viaProxy: false },
        // Through the proxy: not checked with git.
        { path: 'golang.org/x/mod', version: 'v0.17.0', goModFile: 'go.mod', line: 10, viaProxy: true },
      ],
      checkTimeoutMs: 2_000,
    });
    const { result } = await captureStdout(() => setUpCredentials(opts));
    assert.ok(result.problems.some((p) => p.code === 'GIT_TOKEN_PATTERN_NOT_SCOPED' && p.message.includes('/other*')));
    const started = Date.now();
    const { result: problems } = await captureStdout(() => checkPrivateModules(opts));
    assert.ok(Date.now() - started < 8_000, 'checks are bounded and run in parallel');
    const byLine = new Map(problems.map((p: Problem) => [p.line, p]));
    assert.equal(byLine.has(4), false, 'the private repository is readable with the token');
    assert.equal(byLine.has(5), false);
    assert.equal(byLine.get(6)?.code, 'PRIVATE_REPO_NOT_FOUND');
    assert.equal(byLine.get(7)?.code, 'PRIVATE_REPO_NO_CREDENTIALS');
    assert.equal(byLine.get(7)?.severity, 'warning');
    assert.equal(byLine.get(8)?.code, 'PRIVATE_REPO_UNREACHABLE');
    assert.equal(byLine.get(8)?.file, 'sub/go.mod');
    assert.equal(byLine.get(9)?.code, 'PRIVATE_REPO_CHECK_TIMEOUT');
    assert.equal(problems.length, 4);
    for (const problem of problems) {
      assert.ok(problem.fix !== undefined && problem.fix !== '');
      assert.ok(!JSON.stringify(problem).includes(TOKEN));
    }
  });

  it('reports a rejected token as an error', async () => {
    const env = await jobHome('home-wrong');
    const opts = options(env, {
      gitToken: 'ghs_wrongToken00000000000000000000',
      required: [{ path: `${host}/org/repo`, version: 'v1.0.0', goModFile: 'go.mod', line: 3, viaProxy: false }],
    });
    await captureStdout(() => setUpCredentials(opts));
    const { result: problems } = await captureStdout(() => checkPrivateModules(opts));
    assert.deepEqual(problems.map((p) => [p.code, p.severity, p.line]), [['PRIVATE_REPO_AUTH_FAILED', 'error', 3]]);
    assert.ok(!JSON.stringify(problems).includes('ghs_wrongToken'));
  });
});
