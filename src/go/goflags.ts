// GOFLAGS: how the go command (1.23) splits, checks and applies it
// (src/cmd/go/internal/base/goflags.go InitGOFLAGS + SetFromGOFLAGS, src/cmd/internal/quoted
// Split; go-semantics.md §6). The table of which subcommand knows which flag (and which of them
// are boolean) was written from the flag registrations in src/cmd/go/internal/*/ (go1.23).

import { goQuote } from './url.js';

export interface GoFlag {
  /** Without dashes, e.g. "modcacherw". */
  name: string;
  /** The text after '=', or null when written without '='. */
  value: string | null;
  /** The field as written (after quote removal), e.g. "--mod=mod". */
  raw: string;
}

export type GoflagsParse = { ok: true; flags: GoFlag[] } | { ok: false; error: string };

/** quoted.Split: fields separated by space/tab/CR/LF; a field may be wrapped in '...' or "...". */
export function splitQuoted(s: string): { ok: true; fields: string[] } | { ok: false; error: string } {
  const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  const fields: string[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && isSpace(s[i])) i++;
    if (i >= s.length) break;
    const c = s[i]!;
    if (c === '"' || c === "'") {
      const end = s.indexOf(c, i + 1);
      if (end < 0) return { ok: false, error: `unterminated ${c} string` };
      fields.push(s.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < s.length && !isSpace(s[j])) j++;
    fields.push(s.slice(i, j));
    i = j;
  }
  return { ok: true, fields };
}

// ---------------------------------------------------------------------------------------------
// Flag table (go1.23)

/**
 * How a flag's value is checked when SetFromGOFLAGS applies it. 'bool*' kinds take no value;
 * the others need "=value".
 */
type FlagKind =
  | 'bool' // strconv.ParseBool, error "parse error"
  | 'boolAny' // bool-like flag.Value that accepts any text (list -json, get -u, test -v)
  | 'buildvcs' // bool-like: "", auto, or a bool
  | 'string'
  | 'int' // strconv.ParseInt(s, 0, 64)
  | 'duration'
  | 'strings' // base.StringsFlag: quoted.Split
  | 'tags'
  | 'perPackage' // -gcflags, -ldflags, -asmflags, -gccgoflags
  | 'compiler'
  | 'covermode'
  | 'chdir' // -C: only valid as the first command-line flag
  | 'shuffle'
  | 'vet';

type FlagTable = Record<string, FlagKind>;

const NX: FlagTable = { n: 'bool', x: 'bool' };
const CHDIR: FlagTable = { C: 'chdir' };
const MOD_FLAG: FlagTable = { mod: 'string' };
const MOD_COMMON: FlagTable = { modcacherw: 'bool', modfile: 'string', overlay: 'string' };
const COVER: FlagTable = { cover: 'bool', covermode: 'covermode', coverpkg: 'string' };

/** work.AddBuildFlags (work/build.go). */
function buildFlags(options: { v?: boolean; mod?: boolean } = {}): FlagTable {
  return {
    ...NX,
    ...CHDIR,
    a: 'bool',
    p: 'int',
    ...(options.v === false ? {} : { v: 'bool' as const }),
    asmflags: 'perPackage',
    compiler: 'compiler',
    buildmode: 'string',
    gcflags: 'perPackage',
    gccgoflags: 'perPackage',
    ...(options.mod === false ? {} : MOD_FLAG),
    ...MOD_COMMON,
    installsuffix: 'string',
    ldflags: 'perPackage',
    linkshared: 'bool',
    pgo: 'string',
    pkgdir: 'string',
    race: 'bool',
    msan: 'bool',
    asan: 'bool',
    tags: 'tags',
    toolexec: 'strings',
    trimpath: 'bool',
    work: 'bool',
    buildvcs: 'buildvcs',
    'debug-actiongraph': 'string',
    'debug-trace': 'string',
    'debug-runtime-trace': 'string',
  };
}

const TEST_BINARY_FLAGS: FlagTable = {
  bench: 'string',
  benchmem: 'bool',
  benchtime: 'string',
  blockprofile: 'string',
  blockprofilerate: 'string',
  count: 'int',
  coverprofile: 'string',
  cpu: 'string',
  cpuprofile: 'string',
  failfast: 'bool',
  fullpath: 'bool',
  fuzz: 'string',
  fuzzminimizetime: 'string',
  fuzztime: 'string',
  list: 'string',
  memprofile: 'string',
  memprofilerate: 'string',
  mutexprofile: 'string',
  mutexprofilefraction: 'string',
  outputdir: 'string',
  parallel: 'int',
  run: 'string',
  short: 'bool',
  shuffle: 'shuffle',
  skip: 'string',
  timeout: 'duration',
  trace: 'string',
  v: 'boolAny',
};

