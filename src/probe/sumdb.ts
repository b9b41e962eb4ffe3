// Probe of the checksum database the go command will use (§5): either the
// database itself (`https://sum.golang.org`, or the URL in GOSUMDB
// "<name> <url>") or a proxy that serves it (`<proxy>/sumdb/<name>`).
// Two questions, the ones every verification starts with:
//   GET <base>/latest                     the signed tree head (must be a signed note)
//   GET <base>/lookup/<module>@<version>  one record (optional)
// Same forward proxy, TLS trust, redirects and bounds as the module probe.

import { classifyFailure, classifyResponse, redactUrl } from './classify.js';
import type { Classification, Endpoint, ErrorClass } from './classify.js';
import { escapeModulePath, escapeModuleVersion, joinProxyPath } from './moduleEscape.js';
import { ProbeNetwork } from './network.js';
import { sharedTrust, type TrustSource } from './trust.js';
import { getLikeGo, userinfoSecrets } from './probe.js';
import type { GetContext, GetOutcome, NetrcEntry } from './probe.js';

export interface SumdbProbeResult {
  /** Redacted. */
  baseUrl: string;
  ok: boolean;
  status: number | null;
  errorClass: ErrorClass | null;
  latencyMs: number;
  message: string;
  fix: string | null;
}

export interface SumdbProbeOptions {
  lookup?: { path: string; version: string };
  budgetMs: number;
  env: NodeJS.ProcessEnv;
  /** Sent over https like the go command does (machine = host[:port] as written). */
  netrc?: NetrcEntry[];
  requestTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** The TLS trust; default the process's shared, lazily loaded sharedTrust(env, platform). */
  trust?: TrustSource;
  /** Whose trust rules apply (and the fixes name); default process.platform. */
  platform?: NodeJS.Platform;
}

function result(baseUrl: string, classification: Classification, status: number | null, latencyMs: number): SumdbProbeResult {
  return {
    baseUrl,
    ok: classification.verdict === 'healthy',
    status,
    errorClass: classification.errorClass,
    latencyMs,
    message: classification.message,
    fix: classification.fix,
  };
}

export async function probeSumdb(baseUrl: string, options: SumdbProbeOptions): Promise<SumdbProbeResult> {
  const budgetEndsAt = Date.now() + options.budgetMs;
  const display = redactUrl(baseUrl).replace(/\/+$/, '');
  let base: URL;
  try {
    base = new URL(baseUrl);
    if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new Error(`unsupported scheme ${base.protocol}`);
  } catch (error) {
    const reason = error instanceof Error && error.message.startsWith('unsupported') ? error.message : 'cannot be parsed';
    const context = { url: display, host: '', endpoint: 'sumdb-latest' as const, viaProxy: null, proxyVariable: null };
    return result(display, classifyFailure({ kind: 'invalid-url', reason }, context), null, 0);
  }

  // Build the lookup path first: an invalid module is a caller error, reported before any I/O.
  let lookupPath: string | null = null;
  if (options.lookup !== undefined) {
    lookupPath = joinProxyPath(base.pathname, 'lookup', `${escapeModulePath(options.lookup.path)}@${escapeModuleVersion(options.lookup.version)}`);
  }

  const network = new ProbeNetwork({
    connectTimeoutMs: Math.max(1, Math.min(options.connectTimeoutMs ?? 5000, options.budgetMs)),
    trust: options.trust ?? sharedTrust(options.env, options.platform),
    env: options.env,
  });
  const secrets = [...userinfoSecrets(base), ...(options.netrc ?? []).map((n) => n.password)];
  const getContext: GetContext = {
    network,
    budgetEndsAt,
    requestTimeoutMs: options.requestTimeoutMs ?? Math.min(options.budgetMs, 10_000),
    netrc: options.netrc ?? [],
    secrets,
  };
  const ask = async (path: string, endpoint: Endpoint): Promise<{ outcome: GetOutcome; classification: Classification }> => {
    const url = new URL(base.href);
    url.pathname = path;
    url.hash = '';
    const outcome = await getLikeGo(url, baseUrl, getContext);
    const context = {
      url: redactUrl(outcome.finalUrl.href),
      host: outcome.finalUrl.host,
      endpoint,
      viaProxy: outcome.proxy?.display ?? null,
      proxyVariable: outcome.proxy?.variable ?? null,
      ...(options.platform === undefined ? {} : { platform: options.platform }),
    };
    const classification = outcome.kind === 'response'
      ? classifyResponse(outcome.status, outcome.contentType, outcome.body, context, secrets)
      : classifyFailure(outcome.failure, context);
    return { outcome, classification };
  };
  const statusOf = (outcome: GetOutcome): number | null => (outcome.kind === 'response' ? outcome.status : null);

  try {
    const latest = await ask(joinProxyPath(base.pathname, 'latest'), 'sumdb-latest');
    if (latest.classification.verdict !== 'healthy' || lookupPath === null) {
      const ok = latest.classification.verdict === 'healthy';
      const classification = ok
        ? { ...latest.classification, message: `${display}: serves a signed tree head (/latest 200)` }
        : latest.classification;
      return result(display, classification, statusOf(latest.outcome), latest.outcome.latencyMs);
    }
    const lookup = await ask(lookupPath, 'sumdb-lookup');
    const latencyMs = latest.outcome.latencyMs + lookup.outcome.latencyMs;
    if (lookup.classification.verdict !== 'healthy') return result(display, lookup.classification, statusOf(lookup.outcome), latencyMs);
    const lookedUp = `${options.lookup?.path ?? ''}@${options.lookup?.version ?? ''}`;
    return result(display, { ...lookup.classification, message: `${display}: serves /latest and a record for ${lookedUp}` }, statusOf(lookup.outcome), latencyMs);
  } finally {
    await network.close();
  }
}
