// Runs every test file with node's test runner in one process tree, so one summary closes the
// output. Files run concurrently: most tests wait on child processes and loopback servers, and
// node's default (cores - 1) would run them one by one on a 2-core machine.
//
// Before any test runs, the system tools the tests use are checked (scripts/provision.mjs): when
// one is missing it stops here with the command that installs it. The go it found is handed to
// the tests (GO_BINARY), so they use the go that was checked.
//
// After the run it prints the slowest files (scripts/test-durations.mjs) and the suite's wall
// time; over SUITE_BUDGET_MS a GitHub warning annotation says so, since .ci/run must finish in 20
// minutes (type-check and npm ci included) on a loaded 2-core machine.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { ensureTools } from './provision.mjs';

export const SUITE_BUDGET_MS = 12 * 60_000;

const goBinary = ensureTools({ checkOnly: true, quiet: true });
const only = process.argv.slice(2);
const files = only.length > 0 ? only : readdirSync('__tests__').filter((name) => name.endsWith('.test.ts')).sort().map((name) => `__tests__/${name}`);
const started = performance.now();
const child = spawn(
  process.execPath,
  [
    '--import', 'tsx', '--test', '--test-concurrency=3', '--test-timeout=300000',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/test-durations.mjs', '--test-reporter-destination=stdout',
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, GO_BINARY: goBinary } },
);
child.on('exit', (code, signal) => {
  const ms = performance.now() - started;
  const minutes = `${Math.floor(ms / 60_000)} min ${((ms % 60_000) / 1000).toFixed(0)} s`;
  console.log(`Test suite: ${files.length} file(s) in ${minutes} (wall time, concurrency 3).`);
  if (files.length > 1 && ms > SUITE_BUDGET_MS) {
    console.log(`::warning title=Test suite is slow::The tests took ${minutes}, over the ${SUITE_BUDGET_MS / 60_000} min budget that keeps .ci/run under 20 minutes. See "Slowest test files" above.`);
  }
  process.exit(code ?? (signal ? 1 : 0));
});
