// Parser for go.mod and go.work text that keeps 1-based line numbers, so that problems can be
// annotated on the exact `require` line. It follows golang.org/x/mod/modfile (read.go, rule.go,
// work.go) as vendored in Go 1.23: same tokens, same block rules, same checks on each directive,
// and the same error wording where practical. Unlike the go command it never gives up on the first
// syntax error: it reports an issue and carries on, so one typo does not hide every other line.

export interface ModuleVersion {
  path: string;
  version: string;
}

export interface RequireLine {
  path: string;
  version: string;
  indirect: boolean;
  line: number;
}

export interface ReplaceLine {
  from: { path: string; version: string | null };
  to: { path: string; version: string | null };
  line: number;
}

export interface GoModFile {
  module: { path: string; line: number } | null;
  go: { version: string; line: number } | null;
  toolchain: { name: string; line: number } | null;
  /** Single-line `require x v` and every line of `require ( ... )` blocks, in file order. */
  requires: RequireLine[];
  replaces: ReplaceLine[];
  excludes: Array<ModuleVersion & { line: number }>;
  /** Number of valid `retract` lines; their content does not matter to this action. */
  retracts: number;
}

export interface GoWorkFile {
  go: { version: string; line: number } | null;
  toolchain: { name: string; line: number } | null;
  uses: Array<{ dir: string; line: number }>;
  replaces: ReplaceLine[];
}

