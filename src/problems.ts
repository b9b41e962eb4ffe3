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

/** Problems of one code that are listed; more of the same kind say nothing new. */
export const PROBLEMS_PER_CODE = 20;
/** Problems listed in all: the `problems` output, the summary and the log stay small. */
export const PROBLEMS_LISTED = 200;

/**
 * The problems to report: at most `perCode` of each code and `total` in all (the first ones, so
 * errors, sorted first, are kept), then one PROBLEMS_TRUNCATED notice saying how many of which
 * codes and severities were left out. 9,000 GOPROXY entries must not mean 9,000 annotations.
 */
export function capProblems(problems: readonly Problem[], perCode = PROBLEMS_PER_CODE, total = PROBLEMS_LISTED): Problem[] {
  const seen = new Map<string, number>();
  const kept: Problem[] = [];
  const omittedByCode = new Map<string, number>();
  const omittedBySeverity: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  for (const problem of problems) {
    const count = (seen.get(problem.code) ?? 0) + 1;
    seen.set(problem.code, count);
    if (count <= perCode && kept.length < total - 1) {
      kept.push(problem);
      continue;
    }
    omittedByCode.set(problem.code, (omittedByCode.get(problem.code) ?? 0) + 1);
    omittedBySeverity[problem.severity] += 1;
  }
  if (omittedByCode.size === 0) return kept;
  const omitted = omittedBySeverity.error + omittedBySeverity.warning + omittedBySeverity.notice;
  const severities = (['error', 'warning', 'notice'] as const).filter((severity) => omittedBySeverity[severity] > 0).map((severity) => `${omittedBySeverity[severity]} ${severity}(s)`);
  const codes = [...omittedByCode].slice(0, 30).map(([codeName, count]) => `${codeName} (${count})`);
  kept.push({
    severity: 'notice',
    code: 'PROBLEMS_TRUNCATED',
    message: `${omitted} more problem(s) are not listed (${severities.join(', ')}): at most ${perCode} of each kind and ${total} in all are reported. Left out: ${codes.join(', ')}${omittedByCode.size > 30 ? ', …' : ''}.`,
    fix: 'Fix the problems listed; the ones left out are of the same kinds and go away with the same fixes.',
  });
  return kept;
}
