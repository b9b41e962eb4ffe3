// The pure fallback planner: which GOPROXY the action exports after the probe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProxyList, type ProxyEntry } from '../src/go/proxyList.js';
import { decideGoproxy, privateLookingModules, type FallbackInput } from '../src/probe/fallback.js';

function entries(value: string): ProxyEntry[] {
  const parse = parseProxyList(value, '');
  assert.ok(parse.ok, value);
  return parse.entries;
}

function decide(goproxy: string, options: { dead?: string[]; fallbacks?: string; deadFallbacks?: string[]; onUnreachable?: FallbackInput['onUnreachable']; goprivate?: string; gonoproxy?: string; privatePaths?: string[] }) {
  const list = entries(goproxy);
  const fallbacks = options.fallbacks === undefined ? [] : entries(options.fallbacks);
  const health = new Map<string, boolean>();
  for (const entry of [...list, ...fallbacks]) if (entry.kind === 'url') health.set(entry.url, !(options.dead ?? []).includes(entry.url) && !(options.deadFallbacks ?? []).includes(entry.url));
  return decideGoproxy(
    { entries: list, fallbacks, health, onUnreachable: options.onUnreachable ?? 'fallback', goprivate: options.goprivate ?? '', gonoproxy: options.gonoproxy ?? options.goprivate ?? '', privateModulePaths: options.privatePaths ?? [] },
    goproxy,
  );
}

test('all healthy: unchanged', () => {
  const decision = decide('https://a.example|https://b.example,direct', {});
  assert.equal(decision.outcome, 'unchanged');
  assert.equal(decision.goproxy, 'https://a.example|https://b.example,direct');
  assert.equal(decision.changed, false);
});

test('a dead first mirror is dropped; the user\'s separator before direct keeps its meaning', () => {
  const decision = decide('https://a.example|https://b.example,direct', { dead: ['https://a.example'] });
  assert.equal(decision.goproxy, 'https://b.example,direct');
  assert.deepEqual(decision.removed, ['https://a.example']);
  assert.equal(decision.changed, true);
});

test('healthy fallbacks go before direct, chained with "|"', () => {
  const decision = decide('https://a.example,direct', { dead: ['https://a.example'], fallbacks: 'https://m1.example,https://m2.example' });
  assert.equal(decision.goproxy, 'https://m1.example|https://m2.example,direct');
  assert.deepEqual(decision.added, ['https://m1.example', 'https://m2.example']);
});

test('a dead fallback is not added', () => {
  const decision = decide('https://a.example|direct', { dead: ['https://a.example'], fallbacks: 'https://m1.example,https://m2.example', deadFallbacks: ['https://m1.example'] });
  assert.equal(decision.goproxy, 'https://m2.example|direct');
});

test('kept entries keep their order and the fallbacks follow them', () => {
  const decision = decide('https://a.example|https://b.example|https://c.example', { dead: ['https://b.example'], fallbacks: 'https://m.example' });
  assert.equal(decision.goproxy, 'https://a.example|https://c.example|https://m.example');
});

test('nothing healthy: direct alone if the list had direct, otherwise nothing-left and unchanged', () => {
  assert.deepEqual([decide('https://a.example,direct', { dead: ['https://a.example'] }).goproxy, decide('https://a.example,direct', { dead: ['https://a.example'] }).outcome], ['direct', 'direct-only']);
  const none = decide('https://a.example', { dead: ['https://a.example'] });
  assert.equal(none.outcome, 'nothing-left');
  assert.equal(none.goproxy, 'https://a.example');
  const off = decide('https://a.example,off', { dead: ['https://a.example'] });
  assert.equal(off.outcome, 'nothing-left');
});

test('on-unreachable warn and fail never change GOPROXY', () => {
  for (const mode of ['warn', 'fail'] as const) {
    const decision = decide('https://a.example,direct', { dead: ['https://a.example'], fallbacks: 'https://m.example', onUnreachable: mode });
    assert.equal(decision.goproxy, 'https://a.example,direct');
    assert.equal(decision.changed, false);
  }
});

test('golang/go#37367: a public mirror is refused behind a private proxy when a private module is not in GONOPROXY', () => {
  const decision = decide('https://athens.corp.example|https://dead.mirror.example,direct', {
    dead: ['https://dead.mirror.example'],
    fallbacks: 'https://public-mirror.example',
    goprivate: 'git.corp.example/team',
    gonoproxy: 'git.corp.example/team',
    privatePaths: ['git.corp.example/other/lib'],
  });
  assert.equal(decision.goproxy, 'https://athens.corp.example,direct');
  assert.equal(decision.refused.length, 1);
  assert.match(decision.refused[0]?.reason ?? '', /git\.corp\.example\/other\/lib is not covered by GONOPROXY/);
  assert.match(decision.refused[0]?.reason ?? '', /37367/);
});

test('the same public mirror is allowed once GONOPROXY covers every private module', () => {
  const decision = decide('https://athens.corp.example|https://dead.mirror.example,direct', {
    dead: ['https://dead.mirror.example'],
    fallbacks: 'https://public-mirror.example',
    goprivate: 'git.corp.example',
    privatePaths: ['git.corp.example/other/lib'],
  });
  assert.equal(decision.goproxy, 'https://athens.corp.example|https://public-mirror.example,direct');
  assert.deepEqual(decision.refused, []);
});

test('a private fallback is always allowed; credentials in removed/added lists are redacted', () => {
  const decision = decide('https://bot:t0k@athens.corp.example,direct', { dead: ['https://bot:t0k@athens.corp.example'], fallbacks: 'https://bot:t0k@athens2.corp.example' });
  assert.equal(decision.goproxy, 'https://bot:t0k@athens2.corp.example,direct', 'the exported value keeps the credential for go');
  assert.deepEqual(decision.removed, ['https://***@athens.corp.example']);
  assert.deepEqual(decision.added, ['https://***@athens2.corp.example']);
});

test('privateLookingModules: GOPRIVATE, private hosts and the private proxy\'s domain', () => {
  const list = entries('https://athens.corp.example|https://proxy.golang.org,direct');
  // athens.corp.example is private because GOPRIVATE names a host of corp.example; so is every
  // module on that domain, even one GOPRIVATE forgot (code.corp.example).
  const found = privateLookingModules(['code.corp.example/a', 'golang.org/x/mod', 'intranet/lib', 'github.com/org/x'], list, 'github.com/org,git.corp.example', '');
  assert.deepEqual(found, ['code.corp.example/a', 'intranet/lib', 'github.com/org/x']);
  const unrelated = entries('https://athens.other.example,direct');
  assert.deepEqual(privateLookingModules(['code.corp.example/a'], unrelated, '', ''), [], 'a public-looking proxy makes no module private');
});
