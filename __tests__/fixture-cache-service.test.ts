// The cache-service fixture against the REAL @actions/cache 6.3.0, run in child processes with a
// fresh env (only the vars the library needs; GITHUB_SERVER_URL unset) and cwd = a temp workspace.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cacheVersion, startCacheService } from './fixtures/cacheService.js';
import type { CacheService } from './fixtures/cacheService.js';
import { runProcess } from './helpers/process.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE_LIB = pathToFileURL(join(REPO, 'node_modules/@actions/cache/lib/cache.js')).href;

const DRIVER = `
const cache = await import(process.env.FIXTURE_CACHE_LIB);
const [op, argsJson] = process.argv.slice(2);
const args = JSON.parse(argsJson);
let result;
if (op === 'available') result = cache.isFeatureAvailable();
else if (op === 'save') result = await cache.saveCache(args.paths, args.key);
else if (op === 'restore') result = await cache.restoreCache(args.paths, args.key, args.restoreKeys ?? []);
else throw new Error('unknown op ' + op);
process.stdout.write('\\n@@RESULT@@' + JSON.stringify({ result: result === undefined ? null : result }) + '\\n');
`;

interface OpResult {
  result: unknown;
  code: number | null;
  stdout: string;
  stderr: string;
  warnings: string[];
  errors: string[];
  infos: string[];
  ms: number;
}

let scratch: string;
let driver: string;

async function runOp(svc: CacheService, proto: 'v2' | 'v1', workspace: string, op: string, args: object, timeoutMs = 60000): Promise<OpResult> {
  const runnerTemp = join(scratch, 'runner-temp');
  await mkdir(runnerTemp, { recursive: true });
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? scratch,
    RUNNER_TEMP: runnerTemp,
    GITHUB_WORKSPACE: workspace,
    FIXTURE_CACHE_LIB: CACHE_LIB,
    ...svc.env(proto),
  };
  const { code, stdout, stderr, ms } = await runProcess(process.execPath, [driver, op, JSON.stringify(args)], { cwd: workspace, env, timeoutMs });
  const lines = stdout.split('\n');
  const marker = lines.find((l) => l.startsWith('@@RESULT@@'));
  const result: unknown = marker ? (JSON.parse(marker.slice('@@RESULT@@'.length)) as { result: unknown }).result : undefined;
  return {
    result,
    code,
    stdout,
    stderr,
    warnings: lines.filter((l) => l.startsWith('::warning')),
    errors: lines.filter((l) => l.startsWith('::error')),
    infos: lines.filter((l) => l && !l.startsWith('::') && !l.startsWith('@@RESULT@@')),
    ms,
  };
}

async function makeWorkspace(name: string): Promise<{ ws: string; files: Record<string, string> }> {
  const ws = join(scratch, name);
  await mkdir(join(ws, 'data', 'sub'), { recursive: true });
  const files: Record<string, string> = {
    'data/a.txt': 'hello ' + randomBytes(8).toString('hex'),
    'data/sub/b.bin': randomBytes(4096).toString('base64'),
  };
  for (const [p, c] of Object.entries(files)) await writeFile(join(ws, p), c);
  return { ws, files };
}

async function checkFiles(ws: string, files: Record<string, string>): Promise<void> {
  for (const [p, c] of Object.entries(files)) assert.equal(await readFile(join(ws, p), 'utf8'), c, p);
}

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'cache-fixture-'));
  driver = join(scratch, 'driver.mjs');
  await writeFile(driver, DRIVER);
});

after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

