import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  goFields,
  tryProxies,
  walkElements
} from "./chunk-ELAIAVPO.js";
import {
  boundedTable,
  cell,
  escapeCell
} from "./chunk-2U523TXB.js";
import {
  displayText,
  displayValue,
  redactProxyList
} from "./chunk-U5PTCI5V.js";
import {
  formatGoURL,
  formatGoURLStruct,
  parseGoURL
} from "./chunk-4T6WLE4C.js";
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/go/gosumdb.ts
import { createHash } from "node:crypto";
var KNOWN_GOSUMDB = {
  "sum.golang.org": "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8"
};
var GOSUMDB_ALIASES = {
  "sum.golang.google.cn": "sum.golang.org https://sum.golang.google.cn"
};
var ERR_VERIFIER_ID = "malformed verifier id";
var ERR_VERIFIER_HASH = "invalid verifier hash";
var ERR_VERIFIER_ALG = "unknown verifier algorithm";
var ALG_ED25519 = 1;
function decodeStdBase64(s) {
  const clean = s.replace(/[\r\n]/g, "");
  if (clean.length % 4 !== 0) return null;
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const out = [];
  for (let q = 0; q < clean.length; q += 4) {
    const quantum = clean.slice(q, q + 4);
    const pad = quantum.indexOf("=");
    if (pad >= 0) {
      if (q + 4 !== clean.length || pad < 2 || !/^=+$/.test(quantum.slice(pad))) return null;
    }
    const data = pad >= 0 ? quantum.slice(0, pad) : quantum;
    let bits = 0;
    for (const ch of data) {
      const v = alphabet.indexOf(ch);
      if (v < 0) return null;
      bits = bits << 6 | v;
    }
    if (data.length === 4) out.push(bits >> 16 & 255, bits >> 8 & 255, bits & 255);
    else if (data.length === 3) out.push(bits >> 10 & 255, bits >> 2 & 255);
    else out.push(bits >> 4 & 255);
  }
  return Uint8Array.from(out);
}
__name(decodeStdBase64, "decodeStdBase64");
function verifierKeyHash(name, key) {
  const digest = createHash("sha256").update(name, "utf8").update("\n").update(key).digest();
  return digest.readUInt32BE(0);
}
__name(verifierKeyHash, "verifierKeyHash");
function isValidName(name) {
  if (name === "" || name.includes("+")) return false;
  if (/[\uD800-\uDFFF]/.test(name.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ""))) return false;
  return goFields(name).length === 1 && goFields(name)[0] === name;
}
__name(isValidName, "isValidName");
function checkVerifierKey(vkey) {
  const chop = /* @__PURE__ */ __name((s) => {
    const i = s.indexOf("+");
    return i < 0 ? [s, ""] : [s.slice(0, i), s.slice(i + 1)];
  }, "chop");
  const [name, afterName] = chop(vkey);
  const [hash16, key64] = chop(afterName);
  const hashOk = /^[0-9a-fA-F]{8}$/.test(hash16);
  const key = decodeStdBase64(key64);
  if (!hashOk || key === null || !isValidName(name) || key.length === 0) return { ok: false, error: ERR_VERIFIER_ID };
  if (parseInt(hash16, 16) !== verifierKeyHash(name, key)) return { ok: false, error: ERR_VERIFIER_HASH };
  if (key[0] !== ALG_ED25519) return { ok: false, error: ERR_VERIFIER_ALG };
  if (key.length - 1 !== 32) return { ok: false, error: ERR_VERIFIER_ID };
  return { ok: true, name };
}
__name(checkVerifierKey, "checkVerifierKey");
function parseGosumdb(value) {
  const rewritten = GOSUMDB_ALIASES[value] ?? value;
  if (rewritten === "off") return { ok: true, config: { kind: "off" } };
  const fields = goFields(rewritten);
  if (fields.length === 0) return { ok: false, error: "missing GOSUMDB" };
  const key = KNOWN_GOSUMDB[fields[0]] ?? fields[0];
  if (fields.length > 2) return { ok: false, error: "invalid GOSUMDB: too many fields" };
  const verified = checkVerifierKey(key);
  if (!verified.ok) return { ok: false, error: `invalid GOSUMDB: ${verified.error}` };
  const name = verified.name;
  const direct = parseGoURL("https://" + name);
  if (!direct.ok) {
    return { ok: false, error: `invalid sumdb name (must be host[/path]): ${name} (${direct.error})` };
  }
  const d = direct.url;
  const onlyHostPath = d.opaque === "" && d.username === null && !(d.omitHost ?? false) && !d.forceQuery && d.rawQuery === "" && d.fragment === "" && (d.rawFragment ?? "") === "";
  if (name.endsWith("/") || !onlyHostPath || (d.rawPath ?? "") !== "" || d.host === "") {
    return { ok: false, error: `invalid sumdb name (must be host[/path]): ${name} ${formatGoURLStruct(d)}` };
  }
  let url = null;
  if (fields.length === 2) {
    const parsed = parseGoURL(fields[1]);
    if (!parsed.ok) return { ok: false, error: `invalid GOSUMDB URL: ${parsed.error}` };
    url = formatGoURL(parsed.url);
  }
  return { ok: true, config: { kind: "db", name, verifierKey: key, url } };
}
__name(parseGosumdb, "parseGosumdb");
function directSumdbURL(name) {
  return "https://" + name;
}
__name(directSumdbURL, "directSumdbURL");
function joinURLPath(base, rel) {
  const trimOne = /* @__PURE__ */ __name((s) => s.endsWith("/") ? s.slice(0, -1) : s, "trimOne");
  const parsed = parseGoURL(base);
  if (!parsed.ok) return trimOne(base) + "/" + rel;
  const u = parsed.url;
  return formatGoURL({ ...u, path: trimOne(u.path) + "/" + rel, rawPath: trimOne(u.rawPath ?? "") + "/" + rel });
}
__name(joinURLPath, "joinURLPath");
function planSumdbRoute(config, proxyList, supported) {
  if (config.kind === "off") return { via: "off", baseUrl: null, proxiesAsked: [], reason: "GOSUMDB=off: no checksum database" };
  if (config.url !== null) {
    return { via: "explicit-url", baseUrl: config.url, proxiesAsked: [], reason: `GOSUMDB names an explicit URL; GOPROXY is bypassed for ${config.name}` };
  }
  const proxiesAsked = [];
  const elements = walkElements(proxyList);
  const walk = tryProxies(elements, (element) => {
    if (element.url === "noproxy") return { kind: "not-found", error: "path does not match GOPRIVATE/GONOPROXY", noproxyDeclined: true };
    if (element.url === "direct" || element.url === "off") return { kind: "not-found", error: "module lookup disabled by GOPROXY=off" };
    proxiesAsked.push(element.url);
    const outcome = supported(element.url);
    if (outcome === "ok") return { kind: "ok" };
    return outcome === "not-found" ? { kind: "not-found", error: `${element.url}: not found` } : { kind: "error", error: `${element.url}: error` };
  });
  const served = walk.servedBy === null ? null : elements[walk.servedBy]?.url ?? null;
  if (served !== null) {
    return { via: "proxy", baseUrl: joinURLPath(served, `sumdb/${config.name}`), proxiesAsked, reason: `${served} answered /sumdb/${config.name}/supported with 200` };
  }
  if (walk.errorIsNotFound || walk.error === null) {
    return { via: "direct", baseUrl: directSumdbURL(config.name), proxiesAsked, reason: "no proxy offers the checksum database (404/410, direct or off): the go command connects to it directly" };
  }
  const failing = walk.errorFrom === null ? null : elements[walk.errorFrom]?.url ?? null;
  return {
    via: "fails",
    baseUrl: null,
    proxiesAsked,
    reason: `${failing ?? "a proxy"} failed /sumdb/${config.name}/supported with an error other than 404/410: checksum verification fails`
  };
}
__name(planSumdbRoute, "planSumdbRoute");

