// Which part of the loopback proxy a request is for. Pure.
//
//   /<n>/<rest>                     the mTLS bridge: <rest> is asked from upstream n (1-based)
//   /_setup-goproxy/<token>/<verb>  control: stats, serve, stop (the token is in the config file)
//   /<anything else>                the served module cache (serve-modules), else 404
//
// Module paths cannot clash with the first two: a module path's first element must contain a dot
// and may not contain '_' (x/mod CheckPath), so neither "1" nor "_setup-goproxy" is one.

import { timingSafeEqual } from 'node:crypto';

export type ControlVerb = 'stats' | 'serve' | 'stop';

export type ProxyRoute =
  | { kind: 'bridge'; index: number; rest: string }
  | { kind: 'control'; verb: ControlVerb }
  | { kind: 'cache'; path: string; query: string }
  | { kind: 'reject'; status: number; reason: string };

export const CONTROL_PREFIX = '/_setup-goproxy/';
const MAX_TARGET_LENGTH = 8192;

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Why a request path must not be forwarded or mapped to a file, or null. Dot segments (also
 * percent-encoded) would climb out of the upstream's base path or the cache directory once a URL
 * or path library normalises them; encoded slashes and backslashes would change what a segment is.
 */
export function unsafePathReason(path: string): string | null {
  if (!path.startsWith('/')) return 'the path does not start with "/"';
  if (path.includes('\\')) return 'the path contains a backslash';
  if (/%(?:2f|5c|00)/i.test(path)) return 'the path contains an encoded slash, backslash or NUL';
  for (const segment of path.split('/')) {
    const decoded = segment.replace(/%2e/gi, '.');
    if (decoded === '.' || decoded === '..') return 'the path contains a "." or ".." segment';
  }
  return null;
}

export function routeRequest(method: string, target: string, options: { token: string; upstreams: number }): ProxyRoute {
  if (target.length > MAX_TARGET_LENGTH) return { kind: 'reject', status: 414, reason: 'request target too long' };
  // Only origin-form targets: this is a module proxy, not a forward proxy.
  if (!target.startsWith('/')) return { kind: 'reject', status: 400, reason: 'this is a Go module proxy, not a forward proxy' };
  const queryAt = target.indexOf('?');
  const path = queryAt < 0 ? target : target.slice(0, queryAt);
  const query = queryAt < 0 ? '' : target.slice(queryAt);

  if (path.startsWith(CONTROL_PREFIX)) {
    const [token = '', verb = '', ...extra] = path.slice(CONTROL_PREFIX.length).split('/');
    if (extra.length > 0 || !sameToken(token, options.token)) return { kind: 'reject', status: 404, reason: 'not found' };
    if (verb === 'stats' && (method === 'GET' || method === 'HEAD')) return { kind: 'control', verb };
    if ((verb === 'serve' || verb === 'stop') && method === 'POST') return { kind: 'control', verb };
    return { kind: 'reject', status: 405, reason: 'method not allowed' };
  }

  if (method !== 'GET' && method !== 'HEAD') return { kind: 'reject', status: 405, reason: 'the module proxy protocol only uses GET' };
  const unsafe = unsafePathReason(path);
  if (unsafe !== null) return { kind: 'reject', status: 400, reason: unsafe };

  const bridge = /^\/([1-9][0-9]{0,2})(\/.*)?$/.exec(path);
  if (bridge !== null) {
    const index = Number(bridge[1]);
    if (index > options.upstreams) return { kind: 'reject', status: 404, reason: `no bridged GOPROXY entry number ${index}` };
    return { kind: 'bridge', index, rest: `${bridge[2] ?? '/'}${query}` };
  }
  return { kind: 'cache', path, query };
}

/** The upstream URL for `rest` (path and query below a bridged entry): the entry's path + rest, as the go command joins them. */
export function upstreamTarget(base: string, rest: string): string {
  const url = new URL(base);
  const queryAt = rest.indexOf('?');
  const restPath = queryAt < 0 ? rest : rest.slice(0, queryAt);
  const query = queryAt < 0 ? '' : rest.slice(queryAt);
  // Keep the escaping as the go command sent it: no decoding and re-encoding of the path.
  const basePath = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${basePath}${restPath === '' ? '/' : restPath}${query}`;
}
