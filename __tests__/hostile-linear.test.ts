// Every parser, lint and renderer that sees untrusted text finishes hostile-size input quickly:
// each workload of helpers/workloads.ts runs in its own process with a deadline (a synchronous
// quadratic loop cannot be interrupted from inside a test). Before they were made linear each
// took minutes to hours (the URL redaction alone needed 2.8 s for 40 kB, quadrupling with every
// doubling); now each takes about a second. The deadline is a hang guard, not a speed target:
// `npm run bench:input` prints the figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess } from './helpers/process.js';
import { WORKLOADS } from './helpers/workloads.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEADLINE_MS = 60_000;

test('hostile-size workloads finish long before their deadline, each in its own process', async () => {
  const names = Object.keys(WORKLOADS);
  const results = new Map<string, Awaited<ReturnType<typeof runProcess>>>();
  // Two at a time: the machine running the suite is shared.
  const queue = [...names];
  await Promise.all(
    [0, 1].map(async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        results.set(name, await runProcess(process.execPath, ['--import', 'tsx', '__tests__/helpers/workloads.ts', name], { cwd: ROOT, env: process.env, timeoutMs: DEADLINE_MS }));
      }
    }),
  );
  for (const name of names) {
    const result = results.get(name)!;
    assert.ok(!result.timedOut, `"${name}" still running after ${DEADLINE_MS / 1000} s`);
    assert.equal(result.code, 0, `"${name}" failed:\n${result.stderr.slice(-2000)}`);
    assert.match(result.stdout, /^ok \d+ ms/, name);
  }
});