export interface ParseIssue {
  line: number;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Lexing. Tokens never span lines (a quoted string may not contain a newline), so the text can
// be lexed one physical line at a time.

interface LexedLine {
  line: number;
  /** Token texts; quoted strings keep their quotes, exactly as modfile's Line.Token does. */
  tokens: string[];
  /** Text of a `//` comment that follows tokens on the same line (a "suffix" comment). */
  suffixComment: string | null;
  /** A lexical error was reported for this line; its directive is not checked again. */
  broken: boolean;
}

const punctuation = new Set(['(', ')', '[', ']', '{', '}', ',']);
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const unicodeSpace = /^\s$/u;

/** modfile's isIdent: printable, not space, not punctuation. */
function isIdentChar(ch: string): boolean {
  if (ch === ' ' || punctuation.has(ch)) return false;
  return !unicodeSpace.test(ch) && printable.test(ch);
}

function lexLine(text: string, line: number, issues: ParseIssue[]): LexedLine {
  const tokens: string[] = [];
  let suffixComment: string | null = null;
  const issueCount = issues.length;
  // Iterate by code point so that astral characters are one "rune", as in Go.
  const chars = Array.from(text);
  let i = 0;
  const startsWith = (s: string): boolean => chars[i] === s[0] && chars[i + 1] === s[1];
  while (i < chars.length) {
    const ch = chars[i] as string;
    // The go command skips only these three as white space; \r makes CRLF files work.
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (startsWith('//')) {
      // A comment after tokens belongs to that line (this is how `// indirect` is found); a
      // comment alone on its line is a free-standing comment and means nothing to us.
      if (tokens.length > 0) suffixComment = chars.slice(i).join('').trim();
      break;
    }
    if (startsWith('/*')) {
      issues.push({ line, message: 'mod files must use // comments (not /* */ comments)' });
      break;
    }
    if (punctuation.has(ch)) {
      tokens.push(ch);
      i++;
      continue;
    }
    if (ch === '"' || ch === '`') {
      let j = i + 1;
      let closed = false;
      while (j < chars.length) {
        const c = chars[j] as string;
        if (c === ch) {
          closed = true;
          break;
        }
        // Only interpreted strings have escapes; skipping the escaped rune keeps `\"` inside.
        if (c === '\\' && ch === '"') j++;
        j++;
      }
      if (!closed) {
        issues.push({ line, message: 'unexpected newline in string' });
        break;
      }
      tokens.push(chars.slice(i, j + 1).join(''));
      i = j + 1;
      continue;
    }
    if (!isIdentChar(ch)) {
      const cp = ch.codePointAt(0) ?? 0;
      issues.push({ line, message: `unexpected input character '\\u${cp.toString(16).padStart(4, '0')}'` });
      i++;
      continue;
    }
    let j = i;
    // An identifier stops at `//`, so `v1.0.0//indirect` is a version plus a comment.
    while (j < chars.length && isIdentChar(chars[j] as string) && !(chars[j] === '/' && chars[j + 1] === '/')) {
      if (chars[j] === '/' && chars[j + 1] === '*') break;
      j++;
    }
    tokens.push(chars.slice(i, j).join(''));
    i = j;
  }
  return { line, tokens, suffixComment, broken: issues.length > issueCount };
}

// ---------------------------------------------------------------------------------------------
// Statements: a single line (`require x v1`) or a block (`require ( ... )`) whose lines each
// become one statement with the block's verb.

interface Statement {
  verb: string;
  args: string[];
  line: number;
  suffixComment: string | null;
  broken: boolean;
}

interface Block {
  header: string[];
  line: number;
  lines: LexedLine[];
}

type TopLevel = { kind: 'line'; lexed: LexedLine } | { kind: 'block'; block: Block };

function splitLines(text: string, issues: ParseIssue[]): LexedLine[] {
  let body = text;
  if (body.startsWith('\uFEFF')) {
    // The go command rejects a byte-order mark; say so, but keep reading the rest.
    issues.push({ line: 1, message: "unexpected input character '\\ufeff' (UTF-8 byte-order mark)" });
    body = body.slice(1);
  }
  return body.split('\n').map((raw, index) => lexLine(raw, index + 1, issues));
}

/**
 * Groups lexed lines into top-level lines and blocks following modfile's parseStmt: `(` starts a
 * block only when it ends the line; `( )` at the end of a line is an empty block; a block ends at
 * a line whose first token is `)`.
 */
function groupStatements(lines: LexedLine[], issues: ParseIssue[]): TopLevel[] {
  const out: TopLevel[] = [];
  let i = 0;
  while (i < lines.length) {
    const lexed = lines[i] as LexedLine;
    i++;
    const t = lexed.tokens;
    if (t.length === 0) continue;
    const n = t.length;
    const opensBlock = n >= 2 && t[n - 1] === '(';
    const emptyBlock = n >= 3 && t[n - 2] === '(' && t[n - 1] === ')';
    if (emptyBlock) {
      out.push({ kind: 'block', block: { header: t.slice(0, n - 2), line: lexed.line, lines: [] } });
      continue;
    }
    if (!opensBlock) {
      out.push({ kind: 'line', lexed });
      continue;
    }
    const block: Block = { header: t.slice(0, n - 1), line: lexed.line, lines: [] };
    let closed = false;
    while (i < lines.length) {
      const inner = lines[i] as LexedLine;
      i++;
      if (inner.tokens.length === 0) continue;
      if (inner.tokens[0] === ')') {
        closed = true;
        if (inner.tokens.length > 1) {
          issues.push({ line: inner.line, message: 'syntax error (expected newline after closing paren)' });
        }
        break;
      }
      block.lines.push(inner);
    }
    if (!closed) {
      issues.push({ line: block.line, message: `syntax error (unterminated block started at line ${block.line})` });
    }
    out.push({ kind: 'block', block });
  }
  return out;
}

/** Flattens lines and blocks into statements, reporting block verbs the file kind does not know. */
function statements(text: string, blockVerbs: ReadonlySet<string>, issues: ParseIssue[]): Statement[] {
  const out: Statement[] = [];
  for (const item of groupStatements(splitLines(text, issues), issues)) {
    if (item.kind === 'line') {
      const [verb, ...args] = item.lexed.tokens;
      out.push({ verb: verb ?? '', args, line: item.lexed.line, suffixComment: item.lexed.suffixComment, broken: item.lexed.broken });
      continue;
    }
    const { block } = item;
    const verb = block.header[0] ?? '';
    if (block.header.length !== 1 || !blockVerbs.has(verb)) {
      issues.push({ line: block.line, message: `unknown block type: ${block.header.join(' ')}` });
      continue;
    }
    for (const l of block.lines) {
      out.push({ verb, args: l.tokens, line: l.line, suffixComment: l.suffixComment, broken: l.broken });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Values: quoted strings, versions, module path majors, directory paths.

type Result<T> = { ok: true; value: T } | { ok: false; error: string };

const simpleEscapes: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"',
};

/** strconv.Unquote for a `"..."` token. */
function unquoteInterpreted(token: string): Result<string> {
  if (token.length < 2 || !token.endsWith('"')) return { ok: false, error: 'invalid syntax' };
  const body = token.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch === '"') return { ok: false, error: 'invalid syntax' };
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) return { ok: false, error: 'invalid syntax' };
    const simple = simpleEscapes[e];
    if (simple !== undefined) {
      out += simple;
      i++;
      continue;
    }
    const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hexLen > 0) {
      const hex = body.slice(i + 2, i + 2 + hexLen);
      if (!new RegExp(`^[0-9a-fA-F]{${hexLen}}$`).test(hex)) return { ok: false, error: 'invalid syntax' };
      const cp = parseInt(hex, 16);
      if (e !== 'x' && (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) return { ok: false, error: 'invalid syntax' };
      // \x is a byte in Go; treating it as a code point only differs for non-ASCII bytes,
      // which are not valid in module paths or versions anyway.
      out += String.fromCodePoint(cp);
      i += 1 + hexLen;
      continue;
    }
    const oct = body.slice(i + 1, i + 4);
    if (/^[0-7]{3}$/.test(oct) && parseInt(oct, 8) <= 255) {
      out += String.fromCodePoint(parseInt(oct, 8));
      i += 3;
      continue;
    }
    return { ok: false, error: 'invalid syntax' };
  }
  return { ok: true, value: out };
}

