// Shared pieces of the credentials tests (not a test file itself): a quiet stdout for
// @actions/core's workflow commands, a clean git environment, a loopback git smart-HTTP server
// (git http-backend behind a token check) and a Basic-auth TLS front for a module proxy.

import { execFile, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { startServer, type TestServer } from './fixtures/probeServer.js';
import { NO_GO_TELEMETRY } from './helpers/go.js';
import type { CredentialOptions } from '../src/credentials/phase.js';

const run = promisify(execFile);

export const GIT_HTTP_BACKEND = '/usr/lib/git-core/git-http-backend';

/** Runs fn with process.stdout.write captured (core.setSecret prints `::add-mask::` there). */
export async function captureStdout<T>(fn: () => Promise<T>): Promise<{ result: T; output: string }> {
  const original = process.stdout.write.bind(process.stdout);
  let output = '';
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const callback = rest.find((arg): arg is () => void => typeof arg === 'function');
    callback?.();
    return true;
  }) as typeof process.stdout.write;
  try {
    const result = await fn();
    return { result, output };
  } finally {
    process.stdout.write = original;
  }
}

/** process.env without anything that points git, curl or go at the developer's own files. */
export function cleanEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(GIT_|GO|XDG_|NETRC$|SSL_CERT|HTTPS?_PROXY$|https?_proxy$|NO_PROXY$|no_proxy$|ALL_PROXY$|CURL_)/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, HOME: home, GIT_CONFIG_NOSYSTEM: '1', NO_PROXY: '127.0.0.1,localhost', ...NO_GO_TELEMETRY, ...extra };
}

export async function git(args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<string> {
  const { stdout } = await run('git', args, { env, cwd, timeout: 20_000 });
  return stdout;
}

/** A bare repository with one commit at <root>/<name> (http-backend serves it as /<name>). */
export async function makeBareRepo(root: string, name: string, env: NodeJS.ProcessEnv): Promise<void> {
  const work = path.join(root, '.work', name);
  await mkdir(work, { recursive: true });
  const ident = ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'init.defaultBranch=main'];
  await git([...ident, 'init', '-q', work], env);
  await git([...ident, '-C', work, 'commit', '-q', '--allow-empty', '-m', 'init'], env);
  await git([...ident, 'clone', '-q', '--bare', work, path.join(root, name)], env);
}

/**
 * HTTPS git server: answers 401 (Basic realm) unless the request carries Basic
 * x-access-token:<token>, then runs git http-backend as a CGI for the request.
 */
export async function startGitServer(tls: { cert: string; key: string }, projectRoot: string, token: string): Promise<TestServer> {
  const expected = `Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
  return startServer((request, response) => {
    if (request.headers.authorization !== expected) {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"', 'Content-Type': 'text/plain' });
      response.end('authentication required\n');
      return;
    }
    runHttpBackend(request, response, projectRoot);
  }, tls);
}

function runHttpBackend(request: IncomingMessage, response: ServerResponse, projectRoot: string): void {
  const url = new URL(request.url ?? '/', 'http://x');
  const child = spawn(GIT_HTTP_BACKEND, [], {
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      GIT_PROJECT_ROOT: projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: projectRoot,
      REQUEST_METHOD: request.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: request.headers['content-type'] ?? '',
      REMOTE_USER: 'x-access-token',
      REMOTE_ADDR: '127.0.0.1',
      ...(request.headers['git-protocol'] ? { GIT_PROTOCOL: String(request.headers['git-protocol']) } : {}),
      ...(request.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: String(request.headers['content-encoding']) } : {}),
    },
    timeout: 20_000,
  });
  request.pipe(child.stdin);
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.on('close', () => {
    // CGI response: headers, a blank line, the body.
    const out = Buffer.concat(chunks);
    let split = out.indexOf('\r\n\r\n');
    let gap = 4;
    if (split < 0) {
      split = out.indexOf('\n\n');
      gap = 2;
    }
    const head = split < 0 ? out.toString('latin1') : out.subarray(0, split).toString('latin1');
    const body = split < 0 ? Buffer.alloc(0) : out.subarray(split + gap);
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of head.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
      else headers[name] = value;
    }
    response.writeHead(status, { ...headers, 'Content-Length': String(body.length) });
    response.end(body);
  });
}

/** HTTPS front that requires Basic login:password, then forwards the request to `upstream` (http). */
export async function startBasicAuthFront(tls: { cert: string; key: string }, upstream: string, login: string, password: string): Promise<TestServer> {
  const expected = `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`;
  return startServer((request, response) => {
    if (request.headers.authorization !== expected) {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="goproxy"', 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('unauthorized\n');
      return;
    }
    const forward = http.get(upstream + (request.url ?? '/'), (upstreamResponse) => {
      response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
      upstreamResponse.pipe(response);
    });
    forward.on('error', () => {
      response.writeHead(502);
      response.end();
    });
  }, tls);
}

/** CredentialOptions with nothing configured; each test names only what it is about. */
export function credentialOptions(env: NodeJS.ProcessEnv, settings: Partial<CredentialOptions> = {}): CredentialOptions {
  return {
    gitToken: '',
    gitTokenHosts: '',
    netrc: '',
    goproxy: 'https://proxy.golang.org,direct',
    goprivate: '',
    gonoproxy: '',
    goVersion: 'go1.23.5',
    env,
    required: [],
    checkTimeoutMs: 5000,
    ...settings,
  };
}
