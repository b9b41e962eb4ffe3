// Our own display redaction. Stricter than Go's url.Redacted (which keeps the username and only
// replaces the password with "xxxxx", go-semantics.md §8): a proxy token is often put in the
// username part ("https://TOKEN@proxy"), so the whole userinfo is hidden. Works on free text
// (error messages, values that are not valid URLs) without parsing it as a URL.

/**
 * "scheme://" followed by an authority; the authority ends at the first '/', '?', '#', '|', white
 * space or quote-like character, or where another "scheme://" begins (GOPROXY lists such as
 * "https://a@h,https://b@i"). Go takes the userinfo as everything before the LAST '@' of the
 * authority (net/url parseAuthority), so we do too.
 */
const SCHEME_AUTHORITY = /([A-Za-z][A-Za-z0-9+.-]*:\/\/)((?:(?![A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#|\s"'<>`])*)/g;

function splitUserinfo(authority: string): { userinfo: string; rest: string } | null {
  const at = authority.lastIndexOf('@');
  return at < 0 ? null : { userinfo: authority.slice(0, at), rest: authority.slice(at) };
}

/** Replace every URL userinfo in the text with "***": "https://u:p@h/x" -> "https://***@h/x". */
export function redactForDisplay(text: string): string {
  return text.replace(SCHEME_AUTHORITY, (whole: string, scheme: string, authority: string) => {
    const split = splitUserinfo(authority);
    return split === null ? whole : `${scheme}***${split.rest}`;
  });
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
  for (const match of text.matchAll(SCHEME_AUTHORITY)) {
    const split = splitUserinfo(match[2] ?? '');
    if (split === null) continue;
    add(split.userinfo);
    const colon = split.userinfo.indexOf(':');
    if (colon < 0) continue;
    add(split.userinfo.slice(0, colon));
    add(split.userinfo.slice(colon + 1));
  }
  return [...found];
}

/**
 * A GOPROXY entry written without a scheme ("user:token@proxy.corp.example") gets the implicit
 * https:// from the go command (go-semantics §2.5), so its userinfo is a credential too, although
 * the text has no "scheme://" for the free-text functions above to see.
 */
const SCHEMELESS_USERINFO = /^(\s*)([^/?#]*)@/;

/** redactForDisplay for a GOPROXY list, including scheme-less entries. */
export function redactProxyList(value: string): string {
  return value
    .split(/([,|])/)
    .map((part) => (part.includes('://') ? redactForDisplay(part) : part.replace(SCHEMELESS_USERINFO, '$1***@')))
    .join('');
}

/** userinfoSecrets for a GOPROXY list, including scheme-less entries. */
export function proxyListSecrets(value: string): string[] {
  const found = new Set(userinfoSecrets(value));
  for (const part of value.split(/[,|]/)) {
    if (part.includes('://')) continue;
    const userinfo = SCHEMELESS_USERINFO.exec(part)?.[2];
    if (userinfo === undefined) continue;
    for (const secret of userinfoSecrets(`https://${userinfo}@host`)) found.add(secret);
  }
  return [...found];
}