function testFlags(): FlagTable {
  const table: FlagTable = { ...buildFlags({ v: false }), c: 'bool', o: 'string', ...COVER, exec: 'strings', json: 'bool', vet: 'vet', ...TEST_BINARY_FLAGS };
  for (const [name, kind] of Object.entries(TEST_BINARY_FLAGS)) table['test.' + name] = kind;
  return table;
}

interface CommandInfo {
  usage: string;
  flags: FlagTable;
}

/** Every go1.23 subcommand with its flags; keys are the words after "go". */
export const GO_COMMANDS: Readonly<Record<string, CommandInfo>> = {
  bug: { usage: 'go bug', flags: { ...CHDIR, v: 'bool' } },
  build: { usage: 'go build [-o output] [build flags] [packages]', flags: { ...buildFlags(), ...COVER, o: 'string' } },
  clean: {
    usage: 'go clean [-i] [-r] [-cache] [-testcache] [-modcache] [-fuzzcache] [build flags] [packages]',
    flags: { ...buildFlags(), i: 'bool', r: 'bool', cache: 'bool', fuzzcache: 'bool', modcache: 'bool', testcache: 'bool' },
  },
  doc: { usage: 'go doc [doc flags] [package|[package.]symbol[.methodOrField]]', flags: {} },
  env: { usage: 'go env [-json] [-changed] [-u] [-w] [var ...]', flags: { ...CHDIR, json: 'bool', u: 'bool', w: 'bool', changed: 'bool' } },
  fix: { usage: 'go fix [-fix list] [packages]', flags: { ...buildFlags(), fix: 'string' } },
  fmt: { usage: 'go fmt [-n] [-x] [packages]', flags: { ...NX, ...CHDIR, ...MOD_FLAG, ...MOD_COMMON } },
  generate: { usage: 'go generate [-run regexp] [-n] [-v] [-x] [build flags] [file.go... | packages]', flags: { ...buildFlags(), run: 'string', skip: 'string' } },
  get: {
    usage: 'go get [-t] [-u] [-v] [build flags] [packages]',
    flags: { ...buildFlags({ mod: false }), d: 'bool', f: 'bool', fix: 'bool', m: 'bool', t: 'bool', u: 'boolAny', insecure: 'bool' },
  },
  install: { usage: 'go install [build flags] [packages]', flags: { ...buildFlags(), ...COVER } },
  list: {
    usage: 'go list [-f format] [-json] [-m] [list flags] [build flags] [packages]',
    flags: {
      ...buildFlags(),
      ...COVER,
      json: 'boolAny',
      compiled: 'bool',
      deps: 'bool',
      e: 'bool',
      export: 'bool',
      f: 'string',
      find: 'bool',
      m: 'bool',
      retracted: 'bool',
      reuse: 'string',
      test: 'bool',
      u: 'bool',
      versions: 'bool',
    },
  },
  'mod download': { usage: 'go mod download [-x] [-json] [-reuse=old.json] [modules]', flags: { ...CHDIR, ...MOD_COMMON, json: 'bool', reuse: 'string', x: 'bool' } },
  'mod edit': {
    usage: 'go mod edit [editing flags] [-fmt|-print|-json] [go.mod]',
    flags: {
      ...CHDIR,
      ...MOD_COMMON,
      fmt: 'bool',
      go: 'string',
      toolchain: 'string',
      json: 'bool',
      print: 'bool',
      module: 'string',
      godebug: 'string',
      dropgodebug: 'string',
      require: 'string',
      droprequire: 'string',
      exclude: 'string',
      dropexclude: 'string',
      replace: 'string',
      dropreplace: 'string',
      retract: 'string',
      dropretract: 'string',
    },
  },
  'mod graph': { usage: 'go mod graph [-go=version] [-x]', flags: { ...CHDIR, ...MOD_COMMON, go: 'string', x: 'bool' } },
  'mod init': { usage: 'go mod init [module-path]', flags: { ...CHDIR, ...MOD_COMMON } },
  'mod tidy': {
    usage: 'go mod tidy [-e] [-v] [-x] [-diff] [-go=version] [-compat=version]',
    flags: { ...CHDIR, ...MOD_COMMON, v: 'bool', x: 'bool', e: 'bool', diff: 'bool', go: 'string', compat: 'string' },
  },
  'mod vendor': { usage: 'go mod vendor [-e] [-v] [-o outdir]', flags: { ...CHDIR, ...MOD_COMMON, v: 'bool', e: 'bool', o: 'string' } },
  'mod verify': { usage: 'go mod verify', flags: { ...CHDIR, ...MOD_COMMON } },
  'mod why': { usage: 'go mod why [-m] [-vendor] packages...', flags: { ...CHDIR, ...MOD_COMMON, m: 'bool', vendor: 'bool' } },
  run: { usage: 'go run [build flags] [-exec xprog] package [arguments...]', flags: { ...buildFlags(), ...COVER, exec: 'strings' } },
  telemetry: { usage: 'go telemetry [off|local|on]', flags: { ...CHDIR } },
  test: { usage: 'go test [build/test flags] [packages] [build/test flags & test binary flags]', flags: testFlags() },
  tool: { usage: 'go tool [-n] command [args...]', flags: { ...CHDIR, n: 'bool' } },
  version: { usage: 'go version [-m] [-v] [file ...]', flags: { ...CHDIR, m: 'bool', v: 'bool' } },
  vet: { usage: 'go vet [build flags] [-vettool prog] [vet flags] [packages]', flags: { ...buildFlags(), vettool: 'string' } },
  'work edit': {
    usage: 'go work edit [editing flags] [go.work]',
    flags: {
      ...CHDIR,
      fmt: 'bool',
      go: 'string',
      toolchain: 'string',
      json: 'bool',
      print: 'bool',
      godebug: 'string',
      dropgodebug: 'string',
      use: 'string',
      dropuse: 'string',
      replace: 'string',
      dropreplace: 'string',
    },
  },
  'work init': { usage: 'go work init [moddirs]', flags: { ...CHDIR, ...MOD_COMMON } },
  'work sync': { usage: 'go work sync', flags: { ...CHDIR, ...MOD_COMMON } },
  'work use': { usage: 'go work use [-r] [moddirs]', flags: { ...CHDIR, ...MOD_COMMON, r: 'bool' } },
  'work vendor': { usage: 'go work vendor [-e] [-v] [-o outdir]', flags: { ...CHDIR, ...MOD_COMMON, v: 'bool', e: 'bool', o: 'string' } },
};

