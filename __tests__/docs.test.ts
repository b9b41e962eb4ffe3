// The README's problem-code table and the codes the source can emit stay in step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sourceFiles(file) : file.endsWith('.ts') ? [file] : [];
  });
}

const source = sourceFiles('src').map((file) => readFileSync(file, 'utf8')).join('\n');
const readme = readFileSync('README.md', 'utf8');
const table = readme.slice(readme.indexOf('## Problem codes'), readme.indexOf('## Development'));
const documented = [...table.matchAll(/^\| `([A-Z][A-Z0-9_]+)`/gm)].map((match) => match[1] ?? '');

test('every documented problem code exists in the source', () => {
  assert.ok(documented.length > 30);
  const missing = documented.filter((code) => !source.includes(`'${code}'`));
  assert.deepEqual(missing, []);
});

test('the configure and probe codes are all documented', () => {
  const files = ['src/config', 'src/probe', 'src/main.ts'].flatMap((entry) => (entry.endsWith('.ts') ? [entry] : sourceFiles(entry)));
  const emitted = new Set(files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/code: '([A-Z][A-Z0-9_]+)'/g)].map((match) => match[1] ?? '')));
  const undocumented = [...emitted].filter((code) => !documented.includes(code));
  assert.deepEqual(undocumented, []);
});

test('the toolchain codes are all documented (a row may name several codes)', () => {
  const emitted = new Set(sourceFiles('src/toolchain').flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/code: '([A-Z][A-Z0-9_]+)'|'((?:GO)?TOOLCHAIN_[A-Z0-9_]+)'/g)].map((match) => match[1] ?? match[2] ?? '')));
  assert.ok(emitted.size > 15, [...emitted].join(' '));
  const undocumented = [...emitted].filter((code) => !table.includes(`| \`${code}\``) && !table.includes(`/ \`${code}\``));
  assert.deepEqual(undocumented, []);
});
