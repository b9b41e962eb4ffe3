// The problem matchers for the go command's diagnostics, as the runner reads them
// (actions/runner IssueMatcher.cs: one regex per matcher, ECMAScript semantics, applied to each
// log line of later steps; OutputManager roots a relative file at GITHUB_WORKSPACE, keeps it only
// when it exists inside the repository, and records it repository-relative).
//
// What go prints (checked against the real go in __tests__/problem-matcher.test.ts):
//   go build / go vet / go test (compile and vet errors): `./main.go:4:2: declared and not used: x`,
//     `pkg/lib/lib.go:3:23: cannot use ...`, `vet: ./a.go:3:15: undefined: y`, absolute paths and,
//     on Windows, `.\main.go:4:2: ...` / `C:\a\b.go:4:2: ...`. Paths are relative to the directory go
//     ran in, so the runner's workspace rooting finds them for go commands run at the repository root
//     (and for absolute paths anywhere).
//   go test failures: `    main_test.go:6: expected 1, got 2` (indented, line only, the file
//     relative to the package directory): the message keeps `main_test.go:6:` because the runner
//     can place the file only for packages at the repository root.
// Pure data; both regexes run in linear time (each quantifier stops at a character the next
// part cannot start with, so nothing is re-tried more than a constant number of times).

export interface MatcherPattern {
  regexp: string;
  file?: number;
  line?: number;
  column?: number;
  message: number;
}

export interface ProblemMatcher {
  owner: string;
  severity?: 'error' | 'warning';
  pattern: MatcherPattern[];
}

export const GO_MATCHER_OWNER = 'setup-goproxy-go';
export const GO_TEST_MATCHER_OWNER = 'setup-goproxy-go-test';

/** file.go:line:col: message — compile, vet and type-check errors (optionally after "vet: "). */
export const GO_DIAGNOSTIC_REGEXP = '^[ \\t]*(?:vet: )?((?:[A-Za-z]:)?[^\\s:]+\\.go):([0-9]+):([0-9]+): (.+)$';

/** Indented file_test.go:line: message — t.Error/t.Fatal/t.Log output of a test. */
export const GO_TEST_REGEXP = '^[ \\t]+(([^\\s:]+_test\\.go):([0-9]+): .+)$';

export const GO_PROBLEM_MATCHERS: readonly ProblemMatcher[] = [
  { owner: GO_MATCHER_OWNER, severity: 'error', pattern: [{ regexp: GO_DIAGNOSTIC_REGEXP, file: 1, line: 2, column: 3, message: 4 }] },
  { owner: GO_TEST_MATCHER_OWNER, severity: 'error', pattern: [{ regexp: GO_TEST_REGEXP, file: 2, line: 3, message: 1 }] },
];

/** The matcher file the runner reads for `::add-matcher::`. */
export function problemMatcherFile(matchers: readonly ProblemMatcher[] = GO_PROBLEM_MATCHERS): string {
  return `${JSON.stringify({ problemMatcher: matchers }, null, 2)}\n`;
}
