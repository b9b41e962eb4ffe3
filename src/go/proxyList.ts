// GOPROXY list parsing and walking, as modfetch/proxy.go does it (`proxyList`, `newProxyRepo`,
// `TryProxies`; go-semantics.md §2 and §3).

import { parseGoURL, redactGoURL, type GoURL } from './url.js';

export type Fallthrough = 'on-404-410' | 'on-any-error';

export interface ProxyEntry {
  kind: 'url' | 'direct' | 'off';
  /** The trimmed token as written. */
  raw: string;
  /** After the implicit https:// rule; 'direct' / 'off' for the keywords. */
  url: string;
  /** For kind 'url'. */
  parsed: GoURL | null;
  implicitScheme: boolean;
  /**
   * The separator that followed the token in the text ('' = end of list). Empty entries are
   * skipped together with their separator, so in "a|,b" a is followed by '|'.
   */
  separator: ',' | '|' | '';
  fallthrough: Fallthrough;
  /** A file:// proxy. */
  isFile: boolean;
}

export type ProxyListParse =
  | { ok: true; entries: ProxyEntry[]; implicitNoproxy: boolean; ignoredAfterKeyword: string }
  | { ok: false; error: string; badToken: string | null };

export const EMPTY_LIST_ERROR = 'GOPROXY list is not the empty string, but contains no entries';

