// Go's httpproxy rules (pure) and the trust store built from SSL_CERT_FILE /
// SSL_CERT_DIR.

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { after, before, describe, it } from 'node:test';
import { extractPemCertificates, loadTrustStore, parseProxyValue, proxyForUrl, splitHostPort } from '../src/probe/network.js';
import { makeTlsFixtures } from './fixtures/tls.js';
import type { TlsFixtures } from './fixtures/tls.js';

function proxied(url: string, env: NodeJS.ProcessEnv): string | null {
  return proxyForUrl(new URL(url), env)?.proxyUrl.href ?? null;
}

describe('proxyForUrl (golang.org/x/net/http/httpproxy)', () => {
  it('HTTPS_PROXY for https, HTTP_PROXY for http, no cross-over', () => {
    const env = { HTTPS_PROXY: 'http://s.proxy:3128', HTTP_PROXY: 'http://p.proxy:3128' };
    assert.equal(proxied('https://goproxy.example.com/', env), 'http://s.proxy:3128/');
    assert.equal(proxied('http://goproxy.example.com/', env), 'http://p.proxy:3128/');
    assert.equal(proxied('https://goproxy.example.com/', { HTTP_PROXY: 'http://p.proxy:3128' }), null);
    assert.equal(proxied('file:///srv/goproxy', env), null);
  });

  it('uppercase wins, an empty value counts as unset', () => {
    assert.equal(proxied('https://a.example/', { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:1' }), 'http://upper:1/');
    assert.equal(proxied('https://a.example/', { HTTPS_PROXY: '', https_proxy: 'http://lower:1' }), 'http://lower:1/');
    assert.equal(proxied('https://a.example/', { HTTPS_PROXY: '' }), null);
  });

  it('reports which variable chose the proxy and redacts its credentials', () => {
    const choice = proxyForUrl(new URL('https://a.example/'), { https_proxy: 'http://u:pw@proxy:8080' });
    assert.equal(choice?.variable, 'https_proxy');
    assert.equal(choice?.display, 'http://***@proxy:8080');
  });

  it('a value without scheme is http://', () => {
    assert.equal(parseProxyValue('proxy.corp:3128')?.href, 'http://proxy.corp:3128/');
    assert.equal(parseProxyValue('proxy.corp')?.href, 'http://proxy.corp/');
    assert.equal(parseProxyValue('https://proxy.corp:443')?.href, 'https://proxy.corp/');
    assert.equal(parseProxyValue('socks5://127.0.0.1:1080')?.protocol, 'socks5:');
  });

  it('loopback and localhost are never proxied', () => {
    const env = { HTTPS_PROXY: 'http://p:1', HTTP_PROXY: 'http://p:1' };
    for (const url of ['https://localhost:8443/', 'http://127.0.0.1/', 'http://127.9.9.9:81/', 'https://[::1]:443/', 'http://LOCALHOST/', 'http://[::ffff:127.0.0.1]/']) {
      assert.equal(proxied(url, env), null, url);
    }
    // Only the exact name: a subdomain of localhost, 0.0.0.0 and ::ffff:0:0 are proxied, as in Go.
    assert.equal(proxied('http://foo.localhost/', env), 'http://p:1/');
    assert.equal(proxied('http://0.0.0.0/', env), 'http://p:1/');
  });

  const noProxyCases: Array<[string, string, boolean]> = [
    // [NO_PROXY, target, proxied?]
    ['*', 'https://anything.example/', false],
    ['example.com', 'https://example.com/', false],
    ['example.com', 'https://sub.example.com/', false],
    ['example.com', 'https://notexample.com/', true],
    ['.example.com', 'https://example.com/', true],
    ['.example.com', 'https://sub.example.com/', false],
    ['*.example.com', 'https://example.com/', true],
    ['*.example.com', 'https://a.b.example.com/', false],
    ['EXAMPLE.com', 'https://example.COM/', false],
    [' example.com , other.org ', 'https://other.org/', false],
    ['example.com:8443', 'https://example.com:8443/', false],
    ['example.com:8443', 'https://example.com/', true],
    ['example.com:443', 'https://example.com/', false],
    ['10.0.0.0/8', 'http://10.1.2.3/', false],
    ['10.0.0.0/8', 'http://11.1.2.3/', true],
    ['10.1.2.3', 'http://10.1.2.3:8080/', false],
    ['10.1.2.3:80', 'http://10.1.2.3:8080/', true],
    ['10.1.2.3:8080', 'http://10.1.2.3:8080/', false],
    ['[2001:db8::1]:443', 'https://[2001:db8::1]/', false],
    ['2001:db8::/32', 'https://[2001:db8::5]/', false],
    ['2001:db8::/32', 'https://[2001:db9::5]/', true],
    // Domain entries never match IP hosts.
    ['3.4', 'http://1.2.3.4/', true],
    [':8080', 'http://a.example:8080/', true],
    ['', 'http://a.example/', true],
  ];
  for (const [noProxy, target, expected] of noProxyCases) {
    it(`NO_PROXY=${JSON.stringify(noProxy)} ${target} -> ${expected ? 'proxied' : 'direct'}`, () => {
      const env = { HTTPS_PROXY: 'http://p:1', HTTP_PROXY: 'http://p:1', NO_PROXY: noProxy };
      assert.equal(proxied(target, env) !== null, expected);
    });
  }

  it('no_proxy (lowercase) is read when NO_PROXY is empty', () => {
    assert.equal(proxied('https://a.example/', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '', no_proxy: 'a.example' }), null);
  });

  it('splitHostPort mirrors net.SplitHostPort', () => {
    assert.deepEqual(splitHostPort('a:1'), { host: 'a', port: '1' });
    assert.deepEqual(splitHostPort('[::1]:2'), { host: '::1', port: '2' });
    assert.equal(splitHostPort('a'), null);
    assert.equal(splitHostPort('::1'), null);
    assert.equal(splitHostPort('[::1]'), null);
  });
});

describe('loadTrustStore (SSL_CERT_FILE / SSL_CERT_DIR)', () => {
  let tls: TlsFixtures;
  let dir: string;
  before(async () => {
    tls = await makeTlsFixtures();
    dir = await mkdtemp(join(tmpdir(), 'probe-trust-'));
  });
  after(async () => {
    await tls.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('starts from node\'s roots and adds SSL_CERT_FILE', async () => {
    const store = await loadTrustStore({ SSL_CERT_FILE: tls.ca.certPath }, 'linux');
    assert.equal(store.certificates.length, rootCertificates.length + 1);
    assert.match(store.sources[0] ?? '', /SSL_CERT_FILE=.*\(1 certificate\)/);
  });

  it('adds every certificate of every file in every SSL_CERT_DIR entry', async () => {
    await writeFile(join(dir, 'bundle.crt'), `${tls.ca.cert}\n${tls.selfSigned.cert}\n`);
    await writeFile(join(dir, 'README'), 'not a certificate');
    const store = await loadTrustStore({ SSL_CERT_DIR: `${dir}:${tls.caDir}` }, 'linux');
    assert.equal(store.certificates.length, rootCertificates.length + 3);
    assert.equal(store.sources.length, 2);
  });

  it('notes an unreadable SSL_CERT_FILE / SSL_CERT_DIR', async () => {
    const store = await loadTrustStore({ SSL_CERT_FILE: join(dir, 'missing.pem'), SSL_CERT_DIR: join(dir, 'nodir') }, 'linux');
    assert.equal(store.certificates.length, rootCertificates.length);
    assert.equal(store.notes.length, 2);
    assert.match(store.notes[0] ?? '', /ENOENT/);
  });

  it('ignores both variables on macOS and Windows, like Go', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const store = await loadTrustStore({ SSL_CERT_FILE: tls.ca.certPath }, platform);
      assert.equal(store.certificates.length, rootCertificates.length);
    }
  });

  it('extracts only well-formed CERTIFICATE blocks', () => {
    const text = `junk\n${tls.ca.cert}\n-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n`;
    assert.equal(extractPemCertificates(text).length, 1);
  });
});
