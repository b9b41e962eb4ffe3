// The loopback proxy's configuration: what the main step writes to a 0600 file in RUNNER_TEMP and
// the proxy process reads (and deletes) at start. Pure: parsing and validation only.
//
// The file, not argv or the environment, carries it because it holds secrets (the client key,
// .netrc passwords, a forward proxy's credentials): argv and env are readable by other processes
// (ps, /proc/<pid>/environ); a 0600 file the proxy unlinks as soon as it has read it is not.

import type { NetrcEntry } from '../go/netrc.js';

export const CONFIG_VERSION = 1;

/** One GOPROXY entry the bridge forwards to, exported as http://127.0.0.1:<port>/<index>. */
export interface BridgeUpstream {
  /** 1-based; the path prefix of its loopback URL. */
  index: number;
  /** The real https:// URL (userinfo, if any, is sent as Basic auth as the go command would). */
  url: string;
}

export interface ClientCertificate {
  /** PEM: the leaf certificate first, then any intermediates. */
  cert: string;
  /** PEM private key (unencrypted). */
  key: string;
}

/** Serving $GOMODCACHE/cache/download read-only, with the job's GOPROXY behind it. */
export interface ServeSettings {
  /** Absolute path of $GOMODCACHE/cache/download. */
  downloadDir: string;
  /** The job's exported GOPROXY: asked, with the go command's `,`/`|` rules, for what is not on disk. */
  fallback: string;
  /** GONOPROXY (defaulted from GOPRIVATE): such paths are never asked from a proxy. */
  gonoproxy: string;
}

export interface Timeouts {
  /** TCP + TLS handshake with an upstream. */
  connectMs: number;
  /** From sending a request to the response headers (a proxy like Athens may fetch from VCS first). */
  headersMs: number;
  /** Longest silence inside a response body. */
  bodyIdleMs: number;
  /** A whole request, body included. */
  requestMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = {
  connectMs: 30_000,
  headersMs: 180_000,
  bodyIdleMs: 120_000,
  requestMs: 30 * 60_000,
};

/** The variables of the go command's network path the proxy needs (HTTPS_PROXY & co., trust). */
export const NETWORK_ENV_NAMES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'SSL_CERT_FILE', 'SSL_CERT_DIR'] as const;

export interface LocalProxyConfig {
  version: typeof CONFIG_VERSION;
  /** Secret path element of the control endpoints (stats, serve, stop). */
  token: string;
  /** 0: any free port (the normal case). */
  port: number;
  /** Redacted request log in RUNNER_TEMP. */
  logFile: string;
  upstreams: BridgeUpstream[];
  clientCertificate: ClientCertificate | null;
  /** Credentials for https upstreams, as the go command would send them (machine = host[:port] as written). */
  netrc: NetrcEntry[];
  /** NETWORK_ENV_NAMES as the go command sees them. */
  networkEnv: Record<string, string>;
  timeouts: Timeouts;
  serve: ServeSettings | null;
  /** The platform whose trust rules apply (loadTrustStore); process.platform. */
  platform: NodeJS.Platform;
}

