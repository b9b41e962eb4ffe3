// The TLS trust of the go command, for the probe and the toolchain download: loaded once per
// process (and per SSL_CERT_FILE/SSL_CERT_DIR), and only when a TLS connection needs it, so a run
// that contacts nothing over https (probe: false, no toolchain download) never pays for reading
// and parsing a few hundred certificates.
//
// Go on Linux/BSD (crypto/x509 root_unix.go loadSystemRoots): the roots are (SSL_CERT_FILE if
// set, else the first readable system bundle such as /etc/ssl/certs/ca-certificates.crt) PLUS
// every certificate in every file of the SSL_CERT_DIR directories (colon-separated; default
// /etc/ssl/certs and /etc/pki/tls/certs).
//
// What we implement there: node's bundled Mozilla roots PLUS the certificates in SSL_CERT_FILE
// PLUS those in every file of every SSL_CERT_DIR directory. The public roots are in both sets
// (node's bundle is the same Mozilla list the distributions ship, and when SSL_CERT_FILE replaces
// the bundle file Go still loads the public roots from the default /etc/ssl/certs directory);
// the certificates users add through the variables (a TLS-inspecting proxy's CA, a private CA)
// are added exactly as Go adds them. The only divergence is a deliberate *removal* of public
// roots (both variables pointing at private-only material), which is not modelled: the probe then
// trusts public servers go would reject.
//
// On macOS and Windows Go ignores both variables and asks the platform verifier, which trusts
// the keychain / the Windows certificate store (where companies install their inspecting proxy's
// CA). Node 22.15+/23.10+ read that store with tls.getCACertificates('system'); it is added to
// node's roots there. Node 20 has no such API (its --use-openssl-ca reads OpenSSL's directory,
// not the keychain or the Windows store), which the store's `systemStore` says.

import { X509Certificate } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { SecureContext } from 'node:tls';

export interface TrustStore {
  /** PEM certificates the probe trusts. */
  certificates: string[];
  /** Where extra certificates came from, e.g. `SSL_CERT_FILE=/x.pem (1 certificate)`. */
  sources: string[];
  /** Problems worth telling the user (unreadable SSL_CERT_FILE, ...). */
  notes: string[];
  /**
   * macOS/Windows: whether the OS store go trusts is part of this store ('included'), or this
   * node cannot read it ('unavailable'); 'not-used' on other systems.
   */
  systemStore: 'included' | 'unavailable' | 'not-used';
}

/** Reads the OS trust store as PEM strings; null when this node has no way to. */
export type SystemCertificateReader = () => string[] | null;

export interface TrustOptions {
  platform?: NodeJS.Platform;
  /** Default: tls.getCACertificates('system') where node has it. */
  systemCertificates?: SystemCertificateReader;
}

type TlsModule = typeof import('node:tls');

// node:tls through require, not an ESM import: an ESM import of a built-in evaluates every export,
// and `rootCertificates` is a getter that builds the whole root list at start-up.
let tlsModule: TlsModule | undefined;
function tls(): TlsModule {
  tlsModule ??= createRequire(import.meta.url)('node:tls') as TlsModule;
  return tlsModule;
}

type CaType = 'system' | 'bundled';

/** tls.getCACertificates (node 22.15+/23.10+), absent from node 20. */
function getCACertificates(): ((type: CaType) => string[]) | null {
  const api = (tls() as TlsModule & { getCACertificates?: (type: CaType) => string[] }).getCACertificates;
  return typeof api === 'function' ? api : null;
}

export const readSystemCertificates: SystemCertificateReader = () => getCACertificates()?.('system') ?? null;

/** node's bundled Mozilla roots (tls.rootCertificates is deprecated where getCACertificates exists). */
function bundledCertificates(): string[] {
  // A copy: node returns a frozen array, and the store appends to it.
  return [...(getCACertificates()?.('bundled') ?? tls().rootCertificates)];
}

/** Every well-formed `CERTIFICATE` PEM block in a text (like Go's AppendCertsFromPEM, which skips other blocks). */
export function extractPemCertificates(text: string): string[] {
  const blocks: string[] = [];
  const begin = '-----BEGIN CERTIFICATE-----';
  const end = '-----END CERTIFICATE-----';
  // indexOf scanning: linear whatever the file holds.
  for (let at = text.indexOf(begin); at >= 0; ) {
    const stop = text.indexOf(end, at + begin.length);
    if (stop < 0) break;
    blocks.push(text.slice(at, stop + end.length));
    at = text.indexOf(begin, stop + end.length);
  }
  return blocks.filter((pem) => {
    try {
      new X509Certificate(pem);
      return true;
    } catch {
      return false;
    }
  });
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'error';
}

