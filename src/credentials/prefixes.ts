// Pure: from GOPRIVATE/GONOPROXY patterns to the module-path prefixes a git `url.insteadOf` rule
// can express, and from those to the rules themselves. An insteadOf rule is a literal string
// prefix of the remote URL, so only the literal leading path elements of a pattern can become
// one; a wildcard in the host (`*.corp.example`) or in a middle element cannot.

import { isMalformedPattern, splitPatternList } from '../go/patterns.js';

const GLOB_META = /[*?[\\]/;

export interface TokenPrefix {
  /** Module-path prefix without trailing slash: `github.com/my-org`, `git.corp.example`. */
  prefix: string;
  host: string;
  /** The pattern it came from, or `git-token-hosts` for a host named only there. */
  source: string;
}

export interface UnexpressiblePattern {
  pattern: string;
  reason: string;
}

/**
 * The patterns that route modules to direct VCS access or mark them private: GONOPROXY (which the
 * go command defaults to GOPRIVATE) and GOPRIVATE itself (a `,direct` fallback after a proxy 404
 * also fetches GOPRIVATE modules directly). Duplicates removed, order kept.
 */
export function privatePatterns(goprivate: string, gonoproxy: string): string[] {
  const out: string[] = [];
  for (const pattern of [...splitPatternList(gonoproxy), ...splitPatternList(goprivate)]) if (!out.includes(pattern)) out.push(pattern);
  return out;
}

/**
 * A pattern whose first element has no dot cannot name a module host (module paths need one):
 * `none`, `off`, `direct` are the usual "match nothing" sentinels.
 */
function isSentinel(pattern: string): boolean {
  const host = pattern.split('/')[0] ?? '';
  return !host.includes('.') && !host.includes(':') && !GLOB_META.test(host);
}

export interface DerivedPrefixes {
  prefixes: TokenPrefix[];
  unexpressible: UnexpressiblePattern[];
}

/**
 * The literal prefix for each pattern: all elements when the pattern has no wildcard; the leading
 * elements when the only wildcard is a final `*` element (`github.com/org/*` covers everything
 * under `github.com/org`). Anything else (`*.corp.example`, `github.com/org-*`,
 * `github.com/*\/x`) would need a broader rule than the pattern, so it is reported instead.
 */
export function derivePrefixes(patterns: readonly string[]): DerivedPrefixes {
  const prefixes: TokenPrefix[] = [];
  const unexpressible: UnexpressiblePattern[] = [];
  for (const pattern of patterns) {
    // The go command never matches these; the pattern lints report them.
    if (isSentinel(pattern) || isMalformedPattern(pattern) || /\s/.test(pattern) || pattern.includes('//')) continue;
    const elements = pattern.split('/');
    const firstGlob = elements.findIndex((element) => GLOB_META.test(element));
    let literal: string[];
    if (firstGlob < 0) literal = elements;
    else if (firstGlob === elements.length - 1 && elements[firstGlob] === '*' && firstGlob > 0) literal = elements.slice(0, firstGlob);
    else {
      unexpressible.push({
        pattern,
        reason:
          firstGlob === 0
            ? 'its host is a wildcard, and a git url.insteadOf rule is a literal URL prefix'
            : 'it has a wildcard inside a path element, and a git url.insteadOf rule is a literal URL prefix (a rule for the literal part would cover more than the pattern)',
      });
      continue;
    }
    const host = literal[0]!;
    // Module paths' first element is lower case: an upper-case host never matches (lint elsewhere).
    if (host !== host.toLowerCase()) continue;
    prefixes.push({ prefix: literal.join('/'), host, source: pattern });
  }
  return { prefixes: minimalPrefixes(prefixes), unexpressible };
}

/** Drops prefixes covered by a shorter one (element-wise), and duplicates. */
export function minimalPrefixes(prefixes: readonly TokenPrefix[]): TokenPrefix[] {
  const covers = (outer: string, inner: string): boolean => inner === outer || inner.startsWith(outer + '/');
  const out: TokenPrefix[] = [];
  for (const candidate of prefixes) {
    if (prefixes.some((other) => other.prefix !== candidate.prefix && covers(other.prefix, candidate.prefix))) continue;
    if (out.some((kept) => kept.prefix === candidate.prefix)) continue;
    out.push(candidate);
  }
  return out;
}

/**
 * The prefixes the token is configured for. Without `git-token-hosts`: every derived prefix.
 * With it: the derived prefixes on those hosts, plus the whole host for a listed host no pattern
 * names (the user asked for the token there explicitly).
 */
export function selectTokenPrefixes(derived: readonly TokenPrefix[], hosts: readonly string[]): TokenPrefix[] {
  if (hosts.length === 0) return [...derived];
  const out = derived.filter((prefix) => hosts.includes(prefix.host));
  for (const host of hosts) if (!out.some((prefix) => prefix.host === host)) out.push({ prefix: host, host, source: 'git-token-hosts' });
  return minimalPrefixes(out);
}

/**
 * Hosts where the go command knows a repository is exactly host/owner/repo (vcs.go vcsPaths), so
 * a two-element prefix is an owner and never a repository URL itself.
 */
const OWNER_REPO_HOSTS = new Set(['github.com', 'bitbucket.org']);

/**
 * Whether the rule for a prefix ends in '/'. A host or a known owner (`github.com/my-org/`) takes
 * the slash so `https://github.com/my-org-other/...` is not rewritten. A longer prefix, or a
 * two-element prefix on another host, may itself be a repository, which go fetches as
 * `https://host/path` without a trailing slash: there the slash would make the rule miss, so it
 * is left off (the rule then also covers siblings such as `.../repo-x` on the same host).
 */
export function ruleEndsWithSlash(prefix: string): boolean {
  const elements = prefix.split('/');
  if (elements.length === 1) return true;
  return elements.length === 2 && OWNER_REPO_HOSTS.has(elements[0]!);
}

export const TOKEN_USER = 'x-access-token';

export interface InsteadOfRule {
  prefix: string;
  /** The rewritten URL base, with the token. Secret. */
  base: string;
  /** The URL prefixes rewritten to it. */
  insteadOf: string[];
}

/**
 * `url.<base>.insteadOf` values for one prefix: the https URL go uses, plus the scp-like and
 * ssh:// forms (a global `insteadOf` that turns https into ssh, or a dependency written with an
 * ssh URL, would otherwise bypass the token). The ssh forms are skipped for a host with a port,
 * whose ssh port is unknown. `x-access-token` is the user name GitHub documents for tokens;
 * GitLab and Gitea accept any user name with a token as password.
 */
export function insteadOfRule(prefix: string, token: string): InsteadOfRule {
  const slash = ruleEndsWithSlash(prefix) ? '/' : '';
  const elements = prefix.split('/');
  const host = elements[0]!;
  const rest = elements.slice(1).join('/');
  const base = `https://${TOKEN_USER}:${encodeURIComponent(token)}@${prefix}${slash}`;
  const insteadOf = [`https://${prefix}${slash}`];
  if (!host.includes(':')) {
    insteadOf.push(`ssh://git@${prefix}${slash}`);
    insteadOf.push(rest === '' ? `git@${host}:` : `git@${host}:${rest}${slash}`);
  }
  return { prefix, base, insteadOf };
}

/** Whether a rule for this prefix rewrites the module's repository URL. */
export function prefixCoversModule(prefix: string, modulePath: string): boolean {
  if (ruleEndsWithSlash(prefix)) return modulePath.startsWith(prefix + '/');
  return modulePath.startsWith(prefix);
}

/**
 * The repository URL the go command derives for a module fetched directly, kept simple:
 * an explicit `.git` element ends the repository (`git.corp.example/team/lib.git/sub`); otherwise
 * the first three elements (`host/owner/repo`, exact for github.com and bitbucket.org, and the
 * common layout of GitHub Enterprise, Gitea and top-level GitLab groups). Hosts that serve a
 * `?go-get=1` page with another layout (GitLab subgroups, vanity paths) may differ; a check
 * against this URL is then a hint.
 */
export function repositoryUrl(modulePath: string): { url: string; exact: boolean } {
  const elements = modulePath.split('/');
  const dotGit = elements.findIndex((element, index) => index > 0 && element.endsWith('.git') && element.length > 4);
  if (dotGit > 0) return { url: `https://${elements.slice(0, dotGit + 1).join('/')}`, exact: true };
  const repo = elements.slice(0, Math.min(3, elements.length)).join('/');
  return { url: `https://${repo}`, exact: OWNER_REPO_HOSTS.has(elements[0] ?? '') };
}
