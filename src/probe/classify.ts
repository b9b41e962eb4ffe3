// Pure classification of probe outcomes: an HTTP status (plus a sniff of the
// body) or a failure (a thrown undici/node/TLS error, a timeout, a redirect
// problem, a file:// problem) becomes an ErrorClass, a verdict contribution,
// a one-line message and a one-line fix. No I/O and no clock here, so every
// branch is unit-testable without sockets.
//
// Every message and fix is built from redacted inputs only: callers pass
// display URLs that went through redactUrl(), and raw error texts go through
// redactText() with the secrets that were in play.

export type ErrorClass =
  | 'dns'
  | 'refused'
  | 'connect-timeout'
  | 'reset'
  | 'headers-timeout'
  | 'body-timeout'
  | 'tls-unknown-ca'
  | 'tls-expired'
  | 'tls-hostname'
  | 'tls-other'
  // The server asked for a TLS client certificate (mTLS) and got none, or rejected the one given.
  | 'tls-client-cert-required'
  | 'proxy-connect' // the forward proxy refused CONNECT (or could not be used)
  | 'http-401'
  | 'http-403'
  | 'http-5xx'
  | 'http-other'
  | 'redirect-loop'
  | 'redirect-insecure'
  | 'not-module-protocol' // e.g. an HTML login page with 200
  | 'file-missing'
  | 'file-unreadable'
  | 'budget-exhausted'
  // Addition: userinfo in an http:// URL. The go command refuses such a
  // request before sending it ("refusing to pass credentials to insecure URL").
  | 'insecure-credentials';

export type Verdict = 'healthy' | 'refused' /* reachable but 401/403 */ | 'unhealthy';

/** Which protocol request produced the outcome; decides what a 200 body must look like. */
export type Endpoint = 'module-list' | 'module-info' | 'sumdb-supported' | 'sumdb-latest' | 'sumdb-lookup';

export interface ClassifyContext {
  /** Redacted URL of the request (for messages). */
  url: string;
  /** host[:port] the request was for. */
  host: string;
  endpoint: Endpoint;
  /** Redacted forward proxy the request went through, null when direct. */
  viaProxy: string | null;
  /** The environment variable that selected the forward proxy, e.g. HTTPS_PROXY. */
  proxyVariable: string | null;
  /** Whose trust rules the fix names; default process.platform. */
  platform?: NodeJS.Platform;
}

export interface Classification {
  verdict: Verdict;
  errorClass: ErrorClass | null;
  message: string;
  fix: string | null;
}

/** Facts pulled out of a thrown value and its `cause` chain; see errorFacts(). */
export interface ErrorFacts {
  codes: string[];
  names: string[];
  messages: string[];
}

export type Failure =
  | { kind: 'error'; facts: ErrorFacts }
  | { kind: 'timeout'; phase: 'connect' | 'headers' | 'body'; afterMs: number }
  | { kind: 'budget-exhausted' }
  | { kind: 'redirect-loop'; redirects: number }
  | { kind: 'redirect-insecure'; from: string; to: string }
  | { kind: 'insecure-credentials' }
  | { kind: 'invalid-url'; reason: string }
  | { kind: 'file-missing'; path: string; reason: string }
  | { kind: 'file-unreadable'; path: string; reason: string };

// ---------------------------------------------------------------------------
// Redaction