/** The certificates go trusts (see the top of this file), read now. */
export function loadTrustStoreSync(env: NodeJS.ProcessEnv, options: TrustOptions = {}): TrustStore {
  const platform = options.platform ?? process.platform;
  const store: TrustStore = { certificates: bundledCertificates(), sources: [], notes: [], systemStore: 'not-used' };
  if (platform === 'darwin' || platform === 'win32') {
    const system = (options.systemCertificates ?? readSystemCertificates)();
    const where = platform === 'darwin' ? 'the macOS keychain' : 'the Windows certificate store';
    if (system === null) {
      store.systemStore = 'unavailable';
      store.notes.push(`node ${process.versions.node} cannot read ${where}, which the go command trusts: a certificate only that store vouches for looks untrusted to the probe`);
    } else {
      store.systemStore = 'included';
      const known = new Set(store.certificates);
      const added = system.filter((pem) => !known.has(pem));
      store.certificates.push(...added);
      store.sources.push(`${where} (${system.length} certificate${system.length === 1 ? '' : 's'})`);
    }
    return store;
  }

  const certFile = env['SSL_CERT_FILE'];
  if (certFile !== undefined && certFile !== '') {
    try {
      const found = extractPemCertificates(readFileSync(certFile, 'utf8'));
      store.certificates.push(...found);
      store.sources.push(`SSL_CERT_FILE=${certFile} (${found.length} certificate${found.length === 1 ? '' : 's'})`);
      if (found.length === 0) store.notes.push(`SSL_CERT_FILE=${certFile} contains no PEM certificate`);
    } catch (error) {
      store.notes.push(`SSL_CERT_FILE=${certFile} cannot be read (${errorCode(error)}); go will not trust what it should add`);
    }
  }

  const certDirs = env['SSL_CERT_DIR'];
  if (certDirs !== undefined && certDirs !== '') {
    // OpenSSL and Go both separate SSL_CERT_DIR entries with ':'.
    for (const directory of certDirs.split(':').filter((d) => d !== '')) {
      let names: string[];
      try {
        names = readdirSync(directory);
      } catch (error) {
        store.notes.push(`SSL_CERT_DIR entry ${directory} cannot be read (${errorCode(error)})`);
        continue;
      }
      let count = 0;
      for (const name of names.sort()) {
        const file = `${directory}/${name}`;
        try {
          if (!statSync(file).isFile()) continue;
          const found = extractPemCertificates(readFileSync(file, 'utf8'));
          store.certificates.push(...found);
          count += found.length;
        } catch {
          // Go skips unreadable files in the directory silently too.
        }
      }
      store.sources.push(`SSL_CERT_DIR entry ${directory} (${count} certificate${count === 1 ? '' : 's'})`);
    }
  }
  return store;
}

/** The trust one network uses: store and SecureContext made on first use, then reused. */
export interface TrustSource {
  store(): TrustStore;
  secureContext(): SecureContext;
}

function lazyTrust(env: NodeJS.ProcessEnv, options: TrustOptions): TrustSource {
  let store: TrustStore | undefined;
  let context: SecureContext | undefined;
  const source: TrustSource = {
    store: () => (store ??= loadTrustStoreSync(env, options)),
    // One SecureContext parses the roots once; every connection of the process reuses it.
    secureContext: () => (context ??= tls().createSecureContext({ ca: source.store().certificates })),
  };
  return source;
}

const shared = new Map<string, TrustSource>();

/**
 * The process's trust for this environment, shared by the probe, the checksum-database probe and
 * the toolchain download; nothing is read until a TLS connection asks for it.
 */
export function sharedTrust(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): TrustSource {
  const key = [platform, env['SSL_CERT_FILE'] ?? '', env['SSL_CERT_DIR'] ?? ''].join('\0');
  let source = shared.get(key);
  if (source === undefined) {
    source = lazyTrust(env, { platform });
    shared.set(key, source);
  }
  return source;
}

/** A fresh, unshared source (tests, and callers with their own reader). */
export function trustSource(env: NodeJS.ProcessEnv, options: TrustOptions = {}): TrustSource {
  return lazyTrust(env, options);
}
