// Checks of GOSUMDB, GOFLAGS and of values that are empty on purpose.

import type { Problem } from '../problems.js';
import { parseGosumdb, type GosumdbParse } from '../go/gosumdb.js';
import { goflagsErrorFor, parseGoflags } from '../go/goflags.js';
import { displayText, displayValue } from '../report/bounds.js';
import { goFields, isWindowsAbsolutePath } from '../go/proxyList.js';


export function lintGosumdb(value: string): { parse: GosumdbParse; problems: Problem[] } {
  const parse = parseGosumdb(value);
  const shown = displayValue(value);
  if (!parse.ok) {
    const fix = value.trim() === 'off'
      ? 'The go command compares "off" exactly, spaces included: write GOSUMDB=off (but prefer GONOSUMDB for private modules).'
      : /^off$/i.test(value.trim())
      ? '"off" is case-sensitive: write GOSUMDB=off (but prefer GONOSUMDB for private modules).'
      : 'Use sum.golang.org (the default), "off", "<name>+<hash>+<key>", or "<name>+<hash>+<key> <url>".';
    return {
      parse,
      problems: [{ severity: 'error', code: 'GOSUMDB_INVALID', variable: 'GOSUMDB', message: `GOSUMDB="${shown}" is rejected by the go command: verifying go.mod: ${displayText(parse.error)}. Every checksum lookup fails.`, fix }],
    };
  }
  if (parse.config.kind === 'off') {
    return {
      parse,
      problems: [{ severity: 'warning', code: 'GOSUMDB_OFF', variable: 'GOSUMDB', message: 'GOSUMDB=off disables checksum verification of every module not already in go.sum, public ones included.', fix: 'Keep the checksum database on and list only private module paths in GONOSUMDB (or GOPRIVATE).' }],
    };
  }
  return { parse, problems: [] };
}

/** GOFLAGS errors stop every go command at start-up (go-semantics §6). */
export function lintGoflags(value: string): Problem[] {
  if (value.trim() === '') return [];
  const shown = displayValue(value);
  const parse = parseGoflags(value);
  if (!parse.ok) {
    return [{ severity: 'error', code: 'GOFLAGS_INVALID', variable: 'GOFLAGS', message: `GOFLAGS="${shown}" is rejected: ${displayText(parse.error)}.`, fix: 'Write GOFLAGS as space-separated -flag or -flag=value items (quote a value containing spaces: "-ldflags=-s -w").' }];
  }
  const problems: Problem[] = [];
  const commandError = goflagsErrorFor(value, 'go mod download') ?? goflagsErrorFor(value, 'go build');
  if (commandError !== null) {
    problems.push({ severity: 'error', code: 'GOFLAGS_INVALID', variable: 'GOFLAGS', message: `GOFLAGS="${shown}" is rejected: ${displayText(commandError.split('\n')[0] ?? '')}.`, fix: 'Remove the flag or give it a valid value.' });
  }
  if (parse.flags.some((flag) => flag.name === 'insecure')) {
    problems.push({ severity: 'warning', code: 'GOFLAGS_INSECURE', variable: 'GOFLAGS', message: 'GOFLAGS contains -insecure, which no longer exists: "go get" fails with "-insecure flag is no longer supported" and it never skipped checksum checks.', fix: 'Remove -insecure; list hosts that need plain http in GOINSECURE.' });
  }
  return problems;
}

export interface EmptyOverride { variable: string; where: string; setIn: 'env' | 'env-file' }

/**
 * An empty variable is the same as an unset one (go-semantics §1.1, §1.8): `GONOPROXY=` does not
 * undo GOPRIVATE and `GOPROXY=` does not clear the list.
 */
export function lintEmptyOverrides(emptySettings: readonly EmptyOverride[], effective: Readonly<Record<string, string>>): Problem[] {
  return emptySettings.map(({ variable, where, setIn }): Problem => {
    const effectiveValue = effective[variable] ?? '';
    if ((variable === 'GONOPROXY' || variable === 'GONOSUMDB') && (effective['GOPRIVATE'] ?? '') !== '') {
      return {
        severity: 'warning',
        code: 'EMPTY_DOES_NOT_OVERRIDE_GOPRIVATE',
        variable,
        setIn,
        message: `${variable} is set to an empty string in ${where}, but Go treats empty as unset and uses GOPRIVATE ("${displayValue(effective['GOPRIVATE'] ?? '')}") instead.`,
        fix: `To make private modules ${variable === 'GONOPROXY' ? 'go through the proxy' : 'be checked by the checksum database'}, set ${variable}=none (a pattern that matches nothing).`,
      };
    }
    return {
      severity: 'notice',
      code: 'EMPTY_IS_UNSET',
      variable,
      setIn,
      message: `${variable} is set to an empty string in ${where}; Go treats that as unset, so the effective value is "${displayValue(effectiveValue)}".`,
      fix: `Remove the empty ${variable} setting, or give the value you mean.`,
    };
  });
}

