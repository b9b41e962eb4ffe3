// Pure: the probe phase's problems, its job-summary section and the probe-results output.

import type { Problem } from '../problems.js';
import { redactProxyList } from '../go/redact.js';
import type { ProbeResult, ProbeTarget } from './probe.js';
import type { FallbackDecision, OnUnreachable } from './fallback.js';
import type { SumdbCheck } from './phase.js';
import { boundedTable, cell, escapeCell } from '../report/summary.js';
import { displayText, displayValue } from '../report/bounds.js';

/** Rows of the probe table: a list of proxies longer than this is not read row by row anyway. */
export const PROBE_TABLE_ROWS = 100;
/** Bytes of the probe section of the summary. */
export const PROBE_SECTION_BYTES = 96 * 1024;

export interface ProbeReportInput {
  targets: readonly ProbeTarget[];
  results: readonly ProbeResult[];
  decision: FallbackDecision;
  sumdb: SumdbCheck | null;
  onUnreachable: OnUnreachable;
}

export function probeProblems(input: ProbeReportInput): Problem[] {
  const problems: Problem[] = [];
  input.results.forEach((result) => {
    if (result.ok) return;
    const cause = `${displayText(result.message)}${result.errorClass === null ? '' : ` [${result.errorClass}]`}`;
    const url = displayValue(result.url);
    if (result.role === 'fallback') {
      problems.push({ severity: 'notice', code: 'FALLBACK_UNHEALTHY', variable: 'fallback-proxies', setIn: 'input', message: `The fallback proxy ${url} is not usable: ${cause}. It was not added.`, ...(result.fix === null ? {} : { fix: result.fix }) });
      return;
    }
    const consequence =
      input.onUnreachable === 'fallback'
        ? input.decision.outcome === 'nothing-left'
          ? 'Nothing healthy could replace it.'
          : 'It was removed from the exported GOPROXY.'
        : input.onUnreachable === 'fail'
          ? 'on-unreachable is "fail".'
          : 'GOPROXY was kept as configured (on-unreachable: warn): go commands will wait on it or fail.';
    problems.push({
      severity: input.onUnreachable === 'fail' ? 'error' : 'warning',
      code: result.verdict === 'refused' ? 'PROXY_REFUSED' : 'PROXY_UNHEALTHY',
      variable: 'GOPROXY',
      message: `GOPROXY entry ${url} failed the probe: ${cause}. ${consequence}`,
      ...(result.fix === null ? {} : { fix: result.fix }),
    });
  });
  for (const refused of input.decision.refused) {
    problems.push({ severity: 'warning', code: 'FALLBACK_REFUSED_PRIVATE_LEAK', variable: 'fallback-proxies', setIn: 'input', message: `The fallback ${displayValue(refused.url)} was not added: ${displayText(refused.reason)}.`, fix: 'Cover every private module path with GOPRIVATE or GONOPROXY, or use a private fallback mirror.' });
  }
  if (input.decision.outcome === 'direct-only') {
    problems.push({ severity: 'warning', code: 'PROXY_DIRECT_ONLY', variable: 'GOPROXY', message: 'No proxy in GOPROXY is healthy and no fallback could replace them: GOPROXY is exported as "direct", so every module is fetched from its origin (slower, needs git and network access to each host).', fix: 'Fix the proxies above, or give a healthy mirror in fallback-proxies.' });
  } else if (input.decision.outcome === 'nothing-left') {
    problems.push({ severity: 'error', code: 'PROXY_NONE_HEALTHY', variable: 'GOPROXY', message: 'No proxy in GOPROXY is healthy, no fallback could replace them and the list has no "direct": module downloads will fail.', fix: 'Fix the proxies above, give a healthy mirror in fallback-proxies, or end GOPROXY with "|direct".' });
  }
  const sumdb = input.sumdb;
  if (sumdb !== null && sumdb.route.via === 'fails') {
    problems.push({ severity: 'error', code: 'SUMDB_ROUTE_FAILS', variable: 'GOPROXY', message: `Checksum verification will fail: ${displayText(redactProxyList(sumdb.route.reason))}.`, fix: 'Fix that proxy, or make it answer 404 on /sumdb/<name>/supported, or give GOSUMDB an explicit URL.' });
  } else if (sumdb?.probe != null && !sumdb.probe.ok) {
    problems.push({ severity: 'warning', code: 'SUMDB_UNREACHABLE', variable: 'GOSUMDB', message: `The checksum database at ${displayValue(sumdb.probe.baseUrl)} (${describeRoute(sumdb)}) failed the probe: ${displayText(sumdb.probe.message)}${sumdb.probe.errorClass === null ? '' : ` [${sumdb.probe.errorClass}]`}. Modules missing from go.sum cannot be verified.`, ...(sumdb.probe.fix === null ? {} : { fix: sumdb.probe.fix }) });
  }
  return problems;
}

