import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkVerifierKey, decodeStdBase64, parseGosumdb, planSumdbRoute } from '../src/go/gosumdb.js';
import { parseProxyList, type ProxyListParse } from '../src/go/proxyList.js';

function list(value: string, gonoproxy = ''): ProxyListParse & { ok: true } {
  const parsed = parseProxyList(value, gonoproxy);
  assert.ok(parsed.ok);
  return parsed;
}

test('known name, alias and explicit URL', () => {
  const known = parseGosumdb('sum.golang.org');
  assert.ok(known.ok && known.config.kind === 'db');
  assert.equal(known.config.verifierKey, 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8');
  assert.deepEqual(parseGosumdb('sum.golang.google.cn'), {
    ok: true,
    config: { kind: 'db', name: 'sum.golang.org', verifierKey: 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8', url: 'https://sum.golang.google.cn' },
  });
  assert.deepEqual(parseGosumdb(' off'), { ok: false, error: 'invalid GOSUMDB: malformed verifier id' });
});

test('strict-enough base64', () => {
  assert.deepEqual([...(decodeStdBase64('AQ==') ?? [])], [1]);
  assert.equal(decodeStdBase64('AQ='), null);
  assert.equal(decodeStdBase64('A==='), null);
  assert.equal(decodeStdBase64('AQ==AQ=='), null);
  assert.equal(checkVerifierKey('a+00000000+').ok, false);
});

test('routing: noproxy skipped, direct ends the walk, 200 routes through the proxy', () => {
  const asked: string[] = [];
  const route = planSumdbRoute({ kind: 'db', name: 'sum.golang.org', verifierKey: '', url: null }, list('https://a.example/,https://b.example|direct', 'corp.example'), (p) => {
    asked.push(p);
    return p === 'https://b.example' ? 'ok' : 'not-found';
  });
  assert.deepEqual(asked, ['https://a.example/', 'https://b.example']);
  assert.equal(route.via, 'proxy');
  assert.equal(route.baseUrl, 'https://b.example/sumdb/sum.golang.org');
  const direct = planSumdbRoute({ kind: 'db', name: 'sum.golang.org', verifierKey: '', url: null }, list('off'), () => 'error');
  assert.deepEqual(direct, { via: 'direct', baseUrl: 'https://sum.golang.org', proxiesAsked: [], reason: direct.reason });
});
