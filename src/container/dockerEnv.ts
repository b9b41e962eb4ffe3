// Pure: the job's Go module environment in the two forms container builds take, plus the netrc
// text for a BuildKit secret.
//
//   env-file    KEY=VALUE lines for `docker run --env-file` (docker's kvfile format: one line
//               each, values taken as written, no quoting or escapes, a value that starts and
//               ends with the same quote loses them in recent docker, lines below 64 KiB, UTF-8).
//   build-args  the same lines for docker/build-push-action's `build-args`, which parses its input
//               as CSV (a `"` starts quoting) and trims every item.
//
// Which variables: the module settings the action exports to later steps, as they are after the
// probe (GOPROXY, GOPRIVATE, GONOPROXY, GONOSUMDB, GOSUMDB, written even when empty so an
// image's own defaults cannot win), plus GOFLAGS and GOINSECURE when set. Never: runner paths or
// programs (GOMODCACHE, GOPATH, GOCACHE, GOROOT, GOENV, GOAUTH commands, GOTOOLCHAIN=local, which
// would pin the image's Go) and never a credential: build args are printed in later steps' logs
// and recorded in the image's history, so userinfo left in GOPROXY is removed here (the netrc
// secret carries credentials instead).
//
// All or nothing: a value neither format can carry unchanged means no env-file/build-args at all,
// because a container without, say, GONOPROXY would send private module paths to a public proxy.

import type { Problem } from '../problems.js';
import type { NetrcEntry } from '../go/netrc.js';
import { formatProxyList, parseProxyList } from '../go/proxyList.js';
import { formatGoURL } from '../go/url.js';
import { proxyListSecrets, redactProxyList } from '../go/redact.js';
import { requestHost } from '../go/netrc.js';
import { formatNetrcEntry } from '../credentials/netrcEdit.js';
import { excerpt } from '../report/bounds.js';

/** Written always, even when empty. */
export const CONTAINER_VARIABLES_ALWAYS = ['GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOSUMDB'] as const;
/** Written when non-empty. */
export const CONTAINER_VARIABLES_WHEN_SET = ['GOFLAGS', 'GOINSECURE'] as const;

export type ContainerVariable = (typeof CONTAINER_VARIABLES_ALWAYS)[number] | (typeof CONTAINER_VARIABLES_WHEN_SET)[number];

/** docker's env-file reader (bufio.Scanner) fails on longer lines. */
const DOCKER_LINE_BYTES = 64 * 1024;

export interface ContainerEnvPlan {
  /** null when some value cannot be written (see problems). */
  lines: string[] | null;
  problems: Problem[];
}

/** Why the value cannot be written unchanged in both formats, or null. */
export function unrepresentable(name: string, value: string): string | null {
  if (/[\r\n\0]/.test(value)) return 'it contains a line break or NUL, which neither format can carry';
  if (hasLoneSurrogate(value)) return 'it is not valid UTF-8 (a lone surrogate)';
  if (value.includes('"')) return 'it contains a double quote, which docker/build-push-action reads as CSV quoting';
  if (value.length >= 2 && (value[0] === "'" || value[0] === '"') && value[value.length - 1] === value[0]) return 'it is wrapped in quotes, which docker removes';
  if (value !== value.trim()) return 'it has white space at either end, which docker/build-push-action trims';
  if (Buffer.byteLength(`${name}=${value}`) >= DOCKER_LINE_BYTES) return `the line is longer than docker's limit of ${DOCKER_LINE_BYTES} bytes`;
  if (proxyListSecrets(value).length > 0) return 'it carries credentials in a URL, which must not be in build args (they are logged and kept in the image history)';
  return null;
}

function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return true;
  }
  return false;
}

/** GOPROXY without URL userinfo; `removed` names the hosts that had some. */
export function withoutUserinfo(goproxy: string): { value: string; removed: string[] } {
  if (proxyListSecrets(goproxy).length === 0) return { value: goproxy, removed: [] };
  const list = parseProxyList(goproxy, '');
  // An invalid list (already an error) stays as it is; unrepresentable() then refuses it.
  if (!list.ok) return { value: goproxy, removed: [] };
  const removed: string[] = [];
  const entries = list.entries.map((entry) => {
    if (entry.parsed === null || entry.parsed.username === null) return entry;
    removed.push(requestHost(entry.url) ?? entry.parsed.host);
    return { ...entry, url: formatGoURL({ ...entry.parsed, username: null, password: null }) };
  });
  return { value: formatProxyList(entries), removed };
}

export function planContainerEnv(values: Readonly<Record<ContainerVariable, string>>): ContainerEnvPlan {
  const problems: Problem[] = [];
  const goproxy = withoutUserinfo(values.GOPROXY);
  if (goproxy.removed.length > 0) {
    // Notices: the outputs matter only to jobs that build containers.
    problems.push({
      severity: 'notice',
      code: 'CONTAINER_GOPROXY_CREDENTIALS_REMOVED',
      variable: 'GOPROXY',
      message: `The exported GOPROXY still carries credentials for ${[...new Set(goproxy.removed)].join(', ')} (they could not be moved to .netrc); the env-file and build-args outputs have the URL without them, so a container build is not authenticated there.`,
      fix: 'Give the credentials with the netrc input (machine HOST login USER password SECRET): they then reach the build through the netrc-file secret, never through build args.',
    });
  }
  const chosen: Array<[ContainerVariable, string]> = [
    ...CONTAINER_VARIABLES_ALWAYS.map((name): [ContainerVariable, string] => [name, name === 'GOPROXY' ? goproxy.value : values[name]]),
    ...CONTAINER_VARIABLES_WHEN_SET.filter((name) => values[name] !== '').map((name): [ContainerVariable, string] => [name, values[name]]),
  ];
  for (const [name, value] of chosen) {
    const reason = unrepresentable(name, value);
    if (reason === null) continue;
    problems.push({
      severity: 'notice',
      code: 'CONTAINER_OUTPUTS_NOT_WRITTEN',
      variable: name,
      message: `The env-file and build-args outputs are empty: ${name}="${excerpt(redactProxyList(value), 80)}" cannot be written for docker unchanged (${reason}), and a container without it would fetch modules differently.`,
      fix: `Give ${name} a value without quotes, line breaks, surrounding white space or credentials.`,
    });
    return { lines: null, problems };
  }
  return { lines: chosen.map(([name, value]) => `${name}=${value}`), problems };
}

/** The env-file: a comment naming its use (docker skips lines starting with '#'), then the lines. */
export function envFileText(lines: readonly string[]): string {
  return ['# Go module environment from setup-goproxy, for docker run --env-file', ...lines].join('\n') + '\n';
}

/** The build-args output: the lines only (a '#' line would become a build argument). */
export function buildArgsText(lines: readonly string[]): string {
  return lines.join('\n');
}

/** Only the entries the action manages, one per line. */
export function netrcText(entries: readonly NetrcEntry[]): string {
  return entries.map((entry) => `${formatNetrcEntry(entry)}\n`).join('');
}
