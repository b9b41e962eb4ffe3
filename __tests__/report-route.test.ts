// The route picture: every diagram is checked with the real mermaid parser (jsdom supplies the DOM
// its sanitiser needs), its nodes and edges read back from mermaid's own flowchart database, and
// labels decoded as mermaid's renderer does, across realistic, long, hostile and random models.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseFlowchart, parseMermaid, type ParsedFlowchart } from './helpers/mermaid.js';
import { exampleRouteFacts, probeResult, sumdbConfig } from './fixtures/routeExample.js';
import { seededRandom } from './fixtures/moduleProxy.js';
import { chainItems, renderRouteDiagram, routeSummaryBody, ROUTE_LIMITS, type HopVerdict, type RouteHop, type RouteModel, type RouteSeparator } from '../src/report/route.js';
import { buildRouteModel, routeSection, type RouteFacts } from '../src/report/routeModel.js';
import { mermaidText, LABEL_TEXT_MAX } from '../src/report/mermaidText.js';
import { parseProxyList } from '../src/go/proxyList.js';
import { planSumdbRoute } from '../src/go/gosumdb.js';

const HEALTHY: HopVerdict = { state: 'healthy', latencyMs: 12, detail: null };
const NOT_PROBED: HopVerdict = { state: 'not-probed', latencyMs: null, detail: null };

function hop(url: string, separator: RouteSeparator, fields: Partial<RouteHop> = {}): RouteHop {
  const kind = url === 'direct' || url === 'off' ? url : 'proxy';
  return { kind, url, separator, verdict: kind === 'proxy' ? HEALTHY : NOT_PROBED, addedByProbe: false, bridgeTo: null, ...fields };
}

function model(fields: Partial<RouteModel> = {}): RouteModel {
  return {
    hops: [hop('https://proxy.golang.org', ','), hop('direct', '')],
    privatePatterns: null,
    dropped: [],
    checksum: { via: 'direct', name: 'sum.golang.org', url: 'https://sum.golang.org', throughHop: null, verdict: HEALTHY, reason: null },
    noSumdbPatterns: [],
    servedCache: null,
    ...fields,
  };
}

async function parsed(m: RouteModel): Promise<ParsedFlowchart> {
  return parseFlowchart(renderRouteDiagram(m));
}

function node(chart: ParsedFlowchart, id: string): string[] {
  const found = chart.nodes.get(id);
  assert.ok(found, `node ${id} in ${[...chart.nodes.keys()].join(',')}`);
  return found.lines;
}

/** The GOPROXY chain as [from, to, label] from the go command's first edge on. */
function chainEdges(chart: ParsedFlowchart): Array<[string, string, string]> {
  return chart.edges.filter((edge) => /^(hop|up|more|stop)/.test(edge.to) && edge.from !== 'private' && edge.label !== 'checksums' && edge.from !== 'served').map((edge) => [edge.from, edge.to, edge.label]);
}

test('the checks can fail: mermaid rejects broken syntax, and an unescaped label injects nodes', async () => {
  await assert.rejects(parseMermaid('flowchart LR\n  a["x"] --> b["y"]]\n'));
  // What escaping prevents: a "URL" that closes its label and declares a node of its own.
  const injected = await parseFlowchart('flowchart LR\n  hop0["x"] --> evil["owned"]\n');
  assert.ok(injected.nodes.has('evil'));
  const ours = await parsed(model({ hops: [hop('x"] --> evil["owned', '')] }));
  assert.ok(!ours.nodes.has('evil'));
  assert.deepEqual(node(ours, 'hop0'), ['x"] --> evil["owned', '✅ healthy · 12 ms']);
});

