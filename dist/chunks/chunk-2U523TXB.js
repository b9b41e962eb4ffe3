import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
import {
  excerpt,
  redactForDisplay
} from "./chunk-U5PTCI5V.js";
import {
  __name
} from "./chunk-WFYHVRTH.js";

// src/report/summary.ts
var SUMMARY_BYTE_BUDGET = 900 * 1024;
var statusIcon = { ok: "\u2705 ok", notice: "\u2139\uFE0F notice", warning: "\u26A0\uFE0F warning", error: "\u274C error" };
function escapeCell(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}
__name(escapeCell, "escapeCell");
function code(text) {
  return text === "" ? "_(empty)_" : `<code>${cell(text, 1e3)}</code>`;
}
__name(code, "code");
function markdownTable(header, rows) {
  const lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`];
  for (const row of rows) lines.push(`| ${row.join(" | ")} |`);
  return `${lines.join("\n")}
`;
}
__name(markdownTable, "markdownTable");
function boundedTable(header, rows, budget, maxRows = Number.POSITIVE_INFINITY) {
  const kept = [];
  let size = Buffer.byteLength(markdownTable(header, []));
  for (const row of rows) {
    if (kept.length >= maxRows) break;
    const rowSize = Buffer.byteLength(`| ${row.join(" | ")} |
`);
    if (size + rowSize > budget) break;
    kept.push(row);
    size += rowSize;
  }
  const omitted = rows.length - kept.length;
  return markdownTable(header, kept) + (omitted > 0 ? `
_${omitted} more row(s) not shown (summary size limit); see the action outputs._
` : "");
}
__name(boundedTable, "boundedTable");
var CELL_CHARS = 2e3;
function cell(text, maxChars = CELL_CHARS) {
  return escapeCell(excerpt(redactForDisplay(text), maxChars));
}
__name(cell, "cell");
function fitText(text, budget) {
  if (Buffer.byteLength(text) <= budget) return text;
  const noteReserve = 200;
  const lines = text.split("\n");
  let used = 0;
  let kept = 0;
  while (kept < lines.length) {
    const size = Buffer.byteLength(lines[kept]) + 1;
    if (used + size > budget - noteReserve) break;
    used += size;
    kept++;
  }
  const head = lines.slice(0, kept);
  const opened = head.reduce((n, line) => n + countOf(line, "<details") - countOf(line, "</details>"), 0);
  const fenceOpen = head.filter((line) => line.trimStart().startsWith("```")).length % 2 === 1;
  const closers = `${fenceOpen ? "```\n" : ""}${opened > 0 ? "</details>\n".repeat(Math.min(opened, 20)) : ""}`;
  const note = `
_${lines.length - kept} more line(s) of this section not shown (summary size limit)._
`;
  const out = `${head.join("\n")}
${closers}${note}`;
  return Buffer.byteLength(out) <= budget ? out : note.slice(0, Math.max(0, budget));
}
__name(fitText, "fitText");
function countOf(text, needle) {
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}
__name(countOf, "countOf");
function countBySeverity(problems) {
  const counts = { error: 0, warning: 0, notice: 0 };
  for (const problem of problems) counts[problem.severity] += 1;
  return counts;
}
__name(countBySeverity, "countBySeverity");
function renderSummary(model, budget = SUMMARY_BYTE_BUDGET) {
  const counts = countBySeverity(model.problems);
  const verdict = counts.error > 0 ? "\u274C" : counts.warning > 0 ? "\u26A0\uFE0F" : "\u2705";
  const head = [];
  head.push(`## ${verdict} ${cell(model.title, 200)}
`);
  head.push(`${counts.error} error(s), ${counts.warning} warning(s), ${counts.notice} notice(s). ${cell(model.goDescription, 500)}
`);
  head.push("### Go module environment\n");
  head.push(
    boundedTable(
      ["Variable", "Effective value", "Source", "Status"],
      model.variables.map((row) => [
        `<code>${cell(row.name, 100)}</code>`,
        row.exported !== void 0 && row.exported !== row.value ? `${code(row.value)} \u2192 exported ${code(row.exported)}` : code(row.value),
        cell(row.source, 500),
        statusIcon[row.status]
      ]),
      Math.floor(budget / 10)
    )
  );
  const size = /* @__PURE__ */ __name((parts) => Buffer.byteLength(parts.join("\n")) + parts.length, "size");
  const available = budget - size(head) - 64;
  const problems = ["### Problems\n"];
  if (model.problems.length === 0) {
    problems.push("> No problems found.\n");
  } else {
    problems.push(
      boundedTable(
        ["", "Problem", "Where", "Fix"],
        model.problems.map((problem) => [
          statusIcon[problem.severity],
          `<b>${cell(problem.code, 100)}</b><br>${cell(problem.message)}`,
          problem.file === void 0 ? "" : cell(`${problem.file}${problem.line === void 0 ? "" : `:${problem.line}`}`, 500),
          cell(problem.fix ?? "")
        ]),
        Math.max(2048, Math.floor(available * 0.5))
      )
    );
  }
  const modulesHead = ["### How the workspace's modules are fetched\n"];
  const direct = model.modules.filter((route) => !route.viaProxy).length;
  const unchecked = model.modules.filter((route) => !route.checkedBySumdb).length;
  if (model.modules.length === 0) {
    modulesHead.push("> No required modules found (no go.mod / go.work under the working directory, or no `require`).\n");
  } else {
    modulesHead.push(`${model.modules.length} requirement(s): ${model.modules.length - direct} through GOPROXY, ${direct} direct (GONOPROXY); ${model.modules.length - unchecked} verified by the checksum database, ${unchecked} not (GONOSUMDB or GOSUMDB=off).
`);
  }
  const afterProblems = available - size(problems) - size(modulesHead);
  const moduleReserve = model.modules.length === 0 ? 0 : Math.min(64 * 1024, Math.floor(afterProblems / 4));
  let sectionBudget = afterProblems - moduleReserve;
  const sections = [];
  model.sections.forEach((section, index) => {
    const share = Math.max(0, Math.floor(sectionBudget / (model.sections.length - index)));
    const text = fitText(`### ${cell(section.heading, 200)}

${redactForDisplay(section.body)}`, share);
    sectionBudget -= Buffer.byteLength(text) + 1;
    sections.push(text);
  });
  const modules = [...modulesHead];
  if (model.modules.length > 0) {
    const rows = [...model.modules].sort((a, b) => Number(a.viaProxy) - Number(b.viaProxy) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((route) => [
      code(route.path),
      cell(route.version, 200),
      route.viaProxy ? "proxy" : "**direct**",
      route.checkedBySumdb ? "checksum database" : "**not checked**",
      cell(`${route.goModFile}:${route.line}`, 500)
    ]);
    const left = budget - size(head) - size(sections) - size(problems) - size(modules) - 64;
    modules.push(boundedTable(["Module", "Version", "Fetched", "Verified by", "Required in"], rows, Math.max(0, left)));
  }
  return `${[...head, ...sections, ...problems, ...modules].join("\n")}
`;
}
__name(renderSummary, "renderSummary");

export {
  escapeCell,
  markdownTable,
  boundedTable,
  cell,
  renderSummary
};
