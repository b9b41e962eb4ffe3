import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  NO_LOCAL_PROXY,
  localProxySummary,
  noLocalProxy
} from "./chunk-PDLFQQJU.js";
import {
  InputError
} from "./chunk-6PXY3W7Y.js";
import {
  CONFIG_VERSION,
  DEFAULT_TIMEOUTS,
  FAILED_PREFIX,
  READY_PREFIX,
  networkEnvOf
} from "./chunk-RMJ64FQT.js";
import {
  isPublicDefaultProxy
} from "./chunk-C2CKZ3L6.js";
import {
  hostAsWritten
} from "./chunk-OZQOQNGW.js";
import {
  formatProxyList,
  parseProxyList
} from "./chunk-ELAIAVPO.js";
import {
  redactProxyList
} from "./chunk-U5PTCI5V.js";
import "./chunk-4T6WLE4C.js";
import {
  controlRequest
} from "./chunk-VXHLGPX5.js";
import {
  LOCAL_PROXY_STATE_KEY,
  encodeLocalProxyState
} from "./chunk-MXP77CJX.js";
import "./chunk-DL4VYVM3.js";
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/localproxy/phase.ts
import { mkdir } from "node:fs/promises";
import path2 from "node:path";

// src/localproxy/launch.ts
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
var LocalProxyStartError = class extends Error {
  static {
    __name(this, "LocalProxyStartError");
  }
  constructor(message) {
    super(message);
    this.name = "LocalProxyStartError";
  }
};
var PASSED_ENV = ["PATH", "SystemRoot", "windir", "TEMP", "TMP", "TMPDIR", "HOME", "USERPROFILE", "LANG", "LC_ALL", "RUNNER_TRACKING_ID"];
function proxyEnvironment(env) {
  const wanted = new Set(PASSED_ENV.map((name) => name.toLowerCase()));
  return Object.fromEntries(Object.entries(env).filter((entry) => entry[1] !== void 0 && wanted.has(entry[0].toLowerCase())));
}
__name(proxyEnvironment, "proxyEnvironment");
var PROXY_NODE_FLAGS = ["--liftoff-only", "--max-semi-space-size=1"];
function proxySpawnOptions(platform, env, cwd, logFd) {
  return {
    cwd,
    env: proxyEnvironment(env),
    detached: true,
    stdio: ["ignore", "pipe", logFd],
    ...platform === "win32" ? { windowsHide: true } : {}
  };
}
__name(proxySpawnOptions, "proxySpawnOptions");
function readyLine(line) {
  if (line.startsWith(READY_PREFIX)) {
    const port = Number(line.slice(READY_PREFIX.length).trim());
    return Number.isInteger(port) && port > 0 && port <= 65535 ? { port } : { failed: "an unreadable ready line" };
  }
  if (line.startsWith(FAILED_PREFIX)) return { failed: line.slice(FAILED_PREFIX.length).trim().slice(0, 500) };
  return null;
}
__name(readyLine, "readyLine");
function waitForReady(child, timeoutMs) {
  return new Promise((resolve) => {
    let buffered = "";
    let settled = false;
    const settle = /* @__PURE__ */ __name((outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    }, "settle");
    const timer = setTimeout(() => settle({ failed: `it did not report ready within ${timeoutMs / 1e3} s` }), timeoutMs);
    child.stdout?.setEncoding("utf8");
    child.stdout?.on("data", (chunk) => {
      buffered = (buffered + chunk).slice(-65536);
      let newline = buffered.indexOf("\n");
      while (newline >= 0) {
        const outcome = readyLine(buffered.slice(0, newline).replace(/\r$/, ""));
        buffered = buffered.slice(newline + 1);
        if (outcome !== null) settle(outcome);
        newline = buffered.indexOf("\n");
      }
    });
    child.on("error", (error) => settle({ failed: `it could not be started (${error.message})` }));
    child.on("exit", (code, signal) => settle({ failed: `it exited before it was ready (${signal === null ? `exit code ${code}` : `signal ${signal}`})` }));
  });
}
__name(waitForReady, "waitForReady");
function exited(child, waitMs) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, waitMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
__name(exited, "exited");
async function logTail(file, lines) {
  const text = await readFile(file, "utf8").catch(() => "");
  return text.split("\n").filter((line) => line.trim() !== "").slice(-lines).join(" | ").slice(-600);
}
__name(logTail, "logTail");
async function launchLocalProxy(options) {
  const dir = await mkdtemp(path.join(options.runnerTemp, "setup-goproxy-proxy-"));
  const configFile = path.join(dir, "config.json");
  const logFile = path.join(dir, "proxy.log");
  const token = randomBytes(24).toString("hex");
  const config = { version: CONFIG_VERSION, token, logFile, ...options.config };
  let child = null;
  try {
    await writeFile(configFile, JSON.stringify(config), { mode: 384, flag: "wx" });
    const log = await open(logFile, "a", 384);
    try {
      child = spawn(options.command.file, [...PROXY_NODE_FLAGS, ...options.command.args, configFile], proxySpawnOptions(options.platform, options.env, options.command.cwd ?? options.runnerTemp, log.fd));
    } finally {
      await log.close();
    }
    const outcome = await waitForReady(child, options.readyTimeoutMs);
    if ("failed" in outcome) {
      const tail = await logTail(logFile, 3);
      throw new LocalProxyStartError(`The loopback proxy did not start: ${outcome.failed}.${tail === "" ? "" : ` Its log ends with: ${tail}`}`);
    }
    if (child.pid === void 0) throw new LocalProxyStartError("The loopback proxy did not start: no process id");
    child.stdout?.destroy();
    child.unref();
    return { pid: child.pid, port: outcome.port, url: `http://127.0.0.1:${outcome.port}`, token, dir, configFile, logFile };
  } catch (error) {
    if (child !== null && child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
      await exited(child, 3e3);
    }
    await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => void 0);
    if (error instanceof LocalProxyStartError) throw error;
    throw new LocalProxyStartError(`The loopback proxy did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}
__name(launchLocalProxy, "launchLocalProxy");

// src/localproxy/plan.ts
function withoutTrailingSlash(url) {
  return url.replace(/\/+$/, "");
}
__name(withoutTrailingSlash, "withoutTrailingSlash");
function isHttpsEntry(entry) {
  return entry.kind === "url" && entry.parsed?.scheme === "https";
}
__name(isHttpsEntry, "isHttpsEntry");
function entryHost(entry) {
  return (hostAsWritten(entry.url) ?? "").toLowerCase();
}
__name(entryHost, "entryHost");
function names(item, entry) {
  const lowered = item.toLowerCase();
  if (!item.includes("/")) return entryHost(entry) === lowered;
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(item) ? item : `https://${item}`;
  return withoutTrailingSlash(url).toLowerCase() === withoutTrailingSlash(entry.url).toLowerCase();
}
__name(names, "names");
function planBridge(goproxy, gonoproxy, selection, platform) {
  const parse = parseProxyList(goproxy, gonoproxy, { windows: platform === "win32" });
  if (!parse.ok) return null;
  const httpsEntries = parse.entries.filter(isHttpsEntry);
  let chosen;
  if (selection.length === 0) {
    chosen = httpsEntries.filter((entry) => !isPublicDefaultProxy((entry.parsed?.host ?? "").replace(/:\d+$/, "")));
  } else {
    chosen = [];
    for (const item of selection) {
      const matches = parse.entries.filter((entry) => entry.kind === "url" && names(item, entry));
      if (matches.length === 0 || !matches.some(isHttpsEntry)) {
        const listed = httpsEntries.map((entry) => redactProxyList(entry.url)).join(", ") || "none";
        throw new InputError(
          "client-certificate-proxies",
          item,
          matches.length === 0 ? `it names no entry of GOPROXY (its https entries: ${listed})` : "that GOPROXY entry is not https, and a client certificate is only presented over TLS",
          "Name https GOPROXY entries by URL or host[:port], one per line, or leave the input empty to bridge every https entry that is not proxy.golang.org."
        );
      }
      chosen.push(...matches.filter(isHttpsEntry));
    }
  }
  const upstreams = [];
  for (const entry of chosen) {
    if (!upstreams.some((upstream) => upstream.url === entry.url)) upstreams.push({ index: upstreams.length + 1, url: entry.url });
  }
  return upstreams.length === 0 ? null : { upstreams, entries: parse.entries };
}
__name(planBridge, "planBridge");
function bridgeUrl(port, index) {
  return `http://127.0.0.1:${port}/${index}`;
}
__name(bridgeUrl, "bridgeUrl");
function rewriteGoproxy(plan, port) {
  return formatProxyList(
    plan.entries.map((entry) => {
      const upstream = plan.upstreams.find((candidate) => candidate.url === entry.url && isHttpsEntry(entry));
      return { url: upstream === void 0 ? entry.url : bridgeUrl(port, upstream.index), separator: entry.separator };
    })
  );
}
__name(rewriteGoproxy, "rewriteGoproxy");
function httpsHosts(lists) {
  const hosts = /* @__PURE__ */ new Set();
  for (const list of lists) {
    const parse = parseProxyList(list, "");
    if (!parse.ok) continue;
    for (const entry of parse.entries) if (isHttpsEntry(entry)) hosts.add(entryHost(entry));
  }
  return hosts;
}
__name(httpsHosts, "httpsHosts");

// src/localproxy/phase.ts
var DEFAULT_READY_TIMEOUT_MS = 15e3;
function startFailed(error, what) {
  const message = error instanceof LocalProxyStartError ? error.message : `The loopback proxy did not start: ${error instanceof Error ? error.message : String(error)}`;
  return { severity: "error", code: "LOCAL_PROXY_FAILED", message: `${message} ${what}`, fix: "Re-run the job; if it fails again, report it with this log (re-run with debug logging)." };
}
__name(startFailed, "startFailed");
function stateOf(proxy) {
  return { [LOCAL_PROXY_STATE_KEY]: encodeLocalProxyState({ version: 1, pid: proxy.pid, port: proxy.port, token: proxy.token, dir: proxy.dir, configFile: proxy.configFile, logFile: proxy.logFile }) };
}
__name(stateOf, "stateOf");
async function launch(context, upstreams, serve) {
  const hosts = httpsHosts(context.proxyLists);
  return launchLocalProxy({
    runnerTemp: context.runnerTemp,
    command: context.command,
    readyTimeoutMs: context.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
    env: context.env,
    platform: context.platform,
    config: {
      port: 0,
      upstreams,
      clientCertificate: context.inputs.clientCertificate,
      netrc: context.netrc.filter((entry) => hosts.has(entry.machine.toLowerCase())),
      networkEnv: networkEnvOf(context.env),
      timeouts: context.timeouts ?? DEFAULT_TIMEOUTS,
      serve,
      platform: context.platform
    }
  });
}
__name(launch, "launch");
async function startBridge(context, goproxy, gonoproxy) {
  const none = noLocalProxy(goproxy);
  if (context.inputs.clientCertificate === null) return none;
  const plan = planBridge(goproxy, gonoproxy, context.inputs.certificateProxies, context.platform);
  if (plan === null) {
    return {
      ...none,
      problems: [{
        severity: "warning",
        code: "CLIENT_CERTIFICATE_UNUSED",
        variable: "client-certificate",
        setIn: "input",
        message: `client-certificate is set, but GOPROXY (${redactProxyList(goproxy)}) has no https entry that needs it, so nothing is bridged.`,
        fix: "Put the mTLS proxy in GOPROXY, or name it in client-certificate-proxies (proxy.golang.org is never bridged unless named)."
      }]
    };
  }
  let running;
  try {
    running = await launch(context, plan.upstreams, null);
  } catch (error) {
    return { ...none, problems: [startFailed(error, "GOPROXY was left as configured, so the go command will meet the client-certificate request itself and fail.")] };
  }
  return {
    goproxy: rewriteGoproxy(plan, running.port),
    running,
    result: {
      url: running.url,
      bridged: plan.upstreams.map((upstream) => ({ index: upstream.index, exported: bridgeUrl(running.port, upstream.index), upstream: redactProxyList(upstream.url) })),
      servingModules: false,
      moduleProxy: ""
    },
    state: stateOf(running),
    problems: [],
    secrets: [running.token]
  };
}
__name(startBridge, "startBridge");
async function startServing(context, current, serve) {
  if (!context.inputs.serveModules) return current;
  if (serve.gomodcache === "") {
    return { ...current, problems: [...current.problems, { severity: "error", code: "LOCAL_PROXY_FAILED", variable: "serve-modules", setIn: "input", message: "serve-modules is true, but GOMODCACHE is unknown (no go command was found), so there is no module cache to serve.", fix: "Install Go before this action (or set go-version), or set serve-modules: false." }] };
  }
  const settings = { downloadDir: path2.join(serve.gomodcache, "cache", "download"), fallback: serve.fallback, gonoproxy: serve.gonoproxy };
  await mkdir(settings.downloadDir, { recursive: true });
  const serving = /* @__PURE__ */ __name((running) => ({
    ...current,
    running,
    result: { ...current.result, url: running.url, servingModules: true, moduleProxy: running.url },
    state: stateOf(running),
    secrets: [running.token]
  }), "serving");
  if (current.running !== null) {
    try {
      const answer = await controlRequest(current.running.port, current.running.token, "serve", settings, 1e4);
      if (answer.status !== 200) throw new Error(answer.body.trim().slice(0, 300));
      return serving(current.running);
    } catch (error) {
      return { ...current, problems: [...current.problems, startFailed(error, "The module cache is not served (module-proxy is empty).")] };
    }
  }
  try {
    return serving(await launch(context, [], settings));
  } catch (error) {
    return { ...current, problems: [...current.problems, startFailed(error, "The module cache is not served (module-proxy is empty).")] };
  }
}
__name(startServing, "startServing");
export {
  NO_LOCAL_PROXY,
  localProxySummary,
  startBridge,
  startServing
};
