import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { canonicalVersion, parseGoMod, parseGoWork, type GoModFile } from '../src/go/modfile.js';
import { findGo, NO_GO_TELEMETRY } from './helpers/go.js';

const realistic = `// Service module.
module github.com/acme/service

go 1.22.3

toolchain go1.23.2

godebug default=go1.21

require (
	github.com/acme/internal-sdk v1.4.2
	github.com/google/uuid v1.6.0
	golang.org/x/sync v0.8.0 // indirect
	gopkg.in/yaml.v3 v3.0.1
	github.com/Azure/azure-sdk-for-go/sdk/azcore v1.11.1 //indirect
	github.com/acme/legacy v2.3.0+incompatible
	github.com/acme/pseudo v0.0.0-20240102030405-abcdefabcdef // indirect; needed by tests
)

require github.com/acme/single/v3 v3.0.0-rc.1

require (
	// A comment line inside a block is not a requirement.

	github.com/acme/tools v0.1.0
)

exclude github.com/google/uuid v1.5.0

replace github.com/acme/internal-sdk => ../internal-sdk

replace (
	github.com/acme/legacy v2.3.0+incompatible => github.com/acme/legacy-fork v2.3.1+incompatible
	golang.org/x/sync => golang.org/x/sync v0.9.0
)

retract (
	v1.0.0 // Published by mistake.
	[v1.1.0, v1.1.5]
)
`;

