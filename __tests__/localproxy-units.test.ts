// The loopback proxy's pure parts: request routing, the cache file mapping, the config file, the
// bridge plan, the certificate inputs, the bridge's error answer as the probe reads it back, the
// state, and the platform-specific process handling (injected platforms).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { routeRequest, unsafePathReason, upstreamTarget } from '../src/localproxy/routes.js';
import { lookupCacheFile } from '../src/localproxy/cacheFiles.js';
import { ConfigError, parseLocalProxyConfig, networkEnvOf } from '../src/localproxy/config.js';
import { httpsHosts, planBridge, rewriteGoproxy } from '../src/localproxy/plan.js';
import { parseLocalProxyInputs, pemSecretLines } from '../src/localproxy/inputs.js';
import { bridgeErrorAnswer } from '../src/localproxy/bridgeError.js';
import { classifyFailure, classifyResponse, errorClassOfFacts } from '../src/probe/classify.js';
import { proxyEnvironment, proxySpawnOptions, readyLine } from '../src/localproxy/launch.js';
import { decodeLocalProxyState, encodeLocalProxyState } from '../src/localproxy/state.js';
import { describeStats, processTools } from '../src/localproxy/stop.js';
import { rawPathOf } from '../src/localproxy/upstream.js';
import { localProxySummary } from '../src/localproxy/phase.js';
import { loopbackRouteOf } from '../src/localproxy/routeView.js';
import { InputError } from '../src/config/inputValues.js';
import { makeTlsFixtures, type TlsFixtures } from './fixtures/tls.js';
import { makeClientCertificates, type ClientCertificates } from './fixtures/clientCerts.js';
import { launchConfig, TEST_TOKEN } from './helpers/localProxy.js';

describe('request routing', () => {
  const options = { token: TEST_TOKEN, upstreams: 2 };

  test('bridge, control, cache and rejects', () => {
    assert.deepEqual(routeRequest('GET', '/1/github.com/!azure/x/@v/list', options), { kind: 'bridge', index: 1, rest: '/github.com/!azure/x/@v/list' });
    assert.deepEqual(routeRequest('GET', '/2/sumdb/sum.golang.org/supported', options), { kind: 'bridge', index: 2, rest: '/sumdb/sum.golang.org/supported' });
    assert.deepEqual(routeRequest('GET', '/2?x=1', options), { kind: 'bridge', index: 2, rest: '/?x=1' });
    assert.equal(routeRequest('GET', '/3/x', options).kind, 'reject');
    assert.deepEqual(routeRequest('GET', `/_setup-goproxy/${TEST_TOKEN}/stats`, options), { kind: 'control', verb: 'stats' });
    assert.deepEqual(routeRequest('POST', `/_setup-goproxy/${TEST_TOKEN}/stop`, options), { kind: 'control', verb: 'stop' });
    // A wrong token looks like nothing at all.
    assert.deepEqual(routeRequest('POST', `/_setup-goproxy/${'b'.repeat(48)}/stop`, options), { kind: 'reject', status: 404, reason: 'not found' });
    assert.deepEqual(routeRequest('GET', `/_setup-goproxy/${TEST_TOKEN}/stop`, options), { kind: 'reject', status: 405, reason: 'method not allowed' });
    assert.deepEqual(routeRequest('GET', '/example.com/m/@v/v1.0.0.zip', options), { kind: 'cache', path: '/example.com/m/@v/v1.0.0.zip', query: '' });
    assert.equal(routeRequest('POST', '/1/x', options).kind, 'reject');
    const forward = routeRequest('GET', 'http://example.com/', options);
    assert.equal(forward.kind === 'reject' && forward.status, 400);
  });

  test('paths that would climb out of the base path or the cache are refused', () => {
    for (const bad of ['/1/../admin', '/1/%2e%2E/admin', '/1/a/./b', '/x%2fy', '/x\\y', '/a/%5c/b', '/a%00']) {
      assert.notEqual(unsafePathReason(bad), null, bad);
      const route = routeRequest('GET', bad, options);
      assert.equal(route.kind, 'reject', bad);
    }
    assert.equal(unsafePathReason('/github.com/x/@v/v1.0.0+incompatible.info'), null);
  });

  test('the upstream URL keeps the base path and the escaping as sent', () => {
    assert.equal(upstreamTarget('https://corp.example/api/go/virtual/', '/github.com/!azure/x/@v/v1.0.0+incompatible.info'), 'https://corp.example/api/go/virtual/github.com/!azure/x/@v/v1.0.0+incompatible.info');
    assert.equal(upstreamTarget('https://corp.example:8443', '/x/@v/list?go=1'), 'https://corp.example:8443/x/@v/list?go=1');
    assert.equal(rawPathOf('https://u:p@corp.example:8443/a/%21b?q#frag'), '/a/%21b?q');
    assert.equal(rawPathOf('https://corp.example'), '/');
  });
});

