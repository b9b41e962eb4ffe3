// Start-up benchmark (issue 9 §4): the main step with probe, cache and download off (configure,
// validate, report: what every job pays) against a bare action whose main only loads
// @actions/core, both run the same way through the runner emulation on the node the action uses
// (node 24 from tools/node24, else this node). Paired runs in alternating order, so a machine that
// gets busier or quieter during the run moves both sides alike; prints both medians, the median of
// the per-pair ratios, and the load average (this machine is shared). Goal: <= 1.5x the bare step.
//
//   node --import tsx scripts/bench-startup.ts [--pairs 9]
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { node24Binary, runActionStep, type StepRun } from './runner/emulate.js';
import { findGo, isolatedGoEnv } from '../__tests__/helpers/go.js';

const GOAL_RATIO = 1.5;
const ACTION_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const pairs = arg('pairs', 9);
const node = node24Binary() ?? process.execPath;
const go = findGo();
const root = await mkdtemp(path.join(tmpdir(), 'bench-startup-'));
try {
  // The bare action: same runner contract, same node, only @actions/core (from node_modules).
  const bareDir = path.join(root, 'bare-action');
  await mkdir(bareDir);
  await writeFile(path.join(bareDir, 'action.yml'), "name: bare\ndescription: loads @actions/core only\nruns:\n  using: node24\n  main: index.mjs\n");
  await writeFile(path.join(bareDir, 'index.mjs'), `import * as core from ${JSON.stringify(import.meta.resolve('@actions/core'))};\ncore.info(core.getInput('anything') || 'bare');\n`);

  // A one-module repository, as a job with go on PATH (setup-go ran before) sees it.
  const workspace = path.join(root, 'repo');
  await mkdir(workspace);
  await writeFile(path.join(workspace, 'go.mod'), 'module example.com/startup\n\ngo 1.23\n');
  const goEnv = isolatedGoEnv(root);
  await mkdir(goEnv['HOME'] ?? root, { recursive: true });
  const env = { ...goEnv, PATH: [...(go === null ? [] : [path.dirname(go)]), '/usr/local/bin', '/usr/bin', '/bin'].join(':'), HTTPS_PROXY: 'http://127.0.0.1:1', HTTP_PROXY: 'http://127.0.0.1:1', NO_PROXY: '127.0.0.1,localhost' };
  const step = (actionDir: string, inputs: Record<string, string>): StepRun & { phase: 'main' } => ({ phase: 'main', actionDir, workspace, inputs, env, nodeBinary: node, timeoutMs: 60_000 });
  const action = step(ACTION_DIR, { probe: 'false', cache: 'false', download: 'false' });
  const bare = step(bareDir, {});

  const run = async (which: StepRun & { phase: 'main' }): Promise<number> => {
    const result = await runActionStep(which);
    if (result.outcome !== 'success') throw new Error(`${which.actionDir} failed (${result.outcome}):\n${result.stdout}\n${result.stderr}`);
    return result.durationMs;
  };
  // One unmeasured run of each warms the file cache and go's build cache for `go env`.
  await run(action);
  await run(bare);

  const actionMs: number[] = [];
  const bareMs: number[] = [];
  const load = loadavg()[0] ?? 0;
  for (let i = 0; i < pairs; i++) {
    if (i % 2 === 0) {
      bareMs.push(await run(bare));
      actionMs.push(await run(action));
    } else {
      actionMs.push(await run(action));
      bareMs.push(await run(bare));
    }
  }
  const ratios = actionMs.map((ms, i) => ms / (bareMs[i] ?? ms));
  const ratio = median(ratios);
  console.log(`Start-up of the main step on ${node === process.execPath ? `this node (${process.version}; tools/node24 missing)` : 'node 24 (tools/node24)'}, ${pairs} paired runs, go ${go === null ? 'not on PATH' : 'on PATH'}:`);
  console.log(`  main step, probe/cache/download off: median ${median(actionMs).toFixed(0)} ms  (${actionMs.join(' ')})`);
  console.log(`  bare step loading @actions/core:     median ${median(bareMs).toFixed(0)} ms  (${bareMs.join(' ')})`);
  console.log(`  ratio main / bare (median of pairs): ${ratio.toFixed(2)}x  (goal <= ${GOAL_RATIO}x: ${ratio <= GOAL_RATIO ? 'met' : 'NOT met'})`);
  console.log(`  load average at start / end: ${load.toFixed(2)} / ${(loadavg()[0] ?? 0).toFixed(2)} on ${availableParallelism()} cores`);
} finally {
  await rm(root, { recursive: true, force: true, maxRetries: 3 });
}
