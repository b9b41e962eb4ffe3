// One request to an upstream module proxy, the way the go command would send it, with the body
// left as a stream. The network path is the probe's (src/probe/network.ts: HTTPS_PROXY/NO_PROXY
// with Go's rules, the go command's server trust); the bridge adds its client certificate to the
// TLS context. Every request is bounded: connect, response headers, silence inside the body, and
// the whole request.

import type { Readable } from 'node:stream';
import type { SecureContext } from 'node:tls';
import type { Dispatcher } from 'undici';
import { classifyFailure, errorFacts, redactText, redactUrl, type Classification, type Failure } from '../probe/classify.js';
import { ProbeNetwork, type ProxyChoice } from '../probe/network.js';
import { hostAsWritten } from '../probe/probe.js';
import type { NetrcEntry } from '../go/netrc.js';
import type { Timeouts } from './config.js';

export interface UpstreamClientOptions {
  secureContext: SecureContext;
  /** HTTPS_PROXY/NO_PROXY & co. as the go command sees them. */
  env: NodeJS.ProcessEnv;
  timeouts: Timeouts;
  netrc: readonly NetrcEntry[];
  /** Whether this client presents a client certificate (changes what a refused handshake means). */
  presentsCertificate: boolean;
  /** Strings that must never reach a message. */
  secrets: readonly string[];
}

export interface UpstreamRequest {
  /** The full upstream URL, escaping as the go command sent it; may carry userinfo. */
  target: string;
  method: 'GET' | 'HEAD';
  headers: Record<string, string>;
  /** Aborted when the client goes away, or with a RequestDeadline when the whole request took too long. */
  signal: AbortSignal;
}

export type UpstreamOutcome =
  | { kind: 'response'; status: number; headers: Record<string, string | string[] | undefined>; body: Readable; display: string }
  | { kind: 'failure'; classification: Classification; display: string };

/** The go command's http.Client follows at most 10 redirects. */
const MAX_REDIRECTS = 10;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The abort reason of a request that hit Timeouts.requestMs. */
export class RequestDeadline extends Error {
  constructor(ms: number) {
    super(`the request did not finish within ${ms / 1000} s`);
    this.name = 'RequestDeadline';
  }
}

/**
 * One AbortController per relayed request: aborted when the client goes away, or at the
 * request deadline (which covers the body too). `done` must be called when the answer is over.
 */
export function requestAbort(deadlineMs: number): { signal: AbortSignal; abort(): void; done(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new RequestDeadline(deadlineMs)), deadlineMs);
  timer.unref();
  return {
    signal: controller.signal,
    abort: () => controller.abort(),
    done: () => clearTimeout(timer),
  };
}