/** modfile.parseString: `"..."` is unquoted; any other quote character is refused. */
function parseString(token: string): Result<string> {
  if (token.startsWith('"')) return unquoteInterpreted(token);
  // Back-quoted strings are lexed (so they do not break the line) but refused here, as the go
  // command does: quotes other than "..." are reserved.
  if (/["'`]/.test(token)) return { ok: false, error: 'unquoted string cannot contain quote' };
  return { ok: true, value: token };
}

interface Semver {
  major: string;
  minor: string;
  patch: string;
  short: string;
  prerelease: string;
  build: string;
}

/** golang.org/x/mod/semver's parse (v1, v1.2 shorthands, prerelease, build). */
function parseSemver(v: string): Semver | null {
  const m = /^v(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?)?$/.exec(v);
  if (!m) return null;
  const [, major = '', minor, patch, prerelease = '', build = ''] = m;
  // Numeric prerelease identifiers must not have leading zeros.
  if (prerelease && prerelease.slice(1).split('.').some((id) => /^0\d+$/.test(id))) return null;
  return {
    major,
    minor: minor ?? '0',
    patch: patch ?? '0',
    short: minor === undefined ? '.0.0' : patch === undefined ? '.0' : '',
    prerelease,
    build,
  };
}

/** module.CanonicalVersion: semver.Canonical, keeping a `+incompatible` build suffix. */
export function canonicalVersion(v: string): string {
  const p = parseSemver(v);
  if (!p) return '';
  const canonical = p.build ? v.slice(0, v.length - p.build.length) : v + p.short;
  return p.build === '+incompatible' ? canonical + '+incompatible' : canonical;
}

/** module.SplitPathVersion's major-version suffix (`/v2`, `.v1` for gopkg.in), or an error. */
function pathMajor(path: string): Result<string> {
  if (path.startsWith('gopkg.in/')) {
    const m = /\.(v(?:0|[1-9]\d*))(-unstable)?$/.exec(path);
    if (!m) return { ok: false, error: 'invalid module path' };
    return { ok: true, value: `.${m[1] ?? ''}${m[2] ?? ''}` };
  }
  const m = /\/v([0-9.]+)$/.exec(path);
  if (!m || m.index === 0) return { ok: true, value: '' };
  const digits = m[1] ?? '';
  if (digits.includes('.') || digits.startsWith('0') || digits === '1') {
    return { ok: false, error: 'invalid module path' };
  }
  return { ok: true, value: `/v${digits}` };
}

/** module.CheckPathMajor: the version's major must agree with the path's /vN suffix. */
function checkPathMajor(version: string, major: string): string | null {
  let pm = major;
  if (pm.startsWith('.v') && pm.endsWith('-unstable')) pm = pm.slice(0, -'-unstable'.length);
  if (version.startsWith('v0.0.0-') && pm === '.v1') return null;
  const vMajor = `v${parseSemver(version)?.major ?? ''}`;
  if (pm === '') {
    if (vMajor === 'v0' || vMajor === 'v1' || parseSemver(version)?.build === '+incompatible') return null;
    return `should be v0 or v1, not ${vMajor}`;
  }
  if (vMajor === pm.slice(1)) return null;
  return `should be ${pm.slice(1)}, not ${vMajor}`;
}

/** modfile.IsDirectoryPath: Unix and Windows forms, because go.mod files move between systems. */
export function isDirectoryPath(p: string): boolean {
  return (
    p === '.' || p.startsWith('./') || p.startsWith('.\\') ||
    p === '..' || p.startsWith('../') || p.startsWith('..\\') ||
    p.startsWith('/') || p.startsWith('\\') ||
    /^[A-Za-z]:/.test(p)
  );
}

const goVersionRE = /^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$/;
const toolchainRE = /^default$|^go1($|\.)/;

// ---------------------------------------------------------------------------------------------
// Directive handlers shared by go.mod and go.work.

class DirectiveError extends Error {}

function fail(message: string): never {
  throw new DirectiveError(message);
}

function requireString(token: string): string {
  const r = parseString(token);
  if (!r.ok) fail(`invalid quoted string: ${r.error}`);
  return r.value;
}

function parseVersionArg(verb: string, path: string, token: string): string {
  const r = parseString(token);
  if (!r.ok) fail(`${verb} ${path}: version ${JSON.stringify(token)} invalid: ${r.error}`);
  const v = canonicalVersion(r.value);
  if (!v) fail(`${verb} ${path}: version ${JSON.stringify(r.value)} invalid: must be of the form v1.2.3`);
  return v;
}

function parseModuleVersion(verb: string, args: string[]): ModuleVersion {
  if (args.length !== 2) fail(`usage: ${verb} module/path v1.2.3`);
  const path = requireString(args[0] as string);
  const version = parseVersionArg(verb, path, args[1] as string);
  const major = pathMajor(path);
  if (!major.ok) fail(`${verb} ${path}: ${major.error}`);
  const mismatch = checkPathMajor(version, major.value);
  if (mismatch) fail(`${verb} ${path}: version ${JSON.stringify(version)} invalid: ${mismatch}`);
  return { path, version };
}

export interface ModfileOptions {
  /**
   * The system whose go command reads the file: only a non-Windows one refuses a replacement
   * directory with backslashes (modfile's `filepath.Separator == '/'` check). Default: this host.
   */
  platform?: NodeJS.Platform;
}

function parseReplace(args: string[], line: number, options: ModfileOptions): ReplaceLine {
  const verb = 'replace';
  const arrow = args.length >= 2 && args[1] === '=>' ? 1 : 2;
  if (args.length < arrow + 2 || args.length > arrow + 3 || args[arrow] !== '=>') {
    fail(`usage: ${verb} module/path [v1.2.3] => other/module v1.4\n\t or ${verb} module/path [v1.2.3] => ../local/directory`);
  }
  const fromPath = requireString(args[0] as string);
  const major = pathMajor(fromPath);
  if (!major.ok) fail(`${verb} ${fromPath}: ${major.error}`);
  let fromVersion: string | null = null;
  if (arrow === 2) {
    fromVersion = parseVersionArg(verb, fromPath, args[1] as string);
    const mismatch = checkPathMajor(fromVersion, major.value);
    if (mismatch) fail(`${verb} ${fromPath}: version ${JSON.stringify(fromVersion)} invalid: ${mismatch}`);
  }
  const toPath = requireString(args[arrow + 1] as string);
  let toVersion: string | null = null;
  if (args.length === arrow + 2) {
    if (!isDirectoryPath(toPath)) {
      if (toPath.includes('@')) fail("replacement module must match format 'path version', not 'path@version'");
      fail('replacement module without version must be directory path (rooted or starting with . or ..)');
    }
    // The go command refuses backslashes only on non-Windows hosts: `=> ..\lib` is valid on a
    // Windows runner (where the go command of the job reads it the same way).
    if ((options.platform ?? process.platform) !== 'win32' && toPath.includes('\\')) fail('replacement directory appears to be Windows path (on a non-windows system)');
  } else {
    toVersion = parseVersionArg(verb, toPath, args[arrow + 2] as string);
    if (isDirectoryPath(toPath)) fail(`replacement module directory path ${JSON.stringify(toPath)} cannot have version`);
  }
  return { from: { path: fromPath, version: fromVersion }, to: { path: toPath, version: toVersion }, line };
}

function parseGoVersion(args: string[]): string {
  if (args.length !== 1) fail('go directive expects exactly one argument');
  const v = args[0] as string;
  if (!goVersionRE.test(v)) fail(`invalid go version '${v}': must match format 1.23.0`);
  return v;
}

function parseToolchain(args: string[]): string {
  if (args.length !== 1) fail('toolchain directive expects exactly one argument');
  const v = args[0] as string;
  if (!toolchainRE.test(v)) fail(`invalid toolchain version '${v}': must match format go1.23.0 or default`);
  return v;
}

function checkGodebug(args: string[]): void {
  if (args.length !== 1 || /["`',]/.test(args[0] as string) || !(args[0] as string).includes('=')) {
    fail('usage: godebug key=value');
  }
}

/** modfile.isIndirect: the suffix comment is `// indirect` or starts with `// indirect;`. */
function isIndirect(comment: string | null): boolean {
  if (comment === null) return false;
  const fields = comment.replace(/^\/\//, '').trim().split(/\s+/);
  return (fields.length === 1 && fields[0] === 'indirect') || (fields.length > 1 && fields[0] === 'indirect;');
}

/** modfile.parseVersionInterval followed by the "nothing after it" check of `retract`. */
function parseRetract(args: string[]): void {
  const verb = 'retract';
  let toks = args;
  if (toks.length === 0 || toks[0] === '(') fail("expected '[' or version");
  if (toks[0] !== '[') {
    parseVersionArg(verb, '', toks[0] as string);
    toks = toks.slice(1);
  } else {
    toks = toks.slice(1);
    if (toks.length === 0) fail("expected version after '['");
    parseVersionArg(verb, '', toks[0] as string);
    toks = toks.slice(1);
    if (toks[0] !== ',') fail("expected ',' after version");
    toks = toks.slice(1);
    if (toks.length === 0) fail("expected version after ','");
    parseVersionArg(verb, '', toks[0] as string);
    toks = toks.slice(1);
    if (toks[0] !== ']') fail("expected ']' after version");
    toks = toks.slice(1);
  }
  if (toks.length > 0) fail(`unexpected token after version: ${JSON.stringify(toks[0])}`);
}

function runDirective(stmt: Statement, issues: ParseIssue[], handle: () => void): void {
  // One issue per line is enough: a line that did not even lex would only add noise here.
  if (stmt.broken) return;
  try {
    handle();
  } catch (err) {
    if (!(err instanceof DirectiveError)) throw err;
    issues.push({ line: stmt.line, message: err.message });
  }
}

// ---------------------------------------------------------------------------------------------
// Public entry points.

// Go 1.24 added `tool`, Go 1.25 `ignore`. Go 1.23 rejects them, but a repository on a newer Go
// legitimately uses them, so they are accepted (and ignored) rather than reported.
const goModBlockVerbs = new Set(['module', 'godebug', 'require', 'exclude', 'replace', 'retract', 'tool', 'ignore']);
const goWorkBlockVerbs = new Set(['godebug', 'use', 'replace']);

export function parseGoMod(text: string, options: ModfileOptions = {}): { file: GoModFile; issues: ParseIssue[] } {
  const issues: ParseIssue[] = [];
  const file: GoModFile = { module: null, go: null, toolchain: null, requires: [], replaces: [], excludes: [], retracts: 0 };
  for (const stmt of statements(text, goModBlockVerbs, issues)) {
    runDirective(stmt, issues, () => {
      const { args, line } = stmt;
      switch (stmt.verb) {
        case 'module': {
          if (file.module) fail('repeated module statement');
          if (args.length !== 1) fail('usage: module module/path');
          file.module = { path: requireString(args[0] as string), line };
          return;
        }
        case 'go':
          if (file.go) fail('repeated go statement');
          file.go = { version: parseGoVersion(args), line };
          return;
        case 'toolchain':
          if (file.toolchain) fail('repeated toolchain statement');
          file.toolchain = { name: parseToolchain(args), line };
          return;
        case 'godebug':
          checkGodebug(args);
          return;
        case 'require': {
          const mv = parseModuleVersion('require', args);
          file.requires.push({ ...mv, indirect: isIndirect(stmt.suffixComment), line });
          return;
        }
        case 'exclude':
          file.excludes.push({ ...parseModuleVersion('exclude', args), line });
          return;
        case 'replace':
          file.replaces.push(parseReplace(args, line, options));
          return;
        case 'retract':
          parseRetract(args);
          file.retracts++;
          return;
        case 'tool':
        case 'ignore':
          return;
        default:
          fail(`unknown directive: ${stmt.verb}`);
      }
    });
  }
  return { file, issues: sortIssues(issues) };
}

export function parseGoWork(text: string, options: ModfileOptions = {}): { file: GoWorkFile; issues: ParseIssue[] } {
  const issues: ParseIssue[] = [];
  const file: GoWorkFile = { go: null, toolchain: null, uses: [], replaces: [] };
  for (const stmt of statements(text, goWorkBlockVerbs, issues)) {
    runDirective(stmt, issues, () => {
      const { args, line } = stmt;
      switch (stmt.verb) {
        case 'go':
          if (file.go) fail('repeated go statement');
          file.go = { version: parseGoVersion(args), line };
          return;
        case 'toolchain':
          if (file.toolchain) fail('repeated toolchain statement');
          file.toolchain = { name: parseToolchain(args), line };
          return;
        case 'godebug':
          checkGodebug(args);
          return;
        case 'use':
          if (args.length !== 1) fail('usage: use local/dir');
          file.uses.push({ dir: requireString(args[0] as string), line });
          return;
        case 'replace':
          file.replaces.push(parseReplace(args, line, options));
          return;
        default:
          fail(`unknown directive: ${stmt.verb}`);
      }
    });
  }
  return { file, issues: sortIssues(issues) };
}

function sortIssues(issues: ParseIssue[]): ParseIssue[] {
  return issues.map((issue, index) => ({ issue, index }))
    .sort((a, b) => a.issue.line - b.issue.line || a.index - b.index)
    .map(({ issue }) => issue);
}
