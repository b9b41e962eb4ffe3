import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  annotationFromCommand,
  evaluateCondition,
  expandWorkflowText,
  formatStepResult,
  inputEnvName,
  node24Binary,
  parseCommandLine,
  parseKeyValueFile,
  runActionJob,
  runActionStep,
  secretMasks,
} from '../scripts/runner/emulate.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CORE_URL = pathToFileURL(join(REPO, 'node_modules/@actions/core/lib/core.js')).href;

// A throwaway action that speaks the runner's formats by hand (no @actions/core).
const PLAIN_ACTION = String.raw`
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
const env = process.env;
const heredoc = (fileVar, name, value) => {
  const d = 'ghadelimiter_' + randomUUID();
  fs.appendFileSync(env[fileVar], name + '<<' + d + '\n' + value + '\n' + d + '\n');
};
if (env.STATE_isPost !== 'true') {
  heredoc('GITHUB_STATE', 'isPost', 'true');
  heredoc('GITHUB_STATE', 'Mixed_Case', 'kept as is');
  fs.appendFileSync(env.GITHUB_OUTPUT, 'simple=a=b<<c\n');
  heredoc('GITHUB_OUTPUT', 'inputs', JSON.stringify({
    key: env['INPUT_CACHE-KEY'] ?? null, mode: env.INPUT_MODE ?? null, spaced: env['INPUT_WITH_SPACE'] ?? null,
    token: env.INPUT_TOKEN ?? null, unset: env.INPUT_OPTIONAL ?? null, ws: env['INPUT_WS-DEFAULT'] ?? null,
  }));
  heredoc('GITHUB_OUTPUT', 'multi', 'line1\nline2\n');
  heredoc('GITHUB_ENV', 'TINY_MULTI', 'line1\nline2');
  fs.appendFileSync(env.GITHUB_ENV, 'TINY_FLAG=yes\n');
  fs.appendFileSync(env.GITHUB_PATH, '/opt/tiny/bin\n/opt/tiny/second\n');
  console.log('the secret before masking: s3cr3t-value');
  console.log('::add-mask::s3cr3t-value');
  console.log('the secret after masking: s3cr3t-value');
  console.log('::error title=T%3A with%2C specials,file=src/a.ts,line=3,endLine=3,col=1,endColumn=5::sample annotation: a%25b%0Aline2 s3cr3t-value');
  console.log('  ::WARNING FILE=' + env.GITHUB_WORKSPACE + '/go.mod,LINE=7,EndLine=9,col=2,endColumn=4::upper-case command, abs file');
  console.log('::notice endLine=4::endLine only');
  console.log('::debug::dbg %25 line');
  console.log('::group::My group');
  console.log('inside');
  console.log('::endgroup::');
  console.error('::warning::from stderr');
  fs.appendFileSync(env.GITHUB_STEP_SUMMARY, '### Tiny summary\n| a | b |\n|---|---|\n| 1 | s3cr3t-value |\n');
  if (env.INPUT_MANY === 'true') for (let i = 0; i < 12; i++) console.log('::error::e' + i);
  if (env.INPUT_HANG === 'true') setInterval(() => {}, 1000);
  if (env.INPUT_BG === 'true') {
    const { spawn } = await import('node:child_process');
    const bg = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'inherit' });
    heredoc('GITHUB_STATE', 'bgpid', String(bg.pid));
    bg.unref();
  }
  if (env.INPUT_BADENV === 'true') fs.appendFileSync(env.GITHUB_ENV, 'BROKEN<<EOF\nno end');
  if (env.INPUT_FAIL === 'true') { console.log('::error::failing on purpose'); process.exitCode = 1; }
  console.log('env-probe ' + JSON.stringify({
    leak: env.EMULATE_TEST_LEAK ?? null, icu: env.NODE_ICU_DATA ?? null, server: env.GITHUB_SERVER_URL ?? null,
    ci: env.CI, actions: env.GITHUB_ACTIONS, os: env.RUNNER_OS, arch: env.RUNNER_ARCH, repo: env.GITHUB_REPOSITORY,
    event: fs.existsSync(env.GITHUB_EVENT_PATH), cwd: process.cwd(), toolCache: !!env.RUNNER_TOOL_CACHE, removed: env.EMULATE_REMOVED ?? null,
  }));
} else {
  console.log('post-probe ' + JSON.stringify({
    isPost: env.STATE_isPost, mixed: env.STATE_Mixed_Case ?? null, upper: env.STATE_MIXED_CASE ?? null,
    multi: env.TINY_MULTI ?? null, flag: env.TINY_FLAG ?? null, path: env.PATH.split(':').slice(0, 3),
  }));
  if (env.STATE_bgpid) {
    let alive = true;
    try { process.kill(Number(env.STATE_bgpid), 0); } catch { alive = false; }
    console.log('bg-probe ' + JSON.stringify({ alive }));
  }
  fs.appendFileSync(env.GITHUB_OUTPUT, 'post-out=1\n');
}
`;

