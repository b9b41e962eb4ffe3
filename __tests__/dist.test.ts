// dist/ is committed and must equal a fresh bundle of src/: the same files, byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { BUNDLE_ENTRIES, bundleOptions } from '../scripts/bundle-options.mjs';

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

test('dist/ equals a fresh bundle of src/ (run `npm run bundle` and commit)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dist-check-'));
  try {
    await build(bundleOptions(dir));
    const fresh = filesUnder(dir);
    assert.deepEqual(filesUnder('dist'), fresh, 'dist/ has other files than a fresh build: run `npm run bundle` and commit dist/');
    for (const file of fresh) {
      assert.ok(readFileSync(path.join('dist', file), 'utf8') === readFileSync(path.join(dir, file), 'utf8'), `dist/${file} is stale: run \`npm run bundle\` and commit dist/`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
});

test('every bundle entry is a file of dist/', () => {
  for (const name of Object.keys(BUNDLE_ENTRIES)) assert.ok(filesUnder('dist').includes(`${name}.js`), `dist/${name}.js is missing`);
});