test('a default route: go -> proxy.golang.org -> (404/410 only) -> direct, checksums direct from sum.golang.org', async () => {
  const chart = await parsed(model());
  assert.equal(chart.diagramType, 'flowchart-v2');
  assert.deepEqual(node(chart, 'goCmd'), ['go command']);
  assert.deepEqual(node(chart, 'hop0'), ['https://proxy.golang.org', '✅ healthy · 12 ms']);
  assert.deepEqual(node(chart, 'hop1'), ['direct', 'origin servers (VCS)']);
  assert.deepEqual(chainEdges(chart), [['goCmd', 'hop0', 'modules'], ['hop0', 'hop1', ', 404/410 only']]);
  assert.deepEqual(node(chart, 'sumdb'), ['sum.golang.org', 'direct', 'https://sum.golang.org', '✅ healthy · 12 ms']);
  assert.ok(chart.edges.some((edge) => edge.from === 'goCmd' && edge.to === 'sumdb' && edge.stroke === 'dotted'));
  assert.ok(!chart.nodes.has('stop'), 'direct ends the walk');
});

test('every separator: `,` is a normal edge "404/410 only", `|` a thick edge "any error"', async () => {
  const chart = await parsed(model({ hops: [hop('https://a.example', '|'), hop('https://b.example', ','), hop('https://c.example', '|'), hop('off', '')] }));
  const chain = chart.edges.filter((edge) => edge.from.startsWith('hop'));
  assert.deepEqual(chain.map((edge) => [edge.from, edge.to, edge.label, edge.stroke]), [
    ['hop0', 'hop1', '| any error', 'thick'],
    ['hop1', 'hop2', ', 404/410 only', 'normal'],
    ['hop2', 'hop3', '| any error', 'thick'],
  ]);
  assert.deepEqual(node(chart, 'hop3'), ['off', 'lookups disabled: download fails']);
});

test('a list that ends in a proxy ends in "go reports the error"', async () => {
  const chart = await parsed(model({ hops: [hop('https://only.example', '')] }));
  assert.deepEqual(node(chart, 'stop'), ['no more entries', 'go reports the error']);
  assert.ok(chart.edges.some((edge) => edge.from === 'hop0' && edge.to === 'stop' && edge.label === 'not found or error'));
});

test('GOPROXY=off and GOPROXY=direct alone', async () => {
  for (const tail of ['off', 'direct'] as const) {
    const chart = await parsed(model({ hops: [hop(tail, '')] }));
    assert.equal(node(chart, 'hop0')[0], tail);
    assert.deepEqual(chainEdges(chart), [['goCmd', 'hop0', 'modules']]);
  }
});

test('verdicts: unhealthy and refused show their cause, not-probed says so, fallbacks are marked', async () => {
  const chart = await parsed(model({
    hops: [
      hop('https://hung.example', '|', { verdict: { state: 'unhealthy', latencyMs: 3000, detail: 'headers-timeout' } }),
      hop('https://auth.example', '|', { verdict: { state: 'refused', latencyMs: 5, detail: 'http-403' } }),
      hop('https://unknown.example', '|', { verdict: NOT_PROBED }),
      hop('https://mirror.example', '', { addedByProbe: true }),
    ],
  }));
  assert.deepEqual(node(chart, 'hop0'), ['https://hung.example', '❌ unhealthy · headers-timeout']);
  assert.deepEqual(node(chart, 'hop1'), ['https://auth.example', '⛔ refused · http-403']);
  assert.deepEqual(node(chart, 'hop2'), ['https://unknown.example', 'not probed']);
  assert.deepEqual(node(chart, 'hop3'), ['https://mirror.example', '✅ healthy · 12 ms', 'fallback added by the probe']);
  assert.deepEqual(chart.nodes.get('hop0')?.classes, ['bad']);
  assert.deepEqual(chart.nodes.get('hop3')?.classes, ['ok']);
});

