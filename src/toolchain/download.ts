// Network I/O for the toolchain phase: GETs the way the go command sends them (web/http.go:
// .netrc or URL userinfo over https only, at most 10 redirects, https->http refused; through
// HTTPS_PROXY/NO_PROXY and the SSL_CERT_FILE trust of the probe engine, src/probe/network.ts),
// binary bodies of any size up to a cap, every request under a deadline. Plus the GOPROXY walk
// for one file (modfetch/proxy.go TryProxies) and file:// proxies.

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { authorizationFor, type NetrcEntry } from '../go/netrc.js';
import { parseProxyList, ERR_NOPROXY, ERR_PROXY_OFF, ERR_USE_PROXY, type Fallthrough } from '../go/proxyList.js';
import { matchPrefixPatterns } from '../go/patterns.js';
import { redactUrl } from '../probe/classify.js';
import { escapeModulePath, escapeModuleVersion, joinProxyPath } from '../probe/moduleEscape.js';
import { ProbeNetwork, sharedTrust } from '../probe/network.js';
import { readCapped } from '../probe/probe.js';

export type FetchOutcome =
  | { kind: 'ok'; body: Buffer; url: string }
  /** An HTTP answer other than 200; notFound = 404/410 (web/api.go HTTPError.Is fs.ErrNotExist). */
  | { kind: 'status'; status: number; notFound: boolean; message: string }
  | { kind: 'error'; notFound: boolean; message: string };

export interface FetchOptions {
  /** Give up on bodies larger than this (codehost.MaxZipFile for zips). */
  maxBytes: number;
  /** Only the status matters: the body is not read (a "HEAD-like" GET, which is what go sends). */
  statusOnly?: boolean;
}

const MAX_REDIRECTS = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** One network per phase: sockets, proxies and trust shared, everything torn down by close(). */
export class Http {
  private constructor(
    private readonly network: ProbeNetwork,
    private readonly netrc: NetrcEntry[],
    readonly deadlineAt: number,
  ) {}

  static async open(env: NodeJS.ProcessEnv, netrc: NetrcEntry[], deadlineAt: number, connectTimeoutMs = 10_000): Promise<Http> {
    const network = new ProbeNetwork({ connectTimeoutMs, trust: sharedTrust(env), env });
    return new Http(network, netrc, deadlineAt);
  }

  close(): Promise<void> {
    return this.network.close();
  }

