// GOPROXY checks: the go command's own errors (go-semantics §2, §11) plus values it accepts
// but that almost surely do not do what the user meant.

import type { Problem } from '../problems.js';
import { isWindowsAbsolutePath, isWindowsHost, parseProxyList, windowsFileURL, type ProxyEntry, type ProxyListParse } from '../go/proxyList.js';
import { hostname } from '../go/url.js';
import { matchPrefixPatterns, splitPatternList } from '../go/patterns.js';
import { displayText, displayValue } from '../report/bounds.js';
import { isLoopbackHost, isPublicDefaultProxy, looksPrivateHost } from './hosts.js';

export interface ProxyLintContext {
  goproxy: string;
  gonoproxy: string;
  goprivate: string;
  /** Read paths as the go command on Windows does (C:\dir is a directory there); default: this host. */
  windows?: boolean;
}

export function lintGoproxy(context: ProxyLintContext): { parse: ProxyListParse; problems: Problem[] } {
  const windows = context.windows ?? isWindowsHost();
  const parse = parseProxyList(context.goproxy, context.gonoproxy, { windows });
  // Every message quotes the list: a short excerpt, or 9,000 entries would print it 9,000 times.
  const shown = displayValue(context.goproxy);
  if (!parse.ok) {
    return { parse, problems: [invalidListProblem(shown, parse.error, parse.badToken, windows)] };
  }
  const problems: Problem[] = [];
  if (parse.ignoredAfterKeyword.trim() !== '') {
    const keyword = parse.entries[parse.entries.length - 1]?.url ?? 'direct';
    problems.push({
      severity: 'warning',
      code: 'GOPROXY_IGNORED_ENTRIES',
      variable: 'GOPROXY',
      message: `GOPROXY="${shown}": the go command stops reading at "${keyword}", so "${displayValue(parse.ignoredAfterKeyword)}" is never used.`,
      fix: `Move "${keyword}" to the end of the list, or remove the entries after it.`,
    });
  }
  parse.entries.forEach((entry, index) => {
    problems.push(...lintEntry(entry, shown));
    const next = parse.entries[index + 1];
    if (entry.kind === 'url' && next?.kind === 'url' && entry.separator === ',') {
      problems.push({
        severity: 'warning',
        code: 'GOPROXY_COMMA_NO_FAILOVER',
        variable: 'GOPROXY',
        message: `GOPROXY="${shown}": "${displayValue(entry.url)}" is followed by ",", so the go command tries "${displayValue(next.url)}" only after a 404 or 410; a proxy that is down, refuses or answers 5xx fails the build.`,
        fix: `Use "|" after "${displayValue(entry.url)}" if "${displayValue(next.url)}" is meant as a failover mirror.`,
      });
    }
  });
  problems.push(...lintPrivateFallthrough(parse.entries, context, shown));
  return { parse, problems };
}

function invalidListProblem(shown: string, goError: string, badToken: string | null, windows: boolean): Problem {
  const error = displayText(goError);
  let fix = 'Write GOPROXY as a list of https:// (or file://) URLs separated by "," or "|", optionally ending in "direct" or "off".';
  if (badToken !== null && /^(direct|off)$/i.test(badToken.trim()) && badToken.trim() !== badToken.trim().toLowerCase()) {
    fix = `The keywords are case-sensitive: write "${badToken.trim().toLowerCase()}".`;
  } else if (badToken !== null && badToken.trim() === 'noproxy') {
    fix = '"noproxy" is internal to the go command; to bypass the proxy for some modules, list them in GONOPROXY or GOPRIVATE.';
  } else if (badToken !== null && badToken.trim().startsWith('/')) {
    fix = `A local directory needs the file:// scheme: "file://${displayValue(badToken.trim())}".`;
  } else if (badToken !== null && windows && isWindowsAbsolutePath(badToken.trim())) {
    fix = `A local directory needs the file:// scheme: "${displayValue(windowsFileURL(badToken.trim()))}".`;
  } else if (/no entries/.test(goError)) {
    fix = 'Give at least one entry, or leave GOPROXY empty to use the default (https://proxy.golang.org,direct).';
  }
  return {
    severity: 'error',
    code: 'GOPROXY_INVALID',
    variable: 'GOPROXY',
    message: `GOPROXY="${shown}" is rejected by the go command: ${error}. Every module download fails with this error.`,
    fix,
  };
}

