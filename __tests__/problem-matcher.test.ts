// The Go problem matchers against real go build / go vet / go test output from the go binary,
// read and applied the way the runner does (scripts/runner/emulate.ts readMatcherFile and
// applyProblemMatchers: ECMAScript regex, workspace-rooted files kept repository-relative when they
// exist).
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { applyProblemMatchers, readMatcherFile, type EmulatedMatcher } from '../scripts/runner/emulate.js';
import { GO_DIAGNOSTIC_REGEXP, GO_MATCHER_OWNER, GO_TEST_MATCHER_OWNER, GO_TEST_REGEXP } from '../src/problem-matcher/goMatchers.js';
import { registerGoProblemMatchers, removeGoProblemMatchers } from '../src/problem-matcher/register.js';
import { isolatedGoEnv, requireGo } from './helpers/go.js';
import { runProcess } from './helpers/process.js';
import { withTempDir, writeFiles } from './helpers/e2e.js';

/** Writes the matcher file the action registers and loads it as the runner would. */
async function loadMatchers(dir: string): Promise<{ matchers: EmulatedMatcher[]; commands: string[] }> {
  const commands: string[] = [];
  const registration = await registerGoProblemMatchers(dir, (line) => commands.push(line));
  return { matchers: readMatcherFile(registration.file), commands };
}

// One build cache for the go commands of this file: the standard library is compiled once.
let sharedCache = '';
before(async () => {
  sharedCache = await mkdtemp(path.join(tmpdir(), 'matcher-gocache-'));
});
after(async () => {
  await rm(sharedCache, { recursive: true, force: true });
});

async function goOutput(go: string, root: string, cwd: string, args: string[]): Promise<string> {
  const result = await runProcess(go, args, { cwd, env: { ...isolatedGoEnv(root), GOCACHE: sharedCache, PATH: `${path.dirname(go)}:/usr/bin:/bin`, GOPROXY: 'off', GOFLAGS: '-mod=mod' }, timeoutMs: 120_000 });
  assert.notEqual(result.code, 0, `go ${args.join(' ')} was expected to fail:\n${result.stdout}${result.stderr}`);
  return result.stdout + result.stderr;
}

