// The loopback proxy as the route picture (src/report/routeModel.ts) draws it. Pure.

import { parseProxyList } from '../go/proxyList.js';
import type { LoopbackRoute } from '../report/routeModel.js';
import type { LocalProxyResult } from './result.js';

/**
 * The route picture wants each bridge entry by its position in the exported GOPROXY's entry list
 * (the probe's fallback may have moved or removed it); undefined when no loopback proxy runs.
 */
export function loopbackRouteOf(result: LocalProxyResult, exportedGoproxy: string, gonoproxy: string): LoopbackRoute | undefined {
  if (result.url === null) return undefined;
  const parse = parseProxyList(exportedGoproxy, gonoproxy);
  const entries = parse.ok ? parse.entries : [];
  const bridged = entries.flatMap((entry, index) => {
    const bridge = entry.kind === 'url' ? result.bridged.find((candidate) => candidate.exported === entry.url.replace(/\/+$/, '')) : undefined;
    return bridge === undefined ? [] : [{ index, upstream: bridge.upstream }];
  });
  return { bridged, ...(result.servingModules ? { servedCache: { url: result.moduleProxy } } : {}) };
}
