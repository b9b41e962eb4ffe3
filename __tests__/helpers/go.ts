// The one place tests find the real go binary. Tests that need go must FAIL in CI when it is
// missing (a skipped test would make a broken CI machine look green).
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { goCandidates } from '../../scripts/provision.mjs';

export function findGo(): string | null {
  // The same order scripts/provision.mjs checks (and scripts/test.mjs passes its pick as GO_BINARY).
  for (const file of goCandidates(process.env)) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // try the next candidate
    }
  }
  return null;
}

/** The go binary, or: in CI a failure, elsewhere a skip with the reason. */
export function requireGo(t: TestContext): string | null {
  const go = findGo();
  if (go !== null) return go;
  if (process.env['CI'] === 'true') throw new Error('the go binary is required in CI: install golang-1.23-go (see .ci/run) or set GO_BINARY');
  t.skip('no go binary (set GO_BINARY); this would fail in CI');
  return null;
}

/** An isolated Go environment: nothing from the developer's machine leaks into a test. */
export function isolatedGoEnv(root: string): Record<string, string> {
  return {
    HOME: path.join(root, 'home'),
    GOPATH: path.join(root, 'gopath'),
    GOMODCACHE: path.join(root, 'gopath', 'pkg', 'mod'),
    GOCACHE: path.join(root, 'gocache'),
    GOENV: path.join(root, 'home', '.config', 'go', 'env'),
    GOTOOLCHAIN: 'local',
    ...NO_GO_TELEMETRY,
  };
}

/**
 * The go command starts a detached telemetry process that keeps writing under HOME after the
 * command exits, racing the test's clean-up of its temporary HOME. GO_TELEMETRY_CHILD=2 is how
 * golang.org/x/telemetry marks processes that must not start telemetry (x/telemetry start.go).
 */
export const NO_GO_TELEMETRY = { GO_TELEMETRY_CHILD: '2' } as const;
