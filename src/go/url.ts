// The subset of Go's net/url the go command relies on (src/net/url/url.go, go1.23), written from
// its documented and observed behaviour: Parse, (*URL).String, Redacted, Hostname, Port, and the
// exact (*url.Error).Error() texts (`parse "<raw>": <reason>`).
//
// Go strings are byte strings. To match byte-for-byte, parsing works on a "byte string" (one JS
// char per byte, see toByteString) and converts the fields back to ordinary strings at the end.
// Bytes that are not valid UTF-8 (only reachable through percent-escapes such as %ff) are kept as
// lone surrogates U+DC80..U+DCFF, so formatGoURL reproduces them exactly.

export interface GoURL {
  scheme: string;
  opaque: string;
  /** null = no userinfo at all ("https://host"), '' = empty username ("https://@host"). */
  username: string | null;
  /** null = no password ("https://user@host"); '' = empty password ("https://user:@host"). */
  password: string | null;
  host: string;
  path: string;
  rawQuery: string;
  forceQuery: boolean;
  fragment: string;
  /** Go's URL.RawPath: the escaped path as written when it differs from the default encoding. */
  rawPath?: string;
  /** Go's URL.RawFragment, same idea as rawPath. */
  rawFragment?: string;
  /** Go's URL.OmitHost: "scheme:/path" written without an authority. */
  omitHost?: boolean;
}

export type GoURLParse = { ok: true; url: GoURL } | { ok: false; error: string };

// ---------------------------------------------------------------------------------------------
// Byte strings and Go's %q quoting

