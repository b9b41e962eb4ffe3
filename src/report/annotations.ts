// Annotations with the runner's limits in mind: it attaches at most 10 per type per step
// (actions-runtime §4); the rest would silently become plain log lines, so we say so and point
// at the job summary, which always lists every problem.

import * as core from '@actions/core';
import type { Problem, Severity } from '../problems.js';
import { redactForDisplay } from '../go/redact.js';
import { capList, visibleControls } from './bounds.js';
import { logInfo } from './log.js';

export const ANNOTATIONS_PER_TYPE = 10;
/** Problems past the annotation limit listed in the log; the summary lists them all. */
export const OVERFLOW_LINES = 50;

export function planAnnotations(problems: readonly Problem[]): { annotated: Problem[]; overflow: Problem[] } {
  const counts: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  const annotated: Problem[] = [];
  const overflow: Problem[] = [];
  for (const problem of problems) {
    if (counts[problem.severity] < ANNOTATIONS_PER_TYPE) {
      counts[problem.severity] += 1;
      annotated.push(problem);
    } else {
      overflow.push(problem);
    }
  }
  return { annotated, overflow };
}

export function annotationText(problem: Problem): string {
  // The post step reports problems straight from its phases: redact here too.
  return redactForDisplay(problem.fix === undefined ? problem.message : `${problem.message}\nFix: ${problem.fix}`);
}

export function emitAnnotations(problems: readonly Problem[]): void {
  const { annotated, overflow } = planAnnotations(problems);
  for (const problem of annotated) {
    const properties: core.AnnotationProperties = { title: `setup-goproxy: ${problem.code}` };
    if (problem.file !== undefined) properties.file = problem.file;
    if (problem.line !== undefined) {
      properties.startLine = problem.line;
      properties.endLine = problem.line;
    }
    const text = annotationText(problem);
    if (problem.severity === 'error') core.error(text, properties);
    else if (problem.severity === 'warning') core.warning(text, properties);
    else core.notice(text, properties);
  }
  if (overflow.length > 0) {
    logInfo(`${overflow.length} more problem(s) exceed the runner's limit of ${ANNOTATIONS_PER_TYPE} annotations per type; all are listed in the job summary:`);
    const { shown, omitted } = capList(overflow, OVERFLOW_LINES);
    // One line each, whatever the message holds (a newline in it could start a workflow command).
    for (const problem of shown) logInfo(visibleControls(`  [${problem.severity}] ${problem.code}${problem.file === undefined ? '' : ` (${problem.file}${problem.line === undefined ? '' : `:${problem.line}`})`}: ${problem.message}`));
    if (omitted > 0) logInfo(`  … and ${omitted} more (see the job summary and the problems output).`);
  }
}