test('private patterns go direct: to the chain\'s direct node, or to their own when the list has none', async () => {
  const withDirect = await parsed(model({ privatePatterns: ['git.corp.example', 'github.com/corp-*'] }));
  assert.deepEqual(node(withDirect, 'private'), ['GONOPROXY', 'git.corp.example', 'github.com/corp-*']);
  assert.ok(withDirect.edges.some((edge) => edge.from === 'goCmd' && edge.to === 'private' && edge.label === 'matches GONOPROXY'));
  assert.ok(withDirect.edges.some((edge) => edge.from === 'private' && edge.to === 'hop1'));
  assert.equal(chainEdges(withDirect)[0]?.[2], 'other modules');

  const offList = await parsed(model({ hops: [hop('https://a.example', ','), hop('off', '')], privatePatterns: ['corp.example'] }));
  assert.deepEqual(node(offList, 'vcs'), ['direct', 'origin servers (VCS)']);
  assert.ok(offList.edges.some((edge) => edge.from === 'private' && edge.to === 'vcs'));
});

test('long lists collapse: the first entries, "+N more" with the right edges, and the tail', async () => {
  const hops = [...Array.from({ length: 40 }, (_, i) => hop(`https://m${i}.example`, (i % 2 === 0 ? '|' : ',') as RouteSeparator)), hop('direct', '')];
  const chart = await parsed(model({ hops, privatePatterns: Array.from({ length: 30 }, (_, i) => `corp${i}.example`), noSumdbPatterns: Array.from({ length: 9 }, (_, i) => `p${i}.example`) }));
  const head = ROUTE_LIMITS.hops - 2;
  for (let i = 0; i < head; i++) assert.equal(node(chart, `hop${i}`)[0], `https://m${i}.example`);
  assert.deepEqual(node(chart, 'more'), [`+${41 - head - 1} more entries`, 'same fall-through rules']);
  assert.equal(node(chart, `hop${head + 1}`)[0], 'direct');
  const into = chart.edges.find((edge) => edge.to === 'more');
  const out = chart.edges.find((edge) => edge.from === 'more');
  // m3 (odd: ',') leads into the collapsed part; m39 (odd: ',') leads out of it.
  assert.equal(into?.label, ', 404/410 only');
  assert.equal(into?.from, `hop${head - 1}`);
  assert.equal(out?.label, ', 404/410 only');
  assert.equal(out?.to, `hop${head + 1}`);
  assert.deepEqual(node(chart, 'private'), ['GONOPROXY', 'corp0.example', 'corp1.example', 'corp2.example', 'corp3.example', '+26 more']);
  assert.equal(node(chart, 'nosumdb').at(-1), '+5 more');
  assert.ok(chart.nodes.size <= 14, `${chart.nodes.size} nodes`);
  assert.deepEqual(chainItems(3, 6).map((item) => item.kind), ['hop', 'hop', 'hop']);
  assert.deepEqual(chainItems(7, 6), [{ kind: 'hop', index: 0 }, { kind: 'hop', index: 1 }, { kind: 'hop', index: 2 }, { kind: 'hop', index: 3 }, { kind: 'more', first: 4, last: 5 }, { kind: 'hop', index: 6 }]);
});

