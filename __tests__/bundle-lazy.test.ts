// The main step loads a phase's code only when the phase runs (issue 9 §4): with probe and cache
// off, node never compiles the probe, @actions/cache or the Azure SDK behind it. This checks the
// bundle's import graph (esbuild's metafile): what dist/main.js loads before its first line runs
// is the closure of its static imports; a phase behind `await import()` is a separate chunk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { bundleOptions } from '../scripts/bundle-options.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'bundle-lazy-'));
let metafile: Metafile;
try {
  const result = await build({ ...bundleOptions(dir), metafile: true, write: false });
  metafile = result.metafile;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Source files (and packages) in an entry's static-import closure. */
function eagerInputs(entry: string): Set<string> {
  const outputs = metafile.outputs;
  const outputFor = Object.keys(outputs).find((name) => name.endsWith(`/${entry}`));
  assert.ok(outputFor, `no output ${entry}`);
  const seen = new Set<string>();
  const stack = [outputFor];
  while (stack.length > 0) {
    const name = stack.pop() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const imported of outputs[name]?.imports ?? []) if (imported.kind === 'import-statement' && outputs[imported.path] !== undefined) stack.push(imported.path);
  }
  return new Set([...seen].flatMap((name) => Object.keys(outputs[name]?.inputs ?? {})));
}

function lazyInputs(entry: string): Set<string> {
  const eager = eagerInputs(entry);
  return new Set(Object.keys(metafile.inputs).filter((input) => !eager.has(input)));
}

const heavyWhenOff = ['src/probe/phase.ts', 'src/cache/modules/phase.ts', 'src/build-cache/phase.ts', 'src/cache/cacheLib.ts', 'node_modules/@actions/cache/', 'node_modules/@azure/storage-blob/', 'src/localproxy/phase.ts', 'src/localproxy/launch.ts'];

test('dist/main.js loads the probe and cache phases only when they run', () => {
  const eager = [...eagerInputs('main.js')];
  for (const heavy of heavyWhenOff) {
    assert.deepEqual(eager.filter((input) => input.startsWith(heavy)), [], `${heavy} is loaded at start-up of dist/main.js: import it with \`await import()\` where the phase runs (src/main.ts)`);
  }
});

test('the lazy phases are still in the bundle (reachable from main by a dynamic import)', () => {
  const lazy = lazyInputs('main.js');
  for (const heavy of heavyWhenOff) assert.ok([...lazy].some((input) => input.startsWith(heavy)), `${heavy} is not in the bundle at all`);
});

test('the check can fail: configuration and reporting are loaded eagerly', () => {
  const eager = eagerInputs('main.js');
  for (const always of ['src/main.ts', 'src/config/readInputs.ts', 'node_modules/@actions/core/']) {
    assert.ok([...eager].some((input) => input.startsWith(always)), `${always} should be in main's start-up closure`);
  }
});