/** Replaces the whole userinfo of a URL with `***` (the username may be a token too). */
export function redactUrl(url: string): string {
  return url.replace(/^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^/?#]*@/, '$1***@');
}

/** Removes every secret, and any `scheme://user:pass@` userinfo, from free text such as an error message. */
export function redactText(text: string, secrets: readonly string[]): string {
  let result = text.replace(/([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)[^/\s?#@]*@/g, '$1***@');
  for (const secret of secrets) {
    if (secret.length >= 3) result = result.split(secret).join('***');
  }
  return result;
}

/** One line, bounded length: messages end up in annotations and tables. */
function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

// ---------------------------------------------------------------------------
// Thrown errors

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Collects `code`, `name` and `message` from an error, its `cause` chain and
 * AggregateError members (node's happy-eyeballs connect throws those).
 */
export function errorFacts(error: unknown): ErrorFacts {
  const facts: ErrorFacts = { codes: [], names: [], messages: [] };
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < 20) {
    const current = queue.shift();
    if (current === undefined || current === null || seen.has(current)) continue;
    seen.add(current);
    if (!isRecord(current)) {
      facts.messages.push(String(current));
      continue;
    }
    if (typeof current['code'] === 'string') facts.codes.push(current['code']);
    if (typeof current['name'] === 'string') facts.names.push(current['name']);
    if (typeof current['message'] === 'string' && current['message'] !== '') facts.messages.push(current['message']);
    if ('cause' in current) queue.push(current['cause']);
    if (Array.isArray(current['errors'])) queue.push(...(current['errors'] as unknown[]));
  }
  return facts;
}

const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const refusedCodes = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const resetCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const unknownCaCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
  'CERT_CHAIN_TOO_LONG',
]);
const expiredCodes = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const hostnameCodes = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);
/**
 * TLS alerts a server sends about the client's certificate (none given, or not accepted). The
 * client never receives an alert about its own check of the server's certificate (that fails
 * locally, with the codes above), so each of these is about a client certificate.
 */
export const CLIENT_CERT_ALERTS: ReadonlyMap<string, string> = new Map([
  ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'certificate required'],
  ['ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', 'bad certificate'],
  ['ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE', 'unsupported certificate'],
  ['ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED', 'certificate revoked'],
  ['ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED', 'certificate expired'],
  ['ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN', 'certificate unknown'],
  ['ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', 'unknown ca'],
  ['ERR_SSL_TLSV1_ALERT_ACCESS_DENIED', 'access denied'],
]);

/** What the thrown error was, in ErrorClass terms, with the detail worth showing. */
export function errorClassOfFacts(facts: ErrorFacts): { errorClass: ErrorClass; detail: string; proxyStatus: number | null } {
  const has = (set: Set<string>): string | undefined => facts.codes.find((code) => set.has(code));
  const firstMessage = facts.messages[0] ?? facts.codes[0] ?? 'unknown error';

  // undici's ProxyAgent reports a non-200 CONNECT answer only through its message.
  for (const message of facts.messages) {
    const connectStatus = /Proxy response \((\d{3})\)/.exec(message);
    if (connectStatus?.[1] !== undefined) {
      return { errorClass: 'proxy-connect', detail: `CONNECT answered ${connectStatus[1]}`, proxyStatus: Number(connectStatus[1]) };
    }
    if (/Proxy Authentication Required/i.test(message)) {
      return { errorClass: 'proxy-connect', detail: 'proxy answered 407 Proxy Authentication Required', proxyStatus: 407 };
    }
  }
  if (facts.codes.includes('PROBE_PROXY_UNSUPPORTED')) {
    return { errorClass: 'proxy-connect', detail: firstMessage, proxyStatus: null };
  }
  // The TLS error of a https:// forward proxy is wrapped by undici; classify the inner one below.
  let code: string | undefined;
  if ((code = has(unknownCaCodes))) return { errorClass: 'tls-unknown-ca', detail: code, proxyStatus: null };
  if ((code = has(expiredCodes))) return { errorClass: 'tls-expired', detail: code, proxyStatus: null };
  if ((code = has(hostnameCodes))) return { errorClass: 'tls-hostname', detail: oneLine(firstTlsMessage(facts) ?? code, 160), proxyStatus: null };
  const alert = facts.codes.find((c) => CLIENT_CERT_ALERTS.has(c));
  if (alert !== undefined) return { errorClass: 'tls-client-cert-required', detail: CLIENT_CERT_ALERTS.get(alert) ?? alert, proxyStatus: null };
  if ((code = has(dnsCodes))) return { errorClass: 'dns', detail: code, proxyStatus: null };
  if ((code = has(refusedCodes))) return { errorClass: 'refused', detail: code, proxyStatus: null };
  if (facts.codes.includes('UND_ERR_CONNECT_TIMEOUT') || facts.codes.includes('ETIMEDOUT')) {
    return { errorClass: 'connect-timeout', detail: 'connect timed out', proxyStatus: null };
  }
  if (facts.codes.includes('UND_ERR_HEADERS_TIMEOUT')) return { errorClass: 'headers-timeout', detail: 'no response headers', proxyStatus: null };
  if (facts.codes.includes('UND_ERR_BODY_TIMEOUT')) return { errorClass: 'body-timeout', detail: 'response body stalled', proxyStatus: null };
  const tlsCode = facts.codes.find((c) => c.startsWith('ERR_SSL_') || c.startsWith('ERR_TLS_') || c === 'EPROTO' || c.startsWith('CERT_'));
  if (tlsCode !== undefined || facts.messages.some((m) => /SSL routines|wrong version number|TLS/i.test(m))) {
    return { errorClass: 'tls-other', detail: oneLine(tlsCode ?? firstMessage, 160), proxyStatus: null };
  }
  if ((code = has(resetCodes))) return { errorClass: 'reset', detail: code === 'UND_ERR_SOCKET' ? 'connection closed by the other side' : code, proxyStatus: null };
  // Unknown transport failure: 'reset' is the closest class ("the connection
  // failed after it was attempted"); the raw message is kept as detail.
  return { errorClass: 'reset', detail: oneLine(firstMessage, 160), proxyStatus: null };
}

