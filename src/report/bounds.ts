// Bounds for text that ends up in a message, a log line, an output or the summary: whatever the
// input (a 100 kB input value, a go.mod line of 40 kB, go's output), what is printed stays short.

import { redactForDisplay, redactProxyList } from '../go/redact.js';

/** Characters of a quoted value in a message; enough to recognise it, never a flood. */
export const EXCERPT_CHARS = 200;

/**
 * The first `maxChars` characters of `text`, with the length of what was cut, e.g.
 * "abc… (12345 more characters)". Never splits a surrogate pair.
 */
export function excerpt(text: string, maxChars = EXCERPT_CHARS): string {
  if (text.length <= maxChars) return text;
  let end = maxChars;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}… (${text.length - end} more characters)`;
}

/** At most `max` items, and how many were left out, for lists that end in an "N more" line. */
export function capList<T>(items: readonly T[], max: number): { shown: T[]; omitted: number } {
  return { shown: items.slice(0, Math.max(0, max)), omitted: Math.max(0, items.length - Math.max(0, max)) };
}

/** "" or " and N more", for the end of a shortened list in a sentence. */
export function moreSuffix(omitted: number, noun = 'more'): string {
  return omitted > 0 ? ` and ${omitted} ${noun}` : '';
}

/** Characters of an error's reason or a quoted message part (longer than a value's excerpt). */
export const REASON_CHARS = 600;

/**
 * Control characters made visible ("\n", "\x1b", "\u202e"...): a value quoted in a log line must
 * neither start a new line (a "::command::" of its own) nor reorder or hide text (bidi controls).
 */
export function visibleControls(text: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const invisible = code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) || code === 0x2028 || code === 0x2029 || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0xfeff;
    if (!invisible) continue;
    const named = code === 0x0a ? '\\n' : code === 0x0d ? '\\r' : code === 0x09 ? '\\t' : code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    out += text.slice(copied, i) + named;
    copied = i + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * How a user's value is quoted in a message: credentials in URLs hidden (before cutting, so a cut
 * never leaves half a credential), control characters visible, at most `maxChars` characters.
 */
export function displayValue(value: string, maxChars = EXCERPT_CHARS): string {
  return excerpt(visibleControls(redactProxyList(value)), maxChars);
}

/** The same for free text that quotes values (an error's reason, go's output). */
export function displayText(text: string, maxChars = REASON_CHARS): string {
  return excerpt(visibleControls(redactForDisplay(text)), maxChars);
}