describe('Go problem matchers', () => {
  test('registration: the file the runner validates, the add command, the state; removal by that state only', async () => {
    await withTempDir('matcher-', async (dir) => {
      const { matchers, commands } = await loadMatchers(dir);
      assert.deepEqual(commands, [`::add-matcher::${path.join(dir, 'setup-goproxy-go-matchers.json')}`]);
      assert.deepEqual(matchers.map((m) => m.owner), [GO_MATCHER_OWNER, GO_TEST_MATCHER_OWNER]);
      const removed: string[] = [];
      assert.deepEqual(removeGoProblemMatchers(JSON.stringify([GO_MATCHER_OWNER, GO_TEST_MATCHER_OWNER]), (line) => removed.push(line)), [GO_MATCHER_OWNER, GO_TEST_MATCHER_OWNER]);
      assert.deepEqual(removed, [`::remove-matcher owner=${GO_MATCHER_OWNER}::`, `::remove-matcher owner=${GO_TEST_MATCHER_OWNER}::`]);
      // No state (main did not register, or problem-matcher: false), a foreign owner, garbage: nothing removed.
      for (const state of ['', '["eslint"]', 'not json', '{"a":1}']) assert.deepEqual(removeGoProblemMatchers(state, () => assert.fail(state)), []);
    });
  });

  test('go build: compile errors in the root package and a sub-package, repository-relative', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('matcher-build-', async (root) => {
      const repo = path.join(root, 'repo');
      await mkdir(path.join(root, 'home'), { recursive: true });
      await writeFiles(repo, {
        'go.mod': 'module example.com/m\n\ngo 1.21\n',
        // Libraries without imports: go type-checks them without compiling the standard library.
        'app.go': 'package app\n\nfunc Run() {\n\tx := 1\n\tundefinedThing()\n}\n',
        'pkg/lib/lib.go': 'package lib\n\nfunc F() int { return "s" }\n',
      });
      const output = await goOutput(go, root, repo, ['build', './...']);
      const { matchers } = await loadMatchers(root);
      const annotations = applyProblemMatchers(matchers, [], output, repo);
      assert.deepEqual(
        annotations.map((a) => [a.level, a.file, a.line, a.col, a.message]).sort(),
        [
          ['error', 'app.go', 4, 2, 'declared and not used: x'],
          ['error', 'app.go', 5, 2, 'undefined: undefinedThing'],
          ['error', 'pkg/lib/lib.go', 3, 23, 'cannot use "s" (untyped string constant) as int value in return statement'],
        ],
        output,
      );
      // "# example.com/m" headers are not problems.
      assert.equal(annotations.length, 3);
    });
  });

  test('go vet: analyzer findings and type errors ("vet: " prefix)', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('matcher-vet-', async (root) => {
      const repo = path.join(root, 'repo');
      await mkdir(path.join(root, 'home'), { recursive: true });
      await writeFiles(repo, {
        'go.mod': 'module example.com/m\n\ngo 1.21\n',
        'main.go': 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Printf("%d\\n", "x")\n}\n',
        'bad/go.mod': 'module example.com/bad\n\ngo 1.21\n',
        'bad/a.go': 'package main\n\nfunc main() { y }\n',
      });
      const { matchers } = await loadMatchers(root);
      const printf = applyProblemMatchers(matchers, [], await goOutput(go, root, repo, ['vet', './...']), repo);
      assert.deepEqual(printf.map((a) => [a.file, a.line, a.col, a.message]), [['main.go', 6, 2, 'fmt.Printf format %d has arg "x" of wrong type string']]);
      // A module of its own, vetted where it is (here the workspace): "vet: ./a.go:3:15: ...".
      const typeError = applyProblemMatchers(matchers, [], await goOutput(go, root, path.join(repo, 'bad'), ['vet', '.']), path.join(repo, 'bad'));
      assert.deepEqual(typeError.map((a) => [a.file, a.line, a.col, a.message]), [['a.go', 3, 15, 'undefined: y']]);
    });
  });

  test('go test: t.Errorf / t.Fatal lines (file:line, message keeps the location), not panic traces', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('matcher-test-', async (root) => {
      const repo = path.join(root, 'repo');
      await mkdir(path.join(root, 'home'), { recursive: true });
      await writeFiles(repo, {
        'go.mod': 'module example.com/m\n\ngo 1.21\n',
        'main.go': 'package main\n\nfunc main() {}\n',
        'main_test.go': 'package main\n\nimport "testing"\n\nfunc TestX(t *testing.T) {\n\tt.Errorf("expected 1, got %d", 2)\n\tt.Run("sub", func(t *testing.T) { t.Fatal("inner") })\n}\n\nfunc TestPanic(t *testing.T) {\n\tvar m map[string]int\n\tm["a"] = 1\n}\n',
        'pkg/p/p.go': 'package p\n\nfunc P() int { return 1 }\n',
        'pkg/p/p_test.go': 'package p\n\nimport "testing"\n\nfunc TestP(t *testing.T) {\n\tif P() != 2 {\n\t\tt.Errorf("P() = %d", P())\n\t}\n}\n',
        'vetfail/v_test.go': 'package vetfail\n\nimport (\n\t"fmt"\n\t"testing"\n)\n\nfunc TestV(t *testing.T) { fmt.Printf("%d", "s") }\n',
      });
      const output = await goOutput(go, root, repo, ['test', './...']);
      assert.match(output, /panic: assignment to entry in nil map/);
      assert.match(output, /\t\/.*main_test\.go:12 \+0x/);
      const { matchers } = await loadMatchers(root);
      const annotations = applyProblemMatchers(matchers, [], output, repo);
      assert.deepEqual(
        annotations.map((a) => [a.file, a.line, a.col, a.message]).sort(),
        [
          // A package below the root prints its test file relative to the package: the runner
          // cannot place it (no pkg/p prefix), so the message carries the location.
          [undefined, 7, undefined, 'p_test.go:7: P() = 1'],
          ['main_test.go', 6, undefined, 'main_test.go:6: expected 1, got 2'],
          ['main_test.go', 7, undefined, 'main_test.go:7: inner'],
          // go test runs vet first; its findings are file:line:col.
          ['vetfail/v_test.go', 8, 28, 'fmt.Printf format %d has arg "s" of wrong type string'],
        ].sort(),
        output,
      );
    });
  });

  test('the regexes on Windows spellings and lines that are not problems', () => {
    const diagnostic = new RegExp(GO_DIAGNOSTIC_REGEXP);
    const testLine = new RegExp(GO_TEST_REGEXP);
    assert.deepEqual(diagnostic.exec('.\\main.go:4:2: declared and not used: x')?.slice(1), ['.\\main.go', '4', '2', 'declared and not used: x']);
    assert.deepEqual(diagnostic.exec('C:\\a\\repo\\repo\\pkg\\x.go:10:5: undefined: y')?.slice(1), ['C:\\a\\repo\\repo\\pkg\\x.go', '10', '5', 'undefined: y']);
    assert.deepEqual(diagnostic.exec('/home/runner/work/r/r/x.go:1:1: expected package')?.slice(1), ['/home/runner/work/r/r/x.go', '1', '1', 'expected package']);
    assert.deepEqual(testLine.exec('        x_test.go:12: got 1')?.slice(1), ['x_test.go:12: got 1', 'x_test.go', '12']);
    for (const line of [
      '# example.com/m',
      'go: downloading example.com/dep v1.0.0',
      '--- FAIL: TestX (0.00s)',
      'FAIL\texample.com/m\t0.005s',
      'ok  \texample.com/m/pkg\t0.003s',
      '\t/usr/lib/go/src/testing/testing.go:1632 +0x230',
      'panic: runtime error: x.go:3:4: not a location',
      'error reading config.go:12:3: nothing here',
      '    x_test.go:15: ',
      'x_test.go:15: not indented, so not test output',
      '    main.go:6: t.Log output only comes from _test.go files',
    ]) {
      assert.equal(diagnostic.exec(line), null, line);
      assert.equal(testLine.exec(line), null, line);
    }
  });

  test('a long hostile line is rejected in one pass (each quantifier stops where the next part starts)', () => {
    const diagnostic = new RegExp(GO_DIAGNOSTIC_REGEXP);
    const testLine = new RegExp(GO_TEST_REGEXP);
    for (const line of ['a'.repeat(200_000), `${'x.go'.repeat(50_000)}:1`, ` ${'_test.go'.repeat(20_000)}:1`, `${' '.repeat(100_000)}x`]) {
      assert.equal(diagnostic.exec(line), null);
      assert.equal(testLine.exec(line), null);
    }
  });
});