/** Drops a body nobody reads (undici reports the destroy as an error event: it is expected here). */
export function discard(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** Path and query of a URL string as written (after the authority, before any fragment). */
export function rawPathOf(target: string): string {
  const schemeEnd = target.indexOf('//');
  const rest = schemeEnd < 0 ? target : target.slice(schemeEnd + 2);
  const authorityEnd = rest.search(/[/?#]/);
  if (authorityEnd < 0) return '/';
  const pathAndMore = rest.slice(authorityEnd);
  const fragment = pathAndMore.indexOf('#');
  const path = fragment < 0 ? pathAndMore : pathAndMore.slice(0, fragment);
  return path.startsWith('/') ? path : `/${path}`;
}

export class UpstreamClient {
  private readonly network: ProbeNetwork;

  constructor(private readonly options: UpstreamClientOptions) {
    this.network = new ProbeNetwork({ connectTimeoutMs: options.timeouts.connectMs, secureContext: options.secureContext, env: options.env });
  }

  /** `Authorization` for one hop: .netrc by host as written (https only), else the first URL's userinfo. */
  private authorization(url: URL, rawTarget: string | null): string | null {
    if (url.protocol !== 'https:') return null;
    const host = (rawTarget === null ? null : hostAsWritten(rawTarget)) ?? url.host;
    const entry = this.options.netrc.find((line) => line.machine === host);
    if (entry !== undefined) return basicAuth(entry.login, entry.password);
    if (rawTarget !== null && (url.username !== '' || url.password !== '')) return basicAuth(decoded(url.username), decoded(url.password));
    return null;
  }

  private fail(failure: Failure, url: URL, proxy: ProxyChoice | null): UpstreamOutcome {
    const display = redactUrl(url.href);
    let classification = classifyFailure(failure, { url: display, host: url.host, endpoint: 'module-info', viaProxy: proxy?.display ?? null, proxyVariable: proxy?.variable ?? null });
    if (classification.errorClass === 'tls-client-cert-required' && this.options.presentsCertificate) {
      classification = {
        ...classification,
        message: `${display}: the server refused the client certificate from the client-certificate input (TLS alert: ${/alert "([^"]+)"/.exec(classification.message)?.[1] ?? 'certificate required'})`,
        fix: 'Check that client-certificate is the certificate this server expects (issued by a CA it trusts, not expired, with the clientAuth usage) and that client-key is its key.',
      };
    }
    if (classification.errorClass === 'reset' && this.options.presentsCertificate && url.protocol === 'https:') {
      // Some servers (node's, with rejectUnauthorized) refuse a certificate by closing the connection after the handshake, without an alert.
      classification = { ...classification, fix: `${classification.fix ?? ''} If this server checks client certificates, it may have refused the one from client-certificate: check that it is the certificate the server expects.`.trim() };
    }
    return { kind: 'failure', classification: { ...classification, message: redactText(classification.message, this.options.secrets) }, display };
  }

  async request(request: UpstreamRequest): Promise<UpstreamOutcome> {
    let current: URL;
    try {
      current = new URL(request.target);
    } catch {
      return { kind: 'failure', classification: { verdict: 'unhealthy', errorClass: 'http-other', message: 'the upstream URL is not valid', fix: null }, display: redactUrl(request.target) };
    }
    const signal = request.signal;
    // The first hop keeps the path exactly as the go command escaped it.
    let rawPath = rawPathOf(request.target);
    let rawTarget: string | null = request.target;
    for (let redirects = 0; ; redirects++) {
      let route: { dispatcher: Dispatcher; proxy: ProxyChoice | null };
      try {
        route = this.network.route(current);
      } catch (error) {
        return this.fail({ kind: 'error', facts: errorFacts(error) }, current, null);
      }
      const headers: Record<string, string> = { ...request.headers };
      const authorization = this.authorization(current, rawTarget);
      if (authorization !== null) headers['authorization'] = authorization;
      let response: Dispatcher.ResponseData;
      try {
        response = await route.dispatcher.request({
          origin: current.origin,
          path: rawPath,
          method: request.method,
          headers,
          headersTimeout: this.options.timeouts.headersMs,
          bodyTimeout: this.options.timeouts.bodyIdleMs,
          signal,
        });
      } catch (error) {
        if (signal.reason instanceof RequestDeadline) return this.fail({ kind: 'timeout', phase: 'body', afterMs: this.options.timeouts.requestMs }, current, route.proxy);
        return this.fail({ kind: 'error', facts: errorFacts(error) }, current, route.proxy);
      }
      const location = response.headers['location'];
      if (!REDIRECT_STATUSES.has(response.statusCode) || typeof location !== 'string') {
        return { kind: 'response', status: response.statusCode, headers: response.headers, body: response.body, display: redactUrl(current.href) };
      }
      discard(response.body);
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        return this.fail({ kind: 'invalid-url', reason: 'the redirect Location is not a URL' }, current, route.proxy);
      }
      if (current.protocol === 'https:' && next.protocol === 'http:') {
        return this.fail({ kind: 'redirect-insecure', from: redactUrl(current.href), to: redactUrl(next.href) }, current, route.proxy);
      }
      if (redirects + 1 >= MAX_REDIRECTS) return this.fail({ kind: 'redirect-loop', redirects: redirects + 1 }, current, route.proxy);
      current = next;
      rawPath = `${next.pathname}${next.search}`;
      rawTarget = null;
    }
  }

  close(): Promise<void> {
    return this.network.close();
  }
}
