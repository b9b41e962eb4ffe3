// Globs over repository-relative posix paths, matched without regular expressions: the paths come
// from the checkout (a pull request chooses them) and a glob compiled to a backtracking regex
// (`**/**/**/*a*a*a*b`) can take exponential time on a long path that almost matches. Here a
// segment is matched by the two-pointer wildcard algorithm (O(segment x pattern) at worst) and
// `**` segments by a table over (pattern segment, path segment) pairs, so a match costs at most
// the product of the two lengths.
//
// Syntax: `**` as a whole segment matches any number of directories; `*` and `?` stay within one
// segment; `[abc]`, `[a-z]`, `[!a-z]` are character classes; a leading `./` is dropped and a
// trailing `/` means everything below.

type Token = { kind: 'char'; c: string } | { kind: 'any' } | { kind: 'star' } | { kind: 'class'; negate: boolean; items: Array<[string, string]> };

type Segment = { kind: 'globstar' } | { kind: 'tokens'; tokens: Token[] };

export interface Glob {
  source: string;
  test(path: string): boolean;
}

function tokenize(segment: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === '*') {
      // `a**b` is two stars inside one segment: the same as one.
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close === -1) {
        tokens.push({ kind: 'char', c });
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      const items: Array<[string, string]> = [];
      for (let k = 0; k < body.length; k++) {
        const from = body[k] as string;
        if (body[k + 1] === '-' && k + 2 < body.length) {
          items.push([from, body[k + 2] as string]);
          k += 2;
        } else items.push([from, from]);
      }
      tokens.push({ kind: 'class', negate, items });
      i = close;
    } else tokens.push({ kind: 'char', c });
  }
  return tokens;
}

function tokenMatches(token: Token, c: string): boolean {
  switch (token.kind) {
    case 'char':
      return token.c === c;
    case 'any':
      return true;
    case 'class': {
      const inside = token.items.some(([from, to]) => c >= from && c <= to);
      return inside !== token.negate;
    }
    case 'star':
      return false;
  }
}

/** Wildcard match of one path segment: greedy stars with a single backtrack point (linear-ish, never exponential). */
export function segmentMatches(tokens: readonly Token[], text: string): boolean {
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const token = tokens[p];
    if (token !== undefined && token.kind !== 'star' && tokenMatches(token, text[t] as string)) {
      t++;
      p++;
    } else if (token !== undefined && token.kind === 'star') {
      starP = p++;
      starT = t;
    } else if (starP !== -1) {
      p = starP + 1;
      t = ++starT;
    } else return false;
  }
  while (tokens[p]?.kind === 'star') p++;
  return p === tokens.length;
}

export function compileGlob(glob: string): Glob {
  let g = glob.replace(/\\/g, '/');
  while (g.startsWith('./')) g = g.slice(2);
  if (g.endsWith('/')) g += '**';
  const segments: Segment[] = [];
  for (const part of g.split('/')) {
    if (part === '**') {
      if (segments[segments.length - 1]?.kind !== 'globstar') segments.push({ kind: 'globstar' });
    } else segments.push({ kind: 'tokens', tokens: tokenize(part) });
  }
  return {
    source: glob,
    test(path: string): boolean {
      const parts = path.split('/');
      // reach[j]: the pattern segments so far can consume exactly the first j path segments.
      let reach = new Array<boolean>(parts.length + 1).fill(false);
      reach[0] = true;
      for (const segment of segments) {
        const next = new Array<boolean>(parts.length + 1).fill(false);
        if (segment.kind === 'globstar') {
          let any = false;
          for (let j = 0; j <= parts.length; j++) {
            any = any || (reach[j] as boolean);
            next[j] = any;
          }
        } else {
          for (let j = 0; j < parts.length; j++) if (reach[j] && segmentMatches(segment.tokens, parts[j] as string)) next[j + 1] = true;
        }
        reach = next;
      }
      return reach[parts.length] as boolean;
    },
  };
}
