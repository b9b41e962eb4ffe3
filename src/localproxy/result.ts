// What the main step keeps of the loopback proxy, and its summary section: light (no process or
// network code), so main imports it at start-up and loads phase.ts only when the proxy is wanted.

import type { Problem } from '../problems.js';
import type { LaunchedProxy } from './launch.js';

/** What the route picture and the summary need to know about the loopback proxy. */
export interface LocalProxyResult {
  /** http://127.0.0.1:<port>, or null when no loopback proxy runs. */
  url: string | null;
  /** Each bridged GOPROXY entry: its number, its loopback URL in the exported GOPROXY, and the real upstream (userinfo redacted). */
  bridged: Array<{ index: number; exported: string; upstream: string }>;
  /** Whether $GOMODCACHE/cache/download is served (serve-modules). */
  servingModules: boolean;
  /** The module-proxy output: the served cache's URL, or '' when not serving. */
  moduleProxy: string;
}

export const NO_LOCAL_PROXY: LocalProxyResult = { url: null, bridged: [], servingModules: false, moduleProxy: '' };

export interface LocalProxyStart {
  /** GOPROXY after the bridge (unchanged when nothing is bridged). */
  goproxy: string;
  running: LaunchedProxy | null;
  result: LocalProxyResult;
  /** Action state for the post step; save it at once. */
  state: Record<string, string>;
  problems: Problem[];
  /** The control token: register it as a secret. */
  secrets: string[];
}

/** No loopback proxy: GOPROXY as it is. */
export function noLocalProxy(goproxy: string): LocalProxyStart {
  return { goproxy, running: null, result: NO_LOCAL_PROXY, state: {}, problems: [], secrets: [] };
}

/** A short job-summary section, or '' when no loopback proxy runs. */
export function localProxySummary(result: LocalProxyResult): string {
  if (result.url === null) return '';
  const lines: string[] = [];
  if (result.bridged.length > 0) {
    lines.push('The go command cannot present a TLS client certificate, so these GOPROXY entries go through the action\'s loopback mTLS bridge:', '', '| GOPROXY entry | exported as |', '|---|---|');
    for (const entry of result.bridged) lines.push(`| \`${entry.upstream}\` | \`${entry.exported}\` |`);
    lines.push('');
  }
  if (result.servingModules) lines.push(`The module cache is served read-only at \`${result.moduleProxy}\` (output \`module-proxy\`); what it lacks is asked from the job's GOPROXY.`, '');
  lines.push('The post step stops the proxy and reports its requests and errors.', '');
  return lines.join('\n');
}
