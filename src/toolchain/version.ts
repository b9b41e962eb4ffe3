// Go versions and GOTOOLCHAIN, as the go command reads them (go-semantics.md §9):
//   * version syntax and ordering: src/internal/gover/gover.go (Parse, Compare, IsLang);
//   * toolchain names: src/cmd/go/internal/gover/toolchain.go (FromToolchain);
//   * GOTOOLCHAIN values and the go/toolchain lines: src/cmd/go/internal/toolchain/select.go
//     (Select), exec.go (the golang.org/toolchain module version).
// Pure functions only.

export interface GoVersion {
  major: string;
  /** '' when absent ("1"). */
  minor: string;
  /** '' for a language version or a pre-release ("1.21", "1.21rc1"). */
  patch: string;
  /** '' | 'alpha' | 'beta' | 'rc' (any lower-case word is accepted, like gover.Parse). */
  kind: string;
  pre: string;
}

/** A decimal without unnecessary leading zeros at the start of `x` (gover cutInt). */
function cutInt(x: string): { n: string; rest: string } | null {
  let i = 0;
  while (i < x.length && x[i]! >= '0' && x[i]! <= '9') i++;
  if (i === 0 || (x[0] === '0' && i !== 1)) return null;
  return { n: x.slice(0, i), rest: x.slice(i) };
}

/**
 * gover.Parse: "1", "1.21", "1.21.3", "1.21rc1", "1.21.0" (no "go" prefix). Null when invalid.
 * "1" and "1.N" with N < 21 get patch "0" (before Go 1.21 "1.20" named the release 1.20.0).
 */
export function parseGoVersion(x: string): GoVersion | null {
  const v: GoVersion = { major: '', minor: '', patch: '', kind: '', pre: '' };
  const major = cutInt(x);
  if (major === null) return null;
  v.major = major.n;
  let rest = major.rest;
  if (rest === '') {
    v.minor = '0';
    v.patch = '0';
    return v;
  }
  if (rest[0] !== '.') return null;
  const minor = cutInt(rest.slice(1));
  if (minor === null) return null;
  v.minor = minor.n;
  rest = minor.rest;
  if (rest === '') {
    if (compareInt(v.minor, '21') < 0) v.patch = '0';
    return v;
  }
  if (rest[0] === '.') {
    const patch = cutInt(rest.slice(1));
    if (patch === null || patch.rest !== '') return null;
    v.patch = patch.n;
    return v;
  }
  let i = 0;
  while (i < rest.length && (rest[i]! < '0' || rest[i]! > '9')) {
    if (rest[i]! < 'a' || rest[i]! > 'z') return null;
    i++;
  }
  if (i === 0) return null;
  v.kind = rest.slice(0, i);
  rest = rest.slice(i);
  if (rest === '') return v;
  const pre = cutInt(rest);
  if (pre === null || pre.rest !== '') return null;
  v.pre = pre.n;
  return v;
}

/** gover.CmpInt: decimal strings without leading zeros; '' sorts first. */
function compareInt(x: string, y: string): number {
  if (x === y) return 0;
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : 1;
}

/**
 * gover.Compare. Invalid versions compare as the zero version (less than everything valid),
 * exactly as the go command treats them. Order: 1.21 < 1.21rc1 < 1.21.0 < 1.21.1.
 */
export function compareGoVersions(x: string, y: string): number {
  const zero: GoVersion = { major: '', minor: '', patch: '', kind: '', pre: '' };
  const a = parseGoVersion(x) ?? zero;
  const b = parseGoVersion(y) ?? zero;
  return (
    compareInt(a.major, b.major) ||
    compareInt(a.minor, b.minor) ||
    compareInt(a.patch, b.patch) ||
    // cmp.Compare on the kind strings: "" < "alpha" < "beta" < "rc".
    (a.kind === b.kind ? 0 : a.kind < b.kind ? -1 : 1) ||
    compareInt(a.pre, b.pre)
  );
}

export function isValidGoVersion(x: string): boolean {
  return parseGoVersion(x) !== null;
}

/** gover.IsLang: a language version such as "1.21" (no patch, no pre-release). */
export function isLangVersion(x: string): boolean {
  const v = parseGoVersion(x);
  return v !== null && v.patch === '' && v.kind === '' && v.pre === '';
}

/**
 * gover.FromToolchain: "go1.21.3" -> "1.21.3"; "go1.21.3-custom" / "go1.21.3 X" -> "1.21.3";
 * '' when the name is not a Go toolchain name (no "go" prefix, a slash, invalid version).
 */
