// Points each problem at the line that is wrong: the workflow line that sets the input or the
// env var, or the env-file line. Problems that already carry a file (a go.mod require) keep it.

import type { Problem } from '../problems.js';
import type { ValueSource } from '../go/precedence.js';
import type { EnvFileInfo } from '../config/collect.js';
import { findEnvLine, findInputLine, type StepHint } from './workflowLocate.js';

export interface LocateContext {
  sources: Readonly<Record<string, ValueSource>>;
  envFile: EnvFileInfo | null;
  workflow: { file: string; text: string } | null;
  hint: StepHint;
  /** Action input that sets each variable, e.g. GOPROXY -> goproxy. */
  inputFor: Readonly<Record<string, string>>;
}

export function locateProblem(problem: Problem, context: LocateContext): Problem {
  if (problem.file !== undefined || problem.variable === undefined) return problem;
  const setting = whereSet(problem, context);
  if (setting === null) return problem;
  const { where, variable } = setting;
  if (where === 'env-file') {
    const line = context.envFile?.lines.get(variable);
    return context.envFile === null ? problem : { ...problem, file: context.envFile.file, ...(line === undefined ? {} : { line }) };
  }
  if (context.workflow === null) return problem;
  const line =
    where === 'input'
      ? findInputLine(context.workflow.text, context.inputFor[variable] ?? variable.toLowerCase(), context.hint)
      : findEnvLine(context.workflow.text, variable, context.hint);
  return line === null ? problem : { ...problem, file: context.workflow.file, line };
}

function whereSet(problem: Problem, context: LocateContext): { where: 'input' | 'env' | 'env-file'; variable: string } | null {
  let variable = problem.variable ?? '';
  if (problem.setIn !== undefined) return { where: problem.setIn, variable };
  let source = context.sources[variable];
  // A derived GONOPROXY/GONOSUMDB is wrong where GOPRIVATE was set.
  if (source === 'from-GOPRIVATE') {
    variable = 'GOPRIVATE';
    source = context.sources[variable];
  }
  if (source === 'input' || source === 'env' || source === 'env-file') return { where: source, variable };
  return null;
}