function firstTlsMessage(facts: ErrorFacts): string | undefined {
  return facts.messages.find((m) => /altnames|Hostname|certificate/i.test(m));
}

function isWrongVersionNumber(facts: ErrorFacts): boolean {
  return facts.codes.includes('ERR_SSL_WRONG_VERSION_NUMBER') || facts.messages.some((m) => /wrong version number/i.test(m));
}

// ---------------------------------------------------------------------------
// Failures -> classification

/** The fix for a server that wants a client certificate: the action's inputs for its mTLS bridge. */
export const clientCertFix =
  'give the certificate and its key as the inputs client-certificate and client-key (PEM text from secrets); the action then serves this entry to the go command through its loopback mTLS bridge (client-certificate-proxies picks the entries; by default every https entry that is not proxy.golang.org).';

/**
 * Where go takes its roots from: SSL_CERT_FILE/SSL_CERT_DIR on Linux, the OS store on macOS and
 * Windows, where go ignores both variables (and the probe reads the same store).
 */
export function tlsCaFix(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') {
    return 'If a TLS-inspecting proxy/firewall sits in between (likely), add its root CA to the macOS keychain as trusted (security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ca.pem): the go command trusts the keychain and ignores SSL_CERT_FILE/SSL_CERT_DIR on macOS; otherwise fix the server\'s certificate chain.';
  }
  if (platform === 'win32') {
    return 'If a TLS-inspecting proxy/firewall sits in between (likely), add its root CA to the Windows certificate store (Import-Certificate -FilePath ca.cer -CertStoreLocation Cert:\\LocalMachine\\Root): the go command trusts that store and ignores SSL_CERT_FILE/SSL_CERT_DIR on Windows; otherwise fix the server\'s certificate chain.';
  }
  return 'If a TLS-inspecting proxy/firewall sits in between (likely), give its root CA to go with SSL_CERT_FILE=<bundle that includes it> or SSL_CERT_DIR=<dir with its PEM>, and to node with NODE_EXTRA_CA_CERTS=<ca.pem>; otherwise fix the server\'s certificate chain.';
}

/** host[:port] -> host, for NO_PROXY hints (a bare host name covers every port). */
function hostnameOf(host: string): string {
  return host.replace(/:\d+$/, '');
}

function proxySuffix(context: ClassifyContext): string {
  return context.viaProxy === null ? '' : ` via forward proxy ${context.viaProxy}`;
}

