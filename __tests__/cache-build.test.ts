// The build cache (issue 11) with the real go and the real @actions/cache against the loopback
// cache service: the trim keeps the archive to what a job used (flat over successive jobs where an
// untrimmed cache grows), matrix legs keep separate lines of caches, save modes, and the faults
// (service down, a corrupt entry, a read-only GOCACHE).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { startCacheService, type CacheService } from './fixtures/cacheService.js';
import { startModuleProxy, type ModuleProxy } from './fixtures/moduleProxy.js';
import { requireGo } from './helpers/go.js';
import { withTempDir, writeFiles } from './helpers/e2e.js';
import { buildCacheOptions, makeJob, runStep, type Job } from './cache-harness.js';
import type { BuildCacheMainResult, BuildCachePostResult } from '../src/build-cache/phase.js';
import { listEntryNames, stageEntries } from '../src/build-cache/entries.js';

const execFileP = promisify(execFile);

/** Ten independent packages with real code (so each has a sizeable compiled output). */
function projectFiles(version: Record<number, number> = {}): Record<string, string> {
  const files: Record<string, string> = { 'go.mod': 'module example.com/buildcache\n\ngo 1.21\n' };
  for (let p = 0; p < 10; p++) {
    const v = version[p] ?? 0;
    const funcs: string[] = [];
    for (let f = 0; f < 30; f++) {
      funcs.push(`func F${f}(xs []int) (int, error) {\n\ts := ${v}\n\tfor i, x := range xs {\n\t\tif x%${f + 2} == 0 {\n\t\t\ts += x * i\n\t\t} else {\n\t\t\ts -= x\n\t\t}\n\t}\n\tif s < 0 {\n\t\treturn s, errNeg\n\t}\n\treturn s, nil\n}\n`);
    }
    files[`p${p}/p.go`] = `package p${p}\n\ntype negError struct{}\n\nfunc (negError) Error() string { return "negative" }\n\nvar errNeg error = negError{}\n\n${funcs.join('\n')}`;
  }
  return files;
}

async function goBuild(go: string, job: Job, extra: Record<string, string> = {}): Promise<string> {
  const r = await execFileP(go, ['build', '-x', './...'], { cwd: job.workspace, env: { ...job.env, ...extra }, timeout: 120_000, maxBuffer: 1 << 26 });
  return r.stderr;
}

function compiles(buildLog: string): number {
  return buildLog.split('\n').filter((line) => /\/compile( |$)/.test(line)).length;
}

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const sub of await readdir(dir).catch(() => [] as string[])) {
    if (!/^[0-9a-f]{2}$/.test(sub)) continue;
    for (const name of await readdir(path.join(dir, sub))) total += (await stat(path.join(dir, sub, name))).size;
  }
  return total;
}

/** The entry names an archive holds (extracted with tar, as the library would). */
async function archiveEntries(svc: CacheService, key: string, scratch: string): Promise<Set<string>> {
  const entry = svc.entries().find((e) => e.key === key);
  assert.ok(entry, `no entry ${key}`);
  const data = svc.archive(entry.id);
  assert.ok(data);
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  await writeFile(path.join(scratch, 'a.tzst'), data);
  await execFileP('tar', ['--use-compress-program', 'unzstd', '-xf', 'a.tzst'], { cwd: scratch });
  const names = new Set<string>();
  for (const sub of await readdir(scratch)) {
    if (!/^[0-9a-f]{2}$/.test(sub)) continue;
    for (const name of await readdir(path.join(scratch, sub))) names.add(`${sub}/${name}`);
  }
  return names;
}

/** One job on a fresh machine with the same paths: empty GOCACHE, main (restore + age), the build, post (trim + save). */
async function buildJob(job: Job, go: string, run: number, options: { inputs?: Record<string, unknown>; env?: Record<string, string> } = {}): Promise<{ main: BuildCacheMainResult; post: BuildCachePostResult | null; buildLog: string; warnings: string[] }> {
  await rm(job.env['GOCACHE'] as string, { recursive: true, force: true });
  const env = { GITHUB_RUN_ID: String(run), GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'build', ...options.env };
  const main = await runStep<BuildCacheMainResult>(job, 'build-main', { options: buildCacheOptions(job, go, {}, options.inputs) }, env);
  const buildLog = await goBuild(go, job, options.env);
  const post = await runStep<BuildCachePostResult | null>(job, 'build-post', { state: main.result.state }, env);
  return { main: main.result, post: post.result, buildLog, warnings: [...main.warnings, ...post.warnings] };
}

