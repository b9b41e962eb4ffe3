// Issue 9: the probe trusts what the go command trusts on each system (the OS store on macOS and
// Windows, where go ignores SSL_CERT_FILE, and its fixes say so), and the trust is built lazily,
// once, and shared.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { execFileSync } from 'node:child_process';
import { probeTargets, type ProbeOptions, type ProbeResult } from '../src/probe/probe.js';
import { probeSumdb } from '../src/probe/sumdb.js';
import { tlsCaFix } from '../src/probe/classify.js';
import { loadTrustStoreSync, readSystemCertificates, sharedTrust, trustSource, type TrustSource } from '../src/probe/trust.js';
import { send, startServer, type TestServer } from './fixtures/probeServer.js';
import { makeTlsFixtures, type TlsFixtures } from './fixtures/tls.js';
import { node24Binary } from '../scripts/runner/emulate.js';

const baseOptions: ProbeOptions = { modules: [], sumdbName: null, budgetMs: 3000, env: {} };

async function probeOne(url: string, options: Partial<ProbeOptions>): Promise<ProbeResult> {
  const [result] = await probeTargets([{ url, role: 'proxy' }], { ...baseOptions, ...options });
  assert.ok(result);
  return result;
}

/** A trust source that counts how often it was built. */
function counting(source: TrustSource): TrustSource & { built: () => number } {
  let built = 0;
  return {
    store: () => source.store(),
    secureContext: () => {
      built++;
      return source.secureContext();
    },
    built: () => built,
  };
}

describe('the probe trusts the OS store on macOS and Windows', () => {
  let tls: TlsFixtures;
  let server: TestServer;
  before(async () => {
    tls = await makeTlsFixtures();
    server = await startServer((_request, response) => send(response, 200, 'v1.0.0\n'), tls.server);
  });
  after(async () => {
    await server.close();
    await tls.cleanup();
  });

  for (const platform of ['darwin', 'win32'] as const) {
    it(`${platform}: a corporate CA in the system store is trusted; SSL_CERT_FILE is not what go reads there`, async () => {
      const withCa = trustSource({}, { platform, systemCertificates: () => [tls.ca.cert] });
      const trusted = await probeOne(server.url, { trust: withCa, platform });
      assert.equal(trusted.verdict, 'healthy', trusted.message);

      // SSL_CERT_FILE names the CA, but go on this system ignores it: so does the probe.
      const env = { SSL_CERT_FILE: tls.ca.certPath };
      const without = await probeOne(server.url, { env, trust: trustSource(env, { platform, systemCertificates: () => [] }), platform });
      assert.equal(without.errorClass, 'tls-unknown-ca');
      assert.doesNotMatch(without.fix ?? '', /SSL_CERT_FILE=</);
      assert.match(without.fix ?? '', platform === 'darwin' ? /keychain/ : /Windows certificate store/);
      assert.match(without.fix ?? '', /ignores SSL_CERT_FILE\/SSL_CERT_DIR/);
    });
  }

  it('Linux keeps the SSL_CERT_FILE / SSL_CERT_DIR fix and never reads the system store reader', () => {
    let asked = 0;
    const store = loadTrustStoreSync({}, { platform: 'linux', systemCertificates: () => (asked++, []) });
    assert.equal(asked, 0);
    assert.equal(store.systemStore, 'not-used');
    assert.match(tlsCaFix('linux'), /SSL_CERT_FILE=<bundle/);
  });

  it('a node without tls.getCACertificates says it cannot read the store', () => {
    const store = loadTrustStoreSync({}, { platform: 'darwin', systemCertificates: () => null });
    assert.equal(store.systemStore, 'unavailable');
    assert.match(store.notes[0] ?? '', /cannot read the macOS keychain/);
  });

  it("the default reader is node's own: null on node 20, the system certificates on node 24", () => {
    const here = readSystemCertificates();
    const major = Number(process.versions.node.split('.')[0]);
    if (major < 22) assert.equal(here, null);
    const node24 = node24Binary();
    if (node24 !== null) {
      const count = execFileSync(node24, ['-e', "console.log(require('tls').getCACertificates('system').length)"]).toString().trim();
      assert.ok(Number(count) > 0, `node 24 reads ${count} system certificates`);
    }
  });
});

describe('on node 24 (the runtime of runs.using)', () => {
  let tls: TlsFixtures;
  before(async () => {
    tls = await makeTlsFixtures();
  });
  after(async () => {
    await tls.cleanup();
  });

  it("SSL_CERT_FILE is added to node's roots (getCACertificates returns a frozen list there)", (t) => {
    const node24 = node24Binary();
    if (node24 === null) {
      t.skip('node 24 not installed');
      return;
    }
    const script = `const m = await import(${JSON.stringify(new URL('../src/probe/trust.ts', import.meta.url).href)}); const s = m.loadTrustStoreSync({ SSL_CERT_FILE: ${JSON.stringify(tls.ca.certPath)} }, { platform: 'linux' }); console.log(JSON.stringify({ sources: s.sources, notes: s.notes }));`;
    const out = JSON.parse(execFileSync(node24, ['--import', 'tsx', '--input-type=module', '-e', script]).toString()) as { sources: string[]; notes: string[] };
    assert.deepEqual(out.notes, []);
    assert.match(out.sources[0] ?? '', /\(1 certificate\)/);
  });
});

describe('the trust is built lazily, once, and shared', () => {
  let tls: TlsFixtures;
  let https: TestServer;
  let plain: TestServer;
  before(async () => {
    tls = await makeTlsFixtures();
    https = await startServer((_request, response) => send(response, 200, 'v1.0.0\n'), tls.server);
    plain = await startServer((_request, response) => send(response, 200, 'v1.0.0\n'));
  });
  after(async () => {
    await Promise.all([https.close(), plain.close()]);
    await tls.cleanup();
  });

  it('plain http and file:// probes never build it; https builds it once for the probe and the checksum database', async () => {
    const env = { SSL_CERT_FILE: tls.ca.certPath };
    const trust = counting(trustSource(env, { platform: 'linux' }));
    const results = await probeTargets([{ url: plain.url, role: 'proxy' }, { url: 'file:///nonexistent', role: 'proxy' }], { ...baseOptions, env, trust });
    assert.equal(results[0]?.verdict, 'healthy');
    assert.equal(trust.built(), 0);
    const secure = await probeOne(https.url, { env, trust });
    assert.equal(secure.verdict, 'healthy', secure.message);
    await probeSumdb(https.url, { budgetMs: 2000, env, trust });
    assert.ok(trust.built() >= 1);
    // One SecureContext for all of them.
    const first = trust.secureContext();
    assert.equal(trust.secureContext(), first);
  });

  it('sharedTrust is one source per trust configuration', () => {
    const a = sharedTrust({ SSL_CERT_FILE: '/x.pem', HOME: '/a' }, 'linux');
    assert.equal(sharedTrust({ SSL_CERT_FILE: '/x.pem', HOME: '/b' }, 'linux'), a);
    assert.notEqual(sharedTrust({ SSL_CERT_FILE: '/y.pem' }, 'linux'), a);
    assert.notEqual(sharedTrust({ SSL_CERT_FILE: '/x.pem' }, 'darwin'), a);
  });
});
