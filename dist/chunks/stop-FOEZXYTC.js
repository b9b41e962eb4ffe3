import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  controlRequest
} from "./chunk-VXHLGPX5.js";
import {
  decodeLocalProxyState
} from "./chunk-MXP77CJX.js";
import "./chunk-DL4VYVM3.js";
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/localproxy/stop.ts
import { execFile } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { promisify } from "node:util";
var execFileAsync = promisify(execFile);
var defaultExec = /* @__PURE__ */ __name((file, args) => execFileAsync(file, args, { timeout: 1e4, windowsHide: true }), "defaultExec");
function processTools(platform, exec = defaultExec, readText = (file) => readFile(file, "utf8")) {
  return {
    isAlive(pid) {
      try {
        process.kill(pid, 0);
        return true;
      } catch (error) {
        return error.code === "EPERM";
      }
    },
    kill(pid) {
      try {
        process.kill(pid, platform === "win32" ? "SIGTERM" : "SIGKILL");
      } catch {
      }
    },
    async commandLine(pid) {
      try {
        if (platform === "linux") {
          const text2 = (await readText(`/proc/${pid}/cmdline`)).split("\0").join(" ").trim();
          return text2 === "" ? null : text2;
        }
        const { stdout } = platform === "win32" ? await exec("powershell.exe", ["-NoProfile", "-NonInteractive", "-Command", `(Get-CimInstance Win32_Process -Filter "ProcessId=${pid}").CommandLine`]) : await exec("ps", ["-o", "command=", "-p", String(pid)]);
        const text = stdout.trim();
        return text === "" ? null : text;
      } catch {
        return null;
      }
    }
  };
}
__name(processTools, "processTools");
async function waitUntilGone(tools, pid, waitMs) {
  const until = Date.now() + waitMs;
  while (tools.isAlive(pid)) {
    if (Date.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}
__name(waitUntilGone, "waitUntilGone");
function parseStats(body) {
  try {
    const value = JSON.parse(body);
    return typeof value.requests === "number" ? value : null;
  } catch {
    return null;
  }
}
__name(parseStats, "parseStats");
async function logTail(file, count) {
  const text = await readFile(file, "utf8").catch(() => "");
  return text.split("\n").filter((line) => line.trim() !== "").slice(-count).map((line) => line.length > 300 ? `${line.slice(0, 299)}\u2026` : line);
}
__name(logTail, "logTail");
function mib(bytes) {
  return `${(bytes / 1048576).toFixed(0)} MiB`;
}
__name(mib, "mib");
function describeStats(stats) {
  const parts = [`${stats.requests} request${stats.requests === 1 ? "" : "s"}`];
  const routes = [`${stats.bridged} bridged`, ...stats.servingModules ? [`${stats.servedFromCache} from the module cache`, `${stats.fellThrough} from the job's GOPROXY`] : []];
  parts.push(`(${routes.join(", ")})`);
  const statuses = Object.entries(stats.byStatus).filter(([, count]) => count > 0).map(([bucket, count]) => `${bucket} ${count}`);
  return `${parts.join(" ")}${statuses.length === 0 ? "" : `, ${statuses.join(" / ")}`}, ${stats.errors} error${stats.errors === 1 ? "" : "s"}, peak memory ${mib(stats.maxRssBytes)}`;
}
__name(describeStats, "describeStats");
async function stopLocalProxy(stateText, options) {
  if (stateText === "") return { outcome: "not-started", stats: null, lines: [], problems: [] };
  const state = decodeLocalProxyState(stateText);
  if (state === null) {
    return {
      outcome: "unreadable-state",
      stats: null,
      lines: [],
      problems: [{ severity: "warning", code: "LOCAL_PROXY_STOP_FAILED", message: "The saved state of the loopback proxy is unreadable: it was not stopped by the post step (the runner stops it when the job ends).", fix: "This is a bug in the action: please report it." }]
    };
  }
  const tools = options.tools ?? processTools(options.platform);
  const where = `the loopback proxy (pid ${state.pid}, http://127.0.0.1:${state.port})`;
  const problems = [];
  const lines = [];
  let stats = null;
  try {
    const answer = await controlRequest(state.port, state.token, "stop", void 0, options.controlTimeoutMs ?? 5e3);
    if (answer.status === 200) stats = parseStats(answer.body);
  } catch {
    stats = null;
  }
  let outcome;
  if (stats !== null) {
    outcome = await waitUntilGone(tools, state.pid, options.exitWaitMs ?? 5e3) ? "stopped" : "killed";
    if (outcome === "killed") {
      tools.kill(state.pid);
      await waitUntilGone(tools, state.pid, 2e3);
    }
    lines.push(`setup-goproxy: ${where}: ${describeStats(stats)}; ${outcome === "stopped" ? "stopped" : "killed after it did not exit"}.`);
    if (stats.errors > 0) {
      for (const error of stats.recentErrors.slice(-10)) lines.push(`  error: ${error}`);
      problems.push({
        severity: "warning",
        code: "LOCAL_PROXY_ERRORS",
        message: `${where} could not get ${stats.errors} answer${stats.errors === 1 ? "" : "s"} from upstream; the last: ${stats.recentErrors[stats.recentErrors.length - 1] ?? "unknown"}`,
        fix: "See the errors in the post step's log; the probe in the main step reports the same failure classes with their fixes."
      });
    }
  } else {
    const tail = await logTail(state.logFile, 5);
    const alive = tools.isAlive(state.pid);
    const ours = alive && (await tools.commandLine(state.pid) ?? "").includes(state.configFile);
    if (ours) {
      tools.kill(state.pid);
      await waitUntilGone(tools, state.pid, 3e3);
      outcome = "unresponsive";
      problems.push({
        severity: "warning",
        code: "LOCAL_PROXY_UNRESPONSIVE",
        message: `${where} did not answer the post step, so it was killed; go commands that used it may have hung or failed.${tail.length === 0 ? "" : ` Its log ends with: ${tail.join(" | ")}`}`,
        fix: "Re-run the job; if it happens again, report it with this log."
      });
    } else {
      outcome = "died";
      problems.push({
        severity: "warning",
        code: "LOCAL_PROXY_DIED",
        message: `${where} was not running when the post step started: go commands after it ended failed with "connection refused" for that URL.${tail.length === 0 ? "" : ` Its log ends with: ${tail.join(" | ")}`}`,
        fix: "Check whether a step killed background processes or the runner ran out of memory; otherwise report it with this log."
      });
    }
    lines.push(`setup-goproxy: ${where} ${outcome === "died" ? "had died before the post step" : "did not answer and was killed"}.`);
  }
  try {
    await rm(state.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  } catch (error) {
    problems.push({ severity: "warning", code: "LOCAL_PROXY_STOP_FAILED", message: `The loopback proxy's directory ${state.dir} could not be removed (${error.code ?? "error"}).`, fix: "Delete it by hand on a self-hosted runner; on hosted runners RUNNER_TEMP is emptied after the job." });
  }
  return { outcome, stats, lines, problems };
}
__name(stopLocalProxy, "stopLocalProxy");
export {
  describeStats,
  processTools,
  stopLocalProxy
};