for (const proto of ['v2', 'v1'] as const) {
  describe(`real @actions/cache against the fixture (${proto})`, () => {
    let svc: CacheService;
    before(async () => {
      svc = await startCacheService();
    });
    after(async () => {
      await svc.close();
    });

    test('env selects the protocol and isFeatureAvailable() is true', async () => {
      const env = svc.env(proto);
      assert.equal(env['ACTIONS_RUNTIME_TOKEN']?.length ? true : false, true);
      if (proto === 'v2') {
        assert.equal(env['ACTIONS_CACHE_SERVICE_V2'], 'true');
        assert.equal(env['ACTIONS_RESULTS_URL'], svc.url);
      } else {
        assert.equal(env['ACTIONS_CACHE_URL'], svc.url);
        assert.equal(env['ACTIONS_CACHE_SERVICE_V2'], undefined);
      }
      assert.match(svc.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      const { ws } = await makeWorkspace(`avail-${proto}`);
      const r = await runOp(svc, proto, ws, 'available', {});
      assert.equal(r.result, true, r.stdout + r.stderr);
    });

    test('save, exact restore, prefix restore, duplicate save, miss', async () => {
      const { ws, files } = await makeWorkspace(`ws-${proto}`);
      const save = await runOp(svc, proto, ws, 'save', { paths: ['data'], key: 'deps-linux-abc' });
      assert.equal(save.code, 0, save.stderr);
      assert.equal(typeof save.result, 'number');
      assert.ok((save.result as number) > 0, save.stdout);
      assert.deepEqual(save.warnings, []);
      assert.deepEqual(save.errors, []);
      const listed = svc.entries();
      assert.equal(listed.length, 1);
      assert.equal(listed[0]?.key, 'deps-linux-abc');
      assert.equal(listed[0]?.finalized, true);
      assert.ok((listed[0]?.size ?? 0) > 0);
      // The library picks zstd when it is on PATH, else gzip.
      const v = listed[0]?.version;
      assert.ok(v === cacheVersion(['data']) || v === cacheVersion(['data'], 'gzip'), `version ${v}`);
      if (proto === 'v2') {
        assert.deepEqual(svc.calls.slice(0, 3), ['v2 CreateCacheEntry', 'blob PUT', 'v2 FinalizeCacheEntryUpload']);
      } else {
        assert.deepEqual(svc.calls.filter((c) => !c.startsWith('v1 PATCH')), ['v1 POST caches', `v1 POST caches/${String(save.result)}`]);
        assert.ok(svc.calls.some((c) => c.startsWith('v1 PATCH caches/')));
      }

      // Exact restore into an emptied workspace.
      await rm(join(ws, 'data'), { recursive: true });
      const exact = await runOp(svc, proto, ws, 'restore', { paths: ['data'], key: 'deps-linux-abc' });
      assert.equal(exact.result, 'deps-linux-abc', exact.stdout);
      await checkFiles(ws, files);
      if (proto === 'v2') assert.ok(exact.infos.includes('Cache hit for: deps-linux-abc'), exact.stdout);
      assert.ok(exact.infos.includes('Cache restored successfully'), exact.stdout);

      // Restore by a restore-key prefix.
      await rm(join(ws, 'data'), { recursive: true });
      const prefix = await runOp(svc, proto, ws, 'restore', { paths: ['data'], key: 'deps-linux-zzz', restoreKeys: ['deps-linux-'] });
      assert.equal(prefix.result, 'deps-linux-abc', prefix.stdout);
      await checkFiles(ws, files);
      if (proto === 'v2') assert.ok(prefix.infos.includes('Cache hit for restore-key: deps-linux-abc'), prefix.stdout);

      // The primary key can itself hit by prefix.
      const primaryPrefix = await runOp(svc, proto, ws, 'restore', { paths: ['data'], key: 'deps-linux-a' });
      assert.equal(primaryPrefix.result, 'deps-linux-abc');

      // A second save of the same key: -1, logged as an info line, not a warning.
      const again = await runOp(svc, proto, ws, 'save', { paths: ['data'], key: 'deps-linux-abc' });
      assert.equal(again.result, -1, again.stdout);
      assert.deepEqual(again.warnings, []);
      assert.deepEqual(again.errors, []);
      assert.ok(
        again.infos.some((l) => l.startsWith('Failed to save: Unable to reserve cache with key deps-linux-abc, another job may be creating this cache.')),
        again.stdout,
      );

      // A newer entry wins a prefix match.
      await writeFile(join(ws, 'data', 'a.txt'), 'newer');
      const second = await runOp(svc, proto, ws, 'save', { paths: ['data'], key: 'deps-linux-abd' });
      assert.ok((second.result as number) > (save.result as number));
      const newest = await runOp(svc, proto, ws, 'restore', { paths: ['data'], key: 'nope', restoreKeys: ['deps-linux-'] });
      assert.equal(newest.result, 'deps-linux-abd');

      // Miss: unknown key, and a different version (other paths).
      const miss = await runOp(svc, proto, ws, 'restore', { paths: ['data'], key: 'other-key' });
      assert.equal(miss.result, null);
      assert.deepEqual(miss.warnings, []);
      const otherVersion = await runOp(svc, proto, ws, 'restore', { paths: ['data', 'more'], key: 'deps-linux-abc' });
      assert.equal(otherVersion.result, null);
    });

    test('faults: already-exists, write-denied, corrupt-archive, read-denied', async () => {
      const { ws } = await makeWorkspace(`faults-${proto}`);
      try {
        svc.setFault('already-exists');
        const exists = await runOp(svc, proto, ws, 'save', { paths: ['data'], key: 'fault-exists' });
        assert.equal(exists.result, -1);
        assert.deepEqual(exists.warnings, []);
        assert.ok(exists.infos.some((l) => l.startsWith('Failed to save: Unable to reserve cache with key fault-exists')), exists.stdout);

        svc.setFault('write-denied');
        const denied = await runOp(svc, proto, ws, 'save', { paths: ['data'], key: 'fault-denied' });
        assert.equal(denied.result, -1);
        assert.equal(denied.warnings.length, 1, denied.stdout);
        assert.match(denied.warnings[0] ?? '', /cache write denied/);

        svc.setFault(null);
        const ok = await runOp(svc, proto, ws, 'save', { paths: ['data'], key: 'fault-corrupt' });
        assert.ok((ok.result as number) > 0);
        svc.setFault('corrupt-archive');
        const corrupt = await runOp(svc, proto, ws, 'restore', { paths: ['data'], key: 'fault-corrupt' });
        assert.equal(corrupt.result, null, corrupt.stdout);
        assert.equal(corrupt.warnings.length, 1, corrupt.stdout);
        assert.match(corrupt.warnings[0] ?? '', /^::warning::Failed to restore: /);

        svc.setFault('read-denied');
        const rd = await runOp(svc, proto, ws, 'restore', { paths: ['data'], key: 'fault-corrupt' });
        assert.equal(rd.result, null);
        assert.match(rd.warnings[0] ?? '', /cache read denied/);
      } finally {
        svc.setFault(null);
      }
    });

    test('fault: slow-create delays the reservation', async () => {
      const { ws } = await makeWorkspace(`slow-${proto}`);
      const base = await runOp(svc, proto, ws, 'available', {});
      svc.setFault('slow-create', { delayMs: 1500 });
      try {
        const slow = await runOp(svc, proto, ws, 'save', { paths: ['data'], key: 'slow-key' });
        assert.ok((slow.result as number) > 0, slow.stdout);
        assert.ok(slow.ms >= 1500 + base.ms * 0.5, `save took ${slow.ms} ms`);
      } finally {
        svc.setFault(null);
      }
    });
  });
}

describe('fixture protocol details (direct HTTP)', () => {
  let svc: CacheService;
  before(async () => {
    svc = await startCacheService();
  });
  after(async () => {
    await svc.close();
  });

  const twirp = async (method: string, body: object, token: string | null): Promise<{ status: number; json: Record<string, unknown> }> => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (token) headers['Authorization'] = `Bearer ${token}`;
    const r = await fetch(new URL(`/twirp/github.actions.results.api.v1.CacheService/${method}`, svc.url), { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: r.status, json: (await r.json()) as Record<string, unknown> };
  };

  test('Put Block + Put Block List (out of order) then finalize and download', async () => {
    const token = svc.env('v2')['ACTIONS_RUNTIME_TOKEN'] ?? '';
    assert.equal((await twirp('CreateCacheEntry', { key: 'k', version: 'v' }, null)).status, 401);
    const created = await twirp('CreateCacheEntry', { key: 'big', version: 'ver1' }, token);
    assert.equal(created.status, 200);
    const upload = String(created.json['signed_upload_url']);
    assert.match(upload, /^http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1\/actions-cache\/.+sig=/);
    const blocks = [randomBytes(1000), randomBytes(777), randomBytes(5)];
    const ids = blocks.map((_, i) => Buffer.from(`block-${String(i).padStart(6, '0')}`).toString('base64'));
    for (const i of [2, 0, 1]) {
      const r = await fetch(`${upload}&comp=block&blockid=${encodeURIComponent(ids[i] ?? '')}`, { method: 'PUT', body: blocks[i] });
      assert.equal(r.status, 201);
    }
    const xml = `<?xml version="1.0" encoding="utf-8"?><BlockList>${ids.map((id) => `<Latest>${id}</Latest>`).join('')}</BlockList>`;
    const committed = await fetch(`${upload}&comp=blocklist`, { method: 'PUT', headers: { 'Content-Type': 'application/xml' }, body: xml });
    assert.equal(committed.status, 201);
    const whole = Buffer.concat(blocks);
    const badSize = await twirp('FinalizeCacheEntryUpload', { key: 'big', version: 'ver1', size_bytes: '1' }, token);
    assert.equal(badSize.json['ok'], false);
    const fin = await twirp('FinalizeCacheEntryUpload', { key: 'big', version: 'ver1', size_bytes: String(whole.length) }, token);
    assert.deepEqual(fin.json, { ok: true, entry_id: '1' });
    const dup = await twirp('CreateCacheEntry', { key: 'big', version: 'ver1' }, token);
    assert.equal(dup.status, 409);
    assert.deepEqual(dup.json, { code: 'already_exists', msg: 'cache entry with the same key, version, and scope already exists' });
    const dl = await twirp('GetCacheEntryDownloadURL', { key: 'bi', restore_keys: [], version: 'ver1' }, token);
    assert.equal(dl.json['matched_key'], 'big');
    const got = Buffer.from(await (await fetch(String(dl.json['signed_download_url']))).arrayBuffer());
    assert.equal(createHash('sha256').update(got).digest('hex'), createHash('sha256').update(whole).digest('hex'));
    const ranged = await fetch(String(dl.json['signed_download_url']), { headers: { 'x-ms-range': 'bytes=10-19' } });
    assert.equal(ranged.status, 206);
    assert.equal(Buffer.from(await ranged.arrayBuffer()).length, 10);
    const miss = await twirp('GetCacheEntryDownloadURL', { key: 'zzz', version: 'ver1' }, token);
    assert.deepEqual(miss.json, { ok: false });
    // A blob URL with a wrong signature is refused.
    const forged = upload.replace(/sig=[^&]+/, 'sig=forged');
    assert.equal((await fetch(forged, { method: 'PUT', body: 'x' })).status, 403);
  });

  test('down-500 answers JSON 500 everywhere; addEntry seeds a restorable entry', async () => {
    const token = svc.env('v2')['ACTIONS_RUNTIME_TOKEN'] ?? '';
    svc.setFault('down-500');
    try {
      const r = await twirp('GetCacheEntryDownloadURL', { key: 'x', version: 'y' }, token);
      assert.equal(r.status, 500);
      assert.equal(r.json['code'], 'internal');
      const v1 = await fetch(new URL('_apis/artifactcache/cache?keys=x&version=y', svc.url), { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(v1.status, 500);
      assert.equal(typeof ((await v1.json()) as Record<string, unknown>)['message'], 'string');
    } finally {
      svc.setFault(null);
    }
    const id = svc.addEntry({ key: 'seeded', version: 'vv', archive: Buffer.from('payload') });
    const hit = await twirp('GetCacheEntryDownloadURL', { key: 'seeded', version: 'vv' }, token);
    assert.equal(hit.json['ok'], true);
    assert.equal(svc.archive(id)?.toString(), 'payload');
    const v1hit = await fetch(new URL('_apis/artifactcache/cache?keys=nope,seed&version=vv', svc.url), { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(v1hit.status, 200);
    const body = (await v1hit.json()) as Record<string, unknown>;
    assert.equal(body['cacheKey'], 'seeded');
    assert.equal(await (await fetch(String(body['archiveLocation']))).text(), 'payload');
    const v1miss = await fetch(new URL('_apis/artifactcache/cache?keys=nope&version=vv', svc.url), { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(v1miss.status, 204);
  });

  test('v1 down-500 through the real library is fast (v1 does not retry 500) and logged as an error', async () => {
    const { ws } = await makeWorkspace('down-v1');
    svc.setFault('down-500');
    try {
      const r = await runOp(svc, 'v1', ws, 'restore', { paths: ['data'], key: 'k' });
      assert.equal(r.result, null);
      assert.equal(r.errors.length + r.warnings.length, 1, r.stdout);
      assert.ok(r.ms < 15000, `took ${r.ms} ms`);
    } finally {
      svc.setFault(null);
    }
  });
});
