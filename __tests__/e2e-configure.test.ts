// End to end: the committed dist/ run as the GitHub runner runs it, on real repositories with the
// real go binary. These assert what a user sees: exported env, outputs, annotations (file and
// line), the job summary and the exit status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { runAction, withTempDir, type E2ERun } from './helpers/e2e.js';
import { isolatedGoEnv, requireGo } from './helpers/go.js';
import { node24Binary } from '../scripts/runner/emulate.js';

// The probe and the pre-warm are the subjects of their own tests; here the probe would try to
// reach the public defaults and the pre-warm would add its own notices.
const NO_PROBE = { probe: 'false', cache: 'false', download: 'false' };

const workspaceFiles = {
  'go.work': 'go 1.22\n\nuse (\n\t./api\n\t./lib\n\t./tools\n)\n',
  'api/go.mod': 'module git.corp.example/platform/api\n\ngo 1.22\n\nrequire (\n\tgit.corp.example/platform/auth v1.4.2\n\tgolang.org/x/text v0.14.0\n)\n',
  'lib/go.mod': 'module git.corp.example/platform/lib\n\ngo 1.22\n\nrequire git.corp.example/platform/logging v0.3.1 // indirect\n',
  'tools/go.mod': 'module git.corp.example/platform/tools\n\ngo 1.22\n\nrequire golang.org/x/mod v0.17.0\n',
};

const workflow = `name: build
on: push
env:
  GOFLAGS: -mod=mod
jobs:
  build:
    runs-on: ubuntu-latest
    env:
      GONOPROXY: git.corp.example
    steps:
      - uses: actions/checkout@v5
      - id: goproxy
        uses: octo-org/setup-goproxy@v1
        with:
          goproxy: https://proxy.golang.org,direct
          goprivate: Git.corp.example
`;

function json<T>(text: string | undefined): T {
  assert.ok(text !== undefined, 'output missing');
  return JSON.parse(text) as T;
}

interface OutputProblem { severity: string; code: string; message: string; file?: string; line?: number }

async function run(t: import('node:test').TestContext, spec: E2ERun) {
  if (spec.withGo !== false) requireGo(t);
  return withTempDir('e2e-configure-', (root) => runAction(root, { ...spec, inputs: { ...NO_PROBE, ...spec.inputs } }));
}

test('a valid go.work workspace: exports the effective values, routes every module, exits 0', async (t) => {
  const result = await run(t, { files: workspaceFiles, inputs: { goprivate: 'git.corp.example' } });
  const main = result.main;
  assert.equal(main.exitCode, 0, main.stdout);
  assert.equal(main.exportedEnv['GOPRIVATE'], 'git.corp.example');
  assert.equal(main.exportedEnv['GOPROXY'], 'https://proxy.golang.org,direct');
  assert.equal(main.exportedEnv['GONOPROXY'], 'git.corp.example');
  assert.equal(main.exportedEnv['GONOSUMDB'], 'git.corp.example');
  assert.equal(main.exportedEnv['GOSUMDB'], 'sum.golang.org');
  assert.deepEqual(json<string[]>(main.outputs['private-modules']), ['git.corp.example/platform/auth', 'git.corp.example/platform/logging']);
  assert.deepEqual(json<string[]>(main.outputs['nosumdb-modules']), ['git.corp.example/platform/auth', 'git.corp.example/platform/logging']);
  assert.equal(main.annotations.filter((a) => a.level !== 'notice').length, 0, JSON.stringify(main.annotations));
  assert.match(main.summary, /GOPRIVATE<\/code> \| <code>git\.corp\.example<\/code> \| input `goprivate`/);
  assert.match(main.summary, /derived from GOPRIVATE/);
  assert.match(main.summary, /\$GOROOT\/go\.env/);
  assert.match(main.summary, /golang\.org\/x\/mod<\/code> \| v0\.17\.0 \| proxy \| checksum database \| tools\/go\.mod:5/);
  assert.ok(result.post !== null && result.post.exitCode === 0, 'post step runs and succeeds');
});

