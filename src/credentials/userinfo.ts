// Pure: move `https://user:secret@host` credentials out of GOPROXY into .netrc entries, so the
// exported GOPROXY (which every later step, log line and `go env` prints) carries no secret.
// The go command sends the same Basic auth either way (go-semantics §8): netrc is consulted
// first, then the URL userinfo, https only.

import type { NetrcEntry } from '../go/netrc.js';
import { requestHost } from '../go/netrc.js';
import { goTrimSpace, parseProxyList } from '../go/proxyList.js';
import { formatGoURL } from '../go/url.js';

export type UserinfoOutcome =
  /** Moved into netrc; GOPROXY loses the userinfo. */
  | { kind: 'moved'; machine: string }
  /** A netrc entry for the host already wins over the userinfo, so it was never sent: removed. */
  | { kind: 'dropped-netrc-wins'; machine: string }
  /** Kept in GOPROXY, with the reason. */
  | { kind: 'kept'; machine: string; reason: 'http' | 'incomplete' | 'conflict' };

export interface UserinfoMove {
  goproxy: string;
  /** Entries to add to .netrc. */
  add: NetrcEntry[];
  outcomes: UserinfoOutcome[];
}

interface Candidate {
  tokenIndex: number;
  machine: string;
  login: string;
  password: string;
  scheme: string;
  stripped: string;
}

/**
 * `existing` are the netrc entries the go command reads without this move (the netrc input plus
 * the current file): the first complete one for a host wins over any userinfo.
 *
 * Not moved: http:// entries (go refuses to send credentials there and netrc is https only; a
 * lint reports it), userinfo without both a user name and a password (a netrc entry needs both to
 * be used), and hosts whose GOPROXY entries carry different credentials (netrc holds one per host).
 */
export function moveUserinfo(goproxy: string, existing: readonly NetrcEntry[]): UserinfoMove {
  // GONOPROXY does not change how entries parse; pass '' so no implicit noproxy is added.
  const parsed = parseProxyList(goproxy, '');
  if (!parsed.ok) return { goproxy, add: [], outcomes: [] };

  // Tokens of the text, aligned with the parsed entries (parseProxyList splits on the first ',' or
  // '|' each time and skips empty tokens, so the k-th non-empty token is the k-th entry).
  const parts = goproxy.split(/([,|])/);
  const candidates: Candidate[] = [];
  let entryIndex = 0;
  for (let i = 0; i < parts.length && entryIndex < parsed.entries.length; i += 2) {
    if (goTrimSpace(parts[i]!) === '') continue;
    const entry = parsed.entries[entryIndex++]!;
    if (entry.kind !== 'url' || entry.parsed === null || entry.parsed.username === null) continue;
    const machine = requestHost(entry.url) ?? entry.parsed.host;
    candidates.push({
      tokenIndex: i,
      machine,
      login: entry.parsed.username,
      password: entry.parsed.password ?? '',
      scheme: entry.parsed.scheme,
      stripped: formatGoURL({ ...entry.parsed, username: null, password: null }),
    });
  }

  const outcomes: UserinfoOutcome[] = [];
  const add: NetrcEntry[] = [];
  for (const candidate of candidates) {
    const { machine } = candidate;
    if (candidate.scheme !== 'https') {
      outcomes.push({ kind: 'kept', machine, reason: 'http' });
      continue;
    }
    if (existing.some((entry) => entry.machine === machine)) {
      replaceToken(parts, candidate);
      outcomes.push({ kind: 'dropped-netrc-wins', machine });
      continue;
    }
    if (candidate.login === '' || candidate.password === '') {
      outcomes.push({ kind: 'kept', machine, reason: 'incomplete' });
      continue;
    }
    const sameHost = candidates.filter((other) => other.scheme === 'https' && other.machine === machine);
    if (sameHost.some((other) => other.login !== candidate.login || other.password !== candidate.password)) {
      outcomes.push({ kind: 'kept', machine, reason: 'conflict' });
      continue;
    }
    replaceToken(parts, candidate);
    if (!add.some((entry) => entry.machine === machine)) add.push({ machine, login: candidate.login, password: candidate.password });
    outcomes.push({ kind: 'moved', machine });
  }
  return { goproxy: parts.join(''), add, outcomes };
}

/** Replace the token's URL, keeping the white space around it as written. */
function replaceToken(parts: string[], candidate: Candidate): void {
  const token = parts[candidate.tokenIndex]!;
  const leading = /^\s*/.exec(token)![0];
  const trailing = /\s*$/.exec(token)![0];
  parts[candidate.tokenIndex] = leading + candidate.stripped + trailing;
}
