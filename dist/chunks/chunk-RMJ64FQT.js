import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/localproxy/config.ts
var CONFIG_VERSION = 1;
var DEFAULT_TIMEOUTS = {
  connectMs: 3e4,
  headersMs: 18e4,
  bodyIdleMs: 12e4,
  requestMs: 30 * 6e4
};
var NETWORK_ENV_NAMES = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy", "SSL_CERT_FILE", "SSL_CERT_DIR"];
var ConfigError = class extends Error {
  static {
    __name(this, "ConfigError");
  }
  constructor(message) {
    super(`invalid loopback proxy configuration: ${message}`);
    this.name = "ConfigError";
  }
};
var MAX_CONFIG_BYTES = 1024 * 1024;
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
__name(isRecord, "isRecord");
function stringField(record, name, where) {
  const value = record[name];
  if (typeof value !== "string") throw new ConfigError(`${where}.${name} must be a string`);
  return value;
}
__name(stringField, "stringField");
function millis(record, name) {
  const value = record[name];
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 24 * 36e5) throw new ConfigError(`timeouts.${name} must be a whole number of milliseconds`);
  return value;
}
__name(millis, "millis");
function parseServeSettings(value) {
  if (!isRecord(value)) throw new ConfigError("serve must be an object");
  const serve = { downloadDir: stringField(value, "downloadDir", "serve"), fallback: stringField(value, "fallback", "serve"), gonoproxy: stringField(value, "gonoproxy", "serve") };
  if (serve.downloadDir === "") throw new ConfigError("serve.downloadDir is empty");
  return serve;
}
__name(parseServeSettings, "parseServeSettings");
function parseLocalProxyConfig(text) {
  if (text.length > MAX_CONFIG_BYTES) throw new ConfigError("the file is larger than 1 MiB");
  let raw;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ConfigError("the file is not JSON");
  }
  if (!isRecord(raw)) throw new ConfigError("the file is not a JSON object");
  if (raw["version"] !== CONFIG_VERSION) throw new ConfigError(`version must be ${CONFIG_VERSION}`);
  const token = stringField(raw, "token", "config");
  if (!/^[0-9a-f]{32,128}$/.test(token)) throw new ConfigError("token must be 32 to 128 hex digits");
  const port = raw["port"];
  if (typeof port !== "number" || !Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError("port must be 0 to 65535");
  const logFile = stringField(raw, "logFile", "config");
  const upstreamsRaw = raw["upstreams"];
  if (!Array.isArray(upstreamsRaw) || upstreamsRaw.length > 100) throw new ConfigError("upstreams must be a list of at most 100 entries");
  const upstreams = upstreamsRaw.map((entry, position) => {
    if (!isRecord(entry)) throw new ConfigError(`upstreams[${position}] must be an object`);
    const url = stringField(entry, "url", `upstreams[${position}]`);
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError(`upstreams[${position}].url is not a URL`);
    }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new ConfigError(`upstreams[${position}].url must be http(s)`);
    if (entry["index"] !== position + 1) throw new ConfigError(`upstreams[${position}].index must be ${position + 1}`);
    return { index: position + 1, url };
  });
  const certRaw = raw["clientCertificate"];
  let clientCertificate = null;
  if (certRaw !== null) {
    if (!isRecord(certRaw)) throw new ConfigError("clientCertificate must be an object or null");
    clientCertificate = { cert: stringField(certRaw, "cert", "clientCertificate"), key: stringField(certRaw, "key", "clientCertificate") };
  }
  const netrcRaw = raw["netrc"];
  if (!Array.isArray(netrcRaw) || netrcRaw.length > 1e3) throw new ConfigError("netrc must be a list");
  const netrc = netrcRaw.map((entry, position) => {
    if (!isRecord(entry)) throw new ConfigError(`netrc[${position}] must be an object`);
    return { machine: stringField(entry, "machine", `netrc[${position}]`), login: stringField(entry, "login", `netrc[${position}]`), password: stringField(entry, "password", `netrc[${position}]`) };
  });
  const envRaw = raw["networkEnv"];
  if (!isRecord(envRaw)) throw new ConfigError("networkEnv must be an object");
  const networkEnv = {};
  for (const name of NETWORK_ENV_NAMES) {
    const value = envRaw[name];
    if (value === void 0) continue;
    if (typeof value !== "string") throw new ConfigError(`networkEnv.${name} must be a string`);
    networkEnv[name] = value;
  }
  const timeoutsRaw = raw["timeouts"];
  if (!isRecord(timeoutsRaw)) throw new ConfigError("timeouts must be an object");
  const timeouts = { connectMs: millis(timeoutsRaw, "connectMs"), headersMs: millis(timeoutsRaw, "headersMs"), bodyIdleMs: millis(timeoutsRaw, "bodyIdleMs"), requestMs: millis(timeoutsRaw, "requestMs") };
  const serve = raw["serve"] === null || raw["serve"] === void 0 ? null : parseServeSettings(raw["serve"]);
  const platform = stringField(raw, "platform", "config");
  return { version: CONFIG_VERSION, token, port, logFile, upstreams, clientCertificate, netrc, networkEnv, timeouts, serve, platform };
}
__name(parseLocalProxyConfig, "parseLocalProxyConfig");
function networkEnvOf(env) {
  const picked = {};
  for (const name of NETWORK_ENV_NAMES) {
    const value = env[name];
    if (value !== void 0 && value !== "") picked[name] = value;
  }
  return picked;
}
__name(networkEnvOf, "networkEnvOf");

// src/localproxy/readyLine.ts
var READY_PREFIX = "setup-goproxy-proxy ready port=";
var FAILED_PREFIX = "setup-goproxy-proxy failed: ";
var CRASH_EXIT_CODE = 70;

export {
  CONFIG_VERSION,
  DEFAULT_TIMEOUTS,
  parseServeSettings,
  parseLocalProxyConfig,
  networkEnvOf,
  READY_PREFIX,
  FAILED_PREFIX,
  CRASH_EXIT_CODE
};
