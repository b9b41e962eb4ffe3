// The go command's user config file ($GOENV, default <UserConfigDir>/go/env) and $GOROOT/go.env:
// reading (src/cmd/go/internal/cfg/cfg.go readEnvFile) and `go env -w` / `go env -u` updates
// (src/cmd/go/internal/envcmd/env.go checkEnvWrite, updateEnvFile). go-semantics.md §1.3, §1.5.

/**
 * readEnvFile: lines split on "\n" only; a line counts only if it contains '=' and starts with
 * A-Z; the key is everything before the first '=' (not trimmed), the value everything after it
 * (not trimmed, a trailing "\r" kept). The last definition wins. A key present with an empty value
 * is kept: in the user file it hides the $GOROOT/go.env value (cfg.go initEnvCache).
 */
export function parseGoEnvFile(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    const first = line.charCodeAt(0);
    if (eq < 0 || !(first >= 0x41 && first <= 0x5a)) continue;
    values.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return values;
}

/**
 * Variables `go env -w` accepts in go1.23 (cfg.KnownEnv). Keys already present in the user file or
 * go.env are accepted too (cfg.CanGetenv).
 */
export const KNOWN_GO_ENV: readonly string[] = [
  'AR', 'CC', 'CGO_CFLAGS', 'CGO_CFLAGS_ALLOW', 'CGO_CFLAGS_DISALLOW', 'CGO_CPPFLAGS', 'CGO_CPPFLAGS_ALLOW', 'CGO_CPPFLAGS_DISALLOW',
  'CGO_CXXFLAGS', 'CGO_CXXFLAGS_ALLOW', 'CGO_CXXFLAGS_DISALLOW', 'CGO_ENABLED', 'CGO_FFLAGS', 'CGO_FFLAGS_ALLOW', 'CGO_FFLAGS_DISALLOW',
  'CGO_LDFLAGS', 'CGO_LDFLAGS_ALLOW', 'CGO_LDFLAGS_DISALLOW', 'CXX', 'FC', 'GCCGO', 'GO111MODULE', 'GO386', 'GOAMD64', 'GOARCH', 'GOARM',
  'GOARM64', 'GOBIN', 'GOCACHE', 'GOCACHEPROG', 'GOENV', 'GOEXE', 'GOEXPERIMENT', 'GOFLAGS', 'GOGCCFLAGS', 'GOHOSTARCH', 'GOHOSTOS',
  'GOINSECURE', 'GOMIPS', 'GOMIPS64', 'GOMODCACHE', 'GONOPROXY', 'GONOSUMDB', 'GOOS', 'GOPATH', 'GOPPC64', 'GOPRIVATE', 'GOPROXY', 'GORISCV64',
  'GOROOT', 'GOSUMDB', 'GOTMPDIR', 'GOTOOLCHAIN', 'GOTOOLDIR', 'GOVCS', 'GOWASM', 'GOWORK', 'GO_EXTLINK_ENABLED', 'PKG_CONFIG',
];

/** Whether a string is valid UTF-8 when encoded (no lone surrogates). */
function isWellFormed(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/**
 * checkEnvWrite for the module variables: the error `go env -w KEY=VALUE` stops with (after
 * "go: "), or null. `existingKeys` are the keys of the user file and go.env (always accepted).
 */
export function goEnvWriteError(key: string, value: string, existingKeys: ReadonlySet<string> = new Set()): string | null {
  if (['GOEXE', 'GOGCCFLAGS', 'GOHOSTARCH', 'GOHOSTOS', 'GOMOD', 'GOWORK', 'GOTOOLDIR', 'GOVERSION'].includes(key)) return `${key} cannot be modified`;
  if (key === 'GOENV' || key === 'GODEBUG') return `${key} can only be set using the OS environment`;
  if (!existingKeys.has(key) && !KNOWN_GO_ENV.includes(key)) return `unknown go command variable ${key}`;
  if (key === 'GO111MODULE' && !['', 'auto', 'on', 'off'].includes(value)) return `invalid ${key} value ${JSON.stringify(value)}`;
  if (!isWellFormed(value)) return `invalid UTF-8 in ${key}=... value`;
  if (value.includes('\0')) return `invalid NUL in ${key}=... value`;
  if (/[\v\r\n]/.test(value)) return `invalid newline in ${key}=... value`;
  return null;
}

/** envcmd lineToKey: text before the first '=', unless it contains '#'. */
function lineToKey(line: string): string {
  const eq = line.indexOf('=');
  if (eq < 0 || line.slice(0, eq).includes('#')) return '';
  return line.slice(0, eq);
}

/**
 * updateEnvFile: the new content of the user file after `go env -w` (add) and `go env -u` (remove).
 * Duplicates collapse to the last copy, existing keys are updated in place, new keys appended, and
 * each run of KEY=VALUE lines is sorted by key.
 */
export function updateGoEnvFile(text: string, add: ReadonlyMap<string, string>, remove: ReadonlySet<string> = new Set()): string {
  // readEnvFileLines: strings.SplitAfter on "\n"; a last line without "\n" gets one.
  const lines = text.split('\n').map((line) => line + '\n');
  if (text.endsWith('\n') || text === '') lines.pop();
  const prev = new Map<string, number>();
  lines.forEach((line, index) => {
    const key = lineToKey(line);
    if (key === '') return;
    const p = prev.get(key);
    if (p !== undefined) lines[p] = '';
    prev.set(key, index);
  });
  const pending = new Map(add);
  for (const [key, value] of pending) {
    const p = prev.get(key);
    if (p !== undefined) {
      lines[p] = `${key}=${value}\n`;
      pending.delete(key);
    }
  }
  for (const [key, value] of pending) lines.push(`${key}=${value}\n`);
  for (const key of remove) {
    const p = prev.get(key);
    if (p !== undefined) lines[p] = '';
  }
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i === lines.length || lineToKey(lines[i]!) === '') {
      const run = lines.slice(start, i).sort((a, b) => (lineToKey(a) < lineToKey(b) ? -1 : lineToKey(a) > lineToKey(b) ? 1 : 0));
      // Written back in place (a splice per run would move the tail each time).
      run.forEach((line, k) => (lines[start + k] = line));
      start = i + 1;
    }
  }
  return lines.join('');
}
