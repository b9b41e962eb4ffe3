import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findEnvLine, findInputLine, locateWorkflowFile, stepIdFromGithubAction, workflowPathFromRef, type StepHint } from '../src/report/workflowLocate.js';

/** Returns the 1-based line of the first line containing `needle` (after `from`, if given). */
function lineOf(text: string, needle: string, from?: string): number {
  const lines = text.split('\n');
  const start = from === undefined ? 0 : lines.findIndex((l) => l.includes(from));
  const index = lines.findIndex((l, i) => i >= start && l.includes(needle));
  assert.ok(index >= 0 && start >= 0, `fixture has no line with ${needle}`);
  return index + 1;
}

const ci = `name: CI
on:
  push:
  pull_request:

env:
  GOPROXY: https://proxy.golang.org,direct
  GOFLAGS: -mod=readonly

jobs:
  lint:
    runs-on: ubuntu-latest
    env:
      GOPRIVATE: git.corp.example
    steps:
      - uses: actions/checkout@v4
      - uses: ./
        with:
          goproxy: https://lint-proxy.example
  test:
    runs-on: \${{ matrix.os }}
    strategy:
      matrix:
        os: [ubuntu-latest, windows-latest]
        go: ['1.22', '1.23']
    env:
      GONOSUMDB: git.corp.example
      GOPRIVATE: "git.corp.example,github.com/acme"
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-go@v5
        with:
          go-version: \${{ matrix.go }}
      - id: proxy
        name: Configure module proxy
        uses: acme/setup-goproxy@v1
        env:
          GOPROXY: https://step-proxy.example
        with:
          goproxy: |
            https://a.example
            https://b.example,direct
          goprivate: \${{ matrix.os == 'windows-latest' && 'a' || 'b' }}
      - run: go test ./...
      - uses: acme/setup-goproxy@v1
        with:
          goprivate: second.example
  release:
    needs: test
    runs-on: ubuntu-latest
    steps:
      - uses: acme/setup-goproxy@v1
        with: { goproxy: "https://release.example", "gonosumdb": x }
        env: { "GOFLAGS": -mod=mod }
`;

const action: StepHint = { actionRefSubstrings: ['setup-goproxy', './'] };

