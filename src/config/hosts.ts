// Host classification used by lints and by the fallback planner. Only the defaults Go itself
// ships are named as public; everything else is judged by its shape.

import { isIP } from 'node:net';

export const GO_DEFAULT_PROXY_HOST = 'proxy.golang.org';
export const GO_DEFAULT_SUMDB_NAME = 'sum.golang.org';

export function isPublicDefaultProxy(host: string): boolean {
  return host.toLowerCase() === GO_DEFAULT_PROXY_HOST;
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1';
  return false;
}

const intranetSuffixes = ['.internal', '.local', '.corp', '.lan', '.intranet', '.home.arpa', '.localdomain'];

/** Loopback, RFC 1918 / ULA addresses, single-label names and common intranet suffixes. */
export function looksPrivateHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === '') return false;
  if (isLoopbackHost(bare)) return true;
  if (isIP(bare) === 4) {
    const [a, b] = bare.split('.').map(Number) as [number, number];
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  if (isIP(bare) === 6) {
    // fc00::/7 (unique local) and fe80::/10 (link-local), judged on the first 16-bit group.
    const first = Number.parseInt(bare.split(':')[0] || '0', 16);
    return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80;
  }
  if (!bare.includes('.')) return true;
  return intranetSuffixes.some((suffix) => bare.endsWith(suffix));
}
