// What the toolchain phase needs from the rest of the action: the go/toolchain lines of the
// workspace's files, and the platform when no go binary can tell it.

import type { Workspace } from '../workspace/discover.js';
import type { ToolchainOptions } from './phase.js';

/** GOOS/GOARCH names for this process, as the go command names them. */
export function goPlatform(platform: NodeJS.Platform = process.platform, arch: string = process.arch): { goos: string; goarch: string } {
  const goos = platform === 'win32' ? 'windows' : platform;
  const goarch = arch === 'x64' ? 'amd64' : arch === 'ia32' ? '386' : arch;
  return { goos, goarch };
}

/** Every go.work and go.mod `go`/`toolchain` line, with the file it is in, for the version checks. */
export function goVersionLines(workspace: Workspace): ToolchainOptions['goModLines'] {
  const lines: ToolchainOptions['goModLines'] = [];
  if (workspace.goWork !== null) lines.push({ file: workspace.goWork.file, go: workspace.goWork.parsed.go, toolchain: workspace.goWork.parsed.toolchain });
  for (const module of workspace.modules) lines.push({ file: module.goModFile, go: module.file.go, toolchain: module.file.toolchain });
  return lines;
}