describe('findInputLine', () => {
  test('the step named by id in the named job; multi-line | value points at the key', () => {
    assert.equal(findInputLine(ci, 'goproxy', { ...action, job: 'test', stepId: 'proxy' }), lineOf(ci, 'goproxy: |'));
    assert.equal(findInputLine(ci, 'goprivate', { ...action, job: 'test', stepId: 'proxy' }), lineOf(ci, "goprivate: ${{"));
  });

  test('an identified step that does not set the input answers null (the default was used)', () => {
    assert.equal(findInputLine(ci, 'gonosumdb', { ...action, job: 'test', stepId: 'proxy' }), null);
  });

  test('without id: the unique step using the action that sets the input', () => {
    // Two steps in `test` use the action, but only the second sets goprivate... and so does `proxy`.
    assert.equal(findInputLine(ci, 'goprivate', { ...action, job: 'test' }), null);
    assert.equal(findInputLine(ci, 'goproxy', { ...action, job: 'test' }), lineOf(ci, 'goproxy: |'));
    // `uses: ./` in another job.
    assert.equal(findInputLine(ci, 'goproxy', { ...action, job: 'lint' }), lineOf(ci, 'goproxy: https://lint-proxy.example'));
  });

  test('flow mappings and quoted keys', () => {
    assert.equal(findInputLine(ci, 'goproxy', { ...action, job: 'release' }), lineOf(ci, 'with: { goproxy'));
    assert.equal(findInputLine(ci, 'gonosumdb', { ...action, job: 'release' }), lineOf(ci, 'with: { goproxy'));
  });

  test('input names match case-insensitively (the runner upper-cases them)', () => {
    const text = 'jobs:\n  a:\n    steps:\n      - uses: o/setup-goproxy@v1\n        with:\n          GOPROXY: x\n';
    assert.equal(findInputLine(text, 'goproxy', { ...action, job: 'a' }), 6);
  });

  test('unknown job falls back to all jobs but still needs a unique answer', () => {
    assert.equal(findInputLine(ci, 'goproxy', { ...action, job: 'nope' }), null); // lint, test and release all set it
    assert.equal(findInputLine(ci, 'gonosumdb', action), lineOf(ci, 'with: { goproxy'));
  });

  test('steps of other actions are not matched; "./" matches only the root action', () => {
    const text = 'jobs:\n  a:\n    steps:\n      - uses: ./.github/actions/other\n        with:\n          goproxy: x\n';
    assert.equal(findInputLine(text, 'goproxy', { ...action, job: 'a' }), null);
    assert.equal(findInputLine(ci, 'go-version', { ...action, job: 'test' }), null);
  });

  test('an id in another job is not used when GITHUB_JOB names a job', () => {
    assert.equal(findInputLine(ci, 'goproxy', { ...action, job: 'lint', stepId: 'proxy' }), lineOf(ci, 'goproxy: https://lint-proxy.example'));
  });

  test('malformed YAML or non-workflow documents answer null without throwing', () => {
    for (const text of ['jobs: [', 'jobs:\n  a:\n    steps:\n  - bad: [\n', '', '42', '- a\n- b\n', 'jobs: 1', 'jobs:\n  a:\n    steps: 1\n', 'jobs:\n  a:\n    steps:\n      - 1\n      - [x]\n', 'a: 1\na: 2\n', '\t\tjobs:']) {
      assert.doesNotThrow(() => findInputLine(text, 'goproxy', action));
      assert.equal(findInputLine(text, 'goproxy', action), null, JSON.stringify(text));
      assert.equal(findEnvLine(text, 'GOPROXY', action), null, JSON.stringify(text));
    }
  });

  test('block scalars and comments do not confuse positions', () => {
    const text = [
      'jobs:', // 1
      '  a:', // 2
      '    steps:', // 3
      '      - run: |', // 4
      '          echo "with:"', // 5
      '          echo "  goproxy: nope"', // 6
      '      # - uses: ./', // 7
      '      - uses: ./', // 8
      '        with:', // 9
      '          # goproxy: commented', // 10
      '          goprivate: >-', // 11
      '            folded', // 12
      '          goproxy: >', // 13
      '            https://x', // 14
      '',
    ].join('\n');
    assert.equal(findInputLine(text, 'goproxy', { ...action, job: 'a' }), 13);
    assert.equal(findInputLine(text, 'goprivate', { ...action, job: 'a' }), 11);
  });
});

describe('findEnvLine', () => {
  test('step env first, then job env, then workflow env', () => {
    const hint = { ...action, job: 'test', stepId: 'proxy' };
    assert.equal(findEnvLine(ci, 'GOPROXY', hint), lineOf(ci, 'GOPROXY: https://step-proxy.example'));
    assert.equal(findEnvLine(ci, 'GOPRIVATE', hint), lineOf(ci, 'GOPRIVATE: "git.corp.example,github.com/acme"'));
    assert.equal(findEnvLine(ci, 'GOFLAGS', hint), lineOf(ci, 'GOFLAGS: -mod=readonly'));
    assert.equal(findEnvLine(ci, 'GOSUMDB', hint), null);
  });

  test('without a step id, an ambiguous step env answers null but job and workflow env still work', () => {
    const hint = { ...action, job: 'test' };
    // Two steps use the action in `test`; only one sets GOPROXY, and we do not know which runs.
    assert.equal(findEnvLine(ci, 'GOPROXY', hint), null);
    assert.equal(findEnvLine(ci, 'GONOSUMDB', hint), lineOf(ci, 'GONOSUMDB: git.corp.example'));
    assert.equal(findEnvLine(ci, 'GOFLAGS', hint), lineOf(ci, 'GOFLAGS: -mod=readonly'));
  });

  test('job env in the job named by GITHUB_JOB, workflow env otherwise', () => {
    assert.equal(findEnvLine(ci, 'GOPRIVATE', { ...action, job: 'lint' }), lineOf(ci, 'GOPRIVATE: git.corp.example'));
    assert.equal(findEnvLine(ci, 'GOPROXY', { ...action, job: 'lint' }), lineOf(ci, 'GOPROXY: https://proxy.golang.org,direct'));
    // Flow-mapping step env with a quoted key.
    assert.equal(findEnvLine(ci, 'GOFLAGS', { ...action, job: 'release' }), lineOf(ci, 'env: { "GOFLAGS"'));
  });

  test('unknown job: the job-level value is ambiguous across jobs', () => {
    assert.equal(findEnvLine(ci, 'GOPRIVATE', action), null);
    // Nobody below the workflow sets GOFLAGS... except release's step: still ambiguous.
    assert.equal(findEnvLine(ci, 'GOFLAGS', action), null);
  });

  test('env var names are case-sensitive', () => {
    assert.equal(findEnvLine(ci, 'goproxy', { ...action, job: 'lint' }), null);
  });

  test('anchors and merge keys report the anchored definition', () => {
    const text = [
      'x-common-env: &common', // 1
      '  GOPROXY: https://anchored.example', // 2
      '  GOFLAGS: -mod=mod', // 3
      'jobs:', // 4
      '  a:', // 5
      '    env: *common', // 6
      '    steps:', // 7
      '      - uses: ./', // 8
      '        env:', // 9
      '          <<: *common', // 10
      '          GOFLAGS: -mod=vendor', // 11
      '        with: &inputs', // 12
      '          goproxy: https://x', // 13
      '  b:', // 14
      '    steps:', // 15
      '      - uses: ./', // 16
      '        with: *inputs', // 17
      '',
    ].join('\n');
    assert.equal(findEnvLine(text, 'GOFLAGS', { ...action, job: 'a' }), 11);
    assert.equal(findEnvLine(text, 'GOPROXY', { ...action, job: 'a' }), 2);
    assert.equal(findInputLine(text, 'goproxy', { ...action, job: 'b' }), 13);
  });
});

