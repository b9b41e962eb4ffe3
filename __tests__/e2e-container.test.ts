// End to end through dist/ and the runner emulation: the container outputs of a job whose private
// proxy needs credentials. A later "container" step (no docker engine here: a fresh HOME, GOPATH
// and module cache, and only what docker would hand the build: the env-file read the way
// `docker run --env-file` reads it, the netrc-file mounted as ~/.netrc) downloads the module
// with the real go command; without the netrc mount it is refused. Nothing secret is in the
// outputs, the build args or the summary (whose route diagram mermaid parses), and the post step
// removes the files, also after a failed main.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { runAction, withTempDir } from './helpers/e2e.js';
import { isolatedGoEnv, requireGo } from './helpers/go.js';
import { buildPushActionBuildArgs, parseDockerEnvFile } from './helpers/docker.js';
import { parseFlowchart } from './helpers/mermaid.js';
import { startModuleProxy } from './fixtures/moduleProxy.js';
import { makeTlsFixtures } from './fixtures/tls.js';
import { startBasicAuthFront } from './credentials-support.js';
import { CONTAINER_DIR_PREFIX } from '../src/container/phase.js';

const execFileAsync = promisify(execFile);
const MODULE = 'corp.example/private/lib';
const PASSWORD = 'e2e-container-pass-5c7a9e';
const GIT_PASSWORD = 'e2e-container-git-1d4b8f';

async function containerDirs(runnerTemp: string): Promise<string[]> {
  return (await readdir(runnerTemp).catch(() => [] as string[])).filter((name) => name.startsWith(CONTAINER_DIR_PREFIX));
}