function lintEntry(entry: ProxyEntry, shown: string): Problem[] {
  if (entry.kind !== 'url' || entry.parsed === null) return [];
  const problems: Problem[] = [];
  const url = entry.parsed;
  const display = displayValue(entry.url);
  const scheme = url.scheme.toLowerCase();
  const host = hostname(url);
  const base = { variable: 'GOPROXY' } as const;
  if (/\s/.test(entry.raw)) {
    problems.push({
      ...base,
      severity: 'warning',
      code: 'GOPROXY_WHITESPACE',
      message: `GOPROXY="${shown}": the entry "${display}" contains white space; the go command does not split on spaces, so this is one URL whose path contains a space.`,
      fix: 'Separate proxies with "," or "|", not spaces.',
    });
  }
  if (!entry.isFile && (host === '' || host === '.')) {
    problems.push({
      ...base,
      severity: 'warning',
      code: 'GOPROXY_NO_HOST',
      message: `GOPROXY="${shown}": the entry "${display}" has no usable host name; every request to it fails ("http: no Host in request URL").`,
      fix: 'Write the full URL, for example https://proxy.example.com/path, and file:///abs/dir for a directory.',
    });
  }
  if (url.username !== null && scheme === 'http') {
    problems.push({
      ...base,
      severity: 'warning',
      code: 'GOPROXY_CREDENTIALS_OVER_HTTP',
      message: `GOPROXY="${shown}": the go command refuses to send the credentials in "${display}" over plain http, so every request to it fails.`,
      fix: 'Use https:// for a proxy that needs credentials.',
    });
  } else if (url.username !== null && url.password === null) {
    problems.push({
      ...base,
      severity: 'warning',
      code: 'GOPROXY_SECRET_IN_USERNAME',
      message: `GOPROXY="${shown}": the entry "${display}" has a user name but no password; the go command prints user names in its error messages, so a token there leaks into logs.`,
      fix: 'Put the token in the password part (https://user:TOKEN@host) or, better, in a .netrc entry for the host.',
    });
  }
  if (scheme === 'http' && host !== '' && !isLoopbackHost(host)) {
    problems.push({
      ...base,
      severity: 'warning',
      code: 'GOPROXY_PLAIN_HTTP',
      message: `GOPROXY="${shown}": "${display}" is plain http to a non-loopback host; module downloads can be read and altered on the way.`,
      fix: `Use ${displayValue(`https://${host}${url.path}`)} if the proxy supports it.`,
    });
  }
  if (url.rawQuery !== '' || url.forceQuery || url.fragment !== '') {
    problems.push({
      ...base,
      severity: 'warning',
      code: 'GOPROXY_QUERY',
      message: `GOPROXY="${shown}": the entry "${display}" has a query string or fragment; the go command appends module paths to the URL path and sends the query with every request.`,
      fix: 'Remove the ?query and #fragment from the proxy URL.',
    });
  }
  return problems;
}

/**
 * golang/go#37367: with "private|public", an error from the private proxy (down, 5xx, 403)
 * sends the private module path to the public proxy, which leaks the name (and, through the
 * public checksum database, the fact that it exists). Only GONOPROXY coverage prevents it.
 * One pass from the end finds, for each entry, the first public proxy after it.
 */
function lintPrivateFallthrough(entries: ProxyEntry[], context: ProxyLintContext, shown: string): Problem[] {
  const domains = privateDomains(context.goprivate, context.gonoproxy);
  const looksPrivate = entries.map((entry) => entry.kind === 'url' && entry.parsed !== null && privateLooking(entry, context.goprivate, domains));
  const publicAfter: (ProxyEntry | undefined)[] = new Array(entries.length);
  let nextPublic: ProxyEntry | undefined;
  for (let index = entries.length - 1; index >= 0; index--) {
    publicAfter[index] = nextPublic;
    const entry = entries[index]!;
    // A file:// directory is local: falling through to it leaks nothing.
    if (entry.kind === 'url' && entry.parsed !== null && !entry.isFile && !looksPrivate[index]) nextPublic = entry;
  }
  const problems: Problem[] = [];
  entries.forEach((entry, index) => {
    const publicLater = publicAfter[index];
    if (entry.separator !== '|' || !looksPrivate[index] || publicLater === undefined) return;
    problems.push({
      severity: 'warning',
      code: 'GOPROXY_PRIVATE_LEAK',
      variable: 'GOPROXY',
      message: `GOPROXY="${shown}": "${displayValue(entry.url)}" looks private and is followed by "|", so when it fails the go command asks "${displayValue(publicLater.url)}" for the same (private) module paths (golang/go#37367).`,
      fix: `Use "," after "${displayValue(entry.url)}" so only a 404/410 falls through, and list private module paths in GOPRIVATE/GONOPROXY.`,
    });
  });
  return problems;
}

export function isPrivateLookingProxy(entry: ProxyEntry, goprivate: string, gonoproxy: string): boolean {
  return privateLooking(entry, goprivate, privateDomains(goprivate, gonoproxy));
}

function privateLooking(entry: ProxyEntry, goprivate: string, domains: ReadonlySet<string>): boolean {
  if (entry.parsed === null || entry.isFile) return false;
  const host = hostname(entry.parsed);
  if (isPublicDefaultProxy(host)) return false;
  if (entry.parsed.username !== null) return true;
  if (looksPrivateHost(host)) return true;
  if (goprivate !== '' && matchPrefixPatterns(goprivate, host)) return true;
  // A proxy in the same organisation domain as the private module hosts (athens.corp.example
  // next to git.corp.example) is the company's own.
  return domains.has(organisationDomain(host));
}

function organisationDomain(host: string): string {
  return host.toLowerCase().split('.').slice(-2).join('.');
}

function privateDomains(...lists: string[]): Set<string> {
  const domains = new Set<string>();
  for (const list of lists) {
    for (const pattern of splitPatternList(list)) {
      const host = pattern.split('/')[0] ?? '';
      // Only literal host names say which domain is private; a glob like *.example.com does too
      // once the wildcard label is dropped.
      const literal = host.replace(/^\*\./, '');
      if (literal.includes('.') && !/[*?[\\]/.test(literal)) domains.add(organisationDomain(literal));
    }
  }
  return domains;
}
