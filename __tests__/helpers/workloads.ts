// Hostile-size workloads for every parser, lint and renderer that sees untrusted text (inputs,
// env, repository files, go's output). Each took minutes or hours before they were made linear
// (a backtracking regular expression, a lint comparing every entry with every other, a message
// quoting the whole value once per entry); each takes well under a second now.
//
// Used by __tests__/hostile-linear.test.ts (each in its own process with a deadline, because a
// synchronous quadratic loop cannot be interrupted from inside) and by scripts/bench-input.ts.
// Run one: node --import tsx __tests__/helpers/workloads.ts <name>
import { pathToFileURL } from 'node:url';
import { proxyListSecrets, redactForDisplay, redactProxyList, userinfoSecrets } from '../../src/go/redact.js';
import { lintGoproxy } from '../../src/config/lintProxy.js';
import { lintPatternList } from '../../src/config/lintPatterns.js';
import { lintBlankPatternValue, lintGoauth, lintGoflags, lintGosumdb } from '../../src/config/lintOther.js';
import { lintRouting, routeModules } from '../../src/config/routing.js';
import { joinLines, normalisePatternListInput, normaliseProxyListInput } from '../../src/config/inputValues.js';
import { parseGoMod, parseGoWork } from '../../src/go/modfile.js';
import { parseGoEnvFile } from '../../src/go/envFile.js';
import { parseProxyList } from '../../src/go/proxyList.js';
import { renderSummary } from '../../src/report/summary.js';
import { redactProblem } from '../../src/report/redactProblem.js';
import { capProblems } from '../../src/problems.js';
import { displayText, displayValue } from '../../src/report/bounds.js';
import { findInputLine } from '../../src/report/workflowLocate.js';

const MB = 1_000_000;
const list = (n: number, entry: (i: number) => string, separator = ','): string => Array.from({ length: n }, (_, i) => entry(i)).join(separator);

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`workload check failed: ${what}`);
}

