import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  planSumdbRoute,
  probeProblems
} from "./chunk-AIYJJUV6.js";
import {
  decideGoproxy,
  privateLookingModules
} from "./chunk-QHPJQ3Q3.js";
import "./chunk-BZ6GQI7H.js";
import "./chunk-C2CKZ3L6.js";
import {
  ProbeNetwork,
  classifyFailure,
  classifyResponse,
  escapeModulePath,
  escapeModuleVersion,
  getLikeGo,
  joinProxyPath,
  probeTargets,
  redactUrl,
  sharedTrust,
  userinfoSecrets
} from "./chunk-OZQOQNGW.js";
import {
  parseProxyList
} from "./chunk-ELAIAVPO.js";
import "./chunk-2U523TXB.js";
import "./chunk-U5PTCI5V.js";
import "./chunk-4T6WLE4C.js";
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/probe/sumdb.ts
function result(baseUrl, classification, status, latencyMs) {
  return {
    baseUrl,
    ok: classification.verdict === "healthy",
    status,
    errorClass: classification.errorClass,
    latencyMs,
    message: classification.message,
    fix: classification.fix
  };
}
__name(result, "result");
async function probeSumdb(baseUrl, options) {
  const budgetEndsAt = Date.now() + options.budgetMs;
  const display = redactUrl(baseUrl).replace(/\/+$/, "");
  let base;
  try {
    base = new URL(baseUrl);
    if (base.protocol !== "https:" && base.protocol !== "http:") throw new Error(`unsupported scheme ${base.protocol}`);
  } catch (error) {
    const reason = error instanceof Error && error.message.startsWith("unsupported") ? error.message : "cannot be parsed";
    const context = { url: display, host: "", endpoint: "sumdb-latest", viaProxy: null, proxyVariable: null };
    return result(display, classifyFailure({ kind: "invalid-url", reason }, context), null, 0);
  }
  let lookupPath = null;
  if (options.lookup !== void 0) {
    lookupPath = joinProxyPath(base.pathname, "lookup", `${escapeModulePath(options.lookup.path)}@${escapeModuleVersion(options.lookup.version)}`);
  }
  const network = new ProbeNetwork({
    connectTimeoutMs: Math.max(1, Math.min(options.connectTimeoutMs ?? 5e3, options.budgetMs)),
    trust: options.trust ?? sharedTrust(options.env, options.platform),
    env: options.env
  });
  const secrets = [...userinfoSecrets(base), ...(options.netrc ?? []).map((n) => n.password)];
  const getContext = {
    network,
    budgetEndsAt,
    requestTimeoutMs: options.requestTimeoutMs ?? Math.min(options.budgetMs, 1e4),
    netrc: options.netrc ?? [],
    secrets
  };
  const ask = /* @__PURE__ */ __name(async (path, endpoint) => {
    const url = new URL(base.href);
    url.pathname = path;
    url.hash = "";
    const outcome = await getLikeGo(url, baseUrl, getContext);
    const context = {
      url: redactUrl(outcome.finalUrl.href),
      host: outcome.finalUrl.host,
      endpoint,
      viaProxy: outcome.proxy?.display ?? null,
      proxyVariable: outcome.proxy?.variable ?? null,
      ...options.platform === void 0 ? {} : { platform: options.platform }
    };
    const classification = outcome.kind === "response" ? classifyResponse(outcome.status, outcome.contentType, outcome.body, context, secrets) : classifyFailure(outcome.failure, context);
    return { outcome, classification };
  }, "ask");
  const statusOf = /* @__PURE__ */ __name((outcome) => outcome.kind === "response" ? outcome.status : null, "statusOf");
  try {
    const latest = await ask(joinProxyPath(base.pathname, "latest"), "sumdb-latest");
    if (latest.classification.verdict !== "healthy" || lookupPath === null) {
      const ok = latest.classification.verdict === "healthy";
      const classification = ok ? { ...latest.classification, message: `${display}: serves a signed tree head (/latest 200)` } : latest.classification;
      return result(display, classification, statusOf(latest.outcome), latest.outcome.latencyMs);
    }
    const lookup = await ask(lookupPath, "sumdb-lookup");
    const latencyMs = latest.outcome.latencyMs + lookup.outcome.latencyMs;
    if (lookup.classification.verdict !== "healthy") return result(display, lookup.classification, statusOf(lookup.outcome), latencyMs);
    const lookedUp = `${options.lookup?.path ?? ""}@${options.lookup?.version ?? ""}`;
    return result(display, { ...lookup.classification, message: `${display}: serves /latest and a record for ${lookedUp}` }, statusOf(lookup.outcome), latencyMs);
  } finally {
    await network.close();
  }
}
__name(probeSumdb, "probeSumdb");

