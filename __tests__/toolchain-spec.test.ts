// go-version specs resolved against a golang.org/toolchain @v/list snapshot built here from real Go
// release names, with the results actions/setup-go gives for the same spec (its README and
// src/installer.ts: node-semver ranges, stable-only manifest first, then every release; explicit
// versions exact; stable/oldstable the newest and the previous line's newest patch).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InputError } from '../src/config/inputValues.js';
import { goVersionToSemver, newestReleases, parseGoVersionSpec, parseToolchainList, resolveSpec, semverToGoVersion, SPEC_MAX_LENGTH } from '../src/toolchain/spec.js';

/** Releases per line, as go.dev/dl lists them (patches 0..last, then pre-releases). */
const LINES: Array<{ line: string; last: number; pre: string[] }> = [
  { line: '1.21', last: 13, pre: ['rc2', 'rc3', 'rc4'] },
  { line: '1.22', last: 12, pre: ['rc1', 'rc2'] },
  { line: '1.23', last: 12, pre: ['rc1', 'rc2'] },
  { line: '1.24', last: 9, pre: ['rc1', 'rc2', 'rc3'] },
  { line: '1.25', last: 3, pre: ['rc1', 'rc2', 'rc3'] },
  { line: '1.26', last: -1, pre: ['rc1'] },
];
const PLATFORMS = ['linux-amd64', 'linux-arm64', 'linux-386', 'linux-armv6l', 'linux-ppc64le', 'linux-s390x', 'darwin-amd64', 'darwin-arm64', 'windows-amd64', 'windows-arm64', 'windows-386', 'freebsd-amd64'];

/**
 * The @v/list body: one "v0.0.1-go<V>.<goos>-<goarch>" per line in no particular order (as
 * proxies serve it), CRLF on some lines, plus entries the list must ignore. go1.25.3 has no
 * windows/arm64 build in this snapshot, to check the platform filter.
 */
function snapshot(): string {
  const lines: string[] = [];
  for (const { line, last, pre } of LINES) {
    const versions = [...pre.map((p) => `${line}${p}`), ...Array.from({ length: last + 1 }, (_, i) => `${line}.${i}`)];
    for (const version of versions) for (const platform of PLATFORMS) if (!(version === '1.25.3' && platform === 'windows-arm64')) lines.push(`v0.0.1-go${version}.${platform}`);
  }
  // A deterministic shuffle (the proxy's order means nothing).
  let seed = 7;
  for (let i = lines.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
  }
  const noise = ['', 'garbage', 'v0.0.1-go1.99.0.linux-amd64.sig', 'v0.0.1-go1.22.x.linux-amd64', 'v0.0.1-go1.23.4-custom.linux-amd64', 'v0.0.1-go.linux-amd64', 'v0.0.2-go1.99.0.linux-amd64', 'v0.0.1-go1.22.5.linux-amd64'];
  return [...lines.slice(0, 100), ...noise, ...lines.slice(100).map((l, i) => (i % 3 === 0 ? `${l}\r` : l))].join('\n') + '\n';
}

const LIST = snapshot();
const LINUX = parseToolchainList(LIST, 'linux', 'amd64');

function resolved(spec: string, releases = LINUX): string | null {
  return resolveSpec(parseGoVersionSpec(spec), releases)?.go ?? null;
}

describe('the golang.org/toolchain list', () => {
  test('parsed for one platform, noise and duplicates dropped', () => {
    const count = LINES.reduce((n, { last, pre }) => n + last + 1 + pre.length, 0);
    assert.equal(LINUX.length, count);
    assert.equal(parseToolchainList(LIST, 'windows', 'arm64').length, count - 1);
    assert.ok(LINUX.every((r) => /^1\.2[1-6](\.\d+|rc\d)$/.test(r.go)), JSON.stringify(LINUX.filter((r) => !/^1\.2[1-6](\.\d+|rc\d)$/.test(r.go))));
    assert.deepEqual(LINUX.find((r) => r.go === '1.25rc2'), { go: '1.25rc2', semver: '1.25.0-rc.2', stable: false });
    assert.deepEqual(newestReleases(LINUX, 4), ['1.26rc1', '1.25.3', '1.25.2', '1.25.1']);
    assert.deepEqual(parseToolchainList('', 'linux', 'amd64'), []);
  });

  test('a hostile body is parsed in one pass: a 4 MiB line without a newline, and 400,000 short lines', () => {
    assert.deepEqual(parseToolchainList('v0.0.1-go'.repeat((4 << 20) / 9), 'linux', 'amd64'), []);
    assert.equal(parseToolchainList('v0.0.1-go1.22.1.linux-amd64\n'.repeat(400_000), 'linux', 'amd64').length, 1);
  });
});

