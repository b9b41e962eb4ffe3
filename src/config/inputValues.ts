// Pure parsing of the action's inputs. Each function returns either a value or an InputError
// that names the input, the bad value and the fix, so main can report it without a stack trace.

import { displayText, displayValue } from '../report/bounds.js';

/** Inputs whose value is a secret as a whole: an error about them never quotes the value. */
export const SECRET_INPUTS: ReadonlySet<string> = new Set(['git-token', 'netrc', 'client-key']);

export class InputError extends Error {
  constructor(
    readonly input: string,
    readonly value: string,
    readonly reason: string,
    readonly fix: string,
    /** Who has the value, when it is not the input itself (e.g. "The job environment's GOPROXY"). */
    subject = `Input '${input}'`,
  ) {
    // Only a short, redacted excerpt of the value: it may be 100 kB, carry a token or control characters.
    const quoted = SECRET_INPUTS.has(input) ? 'an invalid value (not shown: it is a secret)' : `the invalid value '${displayValue(value)}'`;
    super(`${subject} has ${quoted}: ${displayText(reason)}. ${displayText(fix)}`);
    this.name = 'InputError';
  }
}

/**
 * A pattern list (GOPRIVATE & co.) given as an input may be written one per line or
 * comma-separated, with spaces for readability; Go itself splits on ',' only and never trims,
 * so we normalise to the exact comma form Go reads.
 */
export function normalisePatternListInput(value: string): string {
  return value
    .split(/[,\n\r]/)
    .map((element) => element.trim())
    .filter((element) => element !== '' && !element.startsWith('#'))
    .join(',');
}

/**
 * GOPROXY given as an input: lines are joined with ',' unless the line boundary already carries
 * a separator (`a|` newline `b` keeps the `|`). Each entry is trimmed, as Go trims them too.
 */
export function normaliseProxyListInput(value: string): string {
  const lines = value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  let joined = '';
  let last = '';
  for (const line of lines) {
    // Only the last character joined so far matters (testing the whole text, or even indexing a
    // string built by +=, costs its length each time).
    if (joined === '' || last === ',' || last === '|' || line.startsWith(',') || line.startsWith('|')) joined += line;
    else joined += `,${line}`;
    last = line[line.length - 1] ?? last;
  }
  return joined
    .split(/([,|])/)
    .map((part) => part.trim())
    .join('');
}

/**
 * A single-value input (GOSUMDB, GOFLAGS) written over several lines: every run of white space
 * that holds a line break becomes one space, as /\s*\r?\n\s*\/g would do, in one pass (that
 * expression rescans a long run of spaces from every position).
 */
export function joinLines(value: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < value.length) {
    if (!/\s/.test(value[i]!)) {
      i++;
      continue;
    }
    const start = i;
    let newline = false;
    while (i < value.length && /\s/.test(value[i]!)) {
      if (value[i] === '\n') newline = true;
      i++;
    }
    if (newline) {
      out += `${value.slice(copied, start)} `;
      copied = i;
    }
  }
  return copied === 0 ? value : out + value.slice(copied);
}

export type FailOn = 'error' | 'warning' | 'never';

export function parseChoice<T extends string>(input: string, value: string, choices: readonly T[]): T {
  const lowered = value.trim().toLowerCase();
  const match = choices.find((choice) => choice === lowered);
  if (match === undefined) {
    throw new InputError(input, value, `expected one of ${choices.join(', ')}`, `Set '${input}' to one of: ${choices.join(', ')}.`);
  }
  return match;
}

export function parseBoolean(input: string, value: string): boolean {
  const lowered = value.trim().toLowerCase();
  if (lowered === 'true') return true;
  if (lowered === 'false') return false;
  throw new InputError(input, value, 'expected true or false', `Set '${input}' to true or false.`);
}

/** A plain decimal number: digits, optionally one '.' and more digits; no sign, prefix, exponent or space. */
function isPlainDecimal(text: string, allowFraction: boolean): boolean {
  let digits = 0;
  let dot = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) digits++;
    else if (code === 0x2e && allowFraction && dot < 0 && i > 0) dot = i;
    else return false;
  }
  return digits > 0 && dot !== text.length - 1;
}

/**
 * Seconds, as a plain decimal number greater than 0 and at most `max` ("10", "2.5"). Read the raw
 * input (not trimmed): " 5 ", "0x10", "1e1" and "+5" are refused rather than guessed at.
 */
export function parsePositiveSeconds(input: string, value: string, max: number): number {
  const seconds = isPlainDecimal(value, true) ? Number(value) : Number.NaN;
  if (!(seconds > 0 && seconds <= max)) {
    throw new InputError(input, value, `expected a plain decimal number of seconds greater than 0 and at most ${max} (digits only, no spaces, sign or prefix)`, `Set '${input}' to a number such as 10.`);
  }
  return seconds;
}

/**
 * An input value may never carry a control character (Go rejects them in go env values too);
 * list inputs may span lines, so newline (and the CR of a CRLF line end) is allowed unless
 * `allowNewlines` is false (single values such as a token or GOAUTH).
 */
export function rejectControlCharacters(input: string, value: string, allowNewlines = true): void {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const newline = code === 0x0a || code === 0x0d;
    if ((code < 0x20 && code !== 0x09 && !newline) || code === 0x7f || (newline && !allowNewlines) || (code === 0x09 && !allowNewlines)) {
      const where = code === 0x0a || code === 0x0d ? 'a line break' : code === 0x09 ? 'a tab' : `the control character ${JSON.stringify(String.fromCharCode(code))}`;
      throw new InputError(input, value, `it contains ${where} (at character ${i + 1})`, `Remove control characters from '${input}'${allowNewlines ? '' : '; it is a single value on one line'}.`);
    }
  }
}

/** A whole number of attempts from 1 to max, as plain decimal digits (the raw input, not trimmed). */
export function parseAttempts(input: string, value: string, max = 10): number {
  const attempts = isPlainDecimal(value, false) ? Number(value) : Number.NaN;
  if (!(attempts >= 1 && attempts <= max)) {
    throw new InputError(input, value, `expected a whole number from 1 to ${max} (digits only, no spaces, sign or prefix)`, `Set '${input}' to a number such as 3.`);
  }
  return attempts;
}

/** What a cache key prefix may contain: safe in a cache key, a file name and a log line. */
export const CACHE_KEY_PREFIX_CHARACTERS = 'letters A-Z and a-z, digits 0-9, and . _ + -';
export const CACHE_KEY_PREFIX_MAX_CHARS = 100;

/** The cache-key-prefix input: '' (the default prefix) or 1 to 100 of the characters above. */
export function parseCacheKeyPrefix(input: string, value: string): string {
  if (value.length > CACHE_KEY_PREFIX_MAX_CHARS) {
    throw new InputError(input, value, `it has ${value.length} characters; a cache key prefix has at most ${CACHE_KEY_PREFIX_MAX_CHARS}`, `Use a short prefix such as 'setup-goproxy-gomod-v2'.`);
  }
  for (const char of value) {
    const code = char.charCodeAt(0);
    const allowed = (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || char === '.' || char === '_' || char === '+' || char === '-';
    if (!allowed) {
      throw new InputError(input, value, `it contains ${JSON.stringify(char)}; a cache key prefix may contain only ${CACHE_KEY_PREFIX_CHARACTERS}`, `Use a prefix such as 'setup-goproxy-gomod-v2' (no spaces, '/', quotes or shell syntax).`);
    }
  }
  return value;
}