describe('cache file mapping', () => {
  test('the four protocol files, case-escaped, and nothing else', () => {
    assert.deepEqual(lookupCacheFile('/github.com/!azure/go-x/@v/v1.2.3.zip'), { kind: 'file', segments: ['github.com', '!azure', 'go-x', '@v', 'v1.2.3.zip'], contentType: 'application/zip', modulePath: 'github.com/Azure/go-x' });
    assert.equal(lookupCacheFile('/example.com/m/@v/list').kind, 'file');
    assert.equal((lookupCacheFile('/example.com/m/@v/v1.0.0.info') as { contentType: string }).contentType, 'application/json');
    assert.deepEqual(lookupCacheFile('/example.com/m/@latest'), { kind: 'fallthrough', modulePath: 'example.com/m' });
    assert.deepEqual(lookupCacheFile('/sumdb/sum.golang.org/supported'), { kind: 'sumdb' });
    for (const bad of ['/example.com/m/@v/v1.0.0.ziphash', '/example.com/m/@v/v1.0.0.lock', '/example.com/M/@v/list', '/nodot/@v/list', '/example.com/m/@v/.info', '/example.com/m', '/example.com/m/@v/v1!X.zip', '/example.com/m/@v/v1.0.0!.zip']) {
      assert.equal(lookupCacheFile(bad).kind, 'invalid', bad);
    }
  });
});

describe('config file', () => {
  const good = { version: 1, token: TEST_TOKEN, logFile: '/tmp/x.log', ...launchConfig({ upstreams: [{ index: 1, url: 'https://corp.example/go' }], clientCertificate: { cert: 'C', key: 'SECRET-KEY-TEXT' } }) };

  test('round trip', () => {
    assert.deepEqual(parseLocalProxyConfig(JSON.stringify(good)), good);
  });

  test('errors never quote a value', () => {
    const cases = [
      { ...good, token: 'SECRET-KEY-TEXT' },
      { ...good, clientCertificate: { cert: 'C', key: 42 } },
      { ...good, upstreams: [{ index: 2, url: 'https://SECRET-KEY-TEXT' }] },
      { ...good, version: 2 },
    ];
    for (const bad of cases) {
      assert.throws(() => parseLocalProxyConfig(JSON.stringify(bad)), (error: unknown) => error instanceof ConfigError && !error.message.includes('SECRET-KEY-TEXT'));
    }
    assert.throws(() => parseLocalProxyConfig('{'), ConfigError);
  });

  test('only the network variables are taken from the environment', () => {
    assert.deepEqual(networkEnvOf({ HTTPS_PROXY: 'http://p:3128', NO_PROXY: '', SSL_CERT_FILE: '/ca.pem', 'INPUT_CLIENT-KEY': 'k', GITHUB_TOKEN: 't' }), { HTTPS_PROXY: 'http://p:3128', SSL_CERT_FILE: '/ca.pem' });
  });
});

