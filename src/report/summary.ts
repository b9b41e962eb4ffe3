// The job summary, as pure text: what a person needs at a glance (each variable with its value,
// source and status; the problems with their fix; probe results; how modules are routed),
// always under the runner's 1 MiB per-step cap whatever the input.

import type { Problem, Severity } from '../problems.js';
import type { ModuleRoute } from '../config/routing.js';

export const SUMMARY_BYTE_BUDGET = 900 * 1024;

export interface VariableRow {
  name: string;
  /** Already redacted. */
  value: string;
  source: string;
  status: Severity | 'ok';
  /** Already redacted; set when the action exports a different value than it found. */
  exported?: string;
}

export interface SummarySection {
  heading: string;
  /** Markdown body; built by the caller from the helpers below. */
  body: string;
}

export interface SummaryModel {
  title: string;
  goDescription: string;
  variables: VariableRow[];
  problems: Problem[];
  modules: ModuleRoute[];
  /** Extra sections (probe, cache, ...) placed after the variables. */
  sections: SummarySection[];
}

const statusIcon: Record<VariableRow['status'], string> = { ok: '✅ ok', notice: 'ℹ️ notice', warning: '⚠️ warning', error: '❌ error' };

export function escapeCell(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function code(text: string): string {
  return text === '' ? '_(empty)_' : `<code>${escapeCell(text)}</code>`;
}

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}

/** Adds rows while the table stays under `budget` bytes; says how many rows were left out. */
export function boundedTable(header: readonly string[], rows: readonly (readonly string[])[], budget: number): string {
  const kept: (readonly string[])[] = [];
  let size = markdownTable(header, []).length;
  for (const row of rows) {
    const rowSize = Buffer.byteLength(`| ${row.join(' | ')} |\n`);
    if (size + rowSize > budget) break;
    kept.push(row);
    size += rowSize;
  }
  const omitted = rows.length - kept.length;
  return markdownTable(header, kept) + (omitted > 0 ? `\n_${omitted} more row(s) not shown (summary size limit); see the action outputs._\n` : '');
}

export function countBySeverity(problems: readonly Problem[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  for (const problem of problems) counts[problem.severity] += 1;
  return counts;
}

export function renderSummary(model: SummaryModel, budget = SUMMARY_BYTE_BUDGET): string {
  const counts = countBySeverity(model.problems);
  const verdict = counts.error > 0 ? '❌' : counts.warning > 0 ? '⚠️' : '✅';
  const parts: string[] = [];
  parts.push(`## ${verdict} ${escapeCell(model.title)}\n`);
  parts.push(`${counts.error} error(s), ${counts.warning} warning(s), ${counts.notice} notice(s). ${escapeCell(model.goDescription)}\n`);

  parts.push('### Go module environment\n');
  parts.push(
    markdownTable(
      ['Variable', 'Effective value', 'Source', 'Status'],
      model.variables.map((row) => [
        `<code>${row.name}</code>`,
        row.exported !== undefined && row.exported !== row.value ? `${code(row.value)} → exported ${code(row.exported)}` : code(row.value),
        escapeCell(row.source),
        statusIcon[row.status],
      ]),
    ),
  );

  for (const section of model.sections) parts.push(`### ${escapeCell(section.heading)}\n`, section.body);

  const used = (): number => Buffer.byteLength(parts.join('\n'));
  parts.push('### Problems\n');
  if (model.problems.length === 0) {
    parts.push('> No problems found.\n');
  } else {
    const problemBudget = Math.max(4096, Math.floor((budget - used()) * 0.6));
    parts.push(
      boundedTable(
        ['', 'Problem', 'Where', 'Fix'],
        model.problems.map((problem) => [
          statusIcon[problem.severity],
          `<b>${escapeCell(problem.code)}</b><br>${escapeCell(problem.message)}`,
          problem.file === undefined ? '' : escapeCell(`${problem.file}${problem.line === undefined ? '' : `:${problem.line}`}`),
          escapeCell(problem.fix ?? ''),
        ]),
        problemBudget,
      ),
    );
  }

  parts.push('### How the workspace\'s modules are fetched\n');
  if (model.modules.length === 0) {
    parts.push('> No required modules found (no go.mod / go.work under the working directory, or no `require`).\n');
  } else {
    const direct = model.modules.filter((route) => !route.viaProxy).length;
    const unchecked = model.modules.filter((route) => !route.checkedBySumdb).length;
    parts.push(`${model.modules.length} requirement(s): ${model.modules.length - direct} through GOPROXY, ${direct} direct (GONOPROXY); ${model.modules.length - unchecked} verified by the checksum database, ${unchecked} not (GONOSUMDB or GOSUMDB=off).\n`);
    const rows = [...model.modules]
      .sort((a, b) => Number(a.viaProxy) - Number(b.viaProxy) || a.path.localeCompare(b.path))
      .map((route) => [
        code(route.path),
        escapeCell(route.version),
        route.viaProxy ? 'proxy' : '**direct**',
        route.checkedBySumdb ? 'checksum database' : '**not checked**',
        escapeCell(`${route.goModFile}:${route.line}`),
      ]);
    parts.push(boundedTable(['Module', 'Version', 'Fetched', 'Verified by', 'Required in'], rows, Math.max(2048, budget - used() - 512)));
  }
  return `${parts.join('\n')}\n`;
}
