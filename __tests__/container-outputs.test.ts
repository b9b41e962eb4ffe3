// The container outputs: which variables, the exact text, read back the way docker's env-file
// reader and docker/build-push-action read them (no docker engine on this machine: their parsers
// are ported in helpers/docker.ts), the files' modes, and their removal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { lstat, mkdir, readFile, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { withTempDir } from './helpers/e2e.js';
import { buildPushActionBuildArgs, parseDockerEnvFile } from './helpers/docker.js';
import { seededRandom } from './fixtures/moduleProxy.js';
import { buildArgsText, envFileText, netrcText, planContainerEnv, unrepresentable, withoutUserinfo, type ContainerVariable } from '../src/container/dockerEnv.js';
import { CONTAINER_DIR_PREFIX, CONTAINER_STATE_KEY, removeContainerFiles, writeContainerOutputs } from '../src/container/phase.js';
import { parseNetrc } from '../src/go/netrc.js';

type Values = Record<ContainerVariable, string>;

function values(fields: Partial<Values> = {}): Values {
  return { GOPROXY: 'https://proxy.golang.org,direct', GOPRIVATE: 'git.corp.example', GONOPROXY: 'git.corp.example', GONOSUMDB: 'git.corp.example', GOSUMDB: 'sum.golang.org', GOFLAGS: '', GOINSECURE: '', ...fields };
}

/** Both consumers must see exactly these variables. */
function assertReadBack(lines: readonly string[], expected: Record<string, string>): void {
  const want = Object.entries(expected).map(([key, value]) => `${key}=${value}`);
  assert.deepEqual(parseDockerEnvFile(Buffer.from(envFileText(lines))), want, 'docker run --env-file');
  assert.deepEqual(buildPushActionBuildArgs(buildArgsText(lines)), want, 'docker/build-push-action build-args');
}

