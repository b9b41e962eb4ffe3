// How the go command reaches a URL, rebuilt for undici 7 so the probe takes
// the same path: the same HTTP(S) forward proxy decision and the same TLS
// trust.
//
// Forward proxy: the go command uses net/http's ProxyFromEnvironment, which
// is golang.org/x/net/http/httpproxy. proxyForUrl() below is a port of it:
//   * HTTPS_PROXY/https_proxy for https:// URLs, HTTP_PROXY/http_proxy for
//     http:// URLs (uppercase wins when both are non-empty; an empty value is
//     unset). There is no fallback from HTTPS_PROXY to HTTP_PROXY.
//   * A proxy value without a scheme is read as http://<value>.
//   * NO_PROXY/no_proxy: comma-separated, trimmed, lowercased; `*` disables
//     proxying; CIDR (`10.0.0.0/8`); IP with optional port (`1.2.3.4:8080`,
//     `[::1]:80`); domain with optional port, where `example.com` matches the
//     host and its subdomains and `.example.com` / `*.example.com` match
//     subdomains only. Domain entries never match IP-literal hosts.
//   * `localhost` and loopback IPs are never proxied, whatever the variables say.
//   * Not ported: the CGI rule (REQUEST_METHOD set -> HTTP_PROXY is an error);
//     it never applies on a CI runner.
//
// TLS trust: see loadTrustStore().

import { createRequire } from 'node:module';
import { BlockList, isIP } from 'node:net';
import type { SecureContext } from 'node:tls';
import { domainToASCII } from 'node:url';
import { Agent, Pool, ProxyAgent } from 'undici';
import type { Dispatcher } from 'undici';
import { redactUrl } from './classify.js';
import { keepClientCertificateAlerts } from './tlsAlert.js';
import { loadTrustStoreSync, type TrustOptions, type TrustSource, type TrustStore } from './trust.js';

// ---------------------------------------------------------------------------
// Forward proxy selection (pure)

export type ProxyVariable = 'HTTPS_PROXY' | 'https_proxy' | 'HTTP_PROXY' | 'http_proxy';

export interface ProxyChoice {
  /** The forward proxy, parsed like Go's httpproxy.parseProxy. */
  proxyUrl: URL;
  /** Display form with userinfo redacted. */
  display: string;
  /** Which variable it came from (for fix hints). */
  variable: ProxyVariable;
}

type NoProxyMatcher =
  | { kind: 'all' }
  | { kind: 'ip'; list: BlockList; port: string }
  | { kind: 'cidr'; list: BlockList }
  | { kind: 'domain'; suffix: string; port: string; matchHost: boolean };

function firstNonEmpty(env: NodeJS.ProcessEnv, names: readonly string[]): { name: string; value: string } | null {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== '') return { name, value };
  }
  return null;
}

/** httpproxy.parseProxy: try as is; if that has no scheme or host, try http://<value>. */
export function parseProxyValue(value: string): URL | null {
  let parsed: URL | null = null;
  try {
    parsed = new URL(value);
  } catch {
    parsed = null;
  }
  if (parsed === null || parsed.host === '') {
    try {
      return new URL(`http://${value}`);
    } catch {
      return parsed;
    }
  }
  return parsed;
}

/** Go's net.SplitHostPort, returning null where Go returns an error. */
export function splitHostPort(hostPort: string): { host: string; port: string } | null {
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close < 0 || hostPort[close + 1] !== ':') return null;
    return { host: hostPort.slice(1, close), port: hostPort.slice(close + 2) };
  }
  const colons = hostPort.split(':').length - 1;
  if (colons !== 1) return null;
  const at = hostPort.indexOf(':');
  return { host: hostPort.slice(0, at), port: hostPort.slice(at + 1) };
}

function ipFamily(ip: string): 'ipv4' | 'ipv6' | null {
  const version = isIP(ip);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : null;
}

/** httpproxy config.init: NO_PROXY -> matchers. */
export function parseNoProxy(noProxy: string): NoProxyMatcher[] {
  const matchers: NoProxyMatcher[] = [];
  for (const rawEntry of noProxy.split(',')) {
    const entry = rawEntry.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return [{ kind: 'all' }];

    const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
    if (cidr?.[1] !== undefined && cidr[2] !== undefined) {
      const family = ipFamily(cidr[1]);
      const prefix = Number(cidr[2]);
      if (family !== null && prefix <= (family === 'ipv4' ? 32 : 128)) {
        const list = new BlockList();
        list.addSubnet(cidr[1], prefix, family);
        matchers.push({ kind: 'cidr', list });
        continue;
      }
    }

    let host = entry;
    let port = '';
    const split = splitHostPort(entry);
    if (split !== null) {
      if (split.host === '') continue; // malformed (":80"), Go ignores it
      host = split.host;
      port = split.port;
    }
    const family = ipFamily(host);
    if (family !== null) {
      const list = new BlockList();
      list.addAddress(host, family);
      matchers.push({ kind: 'ip', list, port });
      continue;
    }
    if (host === '') continue;
    if (host.startsWith('*.')) host = host.slice(1);
    let matchHost = false;
    if (!host.startsWith('.')) {
      matchHost = true;
      host = `.${host}`;
    }
    const ascii = /^[\x00-\x7f]*$/.test(host) ? host : domainToASCII(host.slice(1)) === '' ? host : `.${domainToASCII(host.slice(1))}`;
    matchers.push({ kind: 'domain', suffix: ascii, port, matchHost });
  }
  return matchers;
}

