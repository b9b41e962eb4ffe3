// Which GOPROXY entries go through the mTLS bridge, and the GOPROXY the job gets instead. Pure.
//
// The go command allows plain http to loopback, so each bridged https entry is replaced, in place
// and with its separator, by http://127.0.0.1:<port>/<n>: `,` and `|` keep their meaning.

import { isPublicDefaultProxy } from '../config/hosts.js';
import { InputError } from '../config/inputValues.js';
import { formatProxyList, parseProxyList, type ProxyEntry } from '../go/proxyList.js';
import { redactProxyList } from '../go/redact.js';
import { hostAsWritten } from '../probe/probe.js';
import type { BridgeUpstream } from './config.js';

export interface BridgePlan {
  upstreams: BridgeUpstream[];
  /** The GOPROXY entries as parsed, for rewriting. */
  entries: ProxyEntry[];
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function isHttpsEntry(entry: ProxyEntry): boolean {
  return entry.kind === 'url' && entry.parsed?.scheme === 'https';
}

function entryHost(entry: ProxyEntry): string {
  return (hostAsWritten(entry.url) ?? '').toLowerCase();
}

/** Whether a client-certificate-proxies item names this entry: its URL (scheme optional) or its host[:port]. */
function names(item: string, entry: ProxyEntry): boolean {
  const lowered = item.toLowerCase();
  if (!item.includes('/')) return entryHost(entry) === lowered;
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(item) ? item : `https://${item}`;
  return withoutTrailingSlash(url).toLowerCase() === withoutTrailingSlash(entry.url).toLowerCase();
}

/**
 * null when there is nothing to bridge (GOPROXY invalid, or no entry selected). `selection` is
 * client-certificate-proxies; empty means every https entry that is not the public default proxy.
 */
export function planBridge(goproxy: string, gonoproxy: string, selection: readonly string[], platform: NodeJS.Platform): BridgePlan | null {
  const parse = parseProxyList(goproxy, gonoproxy, { windows: platform === 'win32' });
  if (!parse.ok) return null;
  const httpsEntries = parse.entries.filter(isHttpsEntry);
  let chosen: ProxyEntry[];
  if (selection.length === 0) {
    chosen = httpsEntries.filter((entry) => !isPublicDefaultProxy((entry.parsed?.host ?? '').replace(/:\d+$/, '')));
  } else {
    chosen = [];
    for (const item of selection) {
      const matches = parse.entries.filter((entry) => entry.kind === 'url' && names(item, entry));
      if (matches.length === 0 || !matches.some(isHttpsEntry)) {
        const listed = httpsEntries.map((entry) => redactProxyList(entry.url)).join(', ') || 'none';
        throw new InputError(
          'client-certificate-proxies',
          item,
          matches.length === 0 ? `it names no entry of GOPROXY (its https entries: ${listed})` : 'that GOPROXY entry is not https, and a client certificate is only presented over TLS',
          'Name https GOPROXY entries by URL or host[:port], one per line, or leave the input empty to bridge every https entry that is not proxy.golang.org.',
        );
      }
      chosen.push(...matches.filter(isHttpsEntry));
    }
  }
  const upstreams: BridgeUpstream[] = [];
  for (const entry of chosen) {
    if (!upstreams.some((upstream) => upstream.url === entry.url)) upstreams.push({ index: upstreams.length + 1, url: entry.url });
  }
  return upstreams.length === 0 ? null : { upstreams, entries: parse.entries };
}

export function bridgeUrl(port: number, index: number): string {
  return `http://127.0.0.1:${port}/${index}`;
}

/** GOPROXY with each bridged entry replaced by its loopback URL. */
export function rewriteGoproxy(plan: BridgePlan, port: number): string {
  return formatProxyList(
    plan.entries.map((entry) => {
      const upstream = plan.upstreams.find((candidate) => candidate.url === entry.url && isHttpsEntry(entry));
      return { url: upstream === undefined ? entry.url : bridgeUrl(port, upstream.index), separator: entry.separator };
    }),
  );
}

/** Hosts (as written) whose .netrc lines the proxy needs: every https entry of these lists. */
export function httpsHosts(lists: readonly string[]): Set<string> {
  const hosts = new Set<string>();
  for (const list of lists) {
    const parse = parseProxyList(list, '');
    if (!parse.ok) continue;
    for (const entry of parse.entries) if (isHttpsEntry(entry)) hosts.add(entryHost(entry));
  }
  return hosts;
}
