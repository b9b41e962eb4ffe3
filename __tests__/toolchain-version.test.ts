// Go version ordering, GOTOOLCHAIN parsing and toolchain selection (src/toolchain/version.ts),
// and the go-version / go-version-file inputs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  compareGoVersions,
  isLangVersion,
  parseGotoolchain,
  parseGoVersion,
  parseGoVersionOutput,
  selectToolchain,
  toolCacheVersion,
  toolchainForGoLine,
  tooNewMessage,
  versionFromToolchain,
  type Gotoolchain,
} from '../src/toolchain/version.js';
import { parseGoVersionFile, parseGoVersionInput } from '../src/toolchain/versionInput.js';
import { goVersionFromToolCache } from '../src/toolchain/install.js';
import { InputError } from '../src/config/inputValues.js';

describe('Go versions (internal/gover)', () => {
  test('ascending order, including language versions and pre-releases', () => {
    const ordered = ['1', '1.0.1', '1.2', '1.2.1', '1.9.10', '1.20', '1.20.1', '1.21', '1.21rc1', '1.21rc2', '1.21.0', '1.21.1', '1.21.10', '1.22beta1', '1.22rc1', '1.22.0', '1.99', '1.99.0', '2', '2.0.1'];
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        const want = Math.sign(i - j);
        const a = ordered[i]!;
        const b = ordered[j]!;
        // 1 == 1.0 == 1.0.0 style equalities exist only below 1.21; none of the listed pairs are equal.
        assert.equal(compareGoVersions(a, b), want, `${a} vs ${b}`);
      }
    }
  });

  test('equalities and invalid versions', () => {
    assert.equal(compareGoVersions('1.20', '1.20.0'), 0, 'before 1.21 "1.20" is the release 1.20.0');
    assert.equal(compareGoVersions('1.21', '1.21.0'), -1);
    assert.equal(compareGoVersions('bad', '1.0'), -1, 'invalid sorts as the zero version');
    for (const bad of ['', '01.2', '1.02', '1.2.', '1.2.3.4', '1.21RC1', '1.21rc01', 'go1.21', '1.21-rc1', 'v1.21']) assert.equal(parseGoVersion(bad), null, bad);
    assert.deepEqual(parseGoVersion('1.21rc1'), { major: '1', minor: '21', patch: '', kind: 'rc', pre: '1' });
    assert.equal(isLangVersion('1.21'), true);
    assert.equal(isLangVersion('1.21.0'), false);
    assert.equal(isLangVersion('1.21rc1'), false);
  });

  test('toolchain names and go lines', () => {
    assert.equal(versionFromToolchain('go1.21.3'), '1.21.3');
    assert.equal(versionFromToolchain('go1.21.3-custom'), '1.21.3');
    assert.equal(versionFromToolchain('go1.21.3 X'), '1.21.3');
    assert.equal(versionFromToolchain('gcc'), '');
    assert.equal(versionFromToolchain('go1.21/x'), '');
    assert.equal(versionFromToolchain('1.21.3'), '');
    assert.equal(toolchainForGoLine('1.99'), 'go1.99.0');
    assert.equal(toolchainForGoLine('1.99.2'), 'go1.99.2');
    assert.equal(toolchainForGoLine('1.20'), 'go1.20');
    assert.equal(toolchainForGoLine('1.22rc1'), 'go1.22rc1');
    assert.equal(parseGoVersionOutput('go version go1.23.5 linux/amd64\n'), '1.23.5');
    assert.equal(parseGoVersionOutput('nothing'), null);
  });

  test('tool cache versions round-trip', () => {
    for (const [go, semver] of [['1.22.5', '1.22.5'], ['1.21rc2', '1.21.0-rc.2'], ['1.22beta1', '1.22.0-beta.1'], ['1.20', '1.20.0']] as const) {
      assert.equal(toolCacheVersion(go), semver);
      if (go !== '1.20') assert.equal(goVersionFromToolCache(semver), go);
    }
    assert.equal(toolCacheVersion('1.22'), null);
  });
});