// src/probe/phase.ts
var PROXY_SHARE = 0.65;
var MODULES_TO_PROBE = 3;
async function runProbePhase(input) {
  const started = Date.now();
  const proxyEntries = input.parse.entries.filter((entry) => entry.kind === "url");
  const targets = [
    ...proxyEntries.map((entry) => ({ url: entry.url, role: "proxy" })),
    ...input.fallbacks.filter((entry) => !proxyEntries.some((p) => p.url === entry.url)).map((entry) => ({ url: entry.url, role: "fallback" }))
  ];
  const modules = selectProbeModules(input.routes);
  const sumdbName = input.sumdb?.kind === "db" && input.sumdb.url === null ? input.sumdb.name : null;
  const results = targets.length === 0 ? [] : await probeTargets(targets, { modules, sumdbName, budgetMs: Math.max(500, Math.floor(input.budgetMs * PROXY_SHARE)), env: input.env, netrc: input.netrc });
  const health = /* @__PURE__ */ new Map();
  targets.forEach((target, index) => health.set(target.url, results[index]?.ok ?? false));
  const decision = decideGoproxy(
    {
      entries: input.parse.entries,
      fallbacks: input.fallbacks,
      health,
      onUnreachable: input.onUnreachable,
      goprivate: input.goprivate,
      gonoproxy: input.gonoproxy,
      privateModulePaths: privateLookingModules(
        input.routes.map((route) => route.path),
        input.parse.entries,
        input.goprivate,
        input.gonoproxy
      )
    },
    input.goproxy
  );
  const remaining = input.budgetMs - (Date.now() - started);
  const sumdb = input.sumdb === null || input.sumdb.kind === "off" ? null : await checkSumdb(input, decision.goproxy, targets, results, remaining);
  const alternatives = healthyAlternatives(decision.goproxy, targets, results);
  return { results, sumdb, decision, problems: probeProblems({ targets, results, decision, sumdb, onUnreachable: input.onUnreachable }), alternatives };
}
__name(runProbePhase, "runProbePhase");
function selectProbeModules(routes) {
  const seen = /* @__PURE__ */ new Set();
  const picked = [];
  for (const route of routes) {
    if (!route.viaProxy || seen.has(route.path) || route.version === "") continue;
    seen.add(route.path);
    picked.push({ path: route.path, version: route.version });
    if (picked.length === MODULES_TO_PROBE) break;
  }
  return picked;
}
__name(selectProbeModules, "selectProbeModules");
async function checkSumdb(input, exported, targets, results, remainingMs) {
  if (input.sumdb === null || input.sumdb.kind !== "db") return null;
  const exportedList = parseProxyList(exported, input.gonoproxy);
  if (!exportedList.ok) return null;
  const supportedOf = /* @__PURE__ */ __name((url) => {
    const index = targets.findIndex((target) => target.url === url);
    const answer = index < 0 ? "not-asked" : results[index]?.sumdbSupported ?? "not-asked";
    return answer === "yes" ? "ok" : answer === "error" ? "error" : "not-found";
  }, "supportedOf");
  const route = planSumdbRoute(input.sumdb, exportedList, supportedOf);
  if (route.baseUrl === null) return { route, probe: null };
  const lookup = input.routes.find((candidate) => candidate.checkedBySumdb && candidate.viaProxy && candidate.version !== "");
  const probe = await probeSumdb(route.baseUrl, {
    ...lookup === void 0 ? {} : { lookup: { path: lookup.path, version: lookup.version } },
    budgetMs: Math.max(300, remainingMs),
    env: input.env,
    netrc: input.netrc
  });
  return { route, probe };
}
__name(checkSumdb, "checkSumdb");
function healthyAlternatives(exported, targets, results) {
  const healthy = targets.filter((_, index) => results[index]?.ok === true).map((target) => target.url);
  const tail = /(?:^|[,|])\s*(direct|off)\s*$/.exec(exported)?.[1];
  return healthy.map((url) => tail === void 0 ? url : `${url}|${tail}`).filter((value) => value !== exported);
}
__name(healthyAlternatives, "healthyAlternatives");
export {
  runProbePhase,
  selectProbeModules
};