// The same kind of action written with the real @actions/core (absolute import).
const CORE_ACTION = `
import * as core from ${JSON.stringify(CORE_URL)};
if (core.getState('isPost') !== 'true') {
  core.saveState('isPost', 'true');
  core.saveState('key', core.getInput('cache-key', { required: true }));
  core.setSecret('tok-123456');
  core.info('token tok-123456 is masked');
  core.setOutput('multi', 'x\\ny');
  core.exportVariable('CORE_VAR', 'v=1');
  core.addPath('/opt/core/bin');
  core.error('bad thing: 100%\\nsecond line', { title: 'T: a, b', file: 'src/x.ts', startLine: 2, endLine: 2, startColumn: 3, endColumn: 9 });
  core.warning('warn');
  core.notice('note', { file: 'README.md', startLine: 1 });
  await core.summary.addHeading('Core summary').addTable([[{ data: 'k', header: true }], ['v']]).write();
  if (core.getInput('fail') === 'true') core.setFailed('failed on purpose');
} else {
  core.info('post key=' + core.getState('key') + ' var=' + process.env.CORE_VAR);
}
`;

let scratch: string;
let workspace: string;

async function makeAction(name: string, postIf: string | null, script: string, extraInputs = ''): Promise<string> {
  const dir = join(scratch, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'index.mjs'), script);
  const yml = [
    `name: ${name}`,
    'description: throwaway action for the runner emulator tests',
    'inputs:',
    '  cache-key:',
    '    description: hyphenated, no default',
    '  mode:',
    '    description: has a default',
    "    default: 'fast'",
    '  with space:',
    '    description: a name with a space',
    '    default: spaced default',
    '  token:',
    '    description: expression default',
    '    default: ${{ github.token }}',
    '  ws-default:',
    '    description: expression default',
    "    default: '${{ github.workspace }}/sub'",
    '  optional:',
    '    description: no default, not given',
    '  fail:',
    "    default: 'false'",
    '  many:',
    "    default: 'false'",
    '  hang:',
    "    default: 'false'",
    '  badenv:',
    "    default: 'false'",
    '  bg:',
    "    default: 'false'",
    extraInputs,
    'runs:',
    '  using: node24',
    '  main: index.mjs',
    '  post: index.mjs',
    postIf === null ? '' : `  post-if: ${postIf}`,
  ].join('\n');
  await writeFile(join(dir, 'action.yml'), yml + '\n');
  return dir;
}

