// Pure: untrusted text (proxy URLs, patterns, probe details) made safe for a quoted mermaid label
// ("...") in one linear pass, with a hard cap on the escaped size.
//
// What can go wrong with raw text in a label, and why each character class is handled:
//   * `"` ends the quoted label; `|` ends an edge label; `[](){}` are shape delimiters.
//   * `<` `>` `&` are HTML (labels are HTML in GitHub's renderer); backticks make markdown strings
//     and three of them would close the ```mermaid fence of the summary.
//   * `#…;` is mermaid's entity syntax, `%%` starts a comment or an `%%{init}%%` directive (read
//     anywhere in the text), `$$` starts KaTeX maths, `;` ends a statement.
//   * mermaid rewrites any line matching /style.*:\S*#.*;/ or /classDef.*:\S*#.*;/ (it drops the
//     line's last ';'), which would break our entities: the words "style" and "classDef" never
//     reach the text verbatim.
//   * control, line-separator and bidi/format characters would break the line or reorder text.
// Everything outside a small safe set becomes a numeric entity `#<code point>;`, which mermaid
// decodes to the character itself, so the rendered label shows the original text.

/** Characters kept as they are: enough for URLs, host names and module patterns to stay readable. */
const SAFE_ASCII = new Set(Array.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,:/_-+=@()'*?!~"));

/** Default cap on the escaped size of one text, in characters. */
export const LABEL_TEXT_MAX = 120;

const ELLIPSIS = '…';

function isInvisible(cp: number): boolean {
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x2028 && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2069) ||
    cp === 0xfeff ||
    // Lone surrogates (invalid UTF-16) cannot be shown.
    (cp >= 0xd800 && cp <= 0xdfff)
  );
}

/**
 * The text as mermaid label content: escaped, one line without blanks at its ends, at most `max`
 * characters (an ellipsis marks a cut, never inside an entity). Linear in the part of the text
 * that fits (plus the leading blanks skipped).
 */
export function mermaidText(text: string, max = LABEL_TEXT_MAX): string {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const cp = text.codePointAt(index)!;
    const width = cp > 0xffff ? 2 : 1;
    let piece: string;
    if (isInvisible(cp)) piece = ' ';
    else if (cp < 0x80 && SAFE_ASCII.has(text[index]!) && !startsReservedWord(text, index)) piece = text[index]!;
    else piece = `#${cp};`;
    // Leading blanks are dropped, as mermaid drops them.
    if (piece === ' ' && out === '') {
      index += width;
      continue;
    }
    if (out.length + piece.length > max - (index + width < text.length ? ELLIPSIS.length : 0)) {
      return out + ELLIPSIS;
    }
    out += piece;
    index += width;
  }
  // Trailing blanks too (at most `max` characters to look at).
  let end = out.length;
  while (end > 0 && out[end - 1] === ' ') end--;
  return out.slice(0, end);
}

function startsReservedWord(text: string, index: number): boolean {
  return text.startsWith('style', index) || text.startsWith('classDef', index);
}
