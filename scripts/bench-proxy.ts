// Measures the loopback proxy (the bundled dist/proxy.js, started as main starts it) and prints,
// in one run:
//   1. a cold `go mod download` of a 150-module graph (~100 MB of zips) through the mTLS bridge vs
//      directly from the same kind of TLS upstream (goal: ratio <= 1.15), once with upstreams that
//      answer at once from memory on this machine (the worst case for a proxy in between: all of
//      its CPU is added to the go command's on the same cores), once with upstreams that wait
//      --latency ms (default 20) before each answer, as a remote proxy's round trip does;
//   2. the proxy's peak memory while streaming the graph and a 200 MB zip (goal: < 100 MiB);
//   3. a cold download from the served module cache vs from the upstream proxy.
// Every figure is the median of --runs runs, alternating the two sides.
//
//   npm run bench:proxy -- [--modules 150] [--zip-bytes 700000] [--runs 3]
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateModuleGraph, startModuleProxy } from '../__tests__/fixtures/moduleProxy.js';
import { makeTlsFixtures } from '../__tests__/fixtures/tls.js';
import { makeClientCertificates } from '../__tests__/fixtures/clientCerts.js';
import { findGo, isolatedGoEnv } from '../__tests__/helpers/go.js';
import { runProcess } from '../__tests__/helpers/process.js';
import { DEFAULT_TIMEOUTS } from '../src/localproxy/config.js';
import { controlRequest } from '../src/localproxy/control.js';
import { launchLocalProxy, type LaunchConfig, type LaunchedProxy } from '../src/localproxy/launch.js';
import { stopLocalProxy } from '../src/localproxy/stop.js';
import { encodeLocalProxyState } from '../src/localproxy/state.js';
import { removeTree } from '../src/cache/fsTree.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
}

