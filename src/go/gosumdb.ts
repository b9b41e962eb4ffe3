// GOSUMDB: parsing as modfetch/sumdb.go `dbDial` does it (with x/mod/sumdb/note NewVerifier for
// the key) and the route `dbClient.initBase` picks for the database traffic (go-semantics.md §5).

import { createHash } from 'node:crypto';
import { goFields, tryProxies, walkElements, type ProxyListParse } from './proxyList.js';
import { formatGoURL, formatGoURLStruct, parseGoURL } from './url.js';

export type GosumdbConfig =
  | { kind: 'off' }
  | {
      kind: 'db';
      /** The database name from the verifier key, e.g. "sum.golang.org" or "sumdb.example/sub". */
      name: string;
      /** The full verifier key (known names are expanded). */
      verifierKey: string;
      /** The explicit URL (second field): lookups go there and GOPROXY is bypassed. */
      url: string | null;
    };

export type GosumdbParse = { ok: true; config: GosumdbConfig } | { ok: false; error: string };

/** modfetch/key.go knownGOSUMDB. */
export const KNOWN_GOSUMDB: Readonly<Record<string, string>> = {
  'sum.golang.org': 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8',
};

/** The alias dbDial rewrites (reachable from mainland China). */
export const GOSUMDB_ALIASES: Readonly<Record<string, string>> = {
  'sum.golang.google.cn': 'sum.golang.org https://sum.golang.google.cn',
};

const ERR_VERIFIER_ID = 'malformed verifier id';
const ERR_VERIFIER_HASH = 'invalid verifier hash';
const ERR_VERIFIER_ALG = 'unknown verifier algorithm';
const ALG_ED25519 = 1;

/** encoding/base64 StdEncoding.DecodeString (padded, not strict; \r and \n are skipped). */
export function decodeStdBase64(s: string): Uint8Array | null {
  const clean = s.replace(/[\r\n]/g, '');
  if (clean.length % 4 !== 0) return null;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const out: number[] = [];
  for (let q = 0; q < clean.length; q += 4) {
    const quantum = clean.slice(q, q + 4);
    const pad = quantum.indexOf('=');
    if (pad >= 0) {
      // Padding only in the last quantum, only after at least two data characters, and "xx=y" is invalid.
      if (q + 4 !== clean.length || pad < 2 || !/^=+$/.test(quantum.slice(pad))) return null;
    }
    const data = pad >= 0 ? quantum.slice(0, pad) : quantum;
    let bits = 0;
    for (const ch of data) {
      const v = alphabet.indexOf(ch);
      if (v < 0) return null;
      bits = (bits << 6) | v;
    }
    if (data.length === 4) out.push((bits >> 16) & 255, (bits >> 8) & 255, bits & 255);
    else if (data.length === 3) out.push((bits >> 10) & 255, (bits >> 2) & 255);
    else out.push((bits >> 4) & 255);
  }
  return Uint8Array.from(out);
}

/** note.go keyHash: first 4 bytes (big-endian) of SHA-256(name + "\n" + key). */
export function verifierKeyHash(name: string, key: Uint8Array): number {
  const digest = createHash('sha256').update(name, 'utf8').update('\n').update(key).digest();
  return digest.readUInt32BE(0);
}