test('the checksum database: every route', async () => {
  const base = { name: 'sum.golang.org', url: null, throughHop: null, verdict: HEALTHY, reason: null };
  const off = await parsed(model({ checksum: { ...base, via: 'off', name: null }, noSumdbPatterns: ['corp.example'] }));
  assert.deepEqual(node(off, 'sumdb'), ['GOSUMDB=off', 'nothing verified (go.sum only)']);
  assert.ok(!off.nodes.has('nosumdb'), 'GONOSUMDB means nothing when GOSUMDB=off');

  const viaProxy = await parsed(model({ checksum: { ...base, via: 'proxy', url: 'https://proxy.golang.org/sumdb/sum.golang.org', throughHop: 0 } }));
  assert.ok(viaProxy.edges.some((edge) => edge.from === 'goCmd' && edge.to === 'hop0' && edge.label === 'checksums'));
  assert.ok(viaProxy.edges.some((edge) => edge.from === 'hop0' && edge.to === 'sumdb' && edge.label === '/sumdb/sum.golang.org/'));

  const explicit = await parsed(model({ checksum: { ...base, via: 'explicit-url', url: 'https://sumdb.corp.example' } }));
  assert.deepEqual(node(explicit, 'sumdb').slice(0, 3), ['sum.golang.org', 'URL from GOSUMDB', 'https://sumdb.corp.example']);

  const fails = await parsed(model({ checksum: { ...base, via: 'fails', reason: 'https://a.example failed /sumdb/sum.golang.org/supported' }, noSumdbPatterns: ['corp.example'] }));
  assert.deepEqual(node(fails, 'sumdb'), ['sum.golang.org', 'verification fails', 'https://a.example failed /sumdb/sum.golang.org/supported']);
  assert.deepEqual(fails.nodes.get('sumdb')?.classes, ['bad']);
  assert.deepEqual(node(fails, 'nosumdb'), ['GONOSUMDB: not verified', 'corp.example']);

  const notProbed = await parsed(model({ checksum: { ...base, via: 'not-probed', verdict: NOT_PROBED } }));
  assert.deepEqual(node(notProbed, 'sumdb'), ['sum.golang.org', 'direct unless a proxy serves /sumdb/', 'not probed']);
  const invalid = await parsed(model({ checksum: { ...base, via: 'invalid', name: null } }));
  assert.deepEqual(node(invalid, 'sumdb'), ['GOSUMDB is invalid', 'see Problems']);
});

test('checksums through a collapsed or bridged entry leave the chain where that entry does', async () => {
  const hops = [...Array.from({ length: 10 }, (_, i) => hop(`https://m${i}.example`, '|')), hop('direct', '')];
  const collapsed = await parsed(model({ hops, checksum: { via: 'proxy', name: 'sum.golang.org', url: 'https://m7.example/sumdb/sum.golang.org', throughHop: 7, verdict: HEALTHY, reason: null } }));
  assert.ok(collapsed.edges.some((edge) => edge.from === 'more' && edge.to === 'sumdb'));
  const bridged = await parsed(model({
    hops: [hop('http://127.0.0.1:4711/0/', '|', { bridgeTo: 'https://athens.corp.example' }), hop('direct', '')],
    checksum: { via: 'proxy', name: 'sum.golang.org', url: 'http://127.0.0.1:4711/0/sumdb/sum.golang.org', throughHop: 0, verdict: HEALTHY, reason: null },
  }));
  assert.ok(bridged.edges.some((edge) => edge.from === 'up0' && edge.to === 'sumdb'));
});

test('the mTLS bridge and the served cache', async () => {
  const chart = await parsed(model({
    hops: [hop('http://127.0.0.1:4711/0/', '|', { bridgeTo: 'https://athens.corp.example', verdict: { state: 'healthy', latencyMs: 30, detail: null } }), hop('https://proxy.golang.org', ','), hop('direct', '')],
    servedCache: { url: 'http://127.0.0.1:4711/cache/' },
  }));
  assert.deepEqual(node(chart, 'hop0'), ['http://127.0.0.1:4711/0/', '🔒 mTLS bridge (loopback)']);
  assert.deepEqual(node(chart, 'up0'), ['https://athens.corp.example', '✅ healthy · 30 ms']);
  assert.ok(chart.edges.some((edge) => edge.from === 'hop0' && edge.to === 'up0' && edge.label === 'client certificate'));
  // What falls through the bridge leaves from the upstream it stands for.
  assert.ok(chart.edges.some((edge) => edge.from === 'up0' && edge.to === 'hop1' && edge.label === '| any error'));
  assert.deepEqual(node(chart, 'served'), ['served warm cache', 'http://127.0.0.1:4711/cache/', 'module-proxy output']);
  assert.ok(chart.edges.some((edge) => edge.from === 'container' && edge.to === 'served'));
  assert.ok(chart.edges.some((edge) => edge.from === 'served' && edge.to === 'hop0' && edge.label === 'not in the cache'));
});