test('GONOPROXY without GONOSUMDB: error annotated on each go.mod require line, step fails', async (t) => {
  const result = await run(t, { files: { ...workspaceFiles, '.github/workflows/build.yml': workflow }, workflow: '.github/workflows/build.yml', env: { GONOPROXY: 'git.corp.example' }, inputs: {} });
  const main = result.main;
  assert.equal(main.exitCode, 1);
  const errors = main.annotations.filter((a) => a.level === 'error' && a.title?.includes('PRIVATE_MODULE_CHECKED_BY_SUMDB'));
  assert.deepEqual(errors.map((a) => `${a.file}:${a.line}`).sort(), ['api/go.mod:6', 'lib/go.mod:5']);
  assert.match(errors[0]?.message ?? '', /GOPRIVATE/);
  const problems = json<OutputProblem[]>(main.outputs['problems']);
  assert.ok(problems.some((p) => p.code === 'PRIVATE_MODULE_CHECKED_BY_SUMDB' && p.file === 'api/go.mod' && p.line === 6));
  assert.match(main.summary, /❌/);
  assert.match(main.summary, /\*\*direct\*\* \| checksum database \| api\/go\.mod:6/);
});

test('problems in workflow inputs and env are annotated at the workflow line that sets them', async (t) => {
  const result = await run(t, {
    files: { ...workspaceFiles, '.github/workflows/build.yml': workflow },
    workflow: '.github/workflows/build.yml',
    env: { GONOPROXY: 'git.corp.example', GITHUB_ACTION: 'goproxy' },
    inputs: { goproxy: 'https://proxy.golang.org,direct', goprivate: 'Git.corp.example' },
  });
  const upper = result.main.annotations.find((a) => a.title?.includes('PATTERN_UPPERCASE'));
  assert.equal(upper?.file, '.github/workflows/build.yml');
  assert.equal(upper?.line, 16, 'the `goprivate:` line of the step');
  assert.equal(upper?.level, 'warning');
});

test('the env-file supplies values below the job env, and its problems point at its lines', async (t) => {
  const result = await run(t, {
    files: { ...workspaceFiles, 'ci/go.env': '# project settings\nGOPRIVATE=git.corp.example\nGOSUMDB=OFF\n' },
    inputs: { 'env-file': 'ci/go.env' },
  });
  const main = result.main;
  assert.equal(main.exitCode, 1);
  assert.equal(main.exportedEnv['GOPRIVATE'], 'git.corp.example');
  const sumdb = main.annotations.find((a) => a.title?.includes('GOSUMDB_INVALID'));
  assert.equal(sumdb?.file, 'ci/go.env');
  assert.equal(sumdb?.line, 3);
  assert.match(sumdb?.message ?? '', /malformed verifier id/);
  assert.match(sumdb?.message ?? '', /case-sensitive/);
  assert.match(main.summary, /env-file `ci\/go\.env`/);
});

test('an env-file checked out with CRLF: the lints, the routes and the export all see the value without "\\r"', async (t) => {
  const result = await run(t, {
    files: { ...workspaceFiles, 'ci/go.env': '# project settings\r\nGOPRIVATE=git.corp.example\r\nGONOSUMDB=git.corp.example\r\n' },
    inputs: { 'env-file': 'ci/go.env' },
  });
  const main = result.main;
  assert.equal(main.exitCode, 0, main.stdout);
  assert.equal(main.exportedEnv['GOPRIVATE'], 'git.corp.example');
  assert.equal(main.exportedEnv['GONOSUMDB'], 'git.corp.example');
  assert.equal(main.outputs['goprivate'], 'git.corp.example');
  // The routes (and so the pre-warm, which runs go with the same exported values) match the pattern.
  assert.deepEqual(json<string[]>(main.outputs['private-modules']), ['git.corp.example/platform/auth', 'git.corp.example/platform/logging']);
  const problems = json<OutputProblem[]>(main.outputs['problems']);
  assert.deepEqual(problems.filter((problem) => problem.code.startsWith('GOPRIVATE') || problem.code.startsWith('PATTERN') || problem.code === 'PRIVATE_MODULE_CHECKED_BY_SUMDB'), []);
  assert.ok(!main.summary.includes('\r'), 'no carriage return in the summary');
});

