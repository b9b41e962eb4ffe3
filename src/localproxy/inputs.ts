// The loopback proxy's inputs: client-certificate, client-key, client-certificate-proxies and
// serve-modules. Pure (node:crypto parses the PEM). A key is never quoted in an error: the
// messages name the input and what is wrong with it, and show "***" for its value.

import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { InputError, parseBoolean } from '../config/inputValues.js';
import type { Problem } from '../problems.js';
import type { ClientCertificate } from './config.js';

export interface RawLocalProxyInputs {
  clientCertificate: string;
  clientKey: string;
  clientCertificateProxies: string;
  serveModules: string;
}

export interface CertificateInfo {
  subject: string;
  notAfter: Date;
}

export interface LocalProxyInputs {
  clientCertificate: ClientCertificate | null;
  certificate: CertificateInfo | null;
  /** client-certificate-proxies items as written; empty: the default selection. */
  certificateProxies: string[];
  serveModules: boolean;
}

const HIDDEN = '***';
const CLIENT_AUTH_OID = '1.3.6.1.5.5.7.3.2';
const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[^-]*-----END CERTIFICATE-----/g;

/** PEM pasted into a secret from Windows has CRLF lines, and often stray indentation. */
function normalisePem(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * Lines of a PEM key to register as secrets. The runner masks a multi-line secret line by line, so
 * registering the whole key would also mask its armour lines and a short last line ("Q==") in
 * every later log line; the base64 body lines of 8 characters and more carry the key.
 */
export function pemSecretLines(pem: string): string[] {
  return normalisePem(pem)
    .split('\n')
    .filter((line) => !line.startsWith('-----') && line.length >= 8);
}

function describeKey(key: KeyObject): string {
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa') return `an RSA ${details?.modulusLength ?? ''} key`.replace('  ', ' ');
  if (key.asymmetricKeyType === 'ec') return `an EC ${details?.namedCurve ?? ''} key`.replace('  ', ' ');
  return `an ${key.asymmetricKeyType ?? 'unknown'} key`;
}

function parseCertificates(text: string): X509Certificate[] {
  const pem = normalisePem(text);
  const blocks = pem.match(CERTIFICATE_BLOCK) ?? [];
  if (blocks.length === 0) {
    const looksLikePath = !pem.includes('-----BEGIN') && pem.length < 300;
    throw new InputError(
      'client-certificate',
      pem.slice(0, 40),
      looksLikePath ? 'it is not PEM text (a path is not read: the value must be the certificate itself)' : 'it holds no "-----BEGIN CERTIFICATE-----" block',
      'Store the PEM certificate (leaf first, then intermediates) in a secret and pass it: client-certificate: ${{ secrets.GOPROXY_CLIENT_CERT }}.',
    );
  }
  return blocks.map((block, position) => {
    try {
      return new X509Certificate(block);
    } catch {
      throw new InputError('client-certificate', `certificate ${position + 1}`, 'that PEM block is not a valid X.509 certificate', 'Export the certificate again as PEM (openssl x509 -in cert.crt -out cert.pem).');
    }
  });
}

function parseKey(text: string): KeyObject {
  const pem = normalisePem(text);
  if (/ENCRYPTED/.test(pem)) {
    throw new InputError('client-key', HIDDEN, 'the key is encrypted with a passphrase', 'Store the key unencrypted in the secret (openssl pkey -in key.pem -out plain.pem); the secret store protects it.');
  }
  if (!pem.startsWith('-----BEGIN ') || !pem.includes('PRIVATE KEY-----')) {
    throw new InputError('client-key', HIDDEN, 'it is not a PEM private key ("-----BEGIN PRIVATE KEY-----", "RSA PRIVATE KEY" or "EC PRIVATE KEY")', 'Pass the private key itself, as PEM text from a secret: client-key: ${{ secrets.GOPROXY_CLIENT_KEY }}.');
  }
  try {
    return createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new InputError('client-key', HIDDEN, 'the PEM private key cannot be read (damaged or truncated)', 'Copy the whole key, BEGIN and END lines included, into the secret again.');
  }
}

export function parseLocalProxyInputs(raw: RawLocalProxyInputs, now: Date = new Date()): { inputs: LocalProxyInputs; problems: Problem[] } {
  const serveModules = parseBoolean('serve-modules', raw.serveModules.trim() === '' ? 'false' : raw.serveModules);
  const certificateProxies = raw.clientCertificateProxies
    .split(/[,\n\r]/)
    .map((item) => item.trim())
    .filter((item) => item !== '' && !item.startsWith('#'));
  const certText = raw.clientCertificate.trim();
  const keyText = raw.clientKey.trim();
  if (certText === '' && keyText === '') {
    if (certificateProxies.length > 0) {
      throw new InputError('client-certificate-proxies', certificateProxies.join(','), 'it needs client-certificate and client-key', 'Give the certificate and key too, or remove client-certificate-proxies.');
    }
    return { inputs: { clientCertificate: null, certificate: null, certificateProxies, serveModules }, problems: [] };
  }
  if (keyText === '') throw new InputError('client-key', '', 'client-certificate is set but client-key is empty', 'Give the private key of the certificate (PEM text from a secret), or remove client-certificate.');
  if (certText === '') throw new InputError('client-certificate', '', 'client-key is set but client-certificate is empty', 'Give the certificate that belongs to the key (PEM text from a secret), or remove client-key.');

  const certificates = parseCertificates(certText);
  const leaf = certificates[0]!;
  const key = parseKey(keyText);
  if (!leaf.checkPrivateKey(key)) {
    throw new InputError(
      'client-key',
      HIDDEN,
      `it is not the private key of the certificate in client-certificate (${leaf.subject.replace(/\n/g, ', ')}; the key is ${describeKey(key)})`,
      'Give the key that was generated with this certificate, or the certificate issued for this key (the leaf certificate must come first).',
    );
  }

  const problems: Problem[] = [];
  const notBefore = new Date(leaf.validFrom);
  const notAfter = new Date(leaf.validTo);
  const subject = leaf.subject.replace(/\n/g, ', ');
  if (now > notAfter || now < notBefore) {
    problems.push({
      severity: 'error',
      code: 'CLIENT_CERTIFICATE_EXPIRED',
      variable: 'client-certificate',
      setIn: 'input',
      message: now > notAfter ? `The client certificate (${subject}) expired on ${notAfter.toISOString()}: the upstream will refuse the TLS handshake.` : `The client certificate (${subject}) is not valid before ${notBefore.toISOString()}.`,
      fix: 'Renew the client certificate and update the secret (check the runner\'s clock too).',
    });
  }
  // No extended key usage extension means "any use"; one without clientAuth is refused by servers.
  const usages = (leaf as X509Certificate & { extKeyUsage?: string[] }).extKeyUsage ?? leaf.keyUsage;
  if (usages !== undefined && !usages.includes(CLIENT_AUTH_OID)) {
    problems.push({
      severity: 'warning',
      code: 'CLIENT_CERTIFICATE_NOT_FOR_CLIENTS',
      variable: 'client-certificate',
      setIn: 'input',
      message: `The client certificate (${subject}) has an extended key usage without clientAuth: TLS servers usually refuse it as a client certificate.`,
      fix: 'Issue the certificate with extendedKeyUsage = clientAuth.',
    });
  }
  return {
    inputs: {
      clientCertificate: { cert: certificates.map((certificate) => certificate.toString()).join(''), key: normalisePem(keyText) + '\n' },
      certificate: { subject, notAfter },
      certificateProxies,
      serveModules,
    },
    problems,
  };
}