/** Go's IP.IsLoopback: 127.0.0.0/8 (also as IPv4-mapped IPv6) and ::1. */
const loopbackAddresses = new BlockList();
loopbackAddresses.addSubnet('127.0.0.0', 8, 'ipv4');
loopbackAddresses.addAddress('::1', 'ipv6');

function isLoopback(ip: string, family: 'ipv4' | 'ipv6'): boolean {
  return loopbackAddresses.check(ip, family);
}

/** httpproxy useProxy: false when NO_PROXY (or the loopback rule) says "go direct". */
export function shouldUseProxy(hostname: string, port: string, matchers: readonly NoProxyMatcher[]): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1').trim().toLowerCase();
  if (host === '') return true;
  if (host === 'localhost') return false;
  const family = ipFamily(host);
  if (family !== null && isLoopback(host, family)) return false;
  for (const matcher of matchers) {
    switch (matcher.kind) {
      case 'all':
        return false;
      case 'cidr':
        if (family !== null && matcher.list.check(host, family)) return false;
        break;
      case 'ip':
        if (family !== null && matcher.list.check(host, family) && (matcher.port === '' || matcher.port === port)) return false;
        break;
      case 'domain':
        if (family === null && (host.endsWith(matcher.suffix) || (matcher.matchHost && host === matcher.suffix.slice(1)))) {
          if (matcher.port === '' || matcher.port === port) return false;
        }
        break;
    }
  }
  return true;
}

/** The forward proxy the go command would use for `target`, or null for a direct connection. */
export function proxyForUrl(target: URL, env: NodeJS.ProcessEnv): ProxyChoice | null {
  const scheme = target.protocol;
  const names: ProxyVariable[] | null = scheme === 'https:' ? ['HTTPS_PROXY', 'https_proxy'] : scheme === 'http:' ? ['HTTP_PROXY', 'http_proxy'] : null;
  if (names === null) return null;
  const selected = firstNonEmpty(env, names);
  if (selected === null) return null;
  const proxyUrl = parseProxyValue(selected.value);
  if (proxyUrl === null) return null; // Go ignores an unparsable value
  const port = target.port !== '' ? target.port : scheme === 'https:' ? '443' : '80';
  const noProxy = firstNonEmpty(env, ['NO_PROXY', 'no_proxy'])?.value ?? '';
  if (!shouldUseProxy(target.hostname, port, parseNoProxy(noProxy))) return null;
  return { proxyUrl, display: redactUrl(proxyUrl.href).replace(/\/$/, ''), variable: selected.name as ProxyVariable };
}

// ---------------------------------------------------------------------------
// TLS trust (trust.ts); the names stay importable from here.

export { extractPemCertificates, loadTrustStoreSync, sharedTrust, trustSource, type TrustSource, type TrustStore } from './trust.js';

/** The trust store, read now; prefer sharedTrust(), which reads it only when a connection needs it. */
export async function loadTrustStore(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, options: Omit<TrustOptions, 'platform'> = {}): Promise<TrustStore> {
  return loadTrustStoreSync(env, { ...options, platform });
}

// ---------------------------------------------------------------------------
// Dispatchers

export type NetworkOptions = {
  /** TCP + TLS handshake limit for one connection. */
  connectTimeoutMs: number;
  /** Proxy variables as the go command would see them. */
  env: NodeJS.ProcessEnv;
} & (
  /** The trust, made on the first TLS connection (sharedTrust(env)): nothing is loaded for plain http. */
  | { trust: TrustSource; secureContext?: undefined }
  /** A trust made up front (trustContext(loadTrustStore(...))). */
  | { secureContext: SecureContext; trust?: undefined }
);

/** One SecureContext parses the ~150 roots once; every connection of a probe run reuses it. */
export function trustContext(trust: TrustStore): SecureContext {
  // node:tls through require: an ESM import would build the root list at start-up (trust.ts).
  const { createSecureContext } = createRequire(import.meta.url)('node:tls') as typeof import('node:tls');
  return createSecureContext({ ca: trust.certificates });
}

export interface Route {
  dispatcher: Dispatcher;
  proxy: ProxyChoice | null;
}