export function classifyFailure(failure: Failure, context: ClassifyContext): Classification {
  const unhealthy = (errorClass: ErrorClass, message: string, fix: string | null): Classification => ({
    verdict: 'unhealthy',
    errorClass,
    message: oneLine(message),
    fix: fix === null ? null : oneLine(fix, 400),
  });
  const where = `${context.url}${proxySuffix(context)}`;
  const proxyVar = context.proxyVariable ?? 'HTTPS_PROXY/HTTP_PROXY';

  switch (failure.kind) {
    case 'budget-exhausted':
      return unhealthy('budget-exhausted', `${context.url}: not probed, the probe time budget was used up`, 'Raise the probe timeout/budget, or remove slow GOPROXY entries.');
    case 'redirect-loop':
      return unhealthy('redirect-loop', `${context.url}: stopped after ${failure.redirects} redirects (the go command allows 10)`, 'Fix the redirect loop on the server, or put the final URL in GOPROXY.');
    case 'redirect-insecure':
      return unhealthy(
        'redirect-insecure',
        `${failure.from} redirected to insecure URL ${failure.to}; the go command refuses https→http redirects`,
        'Make the server redirect to https, or put its final https:// URL in GOPROXY.',
      );
    case 'insecure-credentials':
      return unhealthy(
        'insecure-credentials',
        `refusing to pass credentials to insecure URL ${context.url} (the go command sends no request)`,
        'Use an https:// URL for this entry, or drop the user:password from it and serve it without credentials.',
      );
    case 'file-missing':
      return unhealthy('file-missing', `${context.url}: ${failure.reason} (${failure.path})`, 'Create/populate the directory before the go command runs (e.g. restore it from cache first), or fix the file:// path in GOPROXY.');
    case 'file-unreadable':
      return unhealthy('file-unreadable', `${context.url}: directory not readable (${failure.reason})`, `Make ${failure.path} readable (and searchable) by the user that runs the go command.`);
    case 'invalid-url':
      return unhealthy('http-other', `${context.url}: not a usable URL (${failure.reason})`, 'Fix the GOPROXY entry: it must be an http(s):// or file:// URL.');
    case 'timeout': {
      const seconds = (failure.afterMs / 1000).toFixed(1);
      if (failure.phase === 'connect') {
        return context.viaProxy === null
          ? unhealthy('connect-timeout', `${where}: TCP/TLS connect did not finish within ${seconds}s`, `A firewall is probably dropping traffic to ${context.host}: allow egress from the runner, set HTTPS_PROXY if this network requires a forward proxy, or remove the entry.`)
          : unhealthy('connect-timeout', `${where}: connecting through the forward proxy did not finish within ${seconds}s`, `Check that the forward proxy in ${proxyVar} is reachable and answers, or add ${hostnameOf(context.host)} to NO_PROXY.`);
      }
      if (failure.phase === 'headers') {
        return unhealthy(
          'headers-timeout',
          `${where}: connection accepted but no response within ${seconds}s — the go command has no timeout and would hang here`,
          'Fix or remove this GOPROXY entry (a hang is not an error, so neither "," nor "|" falls through); point GOPROXY at a responsive proxy.',
        );
      }
      return unhealthy(
        'body-timeout',
        `${where}: response headers arrived but the body stalled for ${seconds}s — the go command would hang here`,
        'Fix or remove this GOPROXY entry; a stalled download is not an error the go command falls through on.',
      );
    }
    case 'error':
      return classifyThrown(failure.facts, context);
  }
}

