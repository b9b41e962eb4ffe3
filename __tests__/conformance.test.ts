// Conformance with the real go command (go1.23.5): every vector in shared/conformance/*.json is
// replayed through the pure Go-semantics modules. The directory is required: a missing directory
// fails the run (CI clones the repository with shared/ beside it).

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseGoEnvFile, goEnvWriteError, updateGoEnvFile } from '../src/go/envFile.js';
import { goflagsCheck } from '../src/go/goflags.js';
import { parseGosumdb, planSumdbRoute, sumdbSupportedURL, type SupportedOutcome } from '../src/go/gosumdb.js';
import { authorizationFor, parseNetrc } from '../src/go/netrc.js';
import { matchPrefixPatterns } from '../src/go/patterns.js';
import { resolveModuleEnv, type ValueLayers } from '../src/go/precedence.js';
import { ERR_NOPROXY, ERR_PROXY_OFF, ERR_USE_PROXY, parseProxyList, tryProxies, walkElements, type AttemptOutcome, type ProxyListParse, type WalkElement } from '../src/go/proxyList.js';
import { formatGoURL, parseGoURL, redactGoURL, redactGoURLTransport, type GoURL } from '../src/go/url.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/**
 * The vectors live in shared/conformance beside the repository (where they are re-verified against
 * a go binary); a copy is kept in __tests__/conformance-vectors so a clone on its own (GitHub's CI)
 * runs them too. When both exist the copy must equal the original: see the drift test below.
 */
const SHARED_DIR = path.resolve(here, '..', '..', 'shared', 'conformance');
const VENDORED_DIR = path.resolve(here, 'conformance-vectors');
const CONFORMANCE_DIR = process.env['SETUP_GOPROXY_CONFORMANCE_DIR'] ?? (existsSync(SHARED_DIR) ? SHARED_DIR : VENDORED_DIR);

// Concrete values for the placeholders, used consistently everywhere.
const PLACEHOLDERS: Record<string, string> = {
  '{P}': '18080',
  '{TP}': '18443',
  '{CLOSED}': '18999',
  '{FILEDIR}': '/tmp/conformance/fileproxy',
  '{EMPTYDIR}': '/tmp/conformance/empty',
  '{GOOS}': 'linux',
  '{GOARCH}': 'amd64',
  '{GOMODCACHE}': '/tmp/conformance/modcache',
  '{TMP}': '/tmp/conformance/tmp',
  '{GOROOT}': '/usr/lib/go-1.23',
};
const P = PLACEHOLDERS['{P}']!;
const TP = PLACEHOLDERS['{TP}']!;
const CLOSED = PLACEHOLDERS['{CLOSED}']!;

function sub(s: string): string {
  return s.replace(/\{[A-Z]+\}/g, (m) => {
    const v = PLACEHOLDERS[m];
    if (v === undefined) throw new Error(`unknown placeholder ${m}`);
    return v;
  });
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Vectors {
  cases: Array<Record<string, Json>>;
  fallback_cases?: Array<Record<string, Json>>;
}

function load(file: string): Vectors {
  return JSON.parse(readFileSync(path.join(CONFORMANCE_DIR, file), 'utf8')) as Vectors;
}

function str(v: Json | undefined): string {
  assert.equal(typeof v, 'string');
  return v as string;
}

function optStr(v: Json | undefined): string | null {
  return typeof v === 'string' ? v : null;
}

function label(v: string): string {
  return JSON.stringify(v).slice(0, 110);
}

/** The $GOROOT/go.env the vectors were recorded with. */
const GOROOT_GO_ENV = 'GOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=auto\n';

/** The harness runs every go command with GOTOOLCHAIN=local unless the case says otherwise. */
function caseEnv(env: Json | undefined): Record<string, string> {
  const out: Record<string, string> = { GOTOOLCHAIN: 'local' };
  if (env !== null && typeof env === 'object' && !Array.isArray(env)) {
    for (const [key, value] of Object.entries(env)) {
      if (value === null) delete out[key];
      else out[key] = sub(str(value));
    }
  }
  return out;
}

function resolveEnv(env: Record<string, string>, userFile: string | null) {
  const user = userFile === null || env['GOENV'] === 'off' ? null : parseGoEnvFile(userFile);
  const goroot = parseGoEnvFile(GOROOT_GO_ENV);
  const names = new Set([...Object.keys(env), ...(user?.keys() ?? []), ...goroot.keys(), 'GOPROXY', 'GOSUMDB', 'GONOPROXY', 'GONOSUMDB', 'GOPRIVATE']);
  const layers: Record<string, ValueLayers> = {};
  for (const name of names) {
    const layer: ValueLayers = {};
    if (env[name] !== undefined) layer.env = env[name];
    if (user?.has(name) === true) layer.userEnvFile = user.get(name)!;
    if (goroot.has(name)) layer.gorootEnvFile = goroot.get(name)!;
    layers[name] = layer;
  }
  return resolveModuleEnv(layers, {});
}

/** The URL the go command requests for a module file under a proxy base (modfetch/proxy.go). */
function proxyFileURL(base: string, file: string): GoURL {
  const parsed = parseGoURL(base);
  assert.ok(parsed.ok, base);
  const u = parsed.url;
  const joined = (u.path.endsWith('/') ? u.path.slice(0, -1) : u.path) + '/example.com/m/' + file;
  // path.Join-cleaning of the request path (any run of slashes becomes one).
  return { ...u, path: joined.replace(/\/{2,}/g, '/'), rawPath: '', fragment: '', rawFragment: '' };
}

test('conformance directory is present', () => {
  assert.ok(existsSync(CONFORMANCE_DIR), `conformance vectors not found at ${CONFORMANCE_DIR} (set SETUP_GOPROXY_CONFORMANCE_DIR)`);
});

test('the vendored copy of the vectors equals shared/conformance (when it is beside the repo)', (t) => {
  if (!existsSync(SHARED_DIR)) {
    t.skip('no shared/ beside this clone; the vendored copy is the source');
    return;
  }
  for (const name of readdirSync(SHARED_DIR).filter((file) => file.endsWith('.json'))) {
    assert.equal(readFileSync(path.join(VENDORED_DIR, name), 'utf8'), readFileSync(path.join(SHARED_DIR, name), 'utf8'), `${name} differs: copy shared/conformance/*.json into __tests__/conformance-vectors/`);
  }
});

// ---------------------------------------------------------------------------------------------

describe('patterns.json: module.MatchPrefixPatterns', () => {
  for (const c of load('patterns.json').cases) {
    test(`${label(str(c['patterns']))} vs ${label(str(c['path']))} -> ${String(c['match'])}`, () => {
      assert.equal(matchPrefixPatterns(str(c['patterns']), str(c['path'])), c['match']);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// GOPROXY

/** How the recording harness's world answers a list element, and how its request is logged. */
interface World {
  behaviour: Record<string, Json>;
  moduleIsNoproxy: boolean;
  file: string;
}

function loopbackSegment(u: GoURL): string {
  return u.path.split('/').filter((s) => s !== '')[0] ?? '';
}

function attemptIn(world: World, element: WalkElement, log: string[], fullRequests: boolean): AttemptOutcome & { noproxyDeclined?: boolean; direct?: boolean } {
  const { url } = element;
  if (url === 'noproxy') {
    if (!world.moduleIsNoproxy) return { kind: 'not-found', error: ERR_USE_PROXY, noproxyDeclined: true };
    log.push('CONNECT example.com:443');
    return { kind: 'error', error: 'unrecognized import path "example.com/m"', direct: true };
  }
  if (world.moduleIsNoproxy && url !== 'direct') return { kind: 'not-found', error: ERR_NOPROXY };
  if (url === 'off') return { kind: 'not-found', error: ERR_PROXY_OFF };
  if (url === 'direct') {
    log.push(fullRequests ? 'CONNECT example.com:443' : 'ext:example.com:443');
    return { kind: 'error', error: 'unrecognized import path "example.com/m"', direct: true };
  }
  const parsed = parseGoURL(url);
  assert.ok(parsed.ok);
  const u = parsed.url;
  if (u.scheme === 'file') {
    return u.path === PLACEHOLDERS['{FILEDIR}'] ? { kind: 'ok' } : { kind: 'not-found', error: 'file does not exist' };
  }
  if (u.host === '') return { kind: 'error', error: 'http: no Host in request URL' };
  const request = proxyFileURL(url, world.file);
  const hostPort = u.host.includes(':') ? u.host : `${u.host}:${u.scheme === 'https' ? 443 : 80}`;
  const isLoopback = u.host === `127.0.0.1:${P}` || u.host === `127.0.0.1:${TP}` || u.host === `localhost:${TP}`;
  if (u.host === `127.0.0.1:${CLOSED}`) return { kind: 'error', error: 'connection refused' };
  if (!isLoopback) {
    log.push(fullRequests ? `CONNECT ${hostPort}` : `ext:${hostPort}`);
    return { kind: 'error', error: 'Forbidden' };
  }
  if (u.scheme === 'https' && u.host === `127.0.0.1:${P}`) return { kind: 'error', error: 'tls: first record does not look like a TLS handshake' };
  const seg = loopbackSegment(request);
  log.push(fullRequests ? `GET ${formatGoURL({ ...request, username: null, password: null })}` : `${u.scheme}:${formatGoURL(request).split('/')[3] ?? seg}`);
  let behaviour: Json | undefined = 404;
  if (seg.startsWith('cfg-')) behaviour = world.behaviour[seg.slice(4)] ?? 404;
  if (behaviour === 'ok') return { kind: 'ok' };
  if (behaviour === 'ok-nozip') return world.file.endsWith('.zip') ? { kind: 'not-found', error: '404' } : { kind: 'ok' };
  if (behaviour === 404 || behaviour === 410) return { kind: 'not-found', error: `${formatGoURL(request)}: ${String(behaviour)}` };
  return { kind: 'error', error: `${formatGoURL(request)}: ${String(behaviour)}` };
}

describe('proxy-lists.json cases: GOPROXY parsing', () => {
  for (const c of load('proxy-lists.json').cases) {
    const value = sub(str(c['value']));
    test(`GOPROXY=${label(value)} ${c['valid'] === true ? 'valid' : 'invalid'}`, () => {
      const parsed = parseProxyList(value, '');
      assert.equal(parsed.ok, c['valid']);
      if (!parsed.ok) {
        assert.equal(parsed.error, sub(str(c['error_core'])));
        assert.equal(sub(str(c['error'])), `go: example.com/m@v1.0.0: ${parsed.error}`);
        return;
      }
      const expected = (c['entries'] as Array<Record<string, Json>>).map((e) => ({ url: sub(str(e['url'])), fallthrough: str(e['fallthrough']) }));
      assert.deepEqual(
        parsed.entries.map((e) => ({ url: e.url, fallthrough: e.fallthrough })),
        expected,
      );
      // The walk when every loopback upstream answers 404.
      const log: string[] = [];
      const world: World = { behaviour: {}, moduleIsNoproxy: false, file: '@v/v1.0.0.info' };
      const walk = tryProxies(walkElements(parsed), (element) => attemptIn(world, element, log, false));
      assert.deepEqual(log, (c['observed_walk_all_404'] as Json[]).map((s) => sub(str(s))));
      assert.equal(walk.servedBy === null ? 1 : 0, c['observed_exit_code']);
    });
  }
});

describe('proxy-lists.json fallback_cases: list walk per request', () => {
  for (const c of load('proxy-lists.json').fallback_cases ?? []) {
    const value = sub(str(c['value']));
    const env = caseEnv(c['env']);
    test(`GOPROXY=${label(value)} env=${JSON.stringify(c['env'])} upstreams=${JSON.stringify(c['upstream_behaviour'])}`, () => {
      const resolved = resolveEnv({ ...env, GOPROXY: value }, null);
      const gonoproxy = resolved['GONOPROXY']!.value;
      const parsed = parseProxyList(value, gonoproxy);
      assert.ok(parsed.ok);
      const behaviour = c['upstream_behaviour'] as Record<string, Json>;
      const moduleIsNoproxy = matchPrefixPatterns(gonoproxy, 'example.com/m');
      const requests: string[] = [];
      let usedUpstream: string | null = null;
      let wentDirect = false;
      let failure: { error: string; from: WalkElement } | null = null;
      for (const file of ['@v/v1.0.0.info', '@v/v1.0.0.mod', '@v/v1.0.0.zip']) {
        const elements = walkElements(parsed);
        const world: World = { behaviour, moduleIsNoproxy, file };
        const walk = tryProxies(elements, (element) => {
          const outcome = attemptIn(world, element, requests, true);
          if (outcome.direct === true) wentDirect = true;
          return outcome;
        });
        if (walk.servedBy === null) {
          failure = { error: walk.error ?? '', from: elements[walk.errorFrom ?? 0]! };
          break;
        }
        if (file.endsWith('.zip')) usedUpstream = elements[walk.servedBy]!.url;
      }
      assert.deepEqual(requests, (c['requests'] as Json[]).map((s) => sub(str(s))));
      assert.equal(failure === null ? 0 : 1, c['exit_code']);
      assert.equal(usedUpstream, c['used_upstream'] === null ? null : sub(str(c['used_upstream'])));
      assert.equal(wentDirect, c['went_direct']);
      if (failure !== null) {
        // The reported error is the one the ranking picks: check it names the right element.
        const error = sub(str(c['error']));
        const from = failure.from.url;
        if (from === 'direct' || from === 'noproxy') assert.match(error, /unrecognized import path "example\.com\/m"/);
        else if (failure.error === ERR_PROXY_OFF) assert.ok(error.endsWith(ERR_PROXY_OFF), error);
        else assert.ok(error.includes(formatGoURL(proxyFileURL(from, '@v/v1.0.0.info'))), `${error} should name ${from}`);
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// GOSUMDB

describe('gosumdb.json: parsing and checksum-database routing', () => {
  for (const c of load('gosumdb.json').cases) {
    const env = caseEnv(c['env']);
    test(`GOSUMDB=${label(sub(str(c['value'])))} env=${JSON.stringify(c['env'])} proxy=${JSON.stringify(c['proxy_behaviour'])}`, () => {
      const resolved = resolveEnv({ GOPROXY: `http://127.0.0.1:${P}/ok`, ...env, GOSUMDB: sub(str(c['value'])) }, null);
      const parsed = parseGosumdb(resolved['GOSUMDB']!.value);
      const error = optStr(c['error']);
      const core = error === null ? null : sub(error).split('verifying go.mod: ')[1] ?? null;
      const lookupFailed = core !== null && core.startsWith('example.com/m@v1.0.0/go.mod: ');
      const expectedRequests = (c['sumdb_requests'] as Json[]).map((s) => sub(str(s)));
      if (core !== null && !lookupFailed) {
        assert.deepEqual(parsed, { ok: false, error: core });
        assert.deepEqual(expectedRequests, []);
        return;
      }
      assert.ok(parsed.ok, JSON.stringify(parsed));
      const config = parsed.config;
      if (config.kind === 'off' || matchPrefixPatterns(resolved['GONOSUMDB']!.value, 'example.com/m')) {
        assert.deepEqual(expectedRequests, []);
        assert.equal(c['exit_code'], 0);
        return;
      }
      const list = parseProxyList(resolved['GOPROXY']!.value, resolved['GONOPROXY']!.value);
      assert.ok(list.ok);
      const proxyBehaviour = c['proxy_behaviour'] as Record<string, Json>;
      const supported = (proxyUrl: string): SupportedOutcome => {
        const seg = proxyUrl.split('/')[3] ?? '';
        const b = seg === 'ok' ? (proxyBehaviour['sumdb_supported'] ?? 404) : seg.startsWith('cfg-') ? (proxyBehaviour[seg.slice(4)] ?? 404) : 404;
        if (b === 200) return 'ok';
        if (b === 404 || b === 410 || b === 'ok') return 'not-found';
        return 'error';
      };
      const route = planSumdbRoute(config, list as ProxyListParse & { ok: true }, supported);
      const requests = route.proxiesAsked.map((p) => `GET ${sumdbSupportedURL(p, config.name)}`);
      const lookup = (base: string): string => {
        const u = parseGoURL(base);
        assert.ok(u.ok);
        const loopback = u.url.host.startsWith('127.0.0.1:');
        return loopback ? `GET ${base}/lookup/example.com/m@v1.0.0` : `CONNECT ${u.url.host.includes(':') ? u.url.host : u.url.host + ':443'}`;
      };
      if (route.baseUrl !== null) requests.push(lookup(route.baseUrl));
      assert.deepEqual(requests, expectedRequests);
      if (route.via === 'fails') {
        assert.ok(error !== null);
        assert.equal(c['exit_code'], 1);
      }
      if (route.via === 'direct') assert.ok(sub(error ?? '').includes(`https://${config.name}/lookup/`));
    });
  }
});

// ---------------------------------------------------------------------------------------------
// GOFLAGS

describe('goflags.json: GOFLAGS per command', () => {
  for (const c of load('goflags.json').cases) {
    const value = str(c['value']);
    const command = str(c['command']);
    test(`GOFLAGS=${label(value)} ${command}`, () => {
      const result = goflagsCheck(value, command);
      assert.equal(result.exitCode, c['exit_code']);
      const expected = optStr(c['error']);
      if (expected === null) {
        assert.equal(result.error, null);
        return;
      }
      const printed = result.usage === null ? result.error : `${result.error}\n${result.usage}`;
      assert.equal(printed, expected);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Precedence

describe('env-precedence.json: process env, GOENV file, $GOROOT/go.env', () => {
  for (const c of load('env-precedence.json').cases) {
    const env = caseEnv(c['env']);
    const command = optStr(c['command']);
    test(`env=${JSON.stringify(c['env'])} file=${label(optStr(c['goenv_file']) ?? '(none)')}${command === null ? '' : ` then ${label(command)}`}`, () => {
      let userFile = optStr(c['goenv_file']);
      if (command !== null && command.startsWith('go env -w ')) {
        const assignment = command.slice('go env -w '.length);
        const eq = assignment.indexOf('=');
        const key = assignment.slice(0, eq);
        const value = assignment.slice(eq + 1);
        const error = goEnvWriteError(key, value);
        if (error !== null) {
          assert.equal(c['exit_code'], 1);
          assert.equal(c['stderr'], `go: ${error}`);
          assert.equal(c['goenv_file_after'], userFile);
        } else {
          assert.equal(c['exit_code'], 0);
          const written = updateGoEnvFile(userFile ?? '', new Map([[key, value]]));
          // GOENV=off (go1.23 bug): the default user file is written instead of none.
          if (env['GOENV'] === 'off') assert.equal(c['default_user_env_file_after'], written);
          else {
            assert.equal(c['goenv_file_after'], written);
            userFile = written;
          }
          const conflicting = env[key] !== undefined && env[key] !== '' && env[key] !== value;
          assert.equal(c['stderr'], conflicting ? `warning: go env -w ${key}=... does not override conflicting OS environment variable` : '');
        }
      } else if (command !== null && command.startsWith('go env -u ')) {
        const key = command.slice('go env -u '.length);
        userFile = updateGoEnvFile(userFile ?? '', new Map(), new Set([key]));
        assert.equal(c['goenv_file_after'], userFile);
      }
      const resolved = resolveEnv(env, userFile);
      const expected = c['resolved'] as Record<string, Json>;
      for (const [name, value] of Object.entries(expected)) {
        assert.equal(resolved[name]?.value ?? '', value, name);
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Credentials

describe('credentials.json: .netrc, userinfo and redaction', () => {
  for (const c of load('credentials.json').cases) {
    const goproxy = sub(str(c['goproxy']));
    const netrc = optStr(c['netrc']);
    test(`GOPROXY=${label(goproxy)} netrc=${label(netrc === null ? '(none)' : sub(netrc))}`, () => {
      const list = parseProxyList(goproxy, '');
      assert.ok(list.ok);
      const entries = parseNetrc(netrc === null ? '' : sub(netrc));
      const first = list.entries[0]!;
      const request = proxyFileURL(first.url, '@v/v1.0.0.info');
      const auth = authorizationFor(entries, formatGoURL(request));
      const error = sub(str(c['error']));
      const sent = (c['authorization_sent'] as Json[]).map((s) => str(s));
      const requests = (c['requests'] as Json[]).map((s) => sub(str(s)));
      if (auth.kind === 'refused') {
        if (list.entries.length === 1) {
          assert.equal(error, `go: example.com/m@v1.0.0: ${auth.error}`);
          assert.deepEqual(sent, []);
        } else {
          // '|' fallthrough after the refusal: the next entry has no credentials.
          const next = authorizationFor(entries, formatGoURL(proxyFileURL(list.entries[1]!.url, '@v/v1.0.0.info')));
          assert.deepEqual(next, { kind: 'none' });
          assert.deepEqual([...new Set(sent)], ['']);
        }
        return;
      }
      if (requests.length > 0) {
        const header = auth.kind === 'basic' ? `Basic ${auth.login}:${auth.password}` : '';
        assert.deepEqual([...new Set(sent)], [header]);
      } else {
        assert.deepEqual(sent, []);
      }
      // Redaction in the messages: the go command's url.Redacted (user:xxxxx), net/http's user:***.
      if (error.includes(': reading ')) assert.ok(error.includes(`reading ${redactGoURL(request)}: `), `${error} / ${redactGoURL(request)}`);
      if (error.includes(': Get "')) assert.ok(error.includes(`Get "${redactGoURLTransport(request)}"`), `${error} / ${redactGoURLTransport(request)}`);
      assert.ok(!error.includes('secret'));
    });
  }
});