/** base.hasFlag(Go, name): known to some subcommand. */
export function isKnownGoFlag(name: string): boolean {
  return Object.values(GO_COMMANDS).some((command) => Object.hasOwn(command.flags, name));
}

// ---------------------------------------------------------------------------------------------
// Parsing (InitGOFLAGS)

function looksLikeFlag(field: string): boolean {
  return field.startsWith('-') && field !== '-' && field !== '--' && !field.startsWith('---') && !field.startsWith('-=') && !field.startsWith('--=');
}

function flagName(field: string): string {
  let name = field.slice(1);
  if (name.startsWith('-')) name = name.slice(1);
  const eq = name.indexOf('=');
  return eq >= 0 ? name.slice(0, eq) : name;
}

/**
 * InitGOFLAGS for commands that report errors (all but "go env" and "go bug"): split, every field
 * must look like a flag, and every name must be known to some subcommand.
 */
export function parseGoflags(value: string): GoflagsParse {
  const split = splitQuoted(value);
  if (!split.ok) return { ok: false, error: `go: parsing $GOFLAGS: ${split.error}` };
  const flags: GoFlag[] = [];
  for (const field of split.fields) {
    if (!looksLikeFlag(field)) return { ok: false, error: `go: parsing $GOFLAGS: non-flag ${goQuote(field)}` };
    const name = flagName(field);
    if (!isKnownGoFlag(name)) return { ok: false, error: `go: parsing $GOFLAGS: unknown flag -${name}` };
    const eq = field.indexOf('=');
    flags.push({ name, value: eq >= 0 ? field.slice(eq + 1) : null, raw: field });
  }
  return { ok: true, flags };
}

// ---------------------------------------------------------------------------------------------
// Applying to one command (SetFromGOFLAGS) and the command's own checks

/** strconv.ParseBool. */
function parseGoBool(s: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return null;
}

/**
 * strconv.ParseInt(s, 0, 64) (flag's intValue): optional sign, 0x/0b/0o/0 prefixes, '_' between
 * digits only when a base prefix is present. Returns flag's error text or null.
 */
