import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { boundedTable, countBySeverity, escapeCell, markdownTable, renderSummary, SUMMARY_BYTE_BUDGET, type SummaryModel } from '../src/report/summary.js';
import { ANNOTATIONS_PER_TYPE, annotationText, planAnnotations } from '../src/report/annotations.js';
import { locateProblem, type LocateContext } from '../src/report/locate.js';
import { INPUT_FOR_VARIABLE } from '../src/config/readInputs.js';
import type { ModuleRoute } from '../src/config/routing.js';
import type { Problem, Severity } from '../src/problems.js';
import type { ValueSource } from '../src/go/precedence.js';

/** Unescaped "|" in a markdown line: the column separators. */
function columnBars(line: string): number {
  return (line.match(/(?<!\\)\|/g) ?? []).length;
}

/** Lines of the markdown table that starts with `header` (up to the first non-table line). */
function tableLines(text: string, header: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith(header));
  assert.ok(start >= 0, `no table starting with ${header}`);
  const out: string[] = [];
  for (let i = start; i < lines.length && lines[i]!.startsWith('|'); i++) out.push(lines[i]!);
  return out;
}

function route(path: string, viaProxy: boolean, checkedBySumdb: boolean, goModFile = 'go.mod', line = 5): ModuleRoute {
  return { path, version: 'v1.0.0', goModFile, line, viaProxy, checkedBySumdb, private: !viaProxy };
}

function model(partial: Partial<SummaryModel>): SummaryModel {
  return { title: 'setup-goproxy', goDescription: 'go1.23.5 linux/amd64', variables: [], problems: [], modules: [], sections: [], ...partial };
}

describe('escapeCell / markdownTable / boundedTable', () => {
  test('escapes |, <, >, & and every newline form', () => {
    assert.equal(escapeCell('a|b<c>&d\r\ne\nf'), 'a\\|b&lt;c&gt;&amp;d<br>e<br>f');
    assert.equal(escapeCell('<script>alert(1)</script>'), '&lt;script&gt;alert(1)&lt;/script&gt;');
    assert.equal(escapeCell('&lt;'), '&amp;lt;');
  });

  test('markdownTable: header, separator, rows', () => {
    assert.equal(markdownTable(['A', 'B'], [['1', '2']]), '| A | B |\n| --- | --- |\n| 1 | 2 |\n');
  });

  test('boundedTable keeps rows within the budget and says how many were left out', () => {
    const rows = Array.from({ length: 100 }, (_, i) => [`row-${String(i).padStart(3, '0')}`, 'x'.repeat(80)]);
    const table = boundedTable(['Name', 'Text'], rows, 2000);
    const kept = table.split('\n').filter((line) => line.startsWith('| row-'));
    assert.ok(kept.length > 0 && kept.length < 100);
    assert.ok(Buffer.byteLength(table.slice(0, table.indexOf('\n\n_'))) <= 2000);
    assert.ok(table.includes(`_${100 - kept.length} more row(s) not shown (summary size limit); see the action outputs._`), table.slice(-200));
    assert.equal(kept[0], `| row-000 | ${'x'.repeat(80)} |`);
  });

  test('boundedTable counts bytes, not UTF-16 units', () => {
    const rows = [['€'.repeat(100)], ['€'.repeat(100)]];
    // One row is 5 + 300 bytes (but only 105 UTF-16 units); the header 14.
    const table = boundedTable(['H'], rows, 14 + 305);
    assert.ok(table.includes('_1 more row(s) not shown'), table);
  });

  test('boundedTable says nothing when everything fits', () => {
    assert.equal(boundedTable(['A'], [['1'], ['2']], 10_000), markdownTable(['A'], [['1'], ['2']]));
  });

  test('countBySeverity', () => {
    const problems: Problem[] = (['error', 'notice', 'warning', 'error'] as Severity[]).map((severity) => ({ severity, code: 'X', message: 'm' }));
    assert.deepEqual(countBySeverity(problems), { error: 2, warning: 1, notice: 1 });
    assert.deepEqual(countBySeverity([]), { error: 0, warning: 0, notice: 0 });
  });
});