function probe(stdout: string, tag: string): Record<string, unknown> {
  const line = stdout.split('\n').find((l) => l.startsWith(tag + ' '));
  assert.ok(line, `no ${tag} line in:\n${stdout}`);
  return JSON.parse(line.slice(tag.length + 1)) as Record<string, unknown>;
}

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'emulate-test-'));
  workspace = join(scratch, 'workspace');
  await mkdir(workspace);
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('runner emulator: parsing rules', () => {
  test('input env names keep hyphens', () => {
    assert.equal(inputEnvName('cache-key'), 'INPUT_CACHE-KEY');
    assert.equal(inputEnvName('with space'), 'INPUT_WITH_SPACE');
  });

  test('workflow command grammar', () => {
    assert.deepEqual(parseCommandLine('  ::Error File=a.ts,LINE=3,title=x%3Ay%2Cz::m%25%0D%0A'), {
      command: 'error', properties: { file: 'a.ts', line: '3', title: 'x:y,z' }, data: 'm%\r\n',
    });
    assert.deepEqual(parseCommandLine('::debug::a::b'), { command: 'debug', properties: {}, data: 'a::b' });
    assert.equal(parseCommandLine('x ::error::no'), null);
    assert.equal(parseCommandLine('::error no end'), null);
    // %3A is a property escape only; data keeps it.
    assert.equal(parseCommandLine('::warning::a%3Ab')?.data, 'a%3Ab');
  });

  test('file command rules: NAME=value, heredoc, errors', () => {
    assert.deepEqual(parseKeyValueFile('A=1\n\nB=x<<y\nC<<EOF\nl1\r\nl2\nEOF\nD<<E=F\nv\nE=F\nEMPTY<<Z\nZ\n'), [
      ['A', '1'], ['B', 'x<<y'], ['C', 'l1\r\nl2'], ['D', 'v'], ['EMPTY', ''],
    ]);
    assert.deepEqual(parseKeyValueFile('N<<X\nv\nX'), [['N', 'v']]);
    assert.throws(() => parseKeyValueFile('N<<X\nv\n'), /Matching delimiter not found 'X'/);
    assert.throws(() => parseKeyValueFile('N<<X\nv'), /EOF marker missing new line/);
    assert.throws(() => parseKeyValueFile('=v\n'), /name must not be empty/);
    assert.throws(() => parseKeyValueFile('<<X\nv\nX\n'), /name must not be empty and delimiter must not be empty/);
    assert.throws(() => parseKeyValueFile('novalue\n'), /Invalid environment variable format 'novalue'/);
  });

  test('annotation line/column validation', () => {
    const ann = (line: string) => {
      const cmd = parseCommandLine(line);
      assert.ok(cmd);
      return annotationFromCommand(cmd, '/ws');
    };
    assert.deepEqual(ann('::error endColumn=4,line=2::m'), { level: 'error', message: 'm', line: 2, col: 4, endColumn: 4 });
    assert.deepEqual(ann('::error col=1,endColumn=3::m'), { level: 'error', message: 'm' }, 'columns need a line');
    assert.deepEqual(ann('::error line=5,endLine=3::m'), { level: 'error', message: 'm', line: 5 }, 'endLine < line drops endLine');
    assert.deepEqual(ann('::error line=5,col=9,endColumn=2::m'), { level: 'error', message: 'm', line: 5, col: 9 }, 'endColumn < col drops endColumn');
    assert.deepEqual(ann('::error file=/ws/a/b.go,line=x::m'), { level: 'error', message: 'm', file: 'a/b.go' });
    assert.deepEqual(ann('::error file=/elsewhere/b.go::m'), { level: 'error', message: 'm', file: '/elsewhere/b.go' });
  });

  test('conditions: status functions, implied success(), env comparisons', () => {
    const ctx = (jobStatus: 'success' | 'failure', env: Record<string, string> = {}) => ({ contexts: { env }, jobStatus });
    assert.equal(evaluateCondition('success()', ctx('success')), true);
    assert.equal(evaluateCondition('success()', ctx('failure')), false);
    assert.equal(evaluateCondition('${{ failure() }}', ctx('failure')), true);
    assert.equal(evaluateCondition('always()', ctx('failure')), true);
    assert.equal(evaluateCondition('!cancelled()', ctx('failure')), true);
    assert.equal(evaluateCondition("env.X == 'y'", ctx('success', { X: 'Y' })), true, 'string comparison ignores case');
    assert.equal(evaluateCondition("env.X == 'y'", ctx('failure', { X: 'y' })), false, 'success() is implied');
    assert.equal(evaluateCondition("always() && env.X != 'y'", ctx('failure', { X: 'z' })), true);
    assert.equal(evaluateCondition("success() || env['X'] == 'z'", ctx('failure', { X: 'z' })), true);
    assert.equal(evaluateCondition("(failure() && env.MISSING == '') || false", ctx('failure')), true);
    assert.equal(evaluateCondition("always() && env.N == 1", ctx('success', { N: '1' })), true);
    assert.throws(() => evaluateCondition('nope.x', ctx('success')), /unrecognized named-value/);
  });

  test('workflow values: vars and secrets expanded in one pass, unknown contexts refused', () => {
    const key = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49\n-----END PRIVATE KEY-----\n';
    const contexts = { vars: { MIRROR: 'http://127.0.0.1:9/m' }, secrets: { CLIENT_KEY: key, TRICK: '${{ secrets.CLIENT_KEY }}' } };
    assert.equal(expandWorkflowText('${{ vars.MIRROR }},direct', contexts), 'http://127.0.0.1:9/m,direct');
    assert.equal(expandWorkflowText('${{secrets.client_key}}', contexts), key, 'names ignore case; a multi-line secret is inserted whole');
    assert.equal(expandWorkflowText("a${{ vars.MISSING }}b${{ secrets['NOPE'] }}c", contexts), 'abc', 'a missing var or secret is empty');
    assert.equal(expandWorkflowText('${{ secrets.TRICK }}', contexts), '${{ secrets.CLIENT_KEY }}', 'a value is never evaluated again');
    assert.equal(expandWorkflowText('no expression: $HOME {{ x }}', contexts), 'no expression: $HOME {{ x }}');
    assert.throws(() => expandWorkflowText('${{ github.token }}', contexts), /unrecognized named-value: 'github'/);
    assert.deepEqual(secretMasks({ A: key, EMPTY: '', B: '  tok-1  ' }), [
      key, '-----BEGIN PRIVATE KEY-----', 'MIGHAgEAMBMGByqGSM49', '-----END PRIVATE KEY-----', '  tok-1  ', 'tok-1',
    ]);
  });
});