export const WORKLOADS: Readonly<Record<string, () => void>> = {
  // The URL-redaction regular expression backtracked over long runs of letters (2.8 s for 40 kB).
  'redact 1 MB of text': () => {
    const letters = 'a'.repeat(MB);
    check(redactForDisplay(letters) === letters, 'plain text unchanged');
    check(redactForDisplay(`https://${letters}`).length === MB + 8, 'URL without userinfo unchanged');
    check(userinfoSecrets(`https://${letters}@h`).length > 0, 'userinfo found');
    check(proxyListSecrets(' '.repeat(MB)).length === 0, 'no secret in spaces');
    check(redactProxyList(`${' '.repeat(MB)}tok@h`).endsWith('***@h'), 'scheme-less userinfo redacted');
    check(displayText('x://'.repeat(MB / 4)).length < 1000, 'display text bounded');
  },
  // 9,000 entries: every message quoted the whole list, and the private-fallthrough lint
  // compared every entry with every later one.
  'lint a GOPROXY of 9,000 entries': () => {
    const goproxy = list(9000, (i) => (i % 2 === 0 ? `https://user:tok${i}@athens${i}.corp.example` : `https://mirror${i}.example.com`), '|');
    const { problems } = lintGoproxy({ goproxy, gonoproxy: list(1000, (i) => `git${i}.corp.example`), goprivate: list(1000, (i) => `*.corp${i}.example`) });
    check(problems.filter((problem) => problem.code === 'GOPROXY_PRIVATE_LEAK').length === 4500, 'each private entry before a public one');
    check(problems.every((problem) => problem.message.length < 2000), 'messages quote an excerpt');
    check(parseProxyList(`proxy.${'a'.repeat(MB)}.example,direct`, '').ok, 'a 1 MB entry parses');
  },
  'lint 9,000 GOPRIVATE patterns and a 1 MB pattern of slashes': () => {
    const value = list(9000, (i) => ` Host${i}.example//`);
    const problems = lintPatternList('GOPRIVATE', value);
    check(problems.length === 9000, 'one warning per pattern');
    lintPatternList('GOPRIVATE', `${'/'.repeat(MB)}x//`);
    lintPatternList('GONOSUMDB', `https://${'a'.repeat(MB)}@h/org`);
    lintBlankPatternValue('GONOPROXY', ' '.repeat(MB));
  },
  'route 2,000 modules through 1,000 patterns each of GOPRIVATE, GONOPROXY and GONOSUMDB': () => {
    const modules = Array.from({ length: 2000 }, (_, i) => ({ path: `git${i % 1500}.corp.example/team/m${i}`, version: 'v1.0.0', goModFile: 'go.mod', line: i + 1 }));
    const patterns = list(1000, (i) => `git${i}.corp.example/team`);
    const settings = { GOPRIVATE: `${patterns},*.unused${'x'.repeat(10)}.example`, GONOPROXY: patterns, GONOSUMDB: list(1000, (i) => `other${i}.example`), sumdbOff: false };
    const routes = routeModules(modules, settings);
    check(routes.filter((route) => !route.viaProxy).length === 1500, 'routes match the patterns');
    const problems = lintRouting(routes, settings, []);
    check(problems.some((problem) => problem.code === 'GOPRIVATE_UNUSED_PATTERN'), 'unused patterns found');
    check(problems.every((problem) => problem.message.length < 2000), 'messages quote excerpts');
  },
  // A pull request can add one require line: it went through the parser, the routes, every
  // problem message and the summary (56 s for 40 kB with the old redaction).
  'a go.mod require line with a 1 MB module path, through routing, problems and the summary': () => {
    const path = `git.corp.example/${'a'.repeat(MB)}`;
    const { file, issues } = parseGoMod(`module example.com/m\n\ngo 1.21\n\nrequire ${path} v1.0.0\nreplace ${path} => ../${'b'.repeat(MB)}\n`);
    check(file.requires[0]?.path === path && issues.length === 0, 'parsed');
    parseGoWork(`go 1.21\n\nuse ${'./d'.repeat(MB / 3)}\n`);
    const settings = { GOPRIVATE: '', GONOPROXY: 'git.corp.example', GONOSUMDB: '', sumdbOff: false };
    const routes = routeModules(file.requires.map((require) => ({ ...require, goModFile: 'go.mod' })), settings);
    const problems = capProblems(lintRouting(routes, settings, []).map(redactProblem));
    check(problems.length === 1 && problems[0]!.message.length < 2000, 'one bounded problem');
    const summary = renderSummary({ title: 't', goDescription: 'go', variables: [{ name: 'GOPROXY', value: path, source: 'x', status: 'ok' }], problems, modules: routes, sections: [{ heading: 'go output', body: `${path}\n`.repeat(3) }] });
    check(Buffer.byteLength(summary) < 1024 * 1024, 'summary bounded');
  },
  'GOSUMDB, GOFLAGS and GOAUTH of 1 MB (spaces, lines, quotes)': () => {
    check(joinLines(`${' '.repeat(MB)}x`).length === MB + 1, 'spaces without a newline kept');
    check(joinLines(`a${' \n '.repeat(MB / 3)}b`) === 'a b', 'one space for a run with newlines');
    lintGosumdb(`${'a'.repeat(MB)} https://${'b'.repeat(MB)}`);
    lintGoflags(`-ldflags=${'1'.repeat(MB)}x -timeout=${'1'.repeat(MB)}x`);
    lintGoflags(`"${'-x '.repeat(MB / 3)}`);
    lintGoauth(`git ${'/a'.repeat(MB / 2)};${'off;'.repeat(MB / 4)}`, 'win32');
  },
  'inputs of 9,000 lines, an env-file of 100,000 lines, a workflow of 250 kB': () => {
    check(normaliseProxyListInput(list(9000, (i) => `https://p${i}.example`, '\n')).split(',').length === 9000, 'proxy lines joined');
    check(normalisePatternListInput(list(9000, (i) => ` h${i}.example `, '\n')).split(',').length === 9000, 'pattern lines joined');
    check(parseGoEnvFile(list(100_000, (i) => `GOPRIVATE=h${i}.example`, '\r\n')).size === 1, 'env-file parsed');
    const workflow = `jobs:\n  build:\n    steps:\n${'      - run: echo hi\n'.repeat(11_000)}      - uses: ./\n        with:\n          goproxy: x\n`;
    check(findInputLine(workflow, 'goproxy', { job: 'build', actionRefSubstrings: ['./'] }) !== null, 'input line found');
    check(displayValue('\u0000'.repeat(MB)).length < 1000, 'control characters shown, bounded');
  },
};

// Run as a script: one workload by name, then print its time.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const name = process.argv[2] ?? '';
  const workload = WORKLOADS[name];
  if (workload === undefined) {
    console.error(`unknown workload ${JSON.stringify(name)}; known: ${Object.keys(WORKLOADS).join('; ')}`);
    process.exit(2);
  }
  const started = performance.now();
  workload();
  console.log(`ok ${Math.round(performance.now() - started)} ms`);
}
