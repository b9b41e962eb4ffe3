// The probe phase of the main step: probe every proxy entry and fallback in parallel, then the
// checksum database along the route the go command will take with the GOPROXY we export, all
// inside one time budget; decide the exported GOPROXY.

import type { Problem } from '../problems.js';
import { parseProxyList, type ProxyEntry, type ProxyListParse } from '../go/proxyList.js';
import { planSumdbRoute, type GosumdbConfig, type SumdbRoute } from '../go/gosumdb.js';
import type { NetrcEntry } from '../go/netrc.js';
import type { ModuleRoute } from '../config/routing.js';
import { probeTargets, type ProbeResult, type ProbeTarget } from './probe.js';
import { probeSumdb, type SumdbProbeResult } from './sumdb.js';
import { decideGoproxy, privateLookingModules, type FallbackDecision, type OnUnreachable } from './fallback.js';
import { probeProblems } from './report.js';

export interface ProbePhaseInput {
  goproxy: string;
  parse: ProxyListParse & { ok: true };
  fallbacks: readonly ProxyEntry[];
  gonoproxy: string;
  goprivate: string;
  sumdb: GosumdbConfig | null;
  onUnreachable: OnUnreachable;
  budgetMs: number;
  env: NodeJS.ProcessEnv;
  routes: readonly ModuleRoute[];
  netrc: NetrcEntry[];
}

export interface SumdbCheck {
  route: SumdbRoute;
  probe: SumdbProbeResult | null;
}

export interface ProbePhaseResult {
  results: ProbeResult[];
  sumdb: SumdbCheck | null;
  decision: FallbackDecision;
  problems: Problem[];
  /** Healthy GOPROXY values to switch to when a download hits a network error, best first. */
  alternatives: string[];
}

/** Share of the budget for the proxies; the checksum database (which depends on them) gets the rest. */
const PROXY_SHARE = 0.65;
const MODULES_TO_PROBE = 3;

export async function runProbePhase(input: ProbePhaseInput): Promise<ProbePhaseResult> {
  const started = Date.now();
  const proxyEntries = input.parse.entries.filter((entry) => entry.kind === 'url');
  const targets: ProbeTarget[] = [
    ...proxyEntries.map((entry): ProbeTarget => ({ url: entry.url, role: 'proxy' })),
    ...input.fallbacks.filter((entry) => !proxyEntries.some((p) => p.url === entry.url)).map((entry): ProbeTarget => ({ url: entry.url, role: 'fallback' })),
  ];
  const modules = selectProbeModules(input.routes);
  const sumdbName = input.sumdb?.kind === 'db' && input.sumdb.url === null ? input.sumdb.name : null;
  const results =
    targets.length === 0
      ? []
      : await probeTargets(targets, { modules, sumdbName, budgetMs: Math.max(500, Math.floor(input.budgetMs * PROXY_SHARE)), env: input.env, netrc: input.netrc });

  const health = new Map<string, boolean>();
  targets.forEach((target, index) => health.set(target.url, results[index]?.ok ?? false));
  const decision = decideGoproxy(
    {
      entries: input.parse.entries,
      fallbacks: input.fallbacks,
      health,
      onUnreachable: input.onUnreachable,
      goprivate: input.goprivate,
      gonoproxy: input.gonoproxy,
      privateModulePaths: privateLookingModules(
        input.routes.map((route) => route.path),
        input.parse.entries,
        input.goprivate,
        input.gonoproxy,
      ),
    },
    input.goproxy,
  );

  const remaining = input.budgetMs - (Date.now() - started);
  const sumdb = input.sumdb === null || input.sumdb.kind === 'off' ? null : await checkSumdb(input, decision.goproxy, targets, results, remaining);
  const alternatives = healthyAlternatives(decision.goproxy, targets, results);
  return { results, sumdb, decision, problems: probeProblems({ targets, results, decision, sumdb, onUnreachable: input.onUnreachable }), alternatives };
}

/** A few modules the workspace really fetches through the proxy; their .info is what go asks first. */
export function selectProbeModules(routes: readonly ModuleRoute[]): Array<{ path: string; version: string }> {
  const seen = new Set<string>();
  const picked: Array<{ path: string; version: string }> = [];
  for (const route of routes) {
    if (!route.viaProxy || seen.has(route.path) || route.version === '') continue;
    seen.add(route.path);
    picked.push({ path: route.path, version: route.version });
    if (picked.length === MODULES_TO_PROBE) break;
  }
  return picked;
}

async function checkSumdb(input: ProbePhaseInput, exported: string, targets: ProbeTarget[], results: ProbeResult[], remainingMs: number): Promise<SumdbCheck | null> {
  if (input.sumdb === null || input.sumdb.kind !== 'db') return null;
  const exportedList = parseProxyList(exported, input.gonoproxy);
  if (!exportedList.ok) return null;
  const supportedOf = (url: string) => {
    const index = targets.findIndex((target) => target.url === url);
    const answer = index < 0 ? 'not-asked' : (results[index]?.sumdbSupported ?? 'not-asked');
    return answer === 'yes' ? 'ok' : answer === 'error' ? 'error' : 'not-found';
  };
  const route = planSumdbRoute(input.sumdb, exportedList, supportedOf);
  if (route.baseUrl === null) return { route, probe: null };
  const lookup = input.routes.find((candidate) => candidate.checkedBySumdb && candidate.viaProxy && candidate.version !== '');
  const probe = await probeSumdb(route.baseUrl, {
    ...(lookup === undefined ? {} : { lookup: { path: lookup.path, version: lookup.version } }),
    budgetMs: Math.max(300, remainingMs),
    env: input.env,
    netrc: input.netrc,
  });
  return { route, probe };
}

/**
 * GOPROXY values for the download retries: the exported list without its first healthy proxy,
 * then each remaining healthy proxy on its own (keeping the list's direct/off tail).
 */
function healthyAlternatives(exported: string, targets: ProbeTarget[], results: ProbeResult[]): string[] {
  const healthy = targets.filter((_, index) => results[index]?.ok === true).map((target) => target.url);
  const tail = /(?:^|[,|])\s*(direct|off)\s*$/.exec(exported)?.[1];
  return healthy.map((url) => (tail === undefined ? url : `${url}|${tail}`)).filter((value) => value !== exported);
}
