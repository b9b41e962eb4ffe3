// Benchmark of hostile-size input (issue 9), printed in one run on this machine:
//  1. the URL redactor on 5 / 10 / 20 / 40 kB and 1 MB of text (it was a backtracking regular
//     expression: quadratic, 2.8 s for 40 kB);
//  2. every workload of __tests__/helpers/workloads.ts (lints, routing, parsers, the summary on
//     inputs of 9,000 entries and values of 1 MB), the figure the hang-guard test does not print;
//  3. the main step through the runner emulation on dist/ with a 5 kB GOPROXY and a go.mod whose
//     require line has a 40 kB module path (56 s before), and a 100 kB input (refused at once).
import { redactForDisplay } from '../src/go/redact.js';
import { WORKLOADS } from '../__tests__/helpers/workloads.js';
import { runAction, withTempDir } from '../__tests__/helpers/e2e.js';

function ms(started: number): string {
  return `${(performance.now() - started).toFixed(1)} ms`;
}

console.log('1. redactForDisplay');
for (const size of [5_000, 10_000, 20_000, 40_000, 1_000_000]) {
  const text = `require example.com/${'a'.repeat(size)} v1.0.0 https://${'b'.repeat(size)}`;
  const started = performance.now();
  redactForDisplay(text);
  console.log(`   ${String(size / 1000).padStart(5)} kB: ${ms(started)}`);
}

console.log('2. workloads');
for (const [name, workload] of Object.entries(WORKLOADS)) {
  const started = performance.now();
  workload();
  console.log(`   ${ms(started).padStart(10)}  ${name}`);
}

console.log('3. main step on dist/ (probe, cache and download off; includes starting node)');
const noNetwork = { probe: 'false', cache: 'false', download: 'false' };
const runs: Array<[string, Record<string, string>, Record<string, string>]> = [
  ['GOPROXY of 5 kB', { ...noNetwork, goproxy: `https://${'a'.repeat(5_000)}` }, { 'go.mod': 'module example.com/m\n\ngo 1.21\n' }],
  ['require line with a 40 kB module path', noNetwork, { 'go.mod': `module example.com/m\n\ngo 1.21\n\nrequire example.com/${'a'.repeat(40_000)} v1.0.0\n` }],
  ['goprivate of 100 kB (refused)', { ...noNetwork, goprivate: 'a'.repeat(100_000) }, { 'go.mod': 'module example.com/m\n\ngo 1.21\n' }],
];
for (const [name, inputs, files] of runs) {
  await withTempDir('bench-input-', async (root) => {
    const result = await runAction(root, { inputs, files, timeoutMs: 120_000 });
    const log = Buffer.byteLength(result.main.rawStdout) + Buffer.byteLength(result.main.rawStderr);
    console.log(`   ${String(result.main.durationMs).padStart(6)} ms  ${name} (exit ${result.main.exitCode}, log ${(log / 1024).toFixed(1)} kB, summary ${(Buffer.byteLength(result.main.summary) / 1024).toFixed(1)} kB)`);
  });
}
