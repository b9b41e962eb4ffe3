// Pure: add and remove the action's own block of .netrc entries, leaving every other byte of the
// file as it was. The block is delimited by comment lines carrying a per-run id:
//
//   # setup-goproxy-begin 1f3a9c
//   machine goproxy.corp.example login ci password ...
//   # setup-goproxy-end 1f3a9c
//
// The go command's parser (auth/netrc.go) reads fields in (keyword, value) pairs per line and
// ignores unknown keywords, so a marker line is inert there (its odd last field is the id, never
// "default"); curl (used by git) and Python skip lines starting with '#'.
// The block goes first: the first matching `machine` wins in go and curl alike, so entries the
// user gave to this action take precedence over a stale entry already in the file.
// Callers that must keep arbitrary bytes intact pass the file decoded as latin1 (one char per
// byte); the markers are ASCII, so positions found in that text are byte positions.

import type { NetrcEntry } from '../go/netrc.js';

export function beginMarker(id: string): string {
  return `# setup-goproxy-begin ${id}`;
}

export function endMarker(id: string): string {
  return `# setup-goproxy-end ${id}`;
}

/** The file's line ending: CRLF when it already uses CRLF, else LF. */
export function lineEnding(text: string): '\r\n' | '\n' {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

export function formatNetrcEntry(entry: NetrcEntry): string {
  return `machine ${entry.machine} login ${entry.login} password ${entry.password}`;
}

/** The block itself, every line (the last included) ended with `eol`. */
export function netrcBlock(id: string, entries: readonly NetrcEntry[], eol: '\r\n' | '\n'): string {
  const lines = [beginMarker(id), ...entries.map(formatNetrcEntry), endMarker(id)];
  return lines.join(eol) + eol;
}

export function addNetrcBlock(text: string, id: string, entries: readonly NetrcEntry[]): string {
  if (entries.length === 0) return text;
  return netrcBlock(id, entries, lineEnding(text)) + text;
}

/** Index of `line` when it appears as a whole line (at the start of the text or after '\n'). */
function findLine(text: string, line: string, from: number): number {
  let at = text.indexOf(line, from);
  while (at >= 0) {
    const startsLine = at === 0 || text[at - 1] === '\n';
    const after = text.slice(at + line.length, at + line.length + 2);
    const endsLine = after === '' || after.startsWith('\n') || after === '\r\n' || (after.startsWith('\r') && after.length === 1);
    if (startsLine && endsLine) return at;
    at = text.indexOf(line, at + 1);
  }
  return -1;
}

/**
 * The text without the block of this id (from the begin marker's first byte through the end
 * marker's line ending); `found` is false when the block is not there (intact) any more.
 */
export function removeNetrcBlock(text: string, id: string): { text: string; found: boolean } {
  const begin = findLine(text, beginMarker(id), 0);
  if (begin < 0) return { text, found: false };
  const end = findLine(text, endMarker(id), begin);
  if (end < 0) return { text, found: false };
  let stop = end + endMarker(id).length;
  if (text.startsWith('\r\n', stop)) stop += 2;
  else if (text.startsWith('\n', stop)) stop += 1;
  return { text: text.slice(0, begin) + text.slice(stop), found: true };
}

/**
 * Whether the block of this id is still there: 'intact' (both markers, in order), 'absent'
 * (neither marker: never written, or already removed by an earlier post run) or 'damaged' (one
 * marker without the other, or out of order: edited by a later step).
 */
export function netrcBlockState(text: string, id: string): 'intact' | 'absent' | 'damaged' {
  const begin = findLine(text, beginMarker(id), 0);
  const end = findLine(text, endMarker(id), 0);
  if (begin < 0 && end < 0) return 'absent';
  if (begin >= 0 && end > begin) return 'intact';
  return 'damaged';
}
