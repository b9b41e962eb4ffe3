// A private proxy behind Basic auth over TLS (netrc is https-only in go 1.23): the .netrc that
// setUpCredentials writes makes the REAL go command download through it, without it go gets a
// 401, and credentials written into GOPROXY are moved into .netrc and out of the exported value.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TestContext } from 'node:test';
import { cleanUpCredentials, setUpCredentials, type CredentialOptions } from '../src/credentials/phase.js';
import { startModuleProxy, type ModuleProxy } from './fixtures/moduleProxy.js';
import type { TestServer } from './fixtures/probeServer.js';
import { makeTlsFixtures, type TlsFixtures } from './fixtures/tls.js';
import { isolatedGoEnv, requireGo } from './helpers/go.js';
import { captureStdout, cleanEnv, credentialOptions, startBasicAuthFront } from './credentials-support.js';

const MODULE = 'corp.example/private/lib';
const PASSWORD = 'proxy-pass-5f7a1c9e';

interface GoRun {
  code: number;
  stdout: string;
  stderr: string;
}

function goModDownload(go: string, env: NodeJS.ProcessEnv, cwd: string): Promise<GoRun> {
  return new Promise((resolve) => {
    execFile(go, ['mod', 'download', '-json', `${MODULE}@v1.2.3`], { env, cwd, timeout: 60_000, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

describe('private proxy credentials with the real go command', () => {
  let tls: TlsFixtures;
  let proxy: ModuleProxy;
  let front: TestServer;
  let root: string;
  let runs = 0;

  before(async () => {
    tls = await makeTlsFixtures();
    proxy = await startModuleProxy([{ path: MODULE, version: 'v1.2.3' }]);
    front = await startBasicAuthFront(tls.server, proxy.url, 'ci', PASSWORD);
    root = await mkdtemp(path.join(tmpdir(), 'cred-goproxy-'));
  });

  after(async () => {
    await front?.close();
    await proxy?.close();
    await tls?.cleanup();
    if (root) await rm(root, { recursive: true, force: true });
  });

  /** The job's environment: one HOME for the action and go, a fresh module cache per go run. */
  async function job(go: string, home: string, goproxy: string): Promise<{ env: NodeJS.ProcessEnv; download: () => Promise<GoRun> }> {
    await mkdir(home, { recursive: true });
    const env = cleanEnv(home);
    const download = async (): Promise<GoRun> => {
      const runRoot = path.join(root, `run${++runs}`);
      await mkdir(runRoot, { recursive: true });
      const goEnv: NodeJS.ProcessEnv = {
        ...env,
        ...isolatedGoEnv(runRoot),
        HOME: home,
        PATH: `${path.dirname(go)}${path.delimiter}${env['PATH'] ?? ''}`,
        GOPROXY: goproxy,
        GOSUMDB: 'off',
        GOFLAGS: '-mod=mod',
        GONOPROXY: '',
        GOPRIVATE: '',
        SSL_CERT_FILE: tls.ca.certPath,
      };
      return goModDownload(go, goEnv, runRoot);
    };
    return { env, download };
  }

  function options(env: NodeJS.ProcessEnv, overrides: Partial<CredentialOptions> = {}): CredentialOptions {
    return credentialOptions(env, {
      goproxy: front.url,
      ...overrides,
    });
  }

  it('downloads through the authenticated proxy with the netrc input, and gets 401 without it', async (t: TestContext) => {
    const go = requireGo(t);
    if (go === null) return;
    const { env, download } = await job(go, path.join(root, 'home-netrc'), front.url);

    const without = await download();
    assert.notEqual(without.code, 0);
    // With -json the go command reports the module's error in the JSON on stdout.
    assert.match(without.stdout, /401 Unauthorized/);

    const machine = `127.0.0.1:${front.port}`;
    const { result } = await captureStdout(() => setUpCredentials(options(env, { netrc: `machine ${machine} login ci password ${PASSWORD}` })));
    assert.deepEqual(result.netrcEntries, [{ machine, login: 'ci', password: PASSWORD }]);
    const withNetrc = await download();
    assert.equal(withNetrc.code, 0, withNetrc.stderr);
    assert.equal((JSON.parse(withNetrc.stdout) as { Version: string }).Version, 'v1.2.3');

    // After the post step the credentials are gone again.
    await cleanUpCredentials(result.state, env);
    const afterPost = await download();
    assert.notEqual(afterPost.code, 0);
    assert.match(afterPost.stdout, /401 Unauthorized/);
  });

  it('moves credentials from GOPROXY into netrc and exports GOPROXY without them', async (t: TestContext) => {
    const go = requireGo(t);
    if (go === null) return;
    const withUserinfo = `https://ci:${PASSWORD}@127.0.0.1:${front.port},off`;
    const { env } = await job(go, path.join(root, 'home-move'), withUserinfo);
    const { result } = await captureStdout(() => setUpCredentials(options(env, { goproxy: withUserinfo })));
    assert.equal(result.goproxy, `https://127.0.0.1:${front.port},off`);
    assert.deepEqual(result.problems.map((p) => [p.code, p.severity]), [['GOPROXY_CREDENTIALS_MOVED', 'notice']]);
    assert.ok(!JSON.stringify(result.problems).includes(PASSWORD));
    assert.deepEqual(result.netrcEntries, [{ machine: `127.0.0.1:${front.port}`, login: 'ci', password: PASSWORD }]);

    // go with the exported (credential-free) GOPROXY authenticates through .netrc.
    const { download } = await job(go, path.join(root, 'home-move'), result.goproxy);
    const run = await download();
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { Version: string }).Version, 'v1.2.3');
    assert.ok(front.hits.some((hit) => hit.path.endsWith('.zip') && hit.headers.authorization !== undefined));
  });
});