/** strings.TrimSpace: ASCII and Unicode white space (unicode.IsSpace) at both ends. */
export function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isGoSpace(s.codePointAt(start)!)) start++;
  while (end > start && isGoSpace(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

/** unicode.IsSpace (Go): \t \n \v \f \r space U+0085 U+00A0 and the Unicode Z-space set. */
export function isGoSpace(cp: number): boolean {
  if (cp <= 0xff) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp === 0x85 || cp === 0xa0;
  return cp === 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 || cp === 0x202f || cp === 0x205f || cp === 0x3000;
}

/** strings.Fields (unicode.IsSpace separators). */
export function goFields(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of s) {
    if (isGoSpace(ch.codePointAt(0)!)) {
      if (cur !== '') out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur !== '') out.push(cur);
  return out;
}

/**
 * Whether the token is an absolute path for filepath.IsAbs or path.IsAbs (the go command asks
 * both). On Linux/macOS both mean "starts with /"; a go command running on Windows also treats
 * drive (C:\x, C:/x) and UNC (\\host\share) paths as absolute, so they get no https:// prefix.
 */
function isAbsolutePath(s: string, windows: boolean): boolean {
  if (s.startsWith('/')) return true;
  return windows && isWindowsAbsolutePath(s);
}

/** A drive (C:\x, C:/x) or UNC (\\host\share) path: absolute for filepath.IsAbs on Windows. */
export function isWindowsAbsolutePath(s: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(s) || /^[\\/]{2}[^\\/]/.test(s);
}

/**
 * The file:// URL the go command wants for a Windows directory: "C:\mods" -> "file:///C:/mods",
 * "\\server\share\mods" -> "file://server/share/mods".
 */
export function windowsFileURL(dir: string): string {
  const forward = dir.replace(/\\/g, '/');
  return forward.startsWith('//') ? `file:${forward}` : `file:///${forward}`;
}

export interface ProxyListOptions {
  /**
   * Interpret paths like the go command on Windows (filepath.IsAbs). Default: whether this
   * process runs on Windows, as the go command of the job does; tests inject either.
   */
  windows?: boolean;
}

export function isWindowsHost(): boolean {
  return process.platform === 'win32';
}

/**
 * newProxyRepo's validation of one proxy URL. Returns the error text (exactly as the go command
 * prints it after "go: <module>@<version>: ") or the parsed URL.
 */
export function validateProxyURL(url: string): { ok: true; parsed: GoURL } | { ok: false; error: string } {
  const parsed = parseGoURL(url);
  if (!parsed.ok) return parsed;
  const u = parsed.url;
  const redacted = redactGoURL(u);
  switch (u.scheme) {
    case 'http':
    case 'https':
      return { ok: true, parsed: u };
    case 'file': {
      // Only scheme + path (+ RawPath) may be set.
      const onlyPath =
        u.opaque === '' && u.username === null && u.host === '' && !(u.omitHost ?? false) && !u.forceQuery && u.rawQuery === '' && u.fragment === '' && (u.rawFragment ?? '') === '';
      if (!onlyPath) return { ok: false, error: `invalid file:// proxy URL with non-path elements: ${redacted}` };
      return { ok: true, parsed: u };
    }
    case '':
      return { ok: false, error: `invalid proxy URL missing scheme: ${redacted}` };
    default:
      return { ok: false, error: `invalid proxy URL scheme (must be https, http, file): ${redacted}` };
  }
}

/**
 * Parse a resolved GOPROXY value the way proxyList() does. `gonoproxy` is the resolved GONOPROXY
 * (already defaulted to GOPRIVATE): when non-empty and GOPROXY is not exactly "direct", the go
 * command puts an implicit "noproxy" entry first.
 */
export function parseProxyList(value: string, gonoproxy: string, options: ProxyListOptions = {}): ProxyListParse {
  const implicitNoproxy = gonoproxy !== '' && value !== 'direct';
  const entries: ProxyEntry[] = [];
  let rest = value;
  let ignoredAfterKeyword = '';
  while (rest !== '') {
    let token: string;
    let separator: ',' | '|' | '';
    const m = /[,|]/.exec(rest);
    if (m !== null) {
      token = rest.slice(0, m.index);
      separator = m[0] as ',' | '|';
      rest = rest.slice(m.index + 1);
    } else {
      token = rest;
      separator = '';
      rest = '';
    }
    const raw = goTrimSpace(token);
    if (raw === '') continue;
    const fallthrough: Fallthrough = separator === '|' ? 'on-any-error' : 'on-404-410';
    if (raw === 'off' || raw === 'direct') {
      entries.push({ kind: raw, raw, url: raw, parsed: null, implicitScheme: false, separator, fallthrough, isFile: false });
      // "off" and "direct" end the list: what follows is never read, let alone validated.
      ignoredAfterKeyword = rest;
      break;
    }
    // Single words are reserved for keywords; anything with ":/" or an absolute path must be a
    // complete URL; everything else containing '.', ':' or '/' gets an implicit https://.
    const implicitScheme = /[.:/]/.test(raw) && !raw.includes(':/') && !isAbsolutePath(raw, options.windows ?? isWindowsHost());
    const url = implicitScheme ? 'https://' + raw : raw;
    const checked = validateProxyURL(url);
    if (!checked.ok) return { ok: false, error: checked.error, badToken: raw };
    entries.push({ kind: 'url', raw, url, parsed: checked.parsed, implicitScheme, separator, fallthrough, isFile: checked.parsed.scheme === 'file' });
  }
  if (entries.length === 0) return { ok: false, error: EMPTY_LIST_ERROR, badToken: null };
  return { ok: true, entries, implicitNoproxy, ignoredAfterKeyword };
}

/**
 * Build a GOPROXY value back from entries, each followed by its separator (',' when none is given
 * between entries). A trailing '|' is kept so every entry's fallthrough survives a round trip.
 */
export function formatProxyList(entries: ReadonlyArray<{ url: string; separator: ',' | '|' | '' }>): string {
  let out = '';
  entries.forEach((entry, index) => {
    out += entry.url;
    if (index < entries.length - 1) out += entry.separator === '' ? ',' : entry.separator;
    else if (entry.separator === '|') out += '|';
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// TryProxies (modfetch/proxy.go): a pure simulator of one request's walk over the list.

/** What one list element did for one request. */
export type AttemptOutcome =
  | { kind: 'ok' }
  /** errors.Is(err, fs.ErrNotExist): HTTP 404/410, missing file in a file:// proxy, "off". */
  | { kind: 'not-found'; error: string }
  /** Anything else: other statuses, network/TLS errors, refused credentials. */
  | { kind: 'error'; error: string };

/** One element of the walked list: "noproxy" is the implicit GONOPROXY entry. */
export interface WalkElement {
  url: string; // a proxy URL, 'direct', 'off' or 'noproxy'
  fallthrough: Fallthrough;
}

export interface WalkResult {
  /** Index (into `elements`) of the element that succeeded, or null. */
  servedBy: number | null;
  /** Indexes of the elements asked, in order. */
  asked: number[];
  /** The error the go command reports when nothing served (null on success). */
  error: string | null;
  /** Index of the element whose error is reported. */
  errorFrom: number | null;
  /** Whether the reported error is "not found" (fs.ErrNotExist). */
  errorIsNotFound: boolean;
}

/** The walked list for a parsed GOPROXY: the implicit "noproxy" first when present. */
export function walkElements(list: ProxyListParse & { ok: true }): WalkElement[] {
  const elements: WalkElement[] = list.implicitNoproxy ? [{ url: 'noproxy', fallthrough: 'on-404-410' }] : [];
  for (const entry of list.entries) elements.push({ url: entry.url, fallthrough: entry.fallthrough });
  return elements;
}

/**
 * Walk the list like TryProxies. Error ranking (TryProxies): an error from "direct" (or a
 * "noproxy" error other than its "use the proxy" refusal, passed as `noproxyDeclined`) beats a
 * proxy error that is not "not found", which beats "not found"; among proxy errors of the same
 * rank the later one replaces the earlier (`bestErrRank <= proxyRank`), among not-found errors
 * the later one too. A non-not-found error stops the walk unless the element's separator was '|'.
 */
export function tryProxies(elements: readonly WalkElement[], attempt: (element: WalkElement, index: number) => AttemptOutcome & { noproxyDeclined?: boolean }): WalkResult {
  const NOT_EXIST = 0;
  const PROXY = 1;
  const DIRECT = 2;
  let best: { error: string; index: number; notFound: boolean } | null = null;
  let bestRank = NOT_EXIST;
  const asked: number[] = [];
  for (let index = 0; index < elements.length; index++) {
    const element = elements[index]!;
    asked.push(index);
    const outcome = attempt(element, index);
    if (outcome.kind === 'ok') return { servedBy: index, asked, error: null, errorFrom: null, errorIsNotFound: false };
    const notFound = outcome.kind === 'not-found';
    const current = { error: outcome.error, index, notFound };
    if (element.url === 'direct' || (element.url === 'noproxy' && outcome.noproxyDeclined !== true)) {
      best = current;
      bestRank = DIRECT;
    } else if (bestRank <= PROXY && !notFound) {
      best = current;
      bestRank = PROXY;
    } else if (bestRank === NOT_EXIST) {
      best = current;
    }
    if (element.fallthrough !== 'on-any-error' && !notFound) break;
  }
  return { servedBy: null, asked, error: best?.error ?? null, errorFrom: best?.index ?? null, errorIsNotFound: best?.notFound ?? false };
}

/** The go command's own texts for the keyword elements (modfetch/repo.go). */
export const ERR_PROXY_OFF = 'module lookup disabled by GOPROXY=off';
export const ERR_NOPROXY = 'disabled by GOPRIVATE/GONOPROXY';
export const ERR_USE_PROXY = 'path does not match GOPRIVATE/GONOPROXY';