describe('build cache', () => {
  let svc: CacheService;
  let proxy: ModuleProxy;
  before(async () => {
    svc = await startCacheService();
    proxy = await startModuleProxy([]);
  });
  after(async () => {
    await proxy.close();
    await svc.close();
  });

  test('trim: a changed package\'s old entries leave the archive; 10 successive jobs keep it flat where an untrimmed cache grows', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('build-trim-', async (dir) => {
      const job = makeJob(dir, go, proxy, svc, 'v2', { GOFLAGS: '' });
      const versions: Record<number, number> = {};
      await writeFiles(job.workspace, projectFiles(versions));
      const untrimmed = path.join(dir, 'gocache-untrimmed');
      const sizes: number[] = [];
      const compressed: number[] = [];
      const untrimmedSizes: number[] = [];
      let previousKey = '';
      const exportOf = async (pkg: string): Promise<string> => {
        const listed = await execFileP(go, ['list', '-export', '-f', '{{.Export}}', pkg], { cwd: job.workspace, env: { ...job.env, GOCACHE: untrimmed } });
        return path.relative(untrimmed, listed.stdout.trim()).split(path.sep).join('/');
      };
      let oldP1 = '';
      for (let run = 1; run <= 10; run++) {
        if (run > 1) {
          // Each job changes a different package.
          versions[run - 1] = run;
          await writeFiles(job.workspace, projectFiles(versions));
        }
        const { main, post, buildLog, warnings } = await buildJob(job, go, 100 + run);
        assert.deepEqual(warnings, []);
        assert.deepEqual(main.problems, []);
        assert.equal(main.hit, run === 1 ? 'false' : 'true', `job ${run}`);
        if (run > 1) {
          assert.equal(main.matchedKey, previousKey, 'the newest cache of the line is restored');
          assert.equal(compiles(buildLog), 1, `job ${run} compiles only the changed package:\n${buildLog}`);
        }
        assert.ok(post?.saved, post?.message);
        previousKey = main.key as string;
        // What the archive holds (the cache on disk after a restore), not its compressed size: zstd
        // compresses the first job's near-identical generated packages better than later ones'.
        const saved = path.join(dir, `extract-${run}`);
        await archiveEntries(svc, previousKey, saved);
        sizes.push(await dirBytes(saved));
        compressed.push(svc.entries().find((e) => e.key === previousKey)?.size ?? 0);
        // The same builds in one GOCACHE that is never trimmed (what a whole-directory cache carries).
        await execFileP(go, ['build', './...'], { cwd: job.workspace, env: { ...job.env, GOCACHE: untrimmed } });
        untrimmedSizes.push(await dirBytes(untrimmed));
        if (run === 1) oldP1 = await exportOf('./p1');
        if (run === 2) {
          // The package changed in job 2 (p1): its old compiled output is not in job 2's archive.
          const saved = await archiveEntries(svc, previousKey, path.join(dir, 'extract'));
          assert.match(oldP1, /^[0-9a-f]{2}\/[0-9a-f]{64}-d$/);
          assert.equal(saved.has(oldP1), false, `old output ${oldP1} left the archive`);
          assert.equal(saved.has(await exportOf('./p1')), true, 'the new output is in it');
          assert.match(post?.summaryBody ?? '', /Entries used \/ trimmed \/ new \| \d+ \/ [1-9]\d* \/ [1-9]\d* \|/);
        }
      }
      const first = sizes[0] as number;
      for (const [i, size] of sizes.entries()) assert.ok(Math.abs(size - first) <= 0.15 * first, `archive ${i + 1} holds ${size} B vs ${first} B (${sizes.join(', ')}; compressed ${compressed.join(', ')})`);
      assert.ok((untrimmedSizes[9] as number) > 1.3 * (untrimmedSizes[0] as number), `untrimmed grows: ${untrimmedSizes.join(', ')}`);
    });
  });

  test('matrix legs: GOARCH and build-cache-key make separate lines of caches that never restore each other; an unchanged cache is not uploaded again', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('build-matrix-', async (dir) => {
      const job = makeJob(dir, go, proxy, svc, 'v2', { GOFLAGS: '' });
      await writeFiles(job.workspace, projectFiles());
      const amd64 = await buildJob(job, go, 201, { env: { GOARCH: 'amd64' } });
      const arm64 = await buildJob(job, go, 202, { env: { GOARCH: 'arm64' } });
      assert.match(amd64.main.key ?? '', /-b2-linux-amd64-go1\.\d+/);
      assert.match(arm64.main.key ?? '', /-b2-linux-arm64-go1\.\d+/);
      assert.equal(arm64.main.hit, 'false', 'the arm64 leg does not restore the amd64 cache');
      assert.ok(compiles(arm64.buildLog) >= 10);
      for (const leg of [amd64, arm64]) assert.ok(leg.post?.saved, leg.post?.message);
      const tagged = await runStep<BuildCacheMainResult>(job, 'build-main', { options: buildCacheOptions(job, go, {}, { keyWords: 'race' }) }, { GITHUB_RUN_ID: '203', GITHUB_JOB: 'build', GOARCH: 'amd64' });
      assert.equal(tagged.result.hit, 'false', 'other build-cache-key words: another line');
      const line = (key: string | null): string => (key ?? '').replace(/-\d+-\d+$/, '');
      assert.notEqual(line(tagged.result.key), line(amd64.main.key));
      const again = await buildJob(job, go, 204, { env: { GOARCH: 'amd64' } });
      assert.equal(again.main.matchedKey, amd64.main.key, 'the amd64 line restores its own newest cache, not the newer arm64 one');
      assert.equal(compiles(again.buildLog), 0);
      // The cold job's archive held entries a warm build never reads: this job trims them.
      assert.ok(again.post?.saved, again.post?.message);
      const steady = await buildJob(job, go, 205, { env: { GOARCH: 'amd64' } });
      assert.equal(steady.main.matchedKey, again.main.key);
      assert.equal(compiles(steady.buildLog), 0);
      // Every restored entry used again, nothing new: the same bytes are not uploaded again.
      assert.equal(steady.post?.saved, false, steady.post?.summaryBody);
      assert.match(steady.post?.message ?? '', /unchanged/);
    });
  });

  test('save modes: default-branch on a pull request restores but does not save; never; auto on another branch; a forced post step', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('build-modes-', async (dir) => {
      const eventFile = path.join(dir, 'event.json');
      await writeFile(eventFile, JSON.stringify({ repository: { default_branch: 'main' } }));
      const job = makeJob(dir, go, proxy, svc, 'v2', { GOFLAGS: '', GITHUB_EVENT_PATH: eventFile });
      await writeFiles(job.workspace, projectFiles({ 0: 77 }));
      const seeded = await buildJob(job, go, 301, { inputs: { save: 'default-branch' } });
      assert.ok(seeded.post?.saved, seeded.post?.message);
      // A pull request: restores what the default branch saved, builds a change, then each mode's post step.
      await writeFiles(job.workspace, projectFiles({ 0: 78 }));
      await rm(job.env['GOCACHE'] as string, { recursive: true, force: true });
      const prEnv = { GITHUB_RUN_ID: '302', GITHUB_JOB: 'build', GITHUB_REF: 'refs/pull/7/merge', GITHUB_EVENT_NAME: 'pull_request' };
      const main = await runStep<BuildCacheMainResult>(job, 'build-main', { options: buildCacheOptions(job, go, {}, { save: 'default-branch' }) }, prEnv);
      assert.equal(main.result.hit, 'true', 'a pull request restores what the default branch saved');
      assert.equal(compiles(await goBuild(go, job)), 1);
      const withMode = (mode: string): Record<string, string> => {
        const state = JSON.parse(main.result.state['goproxy-build-cache'] ?? '{}') as Record<string, unknown>;
        return { 'goproxy-build-cache': JSON.stringify({ ...state, save: mode }) };
      };
      const post = async (mode: string, env: Record<string, string>): Promise<BuildCachePostResult | null> => (await runStep<BuildCachePostResult | null>(job, 'build-post', { state: withMode(mode) }, { ...prEnv, ...env })).result;
      const pr = await post('default-branch', {});
      assert.equal(pr?.saved, false);
      assert.match(pr?.message ?? '', /'default-branch' and refs\/pull\/7\/merge is not refs\/heads\/main/);
      const never = await post('never', {});
      assert.match(never?.message ?? '', /'never'/);
      // The post step ran because something forced it (credential clean-up): it cannot tell the job succeeded.
      const forced = await post('auto', { SETUP_GOPROXY_POST_ALWAYS: 'true' });
      assert.equal(forced?.saved, false);
      assert.match(forced?.message ?? '', /cannot tell that this job succeeded/);
      const auto = await post('auto', { GITHUB_REF: 'refs/heads/feature' });
      assert.equal(auto?.saved, true, auto?.message);
      assert.equal(svc.entries().filter((e) => e.key === main.result.key).length, 1);
    });
  });

  test('a non-empty GOCACHE is merged, not clobbered; with GOMODCACHE also full (setup-go\'s cache ran), a notice', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('build-merge-', async (dir) => {
      const job = makeJob(dir, go, proxy, svc, 'v2', { GOFLAGS: '' });
      await writeFiles(job.workspace, projectFiles({ 3: 33 }));
      const seeded = await buildJob(job, go, 601);
      assert.ok(seeded.post?.saved);
      // Another machine whose GOCACHE already holds a build of other code (setup-go restored one).
      await rm(job.env['GOCACHE'] as string, { recursive: true, force: true });
      const other = path.join(dir, 'other');
      await writeFiles(other, { 'go.mod': 'module example.com/other\n\ngo 1.21\n', 'o/o.go': 'package o\n\nfunc O() int { return 42 }\n' });
      await execFileP(go, ['build', './...'], { cwd: other, env: job.env });
      const before = await dirBytes(job.env['GOCACHE'] as string);
      const main = await runStep<BuildCacheMainResult>(job, 'build-main', { options: buildCacheOptions(job, go, { gomodcachePreexisting: true }) }, { GITHUB_RUN_ID: '602', GITHUB_JOB: 'build' });
      assert.equal(main.result.hit, 'true');
      assert.deepEqual(main.result.problems.map((p) => `${p.severity}:${p.code}`), ['notice:BUILD_CACHE_SETUP_GO_TOO']);
      assert.match(main.result.summaryBody, /merged into an existing GOCACHE/);
      assert.ok((await dirBytes(job.env['GOCACHE'] as string)) > before, 'the archive was added');
      // Both builds are served from the cache: nothing was clobbered.
      assert.equal(compiles(await goBuild(go, job)), 0);
      const otherLog = await execFileP(go, ['build', '-x', './...'], { cwd: other, env: job.env });
      assert.equal(compiles(otherLog.stderr), 0);
      // Without a full GOMODCACHE (a self-hosted runner keeping only GOCACHE), no notice.
      const quiet = await runStep<BuildCacheMainResult>(job, 'build-main', { options: buildCacheOptions(job, go) }, { GITHUB_RUN_ID: '603', GITHUB_JOB: 'build' });
      assert.deepEqual(quiet.result.problems, []);
    });
  });

  test('faults: service down (warning, the build goes on), a corrupt entry (warning, replaced by the next save), a read-only GOCACHE', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    await withTempDir('build-faults-', async (dir) => {
      const job = makeJob(dir, go, proxy, svc, 'v1', { GOFLAGS: '' });
      await writeFiles(job.workspace, projectFiles({ 5: 500 }));
      svc.setFault('down-500');
      try {
        const down = await buildJob(job, go, 401);
        assert.equal(down.main.hit, 'false');
        assert.ok(down.main.problems.some((p) => p.code === 'CACHE_RESTORE_FAILED' && p.severity === 'warning'), JSON.stringify(down.main.problems));
        assert.equal(down.post?.saved, false);
        assert.ok(down.post?.problems.some((p) => p.code === 'CACHE_SAVE_FAILED'));
        assert.ok(compiles(down.buildLog) >= 10, 'the build ran anyway');
      } finally {
        svc.setFault(null);
      }
      const good = await buildJob(job, go, 402);
      assert.ok(good.post?.saved);
      const entry = svc.entries().find((e) => e.key === good.main.key);
      assert.ok(entry);
      svc.corrupt(entry.id);
      await writeFiles(job.workspace, projectFiles({ 5: 501 }));
      const corrupt = await buildJob(job, go, 403);
      assert.equal(corrupt.main.hit, 'false');
      const problem = corrupt.main.problems.find((p) => p.code === 'CACHE_RESTORE_CORRUPT');
      assert.ok(problem, JSON.stringify(corrupt.main.problems));
      assert.equal(problem.severity, 'warning');
      assert.ok(problem.message.includes(good.main.key as string));
      assert.deepEqual((await readdir(job.env['GOCACHE'] as string)).filter((n) => n === '.setup-goproxy'), [], 'no staging left behind');
      assert.ok(corrupt.post?.saved, corrupt.post?.message);
      // The replacement is the newest entry of the line, so the next restore takes it, not the corrupt one.
      const line = svc.entries().filter((e) => e.finalized && e.key.startsWith(corrupt.main.key?.replace(/\d+-\d+$/, '') ?? '?'));
      assert.equal(line[line.length - 1]?.key, corrupt.main.key);

      // Read-only GOCACHE, as for a user without write access (root is made to obey file modes).
      const gocache = job.env['GOCACHE'] as string;
      await rm(gocache, { recursive: true, force: true });
      // As go leaves it (the 256 subdirectories exist), then made read-only: go still builds, without caching.
      for (let i = 0; i < 256; i++) await mkdir(path.join(gocache, i.toString(16).padStart(2, '0')), { recursive: true });
      await chmod(gocache, 0o555);
      const wrap = process.getuid?.() === 0 ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search,-fowner'] : [];
      try {
        const env = { GITHUB_RUN_ID: '405', GITHUB_RUN_ATTEMPT: '1' };
        const main = await runStep<BuildCacheMainResult>(job, 'build-main', { options: buildCacheOptions(job, go) }, env, 120_000, wrap);
        assert.equal(main.code, 0, main.stderr);
        const notWritable = main.result.problems.find((p) => p.code === 'BUILD_CACHE_NOT_WRITABLE');
        assert.ok(notWritable, JSON.stringify(main.result.problems));
        assert.equal(notWritable.severity, 'warning');
        const post = await runStep<BuildCachePostResult | null>(job, 'build-post', { state: main.result.state }, env, 120_000, wrap);
        assert.ok(post.result === null || post.result.saved === false);
      } finally {
        await chmod(gocache, 0o755);
      }
      assert.equal(svc.entries().some((e) => e.key.endsWith('-405-1')), false);
    });
  });
});

