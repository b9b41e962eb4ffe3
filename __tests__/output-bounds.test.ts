// What the action prints stays bounded whatever the input: problems capped per code and in all,
// each message an excerpt, annotation overflow and every logged line within one step budget,
// the probe table capped with an "N more" line.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { capProblems, PROBLEMS_LISTED, PROBLEMS_PER_CODE, type Problem } from '../src/problems.js';
import { PROBLEM_MESSAGE_CHARS, redactProblem } from '../src/report/redactProblem.js';
import { droppedLogLines, logInfo, logLine, resetLogBudget } from '../src/report/log.js';
import { emitAnnotations, OVERFLOW_LINES } from '../src/report/annotations.js';
import { PROBE_SECTION_BYTES, PROBE_TABLE_ROWS, probeProblems, probeSummaryBody } from '../src/probe/report.js';
import type { ProbeResult } from '../src/probe/probe.js';
import type { FallbackDecision } from '../src/probe/fallback.js';

const problem = (code: string, severity: Problem['severity'] = 'warning', message = `${code} message`): Problem => ({ severity, code, message, variable: 'GOPROXY' });

describe('capProblems', () => {
  test('9,000 problems of one kind: the first 20, then one PROBLEMS_TRUNCATED notice with the count', () => {
    const capped = capProblems(Array.from({ length: 9000 }, () => problem('GOPROXY_COMMA_NO_FAILOVER')));
    assert.equal(capped.length, PROBLEMS_PER_CODE + 1);
    const last = capped.at(-1)!;
    assert.equal(last.code, 'PROBLEMS_TRUNCATED');
    assert.equal(last.severity, 'notice');
    assert.equal(last.message, '8980 more problem(s) are not listed (8980 warning(s)): at most 20 of each kind and 200 in all are reported. Left out: GOPROXY_COMMA_NO_FAILOVER (8980).');
  });

  test('many kinds: at most 200 in all, errors (sorted first) kept', () => {
    const many = [...Array.from({ length: 30 }, (_, i) => problem(`E${i}`, 'error')), ...Array.from({ length: 500 }, (_, i) => problem(`N${i}`, 'notice'))];
    const capped = capProblems(many);
    assert.equal(capped.length, PROBLEMS_LISTED);
    assert.equal(capped.filter((p) => p.severity === 'error').length, 30);
    assert.match(capped.at(-1)!.message, /^331 more problem\(s\) are not listed \(331 notice\(s\)\)/);
  });

  test('nothing to cap: the same list', () => {
    const few = [problem('A'), problem('B')];
    assert.deepEqual(capProblems(few), few);
  });
});

describe('redactProblem bounds every text', () => {
  test('a 1 MB message becomes an excerpt, redacted before the cut', () => {
    const redacted = redactProblem({ severity: 'error', code: 'X', message: `GOPROXY="https://bot:${'s'.repeat(2000)}@h.example" ${'x'.repeat(1_000_000)}`, fix: 'y'.repeat(100_000), file: `go.mod${'z'.repeat(10_000)}` });
    assert.ok(redacted.message.length < PROBLEM_MESSAGE_CHARS + 40, String(redacted.message.length));
    assert.ok(redacted.message.startsWith('GOPROXY="https://***@h.example" xxx'), redacted.message.slice(0, 60));
    assert.ok((redacted.fix ?? '').length < 900);
    assert.ok((redacted.file ?? '').length < 560);
  });
});

describe('the log budget', () => {
  test('lines are redacted, cut, kept from starting a workflow command, and stop at the budget with one note', () => {
    const lines: string[] = [];
    resetLogBudget(4096, (line) => lines.push(line));
    logInfo('::add-mask::nothing\n  ::error::injected\nplain https://user:tok@h.example/x');
    assert.deepEqual(lines, ['·::add-mask::nothing', '·  ::error::injected', 'plain https://***@h.example/x']);
    logInfo('z'.repeat(100_000));
    assert.ok(lines[3]!.length < 2100 && lines[3]!.endsWith('more characters)'));
    for (let i = 0; i < 1000; i++) logInfo(`line ${i} ${'w'.repeat(50)}`);
    const total = lines.reduce((n, line) => n + Buffer.byteLength(line) + 1, 0);
    assert.ok(total < 4096 + 300, String(total));
    assert.equal(lines.filter((line) => line.includes('the log limit of 4 KiB for this step is reached')).length, 1);
    assert.ok(droppedLogLines() > 900);
    assert.equal(logLine('x\r'), 'x');
    resetLogBudget();
  });

  test('annotation overflow: at most 10 annotations per type and 50 listed lines for 3,000 problems', () => {
    const lines: string[] = [];
    resetLogBudget(512 * 1024, (line) => lines.push(line));
    const written: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array): boolean => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      emitAnnotations(Array.from({ length: 3000 }, (_, i) => problem(`C${i}`, (['error', 'warning', 'notice'] as const)[i % 3], `m${i}\n::error::x`)));
    } finally {
      process.stdout.write = original;
      resetLogBudget();
    }
    assert.equal(written.filter((chunk) => /^::(error|warning|notice) /.test(chunk)).length, 30);
    assert.equal(lines.length, 1 + OVERFLOW_LINES + 1);
    assert.match(lines[0]!, /^2970 more problem\(s\) exceed the runner's limit/);
    assert.equal(lines.at(-1), `  … and ${2970 - OVERFLOW_LINES} more (see the job summary and the problems output).`);
    // A newline in a message cannot start a command line of its own.
    assert.ok(lines.every((line) => !line.includes('\n')) && lines[1]!.includes('\\n::error::x'), lines[1]);
  });
});

describe('the probe section', () => {
  const result = (i: number, url = `https://mirror${i}.example.com`): ProbeResult => ({ url, role: 'fallback', verdict: 'unhealthy', ok: false, status: null, latencyMs: 3, errorClass: 'refused', message: 'connection refused', fix: 'Check the URL.', sumdbSupported: 'not-asked', requests: [] });
  const decision: FallbackDecision = { goproxy: 'https://proxy.golang.org,direct', changed: false, removed: [], added: [], refused: [], outcome: 'unchanged' };

  test('9,000 results: the table keeps at most 100 rows, says how many more, and the section stays small', () => {
    const results = Array.from({ length: 9000 }, (_, i) => result(i));
    const body = probeSummaryBody(Array.from({ length: 9000 }, (_, i) => `https://p${i}.example`).join(','), results, decision, null);
    assert.ok(Buffer.byteLength(body) < PROBE_SECTION_BYTES, String(Buffer.byteLength(body)));
    assert.equal(body.split('\n').filter((line) => line.startsWith('| <code>https://mirror')).length, PROBE_TABLE_ROWS);
    assert.ok(body.includes(`_${9000 - PROBE_TABLE_ROWS} more row(s) not shown (summary size limit); see the action outputs._`));
  });

  test('a huge URL or message is an excerpt in the table and in the problems', () => {
    const huge = result(0, `https://${'a'.repeat(100_000)}.example`);
    huge.message = 'm'.repeat(100_000);
    const body = probeSummaryBody('direct', [huge], decision, null);
    assert.ok(Buffer.byteLength(body) < 4000, String(Buffer.byteLength(body)));
    const problems = probeProblems({ targets: [], results: [huge], decision, sumdb: null, onUnreachable: 'fallback' });
    assert.ok(problems[0]!.message.length < 1000, String(problems[0]!.message.length));
  });
});
