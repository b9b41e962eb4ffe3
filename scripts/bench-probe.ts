// Benchmark of the probe phase (issue 3), printed in one run on this machine:
//  1. the action's probe phase for GOPROXY = 1 hung + 1 refused + 1 healthy proxy, against the real
//     go command's `go mod download` of one module with the same list (capped at 60 s);
//  2. the probe phase for 5 healthy proxies against 1 (parallelism).
// Loopback only; every server is closed at the end.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseProxyList } from '../src/go/proxyList.js';
import { runProbePhase } from '../src/probe/phase.js';
import { startModuleProxy, type ModuleProxy } from '../__tests__/fixtures/moduleProxy.js';
import { closedPort, startSilentServer } from '../__tests__/fixtures/probeServer.js';
import { findGo, isolatedGoEnv } from '../__tests__/helpers/go.js';

const MODULE = { path: 'example.com/bench/dep', version: 'v1.0.0' };
const GO_CAP_MS = 60_000;
const BUDGET_MS = 10_000;

async function probeOnce(goproxy: string): Promise<number> {
  const parse = parseProxyList(goproxy, '');
  if (!parse.ok) throw new Error(parse.error);
  const started = performance.now();
  await runProbePhase({
    goproxy,
    parse,
    fallbacks: [],
    gonoproxy: '',
    goprivate: '',
    sumdb: null,
    onUnreachable: 'fallback',
    budgetMs: BUDGET_MS,
    env: { HTTPS_PROXY: 'http://127.0.0.1:1', HTTP_PROXY: 'http://127.0.0.1:1' },
    routes: [{ ...MODULE, goModFile: 'go.mod', line: 1, viaProxy: true, checkedBySumdb: false, private: false }],
    netrc: [],
  });
  return performance.now() - started;
}

function goDownload(go: string, goproxy: string, root: string): Promise<{ ms: number; outcome: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(go, ['mod', 'download', '-json', `${MODULE.path}@${MODULE.version}`], { cwd: root, env: { ...isolatedGoEnv(root), PATH: path.dirname(go), GOPROXY: goproxy, GOSUMDB: 'off', GOFLAGS: '-mod=mod' }, timeout: GO_CAP_MS, killSignal: 'SIGKILL' }, (error) => {
      const ms = performance.now() - started;
      resolve({ ms, outcome: error === null ? 'downloaded' : error.killed ? `killed at the ${GO_CAP_MS / 1000} s cap (still waiting on the hung proxy)` : `failed (exit ${String(error.code)})` });
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const go = findGo();
const hung = await startSilentServer();
const closed = await closedPort();
const healthy: ModuleProxy[] = [];
for (let i = 0; i < 5; i++) healthy.push(await startModuleProxy([MODULE]));
const root = await mkdtemp(path.join(tmpdir(), 'bench-probe-'));
try {
  const first = healthy[0];
  if (first === undefined) throw new Error('no healthy proxy');
  const mixed = `http://127.0.0.1:${hung.port}|http://127.0.0.1:${closed}|${first.url}`;
  console.log(`GOPROXY=${mixed.replace(/127\.0\.0\.1:\d+/g, '<loopback>')}  (hung | refused | healthy)`);
  const probeMs = await probeOnce(mixed);
  console.log(`  action probe phase:            ${(probeMs / 1000).toFixed(2)} s (budget ${BUDGET_MS / 1000} s)`);
  if (go === null) {
    console.log('  go mod download:               skipped (no go binary)');
  } else {
    const download = await goDownload(go, mixed, root);
    console.log(`  go mod download (real go):     ${(download.ms / 1000).toFixed(2)} s, ${download.outcome}`);
    console.log(`  ratio go / probe:              ${(download.ms / probeMs).toFixed(1)}x (go has no timeout; the probe is bounded)`);
  }

  const rounds = 5;
  const one: number[] = [];
  const five: number[] = [];
  for (let round = 0; round < rounds; round++) {
    one.push(await probeOnce(first.url));
    five.push(await probeOnce(healthy.map((proxy) => proxy.url).join('|')));
  }
  console.log(`\nParallelism, median of ${rounds} rounds:`);
  console.log(`  1 healthy proxy:   ${median(one).toFixed(1)} ms`);
  console.log(`  5 healthy proxies: ${median(five).toFixed(1)} ms`);
  console.log(`  ratio 5 / 1:       ${(median(five) / median(one)).toFixed(2)}x (1.0 = perfectly parallel, 5.0 = serial)`);
} finally {
  await Promise.all([hung.close(), ...healthy.map((proxy) => proxy.close())]);
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
}
