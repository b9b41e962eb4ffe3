// Pure: given the probe's verdicts, decide the GOPROXY the action exports. Dead entries go,
// healthy fallbacks take their place before direct/off, and a public mirror is never put where a
// private proxy's failure would send private module paths to it (golang/go#37367).

import { formatProxyList, type ProxyEntry } from '../go/proxyList.js';
import { matchPrefixPatterns } from '../go/patterns.js';
import { redactProxyList } from '../go/redact.js';
import { isPrivateLookingProxy } from '../config/lintProxy.js';
import { looksPrivateHost } from '../config/hosts.js';

export type OnUnreachable = 'fallback' | 'fail' | 'warn';

export interface EntryHealth {
  /** The entry's URL exactly as in ProxyEntry.url (with credentials). */
  url: string;
  healthy: boolean;
}

export interface FallbackInput {
  entries: readonly ProxyEntry[];
  fallbacks: readonly ProxyEntry[];
  health: ReadonlyMap<string, boolean>;
  onUnreachable: OnUnreachable;
  goprivate: string;
  gonoproxy: string;
  /** Module paths the workspace requires that look private (match GOPRIVATE, or share a private proxy's domain). */
  privateModulePaths: readonly string[];
}

export interface FallbackDecision {
  goproxy: string;
  changed: boolean;
  removed: string[];
  added: string[];
  /** Fallbacks not added, with the reason (already redacted). */
  refused: Array<{ url: string; reason: string }>;
  /** Nothing healthy was left. */
  outcome: 'unchanged' | 'replaced' | 'direct-only' | 'nothing-left';
}

type Separator = ',' | '|' | '';

export function decideGoproxy(input: FallbackInput, original: string): FallbackDecision {
  const failing = input.entries.filter((entry) => entry.kind === 'url' && input.health.get(entry.url) === false);
  const unchanged: FallbackDecision = { goproxy: original, changed: false, removed: [], added: [], refused: [], outcome: 'unchanged' };
  if (failing.length === 0 || input.onUnreachable !== 'fallback') return unchanged;

  const proxies = input.entries.filter((entry) => entry.kind === 'url');
  const keyword = input.entries.find((entry) => entry.kind !== 'url') ?? null;
  const kept = proxies.filter((entry) => input.health.get(entry.url) !== false);
  const healthyFallbacks = input.fallbacks.filter((entry) => entry.kind === 'url' && input.health.get(entry.url) === true && !kept.some((k) => k.url === entry.url));

  const refused: FallbackDecision['refused'] = [];
  const leakRisk = privateLeakRisk(kept, input);
  const added = healthyFallbacks.filter((fallback) => {
    if (leakRisk === null || isPrivateLookingProxy(fallback, input.goprivate, input.gonoproxy)) return true;
    refused.push({ url: redactProxyList(fallback.url), reason: leakRisk });
    return false;
  });

  // The user's last separator before direct/off keeps its meaning (',' = go direct only on 404/410);
  // between mirrors '|' is what failover needs.
  const lastProxy = proxies[proxies.length - 1];
  const tailSeparator: Separator = keyword === null ? '' : (lastProxy?.separator ?? ',');
  const chain: Array<{ url: string; separator: Separator }> = [];
  kept.forEach((entry) => chain.push({ url: entry.url, separator: entry.separator === '' ? '|' : entry.separator }));
  added.forEach((entry) => chain.push({ url: entry.url, separator: '|' }));
  if (chain.length > 0) {
    const last = chain[chain.length - 1];
    if (last !== undefined) last.separator = tailSeparator;
  }
  if (keyword !== null) chain.push({ url: keyword.url, separator: '' });

  const removed = failing.map((entry) => redactProxyList(entry.url));
  const addedUrls = added.map((entry) => redactProxyList(entry.url));
  if (kept.length === 0 && added.length === 0) {
    if (keyword?.kind === 'direct') return { goproxy: 'direct', changed: original !== 'direct', removed, added: [], refused, outcome: 'direct-only' };
    return { ...unchanged, removed, refused, outcome: 'nothing-left' };
  }
  const goproxy = formatProxyList(chain);
  return { goproxy, changed: goproxy !== original, removed, added: addedUrls, refused, outcome: 'replaced' };
}

/**
 * A public fallback is unsafe when a private-looking proxy stays in front of it and some
 * private-looking module the workspace requires is not covered by GONOPROXY: that module's path
 * would be asked from the private proxy first and, on its failure, from the public mirror.
 */
function privateLeakRisk(kept: readonly ProxyEntry[], input: FallbackInput): string | null {
  const privateProxy = kept.find((entry) => isPrivateLookingProxy(entry, input.goprivate, input.gonoproxy));
  if (privateProxy === undefined) return null;
  const shown = redactProxyList(privateProxy.url);
  if (input.gonoproxy.trim() === '') {
    return `"${shown}" looks private and GONOPROXY/GOPRIVATE are empty, so a public mirror after it could receive private module paths when it fails (golang/go#37367); list private paths in GOPRIVATE to allow the fallback`;
  }
  const exposed = input.privateModulePaths.find((path) => !matchPrefixPatterns(input.gonoproxy, path));
  if (exposed === undefined) return null;
  return `"${shown}" looks private and ${exposed} is not covered by GONOPROXY, so a public mirror after it could receive that private path when the private proxy fails (golang/go#37367)`;
}

/**
 * Required modules that look private: they match GOPRIVATE, sit on a private-looking host, or
 * share the organisation domain of a private-looking proxy in the list.
 */
export function privateLookingModules(paths: readonly string[], entries: readonly ProxyEntry[], goprivate: string, gonoproxy: string): string[] {
  const proxyDomains = new Set(
    entries.filter((entry) => entry.parsed !== null && isPrivateLookingProxy(entry, goprivate, gonoproxy)).map((entry) => organisationDomain(entry.parsed?.host ?? '')),
  );
  return paths.filter((path) => {
    const host = path.split('/')[0] ?? '';
    return matchPrefixPatterns(goprivate, path) || looksPrivateHost(host) || proxyDomains.has(organisationDomain(host));
  });
}

function organisationDomain(host: string): string {
  return host.replace(/:\d+$/, '').toLowerCase().split('.').slice(-2).join('.');
}