describe('bridge plan', () => {
  test('default: every https entry but the public proxy, separators kept', () => {
    const plan = planBridge('https://corp.example/go|https://proxy.golang.org,https://mirror.corp.example,direct', '', [], 'linux');
    assert.ok(plan !== null);
    assert.deepEqual(plan.upstreams, [{ index: 1, url: 'https://corp.example/go' }, { index: 2, url: 'https://mirror.corp.example' }]);
    assert.equal(rewriteGoproxy(plan, 4711), 'http://127.0.0.1:4711/1|https://proxy.golang.org,http://127.0.0.1:4711/2,direct');
  });

  test('scheme-less entries get https:// and are bridged; http and file entries never are', () => {
    const plan = planBridge('corp.example/go,http://plain.example,file:///cache,off', '', [], 'linux');
    assert.deepEqual(plan?.upstreams, [{ index: 1, url: 'https://corp.example/go' }]);
    assert.equal(rewriteGoproxy(plan!, 1), 'http://127.0.0.1:1/1,http://plain.example,file:///cache,off');
    assert.equal(planBridge('https://proxy.golang.org,direct', '', [], 'linux'), null);
    assert.equal(planBridge('not a url,', '', [], 'linux'), null);
  });

  test('client-certificate-proxies picks entries by URL or host[:port]', () => {
    const goproxy = 'https://a.example/go,https://b.example:8443,https://proxy.golang.org';
    assert.deepEqual(planBridge(goproxy, '', ['b.example:8443'], 'linux')?.upstreams, [{ index: 1, url: 'https://b.example:8443' }]);
    assert.deepEqual(planBridge(goproxy, '', ['a.example/go/', 'https://proxy.golang.org'], 'linux')?.upstreams.map((u) => u.url), ['https://a.example/go', 'https://proxy.golang.org']);
    assert.throws(() => planBridge(goproxy, '', ['c.example'], 'linux'), (error: unknown) => error instanceof InputError && /client-certificate-proxies/.test(error.message) && /https:\/\/a\.example\/go/.test(error.message));
    assert.throws(() => planBridge('http://plain.example,direct', '', ['plain.example'], 'linux'), /not https/);
  });

  test('the hosts whose .netrc lines the proxy gets', () => {
    assert.deepEqual([...httpsHosts(['https://A.example/go,http://b.example', 'https://c.example:8443'])], ['a.example', 'c.example:8443']);
  });
});

describe('certificate inputs', () => {
  let tls: TlsFixtures;
  let certs: ClientCertificates;
  before(async () => {
    tls = await makeTlsFixtures();
    certs = await makeClientCertificates(tls);
  });
  after(() => tls.cleanup());
  const raw = (overrides: Partial<{ clientCertificate: string; clientKey: string; clientCertificateProxies: string; serveModules: string }>) => ({ clientCertificate: '', clientKey: '', clientCertificateProxies: '', serveModules: '', ...overrides });
  const keyBody = (pem: string): string => pem.split('\n').filter((line) => !line.startsWith('-----') && line !== '').join('');

  test('a good pair, even pasted with CRLF and indentation', () => {
    const crlf = (text: string): string => text.split('\n').map((line) => `  ${line}`).join('\r\n');
    const parsed = parseLocalProxyInputs(raw({ clientCertificate: crlf(certs.client.cert + tls.ca.cert), clientKey: crlf(certs.client.key), clientCertificateProxies: 'a.example\nb.example', serveModules: 'true' }));
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.inputs.serveModules, true);
    assert.deepEqual(parsed.inputs.certificateProxies, ['a.example', 'b.example']);
    assert.equal((parsed.inputs.clientCertificate?.cert.match(/BEGIN CERTIFICATE/g) ?? []).length, 2);
    assert.match(parsed.inputs.certificate?.subject ?? '', /CN=client/);
  });

  test('a key that is not the certificate\'s is a clear input error that never quotes the key', () => {
    for (const clientKey of [certs.otherKey, certs.selfSigned.key]) {
      assert.throws(
        () => parseLocalProxyInputs(raw({ clientCertificate: certs.client.cert, clientKey })),
        (error: unknown) => error instanceof InputError && error.input === 'client-key' && /not the private key of the certificate/.test(error.message) && /CN=client/.test(error.message) && !error.message.includes(keyBody(clientKey).slice(0, 20)),
      );
    }
  });

  test('unreadable, encrypted or missing keys and certificates', () => {
    const broken = certs.client.key.replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!!!!!!!');
    const cases: Array<[Partial<Parameters<typeof raw>[0]>, string, RegExp]> = [
      [{ clientCertificate: certs.client.cert, clientKey: broken }, 'client-key', /cannot be read/],
      [{ clientCertificate: certs.client.cert, clientKey: '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----' }, 'client-key', /encrypted/],
      [{ clientCertificate: certs.client.cert, clientKey: 'just-a-token-value' }, 'client-key', /not a PEM private key/],
      [{ clientCertificate: certs.client.cert }, 'client-key', /client-key is empty/],
      [{ clientKey: certs.client.key }, 'client-certificate', /client-certificate is empty/],
      [{ clientCertificate: '/home/runner/client.pem', clientKey: certs.client.key }, 'client-certificate', /a path is not read/],
      [{ clientCertificateProxies: 'corp.example' }, 'client-certificate-proxies', /needs client-certificate/],
      [{ serveModules: 'yes' }, 'serve-modules', /true or false/],
    ];
    for (const [given, input, reason] of cases) {
      assert.throws(() => parseLocalProxyInputs(raw(given)), (error: unknown) => error instanceof InputError && error.input === input && reason.test(error.message) && !error.message.includes(keyBody(certs.client.key).slice(0, 20)), `${input} ${reason}`);
    }
  });

  test('an expired certificate is an error, one not made for clients a warning', () => {
    const expired = parseLocalProxyInputs(raw({ clientCertificate: certs.expired.cert, clientKey: certs.expired.key }));
    assert.deepEqual(expired.problems.map((p) => [p.code, p.severity]), [['CLIENT_CERTIFICATE_EXPIRED', 'error']]);
    const serverOnly = parseLocalProxyInputs(raw({ clientCertificate: certs.serverOnly.cert, clientKey: certs.serverOnly.key }));
    assert.deepEqual(serverOnly.problems.map((p) => [p.code, p.severity]), [['CLIENT_CERTIFICATE_NOT_FOR_CLIENTS', 'warning']]);
  });

  test('every line of the key body is registered as a secret', () => {
    const lines = pemSecretLines(certs.client.key.replace(/\n/g, '\r\n'));
    for (const line of certs.client.key.split('\n').filter((l) => l.length >= 8 && !l.startsWith('-----'))) assert.ok(lines.includes(line), line);
  });

  test('no registered key secret is a short or multi-line string that would mask ordinary log text', () => {
    const key = `-----BEGIN PRIVATE KEY-----\n${'A'.repeat(64)}\n${'B'.repeat(64)}\nQ==\n-----END PRIVATE KEY-----\n`;
    assert.deepEqual(pemSecretLines(key), ['A'.repeat(64), 'B'.repeat(64)]);
  });
});

