// Runs every test file with node's test runner in one process tree, so one summary closes the
// output. Files run concurrently: most tests wait on child processes and loopback servers, and
// node's default (cores - 1) would run them one by one on a 2-core machine.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
const files = only.length > 0 ? only : readdirSync('__tests__').filter((name) => name.endsWith('.test.ts')).sort().map((name) => `__tests__/${name}`);
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=3', '--test-timeout=300000', '--test-reporter=spec', ...files], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
