// Module path and version escaping for GOPROXY request URLs, ported from
// golang.org/x/mod/module (module.go: CheckPath, checkElem, SplitPathVersion,
// EscapePath, EscapeVersion). Pure: no I/O.
//
// Why escaping exists: module paths are case-sensitive but many proxies store
// files on case-insensitive file systems, so the protocol spells every
// uppercase ASCII letter as `!` + its lowercase form
// (`github.com/Azure/x` -> `github.com/!azure/x`). A probe that forgot this
// would ask a different URL than the go command does.

/** Element names Windows refuses (x/mod badWindowsNames); CheckPath rejects them on every OS. */
const badWindowsNames = new Set([
  'CON', 'PRN', 'AUX', 'NUL',
  'COM1', 'COM2', 'COM3', 'COM4', 'COM5', 'COM6', 'COM7', 'COM8', 'COM9',
  'LPT1', 'LPT2', 'LPT3', 'LPT4', 'LPT5', 'LPT6', 'LPT7', 'LPT8', 'LPT9',
]);

/** x/mod modPathOK: the only bytes allowed anywhere in a module path. */
function isModulePathChar(char: string): boolean {
  return /^[-._~0-9A-Za-z]$/.test(char);
}

/** x/mod firstPathOK: the first element (the host-like part) must be lowercase. */
function isFirstElementChar(char: string): boolean {
  return /^[-.0-9a-z]$/.test(char);
}

function checkElement(element: string): string | null {
  if (element === '') return 'empty path element';
  if (/^\.+$/.test(element)) return `invalid path element "${element}"`;
  if (element.startsWith('.')) return 'leading dot in path element';
  if (element.endsWith('.')) return 'trailing dot in path element';
  for (const char of element) {
    if (!isModulePathChar(char)) return `invalid char ${JSON.stringify(char)}`;
  }
  const beforeFirstDot = element.split('.')[0] ?? element;
  if (badWindowsNames.has(beforeFirstDot.toUpperCase())) {
    return `"${beforeFirstDot}" disallowed as path element component on Windows`;
  }
  return null;
}

/**
 * x/mod SplitPathVersion's validity half: a trailing `/vN` major-version
 * suffix must have N >= 2 and no leading zero (`/v0`, `/v1`, `/v02` and
 * `/v1.2` are invalid). gopkg.in paths have their own rules; we accept them.
 */
function hasValidMajorSuffix(path: string): boolean {
  if (path.startsWith('gopkg.in/')) return true;
  let i = path.length;
  let sawDot = false;
  while (i > 0 && /[0-9.]/.test(path[i - 1] ?? '')) {
    if (path[i - 1] === '.') sawDot = true;
    i--;
  }
  if (i <= 1 || i === path.length || path[i - 1] !== 'v' || path[i - 2] !== '/') return true;
  const major = path.slice(i - 2); // "/vN..."
  return !(sawDot || major.length <= 2 || major[2] === '0' || major === '/v1');
}

/**
 * A light port of x/mod `module.CheckPath`. Returns the reason the path is not
 * a valid module path, or null when it is valid.
 */
export function checkModulePath(path: string): string | null {
  if (path === '') return 'empty string';
  if (path.startsWith('-')) return 'leading dash';
  if (path.includes('//')) return 'double slash';
  if (path.endsWith('/')) return 'trailing slash';
  if (path.startsWith('/')) return 'leading slash';
  for (const element of path.split('/')) {
    const problem = checkElement(element);
    if (problem !== null) return problem;
  }
  const firstElement = path.split('/')[0] ?? '';
  if (!firstElement.includes('.')) return 'missing dot in first path element';
  for (const char of firstElement) {
    if (!isFirstElementChar(char)) return `invalid char ${JSON.stringify(char)} in first path element`;
  }
  if (!hasValidMajorSuffix(path)) return 'invalid version';
  return null;
}

/** Why a version string cannot be escaped, or null (x/mod EscapeVersion's checkElem with filePath rules, simplified). */
export function checkModuleVersion(version: string): string | null {
  if (version === '') return 'empty version';
  if (version.includes('!')) return 'version contains "!"';
  if (version.includes('/') || version.includes('\\')) return 'version contains a slash';
  if (/^\.+$/.test(version)) return `invalid version "${version}"`;
  if (/[\u0000-\u001f\u007f\s"'*<>?`|:]/.test(version)) return 'invalid char in version';
  return null;
}

export class InvalidModuleError extends Error {
  constructor(kind: 'path' | 'version', value: string, reason: string) {
    super(`malformed module ${kind} ${JSON.stringify(value)}: ${reason}`);
    this.name = 'InvalidModuleError';
  }
}

/** Uppercase ASCII -> `!` + lowercase; rejects `!` and non-ASCII like x/mod escapeString. */
function escapeString(value: string): string {
  let escaped = '';
  for (const char of value) {
    if (char === '!' || char.charCodeAt(0) >= 0x80) {
      throw new Error(`internal error: cannot escape ${JSON.stringify(value)}`);
    }
    escaped += char >= 'A' && char <= 'Z' ? `!${char.toLowerCase()}` : char;
  }
  return escaped;
}

/** x/mod EscapePath: CheckPath, then case-escape. Throws InvalidModuleError. */
export function escapeModulePath(path: string): string {
  const problem = checkModulePath(path);
  if (problem !== null) throw new InvalidModuleError('path', path, problem);
  return escapeString(path);
}

/** x/mod EscapeVersion. Throws InvalidModuleError. */
export function escapeModuleVersion(version: string): string {
  const problem = checkModuleVersion(version);
  if (problem !== null) throw new InvalidModuleError('version', version, problem);
  return escapeString(version);
}

/**
 * x/mod unescapeString: `!x` -> `X`; returns null for text that no valid
 * escaping produces (uppercase letters, `!` not followed by a lowercase
 * letter). Used by test servers and anything that reads proxy paths.
 */
export function unescapeModuleString(escaped: string): string | null {
  let result = '';
  let bang = false;
  for (const char of escaped) {
    if (char.charCodeAt(0) >= 0x80) return null;
    if (bang) {
      if (char < 'a' || char > 'z') return null;
      result += char.toUpperCase();
      bang = false;
    } else if (char === '!') {
      bang = true;
    } else if (char >= 'A' && char <= 'Z') {
      return null;
    } else {
      result += char;
    }
  }
  return bang ? null : result;
}

/**
 * The request path the go command builds for one proxy file
 * (modfetch/proxy.go): `TrimSuffix(base.Path, "/") + "/" + escapedModule +
 * "/" + file`, then cleaned like Go's path.Join (duplicate slashes and `.`
 * removed, `..` resolved), so trailing slashes in GOPROXY are harmless.
 */
export function joinProxyPath(basePath: string, ...parts: string[]): string {
  const joined = [basePath.replace(/\/+$/, ''), ...parts].join('/');
  return cleanPath(joined.startsWith('/') ? joined : `/${joined}`);
}

/** Go's path.Clean for rooted paths. */
export function cleanPath(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      out.pop();
      continue;
    }
    out.push(segment);
  }
  return `/${out.join('/')}`;
}

/** Path of `<module>/@v/list` under a proxy base path. */
export function listPath(basePath: string, modulePath: string): string {
  return joinProxyPath(basePath, escapeModulePath(modulePath), '@v', 'list');
}

/** Path of `<module>/@v/<version>.info` under a proxy base path. */
export function infoPath(basePath: string, modulePath: string, version: string): string {
  return joinProxyPath(basePath, escapeModulePath(modulePath), '@v', `${escapeModuleVersion(version)}.info`);
}
