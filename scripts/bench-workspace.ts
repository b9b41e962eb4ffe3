// `npm run bench:workspace`: go.mod/go.work discovery on 500, 1,000 and 2,000 modules, side by side
// (m0001/go.mod ...) and nested (each module inside another, a binary tree 11 levels deep), then
// the whole main step (dist/ through the runner emulation, probe, cache and download off) on
// 2,000 modules. Discovery must grow linearly: the 2,000/500 ratio is 4.0 for linear work.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { discoverWorkspace, requiredModules } from '../src/workspace/discover.js';
import { runActionStep } from './runner/emulate.js';
import { ACTION_DIR, withTempDir } from '../__tests__/helpers/e2e.js';
import { findGo, isolatedGoEnv } from '../__tests__/helpers/go.js';

type Shape = 'sibling' | 'nested';

function moduleDir(shape: Shape, index: number): string {
  if (shape === 'sibling') return index === 0 ? '' : `m${String(index).padStart(4, '0')}`;
  // Module i lives inside module (i-1)/2: every module but the leaves holds two others.
  const parts: string[] = [];
  for (let j = index; j > 0; j = Math.floor((j - 1) / 2)) parts.unshift(`n${j % 2}`);
  return parts.join('/');
}

async function buildWorkspace(root: string, shape: Shape, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const dir = path.join(root, moduleDir(shape, i));
    await mkdir(dir, { recursive: true });
    const text = [
      `module example.com/m${i}`,
      '',
      'go 1.21',
      '',
      'require (',
      `\texample.com/dep${i % 7} v1.0.0`,
      `\texample.com/old${i % 5} v1.0.0`,
      ')',
      '',
      `replace example.com/old${i % 5} => example.com/new${i % 5} v1.1.0`,
      '',
    ].join('\n');
    await writeFile(path.join(dir, 'go.mod'), text);
    await writeFile(path.join(dir, 'main.go'), 'package main\n');
  }
}


async function timeDiscovery(root: string): Promise<{ ms: number; modules: number; requires: number }> {
  const runs: number[] = [];
  let modules = 0;
  let requires = 0;
  for (let run = 0; run < 7; run++) {
    const started = performance.now();
    const ws = await discoverWorkspace(root, root);
    requires = requiredModules(ws).length;
    runs.push(performance.now() - started);
    modules = ws.modules.length;
  }
  return { ms: Math.min(...runs), modules, requires };
}

const counts = [500, 1000, 2000];
console.log('discovery + requiredModules (fastest of 7 runs: the machine is shared)');
for (const shape of ['sibling', 'nested'] as const) {
  const times: number[] = [];
  for (const count of counts) {
    await withTempDir(`bench-ws-${shape}-`, async (root) => {
      await buildWorkspace(root, shape, count);
      const { ms, modules, requires } = await timeDiscovery(root);
      times.push(ms);
      console.log(`  ${shape.padEnd(7)} ${String(count).padStart(5)} modules: ${ms.toFixed(0).padStart(5)} ms  (${((ms * 1000) / count).toFixed(0)} µs/module; ${modules} modules, ${requires} requirements)`);
    });
  }
  console.log(`  ${shape} ratio 2000/500: ${((times[2] ?? 0) / (times[0] ?? 1)).toFixed(2)} (linear = 4.00)`);
}

const go = findGo();
console.log('\nmain step through the runner emulation (dist/), probe, cache and download off');
for (const shape of ['sibling', 'nested'] as const) {
  await withTempDir(`bench-main-${shape}-`, async (root) => {
    const workspace = path.join(root, 'repo');
    await buildWorkspace(workspace, shape, 2000);
    const env: Record<string, string> = { ...isolatedGoEnv(root), PATH: `${go === null ? '' : `${path.dirname(go)}:`}/usr/bin:/bin`, HTTPS_PROXY: 'http://127.0.0.1:1', HTTP_PROXY: 'http://127.0.0.1:1', NO_PROXY: '127.0.0.1,localhost' };
    await mkdir(env['HOME'] ?? root, { recursive: true });
    const step = await runActionStep({ actionDir: ACTION_DIR, workspace, phase: 'main', env, inputs: { probe: 'false', cache: 'false', download: 'false', 'fail-on': 'never' }, timeoutMs: 600_000 });
    console.log(`  ${shape.padEnd(7)} 2000 modules: ${(step.durationMs / 1000).toFixed(2)} s (exit ${step.exitCode}; summary ${(step.summary.length / 1024).toFixed(0)} KiB)`);
  });
}