const HOSTILE = [
  '"', "'", '`', '```', '|', '[', ']', '(', ')', '{', '}', '<', '>', '&', '#', ';', '%%', '%%{init: {"theme":"dark"}}%%', '$$x$$',
  'style', 'classDef', 'style hop0 fill:#f00;', 'end', 'click', '-->', '==>', '-.->', '~~~', '\n', '\r\n', '\t', '\u0000', '\u2028',
  '\u202e', '\ufeff', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '#quot;', '&amp;', '\\', '*', '_', '@', ':', 'é', '漢', '😀',
  '\ud800', 'https://user:tok3n-S3CRET@evil.example/p', 'a'.repeat(300), 'x"] --> evil["owned', '"]:::bad', '\n  click hop0 "https://evil.example"\n', '   ',
];

function hostileText(next: () => number): string {
  let text = '';
  const parts = 1 + Math.floor(next() * 6);
  for (let i = 0; i < parts; i++) text += HOSTILE[Math.floor(next() * HOSTILE.length)];
  return text;
}

/** What a reader should see for a text: the escaper's contract, stated independently. */
function visible(text: string): string {
  return text
    .replace(/https:\/\/user:tok3n-S3CRET@/g, 'https://***@')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ' ')
    .replace(/^ +/, '')
    .replace(/ +$/, '');
}

function assertShows(line: string | undefined, original: string): void {
  assert.ok(line !== undefined);
  const expected = visible(original);
  if (line.endsWith('…') && line !== expected) assert.ok(expected.startsWith(line.slice(0, -1)), `${JSON.stringify(line)} is a prefix of ${JSON.stringify(expected)}`);
  else assert.equal(line, expected);
}