  /** GET `rawUrl` (http, https or file). Never throws. */
  async get(rawUrl: string, options: FetchOptions): Promise<FetchOutcome> {
    try {
      if (rawUrl.startsWith('file:')) return await getFile(rawUrl, options);
      return await this.getHttp(rawUrl, options);
    } catch (error) {
      return { kind: 'error', notFound: false, message: `${redactUrl(rawUrl)}: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  private async getHttp(rawUrl: string, options: FetchOptions): Promise<FetchOutcome> {
    const auth = authorizationFor(this.netrc, rawUrl);
    if (auth.kind === 'refused') return { kind: 'error', notFound: false, message: auth.error };
    let current = new URL(rawUrl);
    const first = current;
    let authorization: string | null = auth.kind === 'basic' ? `Basic ${Buffer.from(`${auth.login}:${auth.password}`).toString('base64')}` : null;
    for (let redirects = 0; ; redirects++) {
      const remaining = this.deadlineAt - Date.now();
      if (remaining <= 0) return { kind: 'error', notFound: false, message: `${redactUrl(current.href)}: time budget exhausted` };
      const target = new URL(current.href);
      target.username = '';
      target.password = '';
      target.hash = '';
      const headers: Record<string, string> = { 'user-agent': 'Go-http-client/1.1' };
      if (authorization !== null) headers['authorization'] = authorization;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new Error(`no complete answer within ${Math.round(remaining / 1000)} s`)), remaining);
      try {
        const { dispatcher } = this.network.route(target);
        const response = await request(target, { method: 'GET', dispatcher, headers, signal: controller.signal, headersTimeout: remaining, bodyTimeout: remaining });
        response.body.on('error', () => {});
        const status = response.statusCode;
        const location = response.headers['location'];
        if (REDIRECTS.has(status) && typeof location === 'string') {
          response.body.destroy();
          if (redirects >= MAX_REDIRECTS) return { kind: 'error', notFound: false, message: `${redactUrl(first.href)}: stopped after 10 redirects` };
          const next = new URL(location, current);
          if (first.protocol === 'https:' && next.protocol !== 'https:') {
            return { kind: 'error', notFound: false, message: `redirected from secure URL ${redactUrl(first.href)} to insecure URL ${redactUrl(next.href)}` };
          }
          // net/http drops Authorization on a redirect to another host.
          if (next.hostname !== current.hostname && !next.hostname.endsWith(`.${current.hostname}`)) authorization = null;
          current = next;
          continue;
        }
        if (status !== 200) {
          const text = await readCapped(response.body, 4096);
          const contentType = String(response.headers['content-type'] ?? '');
          const detail = contentType.startsWith('text/plain') && text.trim() !== '' ? `\n\tserver response: ${text.trim().split('\n').slice(0, 8).join('\n\t')}` : '';
          return { kind: 'status', status, notFound: status === 404 || status === 410, message: `reading ${redactUrl(current.href)}: ${status} ${statusText(status)}${detail}` };
        }
        if (options.statusOnly === true) {
          response.body.destroy();
          return { kind: 'ok', body: Buffer.alloc(0), url: current.href };
        }
        const declared = Number(response.headers['content-length'] ?? NaN);
        if (Number.isFinite(declared) && declared > options.maxBytes) {
          response.body.destroy();
          return { kind: 'error', notFound: false, message: `${redactUrl(current.href)}: ${declared} bytes is more than the ${options.maxBytes}-byte limit` };
        }
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of response.body) {
          const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
          size += buffer.length;
          if (size > options.maxBytes) {
            response.body.destroy();
            return { kind: 'error', notFound: false, message: `${redactUrl(current.href)}: body larger than the ${options.maxBytes}-byte limit` };
          }
          chunks.push(buffer);
        }
        return { kind: 'ok', body: Buffer.concat(chunks), url: current.href };
      } catch (error) {
        const reason = controller.signal.aborted ? String((controller.signal.reason as Error | undefined)?.message ?? 'timeout') : describeError(error);
        return { kind: 'error', notFound: false, message: `Get "${redactUrl(current.href)}": ${reason}` };
      } finally {
        clearTimeout(timer);
      }
    }
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  const code = (error as NodeJS.ErrnoException).code ?? (cause instanceof Error ? (cause as NodeJS.ErrnoException).code : undefined);
  const message = cause instanceof Error && cause.message !== '' ? cause.message : error.message;
  return code !== undefined && !message.includes(code) ? `${message} (${code})` : message;
}

function statusText(status: number): string {
  const texts: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 410: 'Gone', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };
  return texts[status] ?? '';
}


/** A file:// proxy: a missing file is "not found" (modfetch's file proxy maps it to fs.ErrNotExist). */
async function getFile(rawUrl: string, options: FetchOptions): Promise<FetchOutcome> {
  const file = fileURLToPath(rawUrl);
  try {
    const body = await readFile(file);
    if (body.length > options.maxBytes) return { kind: 'error', notFound: false, message: `${file}: larger than the ${options.maxBytes}-byte limit` };
    return { kind: 'ok', body: options.statusOnly === true ? Buffer.alloc(0) : body, url: rawUrl };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { kind: 'error', notFound: code === 'ENOENT' || code === 'ENOTDIR', message: `open ${file}: ${code === 'ENOENT' ? 'no such file or directory' : String(code)}` };
  }
}

/** `<base>/<escaped module>/@v/<file>` (modfetch/proxy.go); base may be file://. */
export function proxyFileURL(base: string, modulePath: string, file: string): string {
  const url = new URL(base);
  url.pathname = joinProxyPath(url.pathname, escapeModulePath(modulePath), '@v', file);
  return url.href;
}

/** The `@v/` file name of a version: "<escaped version>.<ext>". */
export function versionFile(version: string, ext: 'info' | 'mod' | 'zip'): string {
  return `${escapeModuleVersion(version)}.${ext}`;
}

/**
 * The go-import meta tag of golang.org/toolchain names a module proxy ("mod" VCS) at
 * https://go.dev/dl/mod, so GOPROXY=direct (or a GONOPROXY match) fetches toolchains there.
 */
export const TOOLCHAIN_DIRECT_PROXY = 'https://go.dev/dl/mod';

export interface WalkAttempt {
  /** A proxy URL (redacted), 'direct', 'off' or 'noproxy'. */
  element: string;
  outcome: 'ok' | 'not-found' | 'error';
  message: string;
}

export interface WalkOutcome {
  /** The bytes (empty for statusOnly) when some element served the file. */
  body: Buffer | null;
  servedBy: string | null;
  attempts: WalkAttempt[];
  /** The error the go command would report (TryProxies ranking), when nothing served. */
  error: string | null;
  errorIsNotFound: boolean;
}

/**
 * Fetch one module file (`list`, `<version>.zip`, ...) through GOPROXY like TryProxies: element by element, 404/410 (and
 * `off`) always move on, other failures only after '|'; the reported error is the first
 * non-not-found one, else the last not-found. `direct` for golang.org/toolchain means its
 * go-import "mod" proxy. A GONOPROXY/GOPRIVATE match sends the module direct only.
 */
export async function walkProxies(http: Http, goproxy: string, gonoproxy: string, modulePath: string, file: string, options: FetchOptions): Promise<WalkOutcome> {
  const list = parseProxyList(goproxy, gonoproxy);
  if (!list.ok) return { body: null, servedBy: null, attempts: [], error: list.error, errorIsNotFound: false };
  const privateModule = gonoproxy !== '' && matchPrefixPatterns(gonoproxy, modulePath);
  const elements: Array<{ url: string; fallthrough: Fallthrough }> = [];
  if (list.implicitNoproxy) elements.push({ url: 'noproxy', fallthrough: 'on-404-410' });
  for (const entry of list.entries) elements.push({ url: entry.url, fallthrough: entry.fallthrough });

  const attempts: WalkAttempt[] = [];
  let best: { message: string; notFound: boolean; rank: number } | null = null;
  for (const element of elements) {
    let outcome: FetchOutcome;
    let isDirect = false;
    if (element.url === 'off') {
      outcome = { kind: 'error', notFound: true, message: ERR_PROXY_OFF };
    } else if (element.url === 'noproxy' || element.url === 'direct') {
      if (element.url === 'noproxy' && !privateModule) {
        // noproxy declines modules GONOPROXY does not match ("use the proxy"): not ranked.
        attempts.push({ element: 'noproxy', outcome: 'not-found', message: ERR_USE_PROXY });
        if (best === null) best = { message: ERR_USE_PROXY, notFound: true, rank: 0 };
        continue;
      }
      isDirect = true;
      outcome = await http.get(proxyFileURL(TOOLCHAIN_DIRECT_PROXY, modulePath, file), options);
    } else if (privateModule) {
      outcome = { kind: 'error', notFound: true, message: `module lookup ${ERR_NOPROXY}` };
    } else {
      outcome = await http.get(proxyFileURL(element.url, modulePath, file), options);
    }
    const label = element.url === 'noproxy' || element.url === 'direct' || element.url === 'off' ? element.url : redactUrl(element.url);
    if (outcome.kind === 'ok') {
      attempts.push({ element: label, outcome: 'ok', message: 'served' });
      return { body: outcome.body, servedBy: label, attempts, error: null, errorIsNotFound: false };
    }
    const notFound = outcome.notFound;
    attempts.push({ element: label, outcome: notFound ? 'not-found' : 'error', message: outcome.message });
    // TryProxies' ranking: a direct error always wins; a later proxy error replaces an earlier
    // one; a not-found error is kept only while nothing better was seen.
    const bestRank = best?.rank ?? 0;
    if (isDirect) best = { message: outcome.message, notFound, rank: 2 };
    else if (bestRank <= 1 && !notFound) best = { message: outcome.message, notFound, rank: 1 };
    else if (bestRank === 0) best = { message: outcome.message, notFound, rank: 0 };
    if (element.fallthrough !== 'on-any-error' && !notFound) break;
  }
  return { body: null, servedBy: null, attempts, error: best?.message ?? null, errorIsNotFound: best?.notFound ?? false };
}
