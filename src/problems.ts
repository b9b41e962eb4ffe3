// The one shape every check in the action reports through: the summary, the annotations and
// the `problems` output are all rendered from a list of these.

export type Severity = 'error' | 'warning' | 'notice';

export interface Problem {
  severity: Severity;
  /** Stable identifier documented in the README, e.g. `GOPROXY_BAD_URL`. */
  code: string;
  /** One sentence saying what is wrong; names the variable and the (redacted) value. */
  message: string;
  /** What to change to fix it. */
  fix?: string;
  /** The Go variable or action input concerned, when there is one. */
  variable?: string;
  /** Repository-relative file the annotation should point at. */
  file?: string;
  line?: number;
  /**
   * Where the offending value was set, when that differs from where the variable's effective
   * value came from (e.g. an empty GONOPROXY in the job env that Go ignored). Internal: used to
   * find the annotation's line, never printed.
   */
  setIn?: 'input' | 'env' | 'env-file';
}

/** The public form of a problem, as written to the `problems` output. */
export function problemForOutput(problem: Problem): Record<string, string | number> {
  const out: Record<string, string | number> = { severity: problem.severity, code: problem.code, message: problem.message };
  if (problem.fix !== undefined) out['fix'] = problem.fix;
  if (problem.file !== undefined) out['file'] = problem.file;
  if (problem.line !== undefined) out['line'] = problem.line;
  return out;
}

const severityRank: Record<Severity, number> = { error: 2, warning: 1, notice: 0 };

export function severityAtLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank[severity] >= severityRank[threshold];
}

/** Sorts errors first, then warnings, then notices; stable within a severity. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => severityRank[b.severity] - severityRank[a.severity]);
}
