import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/localproxy/result.ts
var NO_LOCAL_PROXY = { url: null, bridged: [], servingModules: false, moduleProxy: "" };
function noLocalProxy(goproxy) {
  return { goproxy, running: null, result: NO_LOCAL_PROXY, state: {}, problems: [], secrets: [] };
}
__name(noLocalProxy, "noLocalProxy");
function localProxySummary(result) {
  if (result.url === null) return "";
  const lines = [];
  if (result.bridged.length > 0) {
    lines.push("The go command cannot present a TLS client certificate, so these GOPROXY entries go through the action's loopback mTLS bridge:", "", "| GOPROXY entry | exported as |", "|---|---|");
    for (const entry of result.bridged) lines.push(`| \`${entry.upstream}\` | \`${entry.exported}\` |`);
    lines.push("");
  }
  if (result.servingModules) lines.push(`The module cache is served read-only at \`${result.moduleProxy}\` (output \`module-proxy\`); what it lacks is asked from the job's GOPROXY.`, "");
  lines.push("The post step stops the proxy and reports its requests and errors.", "");
  return lines.join("\n");
}
__name(localProxySummary, "localProxySummary");

export {
  NO_LOCAL_PROXY,
  noLocalProxy,
  localProxySummary
};