test('provenance with the real go binary: input > job env > env-file > go env -w > GOROOT/go.env', async (t) => {
  const go = requireGo(t);
  if (go === null) return;
  await withTempDir('e2e-provenance-', async (root) => {
    const goEnv = isolatedGoEnv(root);
    mkdirSync(path.dirname(goEnv['GOENV'] ?? ''), { recursive: true });
    const goEnvW = (assignment: string) => execFileSync(go, ['env', '-w', assignment], { env: { ...goEnv, PATH: path.dirname(go) } });
    goEnvW('GOPROXY=https://from-go-env-w.example|direct');
    goEnvW('GOPRIVATE=from-go-env-w.example');
    goEnvW('GONOSUMDB=from-go-env-w.example');
    goEnvW('GOINSECURE=insecure-from-go-env-w.example');
    const result = await runAction(root, {
      files: { ...workspaceFiles, 'go.env': 'GONOSUMDB=from-env-file.example\nGOPRIVATE=from-env-file.example\n' },
      inputs: { ...NO_PROBE, 'env-file': 'go.env', gonoproxy: 'from-input.example' },
      env: { GOPRIVATE: 'from-job-env.example', GOINSECURE: '' },
    });
    const main = result.main;
    assert.equal(main.exitCode, 0, main.stdout);
    assert.equal(main.exportedEnv['GONOPROXY'], 'from-input.example');
    assert.equal(main.exportedEnv['GOPRIVATE'], 'from-job-env.example');
    assert.equal(main.exportedEnv['GONOSUMDB'], 'from-env-file.example');
    assert.equal(main.exportedEnv['GOPROXY'], 'https://from-go-env-w.example|direct');
    assert.equal(main.exportedEnv['GOSUMDB'], 'sum.golang.org');
    const row = (name: string) => main.summary.split('\n').find((line) => line.startsWith(`| <code>${name}</code>`)) ?? '';
    assert.match(row('GONOPROXY'), /input `gonoproxy`/);
    assert.match(row('GOPRIVATE'), /job environment/);
    assert.match(row('GONOSUMDB'), /env-file `go\.env`/);
    assert.match(row('GOPROXY'), /go env -w file/);
    assert.match(row('GOSUMDB'), /\$GOROOT\/go\.env/);
    // An empty job variable is unset for Go: the go env -w value stands, and we say so.
    assert.match(row('GOINSECURE'), /insecure-from-go-env-w\.example.*go env -w file/);
    const notice = main.annotations.find((a) => a.title?.includes('EMPTY_IS_UNSET'));
    assert.match(notice?.message ?? '', /GOINSECURE is set to an empty string in the job environment/);
    // What the action exported is what the go command then sees.
    const seen = execFileSync(go, ['env', 'GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB'], { env: { ...goEnv, PATH: path.dirname(go), ...main.exportedEnv } }).toString().trim().split('\n');
    assert.deepEqual(seen, ['https://from-go-env-w.example|direct', 'from-job-env.example', 'from-input.example', 'from-env-file.example']);
  });
});