function intError(s: string): string | null {
  const m = /^([+-]?)(0[xX]|0[bB]|0[oO]|0(?=[0-7_])|)([0-9a-fA-F_]+)$/.exec(s);
  if (m === null) return 'parse error';
  const [, sign, prefix, body] = m as unknown as [string, string, string, string];
  const base = /^0[xX]$/.test(prefix) ? 16 : /^0[bB]$/.test(prefix) ? 2 : prefix === '' ? 10 : 8;
  const digitOk = (c: string): boolean => c !== '_' && parseInt(c, 16) < base;
  if (body.includes('_')) {
    // underscoreOK: only with a prefix, never doubled or trailing, and a digit must follow each '_'.
    if (prefix === '' || /__|_$/.test(body)) return 'parse error';
  }
  const digits = body.replace(/_/g, '');
  if (digits === '' || ![...digits].every(digitOk)) return 'parse error';
  // More than 64 significant digits exceed int64 in any base (and would make the BigInt loop
  // below quadratic on a hostile value).
  let significant = 0;
  while (significant < digits.length && digits[significant] === '0') significant++;
  if (digits.length - significant > 64) return 'value out of range';
  let n = BigInt(0);
  for (const c of digits) n = n * BigInt(base) + BigInt(parseInt(c, 16));
  if (sign === '-') n = -n;
  return n > 9223372036854775807n || n < -9223372036854775808n ? 'value out of range' : null;
}

