// End to end: a private proxy behind Basic auth over TLS. The `netrc` input (and credentials
// written into GOPROXY) reach the go command through the job's .netrc, never through logs or
// outputs, the probe authenticates like go, and the post step restores .netrc byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { runAction, withTempDir } from './helpers/e2e.js';
import { isolatedGoEnv, requireGo } from './helpers/go.js';
import { startModuleProxy } from './fixtures/moduleProxy.js';
import { makeTlsFixtures } from './fixtures/tls.js';
import { cleanEnv, makeBareRepo, startBasicAuthFront, startGitServer } from './credentials-support.js';

const execFileAsync = promisify(execFile);
const MODULE = 'corp.example/private/lib';
const PASSWORD = 'e2e-proxy-pass-8d1f0c2b';

test('netrc input: the probe and the real go command authenticate; nothing leaks; post restores ~/.netrc', async (t) => {
  const go = requireGo(t);
  if (go === null) return;
  const tls = await makeTlsFixtures();
  const proxy = await startModuleProxy([{ path: MODULE, version: 'v1.2.3' }]);
  const front = await startBasicAuthFront(tls.server, proxy.url, 'ci', PASSWORD);
  try {
    await withTempDir('e2e-credentials-', async (root) => {
      const home = isolatedGoEnv(root)['HOME'] ?? root;
      await mkdir(home, { recursive: true });
      const previous = 'machine other.example login me password keep-me\r\n';
      await writeFile(path.join(home, '.netrc'), previous);
      const goEnv = isolatedGoEnv(root);
      let downloaded = '';
      let netrcDuringJob = '';
      const result = await runAction(root, {
        files: { 'go.mod': `module example.com/app\n\ngo 1.21\n\nrequire ${MODULE} v1.2.3\n` },
        env: { GOPROXY: front.url, GOSUMDB: 'off', SSL_CERT_FILE: tls.ca.certPath, GOFLAGS: '-mod=mod' },
        inputs: { cache: 'false', download: 'false', netrc: `machine 127.0.0.1:${front.port} login ci password ${PASSWORD}`, 'probe-timeout': '5' },
        // A later step of the job: the real go command downloads through the private proxy with
        // nothing but what main left behind (the exported env and the job's .netrc).
        between: async (main, workspace) => {
          netrcDuringJob = await readFile(path.join(home, '.netrc'), 'utf8');
          const env = { ...goEnv, PATH: path.dirname(go), SSL_CERT_FILE: tls.ca.certPath, ...main.exportedEnv, GOSUMDB: 'off', GOFLAGS: '-mod=mod' };
          downloaded = (await execFileAsync(go, ['mod', 'download', '-json', `${MODULE}@v1.2.3`], { cwd: workspace, env, timeout: 60_000 })).stdout;
        },
      });
      const main = result.main;
      assert.equal(main.exitCode, 0, main.stdout);
      const rows = JSON.parse(main.outputs['probe-results'] ?? '[]') as Array<{ ok: boolean; status: number }>;
      assert.deepEqual(rows.map((row) => [row.ok, row.status]), [[true, 200]], 'the probe sent the netrc credentials');
      const printed = main.rawStdout.replace(/^::add-mask::.*$/gm, '');
      assert.ok(!printed.includes(PASSWORD) && !main.summary.includes(PASSWORD));
      for (const value of Object.values(main.outputs)) assert.ok(!value.includes(PASSWORD));
      assert.ok(main.masks.includes(PASSWORD));

      assert.ok(netrcDuringJob.includes(`machine 127.0.0.1:${front.port}`));
      assert.ok(netrcDuringJob.includes('machine other.example'), 'existing entries kept');
      assert.match(downloaded, /"Version": "v1.2.3"/);

      assert.equal(result.post?.exitCode, 0);
      assert.equal(await readFile(path.join(home, '.netrc'), 'utf8'), previous, 'restored byte for byte');
    });

  } finally {
    await Promise.all([front.close(), proxy.close()]);
    await tls.cleanup();
  }
});

