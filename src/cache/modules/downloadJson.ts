// Parsing what `go mod download -json` prints (pure).
//
// The output is a STREAM of JSON objects, not an array (golang/go#33648), one per module, each
// with an `Error` field when that module failed; sumdb and other failures can interleave plain
// text (golang/go#34485). Graph-loading failures print no object at all, only `go: path@v: msg`
// lines on stderr. The parser therefore scans for balanced top-level objects, keeps what parses,
// and returns every other non-blank line as junk instead of giving up.

import { redactForDisplay } from '../../go/redact.js';

export interface DownloadRecord {
  Path: string;
  Version: string;
  Error?: string;
  Info?: string;
  GoMod?: string;
  Zip?: string;
  Dir?: string;
  Sum?: string;
  GoModSum?: string;
}

export interface DownloadStream {
  records: DownloadRecord[];
  /** Non-JSON lines (trimmed, non-empty), in order. */
  junk: string[];
}

export function parseDownloadStream(text: string): DownloadStream {
  const records: DownloadRecord[] = [];
  const junk: string[] = [];
  let i = 0;
  const n = text.length;
  let lineStart = 0;
  const pushJunk = (from: number, to: number): void => {
    for (const line of text.slice(from, to).split(/\r?\n/)) {
      const trimmed = line.trim();
      if (trimmed !== '') junk.push(trimmed);
    }
  };
  while (i < n) {
    const c = text[i];
    if (c !== '{') {
      i++;
      continue;
    }
    const end = matchingBrace(text, i);
    if (end !== -1) {
      const candidate = text.slice(i, end + 1);
      const parsed = tryParse(candidate);
      if (parsed !== null) {
        pushJunk(lineStart, i);
        const record = asRecord(parsed);
        if (record !== null) records.push(record);
        else junk.push(candidate.replace(/\s+/g, ' ').trim());
        i = end + 1;
        lineStart = i;
        continue;
      }
    }
    // Not an object after all (e.g. "go: error {x}"): the rest of this line is text.
    const nl = text.indexOf('\n', i);
    i = nl === -1 ? n : nl + 1;
  }
  pushJunk(lineStart, n);
  return { records, junk };
}

/** Index of the `}` closing the object opened at `start`, honouring strings; -1 if unbalanced. */
function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function asRecord(value: unknown): DownloadRecord | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (typeof v['Path'] !== 'string' || v['Path'] === '') return null;
  const record: DownloadRecord = { Path: v['Path'], Version: typeof v['Version'] === 'string' ? v['Version'] : '' };
  for (const field of ['Error', 'Info', 'GoMod', 'Zip', 'Dir', 'Sum', 'GoModSum'] as const) {
    const f = v[field];
    if (typeof f === 'string' && f !== '') record[field] = f;
  }
  // `go list -m -json -e` reports a module's error as an object: {"Err": "..."}.
  const listError = v['Error'];
  if (record.Error === undefined && listError !== null && typeof listError === 'object' && typeof (listError as Record<string, unknown>)['Err'] === 'string') {
    record.Error = (listError as Record<string, string>)['Err'];
  }
  return record;
}

export interface GoErrorLine {
  path: string;
  version: string;
  error: string;
}

/**
 * `go: <path>@<version>: <message>` lines (stderr of graph-loading failures), with their
 * indented continuation lines ("\tserver response: ...") folded into the message.
 */
export function parseGoErrorLines(text: string): GoErrorLine[] {
  const out: GoErrorLine[] = [];
  let current: GoErrorLine | null = null;
  for (const line of text.split(/\r?\n/)) {
    const m = /^go: (?:[a-z ]+: )?([^\s@]+)@([^\s:]+): (.*)$/.exec(line);
    if (m) {
      current = { path: m[1] as string, version: m[2] as string, error: (m[3] as string).trim() };
      out.push(current);
    } else if (current !== null && /^\s+\S/.test(line)) {
      current.error += `\n${line.trim()}`;
    } else {
      current = null;
    }
  }
  return out;
}