describe('GOTOOLCHAIN (toolchain/select.go)', () => {
  const parsed = (v: string | undefined): Gotoolchain => {
    const r = parseGotoolchain(v);
    assert.ok(r.ok, JSON.stringify(r));
    return r.value;
  };

  test('values', () => {
    assert.deepEqual(parsed(undefined), { value: 'auto', min: 'local', mode: 'auto' });
    assert.deepEqual(parsed(''), { value: 'auto', min: 'local', mode: 'auto' });
    assert.deepEqual(parsed('path'), { value: 'path', min: 'local', mode: 'path' });
    assert.deepEqual(parsed('local'), { value: 'local', min: 'local', mode: '' });
    assert.deepEqual(parsed('local+auto'), { value: 'local+auto', min: 'local', mode: 'auto' });
    assert.deepEqual(parsed('go1.22.1'), { value: 'go1.22.1', min: 'go1.22.1', mode: '' });
    assert.deepEqual(parsed('go1.22.1+path'), { value: 'go1.22.1+path', min: 'go1.22.1', mode: 'path' });
    assert.deepEqual(parsed('go1.22.1-custom+auto'), { value: 'go1.22.1-custom+auto', min: 'go1.22.1-custom', mode: 'auto' });
  });

  test('errors use the go command text', () => {
    assert.deepEqual(parseGotoolchain('bash'), { ok: false, error: 'invalid GOTOOLCHAIN "bash"' });
    assert.deepEqual(parseGotoolchain('go1.99.0+foo'), { ok: false, error: 'invalid GOTOOLCHAIN "go1.99.0+foo": only version suffixes are +auto and +path' });
    assert.deepEqual(parseGotoolchain('bash+auto'), { ok: false, error: 'invalid GOTOOLCHAIN "bash+auto": invalid minimum toolchain "bash"' });
    assert.deepEqual(parseGotoolchain('Auto'), { ok: false, error: 'invalid GOTOOLCHAIN "Auto"' });
  });

  test('selection', () => {
    const auto = parsed('auto');
    assert.deepEqual(selectToolchain(auto, '1.23.5', { go: '1.21', toolchain: null }, 'go.mod'), { kind: 'local' });
    assert.deepEqual(selectToolchain(auto, '1.23.5', { go: '1.99', toolchain: null }, 'go.mod'), { kind: 'switch', toolchain: 'go1.99.0', reason: 'go-line', pathOnly: false });
    assert.deepEqual(selectToolchain(auto, '1.23.5', { go: '1.21', toolchain: 'go1.99.1' }, 'go.mod'), { kind: 'switch', toolchain: 'go1.99.1', reason: 'toolchain-line', pathOnly: false });
    // The go line wins when it is newer than the toolchain line.
    assert.deepEqual(selectToolchain(auto, '1.23.5', { go: '1.99.2', toolchain: 'go1.99.1' }, 'go.mod'), { kind: 'switch', toolchain: 'go1.99.2', reason: 'go-line', pathOnly: false });
    assert.deepEqual(selectToolchain(auto, '1.23.5', { go: '1.99', toolchain: 'default' }, 'go.mod'), { kind: 'local' });
    assert.deepEqual(selectToolchain(auto, '1.23.5', { go: '1.23rc1', toolchain: null }, 'go.mod'), { kind: 'local' }, 'go1.23rc1 < go1.23.5');
    assert.deepEqual(selectToolchain(auto, '1.23.5', { go: '1.21', toolchain: 'gcc' }, 'go.mod'), { kind: 'error', message: 'invalid toolchain "gcc" in go.mod', reason: 'toolchain-line' });
    assert.deepEqual(selectToolchain(parsed('local'), '1.23.5', { go: '1.99', toolchain: 'go1.99.1' }, 'go.mod'), { kind: 'local' });
    assert.deepEqual(selectToolchain(parsed('go1.22.0'), '1.23.5', { go: '1.99', toolchain: null }, 'go.mod'), { kind: 'switch', toolchain: 'go1.22.0', reason: 'gotoolchain', pathOnly: false });
    assert.deepEqual(selectToolchain(parsed('go1.22.0+path'), '1.23.5', { go: '1.21', toolchain: null }, 'go.mod'), { kind: 'switch', toolchain: 'go1.22.0', reason: 'gotoolchain', pathOnly: true });
    assert.deepEqual(selectToolchain(parsed('path'), '1.23.5', { go: '1.99.0', toolchain: null }, 'go.mod'), { kind: 'switch', toolchain: 'go1.99.0', reason: 'go-line', pathOnly: true });
    assert.deepEqual(selectToolchain(parsed('go1.23.5+auto'), '1.23.5', { go: '1.21', toolchain: null }, 'go.mod'), { kind: 'local' });
  });

  test('TooNewError text', () => {
    assert.equal(tooNewMessage('go.mod', '1.99', '1.23.5', 'local'), 'go.mod requires go >= 1.99 (running go 1.23.5; GOTOOLCHAIN=local)');
    assert.equal(tooNewMessage('go.work', '1.99.1', '1.23.5', 'auto', 'default'), 'go.work requires go >= 1.99.1 (running go 1.23.5; go.work sets toolchain default)');
  });
});

