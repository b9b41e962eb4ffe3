import { createRequire as __setupGoproxyCreateRequire } from 'node:module'; const require = __setupGoproxyCreateRequire(import.meta.url);
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
  return text === "" ? "_(empty)_" : `<code>${escapeCell(text)}</code>`;
}
__name(code, "code");
function markdownTable(header, rows) {
  const lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`];
  for (const row of rows) lines.push(`| ${row.join(" | ")} |`);
  return `${lines.join("\n")}
`;
}
__name(markdownTable, "markdownTable");
function boundedTable(header, rows, budget) {
  const kept = [];
  let size = markdownTable(header, []).length;
  for (const row of rows) {
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
function countBySeverity(problems) {
  const counts = { error: 0, warning: 0, notice: 0 };
  for (const problem of problems) counts[problem.severity] += 1;
  return counts;
}
__name(countBySeverity, "countBySeverity");
function renderSummary(model, budget = SUMMARY_BYTE_BUDGET) {
  const counts = countBySeverity(model.problems);
  const verdict = counts.error > 0 ? "\u274C" : counts.warning > 0 ? "\u26A0\uFE0F" : "\u2705";
  const parts = [];
  parts.push(`## ${verdict} ${escapeCell(model.title)}
`);
  parts.push(`${counts.error} error(s), ${counts.warning} warning(s), ${counts.notice} notice(s). ${escapeCell(model.goDescription)}
`);
  parts.push("### Go module environment\n");
  parts.push(
    markdownTable(
      ["Variable", "Effective value", "Source", "Status"],
      model.variables.map((row) => [
        `<code>${row.name}</code>`,
        row.exported !== void 0 && row.exported !== row.value ? `${code(row.value)} \u2192 exported ${code(row.exported)}` : code(row.value),
        escapeCell(row.source),
        statusIcon[row.status]
      ])
    )
  );
  for (const section of model.sections) parts.push(`### ${escapeCell(section.heading)}
`, section.body);
  const used = /* @__PURE__ */ __name(() => Buffer.byteLength(parts.join("\n")), "used");
  parts.push("### Problems\n");
  if (model.problems.length === 0) {
    parts.push("> No problems found.\n");
  } else {
    const problemBudget = Math.max(4096, Math.floor((budget - used()) * 0.6));
    parts.push(
      boundedTable(
        ["", "Problem", "Where", "Fix"],
        model.problems.map((problem) => [
          statusIcon[problem.severity],
          `<b>${escapeCell(problem.code)}</b><br>${escapeCell(problem.message)}`,
          problem.file === void 0 ? "" : escapeCell(`${problem.file}${problem.line === void 0 ? "" : `:${problem.line}`}`),
          escapeCell(problem.fix ?? "")
        ]),
        problemBudget
      )
    );
  }
  parts.push("### How the workspace's modules are fetched\n");
  if (model.modules.length === 0) {
    parts.push("> No required modules found (no go.mod / go.work under the working directory, or no `require`).\n");
  } else {
    const direct = model.modules.filter((route) => !route.viaProxy).length;
    const unchecked = model.modules.filter((route) => !route.checkedBySumdb).length;
    parts.push(`${model.modules.length} requirement(s): ${model.modules.length - direct} through GOPROXY, ${direct} direct (GONOPROXY); ${model.modules.length - unchecked} verified by the checksum database, ${unchecked} not (GONOSUMDB or GOSUMDB=off).
`);
    const rows = [...model.modules].sort((a, b) => Number(a.viaProxy) - Number(b.viaProxy) || a.path.localeCompare(b.path)).map((route) => [
      code(route.path),
      escapeCell(route.version),
      route.viaProxy ? "proxy" : "**direct**",
      route.checkedBySumdb ? "checksum database" : "**not checked**",
      escapeCell(`${route.goModFile}:${route.line}`)
    ]);
    parts.push(boundedTable(["Module", "Version", "Fetched", "Verified by", "Required in"], rows, Math.max(2048, budget - used() - 512)));
  }
  return `${parts.join("\n")}
`;
}
__name(renderSummary, "renderSummary");

export {
  escapeCell,
  markdownTable,
  boundedTable,
  renderSummary
};
