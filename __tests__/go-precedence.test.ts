import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGoEnvFile, updateGoEnvFile } from '../src/go/envFile.js';
import { GO_DEFAULTS, resolveModuleEnv, resolveVariable } from '../src/go/precedence.js';

test('an empty value in the user file hides go.env (observed: `GOPROXY=` in $GOENV gives "")', () => {
  assert.deepEqual(resolveVariable('GOPROXY', { env: '', userEnvFile: '', gorootEnvFile: 'https://proxy.golang.org,direct' }, {}), { value: '', source: 'go-env-file' });
});

test('layer order and sources', () => {
  assert.deepEqual(resolveVariable('GOPROXY', { input: 'https://in.example', env: 'https://env.example' }, {}), { value: 'https://in.example', source: 'input' });
  assert.deepEqual(resolveVariable('GOPROXY', { input: '', env: '', envFile: 'https://f.example' }, {}), { value: 'https://f.example', source: 'env-file' });
  assert.deepEqual(resolveVariable('GOPROXY', {}, GO_DEFAULTS), { value: GO_DEFAULTS.GOPROXY, source: 'go-default' });
  assert.deepEqual(resolveVariable('GOFLAGS', {}, GO_DEFAULTS), { value: '', source: 'unset' });
});

test('GONOPROXY/GONOSUMDB default to GOPRIVATE', () => {
  const r = resolveModuleEnv({ GOPRIVATE: { env: 'corp.example' }, GONOPROXY: { env: '' }, GONOSUMDB: { env: 'none' } });
  assert.deepEqual(r['GONOPROXY'], { value: 'corp.example', source: 'from-GOPRIVATE' });
  assert.deepEqual(r['GONOSUMDB'], { value: 'none', source: 'env' });
  assert.equal(r['GOSUMDB']?.value, 'sum.golang.org');
});

test('parseGoEnvFile keeps keys and values verbatim', () => {
  assert.deepEqual([...parseGoEnvFile('A=1\r\nb=2\n GOX=3\nGOY =4\nGOZ=\n=x\n')], [['A', '1\r'], ['GOY ', '4'], ['GOZ', '']]);
});

test('updateGoEnvFile: in-place update, duplicate collapse (its emptied line splits the sorted runs, as in go1.23.5), -u', () => {
  assert.equal(updateGoEnvFile('GOSUMDB=off\nGOPROXY=a\nGOPROXY=b', new Map([['GOPROXY', 'c'], ['GOFLAGS', '-x']])), 'GOSUMDB=off\nGOFLAGS=-x\nGOPROXY=c\n');
  assert.equal(updateGoEnvFile('# c\nGOPROXY=a\n', new Map(), new Set(['GOPROXY'])), '# c\n');
});