describe('workflowPathFromRef', () => {
  test('extracts the path for this repository only', () => {
    assert.equal(workflowPathFromRef('octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main', 'octo-org/octo-repo'), '.github/workflows/ci.yml');
    assert.equal(workflowPathFromRef('Octo-Org/Octo-Repo/.github/workflows/build.yaml@refs/pull/1/merge', 'octo-org/octo-repo'), '.github/workflows/build.yaml');
    assert.equal(workflowPathFromRef('octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/fix@2', 'octo-org/octo-repo'), '.github/workflows/ci.yml');
    assert.equal(workflowPathFromRef('other/repo/.github/workflows/reusable.yml@refs/heads/main', 'octo-org/octo-repo'), null);
    assert.equal(workflowPathFromRef(undefined, 'a/b'), null);
    assert.equal(workflowPathFromRef('a/b/.github/workflows/ci.yml@main', undefined), null);
    assert.equal(workflowPathFromRef('garbage', 'a/b'), null);
    assert.equal(workflowPathFromRef('a/b/.github/workflows/../../etc/passwd.yml@x', 'a/b'), null);
  });

  test('stepIdFromGithubAction drops runner-generated names', () => {
    assert.equal(stepIdFromGithubAction('proxy'), 'proxy');
    assert.equal(stepIdFromGithubAction('__acme_setup-goproxy'), undefined);
    assert.equal(stepIdFromGithubAction('__run_2'), undefined);
    assert.equal(stepIdFromGithubAction(''), undefined);
  });
});

describe('locateWorkflowFile', () => {
  test('reads the workflow from GITHUB_WORKSPACE; null when it cannot', async () => {
    const workspace = mkdtempSync(path.join(tmpdir(), 'workflow-'));
    try {
      mkdirSync(path.join(workspace, '.github', 'workflows'), { recursive: true });
      writeFileSync(path.join(workspace, '.github', 'workflows', 'ci.yml'), ci);
      const env = { GITHUB_WORKSPACE: workspace, GITHUB_REPOSITORY: 'acme/app', GITHUB_WORKFLOW_REF: 'acme/app/.github/workflows/ci.yml@refs/heads/main' };
      assert.deepEqual(await locateWorkflowFile(env), { file: '.github/workflows/ci.yml', text: ci });
      assert.equal(await locateWorkflowFile({ ...env, GITHUB_WORKFLOW_REF: 'acme/app/.github/workflows/gone.yml@refs/heads/main' }), null);
      assert.equal(await locateWorkflowFile({ ...env, GITHUB_REPOSITORY: 'someone/else' }), null);
      assert.equal(await locateWorkflowFile({ GITHUB_REPOSITORY: 'acme/app', GITHUB_WORKFLOW_REF: env.GITHUB_WORKFLOW_REF }), null);
    } finally {
      rmSync(workspace, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    }
  });
});
