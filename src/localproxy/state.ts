// What the main step keeps in the action's state for the post step to stop the loopback proxy.
// Pure. No secret but the control token, which main registers as a secret.

export const LOCAL_PROXY_STATE_KEY = 'localproxy';

export interface LocalProxyState {
  version: 1;
  pid: number;
  port: number;
  token: string;
  /** The 0700 directory in RUNNER_TEMP with the config file (until the proxy reads it) and the log. */
  dir: string;
  configFile: string;
  logFile: string;
}

export function encodeLocalProxyState(state: LocalProxyState): string {
  return JSON.stringify(state);
}

export function decodeLocalProxyState(text: string): LocalProxyState | null {
  if (text === '') return null;
  try {
    const value = JSON.parse(text) as Partial<LocalProxyState> | null;
    if (value === null || typeof value !== 'object' || value.version !== 1) return null;
    const { pid, port, token, dir, configFile, logFile } = value;
    if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return null;
    if (typeof port !== 'number' || !Number.isInteger(port) || port <= 0 || port > 65535) return null;
    if (typeof token !== 'string' || typeof dir !== 'string' || dir === '' || typeof configFile !== 'string' || typeof logFile !== 'string') return null;
    return { version: 1, pid, port, token, dir, configFile, logFile };
  } catch {
    return null;
  }
}