export function versionFromToolchain(name: string): string {
  if (/[\\/]/.test(name) || !name.startsWith('go')) return '';
  let v = name.slice(2);
  const cut = v.search(/[ \t-]/);
  if (cut >= 0) v = v.slice(0, cut);
  return isValidGoVersion(v) ? v : '';
}

/**
 * The toolchain a `go` line asks for (select.go): "go" + version, plus ".0" for a language
 * version from 1.21 on ("go 1.99" needs go1.99.0; "go 1.20" is go1.20).
 */
export function toolchainForGoLine(goVersion: string): string {
  let name = 'go' + goVersion;
  if (isLangVersion(goVersion) && compareGoVersions(goVersion, '1.21') >= 0) name += '.0';
  return name;
}

/** exec.go: golang.org/toolchain@v0.0.1-<toolchain>.<GOOS>-<GOARCH>. */
export const TOOLCHAIN_MODULE = 'golang.org/toolchain';
export function toolchainModuleVersion(toolchain: string, goos: string, goarch: string): string {
  return `v0.0.1-${toolchain}.${goos}-${goarch}`;
}

// ---------------------------------------------------------------------------------------------
// GOTOOLCHAIN

export type GotoolchainMode = 'local' | 'auto' | 'path';

export interface Gotoolchain {
  /** The value as read ('' is replaced by the go.env default "auto"). */
  value: string;
  /** The minimum toolchain: 'local' or a name such as "go1.22.1". */
  min: string;
  /**
   * '' = exactly `min` (no go.mod switching), 'auto' = switch and download, 'path' = switch but
   * only to a go1.X.Y binary found in PATH. "local" alone means min=local, mode=''.
   */
  mode: '' | 'auto' | 'path';
}

export type GotoolchainParse = { ok: true; value: Gotoolchain } | { ok: false; error: string };

/**
 * Parse GOTOOLCHAIN like toolchain.Select. Errors are the go command's text after "go: ", e.g.
 * `invalid GOTOOLCHAIN "bash"`. An unset/empty value means the go.env default "auto" (every Go
 * release since 1.21 ships GOTOOLCHAIN=auto in $GOROOT/go.env).
 */
export function parseGotoolchain(raw: string | undefined): GotoolchainParse {
  const value = raw === undefined || raw === '' ? 'auto' : raw;
  if (value === 'auto') return { ok: true, value: { value, min: 'local', mode: 'auto' } };
  if (value === 'path') return { ok: true, value: { value, min: 'local', mode: 'path' } };
  const plusAt = value.indexOf('+');
  const min = plusAt < 0 ? value : value.slice(0, plusAt);
  const suffix = plusAt < 0 ? '' : value.slice(plusAt + 1);
  if (min !== 'local' && versionFromToolchain(min) === '') {
    if (plusAt >= 0) return { ok: false, error: `invalid GOTOOLCHAIN ${goQuote(value)}: invalid minimum toolchain ${goQuote(min)}` };
    return { ok: false, error: `invalid GOTOOLCHAIN ${goQuote(value)}` };
  }
  if (plusAt >= 0 && suffix !== 'auto' && suffix !== 'path') {
    return { ok: false, error: `invalid GOTOOLCHAIN ${goQuote(value)}: only version suffixes are +auto and +path` };
  }
  return { ok: true, value: { value, min, mode: suffix as '' | 'auto' | 'path' } };
}

/** strconv.Quote for the printable ASCII values GOTOOLCHAIN holds in practice. */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\u007f/g, '\\x7f');
}

export interface ModLines {
  go: string | null;
  toolchain: string | null;
}

export type Selection =
  /** Runs the local toolchain. */
  | { kind: 'local' }
  | {
      kind: 'switch';
      /** e.g. "go1.99.0". */
      toolchain: string;
      /** What raised the minimum: the go line, the toolchain line, or GOTOOLCHAIN itself. */
      reason: 'go-line' | 'toolchain-line' | 'gotoolchain';
      /** GOTOOLCHAIN=path / +path: only PATH is searched, nothing is downloaded. */
      pathOnly: boolean;
    }
  /** The go command stops: message is its text after "go: " (file is the caller's short path). */
  | { kind: 'error'; message: string; reason: 'toolchain-line' | 'gotoolchain' };

