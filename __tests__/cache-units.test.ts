// Pure parts of the module-cache phase: keys, globs, the go mod download stream parser, failure
// classification, the archive planner, save modes, GOFLAGS, summary; plus the merge on disk.
import assert from 'node:assert/strict';
import { chmod, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { withTempDir, writeFiles } from './helpers/e2e.js';
import { cacheKeys, dependencyHash, archivePaths } from '../src/cache/modules/key.js';
import { validateKeyPrefix } from '../src/cache/keys.js';
import { collectDependencyFiles, compilePatterns, matches, splitPatterns } from '../src/cache/modules/dependencyFiles.js';
import { compileGlob as globToRegExp } from '../src/cache/modules/glob.js';
import { classifyFailure, fixFor, isRetryable, parseDownloadStream, parseGoErrorLines } from '../src/cache/modules/downloadJson.js';
import { backoffDelay, parseGraphNodes, proxySequence } from '../src/cache/modules/download.js';
import { escapeModulePart, planArchive, unescapeModulePart } from '../src/cache/modules/plan.js';
import { decideSave, defaultBranchFromEvent } from '../src/cache/saveMode.js';
import { sanitizeGoflags } from '../src/cache/goExec.js';
import { renderMainSummary, renderPostSummary } from '../src/cache/modules/summary.js';
import { mergeTree } from '../src/cache/merge.js';
import { classifySaveFailure } from '../src/cache/archive.js';

describe('cache keys', () => {
  const hash = dependencyHash([{ path: 'go.sum', sha256: 'a' }]);
  test('no OS and no Go version on Linux/macOS; Windows gets its own segment unless cross-os', () => {
    const linux = cacheKeys({ prefix: 'p', layout: 'download', hash, platform: 'linux', crossOs: false });
    assert.equal(linux.key, `p-d1-${hash}`);
    assert.equal(linux.restorePrefix, 'p-d1-');
    assert.equal(cacheKeys({ prefix: 'p', layout: 'download', hash, platform: 'darwin', crossOs: false }).key, linux.key);
    assert.equal(cacheKeys({ prefix: 'p', layout: 'download', hash, platform: 'win32', crossOs: false }).key, `p-d1-windows-${hash}`);
    assert.equal(cacheKeys({ prefix: 'p', layout: 'download', hash, platform: 'win32', crossOs: true }).key, linux.key);
    assert.equal(cacheKeys({ prefix: 'p-', layout: 'full', hash, platform: 'linux', crossOs: false }).key, `p-f1-${hash}`);
  });
  test('the hash covers content and relative path, not order', () => {
    const a = { path: 'a/go.sum', sha256: '1' };
    const b = { path: 'b/go.sum', sha256: '2' };
    assert.equal(dependencyHash([a, b]), dependencyHash([b, a]));
    assert.notEqual(dependencyHash([a, b]), dependencyHash([{ ...a, path: 'c/go.sum' }, b]));
    assert.notEqual(dependencyHash([a, b]), dependencyHash([{ ...a, sha256: '3' }, b]));
  });
  test('prefix validation follows @actions/cache key rules', () => {
    assert.equal(validateKeyPrefix('ok-prefix_1.2'), null);
    assert.match(validateKeyPrefix('a,b') ?? '', /commas/);
    assert.match(validateKeyPrefix('x'.repeat(201)) ?? '', /512/);
    // issue 9: tabs, control bytes, $(...) and '/' are refused, naming the character.
    assert.match(validateKeyPrefix('a\tb') ?? '', /"\\t"/);
    assert.match(validateKeyPrefix('a\u0001b') ?? '', /contains/);
    assert.match(validateKeyPrefix('a$(id)') ?? '', /"\$"/);
    assert.match(validateKeyPrefix('team/app') ?? '', /"\/"/);
    assert.match(validateKeyPrefix('') ?? '', /empty/);
  });
  test('archive paths are relative (same cache version on every OS and GOMODCACHE location)', () => {
    assert.deepEqual(archivePaths('download'), ['cache/download']);
    assert.deepEqual(archivePaths('full'), ['.']);
  });
});

describe('dependency file globs', () => {
  test('glob semantics', () => {
    assert.ok(globToRegExp('**/go.sum').test('go.sum'));
    assert.ok(globToRegExp('**/go.sum').test('a/b/go.sum'));
    assert.ok(!globToRegExp('*/go.sum').test('a/b/go.sum'));
    assert.ok(globToRegExp('services/*/go.sum').test('services/x/go.sum'));
    assert.ok(globToRegExp('./go.s?m').test('go.sum'));
    assert.ok(globToRegExp('go.[sw]um').test('go.sum'));
    assert.ok(globToRegExp('vendor/').test('vendor/a/go.sum'));
    assert.ok(!globToRegExp('go.sum').test('xgo.sum'));
    assert.ok(globToRegExp('a.b+c').test('a.b+c'));
    const set = compilePatterns(['**/go.sum', '!**/vendor/**']);
    assert.ok(matches(set, 'x/go.sum'));
    assert.ok(!matches(set, 'x/vendor/y/go.sum'));
    assert.deepEqual(splitPatterns(' a/go.sum, b/go.sum\n# comment\n\n!c '), ['a/go.sum', 'b/go.sum', '!c']);
  });
  test('default: every go.sum/go.work.sum under the working directory except vendor/ and testdata/; user globs are workspace-relative', async () => {
    await withTempDir('cache-globs-', async (ws) => {
      await writeFiles(ws, {
        'go.sum': 'root', 'svc/go.sum': 'svc', 'svc/go.work.sum': 'w', 'svc/vendor/m/go.sum': 'v', 'svc/testdata/go.sum': 't',
        'node_modules/x/go.sum': 'n', 'other/go.sum': 'o',
      });
      const def = await collectDependencyFiles('', path.join(ws, 'svc'), ws);
      assert.deepEqual(def.digests.map((d) => d.path), ['svc/go.sum', 'svc/go.work.sum']);
      const user = await collectDependencyFiles('**/go.sum\n!svc/**', path.join(ws, 'svc'), ws);
      assert.deepEqual(user.digests.map((d) => d.path), ['go.sum', 'other/go.sum']);
      const abs = await collectDependencyFiles(path.join(ws, 'other/go.sum'), ws, ws);
      assert.deepEqual(abs.digests.map((d) => d.path), ['other/go.sum']);
      const none = await collectDependencyFiles('nothing/*.sum', ws, ws);
      assert.equal(none.digests.length, 0);
    });
  });
});

describe('go mod download -json stream', () => {
  test('a stream of objects with interleaved text (golang/go#33648, #34485)', () => {
    const text = [
      'go: finding module for package x',
      '{\n\t"Path": "a.example/m",\n\t"Version": "v1.0.0",\n\t"Zip": "/c/a.zip",\n\t"Dir": "/c/a@v1.0.0"\n}',
      'verifying b.example/m@v1.0.0: checksum mismatch {weird}',
      '{"Path":"b.example/m","Version":"v1.0.0","Error":"b.example/m@v1.0.0: verifying module: checksum mismatch\\n\\tdownloaded: h1:x"}',
      '{"Path":"c.example/{brace}","Version":"v2.0.0","Info":"/c/c.info"}{"Path":"d.example/m","Version":"v0.1.0"}',
      '{"NotAModule": true}',
      '{"Path": "truncated", "Vers',
    ].join('\n');
    const { records, junk } = parseDownloadStream(text);
    assert.deepEqual(records.map((r) => r.Path), ['a.example/m', 'b.example/m', 'c.example/{brace}', 'd.example/m']);
    assert.equal(records[0]?.Dir, '/c/a@v1.0.0');
    assert.match(records[1]?.Error ?? '', /checksum mismatch/);
    assert.equal(records[2]?.Info, '/c/c.info');
    assert.deepEqual(junk, ['go: finding module for package x', 'verifying b.example/m@v1.0.0: checksum mismatch {weird}', '{"NotAModule": true}', '{"Path": "truncated", "Vers']);
    assert.deepEqual(parseDownloadStream(''), { records: [], junk: [] });
  });
  test('graph-loading failures on stderr', () => {
    const lines = parseGoErrorLines('go: github.com/x/y@v1.2.3: reading http://p/github.com/x/y/@v/v1.2.3.mod: 502 Bad Gateway\n\tserver response: Bad Gateway\ngo: downloading z v1\n');
    assert.deepEqual(lines, [{ path: 'github.com/x/y', version: 'v1.2.3', error: 'reading http://p/github.com/x/y/@v/v1.2.3.mod: 502 Bad Gateway\nserver response: Bad Gateway' }]);
  });
  test('failure classification and retryability', () => {
    const cases: Array<[string, string, boolean]> = [
      ['Get "http://127.0.0.1:1/x.zip": read tcp 127.0.0.1:2->127.0.0.1:1: read: connection reset by peer', 'network', true],
      ['dial tcp 127.0.0.1:1: connect: connection refused', 'network', true],
      ['reading https://p/x/@v/v1.mod: 502 Bad Gateway', 'network', true],
      ['net/http: TLS handshake timeout', 'network', true],
      ['go mod download timed out after 600 s (setup-goproxy)', 'timeout', true],
      ['reading https://p/x/@v/v1.info: 404 Not Found', 'not-found', false],
      ['reading https://p/x/@v/v1.info: 410 Gone', 'not-found', false],
      ['verifying x@v1: checksum mismatch', 'checksum', false],
      ['verifying module: x@v1: reading https://sum.golang.org/lookup/x@v1: 410 Gone', 'sumdb', false],
      ['reading https://p/x/@v/list: 403 Forbidden', 'auth', false],
      ['fatal: could not read Username for \'https://github.com\': terminal prompts disabled', 'auth', false],
      ['go: download go1.99.0 for linux/amd64: toolchain not available', 'toolchain', false],
      ['something else', 'other', false],
    ];
    for (const [error, kind, retry] of cases) {
      const got = classifyFailure(error);
      assert.equal(got, kind, error);
      assert.equal(isRetryable(got), retry, error);
      assert.ok(fixFor(got, 'x').length > 20);
    }
  });
  test('proxy sequence, backoff, graph nodes', () => {
    assert.deepEqual(proxySequence('a', ['b', 'a', 'c']), ['a', 'b', 'c']);
    assert.deepEqual(proxySequence(undefined, ['b']), ['b']);
    assert.equal(backoffDelay(2, 1000), 1000);
    assert.equal(backoffDelay(3, 1000), 2000);
    assert.equal(backoffDelay(20, 1000), 30_000);
    assert.deepEqual(parseGraphNodes('main a@v1\nmain go@1.21\na@v1 b@v2\na@v1 toolchain@go1.22\n'), ['a@v1', 'b@v2']);
  });
});

describe('archive plan (prune)', () => {
  const mc = '/mc';
  const rec = (p: string, v: string) => {
    const base = `${mc}/cache/download/${escapeModulePart(p)}/@v/${v}`;
    return { Path: p, Version: v, Info: `${base}.info`, GoMod: `${base}.mod`, Zip: `${base}.zip`, Dir: `${mc}/${escapeModulePart(p)}@${v}` };
  };
  const inv = (files: string[]) => new Set(files);
  test('keeps what the graph needs, prunes the rest, keeps sumdb', () => {
    const inventory = inv([
      'cache/download/github.com/!a/x/@v/v1.0.0.info', 'cache/download/github.com/!a/x/@v/v1.0.0.mod', 'cache/download/github.com/!a/x/@v/v1.0.0.zip', 'cache/download/github.com/!a/x/@v/v1.0.0.ziphash',
      'cache/download/github.com/!a/x/@v/v0.9.0.mod', 'cache/download/github.com/!a/x/@v/list',
      'cache/download/old.example/m/@v/v1.0.0.mod', 'cache/download/old.example/m/@v/v1.0.0.zip', 'cache/download/old.example/m/@v/v1.0.0.info',
      'cache/download/sumdb/sum.golang.org/lookup/x',
    ]);
    const plan = planArchive({ gomodcache: mc, layout: 'download', records: [rec('github.com/A/x', 'v1.0.0')], graphNodes: ['github.com/A/x@v0.9.0', 'github.com/A/x@v1.0.0', 'never.loaded/m@v1.0.0'], inventory });
    assert.deepEqual(plan.files, [
      'cache/download/github.com/!a/x/@v/v0.9.0.mod', 'cache/download/github.com/!a/x/@v/v1.0.0.info', 'cache/download/github.com/!a/x/@v/v1.0.0.mod', 'cache/download/github.com/!a/x/@v/v1.0.0.zip', 'cache/download/github.com/!a/x/@v/v1.0.0.ziphash',
    ]);
    assert.deepEqual(plan.dirs, ['cache/download/sumdb']);
    assert.deepEqual(plan.missing, []);
    assert.deepEqual(plan.pruned, ['old.example/m@v1.0.0']);
    assert.equal(plan.modules, 1);
    const full = planArchive({ gomodcache: mc, layout: 'full', records: [rec('github.com/A/x', 'v1.0.0')], graphNodes: [], inventory });
    assert.deepEqual(full.dirs, ['cache/download/sumdb', 'github.com/!a/x@v1.0.0']);
  });
  test('a needed file missing from the cache is reported (no partial save)', () => {
    const plan = planArchive({ gomodcache: mc, layout: 'download', records: [rec('a.example/m', 'v1.0.0')], graphNodes: [], inventory: inv([]) });
    assert.equal(plan.missing.length, 3);
    assert.equal(plan.modules, 1);
  });
  test('case escaping round-trips', () => {
    assert.equal(escapeModulePart('github.com/BurntSushi/toml'), 'github.com/!burnt!sushi/toml');
    assert.equal(unescapeModulePart('github.com/!burnt!sushi/toml'), 'github.com/BurntSushi/toml');
  });
});

describe('save modes', () => {
  const base = { mode: 'auto' as const, hit: 'false' as const, download: 'ok' as const, ref: 'refs/heads/main', defaultBranch: null };
  test('decisions', () => {
    assert.deepEqual(decideSave(base), { save: true });
    assert.deepEqual(decideSave({ ...base, hit: 'partial' }), { save: true });
    assert.equal(decideSave({ ...base, hit: 'true' }).save, false);
    assert.equal(decideSave({ ...base, download: 'failed' }).save, false);
    assert.equal(decideSave({ ...base, mode: 'always', download: 'failed' }).save, false);
    assert.deepEqual(decideSave({ ...base, mode: 'always' }), { save: true });
    assert.deepEqual(decideSave({ ...base, download: 'skipped' }), { save: true });
    assert.equal(decideSave({ ...base, mode: 'never' }).save, false);
    assert.equal(decideSave({ ...base, mode: 'default-branch' }).save, false);
    assert.equal(decideSave({ ...base, mode: 'default-branch', defaultBranch: 'main' }).save, true);
    assert.equal(decideSave({ ...base, mode: 'default-branch', defaultBranch: 'main', ref: 'refs/pull/1/merge' }).save, false);
  });
  test('default branch from the event payload', () => {
    assert.equal(defaultBranchFromEvent({ repository: { default_branch: 'trunk' } }), 'trunk');
    assert.equal(defaultBranchFromEvent({}), null);
    assert.equal(defaultBranchFromEvent(null), null);
  });
});

describe('GOFLAGS for module commands', () => {
  test('-mod is dropped, the rest kept', () => {
    assert.equal(sanitizeGoflags('-mod=mod'), '');
    assert.equal(sanitizeGoflags('-modcacherw --mod=vendor -tags=a,b'), '-modcacherw -tags=a,b');
    assert.equal(sanitizeGoflags(undefined), undefined);
    assert.equal(sanitizeGoflags('"-ldflags=-s -w" -mod=readonly'), "'-ldflags=-s -w'");
    assert.equal(sanitizeGoflags('"unterminated'), '"unterminated');
  });
});

describe('summary bodies', () => {
  test('main and post', () => {
    const main = renderMainSummary({
      key: 'k-d1-abc', matchedKey: 'k-d1-old', hit: 'partial', cacheSkipped: null, archiveBytes: 5 * 1024 * 1024, restoreMs: 1500, preexisting: true, merged: { added: 3, kept: 4 },
      downloadMs: 2500, downloadSkipped: null, modulesInWorkspace: 10, modulesFetched: 2, proxiesUsed: ['https://b'], gomodcache: '/mc', layout: 'download',
      failures: [{ path: 'x|y', version: 'v1', error: 'boom <b>', fix: 'do it' }],
    });
    assert.match(main, /partial/);
    assert.match(main, /5\.0 MiB/);
    assert.match(main, /10 module\(s\) in the workspace, 2 fetched/);
    assert.match(main, /x\\\|y/);
    assert.match(main, /&lt;b&gt;/);
    const post = renderPostSummary({ result: 'Saved cache k.', key: 'k', archiveBytes: 2048, modulesInArchive: 10, pruned: 3, saveMs: 900 });
    assert.match(post, /Pruned[^|]*\| 3 \|/);
    assert.match(post, /2\.0 KiB/);
  });
});

describe('merging a restored tree into a non-empty GOMODCACHE', () => {
  test('adds what is missing, keeps what is there, handles read-only directories', async () => {
    await withTempDir('cache-merge-', async (dir) => {
      const src = path.join(dir, 'src');
      const dst = path.join(dir, 'dst');
      await writeFiles(src, { 'cache/download/a/@v/v1.zip': 'new-a', 'cache/download/b/@v/v1.zip': 'new-b', 'm@v1/f.go': 'restored', 'n@v1/f.go': 'n' });
      await writeFiles(dst, { 'cache/download/a/@v/v1.zip': 'old-a', 'm@v1/f.go': 'existing', 'm@v1/extra': 'x' });
      await chmod(path.join(dst, 'm@v1'), 0o555);
      await chmod(path.join(dst, 'cache/download/a/@v'), 0o555);
      const stats = { added: 0, kept: 0 };
      await mergeTree(src, dst, stats, { atomicDir: (name) => name.includes('@') });
      assert.equal(await readFile(path.join(dst, 'cache/download/a/@v/v1.zip'), 'utf8'), 'old-a');
      assert.equal(await readFile(path.join(dst, 'cache/download/b/@v/v1.zip'), 'utf8'), 'new-b');
      assert.equal(await readFile(path.join(dst, 'm@v1/f.go'), 'utf8'), 'existing');
      assert.equal(await readFile(path.join(dst, 'n@v1/f.go'), 'utf8'), 'n');
      assert.deepEqual(stats, { added: 2, kept: 2 });
      assert.equal((await stat(path.join(dst, 'm@v1'))).mode & 0o777, 0o555, 'modes are restored');
      await chmod(path.join(dst, 'm@v1'), 0o755);
      await chmod(path.join(dst, 'cache/download/a/@v'), 0o755);
    });
  });
});

describe('what a failed save means (the library\'s own lines, at either level)', () => {
  const reserve = 'Failed to save: Unable to reserve cache with key K, another job may be creating this cache.';
  const conflict409 = 'Failed to reserve cache: Error: Failed to CreateCacheEntry: Received non-retryable error: Failed request: (409) Conflict: cache entry with the same key, version, and scope already exists';
  test('v2 409: info when the class names survived bundling, warning when they did not; both are a lost race', () => {
    const asInfo = classifySaveFailure({ infos: [reserve], messages: [], debug: [conflict409], error: null });
    assert.equal(asInfo.kind, 'reserve-conflict');
    const asWarning = classifySaveFailure({ infos: [], messages: [{ level: 'warning', message: reserve }], debug: [conflict409], error: null });
    assert.equal(asWarning.kind, 'reserve-conflict');
    assert.deepEqual(asWarning.messages, [], 'the reservation error is not service trouble to warn about');
  });
  test('v1 409: the details carry "Cache already exists"', () => {
    const v1 = `${reserve} More details: Cache already exists. Scope: refs/heads/main, Key: K, Version: abc`;
    assert.equal(classifySaveFailure({ infos: [v1], messages: [], debug: [], error: null }).kind, 'reserve-conflict');
    assert.equal(classifySaveFailure({ infos: [], messages: [{ level: 'warning', message: v1 }], debug: [], error: null }).kind, 'reserve-conflict');
  });
  test('a reservation that failed for another reason keeps the reason; write denied is its own kind', () => {
    const failed = classifySaveFailure({ infos: [reserve], messages: [], debug: ['Failed to reserve cache: Error: Failed to CreateCacheEntry: Failed to make request after 5 attempts: Failed request: (500) Internal Server Error'], error: null });
    assert.equal(failed.kind, 'reserve-failed');
    assert.match(failed.detail, /\(500\)/);
    const denied = classifySaveFailure({ infos: [], messages: [{ level: 'warning', message: 'Failed to save: Unable to reserve cache with key K. More details: cache write denied: read-only token' }], debug: [], error: null });
    assert.equal(denied.kind, 'denied');
    assert.equal(classifySaveFailure({ infos: [], messages: [{ level: 'error', message: 'Failed to save: Cache service responded with 503' }], debug: [], error: null }).kind, 'failed');
  });
});
