// End to end through dist/ and the runner emulation, for the files a job touches (issue 9):
// credentials that cannot be written never strand the token, post steps undo only what their
// state says, repository files outside the workspace are never read or printed, and the TLS
// trust is only built when something is contacted over TLS.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { runActionStep } from '../scripts/runner/emulate.js';
import { ACTION_DIR, runAction, withTempDir } from './helpers/e2e.js';
import { isolatedGoEnv, requireGo } from './helpers/go.js';
import { makeTlsFixtures } from './fixtures/tls.js';
import { startModuleProxy } from './fixtures/moduleProxy.js';

const TOKEN = 'ghp_e2eFilesToken0123456789abcdef';
const GO_MOD = 'module example.com/app\n\ngo 1.21\n';

function printed(text: string): string {
  return text.replace(/^::add-mask::.*$/gm, '');
}

test('a ~/.netrc that is a directory: main warns and goes on, the post step still removes the git-token rules', async (t) => {
  requireGo(t);
  await withTempDir('e2e-files-netrc-', async (root) => {
    const home = isolatedGoEnv(root)['HOME'] ?? root;
    await mkdir(path.join(home, '.netrc'), { recursive: true });
    let gitconfigDuringJob = '';
    const result = await runAction(root, {
      files: { 'go.mod': GO_MOD },
      inputs: { cache: 'false', probe: 'false', goprivate: 'github.com/my-org', 'git-token': TOKEN, netrc: 'machine goproxy.corp.example login ci password e2e-netrc-secret-1' },
      between: async () => {
        gitconfigDuringJob = await readFile(path.join(home, '.gitconfig'), 'utf8');
      },
    });
    const main = result.main;
    assert.equal(main.exitCode, 0, main.stdout);
    assert.ok(!main.stdout.includes('unexpectedly'), main.stdout);
    const codes = main.annotations.map((a) => a.title ?? '');
    assert.ok(codes.some((code) => code.includes('NETRC_NOT_WRITTEN')), codes.join(', '));
    assert.match(gitconfigDuringJob, /insteadOf = https:\/\/github\.com\/my-org\//);
    assert.equal(main.exportedEnv['SETUP_GOPROXY_POST_ALWAYS'], 'true');
    assert.equal(result.post?.exitCode, 0);
    assert.ok(!existsSync(path.join(home, '.gitconfig')), 'the token rules are gone after the post step');
    assert.ok(!printed(main.rawStdout).includes(TOKEN));
  });
});

test('a post step without main\'s state changes nothing and warns about nothing', async () => {
  await withTempDir('e2e-files-post-', async (root) => {
    const workspace = path.join(root, 'repo');
    const home = isolatedGoEnv(root)['HOME'] ?? root;
    await mkdir(workspace, { recursive: true });
    await mkdir(home, { recursive: true });
    await writeFile(path.join(workspace, 'go.mod'), GO_MOD);
    await writeFile(path.join(home, '.netrc'), 'machine keep.example login a password keep-me-1234\n');
    const post = await runActionStep({
      actionDir: ACTION_DIR,
      workspace,
      // Inputs that main would act on: the post step must not.
      inputs: { goprivate: 'github.com/my-org', 'git-token': TOKEN, netrc: 'machine x.example login a password b-secret-123' },
      env: { ...isolatedGoEnv(root), PATH: '/usr/bin:/bin' },
      phase: 'post',
      state: {},
      timeoutMs: 60_000,
      ...(process.env['SETUP_GOPROXY_ACTION_NODE'] ? { nodeBinary: process.env['SETUP_GOPROXY_ACTION_NODE'] } : {}),
    });
    assert.equal(post.exitCode, 0, post.stdout);
    assert.deepEqual(post.annotations.filter((a) => a.source !== 'runner'), []);
    assert.ok(!existsSync(path.join(home, '.gitconfig')));
    assert.equal(await readFile(path.join(home, '.netrc'), 'utf8'), 'machine keep.example login a password keep-me-1234\n');
    assert.deepEqual(post.outputs, {});
  });
});

test('a second post run with the same state reports no false clean-up warnings', async (t) => {
  requireGo(t);
  await withTempDir('e2e-files-post2-', async (root) => {
    const home = isolatedGoEnv(root)['HOME'] ?? root;
    await mkdir(home, { recursive: true });
    await writeFile(path.join(home, '.netrc'), 'machine keep.example login a password keep-me-1234\n');
    await writeFile(path.join(home, '.gitconfig'), '[user]\n\tname = Someone\n');
    const result = await runAction(root, {
      files: { 'go.mod': GO_MOD },
      inputs: { cache: 'false', probe: 'false', goprivate: 'github.com/my-org', 'git-token': TOKEN, netrc: 'machine goproxy.corp.example login ci password e2e-netrc-secret-2' },
    });
    assert.equal(result.post?.exitCode, 0);
    assert.deepEqual(result.post?.annotations.filter((a) => a.source !== 'runner'), []);
    const again = await runActionStep({
      actionDir: ACTION_DIR,
      workspace: result.workspace,
      inputs: {},
      env: { ...isolatedGoEnv(root), PATH: '/usr/bin:/bin', ...result.main.exportedEnv },
      phase: 'post',
      state: result.main.state,
      timeoutMs: 60_000,
      ...(process.env['SETUP_GOPROXY_ACTION_NODE'] ? { nodeBinary: process.env['SETUP_GOPROXY_ACTION_NODE'] } : {}),
    });
    assert.equal(again.exitCode, 0);
    assert.deepEqual(again.annotations.filter((a) => a.source !== 'runner'), [], again.stdout);
    assert.equal(await readFile(path.join(home, '.gitconfig'), 'utf8'), '[user]\n\tname = Someone\n');
    assert.equal(await readFile(path.join(home, '.netrc'), 'utf8'), 'machine keep.example login a password keep-me-1234\n');
  });
});

test('a nested go.mod linked to a key outside the workspace: none of its lines reach the log, annotations, summary or outputs', async () => {
  await withTempDir('e2e-files-key-', async (root) => {
    const keyLines = ['b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW', 'QyNTUxOQAAACBhZ2VudC1zZWNyZXQta2V5LWxpbmUtbm90LXRvLWJlLXByaW50ZWQAAAAA'];
    const key = path.join(root, 'dot-ssh', 'id_ed25519');
    await mkdir(path.dirname(key), { recursive: true });
    await writeFile(key, ['-----BEGIN OPENSSH PRIVATE KEY-----', ...keyLines, '-----END OPENSSH PRIVATE KEY-----', ''].join('\n'));
    const workspace = path.join(root, 'repo');
    await mkdir(path.join(workspace, 'tools'), { recursive: true });
    await symlink(key, path.join(workspace, 'tools', 'go.mod'));
    const result = await runAction(root, { files: { 'go.mod': GO_MOD }, inputs: { cache: 'false', probe: 'false', 'fail-on': 'never' } });
    const main = result.main;
    assert.equal(main.exitCode, 0, main.stdout);
    const everything = [main.rawStdout, main.rawStderr, main.summary, ...Object.values(main.outputs), ...main.annotations.map((a) => a.message)].join('\n');
    for (const line of [...keyLines, 'OPENSSH PRIVATE KEY']) assert.ok(!everything.includes(line), `printed: ${line}`);
    const problems = JSON.parse(main.outputs['problems'] ?? '[]') as Array<{ code: string; file?: string; message: string }>;
    const refused = problems.find((p) => p.code === 'WORKSPACE_FILE_PROBLEM' && p.file === 'tools/go.mod');
    assert.ok(refused, JSON.stringify(problems));
    assert.match(refused.message, /outside the workspace/);
  });
});

test("working-directory outside the workspace is refused, as its error says", async () => {
  await withTempDir('e2e-files-wd-', async (root) => {
    const outside = path.join(root, 'outside');
    await mkdir(outside, { recursive: true });
    await writeFile(path.join(outside, 'go.mod'), 'module example.com/outside\n');
    const absolute = await runAction(root, { files: { 'go.mod': GO_MOD }, inputs: { cache: 'false', probe: 'false', 'working-directory': outside } });
    assert.equal(absolute.main.exitCode, 1);
    assert.match(absolute.main.stdout, /Input 'working-directory' names '.*outside', which is not a directory under the workspace/);
    assert.ok(!absolute.main.stdout.includes('unexpectedly'));

    await symlink(outside, path.join(absolute.workspace, 'linked'));
    const linked = await runAction(root, { inputs: { cache: 'false', probe: 'false', 'working-directory': 'linked' } });
    assert.equal(linked.main.exitCode, 1);
    assert.match(linked.main.stdout, /not a directory under the workspace \(it resolves .* outside the workspace\)/);
  });
});

test('with the probe and the cache off the TLS trust is never built; a TLS probe builds it', async (t) => {
  requireGo(t);
  await withTempDir('e2e-files-trust-', async (root) => {
    // A node wrapper that records every SecureContext made with a CA list (the trust store's).
    const marker = path.join(root, 'trust-built');
    const hook = path.join(root, 'count-trust.mjs');
    await writeFile(hook, [
      "import { createRequire, syncBuiltinESMExports } from 'node:module';",
      "import { appendFileSync } from 'node:fs';",
      "const tls = createRequire(import.meta.url)('node:tls');",
      'const original = tls.createSecureContext;',
      `tls.createSecureContext = function (options, ...rest) { if (options && options.ca) appendFileSync(${JSON.stringify(marker)}, 'x'); return original.call(this, options, ...rest); };`,
      'syncBuiltinESMExports();',
      '',
    ].join('\n'));
    const wrapper = path.join(root, 'node-with-hook.sh');
    await writeFile(wrapper, `#!/bin/sh\nexec '${process.env['SETUP_GOPROXY_ACTION_NODE'] ?? process.execPath}' --import '${hook}' "$@"\n`);
    await chmod(wrapper, 0o755);

    const off = await runAction(root, { files: { 'go.mod': `${GO_MOD}\nrequire example.com/dep v1.0.0\n` }, inputs: { cache: 'false', probe: 'false' }, nodeBinary: wrapper });
    assert.equal(off.main.exitCode, 0, off.main.stdout);
    assert.equal(existsSync(marker), false, 'the trust store was built although nothing was contacted over TLS');

    const tls = await makeTlsFixtures();
    const proxy = await startModuleProxy([{ path: 'example.com/dep', version: 'v1.0.0' }], { tls: tls.server });
    try {
      const on = await runAction(path.join(root, 'second'), {
        files: { 'go.mod': GO_MOD },
        env: { GOPROXY: proxy.url, GOSUMDB: 'off', SSL_CERT_FILE: tls.ca.certPath },
        inputs: { cache: 'false', 'probe-timeout': '5' },
        nodeBinary: wrapper,
      });
      assert.equal(on.main.exitCode, 0, on.main.stdout);
      assert.equal(await readFile(marker, 'utf8'), 'x', 'built once for the probe and the checksum-database route together');
    } finally {
      await proxy.close();
      await tls.cleanup();
    }
  });
});