describe('parseGoMod', () => {
  test('parses a realistic go.mod with line numbers', () => {
    const { file, issues } = parseGoMod(realistic);
    assert.deepEqual(issues, []);
    assert.deepEqual(file.module, { path: 'github.com/acme/service', line: 2 });
    assert.deepEqual(file.go, { version: '1.22.3', line: 4 });
    assert.deepEqual(file.toolchain, { name: 'go1.23.2', line: 6 });
    assert.deepEqual(file.requires, [
      { path: 'github.com/acme/internal-sdk', version: 'v1.4.2', indirect: false, line: 11 },
      { path: 'github.com/google/uuid', version: 'v1.6.0', indirect: false, line: 12 },
      { path: 'golang.org/x/sync', version: 'v0.8.0', indirect: true, line: 13 },
      { path: 'gopkg.in/yaml.v3', version: 'v3.0.1', indirect: false, line: 14 },
      { path: 'github.com/Azure/azure-sdk-for-go/sdk/azcore', version: 'v1.11.1', indirect: true, line: 15 },
      { path: 'github.com/acme/legacy', version: 'v2.3.0+incompatible', indirect: false, line: 16 },
      { path: 'github.com/acme/pseudo', version: 'v0.0.0-20240102030405-abcdefabcdef', indirect: true, line: 17 },
      { path: 'github.com/acme/single/v3', version: 'v3.0.0-rc.1', indirect: false, line: 20 },
      { path: 'github.com/acme/tools', version: 'v0.1.0', indirect: false, line: 25 },
    ]);
    assert.deepEqual(file.excludes, [{ path: 'github.com/google/uuid', version: 'v1.5.0', line: 28 }]);
    assert.deepEqual(file.replaces, [
      { from: { path: 'github.com/acme/internal-sdk', version: null }, to: { path: '../internal-sdk', version: null }, line: 30 },
      { from: { path: 'github.com/acme/legacy', version: 'v2.3.0+incompatible' }, to: { path: 'github.com/acme/legacy-fork', version: 'v2.3.1+incompatible' }, line: 33 },
      { from: { path: 'golang.org/x/sync', version: null }, to: { path: 'golang.org/x/sync', version: 'v0.9.0' }, line: 34 },
    ]);
    assert.equal(file.retracts, 2);
  });

  test('CRLF line endings change nothing', () => {
    const lf = parseGoMod(realistic);
    const crlf = parseGoMod(realistic.replace(/\n/g, '\r\n'));
    assert.deepEqual(crlf, lf);
  });

  test('quoted module path and quoted require path with escapes', () => {
    const { file, issues } = parseGoMod('module "example.com/m"\nrequire "example.com/\\x61" "v1.0.\\060"\n');
    assert.deepEqual(issues, []);
    assert.equal(file.module?.path, 'example.com/m');
    assert.deepEqual(file.requires, [{ path: 'example.com/a', version: 'v1.0.0', indirect: false, line: 2 }]);
  });

  test('back-quoted strings are lexed but refused, as the go command does', () => {
    const { file, issues } = parseGoMod('module m\nrequire `example.com/a` v1.0.0\nrequire example.com/b v1.0.0\n');
    assert.deepEqual(issues, [{ line: 2, message: 'invalid quoted string: unquoted string cannot contain quote' }]);
    assert.deepEqual(file.requires.map((r) => r.path), ['example.com/b']);
  });

  test('indirect marker rules', () => {
    const text = ['module m', 'require (', '\ta.com/a v1.0.0 // indirect', '\ta.com/b v1.0.0 //indirect', '\ta.com/c v1.0.0 // indirect; reason', '\ta.com/d v1.0.0 // indirectly', '\ta.com/e v1.0.0 // not indirect', '\ta.com/f v1.0.0//indirect', ')', 'require a.com/g v1.0.0 // indirect', ''].join('\n');
    const { file, issues } = parseGoMod(text);
    assert.deepEqual(issues, []);
    assert.deepEqual(file.requires.map((r) => [r.path, r.indirect]), [
      ['a.com/a', true], ['a.com/b', true], ['a.com/c', true], ['a.com/d', false], ['a.com/e', false], ['a.com/f', true], ['a.com/g', true],
    ]);
  });

  test('versions are canonicalised like module.CanonicalVersion', () => {
    assert.equal(canonicalVersion('v1'), 'v1.0.0');
    assert.equal(canonicalVersion('v1.2'), 'v1.2.0');
    assert.equal(canonicalVersion('v1.2.3+meta'), 'v1.2.3');
    assert.equal(canonicalVersion('v2.0.0+incompatible'), 'v2.0.0+incompatible');
    assert.equal(canonicalVersion('v1.2-pre'), '');
    assert.equal(canonicalVersion('v01.2.3'), '');
    assert.equal(canonicalVersion('1.2.3'), '');
    assert.equal(canonicalVersion('v1.0.0-01'), '');
    const { file } = parseGoMod('module m\nrequire a.com/x v1.2\n');
    assert.equal(file.requires[0]?.version, 'v1.2.0');
  });

  test('bad input never throws and reports every bad line', () => {
    const text = [
      'module example.com/m',              // 1
      'require example.com/b/v2 v1.0.0',   // 2 major mismatch
      'require example.com/c master',      // 3 not a version
      'require (x v1.0.0)',                // 4 not a block
      'foo bar',                           // 5 unknown directive
      'replace a => b',                    // 6 not a directory
      'go 1.21.x',                         // 7
      'toolchain 1.22',                    // 8
      'module again',                      // 9 repeated
      'retract v1.0.0 extra',              // 10
      'require ok.com/fine v1.0.0',        // 11 fine
      'require bad.com/x v1.0.0 /* c */',  // 12
      'require q.com/y "v1.0.0',           // 13 unterminated string
      'exclude e.com/x',                   // 14
      'replace r.com/x v1.0.0 => ./x v1.0.0', // 15 dir with version
      'require gopkg.in/yaml.v3 v2.0.0',   // 16 wrong major for gopkg.in
      '',
    ].join('\n');
    const { file, issues } = parseGoMod(text);
    assert.deepEqual(issues.map((i) => i.line), [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16]);
    assert.match(issues[0]?.message ?? '', /should be v2, not v1/);
    assert.match(issues[1]?.message ?? '', /must be of the form v1\.2\.3/);
    // Lines that fail to lex (12, 13) are reported once and not used.
    assert.deepEqual(file.requires.map((r) => r.path), ['ok.com/fine']);
    assert.equal(file.module?.path, 'example.com/m');
  });

  test('block structure errors', () => {
    const unterminated = parseGoMod('module m\nrequire (\n\ta.com/x v1.0.0\n');
    assert.deepEqual(unterminated.issues, [{ line: 2, message: 'syntax error (unterminated block started at line 2)' }]);
    assert.equal(unterminated.file.requires.length, 1);
    const trailing = parseGoMod('module m\nrequire (\n\ta.com/x v1.0.0\n) x\nrequire b.com/y v1.0.0\n');
    assert.deepEqual(trailing.issues.map((i) => i.line), [4]);
    assert.deepEqual(trailing.file.requires.map((r) => r.line), [3, 5]);
    const unknownBlock = parseGoMod('module m\nfoo (\n\tbar\n)\nrequire ( )\n');
    assert.deepEqual(unknownBlock.issues, [{ line: 2, message: 'unknown block type: foo' }]);
    const moduleBlock = parseGoMod('module (\n\texample.com/m\n)\n');
    assert.deepEqual(moduleBlock.file.module, { path: 'example.com/m', line: 2 });
  });

  test('byte-order mark, strange characters and garbage do not throw', () => {
    const bom = parseGoMod('\uFEFFmodule m\n');
    assert.equal(bom.file.module?.path, 'm');
    assert.equal(bom.issues.length, 1);
    for (const junk of ['\u0000\u0001', '((((', ')))', '"', '`', 'require', 'require (\n(\n', '\u00a0module m', 'x'.repeat(10000), '\r\r\r\n\n']) {
      assert.doesNotThrow(() => parseGoMod(junk));
      assert.doesNotThrow(() => parseGoWork(junk));
    }
  });

  test('newer directives (tool, ignore) are accepted silently', () => {
    const { issues } = parseGoMod('module m\ngo 1.24\ntool golang.org/x/tools/cmd/stringer\nignore ./node_modules\n');
    assert.deepEqual(issues, []);
  });
});