const MODULES = arg('modules', 150);
const ZIP_BYTES = arg('zip-bytes', 700_000);
const RUNS = arg('runs', 3);
const LATENCY_MS = arg('latency', 20);
const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mib = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MiB`;
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const go = findGo();
  if (go === null) throw new Error('no go binary (set GO_BINARY)');
  const root = await mkdtemp(path.join(tmpdir(), 'bench-proxy-'));
  const tls = await makeTlsFixtures();
  const certs = await makeClientCertificates(tls);
  const graph = generateModuleGraph(MODULES, ZIP_BYTES, 42);
  const serverTls = { key: tls.server.key, cert: tls.server.cert };
  const plainUpstream = await startModuleProxy(graph.modules, { tls: serverTls });
  const mtlsUpstream = await startModuleProxy(graph.modules, { tls: { ...serverTls, clientCa: tls.ca.cert } });
  const remotePlainUpstream = await startModuleProxy(graph.modules, { tls: serverTls, responseDelayMs: LATENCY_MS });
  const remoteMtlsUpstream = await startModuleProxy(graph.modules, { tls: { ...serverTls, clientCa: tls.ca.cert }, responseDelayMs: LATENCY_MS });
  const runnerTemp = path.join(root, 'runner-temp');
  await mkdir(runnerTemp, { recursive: true });
  const started: LaunchedProxy[] = [];
  const launch = async (config: Partial<LaunchConfig>): Promise<LaunchedProxy> => {
    const proxy = await launchLocalProxy({
      runnerTemp,
      readyTimeoutMs: 30_000,
      env: process.env,
      platform: process.platform,
      command: { file: process.execPath, args: [path.join(ROOT_DIR, 'dist', 'proxy.js')] },
      config: { port: 0, upstreams: [], clientCertificate: null, netrc: [], networkEnv: { SSL_CERT_FILE: tls.ca.certPath }, timeouts: DEFAULT_TIMEOUTS, serve: null, platform: process.platform, ...config },
    });
    started.push(proxy);
    return proxy;
  };
  const stats = async (proxy: LaunchedProxy): Promise<{ maxRssBytes: number; cpuMs: number; requests: number; errors: number }> => JSON.parse((await controlRequest(proxy.port, proxy.token, 'stats', undefined, 5000)).body);

  const work = path.join(root, 'app');
  await mkdir(work, { recursive: true });
  await writeFile(path.join(work, 'go.mod'), graph.mainGoMod('example.com/bench'));
  await writeFile(path.join(work, 'main.go'), graph.mainGo());
  await writeFile(path.join(work, 'go.sum'), `${plainUpstream.sumLines().join('\n')}\n`);
  const goEnv = (home: string, goproxy: string): NodeJS.ProcessEnv => ({ ...isolatedGoEnv(path.join(root, home)), PATH: path.dirname(go), GOPROXY: goproxy, GOSUMDB: 'off', GOFLAGS: '-mod=mod', SSL_CERT_FILE: tls.ca.certPath });
  const coldDownload = async (home: string, goproxy: string): Promise<number> => {
    await removeTree(path.join(root, home));
    const t0 = performance.now();
    const result = await runProcess(go, ['mod', 'download'], { cwd: work, env: goEnv(home, goproxy), timeoutMs: 600_000 });
    const ms = performance.now() - t0;
    if (result.code !== 0) throw new Error(`go mod download via ${goproxy} failed: ${result.stderr.slice(0, 500)}`);
    return ms;
  };

  try {
    const bridge = await launch({ upstreams: [{ index: 1, url: mtlsUpstream.url }], clientCertificate: certs.client });
    const baseline = await stats(bridge);
    const direct: number[] = [];
    const bridged: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      direct.push(await coldDownload('direct', plainUpstream.url));
      bridged.push(await coldDownload('bridged', `${bridge.url}/1`));
    }
    const afterGraph = await stats(bridge);

    const remoteBridge = await launch({ upstreams: [{ index: 1, url: remoteMtlsUpstream.url }], clientCertificate: certs.client });
    const remoteDirect: number[] = [];
    const remoteBridged: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      remoteDirect.push(await coldDownload('direct', remotePlainUpstream.url));
      remoteBridged.push(await coldDownload('bridged-remote', `${remoteBridge.url}/1`));
    }

    // A 200 MB zip from an mTLS upstream, through the same process.
    const total = 200 * 1048576;
    const chunk = Buffer.alloc(1048576, 1);
    const big = https.createServer({ ...serverTls, ca: tls.ca.cert, requestCert: true, rejectUnauthorized: true }, (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(total) });
      let sent = 0;
      const pump = (): void => {
        while (sent < total) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      pump();
    });
    await new Promise<void>((resolve) => big.listen(0, '127.0.0.1', resolve));
    const bigProxy = await launch({ upstreams: [{ index: 1, url: `https://127.0.0.1:${(big.address() as AddressInfo).port}` }], clientCertificate: certs.client });
    const bigBaseline = await stats(bigProxy);
    const t0 = performance.now();
    const bigResponse = await fetch(`${bigProxy.url}/1/example.com/big/@v/v1.0.0.zip`);
    let received = 0;
    for await (const part of bigResponse.body ?? []) received += (part as Uint8Array).length;
    const bigMs = performance.now() - t0;
    const bigAfter = await stats(bigProxy);
    big.closeAllConnections();
    big.close();

    // The served cache: warm GOMODCACHE from the bridge run above, served by a proxy of its own.
    const served = await launch({ serve: { downloadDir: path.join(root, 'bridged', 'gopath', 'pkg', 'mod', 'cache', 'download'), fallback: plainUpstream.url, gonoproxy: '' } });
    const fromCache: number[] = [];
    const fromUpstream: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      fromUpstream.push(await coldDownload('upstream', plainUpstream.url));
      fromCache.push(await coldDownload('served', served.url));
    }
    const servedStats = await stats(served);

    const ratio = median(bridged) / median(direct);
    const [one, five, fifteen] = loadavg();
    console.log(`setup-goproxy loopback proxy benchmark: ${MODULES} modules, ${mib(MODULES * ZIP_BYTES)} of zips (approx.), median of ${RUNS} runs`);
    console.log(`machine: ${cpus().length} cores, load average ${one?.toFixed(1)} / ${five?.toFixed(1)} / ${fifteen?.toFixed(1)} (shared with other jobs: figures are noisy)`);
    console.log('');
    console.log(`cold go mod download, direct from a TLS upstream:   ${s(median(direct))}   (runs: ${direct.map(s).join(', ')})`);
    console.log(`cold go mod download, through the mTLS bridge:      ${s(median(bridged))}   (runs: ${bridged.map(s).join(', ')})`);
    console.log(`ratio bridge / direct:                              ${ratio.toFixed(2)}x (goal <= 1.15x; upstream on this machine, no latency)`);
    console.log(`${`with ${LATENCY_MS} ms upstream latency, direct:`.padEnd(52)}${s(median(remoteDirect))}   (runs: ${remoteDirect.map(s).join(', ')})`);
    console.log(`${`with ${LATENCY_MS} ms upstream latency, through the bridge:`.padEnd(52)}${s(median(remoteBridged))}   (runs: ${remoteBridged.map(s).join(', ')})`);
    console.log(`ratio bridge / direct with latency:                 ${(median(remoteBridged) / median(remoteDirect)).toFixed(2)}x (goal <= 1.15x)`);
    console.log('');
    console.log(`proxy peak RSS, idle after start:                   ${mib(baseline.maxRssBytes)}`);
    console.log(`proxy peak RSS after the bridged downloads:         ${mib(afterGraph.maxRssBytes)} (${afterGraph.requests} requests, ${afterGraph.errors} errors, ${s(afterGraph.cpuMs - baseline.cpuMs)} of proxy CPU)`);
    console.log(`proxy peak RSS streaming one 200 MiB zip:           ${mib(bigAfter.maxRssBytes)} (idle ${mib(bigBaseline.maxRssBytes)}; ${mib(received)} in ${s(bigMs)}, ${(received / 1048576 / (bigMs / 1000)).toFixed(0)} MiB/s) (goal < 100 MiB)`);
    console.log('');
    console.log(`cold go mod download from the upstream proxy:       ${s(median(fromUpstream))}   (runs: ${fromUpstream.map(s).join(', ')})`);
    console.log(`cold go mod download from the served cache:         ${s(median(fromCache))}   (runs: ${fromCache.map(s).join(', ')}; ${servedStats.requests} requests)`);
    console.log(`ratio served / upstream:                            ${(median(fromCache) / median(fromUpstream)).toFixed(2)}x`);
  } finally {
    for (const proxy of started) await stopLocalProxy(encodeLocalProxyState({ version: 1, pid: proxy.pid, port: proxy.port, token: proxy.token, dir: proxy.dir, configFile: proxy.configFile, logFile: proxy.logFile }), { platform: process.platform });
    await plainUpstream.close();
    await mtlsUpstream.close();
    await remotePlainUpstream.close();
    await remoteMtlsUpstream.close();
    await tls.cleanup();
    await removeTree(root).catch(() => rm(root, { recursive: true, force: true }));
  }
}

await main();