function classifyThrown(facts: ErrorFacts, context: ClassifyContext): Classification {
  const { errorClass, detail, proxyStatus } = errorClassOfFacts(facts);
  const where = `${context.url}${proxySuffix(context)}`;
  const proxyVar = context.proxyVariable ?? 'HTTPS_PROXY/HTTP_PROXY';
  const viaProxy = context.viaProxy !== null;
  const result = (message: string, fix: string): Classification => ({
    verdict: 'unhealthy',
    errorClass,
    message: oneLine(message),
    fix: oneLine(fix, 400),
  });

  switch (errorClass) {
    case 'proxy-connect':
      if (proxyStatus === 407) {
        return result(`${where}: the forward proxy demands authentication (407)`, `Put the proxy credentials into ${proxyVar} (http://user:password@proxy:port), or add ${hostnameOf(context.host)} to NO_PROXY.`);
      }
      return result(
        `${where}: the forward proxy refused to tunnel to ${context.host} (${detail})`,
        `Allow CONNECT to ${context.host} in the forward proxy's ACL (from ${proxyVar}), or add ${hostnameOf(context.host)} to NO_PROXY if it is reachable directly.`,
      );
    case 'dns':
      return viaProxy
        ? result(`${where}: the forward proxy's host name does not resolve (${detail})`, `Fix the host name in ${proxyVar}.`)
        : result(`${where}: host name does not resolve (${detail})`, `Check the host name of this GOPROXY entry; if it only resolves inside a VPN/private network, use a runner inside that network or set HTTPS_PROXY.`);
    case 'refused':
      return viaProxy
        ? result(`${where}: the forward proxy refused the connection (${detail})`, `Check that the forward proxy in ${proxyVar} is running and its port is right, or add ${hostnameOf(context.host)} to NO_PROXY.`)
        : result(`${where}: connection refused (${detail})`, `Nothing accepts connections at ${context.host}: check the port and scheme of this GOPROXY entry and that the proxy service is running.`);
    case 'connect-timeout':
      return viaProxy
        ? result(`${where}: connecting to the forward proxy timed out`, `Check that the forward proxy in ${proxyVar} is reachable, or add ${hostnameOf(context.host)} to NO_PROXY.`)
        : result(`${where}: TCP/TLS connect timed out`, `A firewall is probably dropping traffic to ${context.host}: allow egress from the runner, set HTTPS_PROXY if this network requires a forward proxy, or remove the entry.`);
    case 'headers-timeout':
      return result(`${where}: connection accepted but no response headers — the go command would hang here`, 'Fix or remove this GOPROXY entry; a hang is not an error the go command falls through on.');
    case 'body-timeout':
      return result(`${where}: the response body stalled — the go command would hang here`, 'Fix or remove this GOPROXY entry; a stalled download is not an error the go command falls through on.');
    case 'tls-unknown-ca':
      return result(`${where}: TLS certificate is signed by an unknown authority (${detail})`, tlsCaFix(context.platform));
    case 'tls-expired':
      return result(
        `${where}: TLS certificate ${detail === 'CERT_NOT_YET_VALID' ? 'is not yet valid' : 'has expired'} (${detail})`,
        'Renew the server certificate (or the TLS-inspecting proxy\'s certificate); also check the runner\'s clock.',
      );
    case 'tls-hostname':
      return result(
        `${where}: TLS certificate is not valid for ${context.host} (${detail})`,
        'Use the host name the certificate was issued for in GOPROXY, or reissue the certificate with that name in its subjectAltName.',
      );
    case 'tls-other':
      if (isWrongVersionNumber(facts)) {
        return result(`${where}: TLS handshake failed (${detail}); the server probably speaks plain HTTP on this port`, 'Use http:// for this entry or the server\'s TLS port.');
      }
      if (facts.codes.includes('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE')) {
        // TLS 1.2 servers answer a missing client certificate with this generic alert too.
        return result(`${where}: TLS handshake failed (${detail})`, `Check that this URL's port serves TLS with a modern protocol/cipher. If the server requires a client certificate, ${clientCertFix}`);
      }
      return result(`${where}: TLS handshake failed (${detail})`, 'Check that this URL\'s port serves TLS with a modern protocol/cipher, or use the correct scheme.');
    case 'tls-client-cert-required':
      return result(
        detail === 'certificate required'
          ? `${where}: the server requires a TLS client certificate (TLS alert: certificate required), which the go command cannot present (golang/go#30119)`
          : `${where}: the server refused the TLS handshake with alert "${detail}": it wants a valid client certificate`,
        `This is an mTLS proxy: ${clientCertFix}`,
      );
    case 'reset':
      return result(
        `${where}: connection reset/closed before a response (${detail})`,
        'The server or a firewall closed the connection: check scheme and port (https:// on a plain-HTTP port closes this way), and any TLS-inspecting proxy.',
      );
    default:
      return result(`${where}: request failed (${detail})`, 'Check that this GOPROXY entry is reachable from the runner.');
  }
}

// ---------------------------------------------------------------------------
// HTTP responses -> classification

/**
 * Why a 200 body is not what the module proxy protocol sends for this
 * endpoint, or null when it plausibly is. `body` may be truncated.
 */