test('hostile labels: every model parses, every label reads back as its text (or a cut of it), nothing leaks', async () => {
  const next = seededRandom(20240801);
  for (let round = 0; round < 60; round++) {
    const url = hostileText(next);
    const pattern = hostileText(next);
    const upstream = hostileText(next);
    const detail = hostileText(next);
    const m = model({
      hops: [hop(url, '|', { verdict: { state: 'unhealthy', latencyMs: 1, detail } }), hop('http://127.0.0.1:1/0/', ',', { bridgeTo: upstream }), hop('direct', '')],
      privatePatterns: [pattern],
      dropped: [{ url, verdict: HEALTHY }],
      noSumdbPatterns: [pattern],
      checksum: { via: 'proxy', name: pattern, url, throughHop: 0, verdict: HEALTHY, reason: null },
      servedCache: { url },
    });
    const text = renderRouteDiagram(m);
    const chart = await parseFlowchart(text).catch((error: unknown) => assert.fail(`round ${round}: ${String(error)}\n${text}`));
    assert.deepEqual([...chart.nodes.keys()].sort(), ['container', 'dropped', 'goCmd', 'hop0', 'hop1', 'hop2', 'nosumdb', 'private', 'served', 'sumdb', 'up1'], `round ${round}: no injected node`);
    assertShows(node(chart, 'hop0')[0], url);
    if (visible(detail) === '') assert.equal(node(chart, 'hop0')[1], '❌ unhealthy');
    else assertShows(node(chart, 'hop0')[1]?.replace(/^❌ unhealthy · /, ''), detail);
    assertShows(node(chart, 'up1')[0], upstream);
    assertShows(node(chart, 'private')[1], pattern);
    assertShows(node(chart, 'nosumdb')[1], pattern);
    assertShows(node(chart, 'served')[1], url);
    assertShows(node(chart, 'sumdb')[0], pattern);
    assert.ok(!text.includes('tok3n-S3CRET'), 'credentials never shown');
    assert.ok(!text.includes('```') && !text.includes('%%') && !/style.*:\S*#.*;/.test(text.split('\n').filter((line) => !line.startsWith('  classDef')).join('\n')));
    assert.ok(text.length < 12_000, `${text.length} characters`);
  }
});

test('size is bounded whatever the model: 10 000 entries, megabyte labels', async () => {
  const huge = 'x'.repeat(1_000_000);
  const text = renderRouteDiagram(model({
    hops: [...Array.from({ length: 10_000 }, () => hop(`https://${huge}`, '|', { bridgeTo: huge, verdict: { state: 'unhealthy', latencyMs: 1, detail: huge } })), hop('direct', '')],
    privatePatterns: Array.from({ length: 10_000 }, () => huge),
    noSumdbPatterns: Array.from({ length: 10_000 }, () => huge),
    dropped: Array.from({ length: 10_000 }, () => ({ url: huge, verdict: HEALTHY })),
    checksum: { via: 'fails', name: huge, url: huge, throughHop: null, verdict: HEALTHY, reason: huge },
    servedCache: { url: huge },
  }));
  assert.ok(text.length < 16_000, `${text.length} characters`);
  await parseMermaid(text);
  assert.ok(mermaidText('😀'.repeat(1000)).length <= LABEL_TEXT_MAX);
  assert.equal(mermaidText('a"b', 120), 'a#34;b');
  assert.equal(mermaidText('abcdef', 4), 'abc…');
  assert.equal(mermaidText('a"', 4), 'a…', 'an entity is never cut in half');
});

test('random models: the chain has one edge per gap, and each edge says what falls through', async () => {
  const next = seededRandom(7);
  const separators: RouteSeparator[] = [',', '|'];
  for (let round = 0; round < 60; round++) {
    const count = 1 + Math.floor(next() * 12);
    const tail = ['direct', 'off', 'proxy'][Math.floor(next() * 3)]!;
    const hops: RouteHop[] = Array.from({ length: count }, (_, i) => hop(`https://p${i}.example`, separators[Math.floor(next() * 2)]!, next() < 0.2 ? { bridgeTo: `https://u${i}.example` } : {}));
    if (tail !== 'proxy') hops.push(hop(tail, ''));
    else hops[hops.length - 1] = { ...hops[hops.length - 1]!, separator: '' };
    const vias = ['direct', 'proxy', 'explicit-url', 'fails', 'off', 'not-probed', 'invalid'] as const;
    const via = vias[Math.floor(next() * vias.length)]!;
    const m = model({
      hops,
      privatePatterns: next() < 0.5 ? null : ['corp.example'],
      dropped: next() < 0.3 ? [{ url: 'https://dead.example', verdict: { state: 'unhealthy', latencyMs: 1, detail: 'refused' } }] : [],
      checksum: { via, name: 'sum.golang.org', url: 'https://sum.golang.org', throughHop: via === 'proxy' ? Math.floor(next() * hops.length) : null, verdict: HEALTHY, reason: 'why' },
      servedCache: next() < 0.3 ? { url: 'http://127.0.0.1:9/' } : null,
    });
    const chart = await parsed(m);
    const items = chainItems(hops.length);
    const exits = new Set([...chart.nodes.keys()].filter((id) => /^(hop|up|more)/.test(id)));
    const gaps = chart.edges.filter((edge) => exits.has(edge.from) && /^(hop|more)/.test(edge.to) && edge.label !== 'client certificate');
    assert.equal(gaps.length, items.length - 1, `round ${round}`);
    items.slice(0, -1).forEach((item, position) => {
      const lastHop = item.kind === 'hop' ? item.index : item.last;
      const expected = hops[lastHop]!.separator === '|' ? '| any error' : ', 404/410 only';
      assert.equal(gaps[position]?.label, expected, `round ${round}, gap ${position}`);
    });
    assert.equal(chart.nodes.has('stop'), tail === 'proxy', `round ${round}`);
  }
});

// --- The model, from what the main step has -----------------------------------------------------

test('buildRouteModel: verdicts matched to the exported entries, fallbacks marked, dropped entries listed', () => {
  const facts: RouteFacts = {
    goproxy: 'https://a.example|https://mirror.example|direct',
    gonoproxy: '',
    gonosumdb: '',
    gosumdb: sumdbConfig('sum.golang.org'),
    probe: {
      results: [
        probeResult('https://dead.example', { verdict: 'unhealthy', errorClass: 'refused' }),
        probeResult('https://a.example', { latencyMs: 9 }),
        probeResult('https://mirror.example', { role: 'fallback' }),
      ],
      sumdb: null,
      removed: ['https://dead.example'],
    },
  };
  const m = buildRouteModel(facts);
  assert.ok(m);
  assert.deepEqual(m.hops.map((h) => [h.kind, h.url, h.separator, h.verdict.state, h.addedByProbe]), [
    ['proxy', 'https://a.example', '|', 'healthy', false],
    ['proxy', 'https://mirror.example', '|', 'healthy', true],
    ['direct', 'direct', '', 'not-probed', false],
  ]);
  assert.deepEqual(m.dropped, [{ url: 'https://dead.example', verdict: { state: 'unhealthy', latencyMs: 40, detail: 'refused' } }]);
  assert.equal(m.privatePatterns, null, 'no GONOPROXY, no implicit noproxy');
});

test('buildRouteModel: GONOPROXY patterns only where go adds its implicit noproxy; GONOSUMDB unless GOSUMDB=off', () => {
  const base: RouteFacts = { goproxy: 'https://p.example', gonoproxy: 'corp.example,git.corp.example/', gonosumdb: 'corp.example', gosumdb: sumdbConfig('sum.golang.org'), probe: null };
  assert.deepEqual(buildRouteModel(base)?.privatePatterns, ['corp.example', 'git.corp.example']);
  assert.equal(buildRouteModel({ ...base, goproxy: 'direct' })?.privatePatterns, null, 'GOPROXY=direct: no noproxy entry');
  assert.equal(buildRouteModel({ ...base, gonoproxy: 'none' })?.privatePatterns, null, 'GONOPROXY=none matches no module');
  assert.deepEqual(buildRouteModel({ ...base, gonoproxy: 'none,corp.example' })?.privatePatterns, ['corp.example']);
  assert.deepEqual(buildRouteModel(base)?.noSumdbPatterns, ['corp.example']);
  assert.deepEqual(buildRouteModel({ ...base, gosumdb: sumdbConfig('off') })?.noSumdbPatterns, []);
  assert.equal(buildRouteModel({ ...base, gosumdb: sumdbConfig('off') })?.checksum.via, 'off');
  assert.equal(buildRouteModel({ ...base, gosumdb: null })?.checksum.via, 'invalid');
  assert.equal(buildRouteModel({ ...base, goproxy: 'ftp://nope' }), null, 'invalid GOPROXY: no route');
  assert.match(routeSection({ ...base, goproxy: 'ftp://nope' }).body, /GOPROXY is invalid/);
  // Not probed: the verdicts say so, the checksum route is only known for an explicit URL.
  const unprobed = buildRouteModel(base);
  assert.equal(unprobed?.hops[0]?.verdict.state, 'not-probed');
  assert.equal(unprobed?.checksum.via, 'not-probed');
  const explicit = buildRouteModel({ ...base, gosumdb: sumdbConfig('sum.golang.org https://sum.corp.example') });
  assert.deepEqual([explicit?.checksum.via, explicit?.checksum.url], ['explicit-url', 'https://sum.corp.example']);
});

test('buildRouteModel: the checksum route planned by the probe (through a proxy, direct, fails)', () => {
  const gosumdb = sumdbConfig('sum.golang.org');
  const goproxy = 'https://a.example,https://b.example|direct';
  const list = parseProxyList(goproxy, '');
  assert.ok(list.ok);
  const facts = (answers: Record<string, 'ok' | 'not-found' | 'error'>, probeOk: boolean): RouteFacts => ({
    goproxy,
    gonoproxy: '',
    gonosumdb: '',
    gosumdb,
    probe: {
      results: [],
      removed: [],
      sumdb: {
        route: planSumdbRoute(gosumdb, list, (url) => answers[url] ?? 'not-found'),
        probe: { baseUrl: 'x', ok: probeOk, status: probeOk ? 200 : 502, errorClass: probeOk ? null : 'http-5xx', latencyMs: 7, message: '', fix: null },
      },
    },
  });
  const viaB = buildRouteModel(facts({ 'https://b.example': 'ok' }, true))?.checksum;
  assert.deepEqual([viaB?.via, viaB?.throughHop, viaB?.url, viaB?.verdict.state], ['proxy', 1, 'https://b.example/sumdb/sum.golang.org', 'healthy']);
  const direct = buildRouteModel(facts({}, false))?.checksum;
  assert.deepEqual([direct?.via, direct?.url, direct?.verdict.state, direct?.verdict.detail], ['direct', 'https://sum.golang.org', 'unhealthy', 'http-5xx']);
  const fails = buildRouteModel(facts({ 'https://a.example': 'error' }, true))?.checksum;
  assert.equal(fails?.via, 'fails');
  assert.match(fails?.reason ?? '', /a\.example/);
});

test('buildRouteModel: loopback bridge by entry index, served cache; credentials redacted in the model', () => {
  const m = buildRouteModel({
    goproxy: 'https://p.example|http://127.0.0.1:4711/1/|direct',
    gonoproxy: '',
    gonosumdb: '',
    gosumdb: sumdbConfig('off'),
    probe: null,
    loopback: { bridged: [{ index: 1, upstream: 'https://ci:hunter2-secret@athens.corp.example' }, { index: 2, upstream: 'ignored: direct is no URL' }], servedCache: { url: 'http://127.0.0.1:4711/cache/' } },
  });
  assert.deepEqual(m?.hops.map((h) => h.bridgeTo), [null, 'https://***@athens.corp.example', null]);
  assert.deepEqual(m?.servedCache, { url: 'http://127.0.0.1:4711/cache/' });
  assert.ok(!JSON.stringify(m).includes('hunter2'));
});

test('credentials anywhere in a hand-made model never reach the diagram', () => {
  const secret = 'pa55-w0rd-XYZ';
  const url = `https://bob:${secret}@corp.example/go`;
  const text = routeSummaryBody(model({
    hops: [hop(url, '|', { bridgeTo: url }), hop(url, '')],
    dropped: [{ url, verdict: HEALTHY }],
    checksum: { via: 'explicit-url', name: 'sum.golang.org', url, throughHop: null, verdict: HEALTHY, reason: null },
    servedCache: { url },
  }));
  assert.ok(!text.includes(secret) && !text.includes('bob'));
  assert.match(text, /https:\/\/\*\*\*@corp\.example\/go/);
});

// --- The README shows one, from the code ----------------------------------------------------------

const README_START = '<!-- route-example:start (generated from __tests__/fixtures/routeExample.ts) -->';
const README_END = '<!-- route-example:end -->';

test('the README shows the diagram the code draws for the example job', async () => {
  const body = routeSection(exampleRouteFacts()).body;
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  assert.ok(start >= 0 && end > start, 'README has the route example markers');
  const shown = readme.slice(start + README_START.length, end).trim();
  if (process.env['UPDATE_README'] === '1' && shown !== body.trim()) {
    writeFileSync('README.md', `${readme.slice(0, start + README_START.length)}\n${body.trim()}\n${readme.slice(end)}`);
    return;
  }
  assert.equal(shown, body.trim(), 'README route example is stale: rerun this test with UPDATE_README=1');
  const chart = await parseFlowchart(body.slice(body.indexOf('flowchart'), body.lastIndexOf('```')));
  assert.deepEqual(node(chart, 'up0'), ['https://athens.corp.example', '✅ healthy · 38 ms']);
  assert.deepEqual(node(chart, 'dropped'), ['dropped by the probe', 'https://goproxy-old.corp.example · ❌ unhealthy · headers-timeout']);
  assert.ok(chart.edges.some((edge) => edge.from === 'hop1' && edge.to === 'sumdb'));
});
