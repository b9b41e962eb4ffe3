import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkModulePath,
  cleanPath,
  escapeModulePath,
  escapeModuleVersion,
  infoPath,
  InvalidModuleError,
  joinProxyPath,
  listPath,
  unescapeModuleString,
} from '../src/probe/moduleEscape.js';

describe('module path escaping (x/mod EscapePath)', () => {
  const cases: Array<[string, string]> = [
    ['golang.org/x/mod', 'golang.org/x/mod'],
    ['github.com/Azure/azure-sdk-for-go', 'github.com/!azure/azure-sdk-for-go'],
    ['github.com/BurntSushi/toml', 'github.com/!burnt!sushi/toml'],
    ['example.com/ALLCAPS/v2', 'example.com/!a!l!l!c!a!p!s/v2'],
    ['gopkg.in/yaml.v3', 'gopkg.in/yaml.v3'],
  ];
  for (const [path, escaped] of cases) {
    it(`${path} -> ${escaped} and back`, () => {
      assert.equal(escapeModulePath(path), escaped);
      assert.equal(unescapeModuleString(escaped), path);
    });
  }

  it('escapes versions', () => {
    assert.equal(escapeModuleVersion('v1.0.0-RC1'), 'v1.0.0-!r!c1');
    assert.equal(escapeModuleVersion('v2.0.0+incompatible'), 'v2.0.0+incompatible');
    assert.throws(() => escapeModuleVersion('v1!'), InvalidModuleError);
    assert.throws(() => escapeModuleVersion('v1/2'), InvalidModuleError);
    assert.throws(() => escapeModuleVersion(''), InvalidModuleError);
  });

  it('unescape rejects what no escaping produces', () => {
    assert.equal(unescapeModuleString('github.com/Azure'), null);
    assert.equal(unescapeModuleString('github.com/!'), null);
    assert.equal(unescapeModuleString('github.com/!1'), null);
  });
});

describe('checkModulePath (light x/mod CheckPath)', () => {
  const valid = ['golang.org/x/mod', 'github.com/Azure/x', 'example.com/m/v2', 'example.com/a_b~c-d', 'gopkg.in/yaml.v3', 'rsc.io/quote/v10'];
  for (const path of valid) it(`accepts ${path}`, () => assert.equal(checkModulePath(path), null));

  const invalid: Array<[string, RegExp]> = [
    ['', /empty/],
    ['mod', /missing dot/],
    ['GitHub.com/x', /first path element/],
    ['-x.com/y', /leading dash/],
    ['example.com//x', /double slash/],
    ['example.com/x/', /trailing slash/],
    ['/example.com', /leading slash/],
    ['example.com/.x', /leading dot/],
    ['example.com/x.', /trailing dot/],
    ['example.com/..', /invalid path element/],
    ['example.com/a b', /invalid char/],
    ['example.com/a!b', /invalid char/],
    ['example.com/é', /invalid char/],
    ['example.com/con', /Windows/],
    ['example.com/m/v1', /invalid version/],
    ['example.com/m/v0', /invalid version/],
    ['example.com/m/v02', /invalid version/],
    ['example.com/m/v2.1', /invalid version/],
  ];
  for (const [path, reason] of invalid) {
    it(`rejects ${JSON.stringify(path)}`, () => {
      assert.match(checkModulePath(path) ?? 'VALID', reason);
      assert.throws(() => escapeModulePath(path), InvalidModuleError);
    });
  }
});

describe('proxy request paths (modfetch/proxy.go)', () => {
  it('joins like Go: trailing slashes and dot segments in the base are harmless', () => {
    assert.equal(joinProxyPath('/', 'a', '@v', 'list'), '/a/@v/list');
    assert.equal(joinProxyPath('', 'a', '@v', 'list'), '/a/@v/list');
    assert.equal(joinProxyPath('/api/go/repo///', 'a', '@v', 'list'), '/api/go/repo/a/@v/list');
    assert.equal(joinProxyPath('/x/./y/../z', 'a'), '/x/z/a');
    assert.equal(cleanPath('//a//b/'), '/a/b');
  });

  it('builds list and info paths with escaping', () => {
    assert.equal(listPath('/p', 'github.com/Azure/x'), '/p/github.com/!azure/x/@v/list');
    assert.equal(infoPath('/p/', 'github.com/Azure/x', 'v1.2.3-Beta'), '/p/github.com/!azure/x/@v/v1.2.3-!beta.info');
  });
});