/** UTF-8 encode a JS string into a byte string (one char per byte, 0..255). */
export function toByteString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc80 && c <= 0xdcff) {
      // An escaped raw byte (see fromByteString).
      out += String.fromCharCode(c - 0xdc00);
      continue;
    }
    let cp = c;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // other lone surrogates: not encodable
    if (cp < 0x80) out += String.fromCharCode(cp);
    else if (cp < 0x800) out += String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out += String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out += String.fromCharCode(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

/**
 * Decode one rune from a byte string like Go's utf8.DecodeRuneInString: returns the code point
 * and its length; an invalid sequence yields { rune: 0xfffd, size: 1 } (RuneError, 1).
 */
export function decodeRune(b: string, i: number): { rune: number; size: number } {
  const c0 = b.charCodeAt(i);
  if (Number.isNaN(c0)) return { rune: 0xfffd, size: 0 };
  if (c0 < 0x80) return { rune: c0, size: 1 };
  const bad = { rune: 0xfffd, size: 1 };
  const cont = (k: number, lo = 0x80, hi = 0xbf): number | null => {
    const c = b.charCodeAt(i + k);
    return c >= lo && c <= hi ? c & 63 : null;
  };
  if (c0 >= 0xc2 && c0 <= 0xdf) {
    const c1 = cont(1);
    return c1 === null ? bad : { rune: ((c0 & 31) << 6) | c1, size: 2 };
  }
  if (c0 >= 0xe0 && c0 <= 0xef) {
    const c1 = cont(1, c0 === 0xe0 ? 0xa0 : 0x80, c0 === 0xed ? 0x9f : 0xbf);
    const c2 = c1 === null ? null : cont(2);
    return c1 === null || c2 === null ? bad : { rune: ((c0 & 15) << 12) | (c1 << 6) | c2, size: 3 };
  }
  if (c0 >= 0xf0 && c0 <= 0xf4) {
    const c1 = cont(1, c0 === 0xf0 ? 0x90 : 0x80, c0 === 0xf4 ? 0x8f : 0xbf);
    const c2 = c1 === null ? null : cont(2);
    const c3 = c2 === null ? null : cont(3);
    return c1 === null || c2 === null || c3 === null ? bad : { rune: ((c0 & 7) << 18) | (c1! << 12) | (c2 << 6) | c3, size: 4 };
  }
  return bad;
}

/** Decode a byte string into a JS string; invalid bytes become U+DC80..U+DCFF (round-trips). */
export function fromByteString(b: string): string {
  let out = '';
  for (let i = 0; i < b.length; ) {
    const { rune, size } = decodeRune(b, i);
    if (rune === 0xfffd && size === 1 && b.charCodeAt(i) >= 0x80) out += String.fromCharCode(0xdc00 + b.charCodeAt(i));
    else out += String.fromCodePoint(rune);
    i += size;
  }
  return out;
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go's strconv.Quote, as used by %q and by url.Error / EscapeError / InvalidHostError. */
export function goQuote(s: string): string {
  const b = toByteString(s);
  let out = '"';
  for (let i = 0; i < b.length; ) {
    const { rune, size } = decodeRune(b, i);
    if (rune === 0xfffd && size === 1 && b.charCodeAt(i) >= 0x80) {
      out += '\\x' + b.charCodeAt(i).toString(16).padStart(2, '0');
    } else if (rune === 0x22 || rune === 0x5c) {
      out += '\\' + String.fromCharCode(rune);
    } else if (rune === 0x20 || PRINTABLE.test(String.fromCodePoint(rune))) {
      out += String.fromCodePoint(rune);
    } else {
      const named: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };
      const n = named[rune];
      if (n !== undefined) out += n;
      else if (rune < 0x20 || rune === 0x7f) out += '\\x' + rune.toString(16).padStart(2, '0');
      else if (rune < 0x10000) out += '\\u' + rune.toString(16).padStart(4, '0');
      else out += '\\U' + rune.toString(16).padStart(8, '0');
    }
    i += size;
  }
  return out + '"';
}

// ---------------------------------------------------------------------------------------------
// Escaping (url.go shouldEscape / escape / unescape)

type Mode = 'path' | 'pathSegment' | 'host' | 'zone' | 'userPassword' | 'queryComponent' | 'fragment';

function isAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

function shouldEscape(c: number, mode: Mode): boolean {
  if (isAlnum(c)) return false;
  const ch = String.fromCharCode(c);
  if ((mode === 'host' || mode === 'zone') && `!$&'()*+,;=:[]<>"`.includes(ch)) return false;
  if ('-_.~'.includes(ch)) return false;
  if ('$&+,/:;=?@'.includes(ch)) {
    switch (mode) {
      case 'path':
        return ch === '?';
      case 'pathSegment':
        return ch === '/' || ch === ';' || ch === ',' || ch === '?';
      case 'userPassword':
        return ch === '@' || ch === '/' || ch === '?' || ch === ':';
      case 'queryComponent':
        return true;
      case 'fragment':
        return false;
      default:
        break;
    }
  }
  if (mode === 'fragment' && '!()*'.includes(ch)) return false;
  return true;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

class UrlFailure extends Error {}

/** url.unescape on a byte string; throws UrlFailure with Go's error text. */
function unescape(s: string, mode: Mode): string {
  let out = '';
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      if (i + 2 >= s.length || !isHex(s.charCodeAt(i + 1)) || !isHex(s.charCodeAt(i + 2))) {
        throw new UrlFailure('invalid URL escape ' + goQuote(fromByteString(s.slice(i, i + 3))));
      }
      const v = parseInt(s.slice(i + 1, i + 3), 16);
      // In a host, %-escapes may only encode non-ASCII bytes (RFC 3986), except %25 (RFC 6874 zones).
      if (mode === 'host' && v < 0x80 && s.slice(i, i + 3) !== '%25') {
        throw new UrlFailure('invalid URL escape ' + goQuote(s.slice(i, i + 3)));
      }
      if (mode === 'zone' && s.slice(i, i + 3) !== '%25' && v !== 0x20 && shouldEscape(v, 'host')) {
        throw new UrlFailure('invalid URL escape ' + goQuote(s.slice(i, i + 3)));
      }
      out += String.fromCharCode(v);
      i += 3;
    } else {
      if ((mode === 'host' || mode === 'zone') && c < 0x80 && shouldEscape(c, mode)) {
        throw new UrlFailure('invalid character ' + goQuote(s[i]!) + ' in host name');
      }
      out += c === 0x2b && mode === 'queryComponent' ? ' ' : s[i]!;
      i++;
    }
  }
  return out;
}