describe('go-version and go-version-file inputs', () => {
  test('go-version forms (details in toolchain-spec.test.ts)', () => {
    assert.deepEqual(parseGoVersionInput('1.22.5'), { spec: { kind: 'exact', version: '1.22.5', semver: '1.22.5', text: '1.22.5' }, source: 'input go-version' });
    assert.deepEqual(parseGoVersionInput(' go1.22.5 ').spec, { kind: 'exact', version: '1.22.5', semver: '1.22.5', text: 'go1.22.5' });
    assert.deepEqual(parseGoVersionInput('1.23rc1').spec, { kind: 'exact', version: '1.23rc1', semver: '1.23.0-rc.1', text: '1.23rc1' });
    assert.deepEqual(parseGoVersionInput('1.22').spec, { kind: 'range', range: '>=1.22.0 <1.23.0-0', text: '1.22' });
    assert.deepEqual(parseGoVersionInput('1.22.x').spec, { kind: 'range', range: '>=1.22.0 <1.23.0-0', text: '1.22.x' });
    assert.deepEqual(parseGoVersionInput('stable').spec, { kind: 'alias', alias: 'stable', text: 'stable' });
    for (const bad of ['latest', '1.22.x.y', 'Stable', '1.22.5-rc.1', 'go', '1.22 &&']) assert.throws(() => parseGoVersionInput(bad), InputError, bad);
  });

  test('go-version-file: setup-go reads a go line without a patch as the newest patch of that line', () => {
    assert.deepEqual(spec(parseGoVersionFile('go.mod', 'module m\n\ngo 1.22\n')), 'range >=1.22.0 <1.23.0-0');
    assert.deepEqual(spec(parseGoVersionFile('go.mod', 'module m\n\ngo 1.20\n')), 'range >=1.20.0 <1.21.0-0');
    assert.equal(spec(parseGoVersionFile('go.mod', 'module m\r\n\r\ngo 1.22.3\r\n')), 'exact 1.22.3');
    assert.equal(spec(parseGoVersionFile('sub/go.mod', 'module m\n\ngo 1.22.1\ntoolchain go1.23.4\n')), 'exact 1.23.4');
    assert.equal(parseGoVersionFile('sub/go.mod', 'module m\n\ngo 1.22.1\ntoolchain go1.23.4\n').source, 'go-version-file sub/go.mod (toolchain line)');
    // With GOTOOLCHAIN=local the go command ignores the toolchain line, and so does setup-go.
    assert.equal(spec(parseGoVersionFile('go.mod', 'module m\n\ngo 1.22.1\ntoolchain go1.23.4\n', { gotoolchain: 'local' })), 'exact 1.22.1');
    assert.equal(spec(parseGoVersionFile('go.mod', 'module m\n\ngo 1.22.1\ntoolchain default\n')), 'exact 1.22.1');
    assert.equal(spec(parseGoVersionFile('go.work', 'go 1.23.2\n\nuse ./a\n')), 'exact 1.23.2');
    assert.equal(spec(parseGoVersionFile('.go-version', '# pinned\n1.22.7\n')), 'exact 1.22.7');
    assert.equal(spec(parseGoVersionFile('.go-version', '1.22\r\n')), 'range >=1.22.0 <1.23.0-0');
    assert.equal(spec(parseGoVersionFile('.tool-versions', 'nodejs 20.1.0\ngolang 1.21.13\n')), 'exact 1.21.13');
    assert.equal(spec(parseGoVersionFile('.tool-versions', 'golang\t1.22 # newest 1.22\n')), 'range >=1.22.0 <1.23.0-0');
    assert.throws(() => parseGoVersionFile('go.mod', 'module m\n'), InputError);
    assert.throws(() => parseGoVersionFile('.tool-versions', 'nodejs 20\ngolangci-lint 1.2\n'), InputError);
  });

  test('a long or bad version file line is quoted as a short excerpt, naming the file', () => {
    const huge = `1.22${'x'.repeat(100_000)}`;
    try {
      parseGoVersionFile('.go-version', `${huge}\n`);
      assert.fail('no error');
    } catch (error) {
      assert.ok(error instanceof InputError);
      assert.match(error.message, /^Input 'go-version-file' has the invalid value '\.go-version: 1\.22x+… \(\d+ more characters\)'/);
      assert.ok(error.message.length < 1000, String(error.message.length));
    }
  });
});

function spec(request: ReturnType<typeof parseGoVersionFile>): string {
  const s = request.spec;
  return s.kind === 'exact' ? `exact ${s.version}` : s.kind === 'range' ? `range ${s.range}` : s.alias;
}