test('container outputs: a build with only the env-file and the netrc secret downloads the private module; nothing leaks; post removes them', async (t) => {
  const go = requireGo(t);
  if (go === null) return;
  const tls = await makeTlsFixtures();
  const proxy = await startModuleProxy([{ path: MODULE, version: 'v1.2.3' }]);
  const front = await startBasicAuthFront(tls.server, proxy.url, 'ci', PASSWORD);
  try {
    await withTempDir('e2e-container-', async (root) => {
      const runnerTemp = path.join(root, 'runner-temp');
      const home = isolatedGoEnv(root)['HOME']!;
      await mkdir(home, { recursive: true });
      // Someone else's entry in the job's .netrc: never copied into the container's secret.
      await writeFile(path.join(home, '.netrc'), 'machine other.example login me password not-for-containers\n');
      let seen: { envFile: string; buildArgs: string[]; netrc: string; envMode: number; netrcMode: number; downloaded: string; refused: string } | null = null;
      const result = await runAction(root, {
        files: { 'go.mod': `module example.com/app\n\ngo 1.21\n\nrequire ${MODULE} v1.2.3\n` },
        env: { RUNNER_TEMP: runnerTemp, GOPROXY: `https://ci:${PASSWORD}@127.0.0.1:${front.port}`, SSL_CERT_FILE: tls.ca.certPath },
        inputs: { goprivate: 'corp.example', gonoproxy: 'none', netrc: `machine git.corp.example login x-access-token password ${GIT_PASSWORD}`, cache: 'false', download: 'false', 'probe-timeout': '5' },
        between: async (main, workspace) => {
          const envFile = main.outputs['env-file'] ?? '';
          const netrcFile = main.outputs['netrc-file'] ?? '';
          assert.notEqual(envFile, '', main.stdout);
          assert.notEqual(netrcFile, '');
          const variables = parseDockerEnvFile(await readFile(envFile));
          // The build: nothing from the runner but the docker inputs (and the CA an image would carry).
          const buildRoot = path.join(root, 'container');
          const buildEnv: Record<string, string> = { ...isolatedGoEnv(buildRoot), PATH: path.dirname(go), SSL_CERT_FILE: tls.ca.certPath, NO_PROXY: '127.0.0.1', GOFLAGS: '-mod=mod' };
          for (const line of variables) {
            const equals = line.indexOf('=');
            buildEnv[line.slice(0, equals)] = line.slice(equals + 1);
          }
          await mkdir(buildEnv['HOME']!, { recursive: true });
          const download = (): Promise<string> => execFileAsync(go, ['mod', 'download', '-json', `${MODULE}@v1.2.3`], { cwd: workspace, env: buildEnv, timeout: 60_000 }).then((out) => out.stdout, (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`);
          // First without the secret mount: the private proxy refuses.
          const refused = await download();
          await copyFile(netrcFile, path.join(buildEnv['HOME']!, '.netrc')); // --mount=type=secret,id=netrc,target=/root/.netrc
          const downloaded = await download();
          seen = {
            envFile: await readFile(envFile, 'utf8'),
            buildArgs: buildPushActionBuildArgs(main.outputs['build-args'] ?? ''),
            netrc: await readFile(netrcFile, 'utf8'),
            envMode: (await stat(envFile)).mode & 0o777,
            netrcMode: (await stat(netrcFile)).mode & 0o777,
            downloaded,
            refused,
          };
          assert.deepEqual(seen.buildArgs, variables, 'build-args and env-file agree');
          assert.deepEqual(await containerDirs(runnerTemp), [path.basename(path.dirname(envFile))]);
        },
      });
      const main = result.main;
      assert.equal(main.exitCode, 0, main.stdout);
      assert.ok(seen, 'the later step ran');
      const job = seen as { envFile: string; buildArgs: string[]; netrc: string; envMode: number; netrcMode: number; downloaded: string; refused: string };
      assert.deepEqual(job.buildArgs, [`GOPROXY=https://127.0.0.1:${front.port}`, 'GOPRIVATE=corp.example', 'GONOPROXY=none', 'GONOSUMDB=corp.example', 'GOSUMDB=sum.golang.org']);
      assert.match(job.downloaded, /"Zip": /);
      assert.doesNotMatch(job.downloaded, /"Error"/);
      assert.match(job.refused, /"Error": ".*401 Unauthorized/);
      assert.doesNotMatch(job.refused, /"Zip": /);
      assert.equal(job.netrcMode, 0o600);
      assert.equal(job.envMode, 0o644);
      // Only the entries the action manages: the netrc input and the credentials moved out of GOPROXY.
      assert.equal(job.netrc, `machine git.corp.example login x-access-token password ${GIT_PASSWORD}\nmachine 127.0.0.1:${front.port} login ci password ${PASSWORD}\n`);

      for (const secret of [PASSWORD, GIT_PASSWORD, 'not-for-containers']) {
        assert.ok(!job.envFile.includes(secret), 'env-file');
        for (const [name, value] of Object.entries(main.outputs)) assert.ok(!value.includes(secret), `output ${name}`);
        assert.ok(!main.summary.includes(secret), 'summary');
        assert.ok(!main.rawStdout.replace(/^::add-mask::.*$/gm, '').includes(secret), 'log');
      }

      // The summary's route picture is a valid diagram of this job's route.
      const diagram = /```mermaid\n([\s\S]*?)\n```/.exec(main.summary)?.[1];
      assert.ok(diagram, 'the summary has a mermaid block');
      const chart = await parseFlowchart(diagram);
      assert.deepEqual(chart.nodes.get('hop0')?.lines[0], `https://127.0.0.1:${front.port}`);
      assert.match(chart.nodes.get('hop0')?.lines[1] ?? '', /^✅ healthy/);
      assert.ok(!chart.nodes.has('private'), 'GONOPROXY=none sends nothing direct');
      assert.deepEqual(chart.nodes.get('nosumdb')?.lines, ['GONOSUMDB: not verified', 'corp.example']);

      assert.equal(result.post?.exitCode, 0, result.post?.stdout);
      assert.match(result.post?.stdout ?? '', /Removed the container files/);
      assert.deepEqual(await containerDirs(runnerTemp), [], 'post removed the files');
    });
  } finally {
    await Promise.all([front.close(), proxy.close()]);
    await tls.cleanup();
  }
});

test('container outputs: a failed main still gets its netrc-file removed by the post step', async () => {
  await withTempDir('e2e-container-failed-', async (root) => {
    const runnerTemp = path.join(root, 'runner-temp');
    const result = await runAction(root, {
      withGo: false,
      files: { 'go.mod': 'module example.com/app\n\ngo 1.21\n' },
      env: { RUNNER_TEMP: runnerTemp },
      // GOSUMDB "OFF" is an error (fail-on: error fails the step), after the files were written.
      inputs: { gosumdb: 'OFF', netrc: `machine goproxy.corp.example login ci password ${PASSWORD}`, probe: 'false', cache: 'false', download: 'false' },
    });
    assert.equal(result.main.outcome, 'failure', result.main.stdout);
    assert.ok(result.main.outputs['netrc-file']?.startsWith(runnerTemp));
    assert.ok(result.post, result.postSkippedReason);
    assert.equal(result.post.exitCode, 0);
    assert.deepEqual(await containerDirs(runnerTemp), []);
  });
});
