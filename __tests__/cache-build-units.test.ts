// Pure parts of the build cache: keys, the trim plan, action entries, inputs, the save decision,
// go env parsing and the summary.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildCacheKeys, outputHash } from '../src/build-cache/key.js';
import { planTrim } from '../src/build-cache/trim.js';
import { isEntryName, outputOfAction } from '../src/build-cache/entries.js';
import { parseKeyWords, readBuildCacheInputs } from '../src/build-cache/inputs.js';
import { decideBuildSave } from '../src/build-cache/saveDecision.js';
import { parseGoEnvJson } from '../src/build-cache/goEnv.js';
import { renderBuildMainSummary, renderBuildPostSummary } from '../src/build-cache/summary.js';
import { InputError } from '../src/config/inputValues.js';

const hex = (c: string): string => c.repeat(64);

describe('build-cache keys', () => {
  const base = { prefix: 'setup-goproxy-gobuild', goos: 'linux', goarch: 'amd64', goVersion: 'go1.23.5', outputs: { CGO_ENABLED: '1', GOAMD64: 'v1', GOFLAGS: '' }, words: '', job: 'build', gomodcache: '/home/runner/go/pkg/mod', runSuffix: '123-1' };
  const line = (over: Partial<typeof base>): string => buildCacheKeys({ ...base, ...over }).restorePrefix;
  test('prefix, layout, platform, toolchain, settings hash, job, GOMODCACHE hash, then the run suffix', () => {
    const keys = buildCacheKeys(base);
    assert.match(keys.key, /^setup-goproxy-gobuild-b2-linux-amd64-go1\.23\.5-[0-9a-f]{12}-build-[0-9a-f]{8}-123-1$/);
    assert.equal(keys.key, `${keys.restorePrefix}123-1`);
    assert.equal(buildCacheKeys({ ...base, runSuffix: '124-2' }).restorePrefix, keys.restorePrefix, 'runs of one line share the prefix');
  });
  test('every dimension that changes build outputs separates lines: GOOS, GOARCH, Go version, settings, words, job, GOMODCACHE path', () => {
    const variants = [
      line({ goos: 'darwin' }), line({ goarch: 'arm64' }), line({ goVersion: 'go1.22.10' }), line({ goVersion: 'go1.23.50' }),
      line({ outputs: { ...base.outputs, CGO_ENABLED: '0' } }), line({ outputs: { ...base.outputs, GOAMD64: 'v3' } }), line({ outputs: { ...base.outputs, GOFLAGS: '-tags=netgo' } }),
      line({ words: 'race' }), line({ job: 'test' }), line({ gomodcache: '/Users/runner/go/pkg/mod' }),
    ];
    const plain = line({});
    for (const v of variants) {
      assert.notEqual(v, plain);
      // A restore by prefix must never reach another line's entries.
      assert.ok(!v.startsWith(plain) && !plain.startsWith(v), `${v} vs ${plain}`);
    }
    assert.equal(new Set(variants).size, variants.length);
  });
  test('the settings hash ignores order; odd characters in the job or version stay out of the key', () => {
    assert.equal(outputHash({ A: '1', B: '2' }, 'w'), outputHash({ B: '2', A: '1' }, 'w'));
    const odd = buildCacheKeys({ ...base, job: 'build, test $(x)', goVersion: 'go1.24rc1 X:boringcrypto' });
    assert.doesNotMatch(odd.key, /[,\s$()]/);
    assert.ok(odd.key.length < 512);
  });
});

describe('trim plan', () => {
  const a = (c: string): string => `${c}${c}/${hex(c)}-a`;
  const d = (c: string): string => `${c}${c}/${hex(c)}-d`;
  const used = 1_000_000;
  const entry = (name: string, fresh: boolean, size = 100) => ({ name, mtimeMs: fresh ? used + 5 : used - 7_200_000, size });
  test('keeps used actions and the outputs they name; leaves out unused ones; counts used / trimmed / new', () => {
    const entries = [entry(a('1'), true), entry(d('2'), false, 1000), entry(a('3'), false), entry(d('4'), false, 500), entry(a('5'), true), entry(d('6'), true, 50)];
    const outputsOf = new Map([[a('1'), d('2')], [a('3'), d('4')], [a('5'), d('6')]]);
    const restored = new Set([a('1'), d('2'), a('3'), d('4')]);
    const plan = planTrim({ entries, usedSinceMs: used, restored, outputsOf });
    // a1 used (its output d2 was not touched, but is named by a1: kept); a3/d4 unused; a5/d6 new.
    assert.deepEqual(plan.keep, [a('1'), d('2'), a('5'), d('6')].sort());
    assert.equal(plan.usedRestored, 2);
    assert.equal(plan.trimmed, 2);
    assert.equal(plan.added, 2);
    assert.equal(plan.keepBytes, 100 + 1000 + 100 + 50);
    assert.equal(plan.unchanged, false);
  });
  test('an action whose output is gone is dropped; an output no kept action names is dropped', () => {
    const entries = [entry(a('1'), true), entry(d('9'), true)];
    const plan = planTrim({ entries, usedSinceMs: used, restored: new Set(), outputsOf: new Map([[a('1'), d('2')]]) });
    assert.deepEqual(plan.keep, []);
  });
  test('unchanged: the same entries as the restored archive', () => {
    const entries = [entry(a('1'), true), entry(d('2'), false)];
    const plan = planTrim({ entries, usedSinceMs: used, restored: new Set([a('1'), d('2')]), outputsOf: new Map([[a('1'), d('2')]]) });
    assert.equal(plan.unchanged, true);
    assert.equal(planTrim({ entries, usedSinceMs: used, restored: new Set(), outputsOf: new Map([[a('1'), d('2')]]) }).unchanged, false, 'after a miss everything is new');
  });
});

