// The probe engine: asks every GOPROXY entry the questions the go command
// would ask, in parallel, over the same forward proxy and TLS trust
// (network.ts), and finishes inside one time budget no matter how the
// servers behave.
//
// Bounds, and why each exists (the go command has none of them, §3):
//   * connect timeout (undici `connect.timeout`, TCP + TLS handshake);
//   * per-request deadline = min(budget end, now + requestTimeoutMs), enforced
//     twice: undici's headersTimeout/bodyTimeout slightly before it (precise
//     error classes), and an AbortSignal at it (a backstop that also covers
//     time spent connecting through a forward proxy);
//   * one retry of a connection reset, only if the budget allows;
//   * every target has its own undici dispatchers, destroyed (sockets and
//     all) when that target is done, so a silent server cannot outlive it.

import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import type { Dispatcher } from 'undici';
import { classifyFailure, classifyResponse, errorFacts, redactUrl } from './classify.js';
import type { Classification, ClassifyContext, Endpoint, ErrorClass, Failure, Verdict } from './classify.js';
import { checkModulePath, checkModuleVersion, infoPath, joinProxyPath, listPath } from './moduleEscape.js';
import { ProbeNetwork } from './network.js';
import { sharedTrust, type TrustSource } from './trust.js';
import type { ProxyChoice } from './network.js';

export type { ErrorClass, Verdict } from './classify.js';

export interface ProbeTarget {
  /** Base URL of a GOPROXY entry (http, https or file); may contain userinfo. */
  url: string;
  role: 'proxy' | 'fallback';
}

export interface ProbeRequestResult {
  path: string;
  status: number | null;
  errorClass: ErrorClass | null;
  latencyMs: number;
}

export interface ProbeResult {
  /** Redacted for display (userinfo -> ***). */
  url: string;
  role: 'proxy' | 'fallback';
  verdict: Verdict;
  /** verdict === 'healthy' */
  ok: boolean;
  /** The decisive HTTP status. */
  status: number | null;
  latencyMs: number;
  errorClass: ErrorClass | null;
  /** What happened, one line, no secrets. */
  message: string;
  /** One-line concrete fix. */
  fix: string | null;
  /** Outcome of <url>/sumdb/<name>/supported: 200 yes, 404/410 no, anything else error. */
  sumdbSupported: 'yes' | 'no' | 'error' | 'not-asked';
  requests: ProbeRequestResult[];
}

export interface NetrcEntry {
  machine: string;
  login: string;
  password: string;
}

export interface ProbeOptions {
  /** Modules routed through the proxy (a few); empty -> golang.org/x/mod `@v/list`. With a version, `@v/<version>.info` is asked. Invalid paths are skipped. */
  modules: Array<{ path: string; version?: string }>;
  /** Ask <url>/sumdb/<name>/supported when set. */
  sumdbName: string | null;
  /** The WHOLE probe phase finishes within this. */
  budgetMs: number;
  /** HTTPS_PROXY/HTTP_PROXY/NO_PROXY/SSL_CERT_FILE/SSL_CERT_DIR as the go command would see them. */
  env: NodeJS.ProcessEnv;
  /** Credentials as go would send them (https only; machine = host[:port] as written in the URL). */
  netrc?: NetrcEntry[];
  /** Limit for one request including redirects' hops each; default min(budget, 10 s). */
  requestTimeoutMs?: number;
  /** TCP + TLS handshake limit; default min(budget, 5 s). */
  connectTimeoutMs?: number;
  /** The TLS trust; default the process's shared, lazily loaded sharedTrust(env, platform). */
  trust?: TrustSource;
  /** Whose trust rules apply (and the fixes name); default process.platform. */
  platform?: NodeJS.Platform;
}

export const defaultProbeModule = { path: 'golang.org/x/mod' } as const;

/** Headers the go command sends; a probe that looks like go gets the answer go gets. */
const goUserAgent = 'Go-http-client/1.1';
/** What is kept of a body for sniffing and for the "server response" line. */
const bodyCapBytes = 64 * 1024;
/** Undici's own timers fire this much before the hard deadline so their precise error wins. */
const timerGraceMs = 150;
/** Below this much remaining budget a new request is not started. */
const minimumStartMs = 100;
/** The go command's http.Client follows at most 10 redirects (web/http.go). */
const maxRedirects = 10;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

// ---------------------------------------------------------------------------
// One GET the way the go command does it

export interface GetContext {
  network: ProbeNetwork;
  /** Epoch ms when the whole probe phase must be over. */
  budgetEndsAt: number;
  requestTimeoutMs: number;
  netrc: readonly NetrcEntry[];
  /** Strings that must never appear in messages. */
  secrets: string[];
}