describe('parseGoWork', () => {
  test('use lines and blocks, quoted dirs, replace', () => {
    const text = 'go 1.23\ntoolchain go1.23.4\n\nuse ./a\nuse (\n\t./b // the b module\n\t"./c d"\n\n\t../outside\n)\nreplace example.com/x => ./x\n';
    const { file, issues } = parseGoWork(text);
    assert.deepEqual(issues, []);
    assert.deepEqual(file.go, { version: '1.23', line: 1 });
    assert.deepEqual(file.toolchain, { name: 'go1.23.4', line: 2 });
    assert.deepEqual(file.uses, [
      { dir: './a', line: 4 },
      { dir: './b', line: 6 },
      { dir: './c d', line: 7 },
      { dir: '../outside', line: 9 },
    ]);
    assert.deepEqual(file.replaces, [{ from: { path: 'example.com/x', version: null }, to: { path: './x', version: null }, line: 11 }]);
  });

  test('go.mod directives are errors in go.work', () => {
    const { issues } = parseGoWork('go 1.23\nrequire a.com/b v1.0.0\nuse a b\nmodule m\n');
    assert.deepEqual(issues.map((i) => i.line), [2, 3, 4]);
  });
});

// ---------------------------------------------------------------------------------------------
// Cross-check against the real go command.

const goBinary = findGo();
// On CI a missing go must fail the run rather than quietly skip the cross-check.
const skipGo = goBinary === null && process.env['CI'] !== 'true' ? 'go binary not found' : false;

function goEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'] ?? '', HOME: home, GOPATH: path.join(home, 'gopath'), GOCACHE: path.join(home, 'cache'), GOTOOLCHAIN: 'local', GOPROXY: 'off', GOENV: 'off', ...NO_GO_TELEMETRY, GOWORK: 'off' };
  return env;
}

function runGo(dir: string, args: string[]): { ok: boolean; stdout: string; stderr: string } {
  assert.ok(goBinary, 'go binary required (PATH or /usr/lib/go-1.23/bin/go)');
  const r = spawnSync(goBinary, args, { cwd: dir, env: goEnv(dir), encoding: 'utf8' });
  return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr };
}

interface GoModJson {
  Module: { Path: string };
  Go?: string;
  Toolchain?: string;
  Require: Array<{ Path: string; Version: string; Indirect?: boolean }> | null;
  Exclude: Array<{ Path: string; Version: string }> | null;
  Replace: Array<{ Old: { Path: string; Version?: string }; New: { Path: string; Version?: string } }> | null;
  Retract: unknown[] | null;
}