/** url.escape on a byte string. */
function escape(s: string, mode: Mode): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20 && mode === 'queryComponent') out += '+';
    else if (shouldEscape(c, mode)) out += '%' + c.toString(16).toUpperCase().padStart(2, '0');
    else out += s[i]!;
  }
  return out;
}

/** Go's url.PathEscape / QueryEscape, for callers that build request URLs. */
export function pathEscape(s: string): string {
  return escape(toByteString(s), 'pathSegment');
}
export function queryEscape(s: string): string {
  return escape(toByteString(s), 'queryComponent');
}
/** Go's url.PathUnescape; null when an escape is malformed. */
export function pathUnescape(s: string): string | null {
  try {
    return fromByteString(unescape(toByteString(s), 'pathSegment'));
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Parse

interface ByteURL {
  scheme: string;
  opaque: string;
  user: { username: string; password: string | null } | null;
  host: string;
  path: string;
  rawPath: string;
  omitHost: boolean;
  forceQuery: boolean;
  rawQuery: string;
  fragment: string;
  rawFragment: string;
}

function emptyByteURL(): ByteURL {
  return { scheme: '', opaque: '', user: null, host: '', path: '', rawPath: '', omitHost: false, forceQuery: false, rawQuery: '', fragment: '', rawFragment: '' };
}

/** getScheme: a leading [a-zA-Z][a-zA-Z0-9+.-]* followed by ':'. */
function getScheme(raw: string): { scheme: string; rest: string } {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) continue;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      if (i === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (c === 0x3a) {
      if (i === 0) throw new UrlFailure('missing protocol scheme');
      return { scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    }
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

/** validOptionalPort: "" or ":" followed by digits only. */
function validOptionalPort(port: string): boolean {
  if (port === '') return true;
  if (port[0] !== ':') return false;
  return /^[0-9]*$/.test(port.slice(1));
}

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) throw new UrlFailure("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) throw new UrlFailure(`invalid port ${goQuote(fromByteString(colonPort))} after host`);
    const zone = host.slice(0, i).indexOf('%25');
    if (zone >= 0) {
      return unescape(host.slice(0, zone), 'host') + unescape(host.slice(zone, i), 'zone') + unescape(host.slice(i), 'host');
    }
  } else {
    const i = host.lastIndexOf(':');
    if (i !== -1) {
      const colonPort = host.slice(i);
      if (!validOptionalPort(colonPort)) throw new UrlFailure(`invalid port ${goQuote(fromByteString(colonPort))} after host`);
    }
  }
  return unescape(host, 'host');
}

const USERINFO_OK = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/;

function parseAuthority(authority: string, u: ByteURL): void {
  const at = authority.lastIndexOf('@');
  u.host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  if (at < 0) return;
  const userinfo = authority.slice(0, at);
  // validUserinfo works on runes: any non-ASCII byte is rejected too.
  if (!USERINFO_OK.test(userinfo)) throw new UrlFailure('net/url: invalid userinfo');
  const colon = userinfo.indexOf(':');
  if (colon < 0) {
    u.user = { username: unescape(userinfo, 'userPassword'), password: null };
  } else {
    u.user = { username: unescape(userinfo.slice(0, colon), 'userPassword'), password: unescape(userinfo.slice(colon + 1), 'userPassword') };
  }
}

function setPath(u: ByteURL, p: string): void {
  u.path = unescape(p, 'path');
  u.rawPath = escape(u.path, 'path') === p ? '' : p;
}

function setFragment(u: ByteURL, f: string): void {
  u.fragment = unescape(f, 'fragment');
  u.rawFragment = escape(u.fragment, 'fragment') === f ? '' : f;
}

function parseNoFragment(raw: string): ByteURL {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) throw new UrlFailure('net/url: invalid control character in URL');
  }
  const u = emptyByteURL();
  if (raw === '*') {
    u.path = '*';
    return u;
  }
  const { scheme, rest: afterScheme } = getScheme(raw);
  u.scheme = scheme.toLowerCase();
  let rest = afterScheme;
  if (rest.endsWith('?') && rest.split('?').length === 2) {
    u.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      u.rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith('/')) {
    if (u.scheme !== '') {
      // Rootless paths after a scheme are opaque (RFC 3986).
      u.opaque = rest;
      return u;
    }
    const slash = rest.indexOf('/');
    const segment = slash < 0 ? rest : rest.slice(0, slash);
    if (segment.includes(':')) throw new UrlFailure('first path segment in URL cannot contain colon');
  }
  if ((u.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    parseAuthority(authority, u);
  } else if (u.scheme !== '' && rest.startsWith('/')) {
    u.omitHost = true;
  }
  setPath(u, rest);
  return u;
}

function toGoURL(b: ByteURL): GoURL {
  return {
    scheme: fromByteString(b.scheme),
    opaque: fromByteString(b.opaque),
    username: b.user === null ? null : fromByteString(b.user.username),
    password: b.user === null || b.user.password === null ? null : fromByteString(b.user.password),
    host: fromByteString(b.host),
    path: fromByteString(b.path),
    rawQuery: fromByteString(b.rawQuery),
    forceQuery: b.forceQuery,
    fragment: fromByteString(b.fragment),
    rawPath: fromByteString(b.rawPath),
    rawFragment: fromByteString(b.rawFragment),
    omitHost: b.omitHost,
  };
}

function toByteURL(u: GoURL): ByteURL {
  return {
    scheme: toByteString(u.scheme),
    opaque: toByteString(u.opaque),
    user: u.username === null ? null : { username: toByteString(u.username), password: u.password === null ? null : toByteString(u.password) },
    host: toByteString(u.host),
    path: toByteString(u.path),
    rawPath: toByteString(u.rawPath ?? ''),
    omitHost: u.omitHost ?? false,
    forceQuery: u.forceQuery,
    rawQuery: toByteString(u.rawQuery),
    fragment: toByteString(u.fragment),
    rawFragment: toByteString(u.rawFragment ?? ''),
  };
}

/** url.Parse. The error text is (*url.Error).Error(): `parse "<raw>": <reason>`. */
export function parseGoURL(raw: string): GoURLParse {
  const bytes = toByteString(raw);
  const hash = bytes.indexOf('#');
  const beforeFragment = hash < 0 ? bytes : bytes.slice(0, hash);
  let u: ByteURL;
  try {
    u = parseNoFragment(beforeFragment);
  } catch (error) {
    if (!(error instanceof UrlFailure)) throw error;
    return { ok: false, error: `parse ${goQuote(fromByteString(beforeFragment))}: ${error.message}` };
  }
  if (hash >= 0 && hash + 1 < bytes.length) {
    try {
      setFragment(u, bytes.slice(hash + 1));
    } catch (error) {
      if (!(error instanceof UrlFailure)) throw error;
      return { ok: false, error: `parse ${goQuote(raw)}: ${error.message}` };
    }
  }
  return { ok: true, url: toGoURL(u) };
}

// ---------------------------------------------------------------------------------------------
// String / Redacted / Hostname / Port

function validEncoded(s: string, mode: Mode): boolean {
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if ("!$&'()*+,;=:@[]%".includes(ch)) continue;
    if (shouldEscape(s.charCodeAt(i), mode)) return false;
  }
  return true;
}