/** A config the proxy cannot use. Messages never quote values: the file holds secrets. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(`invalid loopback proxy configuration: ${message}`);
    this.name = 'ConfigError';
  }
}

const MAX_CONFIG_BYTES = 1024 * 1024;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField(record: Record<string, unknown>, name: string, where: string): string {
  const value = record[name];
  if (typeof value !== 'string') throw new ConfigError(`${where}.${name} must be a string`);
  return value;
}

function millis(record: Record<string, unknown>, name: keyof Timeouts): number {
  const value = record[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 24 * 3600_000) throw new ConfigError(`timeouts.${name} must be a whole number of milliseconds`);
  return value;
}

export function parseServeSettings(value: unknown): ServeSettings {
  if (!isRecord(value)) throw new ConfigError('serve must be an object');
  const serve = { downloadDir: stringField(value, 'downloadDir', 'serve'), fallback: stringField(value, 'fallback', 'serve'), gonoproxy: stringField(value, 'gonoproxy', 'serve') };
  if (serve.downloadDir === '') throw new ConfigError('serve.downloadDir is empty');
  return serve;
}

export function parseLocalProxyConfig(text: string): LocalProxyConfig {
  if (text.length > MAX_CONFIG_BYTES) throw new ConfigError('the file is larger than 1 MiB');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ConfigError('the file is not JSON');
  }
  if (!isRecord(raw)) throw new ConfigError('the file is not a JSON object');
  if (raw['version'] !== CONFIG_VERSION) throw new ConfigError(`version must be ${CONFIG_VERSION}`);
  const token = stringField(raw, 'token', 'config');
  if (!/^[0-9a-f]{32,128}$/.test(token)) throw new ConfigError('token must be 32 to 128 hex digits');
  const port = raw['port'];
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('port must be 0 to 65535');
  const logFile = stringField(raw, 'logFile', 'config');

  const upstreamsRaw = raw['upstreams'];
  if (!Array.isArray(upstreamsRaw) || upstreamsRaw.length > 100) throw new ConfigError('upstreams must be a list of at most 100 entries');
  const upstreams = upstreamsRaw.map((entry: unknown, position): BridgeUpstream => {
    if (!isRecord(entry)) throw new ConfigError(`upstreams[${position}] must be an object`);
    const url = stringField(entry, 'url', `upstreams[${position}]`);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError(`upstreams[${position}].url is not a URL`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ConfigError(`upstreams[${position}].url must be http(s)`);
    if (entry['index'] !== position + 1) throw new ConfigError(`upstreams[${position}].index must be ${position + 1}`);
    return { index: position + 1, url };
  });

  const certRaw = raw['clientCertificate'];
  let clientCertificate: ClientCertificate | null = null;
  if (certRaw !== null) {
    if (!isRecord(certRaw)) throw new ConfigError('clientCertificate must be an object or null');
    clientCertificate = { cert: stringField(certRaw, 'cert', 'clientCertificate'), key: stringField(certRaw, 'key', 'clientCertificate') };
  }

  const netrcRaw = raw['netrc'];
  if (!Array.isArray(netrcRaw) || netrcRaw.length > 1000) throw new ConfigError('netrc must be a list');
  const netrc = netrcRaw.map((entry: unknown, position): NetrcEntry => {
    if (!isRecord(entry)) throw new ConfigError(`netrc[${position}] must be an object`);
    return { machine: stringField(entry, 'machine', `netrc[${position}]`), login: stringField(entry, 'login', `netrc[${position}]`), password: stringField(entry, 'password', `netrc[${position}]`) };
  });

  const envRaw = raw['networkEnv'];
  if (!isRecord(envRaw)) throw new ConfigError('networkEnv must be an object');
  const networkEnv: Record<string, string> = {};
  for (const name of NETWORK_ENV_NAMES) {
    const value = envRaw[name];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new ConfigError(`networkEnv.${name} must be a string`);
    networkEnv[name] = value;
  }

  const timeoutsRaw = raw['timeouts'];
  if (!isRecord(timeoutsRaw)) throw new ConfigError('timeouts must be an object');
  const timeouts: Timeouts = { connectMs: millis(timeoutsRaw, 'connectMs'), headersMs: millis(timeoutsRaw, 'headersMs'), bodyIdleMs: millis(timeoutsRaw, 'bodyIdleMs'), requestMs: millis(timeoutsRaw, 'requestMs') };

  const serve = raw['serve'] === null || raw['serve'] === undefined ? null : parseServeSettings(raw['serve']);
  const platform = stringField(raw, 'platform', 'config') as NodeJS.Platform;

  return { version: CONFIG_VERSION, token, port, logFile, upstreams, clientCertificate, netrc, networkEnv, timeouts, serve, platform };
}

/** The variables of NETWORK_ENV_NAMES that are set (non-empty) in env. */
export function networkEnvOf(env: NodeJS.ProcessEnv): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of NETWORK_ENV_NAMES) {
    const value = env[name];
    if (value !== undefined && value !== '') picked[name] = value;
  }
  return picked;
}
