// Measures the module-cache phase on a realistic graph (150 modules, ~100 MB of zips) behind the
// loopback module proxy and cache service, and prints, in one run:
//   1. cold pre-warm (restore miss + go mod download -json + graph) vs a bare `go mod download`
//      (goal: ratio <= 1.2), and the post-step save per layout;
//   2. warm restore of our archive (both layouts) vs a setup-go-style archive of GOMODCACHE +
//      GOCACHE for the same project after one build (goal: >= 2x smaller and faster), plus the
//      first `go build` after each restore, since the download layout leaves extraction to go.
//
//   node --import tsx scripts/bench-cache.ts [--modules 150] [--zip-bytes 700000]
import * as cache from '@actions/cache';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startCacheService } from '../__tests__/fixtures/cacheService.js';
import { generateModuleGraph, startModuleProxy } from '../__tests__/fixtures/moduleProxy.js';
import { findGo } from '../__tests__/helpers/go.js';
import { runModuleCacheMain as runCacheMain, runModuleCachePost as runCachePost, type CacheOptions } from '../src/cache/modules/phase.js';
import { removeTree } from '../src/cache/fsTree.js';
import type { CacheLayout } from '../src/cache/modules/key.js';

const execFileP = promisify(execFile);

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
}

const MODULES = arg('modules', 150);
const ZIP_BYTES = arg('zip-bytes', 700_000);
const mb = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MiB`;
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

async function main(): Promise<void> {
  const go = findGo();
  if (go === null) throw new Error('no go binary (set GO_BINARY)');
  const root = await mkdtemp(path.join(tmpdir(), 'bench-cache-'));
  const graph = generateModuleGraph(MODULES, ZIP_BYTES, 42);
  const proxy = await startModuleProxy(graph.modules);
  const svc = await startCacheService();
  // The quiet, silent @actions/core: the bench prints its own table.
  const realWrite = process.stdout.write.bind(process.stdout);
  const quiet = (): void => {
    process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => (typeof chunk === 'string' && chunk.startsWith('BENCH ') ? realWrite(chunk.slice(6), ...(rest as [])) : true)) as typeof process.stdout.write;
  };
  const say = (line: string): void => void process.stdout.write(`BENCH ${line}\n`);
  quiet();
  try {
    const workspace = path.join(root, 'repo');
    await mkdir(path.join(workspace, 'app'), { recursive: true });
    await writeFile(path.join(workspace, 'app', 'go.mod'), graph.mainGoMod('example.com/bench'));
    await writeFile(path.join(workspace, 'app', 'main.go'), graph.mainGo());
    await writeFile(path.join(workspace, 'app', 'go.sum'), proxy.sumLines().join('\n') + '\n');
    const runnerTemp = path.join(root, 'runner-temp');
    await mkdir(runnerTemp, { recursive: true });
    Object.assign(process.env, svc.env('v2'), { RUNNER_TEMP: runnerTemp, GITHUB_WORKSPACE: workspace });
    delete process.env['GITHUB_SERVER_URL'];

    const gopath = path.join(root, 'gopath');
    const gomodcache = path.join(gopath, 'pkg', 'mod');
    const gocache = path.join(root, 'gocache');
    const env: NodeJS.ProcessEnv = {
      PATH: `${path.dirname(go)}:/usr/bin:/bin`, HOME: path.join(root, 'home'), GOPATH: gopath, GOMODCACHE: gomodcache, GOCACHE: gocache,
      GOTOOLCHAIN: 'local', GOPROXY: proxy.url, GOSUMDB: 'off', GOFLAGS: '-mod=mod', RUNNER_TEMP: runnerTemp, GITHUB_WORKSPACE: workspace,
    };
    const appDir = path.join(workspace, 'app');
    const fresh = async (): Promise<void> => {
      await removeTree(gomodcache);
      await removeTree(gocache);
    };
    const options = (layout: CacheLayout, download: boolean): CacheOptions => ({
      enabled: true, dependencyPath: '', keyPrefix: `bench-${layout}`, download, save: 'auto', crossOs: false, retries: 3, verify: false,
      workingDirectory: workspace, workspace, goBinary: go, env, healthyProxies: [], layout,
    });
    const goBuild = async (): Promise<number> => (await timed(() => execFileP(go, ['build', '-o', path.join(root, 'app.bin'), '.'], { cwd: appDir, env: { ...env, GOPROXY: 'off' }, maxBuffer: 1 << 26 }))).ms;

    say(`setup-goproxy module cache bench: ${MODULES} modules, ~${mb(ZIP_BYTES)} per zip, ${graph.selected.length} selected, go ${(await execFileP(go, ['version'])).stdout.trim()}`);

    // ---- 1. cold: bare go mod download vs our main step (restore miss + download + graph) ----
    await fresh();
    const bare = await timed(() => execFileP(go, ['mod', 'download'], { cwd: appDir, env: { ...env, GOFLAGS: '' }, maxBuffer: 1 << 26 }));
    const rows: string[] = [];
    const saved: Record<string, { postMs: number; bytes: number }> = {};
    let coldMain = 0;
    for (const layout of ['download', 'full'] as const) {
      await fresh();
      const m = await timed(() => runCacheMain(options(layout, true)));
      if (m.value.hit !== 'false' || m.value.failures.length > 0) throw new Error(`cold ${layout}: ${m.value.hit} ${JSON.stringify(m.value.failures)}`);
      if (layout === 'download') coldMain = m.ms;
      const p = await timed(() => runCachePost(m.value.state, env));
      if (!p.value.saved) throw new Error(`save ${layout}: ${p.value.message}`);
      const entry = svc.entries().find((e) => e.key === m.value.key);
      saved[layout] = { postMs: p.ms, bytes: entry?.size ?? 0 };
      rows.push(`  cold main (${layout.padEnd(8)})      ${s(m.ms)}   post save ${s(p.ms)}   archive ${mb(entry?.size ?? 0)}`);
    }
    say('');
    say('1. Cold pre-warm');
    say(`  bare go mod download          ${s(bare.ms)}`);
    for (const r of rows) say(r);
    say(`  ratio pre-warm / bare         ${(coldMain / bare.ms).toFixed(2)}  (goal <= 1.2)`);

    // ---- 2. warm restores ----
    const warm: Record<string, { restoreMs: number; bytes: number; buildMs: number }> = {};
    for (const layout of ['download', 'full'] as const) {
      await fresh();
      const m = await runCacheMain(options(layout, false));
      if (m.hit !== 'true') throw new Error(`warm ${layout}: ${m.hit}`);
      const restoreMs = Number(/Restore \| ([\d.]+) s/.exec(m.summaryBody)?.[1] ?? 'NaN') * 1000;
      warm[layout] = { restoreMs, bytes: saved[layout]?.bytes ?? 0, buildMs: await goBuild() };
    }

    // setup-go style: GOMODCACHE + GOCACHE (absolute paths, like setup-go), after one build.
    await fresh();
    await execFileP(go, ['mod', 'download'], { cwd: appDir, env: { ...env, GOFLAGS: '' }, maxBuffer: 1 << 26 });
    await goBuild();
    const sgPaths = [gomodcache, gocache];
    const sgKey = 'setup-go-Linux-x64-go-bench';
    await cache.saveCache(sgPaths, sgKey);
    const sgBytes = svc.entries().find((e) => e.key === sgKey)?.size ?? 0;
    await fresh();
    const sgRestore = await timed(() => cache.restoreCache(sgPaths, sgKey, []));
    if (sgRestore.value !== sgKey) throw new Error('setup-go-style restore missed');
    const sgBuild = await goBuild();

    say('');
    say('2. Warm restore (exact hit), then the first go build with GOPROXY=off');
    say(`  setup-go style (GOMODCACHE+GOCACHE)  archive ${mb(sgBytes).padStart(10)}  restore ${s(sgRestore.ms)}  build ${s(sgBuild)}`);
    for (const layout of ['download', 'full'] as const) {
      const w = warm[layout];
      if (w === undefined) continue;
      say(`  ours, layout ${layout.padEnd(8)}              archive ${mb(w.bytes).padStart(10)}  restore ${s(w.restoreMs)}  build ${s(w.buildMs)}   size ${(sgBytes / w.bytes).toFixed(2)}x smaller, restore ${(sgRestore.ms / w.restoreMs).toFixed(2)}x faster (goal >= 2x)`);
    }
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