function escapedPath(u: ByteURL): string {
  if (u.rawPath !== '' && validEncoded(u.rawPath, 'path')) {
    try {
      if (unescape(u.rawPath, 'path') === u.path) return u.rawPath;
    } catch {
      // fall through to the default encoding
    }
  }
  if (u.path === '*') return '*';
  return escape(u.path, 'path');
}

function escapedFragment(u: ByteURL): string {
  if (u.rawFragment !== '' && validEncoded(u.rawFragment, 'fragment')) {
    try {
      if (unescape(u.rawFragment, 'fragment') === u.fragment) return u.rawFragment;
    } catch {
      // fall through
    }
  }
  return escape(u.fragment, 'fragment');
}

function userinfoString(user: NonNullable<ByteURL['user']>): string {
  let s = escape(user.username, 'userPassword');
  if (user.password !== null) s += ':' + escape(user.password, 'userPassword');
  return s;
}

function byteURLString(u: ByteURL): string {
  let buf = '';
  if (u.scheme !== '') buf += u.scheme + ':';
  if (u.opaque !== '') {
    buf += u.opaque;
  } else {
    if (u.scheme !== '' || u.host !== '' || u.user !== null) {
      if (!(u.omitHost && u.host === '' && u.user === null)) {
        if (u.host !== '' || u.path !== '' || u.user !== null) buf += '//';
        if (u.user !== null) buf += userinfoString(u.user) + '@';
        if (u.host !== '') buf += escape(u.host, 'host');
      }
    }
    const p = escapedPath(u);
    if (p !== '' && p[0] !== '/' && u.host !== '') buf += '/';
    if (buf === '') {
      // A relative path whose first segment has a colon needs "./" (RFC 3986 §4.2).
      const slash = p.indexOf('/');
      if ((slash < 0 ? p : p.slice(0, slash)).includes(':')) buf += './';
    }
    buf += p;
  }
  if (u.forceQuery || u.rawQuery !== '') buf += '?' + u.rawQuery;
  if (u.fragment !== '') buf += '#' + escapedFragment(u);
  return buf;
}