describe('action entries', () => {
  test('the output an action names, in the format go writes', () => {
    const line = `v1 ${hex('a')} ${hex('b')} ${String(1234).padStart(20)} ${String(1700000000000000000).padStart(20)}\n`;
    assert.equal(outputOfAction(line), `bb/${hex('b')}-d`);
    assert.equal(outputOfAction('v2 junk'), null);
    assert.equal(outputOfAction(`v1 ${hex('a')} ${'g'.repeat(64)} 1 1\n`), null);
    assert.ok(isEntryName(`${hex('0')}-a`));
    assert.ok(!isEntryName(`${hex('0')}-x`));
    assert.ok(!isEntryName('README'));
  });
});

describe('build-cache inputs', () => {
  const read = (values: Record<string, string>) => readBuildCacheInputs((name) => values[name] ?? '');
  test('defaults: on, saved from the default branch, no words', () => {
    assert.deepEqual(read({}), { enabled: true, save: 'default-branch', keyWords: '' });
    assert.deepEqual(read({ 'build-cache': 'false', 'build-cache-save': 'Always', 'build-cache-key': ' race,\n tags-netgo ' }), { enabled: false, save: 'always', keyWords: 'race tags-netgo' });
  });
  test('bad values name the input, a short excerpt and the fix', () => {
    assert.throws(() => read({ 'build-cache': 'yes' }), (e: unknown) => e instanceof InputError && /'build-cache'/.test(e.message) && /true or false/.test(e.message));
    assert.throws(() => read({ 'build-cache-save': 'sometimes' }), (e: unknown) => e instanceof InputError && /default-branch, always, auto, never/.test(e.message));
    assert.throws(() => parseKeyWords('x'.repeat(100_000)), (e: unknown) => e instanceof InputError && e.message.length < 600 && /256/.test(e.message));
    assert.throws(() => parseKeyWords('a\u0000b'), (e: unknown) => e instanceof InputError && /control character/.test(e.message));
    assert.throws(() => read({ 'build-cache': 'x'.repeat(100_000) }), (e: unknown) => e instanceof InputError && e.message.length < 600);
  });
});

describe('build-cache save decision', () => {
  const base = { mode: 'default-branch' as const, jobSucceeded: true, ref: 'refs/heads/main', defaultBranch: 'main' };
  test('default-branch: only there; pull requests restore but do not save', () => {
    assert.deepEqual(decideBuildSave(base), { save: true });
    assert.equal(decideBuildSave({ ...base, ref: 'refs/pull/1/merge' }).save, false);
  });
  test('never; auto anywhere; a post step forced open (clean-up) saves only with always', () => {
    assert.equal(decideBuildSave({ ...base, mode: 'never' }).save, false);
    assert.deepEqual(decideBuildSave({ ...base, mode: 'auto', ref: 'refs/heads/x' }), { save: true });
    assert.equal(decideBuildSave({ ...base, mode: 'auto', jobSucceeded: false }).save, false);
    assert.deepEqual(decideBuildSave({ ...base, mode: 'always', jobSucceeded: false, ref: 'refs/pull/1/merge' }), { save: true });
  });
});

describe('go env for the build cache', () => {
  test('parses the JSON object; unknown variables are empty', () => {
    const parsed = parseGoEnvJson('{"GOCACHE":"/c","GOOS":"linux","GOARCH":"amd64","GOVERSION":"go1.23.5","GOMODCACHE":"/m","GOAMD64":"v1"}');
    assert.ok(!('error' in parsed));
    assert.equal(parsed.gocache, '/c');
    assert.equal(parsed.outputs['GOAMD64'], 'v1');
    assert.equal(parsed.outputs['GORISCV64'], '');
    assert.ok('error' in parseGoEnvJson('not json'));
    assert.ok('error' in parseGoEnvJson('[1]'));
  });
});

describe('build-cache summary', () => {
  test('main and post rows', () => {
    const main = renderBuildMainSummary({ skipped: null, key: 'k-1', matchedKey: 'k-0', archiveBytes: 3 * 1024 * 1024, restoreMs: 1500, entriesRestored: 420, merged: { added: 3, kept: 5 }, gocache: '/c', aged: 420 });
    assert.match(main, /Restored from \| ✅ <code>k-0<\/code>/);
    assert.match(main, /3\.0 MiB/);
    assert.match(main, /420 \(merged into an existing GOCACHE: 5 already there\)/);
    const post = renderBuildPostSummary({ result: 'Saved build cache k-1.', key: 'k-1', used: 400, trimmed: 20, added: 7, archiveBytes: 2048, ms: 900 });
    assert.match(post, /Entries used \/ trimmed \/ new \| 400 \/ 20 \/ 7 \|/);
    assert.match(renderBuildMainSummary({ skipped: 'off (build-cache: false)', key: null, matchedKey: null, archiveBytes: null, restoreMs: null, entriesRestored: null, merged: null, gocache: null, aged: null }), /off \(build-cache: false\)/);
  });
});