function asGoJson(file: GoModFile): GoModJson {
  return {
    // go mod edit -json always prints Module, with an empty path when there is none.
    Module: { Path: file.module?.path ?? '' },
    ...(file.go ? { Go: file.go.version } : {}),
    ...(file.toolchain ? { Toolchain: file.toolchain.name } : {}),
    Require: file.requires.length ? file.requires.map((r) => ({ Path: r.path, Version: r.version, ...(r.indirect ? { Indirect: true } : {}) })) : null,
    Exclude: file.excludes.length ? file.excludes.map((e) => ({ Path: e.path, Version: e.version })) : null,
    Replace: file.replaces.length
      ? file.replaces.map((r) => ({
          Old: { Path: r.from.path, ...(r.from.version ? { Version: r.from.version } : {}) },
          New: { Path: r.to.path, ...(r.to.version ? { Version: r.to.version } : {}) },
        }))
      : null,
    Retract: null,
  };
}

const goModCorpus: Record<string, string> = {
  realistic,
  crlf: realistic.replace(/\n/g, '\r\n'),
  quoted: 'module "example.com/quoted" // trailing\n\ngo 1.21\n\nrequire (\n\t"example.com/a" "v1.0.0" // indirect\n\texample.com/b v1.2\n\texample.com/c v1.2.3+build.5\n)\nreplace "example.com/a" v1.0.0 => "../a dir"\n',
  compact: 'module m\nrequire(\n)\nrequire a.com/x v1.0.0//indirect\nexclude (\n\ta.com/x v0.9.0\n\ta.com/x v0.9.1\n)\nreplace a.com/y => /abs/y\nreplace a.com/z v1.0.0 => C:/z\n',
  majors: 'module m\n\nrequire (\n\tgithub.com/x/y/v2 v2.1.0\n\tgithub.com/x/z v3.0.0+incompatible\n\tgopkg.in/check.v1 v0.0.0-20161208181325-20d25e280405\n\tgopkg.in/yaml.v2 v2.4.0\n\tgopkg.in/src-d/go-git.v4 v4.13.1\n)\n',
  empty: '',
  onlyComments: '// nothing here\n\n// at all\n',
  indirect: 'module m\nrequire (\n\ta.com/a v1.0.0 // indirect\n\ta.com/b v1.0.0 //indirect\n\ta.com/c v1.0.0 // indirect; reason\n\ta.com/d v1.0.0 // indirectly\n\ta.com/e v1.0.0 // not indirect\n)\n',
};

// Files with only directive-level (not syntax) errors: the go command reports every bad line.
const goModSemanticErrors: Record<string, string> = {
  many: 'module example.com/m\nrequire `example.com/a` v1.0.0\nrequire example.com/b/v2 v1.0.0\nrequire example.com/c master\nrequire (x v1.0.0)\nfoo bar\nreplace a => b\ngo 1.21.x\ntoolchain 1.22\nretract v1.0.0 x\nexclude e.com/x\nreplace r.com/x v1.0.0 => ./x v1.0.0\nrequire gopkg.in/yaml.v3 v2.0.0\nmodule again\n',
  work: 'module m\nuse ./x\n',
};

// Syntax errors: the go command stops at the first one; both must agree that the file is bad.
const goModSyntaxErrors: Record<string, string> = {
  unterminated: 'module m\nrequire (\n\ta.com/x v1.0.0\n',
  trailingParen: 'module m\nrequire (\n\ta.com/x v1.0.0\n) x\n',
  cComment: 'module m\nrequire a.com/x v1.0.0 /* x */\n',
  bom: '\uFEFFmodule m\n',
  openString: 'module "m\n',
};

function goErrorLines(stderr: string): number[] {
  return [...stderr.matchAll(/^[^:\n]+\.mod:(\d+)(?::\d+)?: /gm)].map((m) => Number(m[1]));
}

