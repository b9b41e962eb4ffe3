// The `go-version` and `go-version-file` inputs (the forms actions/setup-go accepts that name
// one Go release line): pure parsing into what to install. Throws InputError.

import path from 'node:path';
import { InputError } from '../config/inputValues.js';
import { parseGoMod, parseGoWork } from '../go/modfile.js';
import { compareGoVersions, isLangVersion, parseGoVersion, versionFromToolchain } from './version.js';

export type VersionRequest =
  /** One release: "1.22.1", "1.21rc2", "1.20". */
  | { kind: 'exact'; version: string; source: string }
  /** Newest release of a line: "1.22" / "1.22.x" in go-version (setup-go's reading). */
  | { kind: 'latest-patch'; line: string; source: string };

const SPEC_HELP = "Give a Go release such as 1.22.5 (or go1.22.5, 1.23rc1), or a release line such as 1.22 / 1.22.x for its newest patch release.";

/** Parses the go-version input. */
export function parseGoVersionInput(raw: string, input = 'go-version', source = `input ${input}`): VersionRequest {
  const spec = raw.trim();
  const bare = spec.startsWith('go') ? spec.slice(2) : spec.startsWith('v') ? spec.slice(1) : spec;
  const line = /^(\d+)\.(\d+)(?:\.x)?$/.exec(bare);
  if (line !== null) {
    // "1.20" and older name a release (go1.20); setup-go still reads it as "newest 1.20.x".
    return { kind: 'latest-patch', line: `${line[1]}.${line[2]}`, source };
  }
  const v = parseGoVersion(bare);
  if (v === null || !bare.includes('.') || isLangVersion(bare)) {
    throw new InputError(input, raw, 'it is not a Go version this action can install', SPEC_HELP);
  }
  return { kind: 'exact', version: bare, source };
}

/**
 * The version a go-version-file names. go.mod / go.work: the `toolchain` line when it is newer
 * than the `go` line, else the `go` line (a language version from 1.21 on means its .0 release,
 * as the go command reads it); .tool-versions: the `golang` line; anything else (.go-version):
 * the first non-empty line, read like go-version.
 */
export function parseGoVersionFile(fileName: string, content: string, input = 'go-version-file'): VersionRequest {
  const base = path.basename(fileName);
  const source = `${input} ${fileName}`;
  if (base === 'go.mod' || base === 'go.work') {
    const parsed = base === 'go.mod' ? parseGoMod(content).file : parseGoWork(content).file;
    const goLine = parsed.go?.version ?? null;
    const toolchainName = parsed.toolchain?.name ?? null;
    const toolchainVersion = toolchainName === null || toolchainName === 'default' ? '' : versionFromToolchain(toolchainName);
    if (toolchainVersion !== '' && (goLine === null || compareGoVersions(toolchainVersion, goLine) >= 0)) {
      return { kind: 'exact', version: toolchainVersion, source: `${source} (toolchain line)` };
    }
    if (goLine === null) throw new InputError(input, fileName, `${base} has no go line`, `Add a "go 1.N.M" line to ${fileName}, or use the go-version input.`);
    const version = isLangVersion(goLine) && compareGoVersions(goLine, '1.21') >= 0 ? `${goLine}.0` : goLine;
    return { kind: 'exact', version, source: `${source} (go line)` };
  }
  if (base === '.tool-versions') {
    const line = content.split(/\r?\n/).map((l) => l.trim()).find((l) => /^golang\s+\S/.test(l));
    if (line === undefined) throw new InputError(input, fileName, 'it has no "golang <version>" line', 'Add a line such as "golang 1.22.5".');
    return parseGoVersionInput(line.split(/\s+/)[1]!, input, source);
  }
  const first = content.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('#'));
  if (first === undefined) throw new InputError(input, fileName, 'the file is empty', 'Write a Go version such as 1.22.5 into it.');
  return parseGoVersionInput(first, input, source);
}
