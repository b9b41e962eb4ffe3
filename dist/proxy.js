import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  CRASH_EXIT_CODE,
  FAILED_PREFIX,
  READY_PREFIX,
  parseLocalProxyConfig,
  parseServeSettings
} from "./chunks/chunk-RMJ64FQT.js";
import {
  matchPrefixPatterns
} from "./chunks/chunk-BZ6GQI7H.js";
import {
  ProbeNetwork,
  checkModulePath,
  checkModuleVersion,
  classifyFailure,
  errorFacts,
  hostAsWritten,
  loadTrustStore,
  redactText,
  redactUrl,
  unescapeModuleString,
  userinfoSecrets
} from "./chunks/chunk-OZQOQNGW.js";
import {
  ERR_PROXY_OFF,
  parseProxyList
} from "./chunks/chunk-ELAIAVPO.js";
import "./chunks/chunk-4T6WLE4C.js";
import {
  routeRequest,
  upstreamTarget
} from "./chunks/chunk-DL4VYVM3.js";
import {
  __name
} from "./chunks/chunk-WFYHVRTH.js";

// src/localproxy/run.ts
import { readFile, rm } from "node:fs/promises";
import { writeSync as writeSync2 } from "node:fs";

// src/localproxy/log.ts
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
var MAX_RECENT_ERRORS = 20;
var DEFAULT_MAX_LOG_BYTES = 8 * 1024 * 1024;
function oneLine(text, max = 500) {
  const flat2 = text.replace(/[\r\n\t]+/g, " ");
  return flat2.length > max ? `${flat2.slice(0, max - 1)}\u2026` : flat2;
}
__name(oneLine, "oneLine");
var ProxyLog = class {
  constructor(file, secrets, maxBytes = DEFAULT_MAX_LOG_BYTES) {
    this.secrets = secrets;
    this.maxBytes = maxBytes;
    this.fd = file === null ? null : openSync(file, "a", 384);
    this.sampler = setInterval(() => this.sampledPeakRss = Math.max(this.sampledPeakRss, process.memoryUsage.rss()), 100);
    this.sampler.unref();
  }
  secrets;
  maxBytes;
  static {
    __name(this, "ProxyLog");
  }
  fd;
  written = 0;
  capped = false;
  startedAt = Date.now();
  sampledPeakRss = process.memoryUsage.rss();
  sampler;
  stats = {
    requests: 0,
    bridged: 0,
    servedFromCache: 0,
    fellThrough: 0,
    byStatus: { "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0 },
    errors: 0,
    recentErrors: [],
    bytesOut: 0,
    servingModules: false
  };
  peakRss() {
    if (process.platform === "linux") {
      try {
        const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
        if (hwm !== void 0) return Number(hwm) * 1024;
      } catch {
      }
    }
    return Math.max(this.sampledPeakRss, process.memoryUsage.rss());
  }
  append(line) {
    if (this.fd === null) return;
    try {
      writeSync(this.fd, line);
    } catch {
    }
  }
  redact(text) {
    return redactText(text, this.secrets);
  }
  write(text) {
    if (this.fd === null || this.capped) return;
    const line = `${(/* @__PURE__ */ new Date()).toISOString()} ${oneLine(this.redact(text))}
`;
    if (this.written + line.length > this.maxBytes) {
      this.capped = true;
      this.append(`${(/* @__PURE__ */ new Date()).toISOString()} log limit of ${this.maxBytes} bytes reached: further requests are only counted
`);
      return;
    }
    this.written += line.length;
    this.append(line);
  }
  /** One answered request. */
  request(entry) {
    if (entry.route !== "control") {
      this.stats.requests++;
      const bucket = entry.status >= 500 ? "5xx" : entry.status >= 400 ? "4xx" : entry.status >= 300 ? "3xx" : "2xx";
      this.stats.byStatus[bucket]++;
      this.stats.bytesOut += entry.bytes;
    }
    this.write(`${entry.status} ${entry.ms}ms ${entry.method} ${entry.path.slice(0, 300)} ${entry.route}${entry.note === void 0 ? "" : ` ${entry.note}`}`);
  }
  error(text) {
    this.stats.errors++;
    const line = oneLine(this.redact(text), 300);
    this.stats.recentErrors.push(line);
    if (this.stats.recentErrors.length > MAX_RECENT_ERRORS) this.stats.recentErrors.shift();
    this.write(`error: ${line}`);
  }
  snapshot() {
    return {
      ...this.stats,
      byStatus: { ...this.stats.byStatus },
      recentErrors: [...this.stats.recentErrors],
      maxRssBytes: this.peakRss(),
      cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1e3),
      uptimeMs: Date.now() - this.startedAt
    };
  }
  close() {
    clearInterval(this.sampler);
    if (this.fd === null) return;
    try {
      closeSync(this.fd);
    } catch {
    }
    this.fd = null;
  }
};