describe('go-version specs resolve as setup-go resolves them', () => {
  // [spec, linux/amd64 result, why]
  const table: Array<[string, string | null, string]> = [
    ['1.22', '1.22.12', 'N.M is the range >=N.M.0 <N.(M+1).0: the newest patch'],
    ['1.22.x', '1.22.12', 'wildcard'],
    ['go1.22', '1.22.12', 'Go spelling of a line'],
    ['1.21', '1.21.13', 'the newest patch, never a 1.21 rc'],
    ['1', '1.25.3', 'major only: the newest 1.x release'],
    ['1.x', '1.25.3', 'wildcard minor'],
    ['*', '1.25.3', 'any: the newest stable release, not 1.26rc1'],
    ['^1.22', '1.25.3', 'caret'],
    ['^1.22.5', '1.25.3', 'caret with patch'],
    ['~1.22.1', '1.22.12', 'tilde'],
    ['~1.24', '1.24.9', 'tilde of a line'],
    ['>=1.21 <1.23', '1.22.12', 'comparator set'],
    ['>=1.22.0 <1.24.0', '1.23.12', 'comparator set with patches'],
    ['1.21 - 1.22', '1.22.12', 'hyphen range (inclusive of the whole 1.22 line)'],
    ['1.22.3 || 1.23.1', '1.23.1', 'alternatives: the newest that exists'],
    ['<1.22', '1.21.13', 'upper bound'],
    ['>1.25.0', '1.25.3', 'lower bound'],
    ['stable', '1.25.3', 'newest stable release'],
    ['oldstable', '1.24.9', 'newest patch of the previous line'],
    ['1.22.5', '1.22.5', 'explicit version'],
    ['v1.22.5', '1.22.5', 'semver.clean drops the v'],
    ['=1.22.5', '1.22.5', 'semver.clean drops the ='],
    ['go1.22.5', '1.22.5', 'Go spelling'],
    ['1.22.0', '1.22.0', 'a .0 release is a release from Go 1.21 on'],
    ['1.25.0-rc.2', '1.25rc2', 'explicit pre-release (setup-go README spelling)'],
    ['1.25rc2', '1.25rc2', "Go's pre-release spelling"],
    ['go1.21rc3', '1.21rc3', "Go's pre-release spelling with go prefix"],
    ['>=1.25.0-rc.1', '1.25.3', 'a stable release satisfies it, so a stable release wins'],
    ['~1.25.0-rc.1', '1.25.3', 'same'],
    ['>=1.26.0-rc.1', '1.26rc1', 'no stable release satisfies it: the pre-release of the same 1.26.0 tuple does'],
    ['^1.26.0-rc.1', '1.26rc1', 'same'],
    ['1.26', null, 'a pre-release never satisfies a range without a pre-release comparator'],
    ['1.26.x', null, 'same'],
    ['>=1.26', null, 'same'],
    ['1.20', null, 'the toolchain module starts at Go 1.21'],
    ['1.2', null, 'YAML reads an unquoted 1.20 as 1.2'],
    ['1.22.99', null, 'an explicit version that does not exist'],
    ['2', null, 'no Go 2'],
  ];
  for (const [spec, want, why] of table) {
    test(`${spec} -> ${want ?? 'nothing'} (${why})`, () => {
      assert.equal(resolved(spec), want);
    });
  }

  test('the host platform filters the list: windows/arm64 has no 1.25.3 in this snapshot', () => {
    const windowsArm = parseToolchainList(LIST, 'windows', 'arm64');
    assert.equal(resolved('stable', windowsArm), '1.25.2');
    assert.equal(resolved('1.25', windowsArm), '1.25.2');
    assert.equal(resolved('1.25.3', windowsArm), null);
    assert.equal(resolved('oldstable', windowsArm), '1.24.9');
  });

  test('"1.20" means the newest 1.20.x, and "1.20.0" the release go1.20 (before Go 1.21 .0 releases had no patch)', () => {
    const older = parseToolchainList(['go1.20rc1', 'go1.20', 'go1.20.1', 'go1.20.14', 'go1.19.13'].map((v) => `v0.0.1-${v}.linux-amd64`).join('\n'), 'linux', 'amd64');
    assert.equal(resolved('1.20', older), '1.20.14');
    assert.equal(resolved('1.20.0', older), '1.20');
    assert.equal(resolved('go1.20', older), '1.20.14');
    assert.equal(resolved('stable', older), '1.20.14');
    assert.equal(resolved('oldstable', older), '1.19.13');
    assert.equal(resolved('oldstable', older.filter((r) => r.go.startsWith('1.20'))), null, 'oldstable needs a previous line');
  });

  test('bad specs are refused with the input named', () => {
    for (const bad of ['latest', 'Stable', 'newest', '1.22.5-rc.1', '1.22.0-foo', '>= banana', 'go']) {
      assert.throws(() => parseGoVersionSpec(bad), (error: unknown) => error instanceof InputError && error.message.startsWith("Input 'go-version' has the invalid value"), bad);
    }
    assert.throws(() => parseGoVersionSpec(`>=1.21 ${'<1.30 '.repeat(60)}`), /longer than 256 characters/);
    assert.equal(SPEC_MAX_LENGTH, 256);
  });

  test('Go and semver spellings convert both ways', () => {
    for (const [go, sv] of [['1.22.5', '1.22.5'], ['1.25rc2', '1.25.0-rc.2'], ['1.19beta1', '1.19.0-beta.1'], ['1.20', '1.20.0'], ['1.21.0', '1.21.0']] as const) {
      assert.equal(goVersionToSemver(go), sv);
      assert.equal(semverToGoVersion(sv), go);
    }
    assert.equal(goVersionToSemver('1.22'), null, 'a language version is no release');
    assert.equal(semverToGoVersion('1.22.5-rc.1'), null);
    assert.equal(semverToGoVersion('1.22.0-rc.1.2'), null);
  });
});