export function sniffNotProtocol(endpoint: Endpoint, contentType: string | null, body: string): string | null {
  const trimmed = body.trimStart();
  const looksHtml = /^text\/html/i.test(contentType ?? '') || /^<(!doctype|html|head|body|\?xml|!--)/i.test(trimmed);
  if (looksHtml) return 'an HTML page (often a login portal or the web UI of the repository manager)';
  switch (endpoint) {
    case 'module-list': {
      // Go ignores lines whose first field is not a version; a body with
      // non-version lines is some other API's answer (JSON, an error text).
      const lines = body.split('\n');
      if (body.length >= 65536) lines.pop(); // may be cut mid-line
      const bad = lines.map((l) => l.trim().split(/\s+/)[0] ?? '').find((first) => first !== '' && !/^v\d/.test(first));
      return bad === undefined ? null : `a body that is not a version list (starts with ${JSON.stringify(bad.slice(0, 30))})`;
    }
    case 'module-info': {
      try {
        const parsed: unknown = JSON.parse(body);
        if (isRecord(parsed) && typeof parsed['Version'] === 'string') return null;
        return 'JSON without a "Version" field';
      } catch {
        return 'a body that is not JSON';
      }
    }
    case 'sumdb-latest':
      // A signed tree note: "<origin>\n<size>\n<hash>\n\n— <name> <sig>".
      return /^[^\n]+\n\d+\n[A-Za-z0-9+/=]+\n\n\u2014 /.test(body) ? null : 'a body that is not a signed checksum-database tree note';
    case 'sumdb-lookup':
      return /\n\n\u2014 /.test(body) || /^\d+\n/.test(body) ? null : 'a body that is not a checksum-database lookup record';
    case 'sumdb-supported':
      return null; // the go command only looks at the status
  }
}

/** The first line of a text/plain error body, as the go command appends it ("server response: ..."). */
export function serverResponseLine(contentType: string | null, body: string, secrets: readonly string[]): string | null {
  if (!/^text\/plain/i.test(contentType ?? '')) return null;
  const first = body.split('\n').find((line) => line.trim() !== '');
  return first === undefined ? null : oneLine(redactText(first, secrets), 120);
}

/** Every ErrorClass, for reading one back from text. */
const ERROR_CLASSES: ReadonlySet<string> = new Set<ErrorClass>([
  'dns', 'refused', 'connect-timeout', 'reset', 'headers-timeout', 'body-timeout', 'tls-unknown-ca', 'tls-expired', 'tls-hostname', 'tls-other',
  'tls-client-cert-required', 'proxy-connect', 'http-401', 'http-403', 'http-5xx', 'http-other', 'redirect-loop', 'redirect-insecure',
  'not-module-protocol', 'file-missing', 'file-unreadable', 'budget-exhausted', 'insecure-credentials',
]);

/**
 * The action's loopback mTLS bridge (src/localproxy) answers 502/504 with
 * "setup-goproxy bridge [<class>]: <message>" and "fix: <fix>" lines when the upstream behind
 * it failed: the probe reports that class, as it would for a direct request.
 */
export function bridgeFailure(contentType: string | null, body: string): { errorClass: ErrorClass; message: string; fix: string | null } | null {
  const prefix = 'setup-goproxy bridge [';
  if (!/^text\/plain/i.test(contentType ?? '') || !body.startsWith(prefix)) return null;
  const close = body.indexOf(']: ', prefix.length);
  if (close < 0 || close > prefix.length + 40) return null;
  const errorClass = body.slice(prefix.length, close);
  if (!ERROR_CLASSES.has(errorClass)) return null;
  const [first = '', second = ''] = body.split('\n', 2);
  return {
    errorClass: errorClass as ErrorClass,
    message: `through the action's loopback bridge: ${first.slice(close + 3)}`,
    fix: second.startsWith('fix: ') ? second.slice('fix: '.length) : null,
  };
}

function isSumdbEndpoint(endpoint: Endpoint): boolean {
  return endpoint.startsWith('sumdb-');
}