/** note.go isValidName: non-empty, valid UTF-8, no Unicode space, no '+'. */
function isValidName(name: string): boolean {
  if (name === '' || name.includes('+')) return false;
  if (/[\uD800-\uDFFF]/.test(name.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) return false;
  return goFields(name).length === 1 && goFields(name)[0] === name;
}

/** note.NewVerifier's checks; returns the database name or the error text. */
export function checkVerifierKey(vkey: string): { ok: true; name: string } | { ok: false; error: string } {
  const chop = (s: string): [string, string] => {
    const i = s.indexOf('+');
    return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
  };
  const [name, afterName] = chop(vkey);
  const [hash16, key64] = chop(afterName);
  const hashOk = /^[0-9a-fA-F]{8}$/.test(hash16);
  const key = decodeStdBase64(key64);
  if (!hashOk || key === null || !isValidName(name) || key.length === 0) return { ok: false, error: ERR_VERIFIER_ID };
  if (parseInt(hash16, 16) !== verifierKeyHash(name, key)) return { ok: false, error: ERR_VERIFIER_HASH };
  if (key[0] !== ALG_ED25519) return { ok: false, error: ERR_VERIFIER_ALG };
  if (key.length - 1 !== 32) return { ok: false, error: ERR_VERIFIER_ID };
  return { ok: true, name };
}

/**
 * Parse a resolved GOSUMDB value. Errors are the text after "verifying <module>: " in the go
 * command's message, e.g. "invalid GOSUMDB: malformed verifier id".
 */
export function parseGosumdb(value: string): GosumdbParse {
  const rewritten = GOSUMDB_ALIASES[value] ?? value;
  // Exact compare: "OFF" or " off" are treated as (malformed) keys.
  if (rewritten === 'off') return { ok: true, config: { kind: 'off' } };
  const fields = goFields(rewritten);
  if (fields.length === 0) return { ok: false, error: 'missing GOSUMDB' };
  const key = KNOWN_GOSUMDB[fields[0]!] ?? fields[0]!;
  if (fields.length > 2) return { ok: false, error: 'invalid GOSUMDB: too many fields' };
  const verified = checkVerifierKey(key);
  if (!verified.ok) return { ok: false, error: `invalid GOSUMDB: ${verified.error}` };
  const name = verified.name;

  // "No funny business in the database name": https://<name> must be only host[/path].
  const direct = parseGoURL('https://' + name);
  if (!direct.ok) {
    // The go command dereferences a nil URL here and crashes; report the parse error instead.
    return { ok: false, error: `invalid sumdb name (must be host[/path]): ${name} (${direct.error})` };
  }
  const d = direct.url;
  const onlyHostPath =
    d.opaque === '' && d.username === null && !(d.omitHost ?? false) && !d.forceQuery && d.rawQuery === '' && d.fragment === '' && (d.rawFragment ?? '') === '';
  if (name.endsWith('/') || !onlyHostPath || (d.rawPath ?? '') !== '' || d.host === '') {
    return { ok: false, error: `invalid sumdb name (must be host[/path]): ${name} ${formatGoURLStruct(d)}` };
  }

  let url: string | null = null;
  if (fields.length === 2) {
    const parsed = parseGoURL(fields[1]!);
    if (!parsed.ok) return { ok: false, error: `invalid GOSUMDB URL: ${parsed.error}` };
    url = formatGoURL(parsed.url);
  }
  return { ok: true, config: { kind: 'db', name, verifierKey: key, url } };
}

/** The https://<name> URL the go command uses when it goes to the database directly. */
export function directSumdbURL(name: string): string {
  return 'https://' + name;
}

export type SupportedOutcome = 'ok' | 'not-found' | 'error';

export interface SumdbRoute {
  /**
   * explicit-url: GOSUMDB's second field; proxy: <proxy>/sumdb/<name> answered /supported with 200;
   * direct: https://<name>; fails: verification fails (a non-404/410 probe error is the reported
   * error); off: GOSUMDB=off.
   */
  via: 'explicit-url' | 'proxy' | 'direct' | 'fails' | 'off';
  /** Base URL of all database requests (lookup, tile, latest); null for fails/off. */
  baseUrl: string | null;
  /** The proxy URLs whose <proxy>/sumdb/<name>/supported was requested, in order. */
  proxiesAsked: string[];
  reason: string;
}

/** The /supported probe URL for one proxy entry (web.Join of the base and "sumdb/<name>/supported"). */
export function sumdbSupportedURL(proxyUrl: string, name: string): string {
  return joinURLPath(proxyUrl, `sumdb/${name}/supported`);
}

/**
 * web.Join(base, rel) (web/api.go): ONE trailing '/' of the base path is removed, then "/" + rel is
 * appended (no cleaning: a base ending in "//" keeps one extra slash).
 */
function joinURLPath(base: string, rel: string): string {
  const trimOne = (s: string): string => (s.endsWith('/') ? s.slice(0, -1) : s);
  const parsed = parseGoURL(base);
  if (!parsed.ok) return trimOne(base) + '/' + rel;
  const u = parsed.url;
  return formatGoURL({ ...u, path: trimOne(u.path) + '/' + rel, rawPath: trimOne(u.rawPath ?? '') + '/' + rel });
}

/**
 * Plan where checksum-database traffic goes (dbClient.initBase), given what each proxy answers to
 * <proxy>/sumdb/<name>/supported. "noproxy" is skipped (GONOPROXY never routes the database),
 * "direct"/"off" end the walk towards the database itself, a 404/410 moves on, other failures
 * move on only after '|' and, if they end up as the reported error, make verification fail.
 */
export function planSumdbRoute(config: GosumdbConfig, proxyList: ProxyListParse & { ok: true }, supported: (proxyUrl: string) => SupportedOutcome): SumdbRoute {
  if (config.kind === 'off') return { via: 'off', baseUrl: null, proxiesAsked: [], reason: 'GOSUMDB=off: no checksum database' };
  if (config.url !== null) {
    return { via: 'explicit-url', baseUrl: config.url, proxiesAsked: [], reason: `GOSUMDB names an explicit URL; GOPROXY is bypassed for ${config.name}` };
  }
  const proxiesAsked: string[] = [];
  const elements = walkElements(proxyList);
  const walk = tryProxies(elements, (element) => {
    if (element.url === 'noproxy') return { kind: 'not-found', error: 'path does not match GOPRIVATE/GONOPROXY', noproxyDeclined: true };
    if (element.url === 'direct' || element.url === 'off') return { kind: 'not-found', error: 'module lookup disabled by GOPROXY=off' };
    proxiesAsked.push(element.url);
    const outcome = supported(element.url);
    if (outcome === 'ok') return { kind: 'ok' };
    return outcome === 'not-found' ? { kind: 'not-found', error: `${element.url}: not found` } : { kind: 'error', error: `${element.url}: error` };
  });
  const served = walk.servedBy === null ? null : (elements[walk.servedBy]?.url ?? null);
  if (served !== null) {
    return { via: 'proxy', baseUrl: joinURLPath(served, `sumdb/${config.name}`), proxiesAsked, reason: `${served} answered /sumdb/${config.name}/supported with 200` };
  }
  if (walk.errorIsNotFound || walk.error === null) {
    return { via: 'direct', baseUrl: directSumdbURL(config.name), proxiesAsked, reason: 'no proxy offers the checksum database (404/410, direct or off): the go command connects to it directly' };
  }
  const failing = walk.errorFrom === null ? null : (elements[walk.errorFrom]?.url ?? null);
  return {
    via: 'fails',
    baseUrl: null,
    proxiesAsked,
    reason: `${failing ?? 'a proxy'} failed /sumdb/${config.name}/supported with an error other than 404/410: checksum verification fails`,
  };
}
