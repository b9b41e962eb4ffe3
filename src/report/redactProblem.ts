// Every problem passes through here before it is printed, annotated, summarised or output.

import type { Problem } from '../problems.js';
import { redactForDisplay } from '../go/redact.js';

export function redactProblem(problem: Problem): Problem {
  const message = redactForDisplay(problem.message);
  const fix = problem.fix === undefined ? undefined : redactForDisplay(problem.fix);
  if (message === problem.message && fix === problem.fix) return problem;
  return { ...problem, message, ...(fix === undefined ? {} : { fix }) };
}
