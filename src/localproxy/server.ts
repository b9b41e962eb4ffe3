// The loopback module proxy: an HTTP server on 127.0.0.1 that
//   * bridges each configured upstream (/<n>/...) to its https URL, presenting the client
//     certificate (the go command cannot: golang/go#30119);
//   * serves $GOMODCACHE/cache/download read-only after the pre-warm (serve-modules), asking the
//     job's GOPROXY, with the go command's `,`/`|` rules, for anything not on disk;
//   * answers the main and post steps' control requests (stats, serve, stop).
// Bodies are streamed with backpressure (a zip may be hundreds of MB), status codes are kept as
// the upstream sent them (404/410 must stay "not found" for the go command's `,`), and every
// upstream request is bounded in time (upstream.ts).

import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createSecureContext, type SecureContext } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { parseProxyList, ERR_PROXY_OFF, type ProxyEntry } from '../go/proxyList.js';
import { matchPrefixPatterns } from '../go/patterns.js';
import { loadTrustStore } from '../probe/network.js';
import { userinfoSecrets } from '../probe/probe.js';
import { bridgeErrorAnswer } from './bridgeError.js';
import { lookupCacheFile } from './cacheFiles.js';
import { parseServeSettings, type LocalProxyConfig, type ServeSettings } from './config.js';
import type { ProxyLog, RouteKind } from './log.js';
import { routeRequest, upstreamTarget, type ControlVerb } from './routes.js';
import { discard, requestAbort, UpstreamClient, type UpstreamOutcome } from './upstream.js';

/** Marks the proxy's own upstream requests, so a GOPROXY that leads back to it is a 508, not a loop. */
export const HOP_HEADER = 'x-setup-goproxy-hop';
const FORWARDED_REQUEST_HEADERS = ['user-agent', 'accept', 'accept-encoding', 'if-none-match', 'if-modified-since'];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-length', 'content-encoding', 'etag', 'last-modified', 'cache-control', 'expires', 'vary', 'content-disposition'];
const MAX_CONTROL_BODY = 64 * 1024;
/** Error bodies kept while the served cache walks the job's GOPROXY. */
const MAX_KEPT_BODY = 4096;

export interface LocalProxyServer {
  listen(): Promise<number>;
  /** Closes the server and every upstream connection. */
  close(): Promise<void>;
  /** Resolves when a stop control request was answered. */
  stopped: Promise<void>;
}

interface KeptAnswer {
  status: number;
  contentType: string;
  body: Buffer;
}

/** A GOPROXY entry behind the served cache, resolved to how the proxy reaches it. */
type FallbackTarget =
  | { kind: 'upstream'; base: string; client: () => UpstreamClient; route: RouteKind; fallthrough: ProxyEntry['fallthrough'] }
  | { kind: 'directory'; dir: string; fallthrough: ProxyEntry['fallthrough'] }
  | { kind: 'keyword'; keyword: 'direct' | 'off'; fallthrough: ProxyEntry['fallthrough'] };

function textAnswer(res: http.ServerResponse, status: number, text: string, method: string): number {
  const body = Buffer.from(text.endsWith('\n') ? text : `${text}\n`);
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(body.length) });
  res.end(method === 'HEAD' ? undefined : body);
  return method === 'HEAD' ? 0 : body.length;
}

function jsonAnswer(res: http.ServerResponse, value: unknown): number {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
  res.end(body);
  return body.length;
}

function forwardedHeaders(incoming: http.IncomingHttpHeaders, hop: string): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': 'Go-http-client/1.1' };
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = incoming[name];
    if (typeof value === 'string') headers[name] = value;
  }
  headers[HOP_HEADER] = hop;
  return headers;
}

function responseHeaders(upstream: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = upstream[name];
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

async function readCapped(body: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      chunks.push(buffer.subarray(0, Math.max(0, max - size)));
      size += buffer.length;
      if (size >= max) break;
    }
  } catch {
    // a body that fails while being kept is kept as far as it got
  } finally {
    discard(body);
  }
  return Buffer.concat(chunks);
}

/** The directory of a file:// GOPROXY entry, in this platform's path syntax (file:///C:/x on Windows). */
function fileDirectory(url: string): string {
  try {
    return fileURLToPath(url);
  } catch {
    return decodeURIComponent(new URL(url).pathname);
  }
}

function contentTypeOf(headers: Record<string, string | string[] | undefined>): string {
  const value = headers['content-type'];
  return typeof value === 'string' ? value : 'text/plain; charset=utf-8';
}