test('no go binary on PATH: works from Go\'s defaults and says so', async (t) => {
  const result = await run(t, { files: workspaceFiles, withGo: false, inputs: { goprivate: 'git.corp.example' } });
  const main = result.main;
  assert.equal(main.exitCode, 0, main.stdout);
  assert.equal(main.exportedEnv['GOPROXY'], 'https://proxy.golang.org,direct');
  assert.equal(main.exportedEnv['GOSUMDB'], 'sum.golang.org');
  assert.ok(main.annotations.some((a) => a.level === 'notice' && a.title?.includes('GO_NOT_FOUND')));
  assert.match(main.summary, /Go's built-in default/);
  assert.match(main.summary, /No go binary on PATH/);
});

test('credentials in a proxy URL never reach the log, the summary, annotations or outputs', async (t) => {
  const secret = 'tok3n-s3cr3t';
  const result = await run(t, {
    files: workspaceFiles,
    env: { GOPROXY: `https://ci-bot:${secret}@proxy.corp.example|http://u:${secret}@mirror.corp.example,DIRECT` },
  });
  const main = result.main;
  assert.equal(main.exitCode, 1, 'DIRECT is invalid');
  const printed = main.rawStdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
  assert.ok(!printed.includes(secret), 'secret printed');
  assert.ok(!main.rawStderr.includes(secret));
  assert.ok(!main.summary.includes(secret));
  assert.ok(!main.summary.includes('ci-bot'), 'user names are hidden too');
  for (const [name, value] of Object.entries(main.outputs)) assert.ok(!value.includes(secret), `output ${name} leaks the secret`);
  assert.ok(main.masks.includes(secret));
  assert.equal(main.exportedEnv['GOPROXY']?.includes(secret), true, 'the exported env keeps the credential for go');
  assert.ok(main.annotations.some((a) => a.title?.includes('GOPROXY_INVALID') && a.message.includes('https://***@proxy.corp.example')));
});

interface BadInput { inputs: Record<string, string>; expect: RegExp; exit: number; code?: string }

const badInputs: Record<string, BadInput> = {
  'goproxy with an upper-case keyword': { inputs: { goproxy: 'https://proxy.golang.org,DIRECT' }, expect: /write "direct"/, exit: 1, code: 'GOPROXY_INVALID' },
  'goproxy with a bad scheme': { inputs: { goproxy: 'ftp://mirror.example' }, expect: /invalid proxy URL scheme \(must be https, http, file\): ftp:\/\/mirror\.example/, exit: 1, code: 'GOPROXY_INVALID' },
  'goproxy with a broken host and a secret': { inputs: { goproxy: 'https://bot:hunter2hunter2@[::1' }, expect: /missing '\]' in host/, exit: 1, code: 'GOPROXY_INVALID' },
  'goproxy that is only separators': { inputs: { goproxy: ',|' }, expect: /contains no entries/, exit: 1, code: 'GOPROXY_INVALID' },
  'goprivate with upper case': { inputs: { goprivate: 'Example.com/Org' }, expect: /never matches/, exit: 0, code: 'PATTERN_UPPERCASE' },
  'goprivate with a scheme': { inputs: { goprivate: 'https://git.corp.example' }, expect: /without the scheme/, exit: 0, code: 'PATTERN_HAS_SCHEME' },
  'gonoproxy with a malformed glob': { inputs: { gonoproxy: 'git.corp.example/[abc' }, expect: /not a valid glob/, exit: 0, code: 'PATTERN_MALFORMED' },
  'gonosumdb with a semicolon': { inputs: { gonosumdb: 'a.example;b.example' }, expect: /separates patterns with ","/, exit: 0, code: 'PATTERN_BAD_SEPARATOR' },
  'gosumdb in upper case': { inputs: { gosumdb: 'OFF' }, expect: /malformed verifier id/, exit: 1, code: 'GOSUMDB_INVALID' },
  'gosumdb with too many fields': { inputs: { gosumdb: 'sum.golang.org https://a.example extra' }, expect: /too many fields/, exit: 1, code: 'GOSUMDB_INVALID' },
  'goflags with an unknown flag': { inputs: { goflags: '-nosuchflag' }, expect: /unknown flag -nosuchflag/, exit: 1, code: 'GOFLAGS_INVALID' },
  'goflags with a bad boolean': { inputs: { goflags: '-modcacherw=maybe' }, expect: /invalid boolean value "maybe"/, exit: 1, code: 'GOFLAGS_INVALID' },
  'goflags with an unterminated quote': { inputs: { goflags: '"-ldflags=-s' }, expect: /unterminated " string/, exit: 1, code: 'GOFLAGS_INVALID' },
  'goinsecure with upper case': { inputs: { goinsecure: 'Insecure.example' }, expect: /never matches/, exit: 0, code: 'PATTERN_UPPERCASE' },
  'working-directory that does not exist': { inputs: { 'working-directory': 'no/such/dir' }, expect: /Input 'working-directory' names 'no\/such\/dir', which is not a directory/, exit: 1 },
  'env-file that does not exist': { inputs: { 'env-file': 'ci/missing.env' }, expect: /Input 'env-file' names 'ci\/missing\.env', but the file does not exist/, exit: 1 },
  'fail-on with an unknown value': { inputs: { 'fail-on': 'sometimes' }, expect: /Input 'fail-on' has the invalid value 'sometimes'.*one of: error, warning, never/, exit: 1 },
  'goproxy with a control character': { inputs: { goproxy: 'https://a.example\u0007' }, expect: /Input 'goproxy'.*control character/, exit: 1 },
};

for (const [name, bad] of Object.entries(badInputs)) {
  test(`bad input: ${name} → a clear message, no stack trace, no secret`, async (t) => {
    const result = await run(t, { files: workspaceFiles, inputs: bad.inputs });
    const main = result.main;
    assert.equal(main.exitCode, bad.exit, main.stdout);
    const messages = main.annotations.map((a) => a.message).join('\n');
    assert.match(messages, bad.expect);
    if (bad.code !== undefined) assert.ok(main.annotations.some((a) => a.title === `setup-goproxy: ${bad.code}`), `no ${bad.code} annotation`);
    assert.doesNotMatch(main.rawStdout + main.rawStderr, /\n\s+at .+\(.+:\d+:\d+\)/, 'stack trace printed');
    assert.doesNotMatch(main.rawStdout.replace(/^::add-mask::.*$/gm, '') + main.summary, /hunter2hunter2/);
  });
}

test('fail-on: warning fails on warnings, never fails on nothing', async (t) => {
  const strict = await run(t, { files: workspaceFiles, inputs: { goprivate: 'Example.com', 'fail-on': 'warning' } });
  assert.equal(strict.main.exitCode, 1);
  const lenient = await run(t, { files: workspaceFiles, inputs: { gosumdb: 'OFF', 'fail-on': 'never' } });
  assert.equal(lenient.main.exitCode, 0);
  assert.ok(lenient.main.annotations.some((a) => a.level === 'error' && a.title?.includes('GOSUMDB_INVALID')), 'still reported');
});

test('more than 10 problems of one kind: 10 annotations, the rest in the log and all in the summary', async (t) => {
  const patterns = Array.from({ length: 14 }, (_, i) => `Host${i}.example`).join(',');
  const result = await run(t, { files: workspaceFiles, inputs: { goprivate: patterns } });
  // 14 upper-case warnings and 14 unused-pattern notices: 10 of each are annotations.
  const warnings = result.main.annotations.filter((a) => a.level === 'warning' && a.title?.includes('PATTERN_UPPERCASE'));
  assert.equal(warnings.length, 10);
  assert.match(result.main.stdout, /8 more problem\(s\) exceed the runner's limit/);
  assert.equal((result.main.summary.match(/PATTERN_UPPERCASE/g) ?? []).length, 14);
});

test('the bundle runs on node 24, the runtime GitHub uses', async (t) => {
  const node24 = node24Binary();
  if (node24 === null) {
    if (process.env['CI'] === 'true') assert.fail('node 24 is required in CI: npm ci');
    t.skip('node 24 not installed (npm ci)');
    return;
  }
  const result = await run(t, { files: workspaceFiles, nodeBinary: node24, env: { GONOPROXY: 'git.corp.example' } });
  assert.equal(result.main.exitCode, 1);
  assert.ok(result.main.annotations.some((a) => a.file === 'api/go.mod' && a.line === 6));
  assert.equal(result.post?.exitCode ?? null, null, 'post-if: success() skips post after a failed main step');
});

test('GONOPROXY=" " in the job env: not empty for Go, so GOPRIVATE stops applying; reported at its line', async (t) => {
  const result = await run(t, {
    files: { ...workspaceFiles, '.github/workflows/build.yml': workflow.replace('GONOPROXY: git.corp.example', 'GONOPROXY: " "') },
    workflow: '.github/workflows/build.yml',
    env: { GONOPROXY: ' ', GITHUB_ACTION: 'goproxy' },
    inputs: { goprivate: 'git.corp.example' },
  });
  const blank = result.main.annotations.find((a) => a.title?.includes('PATTERN_BLANK_VALUE'));
  assert.equal(blank?.file, '.github/workflows/build.yml');
  assert.equal(blank?.line, 9);
  assert.equal(result.main.exportedEnv['GONOPROXY'], ' ', 'exported as Go sees it');
  assert.deepEqual(json<string[]>(result.main.outputs['private-modules']), [], 'nothing bypasses the proxy');
});

test('goauth input: exported for later steps, and reported on the input when this go ignores it', async (t) => {
  const result = await run(t, {
    files: { ...workspaceFiles, '.github/workflows/build.yml': workflow.replace('          goprivate: Git.corp.example\n', '          goprivate: Git.corp.example\n          goauth: netrc\n') },
    workflow: '.github/workflows/build.yml',
    env: { GITHUB_ACTION: 'goproxy' },
    inputs: { goauth: 'netrc', goprivate: 'git.corp.example' },
  });
  assert.equal(result.main.exportedEnv['GOAUTH'], 'netrc');
  const ignored = result.main.annotations.find((a) => a.title?.includes('GOAUTH_IGNORED'));
  assert.match(ignored?.message ?? '', /Go 1\.24/);
  assert.equal(ignored?.line, 17, 'the goauth: line');
});

test('an unexpected failure is reported as a bug with a work-around, without a stack trace', async (t) => {
  // An unwritable step summary makes @actions/core throw: the one failure the action cannot plan for.
  const result = await run(t, { files: workspaceFiles, env: { GITHUB_STEP_SUMMARY: '/nonexistent-dir/summary.md' } });
  assert.equal(result.main.exitCode, 1);
  const error = result.main.annotations.find((a) => a.level === 'error' && a.message.startsWith('setup-goproxy failed unexpectedly'));
  assert.match(error?.message ?? '', /This is a bug in the action.*work around/);
  assert.doesNotMatch(result.main.rawStdout.replace(/^::debug::.*$/gm, ''), /\n\s+at .+\(.+:\d+:\d+\)/);
});
