// Credentials the go command (1.23) sends to proxy / checksum-database URLs: .netrc
// (src/cmd/go/internal/auth/netrc.go parseNetrc, auth.go AddCredentials) and URL userinfo
// (net/http Client: Basic auth from the URL when no Authorization header was set; refused over
// http:// by web/http.go). go-semantics.md §8.

import { goFields } from './proxyList.js';
import { parseGoURL, redactGoURL } from './url.js';

export interface NetrcEntry {
  machine: string;
  login: string;
  password: string;
}

/**
 * parseNetrc: per line, fields are read in (keyword, value) pairs; "machine" starts a new entry, an
 * entry is complete (and recorded) once machine, login and password are all set; "macdef" skips
 * the following lines up to an empty one; a "default" token left without a value on a line ends
 * the file; "default" entries are never used.
 */
export function parseNetrc(text: string): NetrcEntry[] {
  const entries: NetrcEntry[] = [];
  let current: NetrcEntry = { machine: '', login: '', password: '' };
  let inMacro = false;
  for (const line of text.split('\n')) {
    if (inMacro) {
      if (line === '') inMacro = false;
      continue;
    }
    const f = goFields(line);
    let i = 0;
    for (; i < f.length - 1; i += 2) {
      const value = f[i + 1]!;
      switch (f[i]) {
        case 'machine':
          current = { machine: value, login: '', password: '' };
          break;
        case 'login':
          current.login = value;
          break;
        case 'password':
          current.password = value;
          break;
        case 'macdef':
          inMacro = true;
          break;
        default:
          break;
      }
      if (current.machine !== '' && current.login !== '' && current.password !== '') {
        entries.push(current);
        current = { machine: '', login: '', password: '' };
      }
    }
    if (i < f.length && f[i] === 'default') break;
  }
  return entries;
}

/**
 * The request Host the go command matches "machine" against: the URL's host exactly as written,
 * including ":port" (http.NewRequest drops only an empty port, "host:").
 */
export function requestHost(requestUrl: string): string | null {
  const parsed = parseGoURL(requestUrl);
  if (!parsed.ok) return null;
  const host = parsed.url.host;
  return host.endsWith(':') ? host.slice(0, -1) : host;
}

/** The .netrc credentials for a request: https only, first complete entry whose machine equals the Host. */
export function netrcCredentialsFor(entries: NetrcEntry[], requestUrl: string): { login: string; password: string } | null {
  const parsed = parseGoURL(requestUrl);
  if (!parsed.ok || parsed.url.scheme !== 'https') return null;
  const host = requestHost(requestUrl);
  const entry = entries.find((e) => e.machine === host);
  return entry === undefined ? null : { login: entry.login, password: entry.password };
}

export type Authorization =
  | { kind: 'none' }
  | { kind: 'basic'; login: string; password: string; source: 'netrc' | 'userinfo' }
  /** http:// URL with userinfo: no request is sent (an ordinary error for '|' fallthrough). */
  | { kind: 'refused'; error: string };

/**
 * What the go command sends to one request URL (proxy file, sumdb probe, ...): .netrc first
 * (https only), then the URL's own userinfo (https only; username with an empty password when no
 * password is given); userinfo on http:// is refused before any request.
 */
export function authorizationFor(entries: NetrcEntry[], requestUrl: string): Authorization {
  const parsed = parseGoURL(requestUrl);
  if (!parsed.ok) return { kind: 'none' };
  const u = parsed.url;
  if (u.scheme === 'http' && u.username !== null) {
    return { kind: 'refused', error: `refusing to pass credentials to insecure URL: ${redactGoURL(u)}` };
  }
  if (u.scheme !== 'https') return { kind: 'none' };
  const fromNetrc = netrcCredentialsFor(entries, requestUrl);
  if (fromNetrc !== null) return { kind: 'basic', ...fromNetrc, source: 'netrc' };
  if (u.username !== null) return { kind: 'basic', login: u.username, password: u.password ?? '', source: 'userinfo' };
  return { kind: 'none' };
}