export async function createLocalProxyServer(config: LocalProxyConfig, log: ProxyLog): Promise<LocalProxyServer> {
  const instance = randomBytes(8).toString('hex');
  const trust = await loadTrustStore(config.networkEnv, config.platform);
  for (const note of trust.notes) log.write(`trust: ${note}`);
  const secrets = [
    ...config.netrc.map((entry) => entry.password),
    ...config.upstreams.flatMap((upstream) => userinfoSecrets(new URL(upstream.url))),
    ...Object.values(config.networkEnv).flatMap((value) => {
      try {
        return userinfoSecrets(new URL(value));
      } catch {
        return [];
      }
    }),
    config.token,
  ];
  let bridgeContext: SecureContext;
  try {
    bridgeContext = createSecureContext({ ca: trust.certificates, ...(config.clientCertificate === null ? {} : { cert: config.clientCertificate.cert, key: config.clientCertificate.key }) });
  } catch {
    // The key is never quoted, not even as an OpenSSL error text.
    throw new Error('the client certificate and key could not be loaded into TLS (check client-certificate and client-key)');
  }
  const bridgeClient = new UpstreamClient({ secureContext: bridgeContext, env: config.networkEnv, timeouts: config.timeouts, netrc: config.netrc, presentsCertificate: config.clientCertificate !== null, secrets });
  // Only the served cache's fall-through to non-bridged entries needs it: made on first use.
  let plain: UpstreamClient | null = null;
  const plainClient = (): UpstreamClient =>
    (plain ??= new UpstreamClient({ secureContext: createSecureContext({ ca: trust.certificates }), env: config.networkEnv, timeouts: config.timeouts, netrc: config.netrc, presentsCertificate: false, secrets }));

  let port = 0;
  let serving: { settings: ServeSettings; root: string; targets: FallbackTarget[] } | null = null;
  let resolveStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));

  const server = http.createServer({ keepAliveTimeout: 5000 });
  server.headersTimeout = 30_000;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  /** The served cache's view of the job's GOPROXY; its own bridge entries are reached without a loop over HTTP. */
  function fallbackTargets(fallback: string): FallbackTarget[] {
    const parse = parseProxyList(fallback, '', { windows: config.platform === 'win32' });
    if (!parse.ok) throw new Error(`the GOPROXY to fall through to is invalid: ${parse.error}`);
    return parse.entries.map((entry): FallbackTarget => {
      if (entry.kind !== 'url') return { kind: 'keyword', keyword: entry.kind, fallthrough: entry.fallthrough };
      if (entry.isFile) return { kind: 'directory', dir: fileDirectory(entry.url), fallthrough: entry.fallthrough };
      const own = /^http:\/\/127\.0\.0\.1:(\d+)\/([1-9][0-9]{0,2})\/?$/.exec(entry.url);
      const upstream = own !== null && Number(own[1]) === port ? config.upstreams[Number(own[2]) - 1] : undefined;
      if (upstream !== undefined) return { kind: 'upstream', base: upstream.url, client: () => bridgeClient, route: 'bridge', fallthrough: entry.fallthrough };
      return { kind: 'upstream', base: entry.url, client: plainClient, route: 'fallthrough', fallthrough: entry.fallthrough };
    });
  }

  async function enableServing(settings: ServeSettings): Promise<void> {
    const root = await realpath(settings.downloadDir).catch(() => null);
    if (root === null || !(await stat(root)).isDirectory()) throw new Error(`${settings.downloadDir} is not a directory`);
    serving = { settings, root, targets: fallbackTargets(settings.fallback) };
    log.stats.servingModules = true;
    log.write(`serving ${settings.downloadDir} read-only; falling through to GOPROXY=${settings.fallback}`);
  }

  /** Streams an upstream answer to the client. Resolves with the bytes sent. */
  async function relay(outcome: UpstreamOutcome & { kind: 'response' }, req: http.IncomingMessage, res: http.ServerResponse): Promise<number> {
    res.writeHead(outcome.status, responseHeaders(outcome.headers));
    if (req.method === 'HEAD') {
      discard(outcome.body);
      res.end();
      return 0;
    }
    let bytes = 0;
    outcome.body.on('data', (chunk: Buffer) => (bytes += chunk.length));
    try {
      await pipeline(outcome.body, res);
    } catch (error) {
      if (!res.destroyed || !req.destroyed) log.error(`${outcome.display}: the body was cut off after ${bytes} bytes (${error instanceof Error ? error.message : String(error)})`);
      res.destroy();
    }
    return bytes;
  }

  async function askUpstream(client: UpstreamClient, base: string, rest: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<UpstreamOutcome> {
    const abort = requestAbort(config.timeouts.requestMs);
    res.once('close', () => {
      abort.done();
      if (!res.writableFinished) abort.abort();
    });
    return client.request({ target: upstreamTarget(base, rest), method: req.method === 'HEAD' ? 'HEAD' : 'GET', headers: forwardedHeaders(req.headers, instance), signal: abort.signal });
  }

  async function bridge(index: number, rest: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<{ status: number; bytes: number; note?: string }> {
    const upstream = config.upstreams[index - 1]!;
    log.stats.bridged++;
    const outcome = await askUpstream(bridgeClient, upstream.url, rest, req, res);
    if (outcome.kind === 'failure') {
      const answer = bridgeErrorAnswer(outcome.classification);
      log.error(`${outcome.classification.message} [${outcome.classification.errorClass ?? 'error'}]`);
      return { status: answer.status, bytes: textAnswer(res, answer.status, answer.body, req.method ?? 'GET'), note: `upstream ${index} failed` };
    }
    return { status: outcome.status, bytes: await relay(outcome, req, res), note: `upstream ${index}` };
  }

  async function serveFile(root: string, segments: string[], contentType: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<number | null> {
    const file = path.join(root, ...segments);
    let real: string;
    try {
      real = await realpath(file);
    } catch {
      return null;
    }
    // Symbolic links may not lead out of the directory.
    if (real !== root && !real.startsWith(root + path.sep)) return null;
    const info = await stat(real).catch(() => null);
    if (info === null || !info.isFile()) return null;
    res.writeHead(200, { 'content-type': contentType, 'content-length': String(info.size) });
    if (req.method === 'HEAD') {
      res.end();
      return 0;
    }
    try {
      await pipeline(createReadStream(real), res);
    } catch (error) {
      log.error(`reading ${segments.join('/')} from the module cache failed: ${error instanceof Error ? error.message : String(error)}`);
      res.destroy();
    }
    return info.size;
  }

  /** The go command's walk over the job's GOPROXY (TryProxies) for what the cache does not hold. */
  async function fallThrough(targets: FallbackTarget[], requestPath: string, query: string, lookup: { segments: string[]; contentType: string } | null, req: http.IncomingMessage, res: http.ServerResponse): Promise<{ status: number; bytes: number; note: string }> {
    const method = req.method ?? 'GET';
    let notFound: KeptAnswer | null = null;
    let failed: KeptAnswer | null = null;
    for (const [position, target] of targets.entries()) {
      const entry = `GOPROXY entry ${position + 1}`;
      if (target.kind === 'keyword') {
        const text = target.keyword === 'off' ? `not found: ${ERR_PROXY_OFF}` : 'not found: not in the runner\'s module cache, and the job\'s GOPROXY goes "direct" for it (fetch it from its origin)';
        notFound = { status: 404, contentType: 'text/plain; charset=utf-8', body: Buffer.from(`${text}\n`) };
        break;
      }
      if (target.kind === 'directory') {
        const bytes = lookup === null ? null : await serveFile(await realpath(target.dir).catch(() => target.dir), lookup.segments, lookup.contentType, req, res);
        if (bytes !== null) return { status: 200, bytes, note: `${entry} (file://)` };
        notFound = { status: 404, contentType: 'text/plain; charset=utf-8', body: Buffer.from('not found\n') };
        continue;
      }
      log.stats.fellThrough++;
      if (target.route === 'bridge') log.stats.bridged++;
      const outcome = await askUpstream(target.client(), target.base, `${requestPath}${query}`, req, res);
      if (outcome.kind === 'failure') {
        const answer = bridgeErrorAnswer(outcome.classification);
        log.error(`${outcome.classification.message} [${outcome.classification.errorClass ?? 'error'}]`);
        failed = { status: answer.status, contentType: 'text/plain; charset=utf-8', body: Buffer.from(answer.body) };
        if (target.fallthrough === 'on-any-error') continue;
        break;
      }
      if (outcome.status === 404 || outcome.status === 410) {
        notFound = { status: outcome.status, contentType: contentTypeOf(outcome.headers), body: await readCapped(outcome.body, MAX_KEPT_BODY) };
        continue;
      }
      if (outcome.status < 400 || target.fallthrough !== 'on-any-error') {
        return { status: outcome.status, bytes: await relay(outcome, req, res), note: `${entry}` };
      }
      failed = { status: outcome.status, contentType: contentTypeOf(outcome.headers), body: await readCapped(outcome.body, MAX_KEPT_BODY) };
    }
    // As TryProxies ranks them: an error beats "not found".
    const answer = failed ?? notFound ?? { status: 404, contentType: 'text/plain; charset=utf-8', body: Buffer.from('not found\n') };
    res.writeHead(answer.status, { 'content-type': answer.contentType, 'content-length': String(answer.body.length) });
    res.end(method === 'HEAD' ? undefined : answer.body);
    return { status: answer.status, bytes: method === 'HEAD' ? 0 : answer.body.length, note: 'job GOPROXY' };
  }

  async function serveCache(requestPath: string, query: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<{ status: number; bytes: number; route: RouteKind; note?: string }> {
    const method = req.method ?? 'GET';
    const current = serving;
    if (current === null) return { status: 404, bytes: textAnswer(res, 404, 'not found: this loopback proxy does not serve the module cache (serve-modules is off)', method), route: 'rejected' };
    const lookup = lookupCacheFile(requestPath);
    if (lookup.kind === 'invalid') return { status: 404, bytes: textAnswer(res, 404, `not found: ${lookup.reason}`, method), route: 'rejected' };
    if (lookup.kind === 'file') {
      const bytes = await serveFile(current.root, lookup.segments, lookup.contentType, req, res);
      if (bytes !== null) {
        log.stats.servedFromCache++;
        return { status: 200, bytes, route: 'cache' };
      }
    }
    if (lookup.kind !== 'sumdb' && matchPrefixPatterns(current.settings.gonoproxy, lookup.modulePath)) {
      // Never send a private path to a proxy the go command would not send it to.
      return { status: 404, bytes: textAnswer(res, 404, `not found: ${lookup.modulePath} is not in the runner's module cache, and it matches GONOPROXY/GOPRIVATE, so it is not asked from a proxy`, method), route: 'cache' };
    }
    const result = await fallThrough(current.targets, requestPath, query, lookup.kind === 'file' ? lookup : null, req, res);
    return { ...result, route: 'fallthrough' };
  }

  async function readBody(req: http.IncomingMessage): Promise<string> {
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_CONTROL_BODY) throw new Error('control request body too large');
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  async function control(verb: ControlVerb, req: http.IncomingMessage, res: http.ServerResponse): Promise<{ status: number; bytes: number }> {
    if (verb === 'stats') return { status: 200, bytes: jsonAnswer(res, log.snapshot()) };
    if (verb === 'stop') {
      const bytes = jsonAnswer(res, log.snapshot());
      res.on('finish', () => resolveStopped());
      return { status: 200, bytes };
    }
    try {
      await enableServing(parseServeSettings(JSON.parse(await readBody(req))));
      return { status: 200, bytes: jsonAnswer(res, { serving: true }) };
    } catch (error) {
      return { status: 400, bytes: textAnswer(res, 400, error instanceof Error ? error.message : String(error), 'POST') };
    }
  }

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = Date.now();
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    const shownPath = target.startsWith('/_setup-goproxy/') ? '/_setup-goproxy/***' : target;
    const done = (result: { status: number; bytes: number; route: RouteKind; note?: string }): void =>
      log.request({ method, path: shownPath, status: result.status, route: result.route, ms: Date.now() - started, bytes: result.bytes, ...(result.note === undefined ? {} : { note: result.note }) });
    const handle = async (): Promise<void> => {
      if (req.headers[HOP_HEADER] === instance) {
        done({ status: 508, bytes: textAnswer(res, 508, 'loop detected: the GOPROXY behind the served module cache leads back to it', method), route: 'rejected' });
        return;
      }
      const route = routeRequest(method, target, { token: config.token, upstreams: config.upstreams.length });
      switch (route.kind) {
        case 'reject':
          done({ status: route.status, bytes: textAnswer(res, route.status, `${route.status === 404 ? 'not found: ' : ''}${route.reason}`, method), route: 'rejected' });
          return;
        case 'control':
          done({ ...(await control(route.verb, req, res)), route: 'control' });
          return;
        case 'bridge':
          done({ ...(await bridge(route.index, route.rest, req, res)), route: 'bridge' });
          return;
        case 'cache':
          done(await serveCache(route.path, route.query, req, res));
          return;
      }
    };
    handle().catch((error: unknown) => {
      // A bug in one request must not take the proxy (and every later go command) down.
      log.error(`internal error on ${method} ${shownPath}: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) textAnswer(res, 500, 'setup-goproxy loopback proxy: internal error (see the post step)', method);
      else res.destroy();
    });
  });

  if (config.serve !== null) await enableServing(config.serve);

  return {
    stopped,
    async listen() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new Error(`127.0.0.1:${config.port} is already in use`) : error));
        server.listen({ host: '127.0.0.1', port: config.port, exclusive: true }, () => {
          server.removeAllListeners('error');
          resolve();
        });
      });
      port = (server.address() as AddressInfo).port;
      // The served cache's own bridge entries are recognised by the port, known only now.
      if (serving !== null) serving.targets = fallbackTargets(serving.settings.fallback);
      return port;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      await Promise.all([bridgeClient.close(), plain?.close()]);
    },
  };
}
