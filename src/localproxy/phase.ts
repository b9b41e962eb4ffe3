// The loopback proxy's part of the main step: start the mTLS bridge before the probe (so the
// probe, the toolchain download and the pre-warm all go through it), and serve the warm module
// cache after the pre-warm. Main does the @actions/core calls with what this returns.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { NetrcEntry } from '../go/netrc.js';
import { redactProxyList } from '../go/redact.js';
import type { Problem } from '../problems.js';
import { DEFAULT_TIMEOUTS, networkEnvOf, type ServeSettings, type Timeouts } from './config.js';
import { controlRequest } from './control.js';
import type { LocalProxyInputs } from './inputs.js';
import { launchLocalProxy, LocalProxyStartError, type LaunchedProxy, type ProxyCommand } from './launch.js';
import { bridgeUrl, httpsHosts, planBridge, rewriteGoproxy } from './plan.js';
import { encodeLocalProxyState, LOCAL_PROXY_STATE_KEY } from './state.js';
import { noLocalProxy, type LocalProxyStart } from './result.js';

export { localProxySummary, NO_LOCAL_PROXY, type LocalProxyResult, type LocalProxyStart } from './result.js';

export interface LocalProxyContext {
  inputs: LocalProxyInputs;
  /** For the netrc lines the proxy needs: every https host of these GOPROXY lists (GOPROXY and fallback-proxies). */
  proxyLists: string[];
  netrc: readonly NetrcEntry[];
  env: NodeJS.ProcessEnv;
  runnerTemp: string;
  command: ProxyCommand;
  platform: NodeJS.Platform;
  readyTimeoutMs?: number;
  timeouts?: Timeouts;
}

const DEFAULT_READY_TIMEOUT_MS = 15_000;

function startFailed(error: unknown, what: string): Problem {
  const message = error instanceof LocalProxyStartError ? error.message : `The loopback proxy did not start: ${error instanceof Error ? error.message : String(error)}`;
  return { severity: 'error', code: 'LOCAL_PROXY_FAILED', message: `${message} ${what}`, fix: 'Re-run the job; if it fails again, report it with this log (re-run with debug logging).' };
}

function stateOf(proxy: LaunchedProxy): Record<string, string> {
  return { [LOCAL_PROXY_STATE_KEY]: encodeLocalProxyState({ version: 1, pid: proxy.pid, port: proxy.port, token: proxy.token, dir: proxy.dir, configFile: proxy.configFile, logFile: proxy.logFile }) };
}

async function launch(context: LocalProxyContext, upstreams: Array<{ index: number; url: string }>, serve: ServeSettings | null): Promise<LaunchedProxy> {
  const hosts = httpsHosts(context.proxyLists);
  return launchLocalProxy({
    runnerTemp: context.runnerTemp,
    command: context.command,
    readyTimeoutMs: context.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
    env: context.env,
    platform: context.platform,
    config: {
      port: 0,
      upstreams,
      clientCertificate: context.inputs.clientCertificate,
      netrc: context.netrc.filter((entry) => hosts.has(entry.machine.toLowerCase())),
      networkEnv: networkEnvOf(context.env),
      timeouts: context.timeouts ?? DEFAULT_TIMEOUTS,
      serve,
      platform: context.platform,
    },
  });
}

/** Before the probe: bridge the entries that need the client certificate. */
export async function startBridge(context: LocalProxyContext, goproxy: string, gonoproxy: string): Promise<LocalProxyStart> {
  const none = noLocalProxy(goproxy);
  if (context.inputs.clientCertificate === null) return none;
  const plan = planBridge(goproxy, gonoproxy, context.inputs.certificateProxies, context.platform);
  if (plan === null) {
    return {
      ...none,
      problems: [{
        severity: 'warning',
        code: 'CLIENT_CERTIFICATE_UNUSED',
        variable: 'client-certificate',
        setIn: 'input',
        message: `client-certificate is set, but GOPROXY (${redactProxyList(goproxy)}) has no https entry that needs it, so nothing is bridged.`,
        fix: 'Put the mTLS proxy in GOPROXY, or name it in client-certificate-proxies (proxy.golang.org is never bridged unless named).',
      }],
    };
  }
  let running: LaunchedProxy;
  try {
    running = await launch(context, plan.upstreams, null);
  } catch (error) {
    return { ...none, problems: [startFailed(error, 'GOPROXY was left as configured, so the go command will meet the client-certificate request itself and fail.')] };
  }
  return {
    goproxy: rewriteGoproxy(plan, running.port),
    running,
    result: {
      url: running.url,
      bridged: plan.upstreams.map((upstream) => ({ index: upstream.index, exported: bridgeUrl(running.port, upstream.index), upstream: redactProxyList(upstream.url) })),
      servingModules: false,
      moduleProxy: '',
    },
    state: stateOf(running),
    problems: [],
    secrets: [running.token],
  };
}

export interface ServeInput {
  /** $GOMODCACHE of the job. */
  gomodcache: string;
  /** The exported GOPROXY, asked for what the cache lacks. */
  fallback: string;
  gonoproxy: string;
}

/** After the pre-warm: serve $GOMODCACHE/cache/download (serve-modules), in the bridge's process when there is one. */
export async function startServing(context: LocalProxyContext, current: LocalProxyStart, serve: ServeInput): Promise<LocalProxyStart> {
  if (!context.inputs.serveModules) return current;
  if (serve.gomodcache === '') {
    return { ...current, problems: [...current.problems, { severity: 'error', code: 'LOCAL_PROXY_FAILED', variable: 'serve-modules', setIn: 'input', message: 'serve-modules is true, but GOMODCACHE is unknown (no go command was found), so there is no module cache to serve.', fix: 'Install Go before this action (or set go-version), or set serve-modules: false.' }] };
  }
  const settings: ServeSettings = { downloadDir: path.join(serve.gomodcache, 'cache', 'download'), fallback: serve.fallback, gonoproxy: serve.gonoproxy };
  // The go command creates it on its first download; an empty cache still serves (everything falls through).
  await mkdir(settings.downloadDir, { recursive: true });
  const serving = (running: LaunchedProxy): LocalProxyStart => ({
    ...current,
    running,
    result: { ...current.result, url: running.url, servingModules: true, moduleProxy: running.url },
    state: stateOf(running),
    secrets: [running.token],
  });
  if (current.running !== null) {
    try {
      const answer = await controlRequest(current.running.port, current.running.token, 'serve', settings, 10_000);
      if (answer.status !== 200) throw new Error(answer.body.trim().slice(0, 300));
      return serving(current.running);
    } catch (error) {
      return { ...current, problems: [...current.problems, startFailed(error, 'The module cache is not served (module-proxy is empty).')] };
    }
  }
  try {
    return serving(await launch(context, [], settings));
  } catch (error) {
    return { ...current, problems: [...current.problems, startFailed(error, 'The module cache is not served (module-proxy is empty).')] };
  }
}
