// The job summary, as pure text: what a person needs at a glance (each variable with its value,
// source and status; the problems with their fix; probe results; how modules are routed),
// always under the runner's 1 MiB per-step cap whatever the input.

import type { Problem, Severity } from '../problems.js';
import { excerpt } from './bounds.js';
import { redactForDisplay } from '../go/redact.js';
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
  return text === '' ? '_(empty)_' : `<code>${cell(text, 1000)}</code>`;
}

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}

/**
 * Adds rows while the table stays under `budget` bytes (and `maxRows` rows); says how many rows
 * were left out.
 */
export function boundedTable(header: readonly string[], rows: readonly (readonly string[])[], budget: number, maxRows = Number.POSITIVE_INFINITY): string {
  const kept: (readonly string[])[] = [];
  let size = Buffer.byteLength(markdownTable(header, []));
  for (const row of rows) {
    if (kept.length >= maxRows) break;
    const rowSize = Buffer.byteLength(`| ${row.join(' | ')} |\n`);
    if (size + rowSize > budget) break;
    kept.push(row);
    size += rowSize;
  }
  const omitted = rows.length - kept.length;
  return markdownTable(header, kept) + (omitted > 0 ? `\n_${omitted} more row(s) not shown (summary size limit); see the action outputs._\n` : '');
}

/** Characters of one table cell: a value or a message is recognisable long before this. */
export const CELL_CHARS = 2000;

/**
 * A cell's text: credentials hidden, at most CELL_CHARS characters, then escaped. (Redacted here,
 * before it is measured: "x://a@h" becomes longer as "x://***@h", so redacting the finished page
 * could push it past the budget.)
 */
export function cell(text: string, maxChars = CELL_CHARS): string {
  return escapeCell(excerpt(redactForDisplay(text), maxChars));
}

/**
 * `text` cut to at most `budget` bytes at a line boundary (so a table keeps whole rows), with a
 * note saying what was left out; an open code block or <details> is closed so the rest of the
 * page renders.
 */
export function fitText(text: string, budget: number): string {
  if (Buffer.byteLength(text) <= budget) return text;
  const noteReserve = 200;
  const lines = text.split('\n');
  let used = 0;
  let kept = 0;
  while (kept < lines.length) {
    const size = Buffer.byteLength(lines[kept]!) + 1;
    if (used + size > budget - noteReserve) break;
    used += size;
    kept++;
  }
  const head = lines.slice(0, kept);
  const opened = head.reduce((n, line) => n + countOf(line, '<details') - countOf(line, '</details>'), 0);
  // A code block (a mermaid diagram) cut open would swallow the rest of the page: close it too.
  const fenceOpen = head.filter((line) => line.trimStart().startsWith('```')).length % 2 === 1;
  const closers = `${fenceOpen ? '```\n' : ''}${opened > 0 ? '</details>\n'.repeat(Math.min(opened, 20)) : ''}`;
  const note = `\n_${lines.length - kept} more line(s) of this section not shown (summary size limit)._\n`;
  const out = `${head.join('\n')}\n${closers}${note}`;
  return Buffer.byteLength(out) <= budget ? out : note.slice(0, Math.max(0, budget));
}

function countOf(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}

export function countBySeverity(problems: readonly Problem[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  for (const problem of problems) counts[problem.severity] += 1;
  return counts;
}

/**
 * The whole summary within `budget` bytes, whatever the model holds: every cell is an excerpt,
 * the problems table gets at most half of what the head leaves, the sections (from the phases)
 * share what the problems leave, each cut to its share, and the module routes get the rest.
 */
export function renderSummary(model: SummaryModel, budget = SUMMARY_BYTE_BUDGET): string {
  const counts = countBySeverity(model.problems);
  const verdict = counts.error > 0 ? '❌' : counts.warning > 0 ? '⚠️' : '✅';
  const head: string[] = [];
  head.push(`## ${verdict} ${cell(model.title, 200)}\n`);
  head.push(`${counts.error} error(s), ${counts.warning} warning(s), ${counts.notice} notice(s). ${cell(model.goDescription, 500)}\n`);

  head.push('### Go module environment\n');
  head.push(
    boundedTable(
      ['Variable', 'Effective value', 'Source', 'Status'],
      model.variables.map((row) => [
        `<code>${cell(row.name, 100)}</code>`,
        row.exported !== undefined && row.exported !== row.value ? `${code(row.value)} → exported ${code(row.exported)}` : code(row.value),
        cell(row.source, 500),
        statusIcon[row.status],
      ]),
      Math.floor(budget / 10),
    ),
  );
  const size = (parts: readonly string[]): number => Buffer.byteLength(parts.join('\n')) + parts.length;
  // The parts are joined with '\n' (one byte each), and the text ends with one more.
  const available = budget - size(head) - 64;

  const problems: string[] = ['### Problems\n'];
  if (model.problems.length === 0) {
    problems.push('> No problems found.\n');
  } else {
    problems.push(
      boundedTable(
        ['', 'Problem', 'Where', 'Fix'],
        model.problems.map((problem) => [
          statusIcon[problem.severity],
          `<b>${cell(problem.code, 100)}</b><br>${cell(problem.message)}`,
          problem.file === undefined ? '' : cell(`${problem.file}${problem.line === undefined ? '' : `:${problem.line}`}`, 500),
          cell(problem.fix ?? ''),
        ]),
        Math.max(2048, Math.floor(available * 0.5)),
      ),
    );
  }

  const modulesHead: string[] = ['### How the workspace\'s modules are fetched\n'];
  const direct = model.modules.filter((route) => !route.viaProxy).length;
  const unchecked = model.modules.filter((route) => !route.checkedBySumdb).length;
  if (model.modules.length === 0) {
    modulesHead.push('> No required modules found (no go.mod / go.work under the working directory, or no `require`).\n');
  } else {
    modulesHead.push(`${model.modules.length} requirement(s): ${model.modules.length - direct} through GOPROXY, ${direct} direct (GONOPROXY); ${model.modules.length - unchecked} verified by the checksum database, ${unchecked} not (GONOSUMDB or GOSUMDB=off).\n`);
  }

  // The sections share what is left after the problems, keeping room for some module rows.
  const afterProblems = available - size(problems) - size(modulesHead);
  const moduleReserve = model.modules.length === 0 ? 0 : Math.min(64 * 1024, Math.floor(afterProblems / 4));
  let sectionBudget = afterProblems - moduleReserve;
  const sections: string[] = [];
  model.sections.forEach((section, index) => {
    const share = Math.max(0, Math.floor(sectionBudget / (model.sections.length - index)));
    const text = fitText(`### ${cell(section.heading, 200)}\n\n${redactForDisplay(section.body)}`, share);
    sectionBudget -= Buffer.byteLength(text) + 1;
    sections.push(text);
  });

  const modules = [...modulesHead];
  if (model.modules.length > 0) {
    const rows = [...model.modules]
      .sort((a, b) => Number(a.viaProxy) - Number(b.viaProxy) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((route) => [
        code(route.path),
        cell(route.version, 200),
        route.viaProxy ? 'proxy' : '**direct**',
        route.checkedBySumdb ? 'checksum database' : '**not checked**',
        cell(`${route.goModFile}:${route.line}`, 500),
      ]);
    const left = budget - size(head) - size(sections) - size(problems) - size(modules) - 64;
    modules.push(boundedTable(['Module', 'Version', 'Fetched', 'Verified by', 'Required in'], rows, Math.max(0, left)));
  }
  return `${[...head, ...sections, ...problems, ...modules].join('\n')}\n`;
}
