// Starting the loopback proxy in tests: in-process (createLocalProxyServer) for protocol tests, or
// as a real background process from the TypeScript entry (launchLocalProxy) for lifecycle tests.
import assert from 'node:assert/strict';
import path from 'node:path';
import { DEFAULT_TIMEOUTS, type LocalProxyConfig } from '../../src/localproxy/config.js';
import type { LaunchConfig, ProxyCommand } from '../../src/localproxy/launch.js';
import { ProxyLog } from '../../src/localproxy/log.js';
import { createLocalProxyServer, type LocalProxyServer } from '../../src/localproxy/server.js';
import { ACTION_DIR } from './e2e.js';
import { isAlive } from './process.js';

/** The proxy process from source: node --import tsx src/entry/proxy.ts <config>. */
export const PROXY_FROM_SOURCE: ProxyCommand = { file: process.execPath, args: ['--import', 'tsx', path.join(ACTION_DIR, 'src', 'entry', 'proxy.ts')], cwd: ACTION_DIR };

export const TEST_TOKEN = 'a'.repeat(48);

export function launchConfig(overrides: Partial<LaunchConfig> = {}): LaunchConfig {
  return { port: 0, upstreams: [], clientCertificate: null, netrc: [], networkEnv: {}, timeouts: DEFAULT_TIMEOUTS, serve: null, platform: process.platform, ...overrides };
}

export interface InProcessProxy {
  url: string;
  port: number;
  log: ProxyLog;
  server: LocalProxyServer;
  close(): Promise<void>;
}

/** The proxy's server in this process (no log file). */
export async function startInProcess(overrides: Partial<LaunchConfig> = {}): Promise<InProcessProxy> {
  const config: LocalProxyConfig = { version: 1, token: TEST_TOKEN, logFile: '', ...launchConfig(overrides) };
  const log = new ProxyLog(null, [TEST_TOKEN]);
  const server = await createLocalProxyServer(config, log);
  const port = await server.listen();
  return { url: `http://127.0.0.1:${port}`, port, log, server, close: () => server.close() };
}

/** Re-exported: the process tests find every process helper here. */
export { isAlive };

/** Polls until the process is gone; fails the test after waitMs. */
export async function assertGone(pid: number, waitMs = 5000): Promise<void> {
  const until = Date.now() + waitMs;
  while (isAlive(pid) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(isAlive(pid), false, `process ${pid} is still running`);
}

/** Safety net for a failed test: never leave a proxy behind. */
export function killQuietly(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone
  }
}
