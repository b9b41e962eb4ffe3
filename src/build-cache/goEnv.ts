// What the build cache needs to know from the go command, asked once: where GOCACHE is, the
// target platform and toolchain, and every setting that changes what the compiler produces
// (these go into the key, so legs of a matrix that build differently keep separate caches).

import { inspectionEnv } from '../go/goCommand.js';
import { goErrorText } from '../cache/modules/downloadJson.js';
import { runGoCommand } from '../cache/goExec.js';

/** Settings that change build outputs: the target's sub-architecture levels, cgo and its toolchain, experiments, flags. */
export const OUTPUT_VARIABLES = [
  'GOFLAGS', 'CGO_ENABLED', 'GOAMD64', 'GOARM', 'GOARM64', 'GO386', 'GOMIPS', 'GOMIPS64', 'GOPPC64', 'GORISCV64', 'GOWASM',
  'GOEXPERIMENT', 'CC', 'CXX', 'CGO_CFLAGS', 'CGO_CPPFLAGS', 'CGO_CXXFLAGS', 'CGO_FFLAGS', 'CGO_LDFLAGS',
] as const;

const ASKED = ['GOCACHE', 'GOOS', 'GOARCH', 'GOVERSION', 'GOMODCACHE', ...OUTPUT_VARIABLES] as const;

export interface BuildEnv {
  /** As go reports it: an absolute path, or 'off'. */
  gocache: string;
  goos: string;
  goarch: string;
  /** e.g. go1.23.5 */
  goVersion: string;
  gomodcache: string;
  /** OUTPUT_VARIABLES as go resolves them ('' when unset or unknown to this Go). */
  outputs: Record<string, string>;
}

/** `go env -json VAR...` output (pure). Unknown variables print as "", which is what an older Go means. */
export function parseGoEnvJson(text: string): BuildEnv | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    return { error: 'go env -json printed something that is not JSON' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { error: 'go env -json printed something that is not an object' };
  const values = parsed as Record<string, unknown>;
  const get = (name: string): string => (typeof values[name] === 'string' ? (values[name] as string) : '');
  const outputs: Record<string, string> = {};
  for (const name of OUTPUT_VARIABLES) outputs[name] = get(name);
  return { gocache: get('GOCACHE'), goos: get('GOOS'), goarch: get('GOARCH'), goVersion: get('GOVERSION'), gomodcache: get('GOMODCACHE'), outputs };
}

/** GOTOOLCHAIN=local: asking for settings must never download a toolchain (go-semantics §9). */
export async function readBuildEnv(goBinary: string, env: NodeJS.ProcessEnv, cwd: string): Promise<BuildEnv | { error: string }> {
  const run = await runGoCommand(goBinary, ['env', '-json', ...ASKED], inspectionEnv(env), cwd, 60_000);
  if (run.code !== 0) return { error: goErrorText(run.stderr, 300) || `go env exited with code ${run.code}` };
  const parsed = parseGoEnvJson(run.stdout);
  // inspectionEnv leaves GOFLAGS out (go env applies it in surprising ways); the job's builds use it.
  if (!('error' in parsed) && (env['GOFLAGS'] ?? '') !== '') parsed.outputs['GOFLAGS'] = env['GOFLAGS'] as string;
  return parsed;
}
