// The `go-version` and `go-version-file` inputs, read as actions/setup-go reads them (spec.ts):
// pure parsing into the spec to resolve and where it came from. Throws InputError.

import path from 'node:path';
import { InputError } from '../config/inputValues.js';
import { excerpt } from '../report/bounds.js';
import { parseGoMod, parseGoWork } from '../go/modfile.js';
import { parseGoVersionSpec, type GoVersionSpec } from './spec.js';
import { compareGoVersions, versionFromToolchain } from './version.js';

export interface VersionRequest {
  spec: GoVersionSpec;
  /** "input go-version", "go-version-file go.mod (toolchain line)". */
  source: string;
}

/** Parses the go-version input. */
export function parseGoVersionInput(raw: string, input = 'go-version', source = `input ${input}`): VersionRequest {
  return { spec: parseGoVersionSpec(raw, input), source };
}

export interface VersionFileOptions {
  /** The job's GOTOOLCHAIN: with `local` the go command ignores toolchain lines, and so does setup-go. */
  gotoolchain?: string;
  input?: string;
}

/**
 * The version a go-version-file names. go.mod / go.work: the `toolchain` line when it is at
 * least the `go` line (unless GOTOOLCHAIN=local), else the `go` line read like go-version, so
 * `go 1.22` means the newest 1.22.x (setup-go's reading) and `go 1.22.3` that release;
 * .tool-versions: the `golang` line; anything else (.go-version): the first non-empty line.
 */
export function parseGoVersionFile(fileName: string, content: string, options: VersionFileOptions = {}): VersionRequest {
  const input = options.input ?? 'go-version-file';
  const base = path.basename(fileName);
  const source = `${input} ${fileName}`;
  if (base === 'go.mod' || base === 'go.work') {
    const parsed = base === 'go.mod' ? parseGoMod(content).file : parseGoWork(content).file;
    const goLine = parsed.go?.version ?? null;
    const toolchainName = options.gotoolchain === 'local' ? null : (parsed.toolchain?.name ?? null);
    const toolchainVersion = toolchainName === null || toolchainName === 'default' ? '' : versionFromToolchain(toolchainName);
    if (toolchainVersion !== '' && (goLine === null || compareGoVersions(toolchainVersion, goLine) >= 0)) {
      return { spec: parseGoVersionSpec(toolchainVersion, input, `${fileName}: toolchain ${excerpt(toolchainName ?? '')}`), source: `${source} (toolchain line)` };
    }
    if (goLine === null) throw new InputError(input, fileName, `${base} has no go line`, `Add a "go 1.N.M" line to ${fileName}, or use the go-version input.`);
    return { spec: parseGoVersionSpec(goLine, input, `${fileName}: go ${excerpt(goLine)}`), source: `${source} (go line)` };
  }
  const lines = content.split('\n').map((line) => line.trim());
  if (base === '.tool-versions') {
    const line = lines.find((l) => l.startsWith('golang') && (l[6] === ' ' || l[6] === '\t'));
    const value = line?.slice(6).trim().split('#')[0]?.trim() ?? '';
    if (value === '') throw new InputError(input, fileName, 'it has no "golang <version>" line', 'Add a line such as "golang 1.22.5".');
    const version = value.split(/[ \t]/)[0] ?? value;
    return { spec: parseGoVersionSpec(version, input, `${fileName}: golang ${excerpt(version)}`), source };
  }
  const first = lines.find((l) => l !== '' && !l.startsWith('#'));
  if (first === undefined) throw new InputError(input, fileName, 'the file is empty', 'Write a Go version such as 1.22.5 into it.');
  return { spec: parseGoVersionSpec(first, input, `${fileName}: ${excerpt(first)}`), source };
}