export type GetOutcome =
  | { kind: 'response'; status: number; contentType: string | null; body: string; finalUrl: URL; proxy: ProxyChoice | null; latencyMs: number }
  | { kind: 'failure'; failure: Failure; finalUrl: URL; proxy: ProxyChoice | null; latencyMs: number };

/** host[:port] exactly as written in the URL string (WHATWG URL drops a default port; Go's netrc match does not). */
export function hostAsWritten(rawUrl: string): string | null {
  const authority = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)/.exec(rawUrl)?.[1];
  if (authority === undefined) return null;
  return authority.slice(authority.lastIndexOf('@') + 1);
}

function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Secrets carried by a URL's userinfo (both the password and the username, which may be a token). */
export function userinfoSecrets(url: URL): string[] {
  return [url.password, safeDecode(url.password), url.username, safeDecode(url.username)].filter((s) => s !== '');
}

/**
 * net/http shouldCopyHeaderOnRedirect: an Authorization header survives a
 * redirect only to the same host or one of its subdomains.
 */
function mayForwardAuthorization(from: URL, to: URL): boolean {
  const fromHost = from.hostname.toLowerCase();
  const toHost = to.hostname.toLowerCase();
  return fromHost === toHost || toHost.endsWith(`.${fromHost}`);
}

/**
 * GET `url` like the go command's web.Get: netrc (https only) or URL
 * userinfo as Basic auth, redirects followed up to 10 with https->http
 * refused, one retry of a reset connection, everything inside the budget.
 * `rawUrl` is the URL as written (for netrc host matching).
 */
export async function getLikeGo(url: URL, rawUrl: string, context: GetContext): Promise<GetOutcome> {
  const startedAt = Date.now();
  const elapsed = (): number => Date.now() - startedAt;
  const firstUrl = url;

  if (url.protocol === 'http:' && (url.username !== '' || url.password !== '')) {
    return { kind: 'failure', failure: { kind: 'insecure-credentials' }, finalUrl: url, proxy: null, latencyMs: 0 };
  }

  // netrc first (it sets the header, so net/http does not add the userinfo), https only.
  let netrcAuthorization: string | null = null;
  if (url.protocol === 'https:') {
    const host = hostAsWritten(rawUrl) ?? url.host;
    const entry = context.netrc.find((line) => line.machine === host);
    if (entry !== undefined) netrcAuthorization = basicAuth(entry.login, entry.password);
  }
  // net/http adds URL userinfo per request and does not carry it across redirects.
  const userinfoAuthorization = url.protocol === 'https:' && (url.username !== '' || url.password !== '')
    ? basicAuth(safeDecode(url.username), safeDecode(url.password))
    : null;

  let current = url;
  let redirects = 0;
  let retriedReset = false;
  let proxy: ProxyChoice | null = null;
  for (;;) {
    const remaining = context.budgetEndsAt - Date.now();
    if (remaining < minimumStartMs) {
      return { kind: 'failure', failure: { kind: 'budget-exhausted' }, finalUrl: current, proxy, latencyMs: elapsed() };
    }
    let route: { dispatcher: Dispatcher; proxy: ProxyChoice | null };
    try {
      route = context.network.route(current);
    } catch (error) {
      return { kind: 'failure', failure: { kind: 'error', facts: errorFacts(error) }, finalUrl: current, proxy, latencyMs: elapsed() };
    }
    proxy = route.proxy;
    const headers: Record<string, string> = { 'user-agent': goUserAgent };
    const authorization = current === firstUrl ? (netrcAuthorization ?? userinfoAuthorization) : netrcAuthorization;
    if (authorization !== null) headers['authorization'] = authorization;

    const deadlineAt = Math.min(context.budgetEndsAt, Date.now() + context.requestTimeoutMs);
    const single = await singleGet(current, route, headers, deadlineAt, context.network);

    if (single.kind === 'failure') {
      const isReset = single.failure.kind === 'error' && single.failure.facts.codes.some((c) => ['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE'].includes(c));
      if (isReset && !retriedReset && context.budgetEndsAt - Date.now() >= minimumStartMs) {
        retriedReset = true;
        continue;
      }
      return { kind: 'failure', failure: single.failure, finalUrl: current, proxy, latencyMs: elapsed() };
    }

    const location = single.location;
    if (redirectStatuses.has(single.status) && location !== null) {
      if (redirects >= maxRedirects) {
        return { kind: 'failure', failure: { kind: 'redirect-loop', redirects }, finalUrl: current, proxy, latencyMs: elapsed() };
      }
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        return { kind: 'failure', failure: { kind: 'invalid-url', reason: 'redirect to an unparsable Location' }, finalUrl: current, proxy, latencyMs: elapsed() };
      }
      // web/http.go checks the scheme of the FIRST request of the chain.
      if (firstUrl.protocol === 'https:' && next.protocol !== 'https:') {
        return {
          kind: 'failure',
          failure: { kind: 'redirect-insecure', from: redactUrl(current.href), to: redactUrl(next.href) },
          finalUrl: current,
          proxy,
          latencyMs: elapsed(),
        };
      }
      if (next.protocol !== 'https:' && next.protocol !== 'http:') {
        return { kind: 'failure', failure: { kind: 'invalid-url', reason: `redirect to unsupported scheme ${next.protocol}` }, finalUrl: current, proxy, latencyMs: elapsed() };
      }
      if (netrcAuthorization !== null && !mayForwardAuthorization(current, next)) netrcAuthorization = null;
      redirects++;
      current = next;
      continue;
    }
    return { kind: 'response', status: single.status, contentType: single.contentType, body: single.body, finalUrl: current, proxy, latencyMs: elapsed() };
  }
}