export function classifyResponse(
  status: number,
  contentType: string | null,
  body: string,
  context: ClassifyContext,
  secrets: readonly string[] = [],
): Classification {
  const where = `${context.url}${proxySuffix(context)}`;
  const serverSays = serverResponseLine(contentType, body, secrets);
  const said = serverSays === null ? '' : ` — server response: ${serverSays}`;
  const make = (verdict: Verdict, errorClass: ErrorClass | null, message: string, fix: string | null): Classification => ({
    verdict,
    errorClass,
    message: oneLine(message, 260),
    fix: fix === null ? null : oneLine(fix, 400),
  });

  const bridged = status === 502 || status === 504 ? bridgeFailure(contentType, body) : null;
  if (bridged !== null) return make('unhealthy', bridged.errorClass, `${where}: ${redactText(bridged.message, secrets)}`, bridged.fix);

  if (status === 200) {
    const reason = sniffNotProtocol(context.endpoint, contentType, body);
    if (reason !== null) {
      return make(
        'unhealthy',
        'not-module-protocol',
        `${where}: answered 200 with ${reason}, not the Go module proxy protocol`,
        'Point GOPROXY at the repository manager\'s Go endpoint (e.g. Artifactory …/api/go/<repo>, Nexus …/repository/<go-proxy-repo>/, Athens base URL) and check that no login portal intercepts the request.',
      );
    }
    return make('healthy', null, `${where}: 200 OK`, null);
  }
  if (status === 404 || status === 410) {
    if (context.endpoint === 'sumdb-latest') {
      return make('unhealthy', 'http-other', `${where}: ${status} — no checksum database at this URL`, 'Check the URL in GOSUMDB ("<name> <url>") or the proxy\'s /sumdb/<name>/ support.');
    }
    if (context.endpoint === 'sumdb-lookup') {
      return make(
        'unhealthy',
        'http-other',
        `${where}: ${status} — the checksum database has no record of this module version, so verification would fail${said}`,
        'If the module is private, add its path to GONOSUMDB (or GOPRIVATE); otherwise check the module path and version.',
      );
    }
    const what = context.endpoint === 'sumdb-supported'
      ? 'does not proxy the checksum database; the go command moves on to the next entry'
      : 'speaks the protocol; the module is not found here, so the go command falls through to the next entry';
    return make('healthy', null, `${where}: ${status} — ${what}`, null);
  }
  if (status === 401) {
    return make(
      'refused',
      'http-401',
      `${where}: 401 Unauthorized — credentials missing or rejected${said}`,
      `Provide credentials for ${context.host}: a ~/.netrc line "machine ${context.host} login <user> password <token>" (the go command sends it over https only; the machine must include the port when the URL has one), or GOAUTH on Go 1.24+.`,
    );
  }
  if (status === 403) {
    if (isSumdbEndpoint(context.endpoint)) {
      return make(
        'refused',
        'http-403',
        `${where}: 403 Forbidden on the checksum database path${said}`,
        'Proxies such as Athens refuse checksum lookups for private module paths: add those paths to GONOSUMDB (or GOPRIVATE), or set GOSUMDB=off only if you verify modules otherwise.',
      );
    }
    return make(
      'refused',
      'http-403',
      `${where}: 403 Forbidden — the credentials lack permission or the proxy blocks this path${said}`,
      'Check the token\'s scope/permissions for this repository, and the proxy\'s allow/deny list for the module path.',
    );
  }
  if (status === 407) {
    return make('unhealthy', 'proxy-connect', `${where}: 407 Proxy Authentication Required`, `Put the proxy credentials into ${context.proxyVariable ?? 'HTTP_PROXY'} (http://user:password@proxy:port), or add ${hostnameOf(context.host)} to NO_PROXY.`);
  }
  if (status >= 500 && status <= 599) {
    return make(
      'unhealthy',
      'http-5xx',
      `${where}: ${status} server error${said}`,
      'The proxy is failing: with "," after this entry the go command stops here; use "|" to fall through to the next entry, or remove/fix the entry.',
    );
  }
  if (status === 400) {
    // nginx (ssl_verify_client on) completes the handshake and answers 400 with one of these pages.
    const nginx = /No required SSL certificate was sent|The SSL certificate error/.exec(body)?.[0];
    if (nginx !== undefined) {
      return make(
        'unhealthy',
        'tls-client-cert-required',
        nginx.startsWith('No required')
          ? `${where}: 400 "${nginx}": the server requires a TLS client certificate, which the go command cannot present (golang/go#30119)`
          : `${where}: 400 "${nginx}": the server refused the TLS client certificate`,
        nginx.startsWith('No required') ? `This is an mTLS proxy: ${clientCertFix}` : 'Check that client-certificate is the certificate this server expects (issued by a CA it trusts, not expired, with the clientAuth usage) and that client-key is its key.',
      );
    }
  }
  return make(
    'unhealthy',
    'http-other',
    `${where}: unexpected HTTP ${status}${said}`,
    'This is not a Go module proxy answer: check the URL path of this GOPROXY entry.',
  );
}