function describeRoute(sumdb: SumdbCheck): string {
  switch (sumdb.route.via) {
    case 'proxy':
      return 'through a proxy';
    case 'direct':
      return 'direct';
    case 'explicit-url':
      return 'the URL in GOSUMDB';
    default:
      return sumdb.route.via;
  }
}

export interface ProbeResultOutput {
  url: string;
  role: 'proxy' | 'fallback' | 'sumdb';
  ok: boolean;
  verdict: string;
  status: number | null;
  latencyMs: number;
  errorClass: string | null;
  message: string;
  fix: string | null;
}

export function probeResultsOutput(results: readonly ProbeResult[], sumdb: SumdbCheck | null): ProbeResultOutput[] {
  const rows: ProbeResultOutput[] = results.map((result) => ({ url: result.url, role: result.role, ok: result.ok, verdict: result.verdict, status: result.status, latencyMs: result.latencyMs, errorClass: result.errorClass, message: result.message, fix: result.fix }));
  if (sumdb?.probe != null) {
    const probe = sumdb.probe;
    rows.push({ url: probe.baseUrl, role: 'sumdb', ok: probe.ok, verdict: probe.ok ? 'healthy' : 'unhealthy', status: probe.status, latencyMs: probe.latencyMs, errorClass: probe.errorClass, message: probe.message, fix: probe.fix });
  }
  return rows;
}

const verdictIcon: Record<string, string> = { healthy: '✅ healthy', refused: '⛔ refused', unhealthy: '❌ unhealthy' };

export function probeSummaryBody(original: string, results: readonly ProbeResult[], decision: FallbackDecision, sumdb: SumdbCheck | null): string {
  const rows = probeResultsOutput(results, sumdb).map((row) => [
    `<code>${cell(row.url, 500)}</code>`,
    row.role,
    verdictIcon[row.verdict] ?? row.verdict,
    `${row.latencyMs} ms`,
    cell(row.status === null ? row.message : `HTTP ${row.status}: ${row.message}`, 1000),
    cell(row.fix ?? '', 1000),
  ]);
  // Capped like every table: many fallbacks (or a huge GOPROXY) must not crowd out the rest.
  const parts = [rows.length === 0 ? '> No http(s) or file proxy to probe (GOPROXY is direct or off).\n' : boundedTable(['Endpoint', 'Role', 'Verdict', 'Latency', 'Cause', 'Fix'], rows, PROBE_SECTION_BYTES - 8192, PROBE_TABLE_ROWS)];
  const before = displayValue(original, 1000);
  const after = displayValue(decision.goproxy, 1000);
  parts.push(decision.changed ? `\n**GOPROXY** changed: <code>${escapeCell(before)}</code> → <code>${escapeCell(after)}</code>\n` : `\n**GOPROXY** unchanged: <code>${escapeCell(after)}</code>\n`);
  if (sumdb !== null) parts.push(`\n**Checksum database**: ${cell(routeSentence(sumdb), 2000)}\n`);
  return parts.join('');
}

function routeSentence(sumdb: SumdbCheck): string {
  const reason = redactProxyList(sumdb.route.reason);
  if (sumdb.route.via === 'fails') return `verification fails: ${reason}`;
  const verdict = sumdb.probe === null ? 'not probed' : sumdb.probe.ok ? `reachable (${sumdb.probe.latencyMs} ms)` : `NOT reachable: ${sumdb.probe.message}`;
  return `${redactProxyList(sumdb.route.baseUrl ?? '')} (${describeRoute(sumdb)}; ${reason}), ${verdict}`;
}
