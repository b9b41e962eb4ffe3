// dist/ is committed and must equal a fresh bundle of src/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { bundleOptions } from '../scripts/bundle-options.mjs';

test('dist/index.js equals a fresh bundle of src/ (run `npm run bundle` and commit)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dist-check-'));
  try {
    const fresh = path.join(dir, 'index.js');
    await build(bundleOptions(fresh));
    const committed = readFileSync('dist/index.js', 'utf8');
    const rebuilt = readFileSync(fresh, 'utf8');
    assert.ok(committed === rebuilt, 'dist/index.js is stale: run `npm run bundle` and commit dist/');
  } finally {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
});