type SingleOutcome =
  | { kind: 'response'; status: number; contentType: string | null; location: string | null; body: string }
  | { kind: 'failure'; failure: Failure };

/** Marks an abort caused by our own deadline (as opposed to anything undici does). */
class ProbeDeadlineError extends Error {
  constructor() {
    super('probe deadline reached');
    this.name = 'ProbeDeadlineError';
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

async function singleGet(
  url: URL,
  route: { dispatcher: Dispatcher; proxy: ProxyChoice | null },
  headers: Record<string, string>,
  deadlineAt: number,
  network: ProbeNetwork,
): Promise<SingleOutcome> {
  const startedAt = Date.now();
  const totalMs = Math.max(1, deadlineAt - startedAt);
  const undiciLimitMs = Math.max(1, totalMs - timerGraceMs);
  const controller = new AbortController();
  let gotHeaders = false;

  const requestUrl = new URL(url.href);
  requestUrl.username = '';
  requestUrl.password = '';
  requestUrl.hash = '';

  const attempt = async (): Promise<SingleOutcome> => {
    const response = await request(requestUrl, {
      method: 'GET',
      dispatcher: route.dispatcher,
      headers,
      signal: controller.signal,
      headersTimeout: undiciLimitMs,
      bodyTimeout: undiciLimitMs,
    });
    gotHeaders = true;
    const status = response.statusCode;
    const contentType = headerValue(response.headers['content-type']);
    const location = headerValue(response.headers['location']);
    // Destroying an undici body before its end makes it emit an "aborted" error; nobody needs it.
    response.body.on('error', () => {});
    if (redirectStatuses.has(status) && location !== null) {
      response.body.destroy();
      return { kind: 'response', status, contentType, location, body: '' };
    }
    const body = await readCapped(response.body, status === 200 ? bodyCapBytes : 4096);
    return { kind: 'response', status, contentType, location, body };
  };

  // The deadline wins the race even where undici does not honour the abort
  // signal (a request still queued behind a CONNECT that a forward proxy
  // never answers). The losing attempt is settled later by network.close().
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new ProbeDeadlineError());
      resolve('deadline');
    }, totalMs);
  });
  const running = attempt();
  try {
    const winner = await Promise.race([running, deadline]);
    if (winner !== 'deadline') return winner;
    running.catch(() => {});
    const phase = gotHeaders ? 'body' : network.isConnected(url, route.proxy) ? 'headers' : 'connect';
    return { kind: 'failure', failure: { kind: 'timeout', phase, afterMs: Date.now() - startedAt } };
  } catch (error) {
    const afterMs = Date.now() - startedAt;
    if (controller.signal.aborted) {
      const phase = gotHeaders ? 'body' : network.isConnected(url, route.proxy) ? 'headers' : 'connect';
      return { kind: 'failure', failure: { kind: 'timeout', phase, afterMs } };
    }
    const facts = errorFacts(error);
    if (facts.codes.includes('UND_ERR_HEADERS_TIMEOUT')) return { kind: 'failure', failure: { kind: 'timeout', phase: 'headers', afterMs } };
    if (facts.codes.includes('UND_ERR_BODY_TIMEOUT')) return { kind: 'failure', failure: { kind: 'timeout', phase: 'body', afterMs } };
    if (facts.codes.includes('UND_ERR_CONNECT_TIMEOUT')) return { kind: 'failure', failure: { kind: 'timeout', phase: 'connect', afterMs } };
    return { kind: 'failure', failure: { kind: 'error', facts } };
  } finally {
    clearTimeout(timer);
  }
}

