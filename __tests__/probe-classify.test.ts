// Pure classification: error facts -> ErrorClass, statuses and body sniffing,
// messages/fixes, redaction.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  classifyFailure,
  classifyResponse,
  errorClassOfFacts,
  errorFacts,
  redactText,
  redactUrl,
  sniffNotProtocol,
} from '../src/probe/classify.js';
import type { ClassifyContext, ErrorClass } from '../src/probe/classify.js';

const direct: ClassifyContext = { url: 'https://proxy.example.com/golang.org/x/mod/@v/list', host: 'proxy.example.com', endpoint: 'module-list', viaProxy: null, proxyVariable: null };
const viaProxy: ClassifyContext = { ...direct, viaProxy: 'http://squid.corp:3128', proxyVariable: 'HTTPS_PROXY' };

function codedError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('errorFacts / errorClassOfFacts', () => {
  const cases: Array<[unknown, ErrorClass]> = [
    [codedError('ENOTFOUND', 'getaddrinfo ENOTFOUND x'), 'dns'],
    [codedError('EAI_AGAIN'), 'dns'],
    [codedError('ECONNREFUSED'), 'refused'],
    [new AggregateError([codedError('ECONNREFUSED'), codedError('ECONNREFUSED')], 'connect failed'), 'refused'],
    [codedError('UND_ERR_CONNECT_TIMEOUT'), 'connect-timeout'],
    [codedError('UND_ERR_HEADERS_TIMEOUT'), 'headers-timeout'],
    [codedError('UND_ERR_BODY_TIMEOUT'), 'body-timeout'],
    [codedError('ECONNRESET'), 'reset'],
    [codedError('UND_ERR_SOCKET', 'other side closed'), 'reset'],
    [codedError('DEPTH_ZERO_SELF_SIGNED_CERT'), 'tls-unknown-ca'],
    [codedError('SELF_SIGNED_CERT_IN_CHAIN'), 'tls-unknown-ca'],
    [codedError('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 'tls-unknown-ca'],
    [codedError('UNABLE_TO_GET_ISSUER_CERT_LOCALLY'), 'tls-unknown-ca'],
    [codedError('CERT_HAS_EXPIRED'), 'tls-expired'],
    [codedError('CERT_NOT_YET_VALID'), 'tls-expired'],
    [codedError('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"), 'tls-hostname'],
    [codedError('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number'), 'tls-other'],
    [codedError('UND_ERR_ABORTED', 'Proxy response (403) !== 200 when HTTP Tunneling'), 'proxy-connect'],
    [codedError('UND_ERR_INVALID_ARG', 'Proxy Authentication Required (407)'), 'proxy-connect'],
    [codedError('PROBE_PROXY_UNSUPPORTED', 'unsupported forward proxy scheme'), 'proxy-connect'],
    // undici wraps a https:// forward proxy's TLS error; the inner code decides.
    [Object.assign(new Error('secure proxy connection failed', { cause: codedError('CERT_HAS_EXPIRED') }), { code: 'UND_ERR_PRX_TLS' }), 'tls-expired'],
    [new Error('something odd'), 'reset'],
    ['a string was thrown', 'reset'],
  ];
  for (const [error, expected] of cases) {
    it(`${error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}` : String(error)} -> ${expected}`, () => {
      assert.equal(errorClassOfFacts(errorFacts(error)).errorClass, expected);
    });
  }

  it('reads the CONNECT status out of undici\'s message', () => {
    const outcome = errorClassOfFacts(errorFacts(codedError('UND_ERR_ABORTED', 'Proxy response (502) !== 200 when HTTP Tunneling')));
    assert.equal(outcome.proxyStatus, 502);
  });

  it('survives cyclic causes', () => {
    const a: Error & { cause?: unknown } = new Error('a');
    const b: Error & { cause?: unknown } = new Error('b', { cause: a });
    a.cause = b;
    assert.equal(errorFacts(a).messages.length, 2);
  });
});

describe('classifyFailure', () => {
  it('the unknown-CA fix names SSL_CERT_FILE, SSL_CERT_DIR, NODE_EXTRA_CA_CERTS and TLS inspection', () => {
    const result = classifyFailure({ kind: 'error', facts: errorFacts(codedError('UNABLE_TO_GET_ISSUER_CERT_LOCALLY')) }, direct);
    assert.equal(result.verdict, 'unhealthy');
    for (const word of ['SSL_CERT_FILE', 'SSL_CERT_DIR', 'NODE_EXTRA_CA_CERTS', 'TLS-inspecting']) assert.ok(result.fix?.includes(word), word);
  });

  it('refused through a forward proxy blames the proxy and its variable', () => {
    const result = classifyFailure({ kind: 'error', facts: errorFacts(codedError('ECONNREFUSED')) }, viaProxy);
    assert.match(result.message, /forward proxy refused/);
    assert.match(result.fix ?? '', /HTTPS_PROXY/);
    assert.match(result.fix ?? '', /NO_PROXY/);
  });

  it('a proxy 407 asks for proxy credentials', () => {
    const result = classifyFailure({ kind: 'error', facts: errorFacts(codedError('X', 'Proxy response (407) !== 200 when HTTP Tunneling')) }, viaProxy);
    assert.equal(result.errorClass, 'proxy-connect');
    assert.match(result.fix ?? '', /user:password@proxy/);
  });

  it('timeouts by phase', () => {
    assert.equal(classifyFailure({ kind: 'timeout', phase: 'connect', afterMs: 5000 }, direct).errorClass, 'connect-timeout');
    const headers = classifyFailure({ kind: 'timeout', phase: 'headers', afterMs: 2500 }, direct);
    assert.equal(headers.errorClass, 'headers-timeout');
    assert.match(headers.message, /2\.5s/);
    assert.match(headers.fix ?? '', /neither "," nor "\|"/);
    assert.equal(classifyFailure({ kind: 'timeout', phase: 'body', afterMs: 1 }, direct).errorClass, 'body-timeout');
  });

  it('other failures', () => {
    assert.equal(classifyFailure({ kind: 'budget-exhausted' }, direct).errorClass, 'budget-exhausted');
    assert.equal(classifyFailure({ kind: 'redirect-loop', redirects: 10 }, direct).errorClass, 'redirect-loop');
    assert.equal(classifyFailure({ kind: 'redirect-insecure', from: 'https://a', to: 'http://a' }, direct).errorClass, 'redirect-insecure');
    assert.equal(classifyFailure({ kind: 'insecure-credentials' }, direct).errorClass, 'insecure-credentials');
    assert.equal(classifyFailure({ kind: 'file-missing', path: '/x', reason: 'directory does not exist' }, direct).errorClass, 'file-missing');
    assert.equal(classifyFailure({ kind: 'file-unreadable', path: '/x', reason: 'EACCES' }, direct).errorClass, 'file-unreadable');
  });

  it('messages and fixes are one line', () => {
    const result = classifyFailure({ kind: 'error', facts: errorFacts(new Error('line one\nline two')) }, direct);
    assert.ok(!result.message.includes('\n'));
    assert.ok(!(result.fix ?? '').includes('\n'));
  });
});

describe('classifyResponse', () => {
  it('maps statuses to verdicts', () => {
    const table: Array<[number, string, ErrorClass | null]> = [
      [200, 'healthy', null],
      [404, 'healthy', null],
      [410, 'healthy', null],
      [401, 'refused', 'http-401'],
      [403, 'refused', 'http-403'],
      [407, 'unhealthy', 'proxy-connect'],
      [500, 'unhealthy', 'http-5xx'],
      [503, 'unhealthy', 'http-5xx'],
      [400, 'unhealthy', 'http-other'],
      [429, 'unhealthy', 'http-other'],
      [302, 'unhealthy', 'http-other'],
    ];
    for (const [status, verdict, errorClass] of table) {
      const result = classifyResponse(status, 'text/plain', 'v1.0.0\n', direct);
      assert.equal(result.verdict, verdict, String(status));
      assert.equal(result.errorClass, errorClass, String(status));
    }
  });

  it('403 on a sumdb endpoint hints GONOSUMDB/GOPRIVATE, elsewhere it does not', () => {
    assert.match(classifyResponse(403, null, '', { ...direct, endpoint: 'sumdb-supported' }).fix ?? '', /GONOSUMDB.*GOPRIVATE/);
    assert.doesNotMatch(classifyResponse(403, null, '', direct).fix ?? '', /GONOSUMDB/);
  });

  it('404 means different things per endpoint', () => {
    assert.equal(classifyResponse(404, null, '', { ...direct, endpoint: 'sumdb-supported' }).verdict, 'healthy');
    assert.equal(classifyResponse(404, null, '', { ...direct, endpoint: 'sumdb-latest' }).verdict, 'unhealthy');
    assert.equal(classifyResponse(410, null, '', { ...direct, endpoint: 'sumdb-lookup' }).verdict, 'unhealthy');
  });

  it('quotes a redacted text/plain server response line', () => {
    const result = classifyResponse(500, 'text/plain', 'upstream https://u:pw@x.example failed with s3cret\nmore', direct, ['s3cret']);
    assert.match(result.message, /server response: upstream https:\/\/\*\*\*@x\.example failed with \*\*\*/);
    assert.doesNotMatch(result.message, /more/);
    assert.doesNotMatch(classifyResponse(500, 'text/html', '<html>', direct).message, /server response/);
  });
});

describe('sniffNotProtocol', () => {
  it('version lists', () => {
    assert.equal(sniffNotProtocol('module-list', 'text/plain', ''), null);
    assert.equal(sniffNotProtocol('module-list', 'text/plain', 'v1.0.0\nv1.1.0 2024-01-01T00:00:00Z\n\n'), null);
    assert.match(sniffNotProtocol('module-list', 'application/json', '{"a":1}') ?? '', /not a version list/);
    assert.match(sniffNotProtocol('module-list', null, '  <!DOCTYPE html><html>') ?? '', /HTML/);
    assert.match(sniffNotProtocol('module-list', 'text/html; charset=utf-8', 'v1.0.0') ?? '', /HTML/);
  });

  it('.info must be JSON with Version', () => {
    assert.equal(sniffNotProtocol('module-info', 'application/json', '{"Version":"v1.0.0","Time":"2024-01-01T00:00:00Z"}'), null);
    assert.match(sniffNotProtocol('module-info', 'application/json', '{"version":"v1"}') ?? '', /Version/);
    assert.match(sniffNotProtocol('module-info', 'text/plain', 'v1.0.0') ?? '', /not JSON/);
  });

  it('sumdb endpoints', () => {
    assert.equal(sniffNotProtocol('sumdb-supported', 'text/plain', 'anything'), null);
    assert.equal(sniffNotProtocol('sumdb-latest', 'text/plain', 'go.sum database tree\n12\nabc=\n\n\u2014 sum.golang.org sig\n'), null);
    assert.notEqual(sniffNotProtocol('sumdb-latest', 'text/plain', 'ok'), null);
  });
});

describe('redaction', () => {
  it('redactUrl hides the whole userinfo', () => {
    assert.equal(redactUrl('https://user:pw@host/p'), 'https://***@host/p');
    assert.equal(redactUrl('https://token@host'), 'https://***@host');
    assert.equal(redactUrl('https://host/p@v1'), 'https://host/p@v1');
    assert.equal(redactUrl('file:///srv/x'), 'file:///srv/x');
  });

  it('redactText removes userinfo and secrets but ignores tiny ones', () => {
    assert.equal(redactText('GET http://a:b@h/ with tok3n', ['tok3n', 'x']), 'GET http://***@h/ with ***');
  });
});
