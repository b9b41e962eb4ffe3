import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRouting, routeModules, uniquePaths, type RequiredModule, type RoutingSettings } from '../src/config/routing.js';
import type { Problem } from '../src/problems.js';

const modules: RequiredModule[] = [
  { path: 'git.corp.example/team/lib', version: 'v1.4.0', goModFile: 'go.mod', line: 6 },
  { path: 'github.com/pkg/errors', version: 'v0.9.1', goModFile: 'go.mod', line: 7 },
  { path: 'git.corp.example/team/auth/v2', version: 'v2.0.1', goModFile: 'services/api/go.mod', line: 9 },
  { path: 'golang.org/x/mod', version: 'v0.21.0', goModFile: 'services/api/go.mod', line: 10 },
];

function settings(partial: Partial<RoutingSettings>): RoutingSettings {
  return { GOPRIVATE: '', GONOPROXY: '', GONOSUMDB: '', sumdbOff: false, ...partial };
}

function codes(problems: readonly Problem[]): string[] {
  return problems.map((problem) => problem.code);
}

describe('routeModules', () => {
  test('nothing private: everything through the proxy and the checksum database', () => {
    const routes = routeModules(modules, settings({}));
    assert.equal(routes.length, 4);
    for (const route of routes) {
      assert.equal(route.viaProxy, true, route.path);
      assert.equal(route.checkedBySumdb, true, route.path);
      assert.equal(route.private, false, route.path);
    }
  });

  test('keeps path, version, file and line of each requirement', () => {
    const [first] = routeModules(modules, settings({}));
    assert.deepEqual(
      { path: first?.path, version: first?.version, goModFile: first?.goModFile, line: first?.line },
      { path: 'git.corp.example/team/lib', version: 'v1.4.0', goModFile: 'go.mod', line: 6 },
    );
  });

  test('GOPRIVATE (with the derived GONOPROXY/GONOSUMDB) covers both', () => {
    const routes = routeModules(modules, settings({ GOPRIVATE: 'git.corp.example', GONOPROXY: 'git.corp.example', GONOSUMDB: 'git.corp.example' }));
    assert.deepEqual(
      routes.map((route) => [route.path, route.viaProxy, route.checkedBySumdb, route.private]),
      [
        ['git.corp.example/team/lib', false, false, true],
        ['github.com/pkg/errors', true, true, false],
        ['git.corp.example/team/auth/v2', false, false, true],
        ['golang.org/x/mod', true, true, false],
      ],
    );
  });

  test('GONOPROXY alone: direct but still checked', () => {
    const route = routeModules(modules, settings({ GONOPROXY: 'git.corp.example' }))[0];
    assert.equal(route?.viaProxy, false);
    assert.equal(route?.checkedBySumdb, true);
    assert.equal(route?.private, false);
  });

  test('GONOPROXY=none with GOPRIVATE: through the proxy, not checked', () => {
    const route = routeModules(modules, settings({ GOPRIVATE: 'git.corp.example', GONOPROXY: 'none', GONOSUMDB: 'git.corp.example' }))[0];
    assert.equal(route?.viaProxy, true);
    assert.equal(route?.checkedBySumdb, false);
    assert.equal(route?.private, true);
  });

  test('GOSUMDB=off: nothing is checked', () => {
    const routes = routeModules(modules, settings({ sumdbOff: true }));
    assert.ok(routes.every((route) => !route.checkedBySumdb));
    assert.ok(routes.every((route) => route.viaProxy));
  });

  test('Go\'s matching rules: prefix by path element, case-sensitive, /* needs a sub-path', () => {
    const route = (pattern: string, path: string): boolean => routeModules([{ path, version: 'v1.0.0', goModFile: 'go.mod', line: 1 }], settings({ GONOPROXY: pattern }))[0]?.viaProxy ?? true;
    assert.equal(route('github.com/org/*', 'github.com/org/sdk/v2'), false);
    assert.equal(route('git.corp.example/*', 'git.corp.example'), true);
    assert.equal(route('rsc.io/private', 'rsc.io/privatequux'), true);
    assert.equal(route('GitHub.com/org', 'github.com/org/x'), true);
    assert.equal(route('a.example, git.corp.example', 'git.corp.example/x'), true);
  });
});

describe('uniquePaths', () => {
  test('sorted and de-duplicated', () => {
    const routes = routeModules([...modules, { ...modules[0]!, goModFile: 'tools/go.mod', line: 4 }], settings({ GONOPROXY: 'git.corp.example' }));
    assert.deepEqual(uniquePaths(routes, (route) => !route.viaProxy), ['git.corp.example/team/auth/v2', 'git.corp.example/team/lib']);
    assert.deepEqual(uniquePaths(routes, () => true), ['git.corp.example/team/auth/v2', 'git.corp.example/team/lib', 'github.com/pkg/errors', 'golang.org/x/mod']);
    assert.deepEqual(uniquePaths(routes, (route) => !route.checkedBySumdb), []);
    assert.deepEqual(uniquePaths([], () => true), []);
  });
});