/** Reads at most `capBytes` of a body as UTF-8, then destroys the stream (which frees the socket). */
export async function readCapped(body: Dispatcher.ResponseData['body'], capBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    chunks.push(buffer);
    size += buffer.length;
    if (size >= capBytes) break; // leaving the loop destroys the stream
  }
  return Buffer.concat(chunks).subarray(0, capBytes).toString('utf8');
}

// ---------------------------------------------------------------------------
// Targets

interface ClassifiedRequest {
  request: ProbeRequestResult;
  classification: Classification;
  endpoint: Endpoint;
}

function contextFor(url: URL, endpoint: Endpoint, proxy: ProxyChoice | null, platform: NodeJS.Platform | undefined): ClassifyContext {
  return {
    url: redactUrl(url.href),
    host: url.host,
    endpoint,
    viaProxy: proxy?.display ?? null,
    proxyVariable: proxy?.variable ?? null,
    ...(platform === undefined ? {} : { platform }),
  };
}

function classifyOutcome(outcome: GetOutcome, endpoint: Endpoint, secrets: readonly string[], platform?: NodeJS.Platform): Classification {
  const context = contextFor(outcome.finalUrl, endpoint, outcome.proxy, platform);
  return outcome.kind === 'response'
    ? classifyResponse(outcome.status, outcome.contentType, outcome.body, context, secrets)
    : classifyFailure(outcome.failure, context);
}

function failureResult(target: ProbeTarget, display: string, classification: Classification, latencyMs = 0): ProbeResult {
  return {
    url: display,
    role: target.role,
    verdict: classification.verdict,
    ok: classification.verdict === 'healthy',
    status: null,
    latencyMs,
    errorClass: classification.errorClass,
    message: classification.message,
    fix: classification.fix,
    sumdbSupported: 'not-asked',
    requests: [],
  };
}

/** The valid modules to ask for, or the default public module. */
function modulesToAsk(modules: ProbeOptions['modules']): Array<{ path: string; version?: string }> {
  const valid = modules.filter((m) => checkModulePath(m.path) === null && (m.version === undefined || checkModuleVersion(m.version) === null));
  return valid.length > 0 ? valid : [defaultProbeModule];
}

