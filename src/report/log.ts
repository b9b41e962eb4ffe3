// The step's log, bounded whatever the input: every line the action prints through here is
// redacted, cut to LOG_LINE_CHARS, made unable to start a workflow command, and counted against
// one budget for the whole step. Past the budget one line says how much was left out.
//
// Use logInfo(text) instead of core.info(text) for anything that quotes input, repository
// files, go's or git's output, or that repeats per module or per proxy.

import * as core from '@actions/core';
import { redactForDisplay } from '../go/redact.js';
import { excerpt } from './bounds.js';

/** Bytes the action's own lines may take in one step (the log must stay well under 1 MiB). */
export const LOG_BYTE_BUDGET = 512 * 1024;
/** Characters of one printed line. */
export const LOG_LINE_CHARS = 2000;

interface Budget {
  limit: number;
  used: number;
  droppedLines: number;
  write: (line: string) => void;
}

const budget: Budget = { limit: LOG_BYTE_BUDGET, used: 0, droppedLines: 0, write: (line) => core.info(line) };

/** For tests: a fresh budget and where lines go. */
export function resetLogBudget(limit = LOG_BYTE_BUDGET, write: (line: string) => void = (line) => core.info(line)): void {
  Object.assign(budget, { limit, used: 0, droppedLines: 0, write });
}

/** Bytes left in the step's budget. */
export function logBytesLeft(): number {
  return Math.max(0, budget.limit - budget.used);
}

/**
 * One printable line: redacted, at most LOG_LINE_CHARS, and never a workflow command (the runner
 * reads "::name::" at the start of any line, after white space): such a line gets a leading '·'.
 */
export function logLine(text: string): string {
  const line = excerpt(redactForDisplay(text.replace(/\r$/, '')), LOG_LINE_CHARS);
  return /^\s*::/.test(line) ? `·${line}` : line;
}

/** Prints text (one or more lines) within the step's log budget. */
export function logInfo(text: string): void {
  for (const raw of text.split('\n')) {
    if (budget.used >= budget.limit) {
      budget.droppedLines += 1;
      continue;
    }
    const line = logLine(raw);
    const size = Buffer.byteLength(line) + 1;
    if (budget.used + size > budget.limit) {
      budget.used = budget.limit;
      budget.droppedLines += 1;
      budget.write(`setup-goproxy: the log limit of ${Math.round(budget.limit / 1024)} KiB for this step is reached; further lines are left out (the job summary and the outputs have the results).`);
      continue;
    }
    budget.used += size;
    budget.write(line);
  }
}

/** Lines left out so far (for a final count). */
export function droppedLogLines(): number {
  return budget.droppedLines;
}
