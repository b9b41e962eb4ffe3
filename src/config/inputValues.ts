// Pure parsing of the action's inputs. Each function returns either a value or an InputError
// that names the input, the bad value and the fix, so main can report it without a stack trace.

import { redactProxyList } from '../go/redact.js';

export class InputError extends Error {
  constructor(
    readonly input: string,
    readonly value: string,
    readonly reason: string,
    readonly fix: string,
  ) {
    super(`Input '${input}' has the invalid value '${redactProxyList(value)}': ${reason}. ${fix}`);
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
  for (const line of lines) {
    if (joined === '' || /[,|]$/.test(joined) || /^[,|]/.test(line)) joined += line;
    else joined += `,${line}`;
  }
  return joined
    .split(/([,|])/)
    .map((part) => part.trim())
    .join('');
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

export function parsePositiveSeconds(input: string, value: string, max: number): number {
  const trimmed = value.trim();
  const seconds = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(seconds) || seconds <= 0 || seconds > max) {
    throw new InputError(input, value, `expected a number of seconds greater than 0 and at most ${max}`, `Set '${input}' to a number such as 10.`);
  }
  return seconds;
}

/** An input value may never carry a control character other than newline (Go rejects them in go env values too). */
export function rejectControlCharacters(input: string, value: string): void {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) {
    throw new InputError(input, value.replace(/[\u0000-\u001f\u007f]/g, '?'), 'it contains a control character', `Remove control characters from '${input}'.`);
  }
}

/** A whole number of attempts, 1 to max. */
export function parseAttempts(input: string, value: string, max = 10): number {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1 || Number(trimmed) > max) {
    throw new InputError(input, value, `expected a whole number from 1 to ${max}`, `Set '${input}' to a number such as 3.`);
  }
  return Number(trimmed);
}
