// What the toolchain phase needs from the rest of the action: the go/toolchain lines of the
// workspace's files, and the platform when no go binary can tell it.

import { endianness as osEndianness } from 'node:os';
import type { Workspace } from '../workspace/discover.js';
import type { ToolchainOptions } from './phase.js';

/** node's process.platform -> GOOS (the names differ for Windows and Solaris/illumos). */
const GOOS_FOR_PLATFORM: Readonly<Record<string, string>> = {
  win32: 'windows',
  cygwin: 'windows',
  // node reports "sunos" for Solaris and illumos; Go names them solaris and illumos, and only
  // uname's version string tells them apart: solaris is the conservative choice.
  sunos: 'solaris',
};

/**
 * GOOS/GOARCH names of this process's platform, as the go command names them: the fallback when
 * no go binary can tell its GOHOSTOS/GOHOSTARCH. node's process.arch "ppc64" is the 64-bit
 * PowerPC of either byte order (little-endian on Linux: Go's ppc64le; big-endian on AIX: ppc64),
 * "mipsel" is Go's mipsle, "x64" amd64 and "ia32" 386.
 */
export function goPlatform(platform: NodeJS.Platform = process.platform, arch: string = process.arch, endianness: 'BE' | 'LE' = osEndianness()): { goos: string; goarch: string } {
  const goos = GOOS_FOR_PLATFORM[platform] ?? platform;
  let goarch: string;
  switch (arch) {
    case 'x64':
      goarch = 'amd64';
      break;
    case 'ia32':
      goarch = '386';
      break;
    case 'mipsel':
      goarch = 'mipsle';
      break;
    case 'ppc64':
      goarch = endianness === 'LE' ? 'ppc64le' : 'ppc64';
      break;
    default:
      goarch = arch;
  }
  return { goos, goarch };
}

/**
 * The platform toolchains are downloaded for: the host of the job's go (GOHOSTOS/GOHOSTARCH;
 * never GOOS/GOARCH, which a cross-compiling job sets to its build target), else this process's.
 */
export function toolchainPlatform(go: { hostGoos: string; hostGoarch: string } | null): { goos: string; goarch: string } {
  if (go !== null && go.hostGoos !== '' && go.hostGoarch !== '') return { goos: go.hostGoos, goarch: go.hostGoarch };
  return goPlatform();
}

/** Every go.work and go.mod `go`/`toolchain` line, with the file it is in, for the version checks. */
export function goVersionLines(workspace: Workspace): ToolchainOptions['goModLines'] {
  const lines: ToolchainOptions['goModLines'] = [];
  if (workspace.goWork !== null) lines.push({ file: workspace.goWork.file, go: workspace.goWork.parsed.go, toolchain: workspace.goWork.parsed.toolchain });
  for (const module of workspace.modules) lines.push({ file: module.goModFile, go: module.file.go, toolchain: module.file.toolchain });
  return lines;
}