/**
 * A pattern list that is only white space or quotes is not empty for Go (go-semantics §1.8):
 * GONOPROXY=" " does not fall back to GOPRIVATE, and its one pattern matches nothing.
 */
export function lintBlankPatternValue(variable: string, value: string): Problem[] {
  if (value === '' || !/^[\s"']+$/.test(value)) return [];
  const derived = variable === 'GONOPROXY' || variable === 'GONOSUMDB';
  return [
    {
      severity: 'warning',
      code: 'PATTERN_BLANK_VALUE',
      variable,
      message: `${variable} is ${displayValue(JSON.stringify(value))}: that is not empty for the go command, so it is one pattern that matches nothing${derived ? ', and GOPRIVATE no longer applies to it' : ''}.`,
      fix: derived ? `Remove ${variable} to inherit GOPRIVATE, or write ${variable}=none if matching nothing is what you want.` : `Remove ${variable}, or give real patterns.`,
    },
  ];
}

/** Variables the running go ignores or handles surprisingly (go-semantics §8, §1.6). */
export function lintGoEnvironmentQuirks(env: NodeJS.ProcessEnv, goVersion: string | null): Problem[] {
  const problems: Problem[] = [];
  const goauth = env['GOAUTH'] ?? '';
  const minor = /^go1\.(\d+)/.exec(goVersion ?? '')?.[1];
  if (goauth !== '' && minor !== undefined && Number(minor) < 24) {
    problems.push({ severity: 'warning', code: 'GOAUTH_IGNORED', variable: 'GOAUTH', setIn: 'env', message: `GOAUTH is set, but ${goVersion ?? 'this go'} does not know it (GOAUTH arrived in Go 1.24): it only reads .netrc and URL userinfo.`, fix: 'Use a .netrc entry (the netrc input), or install Go 1.24 or newer (go-version).' });
  }
  if (env['GOENV'] === 'off') {
    problems.push({ severity: 'notice', code: 'GOENV_OFF', variable: 'GOENV', setIn: 'env', message: 'GOENV=off: no go env file is read, but a later `go env -w` still writes the default file (a Go 1.23 quirk) and its values then apply to jobs without GOENV=off on the same machine.', fix: 'Avoid `go env -w` in CI; set variables in the workflow env or through this action.' });
  }
  return problems;
}

/**
 * GOAUTH's grammar in Go 1.24 (go-semantics §8, cmd/go/internal/auth): ';'-separated commands,
 * each split into fields at white space; `off` stands alone; `git <dir>` needs exactly one
 * directory that is absolute for filepath.IsAbs on the runner's system (a drive or UNC path on
 * Windows, a path starting with '/' elsewhere). The go command stops with these when it first
 * fetches.
 */
export function lintGoauth(value: string, platform: NodeJS.Platform = process.platform): Problem[] {
  if (value.trim() === '') return [];
  const commands = value.split(';').map((command) => command.trim()).filter((command) => command !== '');
  const problem = (message: string, fix: string): Problem => ({ severity: 'error', code: 'GOAUTH_INVALID', variable: 'GOAUTH', message: `GOAUTH="${displayValue(value)}": ${message}`, fix });
  if (commands.includes('off') && commands.length > 1) return [problem('GOAUTH=off cannot be combined with other authentication commands.', 'Use "off" alone, or drop it.')];
  const windows = platform === 'win32';
  for (const command of commands) {
    const fields = goFields(command);
    if (fields[0] !== 'git') continue;
    const dir = fields[1] ?? '';
    const absolute = windows ? isWindowsAbsolutePath(dir) : dir.startsWith('/');
    if (fields.length !== 2 || !absolute) {
      const example = windows ? 'git C:\\path\\of\\a\\checkout' : 'git /absolute/path/of/a/checkout';
      const what = windows ? 'one absolute directory with a drive or UNC path ("git C:\\dir" or "git \\\\server\\share\\dir"; on Windows "/dir" is not absolute)' : 'exactly one absolute directory ("git /abs/dir")';
      return [problem(`"${displayValue(command)}" needs ${what}.`, `Write GOAUTH="${example}" (a path without spaces: the go command splits GOAUTH at white space).`)];
    }
  }
  return [];
}
