// Markdown bodies for the job summary's module-cache section (pure). The lead places them under
// a heading; both stay small (failures are bounded) whatever the workspace.

import { boundedTable, escapeCell, markdownTable } from '../../report/summary.js';
import { formatBytes, formatSeconds } from '../report.js';

export interface MainSummaryData {
  key: string | null;
  matchedKey: string | null;
  hit: 'true' | 'partial' | 'false';
  /** Why caching did not run, when it did not. */
  cacheSkipped: string | null;
  archiveBytes: number | null;
  restoreMs: number | null;
  preexisting: boolean;
  merged: { added: number; kept: number } | null;
  downloadMs: number | null;
  /** Why the download did not run although asked for (an exact hit). */
  downloadSkipped: string | null;
  /** Modules of the workspace (what go mod download reported) and how many came from the network. */
  modulesInWorkspace: number;
  modulesFetched: number;
  proxiesUsed: string[];
  failures: Array<{ path: string; version: string; error: string; fix: string }>;
  gomodcache: string | null;
  layout: string;
}

export interface PostSummaryData {
  result: string;
  key: string | null;
  archiveBytes: number | null;
  modulesInArchive: number | null;
  pruned: number | null;
  saveMs: number | null;
}

const HIT_TEXT: Record<MainSummaryData['hit'], string> = { true: '✅ exact hit', partial: '🟡 partial (restored by prefix)', false: '⚪ miss' };

export function renderMainSummary(d: MainSummaryData): string {
  const code = (s: string): string => `<code>${escapeCell(s)}</code>`;
  const rows: string[][] = [];
  if (d.cacheSkipped !== null) rows.push(['Cache', escapeCell(d.cacheSkipped)]);
  else {
    rows.push(['Key', d.key === null ? '–' : code(d.key)]);
    rows.push(['Hit', HIT_TEXT[d.hit] + (d.hit === 'partial' && d.matchedKey !== null ? ` from ${code(d.matchedKey)}` : '')]);
    rows.push(['Archive size', formatBytes(d.archiveBytes)]);
    rows.push(['Restore', formatSeconds(d.restoreMs) + (d.preexisting && d.merged !== null ? ` (merged into an existing module cache: ${d.merged.added} added, ${d.merged.kept} already there)` : '')]);
  }
  rows.push(['Download', d.downloadMs === null ? (d.downloadSkipped === null ? 'not run' : `skipped (${escapeCell(d.downloadSkipped)})`) : `${formatSeconds(d.downloadMs)}: ${d.modulesInWorkspace} module(s) in the workspace, ${d.modulesFetched} fetched from the network${d.proxiesUsed.length > 0 ? ` (retried through ${d.proxiesUsed.map(code).join(', ')})` : ''}`]);
  if (d.gomodcache !== null) rows.push(['GOMODCACHE', `${code(d.gomodcache)} (archived: ${d.layout === 'download' ? '<code>cache/download</code> only' : 'everything'})`]);
  let body = markdownTable(['', ''], rows);
  if (d.failures.length > 0) {
    body += `\n**${d.failures.length} module(s) could not be downloaded:**\n\n`;
    body += boundedTable(
      ['Module', 'Version', 'Error', 'Fix'],
      d.failures.map((f) => [code(f.path), escapeCell(f.version), escapeCell(f.error.length > 500 ? `${f.error.slice(0, 500)}…` : f.error), escapeCell(f.fix)]),
      32 * 1024,
    );
  }
  return body;
}

export function renderPostSummary(d: PostSummaryData): string {
  const rows: string[][] = [['Save', escapeCell(d.result)]];
  if (d.key !== null) rows.push(['Key', `<code>${escapeCell(d.key)}</code>`]);
  if (d.archiveBytes !== null) rows.push(['Archive size', formatBytes(d.archiveBytes)]);
  if (d.modulesInArchive !== null) rows.push(['Modules archived', String(d.modulesInArchive)]);
  if (d.pruned !== null) rows.push(['Pruned (in the cache, not needed by the module graph)', String(d.pruned)]);
  if (d.saveMs !== null) rows.push(['Time', formatSeconds(d.saveMs)]);
  return markdownTable(['', ''], rows);
}