// src/localproxy/server.ts
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createSecureContext } from "node:tls";
import { fileURLToPath } from "node:url";

// src/localproxy/bridgeError.ts
var BRIDGE_ERROR_PREFIX = "setup-goproxy bridge [";
var TIMEOUT_CLASSES = /* @__PURE__ */ new Set(["connect-timeout", "headers-timeout", "body-timeout"]);
function flat(text, max) {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}\u2026` : one;
}
__name(flat, "flat");
function bridgeErrorAnswer(classification) {
  const errorClass = classification.errorClass ?? "reset";
  const lines = [`${BRIDGE_ERROR_PREFIX}${errorClass}]: ${flat(classification.message, 300)}`];
  if (classification.fix !== null) lines.push(`fix: ${flat(classification.fix, 400)}`);
  return { status: TIMEOUT_CLASSES.has(errorClass) ? 504 : 502, body: `${lines.join("\n")}
` };
}
__name(bridgeErrorAnswer, "bridgeErrorAnswer");

// src/localproxy/cacheFiles.ts
var CONTENT_TYPES = {
  info: "application/json",
  mod: "text/plain; charset=utf-8",
  zip: "application/zip",
  list: "text/plain; charset=utf-8"
};
function lookupCacheFile(requestPath) {
  if (requestPath === "/sumdb" || requestPath.startsWith("/sumdb/")) return { kind: "sumdb" };
  let path2;
  try {
    path2 = decodeURIComponent(requestPath);
  } catch {
    return { kind: "invalid", reason: "malformed percent-escape" };
  }
  const latest = path2.endsWith("/@latest");
  const versionsAt = path2.indexOf("/@v/");
  const escapedModule = latest ? path2.slice(1, -"/@latest".length) : versionsAt > 0 ? path2.slice(1, versionsAt) : null;
  if (escapedModule === null) return { kind: "invalid", reason: "not a module proxy request" };
  const modulePath = unescapeModuleString(escapedModule);
  if (modulePath === null) return { kind: "invalid", reason: "invalid escaped module path" };
  const pathProblem = checkModulePath(modulePath);
  if (pathProblem !== null) return { kind: "invalid", reason: `invalid module path: ${pathProblem}` };
  if (latest) return { kind: "fallthrough", modulePath };
  const file = path2.slice(versionsAt + "/@v/".length);
  const moduleSegments = [...escapedModule.split("/"), "@v"];
  if (file === "list") return { kind: "file", segments: [...moduleSegments, "list"], contentType: CONTENT_TYPES["list"], modulePath };
  const dot = file.lastIndexOf(".");
  const extension = dot < 0 ? "" : file.slice(dot + 1);
  const contentType = CONTENT_TYPES[extension];
  if (contentType === void 0 || extension === "list") return { kind: "invalid", reason: "not a .info, .mod, .zip or list request" };
  const escapedVersion = file.slice(0, dot);
  const version = unescapeModuleString(escapedVersion);
  if (version === null) return { kind: "invalid", reason: "invalid escaped version" };
  const versionProblem = checkModuleVersion(version);
  if (versionProblem !== null) return { kind: "invalid", reason: `invalid version: ${versionProblem}` };
  return { kind: "file", segments: [...moduleSegments, `${escapedVersion}.${extension}`], contentType, modulePath };
}
__name(lookupCacheFile, "lookupCacheFile");

// src/localproxy/upstream.ts
var MAX_REDIRECTS = 10;
var REDIRECT_STATUSES = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
function basicAuth(user, password) {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}
__name(basicAuth, "basicAuth");
function decoded(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
__name(decoded, "decoded");
var RequestDeadline = class extends Error {
  static {
    __name(this, "RequestDeadline");
  }
  constructor(ms) {
    super(`the request did not finish within ${ms / 1e3} s`);
    this.name = "RequestDeadline";
  }
};
function requestAbort(deadlineMs) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new RequestDeadline(deadlineMs)), deadlineMs);
  timer.unref();
  return {
    signal: controller.signal,
    abort: /* @__PURE__ */ __name(() => controller.abort(), "abort"),
    done: /* @__PURE__ */ __name(() => clearTimeout(timer), "done")
  };
}
__name(requestAbort, "requestAbort");
function discard(body) {
  body.on("error", () => void 0);
  body.destroy();
}
__name(discard, "discard");
function rawPathOf(target) {
  const schemeEnd = target.indexOf("//");
  const rest = schemeEnd < 0 ? target : target.slice(schemeEnd + 2);
  const authorityEnd = rest.search(/[/?#]/);
  if (authorityEnd < 0) return "/";
  const pathAndMore = rest.slice(authorityEnd);
  const fragment = pathAndMore.indexOf("#");
  const path2 = fragment < 0 ? pathAndMore : pathAndMore.slice(0, fragment);
  return path2.startsWith("/") ? path2 : `/${path2}`;
}
__name(rawPathOf, "rawPathOf");
var UpstreamClient = class {
  constructor(options) {
    this.options = options;
    this.network = new ProbeNetwork({ connectTimeoutMs: options.timeouts.connectMs, secureContext: options.secureContext, env: options.env });
  }
  options;
  static {
    __name(this, "UpstreamClient");
  }
  network;
  /** `Authorization` for one hop: .netrc by host as written (https only), else the first URL's userinfo. */
  authorization(url, rawTarget) {
    if (url.protocol !== "https:") return null;
    const host = (rawTarget === null ? null : hostAsWritten(rawTarget)) ?? url.host;
    const entry = this.options.netrc.find((line) => line.machine === host);
    if (entry !== void 0) return basicAuth(entry.login, entry.password);
    if (rawTarget !== null && (url.username !== "" || url.password !== "")) return basicAuth(decoded(url.username), decoded(url.password));
    return null;
  }
  fail(failure, url, proxy) {
    const display = redactUrl(url.href);
    let classification = classifyFailure(failure, { url: display, host: url.host, endpoint: "module-info", viaProxy: proxy?.display ?? null, proxyVariable: proxy?.variable ?? null });
    if (classification.errorClass === "tls-client-cert-required" && this.options.presentsCertificate) {
      classification = {
        ...classification,
        message: `${display}: the server refused the client certificate from the client-certificate input (TLS alert: ${/alert "([^"]+)"/.exec(classification.message)?.[1] ?? "certificate required"})`,
        fix: "Check that client-certificate is the certificate this server expects (issued by a CA it trusts, not expired, with the clientAuth usage) and that client-key is its key."
      };
    }
    if (classification.errorClass === "reset" && this.options.presentsCertificate && url.protocol === "https:") {
      classification = { ...classification, fix: `${classification.fix ?? ""} If this server checks client certificates, it may have refused the one from client-certificate: check that it is the certificate the server expects.`.trim() };
    }
    return { kind: "failure", classification: { ...classification, message: redactText(classification.message, this.options.secrets) }, display };
  }
  async request(request) {
    let current;
    try {
      current = new URL(request.target);
    } catch {
      return { kind: "failure", classification: { verdict: "unhealthy", errorClass: "http-other", message: "the upstream URL is not valid", fix: null }, display: redactUrl(request.target) };
    }
    const signal = request.signal;
    let rawPath = rawPathOf(request.target);
    let rawTarget = request.target;
    for (let redirects = 0; ; redirects++) {
      let route;
      try {
        route = this.network.route(current);
      } catch (error) {
        return this.fail({ kind: "error", facts: errorFacts(error) }, current, null);
      }
      const headers = { ...request.headers };
      const authorization = this.authorization(current, rawTarget);
      if (authorization !== null) headers["authorization"] = authorization;
      let response;
      try {
        response = await route.dispatcher.request({
          origin: current.origin,
          path: rawPath,
          method: request.method,
          headers,
          headersTimeout: this.options.timeouts.headersMs,
          bodyTimeout: this.options.timeouts.bodyIdleMs,
          signal
        });
      } catch (error) {
        if (signal.reason instanceof RequestDeadline) return this.fail({ kind: "timeout", phase: "body", afterMs: this.options.timeouts.requestMs }, current, route.proxy);
        return this.fail({ kind: "error", facts: errorFacts(error) }, current, route.proxy);
      }
      const location = response.headers["location"];
      if (!REDIRECT_STATUSES.has(response.statusCode) || typeof location !== "string") {
        return { kind: "response", status: response.statusCode, headers: response.headers, body: response.body, display: redactUrl(current.href) };
      }
      discard(response.body);
      let next;
      try {
        next = new URL(location, current);
      } catch {
        return this.fail({ kind: "invalid-url", reason: "the redirect Location is not a URL" }, current, route.proxy);
      }
      if (current.protocol === "https:" && next.protocol === "http:") {
        return this.fail({ kind: "redirect-insecure", from: redactUrl(current.href), to: redactUrl(next.href) }, current, route.proxy);
      }
      if (redirects + 1 >= MAX_REDIRECTS) return this.fail({ kind: "redirect-loop", redirects: redirects + 1 }, current, route.proxy);
      current = next;
      rawPath = `${next.pathname}${next.search}`;
      rawTarget = null;
    }
  }
  close() {
    return this.network.close();
  }
};