describe('runner emulator: running an action', () => {
  test('inputs, outputs, env, state, path, annotations, masks, summary (main only)', async () => {
    const dir = await makeAction('plain', 'success()', PLAIN_ACTION);
    process.env['EMULATE_TEST_LEAK'] = 'leaked';
    let r;
    try {
      r = await runActionStep({
        actionDir: dir, workspace, phase: 'main',
        inputs: { 'cache-key': 'k-1', 'With Space': 'given', unknown: 'x' },
        env: { NODE_ICU_DATA: '/icu', GITHUB_REPOSITORY: 'me/repo', HOME: undefined, EMULATE_REMOVED: undefined },
        githubToken: 'ghs_token',
      });
    } finally {
      delete process.env['EMULATE_TEST_LEAK'];
    }
    assert.equal(r.exitCode, 0, r.stderr);
    assert.equal(r.outcome, 'success');
    const inputs = JSON.parse(r.outputs['inputs'] ?? '{}') as Record<string, unknown>;
    assert.deepEqual(inputs, { key: 'k-1', mode: 'fast', spaced: 'given', token: 'ghs_token', unset: null, ws: `${workspace}/sub` });
    assert.equal(r.outputs['simple'], 'a=b<<c');
    assert.equal(r.outputs['multi'], 'line1\nline2\n');
    assert.deepEqual(r.exportedEnv, { TINY_MULTI: 'line1\nline2', TINY_FLAG: 'yes' });
    assert.deepEqual(r.state, { isPost: 'true', Mixed_Case: 'kept as is' });
    assert.deepEqual(r.addedPath, ['/opt/tiny/bin', '/opt/tiny/second']);

    const envProbe = probe(r.stdout, 'env-probe');
    assert.deepEqual(envProbe, {
      leak: null, icu: null, server: null, ci: 'true', actions: 'true', os: 'Linux', arch: 'X64', repo: 'me/repo',
      event: true, cwd: workspace, toolCache: true, removed: null,
    });
    assert.equal(r.env['HOME'], undefined);

    // Annotations: properties unescaped, abs path made relative, column rules, stderr commands too.
    const byLevel = (l: string) => r.annotations.filter((a) => a.level === l && a.source === 'action');
    assert.deepEqual(byLevel('error')[0], {
      level: 'error', message: 'sample annotation: a%b\nline2 ***', title: 'T: with, specials', file: 'src/a.ts',
      line: 3, endLine: 3, col: 1, endColumn: 5, attached: true, source: 'action',
    });
    const [w1, w2] = byLevel('warning');
    assert.deepEqual(w1, { level: 'warning', message: 'upper-case command, abs file', file: 'go.mod', line: 7, endLine: 9, attached: true, source: 'action' });
    assert.deepEqual(w2, { level: 'warning', message: 'from stderr', attached: true, source: 'action' });
    assert.deepEqual(byLevel('notice')[0], { level: 'notice', message: 'endLine only', line: 4, endLine: 4, attached: true, source: 'action' });
    // The runner's own warning about an undeclared input.
    const runnerWarn = r.annotations.filter((a) => a.source === 'runner');
    assert.equal(runnerWarn.length, 1);
    assert.match(runnerWarn[0]?.message ?? '', /^Unexpected input\(s\) 'unknown', valid inputs are \['cache-key', 'mode', 'with space'/);

    assert.deepEqual(r.debug, ['dbg % line']);
    assert.deepEqual(r.groups, ['My group']);
    assert.deepEqual(r.masks, ['s3cr3t-value']);
    // Masking: the log masks from the add-mask on (like the real log); rawStdout keeps everything.
    assert.match(r.stdout, /the secret before masking: s3cr3t-value/);
    assert.match(r.stdout, /the secret after masking: \*\*\*/);
    assert.match(r.stdout, /::add-mask::\*\*\*/);
    assert.match(r.rawStdout, /the secret after masking: s3cr3t-value/);
    assert.equal(r.summary, '### Tiny summary\n| a | b |\n|---|---|\n| 1 | *** |\n');

    const text = formatStepResult(r);
    assert.match(text, /^Run: success \(exit code 0\)/);
    assert.match(text, /error {3}src\/a\.ts:3:1 \[T: with, specials\] sample annotation: a%b/);
    assert.match(text, /TINY_MULTI="line1\\nline2"/);
    assert.match(text, /### Tiny summary/);
    // The emulator cleaned up the runner directories it made.
    assert.equal(r.env['RUNNER_TEMP']?.includes('gha-runner-'), true);
    await assert.rejects(readdir(r.env['RUNNER_TEMP'] ?? '/nonexistent'));
  });

  test("the job's secrets are masked in the log, summary and annotations from the first line", async () => {
    const script = String.raw`
import fs from 'node:fs';
const key = process.env['INPUT_CLIENT-KEY'];
console.log('key in the log: ' + key.split('\n')[1]);
console.error('key on stderr: ' + key);
console.log('::warning title=' + key.split('\n')[1] + '::the key: ' + key.split('\n')[1]);
fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, 'summary: ' + key + '\n');
fs.appendFileSync(process.env.GITHUB_OUTPUT, 'echo=' + key.split('\n')[1] + '\n');
`;
    const dir = await makeAction('secrets', null, script, '  client-key:\n    description: a secret');
    const key = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49-line-two\n-----END PRIVATE KEY-----';
    const r = await runActionStep({ actionDir: dir, workspace, phase: 'main', inputs: { 'client-key': key }, secrets: { GOPROXY_CLIENT_KEY: key } });
    assert.equal(r.outcome, 'success', r.stderr);
    assert.match(r.stdout, /^key in the log: \*\*\*$/m);
    assert.doesNotMatch(r.stderr, /line-two|BEGIN/);
    assert.equal(r.annotations[0]?.message, 'the key: ***');
    assert.equal(r.annotations[0]?.title, '***');
    assert.doesNotMatch(r.summary, /line-two/);
    // Raw streams and the raw summary keep what the action wrote; masks holds only its own add-masks.
    assert.match(r.rawStdout, /key in the log: MIGHAgEAMBMGByqGSM49-line-two/);
    assert.match(r.rawSummary, /MIGHAgEAMBMGByqGSM49-line-two/);
    assert.deepEqual(r.masks, []);
    // Outputs are not masked (the runner masks them when it prints them, not in the file).
    assert.equal(r.outputs['echo'], 'MIGHAgEAMBMGByqGSM49-line-two');
  });

  test('inheritEnv passes the parent env through', async () => {
    const dir = await makeAction('inherit', null, PLAIN_ACTION);
    process.env['EMULATE_TEST_LEAK'] = 'leaked';
    try {
      const r = await runActionStep({ actionDir: dir, workspace, phase: 'main', inheritEnv: true, env: { GITHUB_SERVER_URL: undefined } });
      assert.equal(probe(r.stdout, 'env-probe')['leak'], 'leaked');
    } finally {
      delete process.env['EMULATE_TEST_LEAK'];
    }
  });

  test('post-if success(): post runs with state, exported env and PATH; skipped on failure', async () => {
    const dir = await makeAction('post-success', 'success()', PLAIN_ACTION);
    const ok = await runActionJob({ actionDir: dir, workspace, inputs: { 'cache-key': 'k' }, env: { PATH: '/usr/bin:/bin' } });
    assert.equal(ok.main.outcome, 'success');
    assert.ok(ok.post, ok.postSkippedReason);
    assert.equal(ok.post.exitCode, 0, ok.post.stderr);
    assert.deepEqual(probe(ok.post.stdout, 'post-probe'), {
      isPost: 'true', mixed: 'kept as is', upper: null, multi: 'line1\nline2', flag: 'yes', path: ['/opt/tiny/second', '/opt/tiny/bin', '/usr/bin'],
    });
    assert.deepEqual(ok.post.outputs, { 'post-out': '1' });
    assert.equal(ok.main.env['RUNNER_TEMP'], ok.post.env['RUNNER_TEMP'], 'one RUNNER_TEMP per job');

    const failed = await runActionJob({ actionDir: dir, workspace, inputs: { fail: 'true' } });
    assert.equal(failed.main.exitCode, 1);
    assert.equal(failed.main.outcome, 'failure');
    assert.equal(failed.post, null);
    assert.match(failed.postSkippedReason ?? '', /post-if 'success\(\)' evaluated to false \(job status: failure\)/);

    const otherStepFailed = await runActionJob({ actionDir: dir, workspace, jobStatus: 'failure' });
    assert.equal(otherStepFailed.main.outcome, 'success');
    assert.equal(otherStepFailed.post, null);
  });

  test('post-if always() (and the default) runs post after a failure; env conditions', async () => {
    const always = await makeAction('post-always', 'always()', PLAIN_ACTION);
    const r = await runActionJob({ actionDir: always, workspace, inputs: { fail: 'true' } });
    assert.equal(r.main.outcome, 'failure');
    assert.ok(r.post);
    assert.equal(probe(r.post.stdout, 'post-probe')['isPost'], 'true');

    const dflt = await makeAction('post-default', null, PLAIN_ACTION);
    const d = await runActionJob({ actionDir: dflt, workspace, jobStatus: 'failure' });
    assert.ok(d.post, 'post-if defaults to always()');

    const cond = await makeAction('post-env', `"always() && env.TINY_FLAG == 'yes' && env.JOB_X == 'on'"`, PLAIN_ACTION);
    const c1 = await runActionJob({ actionDir: cond, workspace, env: { JOB_X: 'on' } });
    assert.ok(c1.post, c1.postSkippedReason);
    const c2 = await runActionJob({ actionDir: cond, workspace, env: { JOB_X: 'off' } });
    assert.equal(c2.post, null);
  });

  test('background processes of main live into post and are killed at job end', async () => {
    const dir = await makeAction('bg', 'always()', PLAIN_ACTION);
    const t0 = Date.now();
    const r = await runActionJob({ actionDir: dir, workspace, inputs: { bg: 'true' } });
    assert.ok(Date.now() - t0 < 15000);
    assert.equal(r.main.exitCode, 0);
    const pid = Number(r.main.state['bgpid']);
    assert.ok(pid > 0);
    assert.ok(r.post);
    assert.deepEqual(probe(r.post.stdout, 'bg-probe'), { alive: true });
    // Dead, or a zombie waiting for a (container) init that may not reap it.
    const gone = async (): Promise<boolean> => {
      try {
        process.kill(pid, 0);
      } catch {
        return true;
      }
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
      return stat === '' || / Z /.test(stat.slice(stat.lastIndexOf(')')));
    };
    let dead = false;
    for (let i = 0; i < 50 && !dead; i++) {
      dead = await gone();
      if (!dead) await new Promise((res) => setTimeout(res, 50));
    }
    assert.ok(dead, `background process ${pid} still running`);
  });

  test('annotation limit: 10 per type are attached, the rest log only', async () => {
    const dir = await makeAction('many', null, PLAIN_ACTION);
    const r = await runActionStep({ actionDir: dir, workspace, phase: 'main', inputs: { many: 'true' } });
    const errors = r.annotations.filter((a) => a.level === 'error');
    assert.equal(errors.length, 13);
    assert.equal(errors.filter((a) => a.attached).length, 10);
    assert.equal(errors[12]?.attached, false);
  });

  test('a bad file command fails the step; a hanging step is killed at the timeout', async () => {
    const dir = await makeAction('bad', null, PLAIN_ACTION);
    const bad = await runActionStep({ actionDir: dir, workspace, phase: 'main', inputs: { badenv: 'true' } });
    assert.equal(bad.exitCode, 0);
    assert.equal(bad.outcome, 'failure');
    assert.ok(bad.annotations.some((a) => a.source === 'runner' && a.message === "Unable to process file command 'env' successfully."));
    assert.ok(bad.annotations.some((a) => a.message === 'Invalid environment variable value. EOF marker missing new line.'));

    const t0 = Date.now();
    const hung = await runActionStep({ actionDir: dir, workspace, phase: 'main', inputs: { hang: 'true' }, timeoutMs: 1500 });
    assert.ok(Date.now() - t0 < 10000);
    assert.equal(hung.timedOut, true);
    assert.equal(hung.outcome, 'failure');
    assert.equal(hung.signal, 'SIGKILL');
    assert.ok(hung.annotations.some((a) => /has timed out/.test(a.message)));
  });

  test('a real @actions/core action on node 24 (if available): main + post', async () => {
    const dir = join(scratch, 'core-action');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'index.mjs'), CORE_ACTION);
    await writeFile(join(dir, 'action.yml'), [
      'name: core', 'description: d', 'inputs:', '  cache-key:', '    description: k', '    required: true', '  fail:', "    default: 'false'",
      'runs:', '  using: node24', '  main: index.mjs', '  post: index.mjs', "  post-if: '!cancelled()'", '',
    ].join('\n'));
    const node = node24Binary();
    if (process.env['CI'] === 'true') assert.ok(node, 'node 24 must be present in CI (tools/node24)');
    const job = await runActionJob({ actionDir: dir, workspace, inputs: { 'cache-key': ' spaced-key ' }, ...(node ? { nodeBinary: node } : {}) });
    const m = job.main;
    assert.equal(m.exitCode, 0, m.stderr + m.stdout);
    assert.deepEqual(m.state, { isPost: 'true', key: 'spaced-key' });
    assert.deepEqual(m.outputs, { multi: 'x\ny' });
    assert.deepEqual(m.exportedEnv, { CORE_VAR: 'v=1' });
    assert.deepEqual(m.addedPath, ['/opt/core/bin']);
    assert.deepEqual(m.masks, ['tok-123456']);
    assert.match(m.stdout, /token \*\*\* is masked/);
    const err = m.annotations.find((a) => a.level === 'error');
    assert.deepEqual(err, {
      level: 'error', message: 'bad thing: 100%\nsecond line', title: 'T: a, b', file: 'src/x.ts', line: 2, endLine: 2, col: 3, endColumn: 9, attached: true, source: 'action',
    });
    assert.deepEqual(m.annotations.find((a) => a.level === 'notice'), { level: 'notice', message: 'note', file: 'README.md', line: 1, attached: true, source: 'action' });
    assert.match(m.summary, /<h1>Core summary<\/h1>/);
    assert.ok(job.post);
    assert.match(job.post.stdout, /post key=spaced-key var=v=1/);
    if (node) {
      const v = await runActionStep({ actionDir: dir, workspace, phase: 'main', nodeBinary: node, inputs: { 'cache-key': 'k' } });
      assert.equal(v.exitCode, 0);
    }
  });
});
