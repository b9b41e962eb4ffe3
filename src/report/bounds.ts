// Bounds for text that ends up in a message, a log line, an output or the summary: whatever the
// input (a 100 kB input value, a go.mod line of 40 kB, go's output), what is printed stays short.

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
