// Our own display redaction. Stricter than Go's url.Redacted (which keeps the username and only
// replaces the password with "xxxxx", go-semantics.md §8): a proxy token is often put in the
// username part ("https://TOKEN@proxy"), so the whole userinfo is hidden. Works on free text
// (error messages, values that are not valid URLs) without parsing it as a URL.
//
// It runs over every log line, go's output and values of any size, so it is one forward scan:
// each character is looked at a bounded number of times (no regular expression, which would
// backtrack on a long run of letters that never reaches "://").

/** A character of a URL scheme after its first letter: [A-Za-z0-9+.-]. */
function isSchemeChar(code: number): boolean {
  return isLetter(code) || (code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x2d || code === 0x2e;
}

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** JavaScript's \s: the white space that ends an authority in free text. */
function isWhiteSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** Where an authority ends: '/', '?', '#', '|', white space or a quote-like character. */
function endsAuthority(code: number): boolean {
  return code === 0x2f || code === 0x3f || code === 0x23 || code === 0x7c || code === 0x22 || code === 0x27 || code === 0x3c || code === 0x3e || code === 0x60 || isWhiteSpace(code);
}

/**
 * The scheme that ends just before position `colon` (where "://" starts): the leftmost letter of
 * the run of scheme characters before it, not before `floor`. -1 when there is none.
 */
function schemeStart(text: string, colon: number, floor: number): number {
  let start = colon;
  while (start > floor && isSchemeChar(text.charCodeAt(start - 1))) start--;
  while (start < colon && !isLetter(text.charCodeAt(start))) start++;
  return start < colon ? start : -1;
}

interface AuthorityMatch {
  /** Start of the scheme. */
  start: number;
  /** Just after "://". */
  authorityStart: number;
  /** End of the authority (exclusive). */
  end: number;
}

/**
 * Every "scheme://authority" of the text, left to right. The authority ends at the first '/',
 * '?', '#', '|', white space or quote-like character, or where another "scheme://" begins
 * (GOPROXY lists such as "https://a@h,https://b@i"). Same matches as the regular expression
 * /([A-Za-z][A-Za-z0-9+.-]*:\/\/)((?:(?![A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#|\s"'<>`])*)/g.
 */
function* schemeAuthorities(text: string): Generator<AuthorityMatch> {
  let consumed = 0;
  let from = 0;
  for (;;) {
    const colon = text.indexOf('://', from);
    if (colon < 0) return;
    const start = schemeStart(text, colon, consumed);
    if (start < 0) {
      from = colon + 1;
      continue;
    }
    const authorityStart = colon + 3;
    let end = authorityStart;
    while (end < text.length && !endsAuthority(text.charCodeAt(end))) end++;
    // Scheme characters and ':' never end an authority, so another "scheme://" inside this one
    // can only be the one whose "//" stopped the scan: the authority ends where its scheme starts.
    if (end > authorityStart && text.charCodeAt(end - 1) === 0x3a && text.startsWith('//', end)) {
      const nested = schemeStart(text, end - 1, authorityStart);
      if (nested >= 0) end = nested;
    }
    yield { start, authorityStart, end };
    consumed = end;
    from = Math.max(end, colon + 1);
  }
}

/**
 * Go takes the userinfo as everything before the LAST '@' of the authority (net/url
 * parseAuthority). Searched within the authority only, so many URLs cost no more than one.
 */
function lastAt(text: string, match: AuthorityMatch): number {
  for (let i = match.end - 1; i >= match.authorityStart; i--) if (text.charCodeAt(i) === 0x40) return i;
  return -1;
}

/** Replace every URL userinfo in the text with "***": "https://u:p@h/x" -> "https://***@h/x". */
export function redactForDisplay(text: string): string {
  let out = '';
  let copied = 0;
  for (const match of schemeAuthorities(text)) {
    const at = lastAt(text, match);
    if (at < 0) continue;
    out += `${text.slice(copied, match.authorityStart)}***`;
    copied = at;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function percentDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Every secret-looking part of URL userinfo found in the text, for core.setSecret: the whole
 * userinfo, the username, the password, and their percent-decoded forms where they differ (the
 * go command and net/http print decoded usernames, e.g. in "user:***@"). Empty strings and
 * duplicates are dropped.
 */
export function userinfoSecrets(text: string): string[] {
  const found = new Set<string>();
  const add = (s: string): void => {
    if (s === '') return;
    found.add(s);
    const decoded = percentDecode(s);
    if (decoded !== '') found.add(decoded);
  };
  for (const match of schemeAuthorities(text)) {
    const at = lastAt(text, match);
    if (at < 0) continue;
    const userinfo = text.slice(match.authorityStart, at);
    add(userinfo);
    const colon = userinfo.indexOf(':');
    if (colon < 0) continue;
    add(userinfo.slice(0, colon));
    add(userinfo.slice(colon + 1));
  }
  return [...found];
}

/**
 * A GOPROXY entry written without a scheme ("user:token@proxy.corp.example") gets the implicit
 * https:// from the go command (go-semantics §2.5), so its userinfo is a credential too, although
 * the text has no "scheme://" for the free-text functions above to see. The userinfo of such an
 * entry is what comes (after leading white space) before the last '@' ahead of any '/', '?', '#'.
 */
function schemelessUserinfo(part: string): { lead: number; at: number } | null {
  let lead = 0;
  while (lead < part.length && isWhiteSpace(part.charCodeAt(lead))) lead++;
  let stop = lead;
  while (stop < part.length) {
    const code = part.charCodeAt(stop);
    if (code === 0x2f || code === 0x3f || code === 0x23) break;
    stop++;
  }
  for (let at = stop - 1; at >= lead; at--) if (part.charCodeAt(at) === 0x40) return { lead, at };
  return null;
}

/** The entries of a proxy list with their separators: "a,b|c" -> ["a", ",", "b", "|", "c"]. */
function splitKeepingSeparators(value: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0x2c || code === 0x7c) {
      parts.push(value.slice(start, i), value[i]!);
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}

/** redactForDisplay for a GOPROXY list, including scheme-less entries. */
export function redactProxyList(value: string): string {
  return splitKeepingSeparators(value)
    .map((part) => {
      if (part.includes('://')) return redactForDisplay(part);
      const userinfo = schemelessUserinfo(part);
      return userinfo === null ? part : `${part.slice(0, userinfo.lead)}***${part.slice(userinfo.at)}`;
    })
    .join('');
}

/** userinfoSecrets for a GOPROXY list, including scheme-less entries. */
export function proxyListSecrets(value: string): string[] {
  const found = new Set(userinfoSecrets(value));
  for (const part of splitKeepingSeparators(value)) {
    if (part.includes('://')) continue;
    const userinfo = schemelessUserinfo(part);
    if (userinfo === null) continue;
    for (const secret of userinfoSecrets(`https://${part.slice(userinfo.lead, userinfo.at)}@host`)) found.add(secret);
  }
  return [...found];
}