test('credentials written into GOPROXY are moved to .netrc: the exported GOPROXY carries no secret', async (t) => {
  requireGo(t);
  const tls = await makeTlsFixtures();
  const proxy = await startModuleProxy([{ path: MODULE, version: 'v1.2.3' }]);
  const front = await startBasicAuthFront(tls.server, proxy.url, 'ci', PASSWORD);
  try {
    const url = `https://ci:${PASSWORD}@127.0.0.1:${front.port}`;
    const result = await withTempDir('e2e-credentials-move-', (root) =>
      runAction(root, {
        files: { 'go.mod': `module example.com/app\n\ngo 1.21\n\nrequire ${MODULE} v1.2.3\n` },
        env: { GOPROXY: url, GOSUMDB: 'off', SSL_CERT_FILE: tls.ca.certPath },
        inputs: { cache: 'false', download: 'false', 'probe-timeout': '5' },
      }),
    );
    const main = result.main;
    assert.equal(main.exitCode, 0, main.stdout);
    assert.equal(main.exportedEnv['GOPROXY'], `https://127.0.0.1:${front.port}`);
    assert.ok(main.annotations.some((a) => a.title?.includes('GOPROXY_CREDENTIALS_MOVED')));
    const rows = JSON.parse(main.outputs['probe-results'] ?? '[]') as Array<{ ok: boolean }>;
    assert.equal(rows[0]?.ok, true);
  } finally {
    await Promise.all([front.close(), proxy.close()]);
    await tls.cleanup();
  }
});

test('git-token through dist: scoped insteadOf rules let ls-remote reach the private repo, report a missing one, vanish in post', async (t) => {
  requireGo(t);
  const TOKEN = 'ghs_e2eGitToken0123456789abcdef';
  const tls = await makeTlsFixtures();
  await withTempDir('e2e-git-token-', async (root) => {
    const repos = path.join(root, 'repos');
    const buildHome = path.join(root, 'build-home');
    await mkdir(buildHome, { recursive: true });
    await makeBareRepo(repos, 'org/repo', cleanEnv(buildHome));
    const server = await startGitServer(tls.server, repos, TOKEN);
    try {
      const host = `127.0.0.1:${server.port}`;
      let gitconfigDuringJob = '';
      const home = isolatedGoEnv(root)['HOME'] ?? root;
      const result = await runAction(root, {
        files: { 'go.mod': `module example.com/app\n\ngo 1.21\n\nrequire (\n\t${host}/org/repo v1.0.0\n\t${host}/org/missing v1.0.0\n)\n` },
        env: { GIT_SSL_CAINFO: tls.ca.certPath, GIT_CONFIG_NOSYSTEM: '1' },
        inputs: { cache: 'false', download: 'false', goprivate: `${host}/org`, 'git-token': TOKEN, 'probe-timeout': '8' },
        between: async () => {
          gitconfigDuringJob = await readFile(path.join(home, '.gitconfig'), 'utf8');
        },
      });
      const main = result.main;
      const codes = main.annotations.map((a) => `${a.title?.replace('setup-goproxy: ', '') ?? ''}@${a.line ?? ''}`);
      assert.ok(codes.includes('PRIVATE_REPO_NOT_FOUND@7'), codes.join(', '));
      assert.ok(!codes.some((code) => code.endsWith('@6')), `the reachable repo has no problem: ${codes.join(', ')}`);
      assert.match(gitconfigDuringJob, new RegExp(`insteadOf = https://${host.replace(/\./g, '\\.')}/org`));
      assert.ok(!main.rawStdout.replace(/^::add-mask::.*$/gm, '').includes(TOKEN), 'token printed');
      assert.ok(!main.summary.includes(TOKEN));
      assert.equal(result.post?.exitCode, 0);
      await assert.rejects(readFile(path.join(home, '.gitconfig'), 'utf8'), 'the file the action created is gone again');
    } finally {
      await server.close();
    }
  });
  await tls.cleanup();
});