describe('renderSummary', () => {
  const variables: SummaryModel['variables'] = [
    { name: 'GOPROXY', value: 'https://***@goproxy.corp.example|https://proxy.golang.org|direct', source: 'input `goproxy`', status: 'warning', exported: 'https://mirror.example|direct' },
    { name: 'GOPRIVATE', value: 'git.corp.example', source: 'job environment', status: 'ok' },
    { name: 'GONOPROXY', value: '', source: 'unset', status: 'notice' },
    { name: 'GOSUMDB', value: 'OFF', source: 'env-file `ci/go.env`', status: 'error', exported: 'OFF' },
  ];
  const problems: Problem[] = [
    { severity: 'error', code: 'PRIVATE_MODULE_CHECKED_BY_SUMDB', message: 'git.corp.example/team/lib bypasses the proxy', fix: 'Add git.corp.example/team to GOPRIVATE', file: 'go.mod', line: 6 },
    { severity: 'warning', code: 'GOPROXY_PRIVATE_LEAK', message: 'GOPROXY="https://***@a|https://proxy.golang.org": <b>leak</b>\nsecond line', fix: 'Use "," after a | b' },
    { severity: 'notice', code: 'GOPRIVATE_UNUSED_PATTERN', message: 'unused', file: '.github/workflows/ci.yml' },
  ];
  const modules = [route('github.com/pkg/errors', true, true, 'go.mod', 7), route('git.corp.example/team/lib', false, true, 'go.mod', 6), route('git.corp.example/a', false, false, 'svc/go.mod', 3)];
  const text = renderSummary(model({ variables, problems, modules, sections: [{ heading: 'Probe | results', body: 'all <fine>\n' }] }));

  test('verdict and counts', () => {
    assert.ok(text.startsWith('## ❌ setup-goproxy\n'), text.slice(0, 100));
    assert.ok(text.includes('1 error(s), 1 warning(s), 1 notice(s). go1.23.5 linux/amd64\n'));
    assert.ok(renderSummary(model({ problems: [problems[1]!] })).startsWith('## ⚠️ '));
    assert.ok(renderSummary(model({ problems: [problems[2]!] })).startsWith('## ✅ '));
    assert.ok(renderSummary(model({})).startsWith('## ✅ '));
  });

  test('variables table: escaped value, empty marker, exported value only when different, status', () => {
    const rows = tableLines(text, '| Variable |');
    assert.equal(rows[0], '| Variable | Effective value | Source | Status |');
    assert.equal(rows.length, 2 + variables.length);
    assert.equal(rows[2], '| <code>GOPROXY</code> | <code>https://***@goproxy.corp.example\\|https://proxy.golang.org\\|direct</code> → exported <code>https://mirror.example\\|direct</code> | input `goproxy` | ⚠️ warning |');
    assert.equal(rows[3], '| <code>GOPRIVATE</code> | <code>git.corp.example</code> | job environment | ✅ ok |');
    assert.equal(rows[4], '| <code>GONOPROXY</code> | _(empty)_ | unset | ℹ️ notice |');
    assert.equal(rows[5], '| <code>GOSUMDB</code> | <code>OFF</code> | env-file `ci/go.env` | ❌ error |');
    for (const row of rows) assert.equal(columnBars(row), 5, row);
  });

  test('extra sections come after the variables, heading escaped', () => {
    assert.ok(text.indexOf('### Probe \\| results\n') > text.indexOf('### Go module environment'));
    assert.ok(text.includes('all <fine>\n'), 'section bodies are markdown from the caller, kept as is');
    assert.ok(text.indexOf('### Probe') < text.indexOf('### Problems'));
  });

  test('problems table: one row each, code, escaped message and fix, location', () => {
    const rows = tableLines(text, '|  | Problem |');
    assert.equal(rows.length, 2 + problems.length);
    for (const row of rows) assert.equal(columnBars(row), 5, row);
    assert.equal(rows[2], '| ❌ error | <b>PRIVATE_MODULE_CHECKED_BY_SUMDB</b><br>git.corp.example/team/lib bypasses the proxy | go.mod:6 | Add git.corp.example/team to GOPRIVATE |');
    assert.equal(
      rows[3],
      '| ⚠️ warning | <b>GOPROXY_PRIVATE_LEAK</b><br>GOPROXY="https://***@a\\|https://proxy.golang.org": &lt;b&gt;leak&lt;/b&gt;<br>second line |  | Use "," after a \\| b |',
    );
    assert.equal(rows[4], '| ℹ️ notice | <b>GOPRIVATE_UNUSED_PATTERN</b><br>unused | .github/workflows/ci.yml |  |');
  });

  test('no problems: says so', () => {
    const clean = renderSummary(model({}));
    assert.ok(clean.includes('### Problems\n\n> No problems found.\n'));
    assert.ok(!clean.includes('|  | Problem |'));
  });

  test('module routing: counts, direct rows first, bold direct / not checked', () => {
    assert.ok(text.includes('3 requirement(s): 1 through GOPROXY, 2 direct (GONOPROXY); 2 verified by the checksum database, 1 not (GONOSUMDB or GOSUMDB=off).'));
    const rows = tableLines(text, '| Module |');
    assert.deepEqual(rows.slice(2), [
      '| <code>git.corp.example/a</code> | v1.0.0 | **direct** | **not checked** | svc/go.mod:3 |',
      '| <code>git.corp.example/team/lib</code> | v1.0.0 | **direct** | checksum database | go.mod:6 |',
      '| <code>github.com/pkg/errors</code> | v1.0.0 | proxy | checksum database | go.mod:7 |',
    ]);
  });

  test('no modules: says so', () => {
    assert.ok(renderSummary(model({})).includes('> No required modules found'));
  });

  test('a newline in the title or Go description cannot break the heading', () => {
    const out = renderSummary(model({ title: 'a\n## injected', goDescription: 'x\n|y' }));
    assert.ok(out.startsWith('## ✅ a<br>## injected\n'));
    assert.ok(out.includes('x<br>\\|y\n'));
    assert.ok(!/^## injected/m.test(out));
  });

  test('50,000 modules and 5,000 long problems: under the byte budget, says rows were left out', () => {
    const many = Array.from({ length: 50_000 }, (_, i) => route(`github.com/org${i % 97}/module-with-a-long-name-${i}`, i % 7 !== 0, i % 11 !== 0, `services/svc${i % 300}/go.mod`, 3 + (i % 200)));
    const long = `${'x'.repeat(600)} | <tag> & \n more`;
    const manyProblems: Problem[] = Array.from({ length: 5_000 }, (_, i) => ({
      severity: (['error', 'warning', 'notice'] as const)[i % 3]!,
      code: `CODE_${i}`,
      message: `${long} ${i}`,
      fix: long,
      file: `services/svc${i}/go.mod`,
      line: i + 1,
    }));
    const out = renderSummary(model({ variables, problems: manyProblems, modules: many }));
    assert.ok(Buffer.byteLength(out) <= SUMMARY_BYTE_BUDGET, `${Buffer.byteLength(out)} > ${SUMMARY_BYTE_BUDGET}`);
    assert.ok(SUMMARY_BYTE_BUDGET < 1024 * 1024);
    const notes = out.match(/_(\d+) more row\(s\) not shown \(summary size limit\); see the action outputs\._/g) ?? [];
    assert.equal(notes.length, 2, 'both the problems and the modules tables say rows were left out');
    const problemRows = tableLines(out, '|  | Problem |').length - 2;
    const moduleRows = tableLines(out, '| Module |').length - 2;
    assert.ok(problemRows > 100 && problemRows < 5_000, String(problemRows));
    assert.ok(moduleRows > 100 && moduleRows < 50_000, String(moduleRows));
    assert.ok(out.includes(`_${5_000 - problemRows} more row(s) not shown`));
    assert.ok(out.includes(`_${50_000 - moduleRows} more row(s) not shown`));
    assert.ok(out.includes('5000 error(s)') === false && out.includes('1667 error(s), 1667 warning(s), 1666 notice(s).'));
    assert.ok(out.includes('50000 requirement(s)'));
  });

  test('a smaller budget is respected too', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => route(`example.com/m${i}`, true, true));
    const manyProblems: Problem[] = Array.from({ length: 500 }, (_, i) => ({ severity: 'warning', code: 'W', message: 'm'.repeat(300) + i }));
    for (const budget of [64 * 1024, 200 * 1024]) {
      const out = renderSummary(model({ variables, problems: manyProblems, modules: many }), budget);
      assert.ok(Buffer.byteLength(out) <= budget, `${Buffer.byteLength(out)} > ${budget}`);
      assert.ok(out.includes('more row(s) not shown'));
    }
  });

  test('one problem larger than the whole budget is shown as an excerpt, its row intact', () => {
    const huge: Problem = { severity: 'error', code: 'HUGE', message: 'y'.repeat(2 * 1024 * 1024), fix: 'z'.repeat(100_000) };
    const out = renderSummary(model({ problems: [huge] }));
    assert.ok(Buffer.byteLength(out) < 10_000, String(Buffer.byteLength(out)));
    const rows = tableLines(out, '|  | Problem |');
    assert.equal(rows.length, 3);
    assert.equal(columnBars(rows[2]!), 5);
    assert.ok(rows[2]!.includes(`${'y'.repeat(2000)}… (${2 * 1024 * 1024 - 2000} more characters)`));
    assert.ok(out.includes('1 error(s)'));
  });

  test('sections from the phases are held to the budget too, each cut at a line with a note', () => {
    const table = markdownTable(['Toolchain', 'File'], Array.from({ length: 40_000 }, (_, i) => [`go1.${i}`, `services/s${i}/go.mod`]));
    const details = `<details><summary>More</summary>\n\n${'line\n'.repeat(300_000)}</details>\n`;
    const manyProblems: Problem[] = Array.from({ length: 3_000 }, (_, i) => ({ severity: 'warning', code: 'W', message: `problem ${i} ${'m'.repeat(200)}` }));
    const many = Array.from({ length: 20_000 }, (_, i) => route(`example.com/m${i}`, true, true));
    const out = renderSummary(model({ variables, problems: manyProblems, modules: many, sections: [{ heading: 'Go toolchain', body: table }, { heading: 'Route', body: details }, { heading: 'Small', body: 'fits\n' }] }));
    assert.ok(Buffer.byteLength(out) <= SUMMARY_BYTE_BUDGET, `${Buffer.byteLength(out)} > ${SUMMARY_BYTE_BUDGET}`);
    // Every part is still there: the sections were cut, the problems and modules tables too.
    for (const heading of ['### Go toolchain', '### Route', '### Small', '### Problems', "### How the workspace's modules are fetched"]) assert.ok(out.includes(heading), heading);
    assert.ok(out.includes('fits\n'));
    assert.equal((out.match(/more line\(s\) of this section not shown \(summary size limit\)/g) ?? []).length, 2);
    const toolchainRows = tableLines(out, '| Toolchain |');
    assert.ok(toolchainRows.length > 100, String(toolchainRows.length));
    for (const row of toolchainRows) assert.equal(columnBars(row), 3, row);
    // The cut <details> is closed again.
    const routeSection = out.slice(out.indexOf('### Route'), out.indexOf('### Small'));
    assert.equal((routeSection.match(/<details>/g) ?? []).length, (routeSection.match(/<\/details>/g) ?? []).length);
    assert.ok(tableLines(out, '|  | Problem |').length > 100);
    assert.ok(tableLines(out, '| Module |').length > 100);
  });

  test('a section cut inside a code block (a mermaid diagram) gets the block closed', async () => {
    const { fitText } = await import('../src/report/summary.js');
    const diagram = `\`\`\`mermaid\nflowchart LR\n${'  a --> b\n'.repeat(10_000)}\`\`\`\n`;
    const cut = fitText(diagram, 2000);
    assert.ok(Buffer.byteLength(cut) <= 2000);
    assert.equal((cut.match(/^\`\`\`/gm) ?? []).length, 2, cut.slice(-200));
    assert.match(cut, /more line\(s\) of this section not shown/);
    assert.equal(fitText(diagram, 1_000_000), diagram);
  });

  test('redaction cannot push the page past the budget ("a@" becomes "***@")', () => {
    const body = 'x://a@h '.repeat(150_000);
    const problems: Problem[] = Array.from({ length: 3000 }, (_, i) => ({ severity: 'warning', code: 'W', message: `${i} ${'y://b@h '.repeat(200)}` }));
    const out = renderSummary(model({ problems, sections: [{ heading: 'go output', body }] }));
    assert.ok(Buffer.byteLength(out) <= SUMMARY_BYTE_BUDGET, String(Buffer.byteLength(out)));
    assert.ok(!out.includes('://a@') && !out.includes('://b@'));
  });

  test('huge variable values and module paths are excerpts in their cells', () => {
    const out = renderSummary(model({ variables: [{ name: 'GOPROXY', value: 'https://p.example,'.repeat(20_000), source: 'env-file `go.env`', status: 'ok' }], modules: [route(`example.com/${'a'.repeat(40_000)}`, true, true)] }));
    assert.ok(Buffer.byteLength(out) < 10_000, String(Buffer.byteLength(out)));
    assert.ok(out.includes('more characters)'));
  });
});

describe('planAnnotations', () => {
  const make = (severity: Severity, count: number): Problem[] => Array.from({ length: count }, (_, i) => ({ severity, code: `${severity.toUpperCase()}_${i}`, message: `${severity} ${i}` }));

  test('the runner limit is 10 per type', () => {
    assert.equal(ANNOTATIONS_PER_TYPE, 10);
  });

  test('at most 10 per severity; the rest overflow, order kept', () => {
    const problems = [...make('error', 12), ...make('warning', 3), ...make('notice', 11)];
    const { annotated, overflow } = planAnnotations(problems);
    assert.equal(annotated.filter((p) => p.severity === 'error').length, 10);
    assert.equal(annotated.filter((p) => p.severity === 'warning').length, 3);
    assert.equal(annotated.filter((p) => p.severity === 'notice').length, 10);
    assert.deepEqual(overflow.map((p) => p.code), ['ERROR_10', 'ERROR_11', 'NOTICE_10']);
    assert.deepEqual(annotated.slice(0, 10).map((p) => p.code), make('error', 10).map((p) => p.code));
  });

  test('interleaved severities are counted separately', () => {
    const problems = Array.from({ length: 30 }, (_, i): Problem => ({ severity: i % 2 === 0 ? 'warning' : 'error', code: String(i), message: '' }));
    const { annotated, overflow } = planAnnotations(problems);
    assert.equal(annotated.length, 20);
    assert.deepEqual(overflow.map((p) => p.code), ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29']);
  });

  test('exactly 10 of each: no overflow; none: nothing', () => {
    const { annotated, overflow } = planAnnotations([...make('error', 10), ...make('warning', 10), ...make('notice', 10)]);
    assert.equal(annotated.length, 30);
    assert.deepEqual(overflow, []);
    assert.deepEqual(planAnnotations([]), { annotated: [], overflow: [] });
  });

  test('annotationText adds the fix on its own line', () => {
    assert.equal(annotationText({ severity: 'error', code: 'X', message: 'What is wrong.', fix: 'Do this.' }), 'What is wrong.\nFix: Do this.');
    assert.equal(annotationText({ severity: 'notice', code: 'X', message: 'Only this.' }), 'Only this.');
  });
});

describe('locateProblem', () => {
  const workflowText = `name: CI
on:
  push:
    branches: [main]

env:
  GOFLAGS: -modcacherw=maybe

jobs:
  build:
    runs-on: ubuntu-latest
    env:
      GONOPROXY: ""
      GOINSECURE: git.corp.example
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-go@v6
        with:
          go-version-file: go.mod
      - id: goproxy
        name: Go module proxy
        uses: octo-org/setup-goproxy@v1
        env:
          GOSUMDB: OFF
        with:
          goproxy: https://a.example,https://b.example
          goprivate: |
            git.corp.example
            gitlab.com/acme
          env-file: ci/go.env
      - run: go build ./...
`;
  const workflow = { file: '.github/workflows/ci.yml', text: workflowText };
  const lineOf = (needle: string): number => {
    const index = workflowText.split('\n').findIndex((line) => line.includes(needle));
    assert.ok(index >= 0, needle);
    return index + 1;
  };
  const envFile = { file: 'ci/go.env', values: new Map([['GONOSUMDB', ''], ['GOPROXY', 'https://x.example']]), lines: new Map([['GONOSUMDB', 3], ['GOPROXY', 5]]) };

  function context(sources: Partial<Record<string, ValueSource>>, overrides: Partial<LocateContext> = {}): LocateContext {
    return {
      sources: sources as Record<string, ValueSource>,
      envFile,
      workflow,
      hint: { job: 'build', stepId: 'goproxy', actionRefSubstrings: ['setup-goproxy'] },
      inputFor: INPUT_FOR_VARIABLE,
      ...overrides,
    };
  }

  const problem = (variable: string, extra: Partial<Problem> = {}): Problem => ({ severity: 'warning', code: 'TEST', message: 'm', variable, ...extra });

  test('a value from an input points at the `with:` line', () => {
    const located = locateProblem(problem('GOPROXY'), context({ GOPROXY: 'input' }));
    assert.equal(located.file, '.github/workflows/ci.yml');
    assert.equal(located.line, lineOf('goproxy: https://a.example'));
  });

  test('a multi-line input points at its key', () => {
    assert.equal(locateProblem(problem('GOPRIVATE'), context({ GOPRIVATE: 'input' })).line, lineOf('goprivate: |'));
  });

  test('a value from the job environment: step env first, then job env, then workflow env', () => {
    assert.equal(locateProblem(problem('GOSUMDB'), context({ GOSUMDB: 'env' })).line, lineOf('GOSUMDB: OFF'));
    assert.equal(locateProblem(problem('GOINSECURE'), context({ GOINSECURE: 'env' })).line, lineOf('GOINSECURE: git.corp.example'));
    const goflags = locateProblem(problem('GOFLAGS'), context({ GOFLAGS: 'env' }));
    assert.equal(goflags.file, '.github/workflows/ci.yml');
    assert.equal(goflags.line, lineOf('GOFLAGS: -modcacherw=maybe'));
  });

  test('without a step id the step is found by `uses:`', () => {
    const hint = { job: 'build', actionRefSubstrings: ['setup-goproxy'] };
    assert.equal(locateProblem(problem('GOPROXY'), context({ GOPROXY: 'input' }, { hint })).line, lineOf('goproxy: https://a.example'));
    assert.equal(locateProblem(problem('GOSUMDB'), context({ GOSUMDB: 'env' }, { hint })).line, lineOf('GOSUMDB: OFF'));
  });

  test('a value from the env-file points at its line there', () => {
    const located = locateProblem(problem('GOPROXY'), context({ GOPROXY: 'env-file' }));
    assert.equal(located.file, 'ci/go.env');
    assert.equal(located.line, 5);
  });

  test('an env-file value without a known line gets the file only', () => {
    const located = locateProblem(problem('GOFLAGS'), context({ GOFLAGS: 'env-file' }));
    assert.equal(located.file, 'ci/go.env');
    assert.equal(located.line, undefined);
  });

  test('derived from GOPRIVATE: annotated where GOPRIVATE was set', () => {
    const fromInput = locateProblem(problem('GONOSUMDB'), context({ GONOSUMDB: 'from-GOPRIVATE', GOPRIVATE: 'input' }));
    assert.equal(fromInput.file, '.github/workflows/ci.yml');
    assert.equal(fromInput.line, lineOf('goprivate: |'));
    const fromEnvFile = locateProblem(problem('GONOPROXY'), context({ GONOPROXY: 'from-GOPRIVATE', GOPRIVATE: 'env-file' }, { envFile: { ...envFile, lines: new Map([['GOPRIVATE', 2]]) } }));
    assert.deepEqual([fromEnvFile.file, fromEnvFile.line], ['ci/go.env', 2]);
    // GOPRIVATE itself from a go env file: nothing to point at.
    assert.deepEqual(locateProblem(problem('GONOPROXY'), context({ GONOPROXY: 'from-GOPRIVATE', GOPRIVATE: 'go-env-file' })), problem('GONOPROXY'));
  });

  test('setIn wins over the effective source (an empty GONOPROXY Go ignored)', () => {
    const inEnv = locateProblem(problem('GONOPROXY', { code: 'EMPTY_DOES_NOT_OVERRIDE_GOPRIVATE', setIn: 'env' }), context({ GONOPROXY: 'from-GOPRIVATE', GOPRIVATE: 'input' }));
    assert.deepEqual([inEnv.file, inEnv.line], ['.github/workflows/ci.yml', lineOf('GONOPROXY: ""')]);
    const inFile = locateProblem(problem('GONOSUMDB', { setIn: 'env-file' }), context({ GONOSUMDB: 'from-GOPRIVATE', GOPRIVATE: 'input' }));
    assert.deepEqual([inFile.file, inFile.line], ['ci/go.env', 3]);
  });

  test('an existing file/line (a go.mod require) is kept', () => {
    const original = problem('GONOSUMDB', { code: 'PRIVATE_MODULE_CHECKED_BY_SUMDB', file: 'services/api/go.mod', line: 9 });
    assert.deepEqual(locateProblem(original, context({ GONOSUMDB: 'input' })), original);
  });

  test('no variable, or a value Go read from its own files: unchanged', () => {
    const noVariable: Problem = { severity: 'notice', code: 'GO_NOT_FOUND', message: 'm' };
    assert.deepEqual(locateProblem(noVariable, context({})), noVariable);
    for (const source of ['go-env-file', 'goroot-go.env', 'go-default', 'unset'] as ValueSource[]) {
      assert.deepEqual(locateProblem(problem('GOPROXY'), context({ GOPROXY: source })), problem('GOPROXY'), source);
    }
  });

  test('no workflow file, or the line cannot be found: unchanged', () => {
    assert.deepEqual(locateProblem(problem('GOPROXY'), context({ GOPROXY: 'input' }, { workflow: null })), problem('GOPROXY'));
    // The identified step does not set `gonosumdb:`: the value came from elsewhere, no guess.
    assert.deepEqual(locateProblem(problem('GONOSUMDB'), context({ GONOSUMDB: 'input' })), problem('GONOSUMDB'));
    assert.deepEqual(locateProblem(problem('GOPROXY'), context({ GOPROXY: 'env' })), problem('GOPROXY'));
    // An env-file source but no env-file information.
    assert.deepEqual(locateProblem(problem('GOPROXY'), context({ GOPROXY: 'env-file' }, { envFile: null })), problem('GOPROXY'));
  });

  test('the input name comes from inputFor', () => {
    const located = locateProblem(problem('GOPROXY'), context({ GOPROXY: 'input' }, { inputFor: { GOPROXY: 'env-file' } }));
    assert.equal(located.line, lineOf('env-file: ci/go.env'));
  });

  test('a workflow that does not parse gives no location', () => {
    const broken = { file: workflow.file, text: `${workflowText}\n  bad: [unclosed\n` };
    assert.deepEqual(locateProblem(problem('GOPROXY'), context({ GOPROXY: 'input' }, { workflow: broken })), problem('GOPROXY'));
  });
});

test('redactProblem hides userinfo that tools quote in their errors', async () => {
  const { redactProblem } = await import('../src/report/redactProblem.js');
  const problem = redactProblem({ severity: 'error', code: 'DOWNLOAD_FAILED', message: 'reading https://tok3n:xxxxx@proxy.corp.example/m/@v/list: 403', fix: 'see https://u:p@h.example' });
  assert.equal(problem.message, 'reading https://***@proxy.corp.example/m/@v/list: 403');
  assert.equal(problem.fix, 'see https://***@h.example');
  const clean = { severity: 'notice' as const, code: 'X', message: 'nothing secret' };
  assert.equal(redactProblem(clean), clean);
});

describe('bounds', () => {
  test('excerpt keeps short text and says how much of a long one was cut', async () => {
    const { excerpt } = await import('../src/report/bounds.js');
    assert.equal(excerpt('short', 10), 'short');
    assert.equal(excerpt('x'.repeat(25), 10), `${'x'.repeat(10)}… (15 more characters)`);
    // A surrogate pair at the cut stays whole (no lone half in a message).
    const cut = excerpt(`${'a'.repeat(9)}😀tail`, 10);
    assert.ok(cut.startsWith('a'.repeat(9) + '…'));
    assert.ok(excerpt('y'.repeat(100_000)).length < 250);
  });

  test('capList and moreSuffix', async () => {
    const { capList, moreSuffix } = await import('../src/report/bounds.js');
    assert.deepEqual(capList([1, 2, 3, 4], 2), { shown: [1, 2], omitted: 2 });
    assert.deepEqual(capList([1], 5), { shown: [1], omitted: 0 });
    assert.equal(moreSuffix(0), '');
    assert.equal(moreSuffix(3), ' and 3 more');
  });
});