describe('the bridge\'s error answer and the probe', () => {
  const context = { url: 'http://127.0.0.1:4711/1', host: '127.0.0.1:4711', endpoint: 'module-info' as const, viaProxy: null, proxyVariable: null };

  test('the probe reads the class, message and fix back', () => {
    const upstream = classifyFailure({ kind: 'error', facts: { codes: ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED'], names: ['Error'], messages: ['tlsv13 alert certificate required'] } }, { ...context, url: 'https://corp.example/go', host: 'corp.example' });
    assert.equal(upstream.errorClass, 'tls-client-cert-required');
    assert.match(upstream.fix ?? '', /client-certificate and client-key/);
    assert.match(upstream.fix ?? '', /client-certificate-proxies/);
    const answer = bridgeErrorAnswer(upstream);
    assert.equal(answer.status, 502);
    const probed = classifyResponse(answer.status, 'text/plain; charset=utf-8', answer.body, context);
    assert.equal(probed.errorClass, 'tls-client-cert-required');
    assert.equal(probed.verdict, 'unhealthy');
    assert.match(probed.message, /^http:\/\/127\.0\.0\.1:4711\/1: through the action's loopback bridge: https:\/\/corp\.example\/go: the server requires a TLS client certificate/);
    assert.equal(probed.fix, upstream.fix);
  });

  test('timeouts are 504; an upstream 502 of its own stays a plain 5xx', () => {
    assert.equal(bridgeErrorAnswer({ errorClass: 'headers-timeout', message: 'm', fix: null }).status, 504);
    assert.equal(classifyResponse(504, 'text/plain', bridgeErrorAnswer({ errorClass: 'headers-timeout', message: 'm', fix: null }).body, context).errorClass, 'headers-timeout');
    assert.equal(classifyResponse(502, 'text/plain', 'Bad Gateway\n', context).errorClass, 'http-5xx');
    assert.equal(classifyResponse(502, 'text/plain', 'setup-goproxy bridge [no-such-class]: x\n', context).errorClass, 'http-5xx');
  });

  test('nginx\'s 400 pages for a missing or refused client certificate are the new class', () => {
    const page = (text: string): string => `<html>\r\n<head><title>400 ${text}</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>${text}</center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
    const missing = classifyResponse(400, 'text/html', page('No required SSL certificate was sent'), context);
    assert.equal(missing.errorClass, 'tls-client-cert-required');
    assert.match(missing.fix ?? '', /client-certificate and client-key/);
    const refused = classifyResponse(400, 'text/html', page('The SSL certificate error'), context);
    assert.equal(refused.errorClass, 'tls-client-cert-required');
    assert.match(refused.message, /refused the TLS client certificate/);
    assert.equal(classifyResponse(400, 'text/html', page('Bad Request'), context).errorClass, 'http-other');
  });

  test('each client-certificate alert is the new class; a TLS 1.2 handshake failure mentions the inputs', () => {
    for (const code of ['ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED']) {
      assert.equal(errorClassOfFacts({ codes: [code], names: [], messages: [] }).errorClass, 'tls-client-cert-required', code);
    }
    const handshake = classifyFailure({ kind: 'error', facts: { codes: ['ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE'], names: [], messages: ['sslv3 alert handshake failure'] } }, context);
    assert.equal(handshake.errorClass, 'tls-other');
    assert.match(handshake.fix ?? '', /client-certificate and client-key/);
  });
});

describe('process handling on each platform', () => {
  test('the proxy inherits only what node needs, with Windows spellings', () => {
    const env = { Path: 'C:\\Windows', SYSTEMROOT: 'C:\\Windows', 'INPUT_CLIENT-KEY': 'KEY', ACTIONS_RUNTIME_TOKEN: 'T', RUNNER_TRACKING_ID: 'github_1', HTTPS_PROXY: 'http://u:p@proxy:3128', USERPROFILE: 'C:\\Users\\runner' };
    assert.deepEqual(proxyEnvironment(env), { Path: 'C:\\Windows', SYSTEMROOT: 'C:\\Windows', RUNNER_TRACKING_ID: 'github_1', USERPROFILE: 'C:\\Users\\runner' });
    const windows = proxySpawnOptions('win32', env, 'C:\\runner\\_temp', 7);
    assert.equal(windows.detached, true);
    assert.equal(windows.windowsHide, true);
    assert.deepEqual(windows.stdio, ['ignore', 'pipe', 7]);
    const mac = proxySpawnOptions('darwin', { PATH: '/usr/bin', HOME: '/Users/runner' }, '/private/var/folders/x', 7);
    assert.equal(mac.detached, true);
    assert.equal('windowsHide' in mac, false);
    assert.deepEqual(mac.env, { PATH: '/usr/bin', HOME: '/Users/runner' });
  });

  test('the ready line', () => {
    assert.deepEqual(readyLine('setup-goproxy-proxy ready port=4711'), { port: 4711 });
    assert.deepEqual(readyLine('setup-goproxy-proxy failed: 127.0.0.1:80 is in use'), { failed: '127.0.0.1:80 is in use' });
    assert.ok('failed' in (readyLine('setup-goproxy-proxy ready port=99999') ?? {}));
    assert.equal(readyLine('(node:1) Warning: something'), null);
  });

  test('a process\'s command line is read the way each platform allows', async () => {
    const calls: string[][] = [];
    const exec = async (file: string, args: string[]) => {
      calls.push([file, ...args]);
      return { stdout: `  node C:\\a\\dist\\proxy.js C:\\runner\\_temp\\setup-goproxy-proxy-x\\config.json\r\n` };
    };
    assert.match((await processTools('win32', exec).commandLine(42)) ?? '', /config\.json$/);
    assert.equal(calls[0]?.[0], 'powershell.exe');
    assert.match(calls[0]?.join(' ') ?? '', /ProcessId=42/);
    await processTools('darwin', exec).commandLine(43);
    assert.deepEqual(calls[1], ['ps', '-o', 'command=', '-p', '43']);
    const linux = processTools('linux', exec, async (file) => (file === '/proc/44/cmdline' ? 'node\0/x/dist/proxy.js\0/t/config.json\0' : ''));
    assert.equal(await linux.commandLine(44), 'node /x/dist/proxy.js /t/config.json');
    assert.equal(calls.length, 2, 'Linux reads /proc, it runs nothing');
    const failing = processTools('darwin', async () => {
      throw new Error('ps: no such process');
    });
    assert.equal(await failing.commandLine(45), null);
  });
});

describe('state, stats and summary', () => {
  test('state round trip and refusal of anything else', () => {
    const state = { version: 1 as const, pid: 123, port: 4711, token: TEST_TOKEN, dir: path.join('/tmp', 'd'), configFile: '/tmp/d/config.json', logFile: '/tmp/d/proxy.log' };
    assert.deepEqual(decodeLocalProxyState(encodeLocalProxyState(state)), state);
    for (const bad of ['', '{', '{"version":2}', JSON.stringify({ ...state, pid: -1 }), JSON.stringify({ ...state, port: 70000 })]) assert.equal(decodeLocalProxyState(bad), null, bad);
  });

  test('the post step\'s line', () => {
    const stats = { requests: 12, bridged: 10, servedFromCache: 0, fellThrough: 0, byStatus: { '2xx': 11, '3xx': 0, '4xx': 1, '5xx': 0 }, errors: 0, recentErrors: [], bytesOut: 1, maxRssBytes: 60 * 1048576, cpuMs: 5, uptimeMs: 1, servingModules: false };
    assert.equal(describeStats(stats), '12 requests (10 bridged), 2xx 11 / 4xx 1, 0 errors, peak memory 60 MiB');
  });

  test('the route picture gets each bridge by its position in the exported GOPROXY', () => {
    const result = { url: 'http://127.0.0.1:4711', bridged: [{ index: 1, exported: 'http://127.0.0.1:4711/1', upstream: 'https://a.example/go' }, { index: 2, exported: 'http://127.0.0.1:4711/2', upstream: 'https://b.example' }], servingModules: true, moduleProxy: 'http://127.0.0.1:4711' };
    assert.deepEqual(loopbackRouteOf(result, 'http://127.0.0.1:4711/1|https://proxy.golang.org,http://127.0.0.1:4711/2/,direct', ''), { bridged: [{ index: 0, upstream: 'https://a.example/go' }, { index: 2, upstream: 'https://b.example' }], servedCache: { url: 'http://127.0.0.1:4711' } });
    // The probe's fallback dropped the first bridge: only what is exported is drawn.
    assert.deepEqual(loopbackRouteOf({ ...result, servingModules: false, moduleProxy: '' }, 'https://mirror.example,http://127.0.0.1:4711/2', ''), { bridged: [{ index: 1, upstream: 'https://b.example' }] });
    assert.equal(loopbackRouteOf({ url: null, bridged: [], servingModules: false, moduleProxy: '' }, 'direct', ''), undefined);
  });

  test('the summary section names each bridged entry and the served cache', () => {
    const body = localProxySummary({ url: 'http://127.0.0.1:4711', bridged: [{ index: 1, exported: 'http://127.0.0.1:4711/1', upstream: 'https://***@corp.example/go' }], servingModules: true, moduleProxy: 'http://127.0.0.1:4711' });
    assert.match(body, /\| `https:\/\/\*\*\*@corp\.example\/go` \| `http:\/\/127\.0\.0\.1:4711\/1` \|/);
    assert.match(body, /module-proxy/);
    assert.equal(localProxySummary({ url: null, bridged: [], servingModules: false, moduleProxy: '' }), '');
  });
});

describe('the proxy\'s bundle entry', () => {
  test('dist/proxy.js and the chunks it imports hold none of @actions/*: the background process stays light', () => {
    const seen = new Set<string>();
    const queue = ['dist/proxy.js'];
    while (queue.length > 0) {
      const file = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      // esbuild marks each bundled module with a "// <path>" comment.
      assert.doesNotMatch(text, /^\/\/ node_modules\/@actions\//m, `${file} bundles @actions code`);
      for (const match of text.matchAll(/from "(\.\/[^"]+\.js)"/g)) queue.push(path.join(path.dirname(file), match[1]!));
    }
    assert.ok(seen.size >= 2, 'it imports the shared chunk with undici and the probe\'s network code');
    const main = readFileSync('dist/main.js', 'utf8') + [...readFileSync('dist/main.js', 'utf8').matchAll(/from "(\.\/[^"]+\.js)"/g)].map((m) => readFileSync(path.join('dist', m[1]!), 'utf8')).join('');
    assert.match(main, /^\/\/ node_modules\/@actions\/core\//m, 'the check can fail: main does bundle @actions/core');
  });
});