/** Error thrown for a forward proxy scheme undici (and Go) cannot use. */
export class UnsupportedProxyError extends Error {
  readonly code = 'PROBE_PROXY_UNSUPPORTED';
  constructor(display: string) {
    super(`unsupported forward proxy scheme in ${display} (use http:// or https://)`);
    this.name = 'UnsupportedProxyError';
  }
}

/**
 * One probe's network: a direct undici Agent and one ProxyAgent per forward
 * proxy, all trusting `trust`, all with the connect timeout. Create one per
 * probed target and close() it at the end: close destroys every socket, so
 * a server that accepted and went silent cannot keep the process alive.
 *
 * It also remembers which origins have an established connection, so a
 * deadline that fires without a response can be told apart as "connect
 * never finished" versus "connected, no answer".
 */
export class ProbeNetwork {
  private readonly dispatchers = new Map<string, Dispatcher>();
  private readonly connected = new Set<string>();

  constructor(private readonly options: NetworkOptions) {
    keepClientCertificateAlerts();
  }

  private tlsOptions(): { secureContext: SecureContext; timeout: number } {
    const secureContext = this.options.secureContext ?? this.options.trust.secureContext();
    return { secureContext, timeout: this.options.connectTimeoutMs };
  }

  /** Connect options for a connection that may not need TLS: the trust is only loaded when it does. */
  private connectOptions(tls: boolean): { secureContext?: SecureContext; timeout: number } {
    return tls ? this.tlsOptions() : { timeout: this.options.connectTimeoutMs };
  }

  /** A Pool factory that records connect/disconnect per origin. */
  private trackingFactory(): (origin: string | URL, options: object) => Dispatcher {
    return (origin, options) => {
      const pool = new Pool(origin, options as Pool.Options);
      const key = new URL(String(origin)).origin;
      pool.on('connect', () => this.connected.add(key));
      pool.on('disconnect', () => this.connected.delete(key));
      pool.on('connectionError', () => this.connected.delete(key));
      return pool;
    };
  }

  /** The origin whose connection state tells whether a request to `url` got connected. */
  private connectionKey(url: URL, proxy: ProxyChoice | null): string {
    // A plain http:// request through an http:// proxy is sent to the proxy itself (no tunnel).
    if (proxy !== null && url.protocol === 'http:' && proxy.proxyUrl.protocol === 'http:') return proxy.proxyUrl.origin;
    return url.origin;
  }

  route(url: URL): Route {
    const proxy = proxyForUrl(url, this.options.env);
    const targetTls = url.protocol === 'https:';
    if (proxy === null) {
      // Plain http and https get their own agents, so plain http never loads the trust store.
      const key = targetTls ? 'direct' : 'direct-plain';
      let direct = this.dispatchers.get(key);
      if (direct === undefined) {
        direct = new Agent({ connect: this.connectOptions(targetTls), factory: this.trackingFactory() });
        this.dispatchers.set(key, direct);
      }
      return { dispatcher: direct, proxy: null };
    }
    const key = `proxy ${targetTls ? 'tls' : 'plain'} ${proxy.proxyUrl.href}`;
    let dispatcher = this.dispatchers.get(key);
    if (dispatcher === undefined) {
      const scheme = proxy.proxyUrl.protocol;
      let uri = proxy.proxyUrl.href;
      if (scheme === 'socks5h:') uri = `socks5:${uri.slice('socks5h:'.length)}`; // untested: undici resolves remotely like socks5h
      if (!['http:', 'https:', 'socks5:', 'socks5h:'].includes(scheme)) throw new UnsupportedProxyError(proxy.display);
      dispatcher = new ProxyAgent({
        uri,
        // Go sends http:// requests to an http proxy in absolute form and uses CONNECT only for https://.
        proxyTunnel: false,
        requestTls: this.connectOptions(targetTls),
        proxyTls: this.connectOptions(scheme === 'https:'),
        factory: this.trackingFactory(),
      });
      this.dispatchers.set(key, dispatcher);
    }
    return { dispatcher, proxy };
  }

  /** Whether a connection to where `url` is routed is currently established. */
  isConnected(url: URL, proxy: ProxyChoice | null): boolean {
    return this.connected.has(this.connectionKey(url, proxy));
  }

  /**
   * Destroys every dispatcher and its sockets; never throws, and never waits
   * more than `waitMs` for undici to report back (sockets are destroyed
   * synchronously; the promise only confirms it).
   */
  async close(waitMs = 500): Promise<void> {
    const all = [...this.dispatchers.values()];
    this.dispatchers.clear();
    let timer: NodeJS.Timeout | undefined;
    const bounded = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
      timer.unref();
    });
    await Promise.race([Promise.allSettled(all.map((dispatcher) => dispatcher.destroy())), bounded]);
    clearTimeout(timer);
  }
}
