// Runs every test file with node's test runner in one process tree, so one summary closes the
// output. Files run concurrently: most tests wait on child processes and loopback servers, and
// node's default (cores - 1) would run them one by one on a 2-core machine.
//
// Before any test runs, the system tools the tests use are checked (scripts/provision.mjs): when
// one is missing it stops here with the command that installs it. The go it found is handed to
// the tests (GO_BINARY), so they use the go that was checked.
//
// --test-timeout bounds a hung test, and also (node 20) each file as a whole: 10 minutes, since
// the slowest files take 4-5 minutes on this loaded 2-core machine and a file killed half-way
// reports nothing about its remaining tests.
//
// After the run it prints the slowest files and the suite's wall time (test-durations.mjs); over
// SUITE_BUDGET_MS a GitHub warning annotation says so, since .ci/run must finish in 20 minutes
// (npm ci and the type-check included) on a loaded 2-core machine.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { ensureTools } from './provision.mjs';
import { suiteLines } from './test-durations.mjs';

const goBinary = ensureTools({ checkOnly: true, quiet: true });
const only = process.argv.slice(2);
const files = only.length > 0 ? only : readdirSync('__tests__').filter((name) => name.endsWith('.test.ts')).sort().map((name) => `__tests__/${name}`);
const started = performance.now();
const child = spawn(
  process.execPath,
  [
    '--import', 'tsx', '--test', '--test-concurrency=3', '--test-timeout=600000',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/test-durations.mjs', '--test-reporter-destination=stdout',
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, GO_BINARY: goBinary } },
);
child.on('exit', (code, signal) => {
  for (const line of suiteLines(performance.now() - started, files.length)) console.log(line);
  process.exit(code ?? (signal ? 1 : 0));
});
