// Every problem passes through here before it is printed, annotated, summarised or output:
// credentials in URLs are hidden and the texts are bounded, whatever they quote (go's output,
// a 40 kB module path, a value of 100 kB).

import type { Problem } from '../problems.js';
import { redactForDisplay } from '../go/redact.js';
import { excerpt } from './bounds.js';

/** Characters of a problem's message and of its fix (the runner cuts annotations at 4096). */
export const PROBLEM_MESSAGE_CHARS = 1500;
export const PROBLEM_FIX_CHARS = 800;

export function redactProblem(problem: Problem): Problem {
  // Redacted before it is cut, so a cut never leaves half a credential behind.
  const message = excerpt(redactForDisplay(problem.message), PROBLEM_MESSAGE_CHARS);
  const fix = problem.fix === undefined ? undefined : excerpt(redactForDisplay(problem.fix), PROBLEM_FIX_CHARS);
  const file = problem.file === undefined ? undefined : excerpt(problem.file, 500);
  if (message === problem.message && fix === problem.fix && file === problem.file) return problem;
  return { ...problem, message, ...(fix === undefined ? {} : { fix }), ...(file === undefined ? {} : { file }) };
}