async function probeFileTarget(target: ProbeTarget, url: URL, display: string): Promise<ProbeResult> {
  const startedAt = Date.now();
  const context: ClassifyContext = { url: display, host: '', endpoint: 'module-list', viaProxy: null, proxyVariable: null };
  let directory: string;
  try {
    directory = fileURLToPath(url);
  } catch (error) {
    return failureResult(target, display, classifyFailure({ kind: 'invalid-url', reason: (error as Error).message }, context));
  }
  const finish = (failure: Failure | null): ProbeResult => {
    const latencyMs = Date.now() - startedAt;
    if (failure === null) {
      return {
        ...failureResult(target, display, { verdict: 'healthy', errorClass: null, message: `${display}: directory exists and is readable`, fix: null }, latencyMs),
        requests: [{ path: directory, status: null, errorClass: null, latencyMs }],
      };
    }
    const classification = classifyFailure(failure, context);
    return {
      ...failureResult(target, display, classification, latencyMs),
      requests: [{ path: directory, status: null, errorClass: classification.errorClass, latencyMs }],
    };
  };
  try {
    const info = await stat(directory);
    if (!info.isDirectory()) return finish({ kind: 'file-missing', path: directory, reason: 'not a directory' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOENT' || code === 'ENOTDIR') return finish({ kind: 'file-missing', path: directory, reason: 'directory does not exist' });
    return finish({ kind: 'file-unreadable', path: directory, reason: code });
  }
  try {
    await access(directory, constants.R_OK | constants.X_OK);
    await readdir(directory);
  } catch (error) {
    return finish({ kind: 'file-unreadable', path: directory, reason: (error as NodeJS.ErrnoException).code ?? 'error' });
  }
  return finish(null);
}

interface RunShared {
  options: ProbeOptions;
  budgetEndsAt: number;
  trust: TrustSource;
}

async function probeHttpTarget(target: ProbeTarget, base: URL, display: string, shared: RunShared): Promise<ProbeResult> {
  const { options } = shared;
  const secrets = [...userinfoSecrets(base), ...(options.netrc ?? []).map((n) => n.password)];
  const network = new ProbeNetwork({
    connectTimeoutMs: Math.max(1, Math.min(options.connectTimeoutMs ?? 5000, options.budgetMs)),
    trust: shared.trust,
    env: options.env,
  });
  const getContext: GetContext = {
    network,
    budgetEndsAt: shared.budgetEndsAt,
    requestTimeoutMs: options.requestTimeoutMs ?? Math.min(options.budgetMs, 10_000),
    netrc: options.netrc ?? [],
    secrets,
  };
  const classified: ClassifiedRequest[] = [];
  let sumdbSupported: ProbeResult['sumdbSupported'] = 'not-asked';

  const ask = async (path: string, endpoint: Endpoint): Promise<GetOutcome> => {
    const requestUrl = new URL(base.href);
    requestUrl.pathname = path;
    requestUrl.hash = '';
    const outcome = await getLikeGo(requestUrl, target.url, getContext);
    const classification = classifyOutcome(outcome, endpoint, secrets, options.platform);
    classified.push({
      endpoint,
      classification,
      request: {
        path: requestUrl.pathname,
        status: outcome.kind === 'response' ? outcome.status : null,
        errorClass: classification.errorClass,
        latencyMs: outcome.latencyMs,
      },
    });
    return outcome;
  };

  try {
    let transportFailed = false;
    for (const module of modulesToAsk(options.modules)) {
      const path = module.version === undefined ? listPath(base.pathname, module.path) : infoPath(base.pathname, module.path, module.version);
      const outcome = await ask(path, module.version === undefined ? 'module-list' : 'module-info');
      // Without an HTTP answer the next question would meet the same fate; don't spend budget on it.
      if (outcome.kind === 'failure') {
        transportFailed = true;
        break;
      }
    }
    if (options.sumdbName !== null && !transportFailed) {
      const outcome = await ask(joinProxyPath(base.pathname, 'sumdb', options.sumdbName, 'supported'), 'sumdb-supported');
      const last = classified[classified.length - 1];
      if (outcome.kind === 'response' && outcome.status === 200 && last?.classification.verdict === 'healthy') sumdbSupported = 'yes';
      else if (outcome.kind === 'response' && (outcome.status === 404 || outcome.status === 410)) sumdbSupported = 'no';
      else sumdbSupported = 'error';
    }
  } finally {
    await network.close();
  }

  // The decisive request: the first that would break the go command, else the first refusal, else the first.
  const decisive =
    classified.find((c) => c.classification.verdict === 'unhealthy') ??
    classified.find((c) => c.classification.verdict === 'refused') ??
    classified[0];
  if (decisive === undefined) {
    return failureResult(target, display, classifyFailure({ kind: 'budget-exhausted' }, contextFor(base, 'module-list', null, undefined)));
  }
  let message = decisive.classification.message;
  if (decisive.classification.verdict === 'healthy' && sumdbSupported !== 'not-asked') {
    message += sumdbSupported === 'yes' ? '; proxies the checksum database' : "; does not proxy the checksum database";
  }
  return {
    url: display,
    role: target.role,
    verdict: decisive.classification.verdict,
    ok: decisive.classification.verdict === 'healthy',
    status: decisive.request.status,
    latencyMs: decisive.request.latencyMs,
    errorClass: decisive.classification.errorClass,
    message,
    fix: decisive.classification.fix,
    sumdbSupported,
    requests: classified.map((c) => c.request),
  };
}

async function probeOne(target: ProbeTarget, shared: RunShared): Promise<ProbeResult> {
  const display = redactUrl(target.url);
  let base: URL;
  try {
    base = new URL(target.url);
  } catch {
    const context: ClassifyContext = { url: display, host: '', endpoint: 'module-list', viaProxy: null, proxyVariable: null };
    return failureResult(target, display, classifyFailure({ kind: 'invalid-url', reason: 'cannot be parsed' }, context));
  }
  if (base.protocol === 'file:') return probeFileTarget(target, base, display);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    const context = contextFor(base, 'module-list', null, undefined);
    return failureResult(target, display, classifyFailure({ kind: 'invalid-url', reason: `unsupported scheme ${base.protocol}` }, context));
  }
  return probeHttpTarget(target, base, display, shared);
}

/**
 * Probes every target in parallel; results come back in the order of
 * `targets`. Resolves within `budgetMs` (plus socket tear-down) whatever the
 * servers do; never rejects for network reasons.
 */
export async function probeTargets(targets: ProbeTarget[], options: ProbeOptions): Promise<ProbeResult[]> {
  const budgetEndsAt = Date.now() + options.budgetMs;
  // Loaded on the first TLS connection, once for the process (file:// and http:// need none).
  const shared: RunShared = { options, budgetEndsAt, trust: options.trust ?? sharedTrust(options.env, options.platform) };
  return Promise.all(targets.map((target) => probeOne(target, shared)));
}
