// Finds the go binary of the job and asks it where its configuration lives. Only paths are
// taken from `go env`: the values themselves are resolved by the action layer by layer, so it
// can say where each came from.

import { execFile } from 'node:child_process';
import { access, constants, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathDirectories } from './envPath.js';

export interface GoInstallation {
  binary: string;
  version: string;
  goroot: string;
  /** The user config file (`go env -w` target); '' when GOENV=off. */
  goenv: string;
  gomodcache: string;
  /** GOOS/GOARCH: the build target, which a job may set to cross-compile. */
  goos: string;
  goarch: string;
  /**
   * GOHOSTOS/GOHOSTARCH: the platform the go binary runs on. Toolchains are for the host (the
   * go command downloads golang.org/toolchain for runtime.GOOS/GOARCH, toolchain/exec.go).
   */
  hostGoos: string;
  hostGoarch: string;
}

export async function findGoBinary(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Promise<string | null> {
  const names = platform === 'win32' ? ['go.exe'] : ['go'];
  for (const dir of pathDirectories(env, platform)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        // Windows has no execute bit (node's X_OK means "exists" there).
        await access(candidate, platform === 'win32' ? constants.F_OK : constants.X_OK);
        return candidate;
      } catch {
        // not here; keep looking along PATH
      }
    }
  }
  return null;
}

/**
 * The environment for read-only go commands run by the action: GOTOOLCHAIN=local so asking for
 * a path never downloads a toolchain (go-semantics §9), and no GOFLAGS because `go env` applies
 * valid flags in surprising ways (§6).
 */
export function inspectionEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy: NodeJS.ProcessEnv = { ...env, GOTOOLCHAIN: 'local' };
  delete copy['GOFLAGS'];
  return copy;
}

export function runGo(binary: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, timeoutMs = 60_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(binary, args, { env, cwd, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/**
 * Every go command reads the file GOENV names; a FIFO or a device there blocks it (or never ends),
 * so it is found with stat (which does not open the file) before go is run at all.
 */
export async function goenvBlockingProblem(env: NodeJS.ProcessEnv): Promise<string | null> {
  const goenv = env['GOENV'] ?? '';
  if (goenv === '' || goenv === 'off') return null;
  try {
    const info = await stat(goenv);
    return info.isFile() ? null : `GOENV names ${JSON.stringify(goenv.length > 200 ? `${goenv.slice(0, 200)}…` : goenv)}, which is not a regular file (a directory, FIFO or device): every go command reads that file and would fail or block on it. Point GOENV at a file (or unset it), or set GOENV=off`;
  } catch {
    return null; // missing: go treats it as empty
  }
}

export async function inspectGo(env: NodeJS.ProcessEnv, cwd: string): Promise<GoInstallation | { error: string } | null> {
  const binary = await findGoBinary(env);
  if (binary === null) return null;
  const blocking = await goenvBlockingProblem(env);
  if (blocking !== null) return { error: blocking };
  const result = await runGo(binary, ['env', '-json', 'GOVERSION', 'GOROOT', 'GOENV', 'GOMODCACHE', 'GOOS', 'GOARCH', 'GOHOSTOS', 'GOHOSTARCH'], inspectionEnv(env), cwd);
  if (result.code !== 0) return { error: `${binary} env failed: ${result.stderr.trim().split('\n')[0] ?? ''}` };
  let parsed: Record<string, string>;
  try {
    parsed = JSON.parse(result.stdout) as Record<string, string>;
  } catch {
    return { error: `${binary} env -json printed something that is not JSON` };
  }
  return {
    binary,
    version: parsed['GOVERSION'] ?? '',
    goroot: parsed['GOROOT'] ?? '',
    goenv: parsed['GOENV'] === 'off' ? '' : (parsed['GOENV'] ?? ''),
    gomodcache: parsed['GOMODCACHE'] ?? '',
    goos: parsed['GOOS'] ?? '',
    goarch: parsed['GOARCH'] ?? '',
    hostGoos: parsed['GOHOSTOS'] ?? '',
    hostGoarch: parsed['GOHOSTARCH'] ?? '',
  };
}
