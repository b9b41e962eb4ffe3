// Markdown bodies for the job summary's build-cache section (pure; bounded: a fixed set of rows).

import { escapeCell, markdownTable } from '../report/summary.js';
import { formatBytes, formatSeconds } from '../cache/report.js';

export interface BuildMainSummary {
  skipped: string | null;
  key: string | null;
  matchedKey: string | null;
  archiveBytes: number | null;
  restoreMs: number | null;
  entriesRestored: number | null;
  merged: { added: number; kept: number } | null;
  gocache: string | null;
  aged: number | null;
}

export interface BuildPostSummary {
  result: string;
  key: string | null;
  used: number | null;
  trimmed: number | null;
  added: number | null;
  archiveBytes: number | null;
  ms: number | null;
}

const code = (s: string): string => `<code>${escapeCell(s)}</code>`;

export function renderBuildMainSummary(d: BuildMainSummary): string {
  const rows: string[][] = [];
  if (d.skipped !== null) rows.push(['Build cache', escapeCell(d.skipped)]);
  else {
    rows.push(['Key', d.key === null ? '–' : code(d.key)]);
    rows.push(['Restored from', d.matchedKey === null ? '⚪ nothing (miss)' : `✅ ${code(d.matchedKey)}`]);
    rows.push(['Archive size', formatBytes(d.archiveBytes)]);
    rows.push([
      'Entries restored',
      d.entriesRestored === null ? '–' : `${d.entriesRestored}${d.merged !== null && d.merged.kept > 0 ? ` (merged into an existing GOCACHE: ${d.merged.kept} already there)` : ''}`,
    ]);
    rows.push(['Restore', formatSeconds(d.restoreMs)]);
    if (d.aged !== null) rows.push(['Trim', `${d.aged} entries aged; what this job does not use is left out of the saved archive`]);
  }
  if (d.gocache !== null) rows.push(['GOCACHE', code(d.gocache)]);
  return markdownTable(['', ''], rows);
}

export function renderBuildPostSummary(d: BuildPostSummary): string {
  const rows: string[][] = [['Save', escapeCell(d.result)]];
  if (d.key !== null) rows.push(['Key', code(d.key)]);
  if (d.used !== null && d.trimmed !== null && d.added !== null) rows.push(['Entries used / trimmed / new', `${d.used} / ${d.trimmed} / ${d.added}`]);
  if (d.archiveBytes !== null) rows.push(['Archive size', formatBytes(d.archiveBytes)]);
  if (d.ms !== null) rows.push(['Time', formatSeconds(d.ms)]);
  return markdownTable(['', ''], rows);
}