/**
 * toolchain.Select for one go.mod/go.work: which toolchain the go command runs. `localVersion` is
 * the running go ("1.23.5"); `file` the short path used in messages.
 */
export function selectToolchain(gotoolchain: Gotoolchain, localVersion: string, lines: ModLines, file: string): Selection {
  const localToolchain = 'go' + localVersion;
  let chosen = gotoolchain.min === 'local' ? localToolchain : gotoolchain.min;
  let minVersion = gotoolchain.min === 'local' ? localVersion : versionFromToolchain(gotoolchain.min);
  let reason: 'go-line' | 'toolchain-line' | 'gotoolchain' = 'gotoolchain';
  if (gotoolchain.mode === 'auto' || gotoolchain.mode === 'path') {
    const toolchain = lines.toolchain ?? '';
    // `toolchain default` turns the go.mod switch off entirely (the go line is not read either).
    if (toolchain !== 'default') {
      if (toolchain !== '') {
        const toolVersion = versionFromToolchain(toolchain);
        if (toolVersion === '' || (!toolchain.startsWith('go') && !toolchain.includes('-go'))) {
          return { kind: 'error', message: `invalid toolchain ${goQuote(toolchain)} in ${file}`, reason: 'toolchain-line' };
        }
        if (compareGoVersions(toolVersion, minVersion) > 0) {
          chosen = toolchain;
          minVersion = toolVersion;
          reason = 'toolchain-line';
        }
      }
      const goVersion = lines.go ?? '';
      if (compareGoVersions(goVersion, minVersion) > 0) {
        chosen = toolchainForGoLine(goVersion);
        reason = 'go-line';
      }
    }
  }
  if (chosen === 'local' || chosen === localToolchain) return { kind: 'local' };
  if (!chosen.startsWith('go1') && !chosen.includes('-go1')) return { kind: 'error', message: `invalid GOTOOLCHAIN ${goQuote(chosen)}`, reason: 'gotoolchain' };
  return { kind: 'switch', toolchain: chosen, reason, pathOnly: gotoolchain.mode === 'path' || gotoolchain.value === 'path' };
}

/**
 * What modload reports with GOTOOLCHAIN=local (or a pinned toolchain) when the go line is newer
 * than the running go: gover.TooNewError, e.g.
 * "go.mod requires go >= 1.99.0 (running go 1.23.5; GOTOOLCHAIN=local)". The toolchain line is
 * NOT checked there: with GOTOOLCHAIN=local a newer `toolchain` line is silently ignored [obs].
 */
export function tooNewMessage(file: string, goVersion: string, localVersion: string, gotoolchainValue: string, autoToolchain: string | null = null): string {
  let explain = gotoolchainValue !== '' && gotoolchainValue !== 'auto' ? `; GOTOOLCHAIN=${gotoolchainValue}` : '';
  // In +auto/+path mode the consulted file is named too ("go.mod sets toolchain default").
  if (autoToolchain !== null) explain += `; ${file} sets toolchain ${autoToolchain}`;
  return `${file} requires go >= ${goVersion} (running go ${localVersion}${explain})`;
}

/**
 * The semver the runner's tool cache uses for a Go release (actions/setup-go's layout,
 * e.g. /opt/hostedtoolcache/go/1.22.5/x64): "1.22.5" -> "1.22.5", "1.21rc2" -> "1.21.0-rc.2",
 * "1.20" -> "1.20.0". Null for versions the cache cannot hold (language versions >= 1.21).
 */
export function toolCacheVersion(goVersion: string): string | null {
  const v = parseGoVersion(goVersion);
  if (v === null) return null;
  if (v.kind !== '') return `${v.major}.${v.minor}.0-${v.kind}.${v.pre === '' ? '0' : v.pre}`;
  if (v.patch === '') return null;
  return `${v.major}.${v.minor}.${v.patch}`;
}

/** Node's os.arch() names, which the tool cache uses, for a GOARCH. */
export function toolCacheArch(goarch: string): string {
  const map: Record<string, string> = { amd64: 'x64', '386': 'x32', arm64: 'arm64', arm: 'arm', ppc64le: 'ppc64', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64' };
  return map[goarch] ?? goarch;
}

/** "go version go1.23.5 linux/amd64" -> "1.23.5" (first go<version> word). */
export function parseGoVersionOutput(output: string): string | null {
  const m = /\bgo version (go\S+)/.exec(output);
  if (m === null) return null;
  const v = versionFromToolchain(m[1]!);
  return v === '' ? null : v;
}