// src/localproxy/server.ts
var HOP_HEADER = "x-setup-goproxy-hop";
var FORWARDED_REQUEST_HEADERS = ["user-agent", "accept", "accept-encoding", "if-none-match", "if-modified-since"];
var FORWARDED_RESPONSE_HEADERS = ["content-type", "content-length", "content-encoding", "etag", "last-modified", "cache-control", "expires", "vary", "content-disposition"];
var MAX_CONTROL_BODY = 64 * 1024;
var MAX_KEPT_BODY = 4096;
function textAnswer(res, status, text, method) {
  const body = Buffer.from(text.endsWith("\n") ? text : `${text}
`);
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": String(body.length) });
  res.end(method === "HEAD" ? void 0 : body);
  return method === "HEAD" ? 0 : body.length;
}
__name(textAnswer, "textAnswer");
function jsonAnswer(res, value) {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(200, { "content-type": "application/json", "content-length": String(body.length) });
  res.end(body);
  return body.length;
}
__name(jsonAnswer, "jsonAnswer");
function forwardedHeaders(incoming, hop) {
  const headers = { "user-agent": "Go-http-client/1.1" };
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = incoming[name];
    if (typeof value === "string") headers[name] = value;
  }
  headers[HOP_HEADER] = hop;
  return headers;
}
__name(forwardedHeaders, "forwardedHeaders");
function responseHeaders(upstream) {
  const headers = {};
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = upstream[name];
    if (value !== void 0) headers[name] = value;
  }
  return headers;
}
__name(responseHeaders, "responseHeaders");
async function readCapped(body, max) {
  const chunks = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      chunks.push(buffer.subarray(0, Math.max(0, max - size)));
      size += buffer.length;
      if (size >= max) break;
    }
  } catch {
  } finally {
    discard(body);
  }
  return Buffer.concat(chunks);
}
__name(readCapped, "readCapped");
function fileDirectory(url) {
  try {
    return fileURLToPath(url);
  } catch {
    return decodeURIComponent(new URL(url).pathname);
  }
}
__name(fileDirectory, "fileDirectory");
function contentTypeOf(headers) {
  const value = headers["content-type"];
  return typeof value === "string" ? value : "text/plain; charset=utf-8";
}
__name(contentTypeOf, "contentTypeOf");
async function createLocalProxyServer(config, log) {
  const instance = randomBytes(8).toString("hex");
  const trust = await loadTrustStore(config.networkEnv, config.platform);
  for (const note of trust.notes) log.write(`trust: ${note}`);
  const secrets = [
    ...config.netrc.map((entry) => entry.password),
    ...config.upstreams.flatMap((upstream) => userinfoSecrets(new URL(upstream.url))),
    ...Object.values(config.networkEnv).flatMap((value) => {
      try {
        return userinfoSecrets(new URL(value));
      } catch {
        return [];
      }
    }),
    config.token
  ];
  let bridgeContext;
  try {
    bridgeContext = createSecureContext({ ca: trust.certificates, ...config.clientCertificate === null ? {} : { cert: config.clientCertificate.cert, key: config.clientCertificate.key } });
  } catch {
    throw new Error("the client certificate and key could not be loaded into TLS (check client-certificate and client-key)");
  }
  const bridgeClient = new UpstreamClient({ secureContext: bridgeContext, env: config.networkEnv, timeouts: config.timeouts, netrc: config.netrc, presentsCertificate: config.clientCertificate !== null, secrets });
  let plain = null;
  const plainClient = /* @__PURE__ */ __name(() => plain ??= new UpstreamClient({ secureContext: createSecureContext({ ca: trust.certificates }), env: config.networkEnv, timeouts: config.timeouts, netrc: config.netrc, presentsCertificate: false, secrets }), "plainClient");
  let port = 0;
  let serving = null;
  let resolveStopped = /* @__PURE__ */ __name(() => void 0, "resolveStopped");
  const stopped = new Promise((resolve) => resolveStopped = resolve);
  const server = http.createServer({ keepAliveTimeout: 5e3 });
  server.headersTimeout = 3e4;
  const sockets = /* @__PURE__ */ new Set();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  function fallbackTargets(fallback) {
    const parse = parseProxyList(fallback, "", { windows: config.platform === "win32" });
    if (!parse.ok) throw new Error(`the GOPROXY to fall through to is invalid: ${parse.error}`);
    return parse.entries.map((entry) => {
      if (entry.kind !== "url") return { kind: "keyword", keyword: entry.kind, fallthrough: entry.fallthrough };
      if (entry.isFile) return { kind: "directory", dir: fileDirectory(entry.url), fallthrough: entry.fallthrough };
      const own = /^http:\/\/127\.0\.0\.1:(\d+)\/([1-9][0-9]{0,2})\/?$/.exec(entry.url);
      const upstream = own !== null && Number(own[1]) === port ? config.upstreams[Number(own[2]) - 1] : void 0;
      if (upstream !== void 0) return { kind: "upstream", base: upstream.url, client: /* @__PURE__ */ __name(() => bridgeClient, "client"), route: "bridge", fallthrough: entry.fallthrough };
      return { kind: "upstream", base: entry.url, client: plainClient, route: "fallthrough", fallthrough: entry.fallthrough };
    });
  }
  __name(fallbackTargets, "fallbackTargets");
  async function enableServing(settings) {
    const root = await realpath(settings.downloadDir).catch(() => null);
    if (root === null || !(await stat(root)).isDirectory()) throw new Error(`${settings.downloadDir} is not a directory`);
    serving = { settings, root, targets: fallbackTargets(settings.fallback) };
    log.stats.servingModules = true;
    log.write(`serving ${settings.downloadDir} read-only; falling through to GOPROXY=${settings.fallback}`);
  }
  __name(enableServing, "enableServing");
  async function relay(outcome, req, res) {
    res.writeHead(outcome.status, responseHeaders(outcome.headers));
    if (req.method === "HEAD") {
      discard(outcome.body);
      res.end();
      return 0;
    }
    let bytes = 0;
    outcome.body.on("data", (chunk) => bytes += chunk.length);
    try {
      await pipeline(outcome.body, res);
    } catch (error) {
      if (!res.destroyed || !req.destroyed) log.error(`${outcome.display}: the body was cut off after ${bytes} bytes (${error instanceof Error ? error.message : String(error)})`);
      res.destroy();
    }
    return bytes;
  }
  __name(relay, "relay");
  async function askUpstream(client, base, rest, req, res) {
    const abort = requestAbort(config.timeouts.requestMs);
    res.once("close", () => {
      abort.done();
      if (!res.writableFinished) abort.abort();
    });
    return client.request({ target: upstreamTarget(base, rest), method: req.method === "HEAD" ? "HEAD" : "GET", headers: forwardedHeaders(req.headers, instance), signal: abort.signal });
  }
  __name(askUpstream, "askUpstream");
  async function bridge(index, rest, req, res) {
    const upstream = config.upstreams[index - 1];
    log.stats.bridged++;
    const outcome = await askUpstream(bridgeClient, upstream.url, rest, req, res);
    if (outcome.kind === "failure") {
      const answer = bridgeErrorAnswer(outcome.classification);
      log.error(`${outcome.classification.message} [${outcome.classification.errorClass ?? "error"}]`);
      return { status: answer.status, bytes: textAnswer(res, answer.status, answer.body, req.method ?? "GET"), note: `upstream ${index} failed` };
    }
    return { status: outcome.status, bytes: await relay(outcome, req, res), note: `upstream ${index}` };
  }
  __name(bridge, "bridge");
  async function serveFile(root, segments, contentType, req, res) {
    const file = path.join(root, ...segments);
    let real;
    try {
      real = await realpath(file);
    } catch {
      return null;
    }
    if (real !== root && !real.startsWith(root + path.sep)) return null;
    const info = await stat(real).catch(() => null);
    if (info === null || !info.isFile()) return null;
    res.writeHead(200, { "content-type": contentType, "content-length": String(info.size) });
    if (req.method === "HEAD") {
      res.end();
      return 0;
    }
    try {
      await pipeline(createReadStream(real), res);
    } catch (error) {
      log.error(`reading ${segments.join("/")} from the module cache failed: ${error instanceof Error ? error.message : String(error)}`);
      res.destroy();
    }
    return info.size;
  }
  __name(serveFile, "serveFile");
  async function fallThrough(targets, requestPath, query, lookup, req, res) {
    const method = req.method ?? "GET";
    let notFound = null;
    let failed = null;
    for (const [position, target] of targets.entries()) {
      const entry = `GOPROXY entry ${position + 1}`;
      if (target.kind === "keyword") {
        const text = target.keyword === "off" ? `not found: ${ERR_PROXY_OFF}` : `not found: not in the runner's module cache, and the job's GOPROXY goes "direct" for it (fetch it from its origin)`;
        notFound = { status: 404, contentType: "text/plain; charset=utf-8", body: Buffer.from(`${text}
`) };
        break;
      }
      if (target.kind === "directory") {
        const bytes = lookup === null ? null : await serveFile(await realpath(target.dir).catch(() => target.dir), lookup.segments, lookup.contentType, req, res);
        if (bytes !== null) return { status: 200, bytes, note: `${entry} (file://)` };
        notFound = { status: 404, contentType: "text/plain; charset=utf-8", body: Buffer.from("not found\n") };
        continue;
      }
      log.stats.fellThrough++;
      if (target.route === "bridge") log.stats.bridged++;
      const outcome = await askUpstream(target.client(), target.base, `${requestPath}${query}`, req, res);
      if (outcome.kind === "failure") {
        const answer2 = bridgeErrorAnswer(outcome.classification);
        log.error(`${outcome.classification.message} [${outcome.classification.errorClass ?? "error"}]`);
        failed = { status: answer2.status, contentType: "text/plain; charset=utf-8", body: Buffer.from(answer2.body) };
        if (target.fallthrough === "on-any-error") continue;
        break;
      }
      if (outcome.status === 404 || outcome.status === 410) {
        notFound = { status: outcome.status, contentType: contentTypeOf(outcome.headers), body: await readCapped(outcome.body, MAX_KEPT_BODY) };
        continue;
      }
      if (outcome.status < 400 || target.fallthrough !== "on-any-error") {
        return { status: outcome.status, bytes: await relay(outcome, req, res), note: `${entry}` };
      }
      failed = { status: outcome.status, contentType: contentTypeOf(outcome.headers), body: await readCapped(outcome.body, MAX_KEPT_BODY) };
    }
    const answer = failed ?? notFound ?? { status: 404, contentType: "text/plain; charset=utf-8", body: Buffer.from("not found\n") };
    res.writeHead(answer.status, { "content-type": answer.contentType, "content-length": String(answer.body.length) });
    res.end(method === "HEAD" ? void 0 : answer.body);
    return { status: answer.status, bytes: method === "HEAD" ? 0 : answer.body.length, note: "job GOPROXY" };
  }
  __name(fallThrough, "fallThrough");
  async function serveCache(requestPath, query, req, res) {
    const method = req.method ?? "GET";
    const current = serving;
    if (current === null) return { status: 404, bytes: textAnswer(res, 404, "not found: this loopback proxy does not serve the module cache (serve-modules is off)", method), route: "rejected" };
    const lookup = lookupCacheFile(requestPath);
    if (lookup.kind === "invalid") return { status: 404, bytes: textAnswer(res, 404, `not found: ${lookup.reason}`, method), route: "rejected" };
    if (lookup.kind === "file") {
      const bytes = await serveFile(current.root, lookup.segments, lookup.contentType, req, res);
      if (bytes !== null) {
        log.stats.servedFromCache++;
        return { status: 200, bytes, route: "cache" };
      }
    }
    if (lookup.kind !== "sumdb" && matchPrefixPatterns(current.settings.gonoproxy, lookup.modulePath)) {
      return { status: 404, bytes: textAnswer(res, 404, `not found: ${lookup.modulePath} is not in the runner's module cache, and it matches GONOPROXY/GOPRIVATE, so it is not asked from a proxy`, method), route: "cache" };
    }
    const result = await fallThrough(current.targets, requestPath, query, lookup.kind === "file" ? lookup : null, req, res);
    return { ...result, route: "fallthrough" };
  }
  __name(serveCache, "serveCache");
  async function readBody(req) {
    let size = 0;
    const chunks = [];
    for await (const chunk of req) {
      size += chunk.length;
      if (size > MAX_CONTROL_BODY) throw new Error("control request body too large");
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString("utf8");
  }
  __name(readBody, "readBody");
  async function control(verb, req, res) {
    if (verb === "stats") return { status: 200, bytes: jsonAnswer(res, log.snapshot()) };
    if (verb === "stop") {
      const bytes = jsonAnswer(res, log.snapshot());
      res.on("finish", () => resolveStopped());
      return { status: 200, bytes };
    }
    try {
      await enableServing(parseServeSettings(JSON.parse(await readBody(req))));
      return { status: 200, bytes: jsonAnswer(res, { serving: true }) };
    } catch (error) {
      return { status: 400, bytes: textAnswer(res, 400, error instanceof Error ? error.message : String(error), "POST") };
    }
  }
  __name(control, "control");
  server.on("request", (req, res) => {
    const started = Date.now();
    const method = req.method ?? "GET";
    const target = req.url ?? "/";
    const shownPath = target.startsWith("/_setup-goproxy/") ? "/_setup-goproxy/***" : target;
    const done = /* @__PURE__ */ __name((result) => log.request({ method, path: shownPath, status: result.status, route: result.route, ms: Date.now() - started, bytes: result.bytes, ...result.note === void 0 ? {} : { note: result.note } }), "done");
    const handle = /* @__PURE__ */ __name(async () => {
      if (req.headers[HOP_HEADER] === instance) {
        done({ status: 508, bytes: textAnswer(res, 508, "loop detected: the GOPROXY behind the served module cache leads back to it", method), route: "rejected" });
        return;
      }
      const route = routeRequest(method, target, { token: config.token, upstreams: config.upstreams.length });
      switch (route.kind) {
        case "reject":
          done({ status: route.status, bytes: textAnswer(res, route.status, `${route.status === 404 ? "not found: " : ""}${route.reason}`, method), route: "rejected" });
          return;
        case "control":
          done({ ...await control(route.verb, req, res), route: "control" });
          return;
        case "bridge":
          done({ ...await bridge(route.index, route.rest, req, res), route: "bridge" });
          return;
        case "cache":
          done(await serveCache(route.path, route.query, req, res));
          return;
      }
    }, "handle");
    handle().catch((error) => {
      log.error(`internal error on ${method} ${shownPath}: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) textAnswer(res, 500, "setup-goproxy loopback proxy: internal error (see the post step)", method);
      else res.destroy();
    });
  });
  if (config.serve !== null) await enableServing(config.serve);
  return {
    stopped,
    async listen() {
      await new Promise((resolve, reject) => {
        server.once("error", (error) => reject(error.code === "EADDRINUSE" ? new Error(`127.0.0.1:${config.port} is already in use`) : error));
        server.listen({ host: "127.0.0.1", port: config.port, exclusive: true }, () => {
          server.removeAllListeners("error");
          resolve();
        });
      });
      port = server.address().port;
      if (serving !== null) serving.targets = fallbackTargets(serving.settings.fallback);
      return port;
    },
    async close() {
      await new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      await Promise.all([bridgeClient.close(), plain?.close()]);
    }
  };
}
__name(createLocalProxyServer, "createLocalProxyServer");

// src/localproxy/run.ts
function say(line) {
  try {
    writeSync2(1, `${line}
`);
  } catch {
  }
}
__name(say, "say");
async function runLocalProxyProcess(configPath) {
  if (configPath === void 0 || configPath === "") {
    say(`${FAILED_PREFIX}no configuration file given`);
    process.exitCode = 2;
    return;
  }
  let log = null;
  try {
    let text;
    try {
      text = await readFile(configPath, "utf8");
    } finally {
      await rm(configPath, { force: true });
    }
    const config = parseLocalProxyConfig(text);
    const proxyLog = new ProxyLog(config.logFile, [...config.netrc.map((entry) => entry.password), config.token]);
    log = proxyLog;
    process.on("uncaughtException", (error) => {
      try {
        writeSync2(2, `${(/* @__PURE__ */ new Date()).toISOString()} crash: ${proxyLog.redact(error instanceof Error ? `${error.name}: ${error.message}` : String(error)).replace(/\s+/g, " ").slice(0, 500)}
`);
      } finally {
        process.exit(CRASH_EXIT_CODE);
      }
    });
    const server = await createLocalProxyServer(config, proxyLog);
    const port = await server.listen();
    proxyLog.write(`listening on 127.0.0.1:${port} (pid ${process.pid}; ${config.upstreams.length} bridged entr${config.upstreams.length === 1 ? "y" : "ies"}${config.serve === null ? "" : "; serving the module cache"})`);
    const stop = /* @__PURE__ */ __name(async (why) => {
      proxyLog.write(`stopping: ${why}`);
      const stats = proxyLog.snapshot();
      proxyLog.write(`${stats.requests} requests, ${stats.errors} errors, peak RSS ${Math.round(stats.maxRssBytes / 1048576)} MiB`);
      await server.close();
      proxyLog.close();
      process.exit(0);
    }, "stop");
    process.once("SIGTERM", () => void stop("SIGTERM"));
    process.once("SIGINT", () => void stop("SIGINT"));
    void server.stopped.then(() => stop("the post step asked"));
    say(`${READY_PREFIX}${port}`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log?.write(`could not start: ${message}`);
    log?.close();
    say(`${FAILED_PREFIX}${log === null ? message : log.redact(message)}`);
    process.exit(1);
  }
}
__name(runLocalProxyProcess, "runLocalProxyProcess");

// src/entry/proxy.ts
await runLocalProxyProcess(process.argv[2]);