test('the exported module variables, in a fixed order, empty ones included; GOFLAGS/GOINSECURE only when set', () => {
  const plan = planContainerEnv(values({ GONOSUMDB: '' }));
  assert.deepEqual(plan.problems, []);
  assert.deepEqual(plan.lines, ['GOPROXY=https://proxy.golang.org,direct', 'GOPRIVATE=git.corp.example', 'GONOPROXY=git.corp.example', 'GONOSUMDB=', 'GOSUMDB=sum.golang.org']);
  assertReadBack(plan.lines!, { GOPROXY: 'https://proxy.golang.org,direct', GOPRIVATE: 'git.corp.example', GONOPROXY: 'git.corp.example', GONOSUMDB: '', GOSUMDB: 'sum.golang.org' });

  const withFlags = planContainerEnv(values({ GOFLAGS: '-mod=mod -modcacherw', GOINSECURE: 'insecure.example', GOPROXY: 'https://a.example|https://b.example,direct' }));
  assert.deepEqual(withFlags.lines?.slice(-2), ['GOFLAGS=-mod=mod -modcacherw', 'GOINSECURE=insecure.example']);
  assertReadBack(withFlags.lines!, { GOPROXY: 'https://a.example|https://b.example,direct', GOPRIVATE: 'git.corp.example', GONOPROXY: 'git.corp.example', GONOSUMDB: 'git.corp.example', GOSUMDB: 'sum.golang.org', GOFLAGS: '-mod=mod -modcacherw', GOINSECURE: 'insecure.example' });
  const envFile = envFileText(withFlags.lines!);
  assert.match(envFile, /^# .*\n/, 'a comment line docker skips');
  assert.ok(!buildArgsText(withFlags.lines!).includes('#'), 'no comment in build-args: it would become a build argument');
});

test('credentials left in GOPROXY never reach the outputs: the URL is written without them', () => {
  const secret = 'tok-3f9c2a7e1b';
  const plan = planContainerEnv(values({ GOPROXY: `https://ci:${secret}@goproxy.corp.example:8443/go|ci2@other.example,direct` }));
  assert.deepEqual(plan.lines?.[0], 'GOPROXY=https://goproxy.corp.example:8443/go|https://other.example,direct');
  assert.deepEqual(plan.problems.map((problem) => problem.code), ['CONTAINER_GOPROXY_CREDENTIALS_REMOVED']);
  assert.match(plan.problems[0]!.message, /goproxy\.corp\.example:8443, other\.example/);
  assert.ok(!JSON.stringify(plan).includes(secret) && !JSON.stringify(plan).includes('ci2'));
  assert.deepEqual(withoutUserinfo('https://proxy.golang.org,direct'), { value: 'https://proxy.golang.org,direct', removed: [] }, 'untouched when clean');
  // Any other variable with a URL credential (GOSUMDB's URL) is refused rather than written.
  const sumdb = planContainerEnv(values({ GOSUMDB: `sum.golang.org https://u:${secret}@sum.corp.example` }));
  assert.equal(sumdb.lines, null);
  assert.ok(!JSON.stringify(sumdb).includes(secret));
});

test('a value docker or build-push-action would change means no env-file/build-args at all, with the reason', () => {
  const cases: Array<[Partial<Values>, RegExp]> = [
    [{ GOFLAGS: '-ldflags=-X\nmain.v=1' }, /line break/],
    [{ GOFLAGS: '-mod=mod\r' }, /line break/],
    [{ GOFLAGS: '-ldflags="-s -w"' }, /double quote/],
    [{ GOPRIVATE: "'corp.example'" }, /wrapped in quotes/],
    [{ GONOPROXY: ' corp.example' }, /white space/],
    [{ GOINSECURE: 'x'.repeat(70_000) }, /longer than docker's limit/],
    [{ GOFLAGS: '-tags=\ud800' }, /UTF-8/],
  ];
  for (const [fields, reason] of cases) {
    const plan = planContainerEnv(values(fields));
    assert.equal(plan.lines, null, JSON.stringify(fields).slice(0, 80));
    const problem = plan.problems.find((candidate) => candidate.code === 'CONTAINER_OUTPUTS_NOT_WRITTEN');
    assert.ok(problem, JSON.stringify(fields).slice(0, 80));
    assert.match(problem.message, reason);
    assert.equal(problem.variable, Object.keys(fields)[0]);
    assert.equal(problem.severity, 'notice', 'only jobs that build containers use these outputs');
    assert.ok(problem.message.length < 600, 'the quoted value is an excerpt');
  }
});

test('the refusals are needed: each refused shape really is changed by a consumer', () => {
  // Written naively, these lines would not read back as written.
  assert.deepEqual(buildPushActionBuildArgs('GONOPROXY=a.example,"b.example"'), ['GONOPROXY=a.example,b.example'], 'a field starting with a quote is CSV-quoted');
  assert.deepEqual(parseDockerEnvFile(Buffer.from("GOPRIVATE='corp.example'\n")), ['GOPRIVATE=corp.example']);
  assert.deepEqual(buildPushActionBuildArgs('GONOPROXY=corp.example '), ['GONOPROXY=corp.example']);
  assert.deepEqual(parseDockerEnvFile(Buffer.from('GOFLAGS=-mod=mod\r\n')), ['GOFLAGS=-mod=mod']);
  assert.throws(() => parseDockerEnvFile(Buffer.from(`GOINSECURE=${'x'.repeat(70_000)}\n`)), /too long/);
});

test('random values: whatever is written reads back unchanged through both consumers', () => {
  const next = seededRandom(42);
  const alphabet = ['a', 'Z', '9', ',', '|', '/', ':', '.', '*', '-', '=', ' ', '\t', '"', "'", '#', '\\', '$', '%', '`', 'é', '😀', '\r', '\n', '@', ';'];
  let written = 0;
  for (let round = 0; round < 400; round++) {
    const length = Math.floor(next() * 12);
    let value = '';
    for (let i = 0; i < length; i++) value += alphabet[Math.floor(next() * alphabet.length)];
    const plan = planContainerEnv(values({ GOFLAGS: value }));
    if (plan.lines === null) {
      assert.notEqual(unrepresentable('GOFLAGS', value), null);
      continue;
    }
    written++;
    const expected: Record<string, string> = { GOPROXY: 'https://proxy.golang.org,direct', GOPRIVATE: 'git.corp.example', GONOPROXY: 'git.corp.example', GONOSUMDB: 'git.corp.example', GOSUMDB: 'sum.golang.org' };
    if (value !== '') expected['GOFLAGS'] = value;
    assertReadBack(plan.lines, expected);
  }
  assert.ok(written > 100, `${written} values written`);
});

test('netrc text: one line per managed entry, read back by the go command\'s parser', () => {
  const entries = [{ machine: 'goproxy.corp.example', login: 'ci', password: 's3cr3t' }, { machine: '127.0.0.1:8443', login: 'x-access-token', password: 'ghp_abc' }];
  const text = netrcText(entries);
  assert.equal(text, 'machine goproxy.corp.example login ci password s3cr3t\nmachine 127.0.0.1:8443 login x-access-token password ghp_abc\n');
  assert.deepEqual(parseNetrc(text), entries);
});

// --- Files --------------------------------------------------------------------------------------

const ENTRIES = [{ machine: 'goproxy.corp.example', login: 'ci', password: 'pw-7d1e' }];

test('files: a private directory in RUNNER_TEMP, env-file 0644, netrc-file 0600 with only the managed entries; state saved first', async () => {
  await withTempDir('container-files-', async (temp) => {
    const previous = process.umask(0o000);
    try {
      let stateAt: { state: Record<string, string>; holdsSecrets: boolean; filesBefore: string[] } | null = null;
      const outputs = await writeContainerOutputs({
        values: values(),
        netrcEntries: ENTRIES,
        env: { RUNNER_TEMP: temp },
        beforeWrite: (state, holdsSecrets) => {
          const dir = (JSON.parse(state[CONTAINER_STATE_KEY] ?? '{}') as { dir: string }).dir;
          // Synchronous on purpose: what exists when the state is handed over.
          stateAt = { state, holdsSecrets, filesBefore: readdirSync(dir) };
        },
      });
      assert.deepEqual(outputs.problems, []);
      assert.ok(stateAt, 'beforeWrite was called');
      const saved = stateAt as { state: Record<string, string>; holdsSecrets: boolean; filesBefore: string[] };
      assert.equal(saved.holdsSecrets, true);
      assert.deepEqual(saved.filesBefore, [], 'the state is saved before any file exists');
      const dir = path.dirname(outputs.envFile);
      assert.equal(path.dirname(dir), temp);
      assert.ok(path.basename(dir).startsWith(CONTAINER_DIR_PREFIX));
      assert.equal((await stat(dir)).mode & 0o777, 0o700);
      assert.equal((await stat(outputs.envFile)).mode & 0o777, 0o644);
      assert.equal((await stat(outputs.netrcFile)).mode & 0o777, 0o600, 'exactly 0600 whatever the umask');
      assert.equal(path.dirname(outputs.netrcFile), dir);
      assert.deepEqual(parseNetrc(await readFile(outputs.netrcFile, 'utf8')), ENTRIES);
      assert.deepEqual(parseDockerEnvFile(await readFile(outputs.envFile)), outputs.buildArgs.split('\n'));
      assert.ok(!outputs.buildArgs.includes('pw-7d1e') && !(await readFile(outputs.envFile, 'utf8')).includes('pw-7d1e'));

      const removed = await removeContainerFiles(saved.state[CONTAINER_STATE_KEY]!);
      assert.deepEqual(removed.problems, []);
      assert.match(removed.message, /Removed/);
      assert.deepEqual(await readdir(temp), []);
      const again = await removeContainerFiles(saved.state[CONTAINER_STATE_KEY]!);
      assert.deepEqual([again.problems, /already gone/.test(again.message)], [[], true]);
    } finally {
      process.umask(previous);
    }
  });
});

test('files: no managed netrc entries, no netrc-file; nothing writable, nothing written; no directory when there is nothing to write', async () => {
  await withTempDir('container-files-none-', async (temp) => {
    const calls: boolean[] = [];
    const outputs = await writeContainerOutputs({ values: values(), netrcEntries: [], env: { RUNNER_TEMP: temp }, beforeWrite: (_, holdsSecrets) => calls.push(holdsSecrets) });
    assert.deepEqual(calls, [false]);
    assert.equal(outputs.netrcFile, '');
    assert.notEqual(outputs.envFile, '');

    const nothing = await writeContainerOutputs({ values: values({ GOFLAGS: '"x"' }), netrcEntries: [], env: { RUNNER_TEMP: path.join(temp, 'other') }, beforeWrite: () => assert.fail('nothing to write') });
    assert.deepEqual([nothing.envFile, nothing.buildArgs, nothing.netrcFile], ['', '', '']);

    const blocked = path.join(temp, 'a-file');
    await writeFile(blocked, 'not a directory');
    const failed = await writeContainerOutputs({ values: values(), netrcEntries: ENTRIES, env: { RUNNER_TEMP: blocked }, beforeWrite: () => undefined });
    assert.deepEqual([failed.envFile, failed.netrcFile], ['', '']);
    assert.deepEqual(failed.problems.map((problem) => problem.code), ['CONTAINER_OUTPUTS_NOT_WRITTEN']);
  });
});

test('post: removes only a directory this action made, never follows a symlink, reports a bad state', async () => {
  await withTempDir('container-post-', async (temp) => {
    const victim = path.join(temp, 'victim');
    await mkdir(victim);
    await writeFile(path.join(victim, 'keep'), 'x');
    for (const raw of ['not json', JSON.stringify({ dir: victim }), JSON.stringify({ dir: 'relative/setup-goproxy-container-x' }), JSON.stringify({ dir: 42 }), 'null']) {
      const result = await removeContainerFiles(raw);
      assert.deepEqual(result.problems.map((problem) => problem.code), ['CONTAINER_CLEANUP_FAILED'], raw);
    }
    const link = path.join(temp, `${CONTAINER_DIR_PREFIX}link`);
    await symlink(victim, link);
    const viaLink = await removeContainerFiles(JSON.stringify({ dir: link }));
    assert.deepEqual(viaLink.problems.map((problem) => problem.code), ['CONTAINER_CLEANUP_FAILED']);
    assert.equal(await readFile(path.join(victim, 'keep'), 'utf8'), 'x', 'the symlink target is untouched');
    assert.ok((await lstat(link)).isSymbolicLink());
    assert.deepEqual(await removeContainerFiles(''), { message: '', problems: [] });
  });
});
