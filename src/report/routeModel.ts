// Pure: the route model the diagram (route.ts) draws, built from what the main step already has:
// the exported GOPROXY, GONOPROXY/GONOSUMDB, the parsed GOSUMDB, the probe's results and its plan
// of the checksum database's route, and (when the loopback proxy runs) its bridge and served cache.

import { parseProxyList } from '../go/proxyList.js';
import { splitPatternList } from '../go/patterns.js';
import { redactForDisplay, redactProxyList } from '../go/redact.js';
import type { GosumdbConfig } from '../go/gosumdb.js';
import type { ProbeResult } from '../probe/probe.js';
import type { SumdbCheck } from '../probe/phase.js';
import { routeSummaryBody, type ChecksumRoute, type HopVerdict, type RouteHop, type RouteModel } from './route.js';
import type { SummarySection } from './summary.js';

/**
 * What the loopback proxy process adds to the route (filled from its result by the main step).
 * `bridged[].index` is the 0-based position, in the exported GOPROXY's entry list (as
 * parseProxyList returns it, direct/off included), of a `http://127.0.0.1:<port>/<n>/` entry that
 * stands for `upstream`; `servedCache.url` is the module-proxy output.
 */
export interface LoopbackRoute {
  bridged: ReadonlyArray<{ index: number; upstream: string }>;
  servedCache?: { url: string };
}

export interface RouteFacts {
  /** The GOPROXY exported to later steps (after the probe's fallback decision). */
  goproxy: string;
  /** Resolved GONOPROXY (already defaulted to GOPRIVATE). */
  gonoproxy: string;
  /** Resolved GONOSUMDB (already defaulted to GOPRIVATE). */
  gonosumdb: string;
  /** null when GOSUMDB is invalid. */
  gosumdb: GosumdbConfig | null;
  /** null when the probe did not run. */
  probe: {
    results: readonly ProbeResult[];
    sumdb: SumdbCheck | null;
    /** Entries the fallback decision removed (FallbackDecision.removed, redacted). */
    removed: readonly string[];
  } | null;
  loopback?: LoopbackRoute;
}

const NOT_PROBED: HopVerdict = { state: 'not-probed', latencyMs: null, detail: null };

function verdictOf(result: ProbeResult | undefined): HopVerdict {
  if (result === undefined) return NOT_PROBED;
  const detail = result.ok ? null : (result.errorClass ?? (result.status === null ? null : `HTTP ${result.status}`));
  return { state: result.verdict, latencyMs: result.latencyMs, detail };
}

/** Probe results carry the URL redacted for display; match an entry in either redacted form. */
function resultFor(results: readonly ProbeResult[], url: string): ProbeResult | undefined {
  const forms = new Set([url, redactProxyList(url), redactForDisplay(url)]);
  return results.find((result) => forms.has(result.url));
}

/** null when the exported GOPROXY is invalid: the go command contacts nothing, there is no route. */
export function buildRouteModel(facts: RouteFacts): RouteModel | null {
  const parse = parseProxyList(facts.goproxy, facts.gonoproxy);
  if (!parse.ok) return null;
  const results = facts.probe?.results ?? [];
  const bridges = new Map((facts.loopback?.bridged ?? []).map((bridge) => [bridge.index, bridge.upstream]));

  const hops: RouteHop[] = parse.entries.map((entry, index) => {
    const result = entry.kind === 'url' && facts.probe !== null ? resultFor(results, entry.url) : undefined;
    const upstream = entry.kind === 'url' ? bridges.get(index) : undefined;
    return {
      kind: entry.kind === 'url' ? 'proxy' : entry.kind,
      url: redactProxyList(entry.url),
      separator: entry.separator,
      verdict: verdictOf(result),
      addedByProbe: result?.role === 'fallback',
      bridgeTo: upstream === undefined ? null : redactProxyList(upstream),
    };
  });

  const dropped = (facts.probe?.removed ?? []).map((url) => ({ url, verdict: verdictOf(resultFor(results, url)) }));
  const sumdbOff = facts.gosumdb?.kind === 'off';
  return {
    hops,
    privatePatterns: parse.implicitNoproxy ? drawnPatterns(splitPatternList(facts.gonoproxy)) : null,
    dropped,
    checksum: checksumRoute(facts, parse.entries.map((entry) => entry.url)),
    noSumdbPatterns: facts.gosumdb === null || sumdbOff ? [] : splitPatternList(facts.gonosumdb),
    servedCache: facts.loopback?.servedCache === undefined ? null : { url: redactProxyList(facts.loopback.servedCache.url) },
  };
}

/**
 * "none" is the documented way to undo GOPRIVATE for the proxy (GONOPROXY=none): an ordinary
 * pattern for the go command that matches no real module path, so it is not drawn as a route.
 */
function drawnPatterns(patterns: string[]): string[] | null {
  const real = patterns.filter((pattern) => pattern !== 'none');
  return real.length === 0 ? null : real;
}

function checksumRoute(facts: RouteFacts, entryUrls: readonly string[]): ChecksumRoute {
  const base = { name: null, url: null, throughHop: null, verdict: NOT_PROBED, reason: null };
  const config = facts.gosumdb;
  if (config === null) return { ...base, via: 'invalid' };
  if (config.kind === 'off') return { ...base, via: 'off' };
  const check = facts.probe?.sumdb ?? null;
  if (check === null) {
    // Known without asking anything: an explicit URL bypasses GOPROXY.
    return config.url === null ? { ...base, via: 'not-probed', name: config.name } : { ...base, via: 'explicit-url', name: config.name, url: redactProxyList(config.url) };
  }
  const probe = check.probe;
  const verdict: HopVerdict =
    probe === null ? NOT_PROBED : { state: probe.ok ? 'healthy' : 'unhealthy', latencyMs: probe.latencyMs, detail: probe.ok ? null : (probe.errorClass ?? (probe.status === null ? null : `HTTP ${probe.status}`)) };
  const route = check.route;
  switch (route.via) {
    case 'off':
      return { ...base, via: 'off' };
    case 'fails':
      return { ...base, via: 'fails', name: config.name, reason: redactProxyList(route.reason) };
    case 'proxy': {
      // The walk stops at the entry that answered /supported with 200: the last one asked.
      const served = route.proxiesAsked[route.proxiesAsked.length - 1];
      const index = served === undefined ? -1 : entryUrls.indexOf(served);
      return { ...base, via: 'proxy', name: config.name, url: route.baseUrl === null ? null : redactProxyList(route.baseUrl), throughHop: index < 0 ? null : index, verdict };
    }
    default:
      return { ...base, via: route.via, name: config.name, url: route.baseUrl === null ? null : redactProxyList(route.baseUrl), verdict };
  }
}

/** The summary section for the route: the diagram, or why there is none. */
export function routeSection(facts: RouteFacts): SummarySection {
  const model = buildRouteModel(facts);
  return { heading: 'Route', body: model === null ? '> No route to draw: GOPROXY is invalid, so the go command contacts nothing (see Problems).\n' : routeSummaryBody(model) };
}
