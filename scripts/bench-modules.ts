// `npm run bench:modules`: the module-cache phase on a workspace of many modules (issue 9: 2,000
// nested modules took 416 s in the main step). Every module has a go.sum and requires a few
// modules of a small graph behind the loopback module proxy; the cache service is the loopback
// fixture. Prints, in one run: the cold main step (restore miss + pre-warm + module graph), its
// go runs and the main thread's CPU time, the post step (plan + save), the size of the state the
// runner passes to the post step, and the warm main step (exact hit).
//
//   node --import tsx scripts/bench-modules.ts [--modules 2000] [--shape nested|sibling]
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startCacheService } from '../__tests__/fixtures/cacheService.js';
import { generateModuleGraph, startModuleProxy } from '../__tests__/fixtures/moduleProxy.js';
import { findGo, NO_GO_TELEMETRY } from '../__tests__/helpers/go.js';
import { runModuleCacheMain, runModuleCachePost, type CacheOptions } from '../src/cache/modules/phase.js';
import { removeTree } from '../src/cache/fsTree.js';

const execFileP = promisify(execFile);

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const COUNT = Number(arg('modules', '2000'));
const SHAPE = arg('shape', 'nested') === 'sibling' ? 'sibling' : 'nested';
/** Distinct dependency sets among the modules (module i uses set i % SETS). */
const SETS = 7;
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

function moduleDir(index: number): string {
  if (SHAPE === 'sibling') return index === 0 ? '' : `m${String(index).padStart(4, '0')}`;
  // Module i lives inside module (i-1)/2, as in bench-workspace.ts.
  const parts: string[] = [];
  for (let j = index; j > 0; j = Math.floor((j - 1) / 2)) parts.unshift(`n${j % 2}`);
  return parts.join('/');
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const cpu = process.cpuUsage(cpu0);
  return { value, ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function main(): Promise<void> {
  const go = findGo();
  if (go === null) throw new Error('no go binary (set GO_BINARY)');
  const root = await mkdtemp(path.join(tmpdir(), 'bench-modules-'));
  const graph = generateModuleGraph(24, 2_000, 7);
  const proxy = await startModuleProxy(graph.modules);
  const svc = await startCacheService();
  const realWrite = process.stdout.write.bind(process.stdout);
  // @actions/core prints every line to stdout; the bench prints only its own.
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => (typeof chunk === 'string' && chunk.startsWith('BENCH ') ? realWrite(chunk.slice(6), ...(rest as [])) : true)) as typeof process.stdout.write;
  const say = (line: string): void => void process.stdout.write(`BENCH ${line}\n`);
  try {
    const workspace = path.join(root, 'repo');
    const runnerTemp = path.join(root, 'runner-temp');
    await mkdir(runnerTemp, { recursive: true });
    const gomodcache = path.join(root, 'gopath', 'pkg', 'mod');
    const env: NodeJS.ProcessEnv = {
      PATH: `${path.dirname(go)}:/usr/bin:/bin`, HOME: path.join(root, 'home'), GOPATH: path.join(root, 'gopath'), GOMODCACHE: gomodcache,
      GOCACHE: path.join(root, 'gocache'), GOTOOLCHAIN: 'local', GOPROXY: proxy.url, GOSUMDB: 'off', RUNNER_TEMP: runnerTemp, GITHUB_WORKSPACE: workspace,
      ...NO_GO_TELEMETRY,
    };
    Object.assign(process.env, svc.env('v2'), { RUNNER_TEMP: runnerTemp, GITHUB_WORKSPACE: workspace });

    // One template per dependency set, tidied by go once; the modules copy its go.sum.
    const roots = graph.direct;
    const sets = Array.from({ length: SETS }, (_, k) => [roots[k % roots.length]!, roots[(k + 3) % roots.length]!].filter((d, i, all) => all.findIndex((o) => o.path === d.path) === i));
    const sums: string[] = [];
    for (const [k, deps] of sets.entries()) {
      const dir = path.join(root, 'templates', String(k));
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'go.mod'), `module example.com/t${k}\n\ngo 1.21\n\nrequire (\n${deps.map((d) => `\t${d.path} ${d.version}\n`).join('')})\n`);
      await writeFile(path.join(dir, 'main.go'), `package main\n\nimport (\n${deps.map((d) => `\t_ ${JSON.stringify(d.path)}\n`).join('')})\n\nfunc main() {}\n`);
      await execFileP(go, ['mod', 'tidy'], { cwd: dir, env });
      sums.push(await readFile(path.join(dir, 'go.sum'), 'utf8'));
      await execFileP(go, ['mod', 'edit', '-module', 'example.com/placeholder'], { cwd: dir, env });
    }
    for (let i = 0; i < COUNT; i++) {
      const dir = path.join(workspace, moduleDir(i));
      await mkdir(dir, { recursive: true });
      const k = i % SETS;
      const template = path.join(root, 'templates', String(k));
      const goMod = (await readFile(path.join(template, 'go.mod'), 'utf8')).replace('example.com/placeholder', `example.com/m${i}`);
      await writeFile(path.join(dir, 'go.mod'), goMod);
      await writeFile(path.join(dir, 'go.sum'), sums[k] ?? '');
      await writeFile(path.join(dir, 'main.go'), await readFile(path.join(template, 'main.go'), 'utf8'));
    }
    await removeTree(gomodcache);

    const options: CacheOptions = {
      enabled: true, dependencyPath: '', keyPrefix: 'bench-modules', download: true, save: 'auto', crossOs: false, retries: 1, verify: false,
      workingDirectory: workspace, workspace, goBinary: go, env, healthyProxies: [],
    };
    say(`setup-goproxy many-module bench: ${COUNT} ${SHAPE} modules with go.sum, ${SETS} dependency sets over ${graph.modules.length} proxy modules, go ${(await execFileP(go, ['version'])).stdout.trim()}`);
    const cold = await timed(() => runModuleCacheMain(options));
    if (cold.value.failures.length > 0) throw new Error(`cold: ${JSON.stringify(cold.value.failures.slice(0, 3))}`);
    const stateBytes = Buffer.byteLength(Object.values(cold.value.state).join(''));
    const post = await timed(() => runModuleCachePost(cold.value.state, env));
    if (!post.value.saved) throw new Error(`post: ${post.value.message}`);
    await removeTree(gomodcache);
    const warm = await timed(() => runModuleCacheMain({ ...options }));
    if (warm.value.hit !== 'true') throw new Error(`warm: ${warm.value.hit}`);
    say('');
    say(`  cold main step (miss, pre-warm, graph)  ${s(cold.ms).padStart(9)}   main-thread CPU ${s(cold.cpuMs)}   ${cold.value.modulesDownloaded} module(s) fetched`);
    say(`  post step (plan + save)                 ${s(post.ms).padStart(9)}   main-thread CPU ${s(post.cpuMs)}`);
    say(`  warm main step (exact hit)              ${s(warm.ms).padStart(9)}   main-thread CPU ${s(warm.cpuMs)}`);
    say(`  state passed to the post step           ${(stateBytes / 1024).toFixed(1)} KiB (one environment variable holds at most 128 KiB)`);
  } finally {
    process.stdout.write = realWrite;
    await proxy.close();
    await svc.close();
    await removeTree(root);
    await rm(root, { recursive: true, force: true }).catch(() => undefined);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