/** (*url.URL).String(). */
export function formatGoURL(u: GoURL): string {
  return fromByteString(byteURLString(toByteURL(u)));
}

/** (*url.URL).Redacted(): the password (only) becomes "xxxxx"; the username stays visible. */
export function redactGoURL(u: GoURL): string {
  if (u.username !== null && u.password !== null) return formatGoURL({ ...u, password: 'xxxxx' });
  return formatGoURL(u);
}

/**
 * How net/http prints a URL in transport errors (client.go stripPassword): the userinfo is
 * replaced by the *unescaped* username plus ":***" when a password is set.
 */
export function redactGoURLTransport(u: GoURL): string {
  const s = formatGoURL(u);
  if (u.username === null || u.password === null) return s;
  const b = toByteURL(u);
  const written = fromByteString(userinfoString(b.user!)) + '@';
  const i = s.indexOf(written);
  return i < 0 ? s : s.slice(0, i) + u.username + ':***@' + s.slice(i + written.length);
}

function splitHostPort(hostPort: string): { host: string; port: string } {
  let host = hostPort;
  let port = '';
  const colon = host.lastIndexOf(':');
  if (colon !== -1 && validOptionalPort(host.slice(colon))) {
    port = host.slice(colon + 1);
    host = host.slice(0, colon);
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return { host, port };
}

/** (*url.URL).Hostname(): host without port and IPv6 brackets. */
export function hostname(u: GoURL): string {
  return splitHostPort(u.host).host;
}

/** (*url.URL).Port(): the numeric port, '' if none. */
export function port(u: GoURL): string {
  return splitHostPort(u.host).port;
}

/**
 * Go's %+v of a url.URL value, as printed in "invalid sumdb name (must be host[/path]): ..."
 * (modfetch/sumdb.go). *Userinfo prints through its String method (nil -> "").
 */
export function formatGoURLStruct(u: GoURL): string {
  const b = toByteURL(u);
  const user = b.user === null ? '' : fromByteString(userinfoString(b.user));
  return (
    `{Scheme:${u.scheme} Opaque:${u.opaque} User:${user} Host:${u.host} Path:${u.path} RawPath:${u.rawPath ?? ''} ` +
    `OmitHost:${String(u.omitHost ?? false)} ForceQuery:${String(u.forceQuery)} RawQuery:${u.rawQuery} Fragment:${u.fragment} RawFragment:${u.rawFragment ?? ''}}`
  );
}