// src/probe/report.ts
var PROBE_TABLE_ROWS = 100;
var PROBE_SECTION_BYTES = 96 * 1024;
function probeProblems(input) {
  const problems = [];
  input.results.forEach((result) => {
    if (result.ok) return;
    const cause = `${displayText(result.message)}${result.errorClass === null ? "" : ` [${result.errorClass}]`}`;
    const url = displayValue(result.url);
    if (result.role === "fallback") {
      problems.push({ severity: "notice", code: "FALLBACK_UNHEALTHY", variable: "fallback-proxies", setIn: "input", message: `The fallback proxy ${url} is not usable: ${cause}. It was not added.`, ...result.fix === null ? {} : { fix: result.fix } });
      return;
    }
    const consequence = input.onUnreachable === "fallback" ? input.decision.outcome === "nothing-left" ? "Nothing healthy could replace it." : "It was removed from the exported GOPROXY." : input.onUnreachable === "fail" ? 'on-unreachable is "fail".' : "GOPROXY was kept as configured (on-unreachable: warn): go commands will wait on it or fail.";
    problems.push({
      severity: input.onUnreachable === "fail" ? "error" : "warning",
      code: result.verdict === "refused" ? "PROXY_REFUSED" : "PROXY_UNHEALTHY",
      variable: "GOPROXY",
      message: `GOPROXY entry ${url} failed the probe: ${cause}. ${consequence}`,
      ...result.fix === null ? {} : { fix: result.fix }
    });
  });
  for (const refused of input.decision.refused) {
    problems.push({ severity: "warning", code: "FALLBACK_REFUSED_PRIVATE_LEAK", variable: "fallback-proxies", setIn: "input", message: `The fallback ${displayValue(refused.url)} was not added: ${displayText(refused.reason)}.`, fix: "Cover every private module path with GOPRIVATE or GONOPROXY, or use a private fallback mirror." });
  }
  if (input.decision.outcome === "direct-only") {
    problems.push({ severity: "warning", code: "PROXY_DIRECT_ONLY", variable: "GOPROXY", message: 'No proxy in GOPROXY is healthy and no fallback could replace them: GOPROXY is exported as "direct", so every module is fetched from its origin (slower, needs git and network access to each host).', fix: "Fix the proxies above, or give a healthy mirror in fallback-proxies." });
  } else if (input.decision.outcome === "nothing-left") {
    problems.push({ severity: "error", code: "PROXY_NONE_HEALTHY", variable: "GOPROXY", message: 'No proxy in GOPROXY is healthy, no fallback could replace them and the list has no "direct": module downloads will fail.', fix: 'Fix the proxies above, give a healthy mirror in fallback-proxies, or end GOPROXY with "|direct".' });
  }
  const sumdb = input.sumdb;
  if (sumdb !== null && sumdb.route.via === "fails") {
    problems.push({ severity: "error", code: "SUMDB_ROUTE_FAILS", variable: "GOPROXY", message: `Checksum verification will fail: ${displayText(redactProxyList(sumdb.route.reason))}.`, fix: "Fix that proxy, or make it answer 404 on /sumdb/<name>/supported, or give GOSUMDB an explicit URL." });
  } else if (sumdb?.probe != null && !sumdb.probe.ok) {
    problems.push({ severity: "warning", code: "SUMDB_UNREACHABLE", variable: "GOSUMDB", message: `The checksum database at ${displayValue(sumdb.probe.baseUrl)} (${describeRoute(sumdb)}) failed the probe: ${displayText(sumdb.probe.message)}${sumdb.probe.errorClass === null ? "" : ` [${sumdb.probe.errorClass}]`}. Modules missing from go.sum cannot be verified.`, ...sumdb.probe.fix === null ? {} : { fix: sumdb.probe.fix } });
  }
  return problems;
}
__name(probeProblems, "probeProblems");
function describeRoute(sumdb) {
  switch (sumdb.route.via) {
    case "proxy":
      return "through a proxy";
    case "direct":
      return "direct";
    case "explicit-url":
      return "the URL in GOSUMDB";
    default:
      return sumdb.route.via;
  }
}
__name(describeRoute, "describeRoute");
function probeResultsOutput(results, sumdb) {
  const rows = results.map((result) => ({ url: result.url, role: result.role, ok: result.ok, verdict: result.verdict, status: result.status, latencyMs: result.latencyMs, errorClass: result.errorClass, message: result.message, fix: result.fix }));
  if (sumdb?.probe != null) {
    const probe = sumdb.probe;
    rows.push({ url: probe.baseUrl, role: "sumdb", ok: probe.ok, verdict: probe.ok ? "healthy" : "unhealthy", status: probe.status, latencyMs: probe.latencyMs, errorClass: probe.errorClass, message: probe.message, fix: probe.fix });
  }
  return rows;
}
__name(probeResultsOutput, "probeResultsOutput");
var verdictIcon = { healthy: "\u2705 healthy", refused: "\u26D4 refused", unhealthy: "\u274C unhealthy" };
function probeSummaryBody(original, results, decision, sumdb) {
  const rows = probeResultsOutput(results, sumdb).map((row) => [
    `<code>${cell(row.url, 500)}</code>`,
    row.role,
    verdictIcon[row.verdict] ?? row.verdict,
    `${row.latencyMs} ms`,
    cell(row.status === null ? row.message : `HTTP ${row.status}: ${row.message}`, 1e3),
    cell(row.fix ?? "", 1e3)
  ]);
  const parts = [rows.length === 0 ? "> No http(s) or file proxy to probe (GOPROXY is direct or off).\n" : boundedTable(["Endpoint", "Role", "Verdict", "Latency", "Cause", "Fix"], rows, PROBE_SECTION_BYTES - 8192, PROBE_TABLE_ROWS)];
  const before = displayValue(original, 1e3);
  const after = displayValue(decision.goproxy, 1e3);
  parts.push(decision.changed ? `
**GOPROXY** changed: <code>${escapeCell(before)}</code> \u2192 <code>${escapeCell(after)}</code>
` : `
**GOPROXY** unchanged: <code>${escapeCell(after)}</code>
`);
  if (sumdb !== null) parts.push(`
**Checksum database**: ${cell(routeSentence(sumdb), 2e3)}
`);
  return parts.join("");
}
__name(probeSummaryBody, "probeSummaryBody");
function routeSentence(sumdb) {
  const reason = redactProxyList(sumdb.route.reason);
  if (sumdb.route.via === "fails") return `verification fails: ${reason}`;
  const verdict = sumdb.probe === null ? "not probed" : sumdb.probe.ok ? `reachable (${sumdb.probe.latencyMs} ms)` : `NOT reachable: ${sumdb.probe.message}`;
  return `${redactProxyList(sumdb.route.baseUrl ?? "")} (${describeRoute(sumdb)}; ${reason}), ${verdict}`;
}
__name(routeSentence, "routeSentence");

export {
  decodeStdBase64,
  checkVerifierKey,
  parseGosumdb,
  planSumdbRoute,
  probeProblems,
  probeResultsOutput,
  probeSummaryBody
};