/** time.ParseDuration validity. */
function durationOk(s: string): boolean {
  if (s === '0' || s === '+0' || s === '-0') return true;
  return /^[+-]?(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+$/.test(s);
}

/** The error flag.Value.Set returns for this kind and value, or null. */
function setError(kind: FlagKind, value: string): string | null {
  switch (kind) {
    case 'bool':
      return parseGoBool(value) === null ? 'parse error' : null;
    case 'boolAny':
    case 'string':
      return null;
    case 'buildvcs':
      return value === '' || value === 'auto' || parseGoBool(value) !== null ? null : "value is neither 'auto' nor a valid bool";
    case 'int':
      return intError(value);
    case 'duration':
      return durationOk(value) ? null : 'parse error';
    case 'strings': {
      const split = splitQuoted(value);
      return split.ok ? null : split.error;
    }
    case 'tags': {
      if (!value.includes(' ') && !value.includes("'")) return null;
      const split = splitQuoted(value);
      return split.ok ? null : split.error;
    }
    case 'perPackage': {
      let v = value.trim();
      if (v === '') return null;
      if (!v.startsWith('-')) {
        const eq = v.indexOf('=');
        if (eq < 0) return 'missing =<value> in <pattern>=<value>';
        if (eq === 0) return 'missing <pattern> in <pattern>=<value>';
        if (v[0] === "'" || v[0] === '"') return `parameter may not start with quote character ${v[0]}`;
        v = v.slice(eq + 1);
      }
      const split = splitQuoted(v);
      return split.ok ? null : split.error;
    }
    case 'compiler':
      return value === 'gc' || value === 'gccgo' ? null : `unknown compiler ${JSON.stringify(value)}`;
    case 'covermode':
      return ['', 'set', 'count', 'atomic'].includes(value) ? null : 'valid modes are "set", "count", or "atomic"';
    case 'chdir':
      return '-C flag must be first flag on command line';
    case 'shuffle':
      if (value === 'on' || value === 'off') return null;
      return intError(value) === null ? null : `-shuffle argument must be "on", "off", or an int64: strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`;
    case 'vet':
      if (value.includes('=')) return '-vet argument cannot contain equal signs';
      if (value.includes(' ')) return '-vet argument is comma-separated list, cannot contain spaces';
      return null;
  }
}

function isBoolKind(kind: FlagKind): boolean {
  return kind === 'bool' || kind === 'boolAny' || kind === 'buildvcs';
}

/** Find the subcommand named by a command line such as "go mod download example.com/m@v1.0.0". */
export function lookupGoCommand(command: string): { name: string; info: CommandInfo; args: string[] } | null {
  const words = command.trim().split(/\s+/);
  if (words[0] === 'go') words.shift();
  for (const take of [2, 1]) {
    const name = words.slice(0, take).join(' ');
    const info = GO_COMMANDS[name];
    if (info !== undefined && words.length >= take) return { name, info, args: words.slice(take) };
  }
  return null;
}

export interface GoflagsCheck {
  /** The go command's exit status caused by GOFLAGS (0 = accepted). */
  exitCode: number;
  /** The first line of its error (usage text that follows is in `usage`), null when accepted. */
  error: string | null;
  /** "usage: ..." + "Run 'go help ...' for details." when the command prints usage (exit 2). */
  usage: string | null;
}

/**
 * What the go command (1.23) does with this GOFLAGS value when running `command`: the error it
 * stops with because of GOFLAGS, or exit 0. Covers InitGOFLAGS (hidden for go env / go bug),
 * SetFromGOFLAGS for that subcommand (unknown-to-this-command flags are ignored), and the
 * GOFLAGS-driven failures of the command itself that are known to matter (go get -insecure/-m/-d=false/-u=x,
 * go env -w with non-KEY=VALUE arguments).
 */
export function goflagsCheck(value: string, command: string): GoflagsCheck {
  const ok: GoflagsCheck = { exitCode: 0, error: null, usage: null };
  const found = lookupGoCommand(command);
  const hideErrors = found !== null && (found.name === 'env' || found.name === 'bug');
  const split = splitQuoted(value);
  if (!split.ok) {
    return hideErrors ? ok : { exitCode: 1, error: `go: parsing $GOFLAGS: ${split.error}`, usage: null };
  }
  const fields: string[] = [];
  for (const field of split.fields) {
    if (!looksLikeFlag(field)) {
      if (hideErrors) continue;
      return { exitCode: 1, error: `go: parsing $GOFLAGS: non-flag ${goQuote(field)}`, usage: null };
    }
    if (!isKnownGoFlag(flagName(field))) {
      if (hideErrors) continue;
      return { exitCode: 1, error: `go: parsing $GOFLAGS: unknown flag -${flagName(field)}`, usage: null };
    }
    fields.push(field);
  }
  if (found === null) return ok;
  const { info } = found;
  const usage = `usage: ${info.usage}\nRun 'go help ${found.name}' for details.`;
  const set: Record<string, string> = {};
  for (const field of fields) {
    const eq = field.indexOf('=');
    if (eq === 0) continue;
    let name = eq > 0 ? field.slice(0, eq) : field;
    const fieldValue = eq > 0 ? field.slice(eq + 1) : null;
    if (name.startsWith('--')) name = name.slice(1);
    const kind = info.flags[name.slice(1)];
    if (kind === undefined) continue;
    if (isBoolKind(kind)) {
      const v = fieldValue ?? 'true';
      const err = setError(kind, v);
      if (err !== null) {
        const what = fieldValue === null ? `go: invalid boolean flag ${name}` : `go: invalid boolean value ${goQuote(v)} for flag ${name}`;
        return { exitCode: 2, error: `${what} (from $GOFLAGS): ${err}`, usage };
      }
      set[name.slice(1)] = v;
    } else {
      if (fieldValue === null) return { exitCode: 2, error: `go: flag needs an argument: ${name} (from $GOFLAGS)`, usage };
      const err = setError(kind, fieldValue);
      if (err !== null) return { exitCode: 2, error: `go: invalid value ${goQuote(fieldValue)} for flag ${name} (from $GOFLAGS): ${err}`, usage };
      set[name.slice(1)] = fieldValue;
    }
  }
  // The command's own reactions to flags that GOFLAGS can set.
  if (found.name === 'get') {
    const u = set['u'];
    if (u !== undefined && !['false', 'true', 'patch'].includes(u)) return { exitCode: 1, error: `go: unknown upgrade flag -u=${u}`, usage: null };
    if (set['d'] !== undefined && parseGoBool(set['d']) === false) return { exitCode: 1, error: 'go: -d flag may not be set to false', usage: null };
    if (set['m'] !== undefined && parseGoBool(set['m']) === true) return { exitCode: 1, error: 'go: -m flag is no longer supported', usage: null };
    if (set['insecure'] !== undefined && parseGoBool(set['insecure']) === true) {
      return { exitCode: 1, error: 'go: -insecure flag is no longer supported; use GOINSECURE instead', usage: null };
    }
  }
  if (found.name === 'env' && set['w'] !== undefined && parseGoBool(set['w']) === true) {
    // "go env VAR" turns into "go env -w VAR", which wants KEY=VALUE arguments.
    const bad = found.args.find((arg) => !arg.includes('='));
    if (found.args.length === 0) return { exitCode: 2, error: `usage: ${info.usage}`, usage: null };
    if (bad !== undefined) return { exitCode: 1, error: `go: arguments must be KEY=VALUE: invalid argument: ${bad}`, usage: null };
  }
  return ok;
}

/** The first line(s) of the go command's error for this GOFLAGS value and command, or null. */
export function goflagsErrorFor(value: string, command: string): string | null {
  return goflagsCheck(value, command).error;
}