describe('agreement with the go command', { skip: skipGo }, () => {
  test('go mod edit -json and parseGoMod agree on valid files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'modfile-'));
    try {
      for (const [name, text] of Object.entries(goModCorpus)) {
        const file = path.join(dir, `${name}.mod`);
        writeFileSync(file, text);
        const go = runGo(dir, ['mod', 'edit', '-json', file]);
        assert.ok(go.ok, `${name}: go failed: ${go.stderr}`);
        const expected = JSON.parse(go.stdout) as GoModJson;
        const { file: parsed, issues } = parseGoMod(text);
        assert.deepEqual(issues, [], name);
        assert.deepEqual(asGoJson(parsed), { ...expected, Retract: null }, name);
        assert.equal(parsed.retracts, expected.Retract?.length ?? 0, name);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    }
  });

  test('both report the same lines for directive errors', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'modfile-'));
    try {
      for (const [name, text] of Object.entries(goModSemanticErrors)) {
        const file = path.join(dir, `${name}.mod`);
        writeFileSync(file, text);
        const go = runGo(dir, ['mod', 'edit', '-json', file]);
        assert.equal(go.ok, false, name);
        assert.deepEqual(parseGoMod(text).issues.map((i) => i.line), goErrorLines(go.stderr), `${name}: ${go.stderr}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    }
  });

  test('both reject files with syntax errors', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'modfile-'));
    try {
      for (const [name, text] of Object.entries(goModSyntaxErrors)) {
        const file = path.join(dir, `${name}.mod`);
        writeFileSync(file, text);
        const go = runGo(dir, ['mod', 'edit', '-json', file]);
        assert.equal(go.ok, false, name);
        assert.notDeepEqual(parseGoMod(text).issues, [], name);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    }
  });

  test('go work edit -json and parseGoWork agree', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'modfile-'));
    try {
      const text = '// workspace\ngo 1.23\r\n\r\nuse ./a\nuse (\n\t./b // the b module\n\t"./c d"\n\n\t../outside\n)\nreplace example.com/x v1.2.0 => ./x\nreplace (\n\texample.com/y => example.com/y2 v1.0.0\n)\n';
      const file = path.join(dir, 'go.work');
      writeFileSync(file, text);
      const go = runGo(dir, ['work', 'edit', '-json', file]);
      assert.ok(go.ok, go.stderr);
      const expected = JSON.parse(go.stdout) as { Go?: string; Use: Array<{ DiskPath: string }> | null; Replace: GoModJson['Replace'] };
      const { file: parsed, issues } = parseGoWork(text);
      assert.deepEqual(issues, []);
      assert.equal(parsed.go?.version, expected.Go);
      assert.deepEqual(parsed.uses.map((u) => u.dir), (expected.Use ?? []).map((u) => u.DiskPath));
      assert.deepEqual(asGoJson({ module: null, go: null, toolchain: null, requires: [], excludes: [], retracts: 0, replaces: parsed.replaces }).Replace, expected.Replace ?? null);

      const bad = 'go 1.23\nrequire a.com/b v1.0.0\nuse a b\n';
      writeFileSync(file, bad);
      const goBad = runGo(dir, ['work', 'edit', '-json', file]);
      assert.equal(goBad.ok, false);
      const goLines = [...goBad.stderr.matchAll(/go\.work:(\d+)(?::\d+)?: /g)].map((m) => Number(m[1]));
      assert.deepEqual(parseGoWork(bad).issues.map((i) => i.line), goLines, goBad.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    }
  });

  test('the go binary is the expected one', () => {
    assert.match(execFileSync(goBinary as string, ['version'], { env: goEnv(tmpdir()), encoding: 'utf8' }), /^go version go1\./);
  });
});

describe('platform of the go command reading go.mod', () => {
  const goMod = 'module example.com/m\n\ngo 1.21\n\nrequire example.com/lib v1.0.0\n\nreplace example.com/lib => ..\\lib\n';

  test('`replace ... => ..\\lib` is valid on Windows and refused elsewhere, as by the go command', () => {
    const windows = parseGoMod(goMod, { platform: 'win32' });
    assert.deepEqual(windows.issues, []);
    assert.deepEqual(windows.file.replaces[0]?.to, { path: '..\\lib', version: null });
    for (const platform of ['linux', 'darwin'] as const) {
      const { issues } = parseGoMod(goMod, { platform });
      assert.deepEqual(issues.map((issue) => issue.message), ['replacement directory appears to be Windows path (on a non-windows system)']);
    }
    assert.deepEqual(parseGoWork('go 1.21\n\nreplace example.com/lib => C:\\src\\lib\n', { platform: 'win32' }).issues, []);
  });

  test('the Linux go command agrees: it refuses the backslash path', { skip: skipGo }, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'modfile-win-'));
    try {
      writeFileSync(path.join(dir, 'go.mod'), goMod);
      const result = spawnSync(goBinary ?? 'go', ['mod', 'edit', '-json'], { cwd: dir, env: goEnv(dir) });
      assert.notEqual(result.status, 0);
      assert.match(result.stderr.toString(), /replacement directory appears to be Windows path \(on a non-windows system\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