describe('lintRouting: PRIVATE_MODULE_CHECKED_BY_SUMDB', () => {
  test('GONOPROXY without GONOSUMDB: an error at each require line', () => {
    const s = settings({ GONOPROXY: 'git.corp.example' });
    const problems = lintRouting(routeModules(modules, s), s, ['github.com/acme/app']);
    assert.deepEqual(codes(problems), ['PRIVATE_MODULE_CHECKED_BY_SUMDB', 'PRIVATE_MODULE_CHECKED_BY_SUMDB']);
    const [first, second] = problems as [Problem, Problem];
    assert.equal(first.severity, 'error');
    assert.equal(first.variable, 'GONOSUMDB');
    assert.equal(first.file, 'go.mod');
    assert.equal(first.line, 6);
    assert.equal(second.file, 'services/api/go.mod');
    assert.equal(second.line, 9);
    assert.ok(first.message.startsWith('git.corp.example/team/lib bypasses the proxy (it matches GONOPROXY="git.corp.example")'), first.message);
    assert.ok(first.message.includes('still looked up in the public checksum database (GONOSUMDB="" does not cover it)'), first.message);
    assert.ok(first.message.includes('404/410 Gone'), first.message);
    assert.equal(first.fix, 'Add git.corp.example/team to GOPRIVATE (which sets both), or to GONOSUMDB.');
  });

  test('the suggested pattern is the host for a two-element path', () => {
    const s = settings({ GONOPROXY: 'corp.example' });
    const problems = lintRouting(routeModules([{ path: 'corp.example/lib', version: 'v1.0.0', goModFile: 'go.mod', line: 3 }], s), s, []);
    assert.equal(problems[0]?.fix, 'Add corp.example to GOPRIVATE (which sets both), or to GONOSUMDB.');
  });

  test('GONOSUMDB covering only part of GONOPROXY: error only for the uncovered module', () => {
    const s = settings({ GONOPROXY: 'git.corp.example', GONOSUMDB: 'git.corp.example/team/lib' });
    const problems = lintRouting(routeModules(modules, s), s, []);
    assert.deepEqual(problems.map((problem) => [problem.code, problem.file, problem.line]), [['PRIVATE_MODULE_CHECKED_BY_SUMDB', 'services/api/go.mod', 9]]);
  });

  test('GOPRIVATE covering both: no error', () => {
    const s = settings({ GOPRIVATE: 'git.corp.example', GONOPROXY: 'git.corp.example', GONOSUMDB: 'git.corp.example' });
    assert.deepEqual(lintRouting(routeModules(modules, s), s, []), []);
  });

  test('GOSUMDB=off: no error (nothing is looked up)', () => {
    const s = settings({ GONOPROXY: 'git.corp.example', sumdbOff: true });
    assert.deepEqual(lintRouting(routeModules(modules, s), s, []), []);
  });

  test('no duplicate errors for the same file:line', () => {
    const s = settings({ GONOPROXY: 'git.corp.example' });
    const duplicated: RequiredModule[] = [modules[0]!, modules[0]!, { ...modules[0]!, path: 'git.corp.example/team/lib/v2' }, { ...modules[0]!, goModFile: 'other/go.mod' }];
    const problems = lintRouting(routeModules(duplicated, s), s, []);
    assert.deepEqual(problems.map((problem) => `${problem.file}:${problem.line}`), ['go.mod:6', 'other/go.mod:6']);
  });
});

describe('lintRouting: GOPRIVATE_UNUSED_PATTERN', () => {
  test('a pattern that matches no requirement: notice naming it', () => {
    const s = settings({ GOPRIVATE: 'git.corp.example,gitlab.com/acme', GONOPROXY: 'git.corp.example,gitlab.com/acme', GONOSUMDB: 'git.corp.example,gitlab.com/acme' });
    const problems = lintRouting(routeModules(modules, s), s, []);
    assert.deepEqual(codes(problems), ['GOPRIVATE_UNUSED_PATTERN']);
    const problem = problems[0] as Problem;
    assert.equal(problem.severity, 'notice');
    assert.equal(problem.variable, 'GOPRIVATE');
    assert.equal(problem.file, undefined);
    assert.equal(problem.message, 'The GOPRIVATE pattern "gitlab.com/acme" matches no module required by the workspace.');
    assert.match(problem.fix ?? '', /typo/);
  });

  test('the workspace\'s own module paths count as used', () => {
    const s = settings({ GOPRIVATE: 'github.com/acme' });
    assert.deepEqual(lintRouting(routeModules(modules, s), s, ['github.com/acme/app']), []);
  });

  test('a pattern that differs only in case is unused (matching is case-sensitive)', () => {
    const s = settings({ GOPRIVATE: 'Git.corp.example' });
    assert.deepEqual(codes(lintRouting(routeModules(modules, s), s, [])), ['GOPRIVATE_UNUSED_PATTERN']);
  });

  test('no modules and no own module: nothing to compare, no notice', () => {
    const s = settings({ GOPRIVATE: 'git.corp.example' });
    assert.deepEqual(lintRouting([], s, []), []);
  });

  test('one notice per unused pattern, errors too', () => {
    const s = settings({ GOPRIVATE: 'a.example,b.example', GONOPROXY: 'git.corp.example' });
    const problems = lintRouting(routeModules(modules, s), s, []);
    assert.deepEqual(codes(problems), ['PRIVATE_MODULE_CHECKED_BY_SUMDB', 'PRIVATE_MODULE_CHECKED_BY_SUMDB', 'GOPRIVATE_UNUSED_PATTERN', 'GOPRIVATE_UNUSED_PATTERN']);
    assert.ok(problems[2]?.message.includes('"a.example"'));
    assert.ok(problems[3]?.message.includes('"b.example"'));
  });
});