export type FailureKind = 'network' | 'timeout' | 'not-found' | 'auth' | 'checksum' | 'sumdb' | 'toolchain' | 'other';

export function classifyFailure(error: string): FailureKind {
  const e = error;
  if (/timed out after \d+ ?s \(setup-goproxy\)/.test(e)) return 'timeout';
  if (/toolchain not available|requires go >= |GOTOOLCHAIN=/i.test(e)) return 'toolchain';
  if (/checksum mismatch|SECURITY ERROR/i.test(e)) return 'checksum';
  if (/verifying (?:go\.mod|module)|sumdb|sum\.golang\.org|checksum database/i.test(e) && !/connection (?:reset|refused)|i\/o timeout|dial tcp/.test(e)) return 'sumdb';
  if (/: (?:401|403) |terminal prompts disabled|could not read Username|authentication required/i.test(e)) return 'auth';
  if (/: (?:404|410) |unknown revision|invalid version|no matching versions|not found:|gone:/i.test(e)) return 'not-found';
  if (
    /dial tcp|connection refused|connection reset|broken pipe|i\/o timeout|TLS handshake timeout|no such host|network is unreachable|unexpected EOF|: EOF\b|server misbehaving|Client\.Timeout|context deadline exceeded|http2: |GOAWAY|: 5\d\d |: 429 /i.test(e)
  ) {
    return 'network';
  }
  return 'other';
}

/** Network trouble is worth retrying (through another proxy); wrong versions, bad sums and auth are not. */
export function isRetryable(kind: FailureKind): boolean {
  return kind === 'network' || kind === 'timeout';
}

export function fixFor(kind: FailureKind, path: string): string {
  switch (kind) {
    case 'network':
    case 'timeout':
      return `The proxy did not answer for ${path} after every retry. Check that GOPROXY is reachable from the runner, or list a fallback with '|' (any error falls through) rather than ',' (only 404/410 fall through).`;
    case 'not-found':
      return `No proxy in GOPROXY serves ${path} at this version. If it is a private module, cover it with GOPRIVATE (or GONOPROXY) so go fetches it directly; otherwise check the version in go.mod.`;
    case 'auth':
      return `${path} needs credentials: give them through GOAUTH or ~/.netrc for the proxy or host, and cover the path with GOPRIVATE.`;
    case 'checksum':
      return `The content served for ${path} does not match go.sum. Do not edit go.sum by hand: find out why the proxy serves different bytes (a re-tagged version?) and run 'go mod tidy' only once you trust the source.`;
    case 'sumdb':
      return `The checksum database cannot vouch for ${path}. If it is private, add it to GONOSUMDB or GOPRIVATE; otherwise check GOSUMDB and that the proxy relays /sumdb/.`;
    case 'toolchain':
      return 'go.mod asks for a newer Go than the one installed: install that Go version first, or allow GOTOOLCHAIN=auto with a GOPROXY that serves golang.org/toolchain.';
    case 'other':
      return `Run 'go mod download -x ${path}' locally with the same GOPROXY/GOFLAGS to see the full error.`;
  }
}

/**
 * go's error for one module as one line, every line kept: the cause is usually on the indented
 * lines after the first ("server response: ...", "fatal: could not read Username ..."). Bounded
 * and with URL credentials redacted, since it is printed and output.
 */
export function goErrorText(error: string, maxChars = 1000): string {
  let joined = '';
  for (const line of error.split(/\r?\n/)) {
    const text = line.trim();
    if (text === '') continue;
    // "server response:" introduces the next line; other lines are separate statements.
    joined += joined === '' ? text : joined.endsWith(':') ? ` ${text}` : `; ${text}`;
  }
  if (joined.length <= maxChars) return redactForDisplay(joined);
  // Bound before redacting (the redactor's cost grows with its input), with a margin so a URL
  // cut at the bound is still seen whole (with its @) and redacted before the final cut.
  const head = redactForDisplay(joined.slice(0, maxChars + 4096));
  return `${head.slice(0, maxChars)}… (${joined.length - maxChars} more characters)`;
}
