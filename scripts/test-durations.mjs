// A node:test reporter that prints, after the run, the slowest test files: for each file its wall
// time (from the runner starting the file's process to the file's end, so start-up, module set-up
// and waiting on a machine shared with the other concurrent files are included) and the time its
// own tests took (sum of its top-level tests and suites, which run one after another inside the
// file). scripts/test.mjs adds it beside `spec`, so every run, CI included, shows where the
// suite's time goes.

/** How many files the table lists. */
export const SLOWEST_SHOWN = 12;

/**
 * @typedef {{ file: string, wallMs: number, testsMs: number, tests: number }} FileTiming
 */

/**
 * Accumulates runner events into per-file timings (pure: the clock is passed in).
 * @returns {{ add: (event: { type: string, data?: any }, nowMs: number) => void, files: () => FileTiming[] }}
 */
export function durationTable() {
  /** @type {Map<string, { testsMs: number, start: number | null, end: number | null, tests: number }>} */
  const byFile = new Map();
  return {
    add(event, nowMs) {
      const file = event.data?.file;
      if (typeof file !== 'string' || event.data.nesting !== 0) return;
      let entry = byFile.get(file);
      if (entry === undefined) {
        entry = { testsMs: 0, start: null, end: null, tests: 0 };
        byFile.set(file, entry);
      }
      // The runner reports each file as a top-level test named by its path: dequeued when its
      // process starts, complete when it ends.
      if (event.data.name === file) {
        if (event.type === 'test:dequeue') entry.start ??= nowMs;
        if (event.type === 'test:complete') entry.end = nowMs;
        return;
      }
      if (event.type === 'test:pass' || event.type === 'test:fail') {
        entry.testsMs += Number(event.data.details?.duration_ms ?? 0);
        entry.tests += 1;
      }
    },
    files() {
      return [...byFile]
        .map(([file, entry]) => ({ file, wallMs: entry.start === null || entry.end === null ? entry.testsMs : entry.end - entry.start, testsMs: entry.testsMs, tests: entry.tests }))
        .sort((a, b) => b.wallMs - a.wallMs || a.file.localeCompare(b.file));
    },
  };
}

/**
 * @param {readonly FileTiming[]} files
 * @param {string} cwd
 */
export function formatSlowest(files, cwd) {
  const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`.padStart(8);
  const lines = [`Slowest test files (${Math.min(SLOWEST_SHOWN, files.length)} of ${files.length}):    wall | own tests | top-level tests`];
  for (const timing of files.slice(0, SLOWEST_SHOWN)) {
    const name = timing.file.startsWith(`${cwd}/`) ? timing.file.slice(cwd.length + 1) : timing.file;
    lines.push(`  ${name.padEnd(40)} ${seconds(timing.wallMs)} | ${seconds(timing.testsMs)}  | ${String(timing.tests).padStart(4)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The suite's wall time within which .ci/run (npm ci and the type-check included) stays under 20 minutes. */
export const SUITE_BUDGET_MS = 12 * 60_000;

/**
 * The closing lines of a run: its wall time, and a GitHub warning annotation over the budget.
 * @param {number} ms
 * @param {number} fileCount
 * @returns {string[]}
 */
export function suiteLines(ms, fileCount) {
  const minutes = `${Math.floor(ms / 60_000)} min ${Math.floor((ms % 60_000) / 1000)} s`;
  const lines = [`Test suite: ${fileCount} file(s) in ${minutes} (wall time, concurrency 3).`];
  if (fileCount > 1 && ms > SUITE_BUDGET_MS) {
    lines.push(`::warning title=Test suite is slow::The tests took ${minutes}, over the ${SUITE_BUDGET_MS / 60_000} min budget that keeps .ci/run under 20 minutes. See "Slowest test files" above.`);
  }
  return lines;
}

/** @param {AsyncIterable<{ type: string, data?: any }>} source */
export default async function* testDurations(source) {
  const table = durationTable();
  for await (const event of source) table.add(event, performance.now());
  yield `\n${formatSlowest(table.files(), process.cwd())}`;
}
