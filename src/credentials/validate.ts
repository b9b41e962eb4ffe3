// Pure checks of the credential set-up against the routing the go command will do.

import type { Problem } from '../problems.js';
import { isPublicDefaultProxy } from '../config/hosts.js';
import { parseProxyList } from '../go/proxyList.js';
import { hostname } from '../go/url.js';
import { redactForDisplay } from '../go/redact.js';
import { privateLookingModules } from '../probe/fallback.js';
import type { TokenPrefix } from './prefixes.js';
import { prefixCoversModule } from './prefixes.js';

export interface RequiredRoute {
  path: string;
  version: string;
  goModFile: string;
  line: number;
  viaProxy: boolean;
}

/** 'go1.24.2' -> true; null (unknown) -> null. */
export function goAtLeast(goVersion: string | null, minor: number): boolean | null {
  if (goVersion === null) return null;
  const m = /^go(\d+)\.(\d+)/.exec(goVersion);
  if (m === null) return null;
  const major = Number(m[1]);
  return major > 1 || (major === 1 && Number(m[2]) >= minor);
}

/** GOAUTH's commands (`;`-separated, go help goauth); [] when unset (default: netrc). */
export function goauthCommands(goauth: string): string[] {
  return goauth
    .split(';')
    .map((command) => command.trim())
    .filter((command) => command !== '');
}

/**
 * Whether the go command reads .netrc: always up to 1.23 (GOAUTH does not exist there); from 1.24
 * only when GOAUTH is unset or lists `netrc`. With an unknown version a GOAUTH without `netrc` is
 * taken at its word.
 */
export function goReadsNetrc(goVersion: string | null, goauth: string): boolean {
  const commands = goauthCommands(goauth);
  if (commands.length === 0 || commands.includes('netrc')) return true;
  return goAtLeast(goVersion, 24) === false;
}

/**
 * A private-looking module that is fetched through GOPROXY while GOPROXY's first entry is the
 * public proxy.golang.org: the path is sent to Google's proxy (which cannot serve it) and, unless
 * GONOSUMDB covers it, to the public checksum database.
 */
export function privateViaPublicProxy(required: readonly RequiredRoute[], settings: { goproxy: string; goprivate: string; gonoproxy: string }, tokenPrefixes: readonly TokenPrefix[]): Problem[] {
  const parsed = parseProxyList(settings.goproxy, settings.gonoproxy);
  if (!parsed.ok) return [];
  const first = parsed.entries[0];
  if (first === undefined || first.kind !== 'url' || first.parsed === null || !isPublicDefaultProxy(hostname(first.parsed))) return [];
  const viaProxy = required.filter((module) => module.viaProxy);
  const looking = new Set(privateLookingModules(viaProxy.map((module) => module.path), parsed.entries, settings.goprivate, settings.gonoproxy));
  for (const module of viaProxy) if (tokenPrefixes.some((prefix) => prefixCoversModule(prefix.prefix, module.path))) looking.add(module.path);
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const module of viaProxy) {
    if (!looking.has(module.path) || seen.has(module.path)) continue;
    seen.add(module.path);
    problems.push({
      severity: 'error',
      code: 'PRIVATE_MODULE_VIA_PUBLIC_PROXY',
      variable: 'GONOPROXY',
      file: module.goModFile,
      line: module.line,
      message: `${module.path} looks private but does not match GONOPROXY="${settings.gonoproxy}", so the go command asks the public proxy "${redactForDisplay(first.url)}" for it first: that sends the private path to a public service, which cannot serve it.`,
      fix: `Make GONOPROXY cover it: add ${ownerPattern(module.path)} to GOPRIVATE (or to GONOPROXY when that is set) and give git-token for direct access, or put your private proxy before proxy.golang.org in GOPROXY.`,
    });
  }
  return problems;
}

function ownerPattern(path: string): string {
  const parts = path.split('/');
  return parts.length >= 3 ? parts.slice(0, 2).join('/') : (parts[0] ?? path);
}