// The archive carries its entries aged, so the main step only lists the restored names: a staged
// entry that kept its fresh mtime would look used by the job and never be trimmed.
describe('staging for the archive', () => {
  test('stageEntries links every entry with the aged mtime and a fresh trim.txt; listEntryNames finds entries by name only', async () => {
    await withTempDir('build-stage-', async (dir) => {
      const gocache = path.join(dir, 'gocache');
      const a = `0a/0a${'1'.repeat(62)}-a`;
      const d = `ff/ff${'2'.repeat(62)}-d`;
      await writeFiles(gocache, { [a]: 'v1 action', [d]: 'output', '0a/not-an-entry': 'x', README: 'This directory holds cached build artifacts from the Go build system.\n' });
      const staging = path.join(dir, 'staging');
      const now = Date.now();
      const agedMs = now - 2 * 60 * 60 * 1000;
      await stageEntries(gocache, [a, d], staging, now, agedMs);
      for (const name of [a, d]) assert.ok(Math.abs((await stat(path.join(staging, name))).mtimeMs - agedMs) < 1000, `${name} is aged`);
      assert.deepEqual((await listEntryNames(staging)).sort(), [a, d]);
      assert.deepEqual(await listEntryNames(gocache), [a, d], 'names only: the stray file is not an entry');
      assert.equal(Number(await readFile(path.join(staging, 'trim.txt'), 'utf8')), Math.floor(now / 1000));
      assert.deepEqual(await listEntryNames(staging, 1), [a], 'bounded');
    });
  });
});
