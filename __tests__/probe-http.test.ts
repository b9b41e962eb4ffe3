// probeTargets against real loopback servers: statuses, hangs, bodies,
// redirects, credentials, escaping, file:// and the overall budget.

import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { probeTargets } from '../src/probe/probe.js';
import type { ProbeOptions, ProbeResult } from '../src/probe/probe.js';
import { closedPort, send, startServer, startSilentServer } from './fixtures/probeServer.js';
import type { TestServer } from './fixtures/probeServer.js';

const baseOptions: ProbeOptions = { modules: [], sumdbName: null, budgetMs: 3000, env: {} };

async function probeOne(url: string, options: Partial<ProbeOptions> = {}): Promise<ProbeResult> {
  const [result] = await probeTargets([{ url, role: 'proxy' }], { ...baseOptions, ...options });
  assert.ok(result);
  return result;
}

/** The messages and fixes must never carry a secret. */
function assertNoSecret(result: ProbeResult, secret: string): void {
  assert.ok(!result.url.includes(secret), result.url);
  assert.ok(!result.message.includes(secret), result.message);
  assert.ok(!(result.fix ?? '').includes(secret), result.fix ?? '');
}

describe('probeTargets: HTTP statuses', () => {
  const servers: TestServer[] = [];
  let statusServer: TestServer;
  before(async () => {
    // /<status>/... answers with that status; /ok/... speaks the protocol.
    statusServer = await startServer((request, response) => {
      const first = (request.url ?? '').split('/')[1] ?? '';
      if (first === 'ok') return send(response, 200, 'v0.1.0\nv0.2.0 2024-01-01T00:00:00Z\n');
      if (first === 'html') return send(response, 200, '<!DOCTYPE html><html><body>Sign in</body></html>', 'text/html');
      if (first === 'json') return send(response, 200, '{"errors":[]}', 'application/json');
      const status = Number(first);
      send(response, Number.isInteger(status) && status >= 200 ? status : 500, status === 403 ? 'forbidden: module is private\nsecond line' : 'nope');
    });
    servers.push(statusServer);
  });
  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it('200 with a version list is healthy and asks <module>/@v/list', async () => {
    const result = await probeOne(`${statusServer.url}/ok`);
    assert.equal(result.verdict, 'healthy');
    assert.equal(result.ok, true);
    assert.equal(result.status, 200);
    assert.equal(result.errorClass, null);
    assert.equal(result.fix, null);
    assert.equal(result.sumdbSupported, 'not-asked');
    assert.deepEqual(result.requests.map((r) => r.path), ['/ok/golang.org/x/mod/@v/list']);
    assert.equal(statusServer.hits.at(-1)?.headers['user-agent'], 'Go-http-client/1.1');
  });

  for (const status of [404, 410]) {
    it(`${status} is healthy: the proxy speaks the protocol and go falls through`, async () => {
      const result = await probeOne(`${statusServer.url}/${status}`);
      assert.equal(result.verdict, 'healthy');
      assert.equal(result.status, status);
      assert.match(result.message, /falls through/);
    });
  }

  it('401 is refused with a netrc hint naming host:port', async () => {
    const result = await probeOne(`${statusServer.url}/401`);
    assert.equal(result.verdict, 'refused');
    assert.equal(result.ok, false);
    assert.equal(result.errorClass, 'http-401');
    assert.match(result.fix ?? '', new RegExp(`machine 127\\.0\\.0\\.1:${statusServer.port}`));
  });

  it('403 is refused and quotes the first text/plain line like the go command', async () => {
    const result = await probeOne(`${statusServer.url}/403`);
    assert.equal(result.verdict, 'refused');
    assert.equal(result.errorClass, 'http-403');
    assert.match(result.message, /server response: forbidden: module is private/);
    assert.doesNotMatch(result.message, /second line/);
  });

  for (const status of [500, 502]) {
    it(`${status} is unhealthy http-5xx`, async () => {
      const result = await probeOne(`${statusServer.url}/${status}`);
      assert.equal(result.verdict, 'unhealthy');
      assert.equal(result.errorClass, 'http-5xx');
      assert.equal(result.status, status);
      assert.match(result.fix ?? '', /\|/);
    });
  }

  it('418 is unhealthy http-other', async () => {
    const result = await probeOne(`${statusServer.url}/418`);
    assert.equal(result.errorClass, 'http-other');
  });

  it('an HTML page with 200 is not-module-protocol', async () => {
    const result = await probeOne(`${statusServer.url}/html`);
    assert.equal(result.verdict, 'unhealthy');
    assert.equal(result.errorClass, 'not-module-protocol');
    assert.equal(result.status, 200);
    assert.match(result.message, /HTML/);
  });

  it('a JSON body on @v/list is not-module-protocol', async () => {
    const result = await probeOne(`${statusServer.url}/json`);
    assert.equal(result.errorClass, 'not-module-protocol');
  });

  it('asks .info when a version is given and requires JSON with Version', async () => {
    const server = await startServer((request, response) => {
      if (request.url?.startsWith('/good/')) return send(response, 200, '{"Version":"v1.2.3","Time":"2024-01-01T00:00:00Z"}', 'application/json');
      send(response, 200, 'v1.2.3');
    });
    servers.push(server);
    const modules = [{ path: 'example.com/m', version: 'v1.2.3' }];
    const good = await probeOne(`${server.url}/good`, { modules });
    assert.equal(good.verdict, 'healthy');
    assert.deepEqual(good.requests.map((r) => r.path), ['/good/example.com/m/@v/v1.2.3.info']);
    const bad = await probeOne(`${server.url}/bad`, { modules });
    assert.equal(bad.errorClass, 'not-module-protocol');
    assert.match(bad.message, /not JSON/);
  });

  it('case-escapes module paths and versions in the request path', async () => {
    const result = await probeOne(`${statusServer.url}/ok/`, {
      modules: [
        { path: 'github.com/Azure/azure-sdk-for-go' },
        { path: 'github.com/BurntSushi/toml', version: 'v1.0.0-RC1' },
      ],
    });
    assert.deepEqual(
      result.requests.map((r) => r.path),
      ['/ok/github.com/!azure/azure-sdk-for-go/@v/list', '/ok/github.com/!burnt!sushi/toml/@v/v1.0.0-!r!c1.info'],
    );
    const paths = statusServer.hits.slice(-2).map((h) => h.path);
    assert.deepEqual(paths, ['/ok/github.com/!azure/azure-sdk-for-go/@v/list', '/ok/github.com/!burnt!sushi/toml/@v/v1.0.0-!r!c1.info']);
  });

  it('keeps the base URL query and ignores invalid module paths', async () => {
    const result = await probeOne(`${statusServer.url}/ok?x=1`, { modules: [{ path: 'NotAModule' }] });
    assert.equal(result.verdict, 'healthy');
    assert.equal(statusServer.hits.at(-1)?.path, '/ok/golang.org/x/mod/@v/list?x=1');
  });

  it('asks sumdb/<name>/supported: 200 yes, 404 no, 500 error', async () => {
    const server = await startServer((request, response) => {
      const url = request.url ?? '';
      if (!url.includes('/sumdb/')) return send(response, 200, 'v1.0.0\n');
      if (url.startsWith('/yes/')) return send(response, 200, '');
      if (url.startsWith('/no/')) return send(response, 404, 'not found');
      send(response, 500, 'broken');
    });
    servers.push(server);
    const options = { sumdbName: 'sum.golang.org' };
    const yes = await probeOne(`${server.url}/yes`, options);
    assert.equal(yes.sumdbSupported, 'yes');
    assert.equal(yes.verdict, 'healthy');
    assert.deepEqual(yes.requests.map((r) => r.path), ['/yes/golang.org/x/mod/@v/list', '/yes/sumdb/sum.golang.org/supported']);
    assert.match(yes.message, /proxies the checksum database/);
    const no = await probeOne(`${server.url}/no`, options);
    assert.equal(no.sumdbSupported, 'no');
    assert.equal(no.verdict, 'healthy');
    const broken = await probeOne(`${server.url}/err`, options);
    assert.equal(broken.sumdbSupported, 'error');
    // A failing `supported` breaks checksum verification (§5), so it is decisive.
    assert.equal(broken.verdict, 'unhealthy');
    assert.equal(broken.errorClass, 'http-5xx');
    assert.equal(broken.status, 500);
  });

  it('403 on the sumdb path gets the GONOSUMDB/GOPRIVATE hint', async () => {
    const server = await startServer((request, response) => {
      if ((request.url ?? '').includes('/sumdb/')) return send(response, 403, 'forbidden');
      send(response, 200, 'v1.0.0\n');
    });
    servers.push(server);
    const result = await probeOne(server.url, { sumdbName: 'sum.golang.org' });
    assert.equal(result.verdict, 'refused');
    assert.equal(result.sumdbSupported, 'error');
    assert.match(result.fix ?? '', /GONOSUMDB/);
  });
});

describe('probeTargets: unreachable and hanging servers', () => {
  it('a closed port is refused', async () => {
    const port = await closedPort();
    const result = await probeOne(`http://127.0.0.1:${port}`);
    assert.equal(result.verdict, 'unhealthy');
    assert.equal(result.errorClass, 'refused');
    assert.equal(result.status, null);
    assert.match(result.fix ?? '', new RegExp(`127\\.0\\.0\\.1:${port}`));
  });

  it('a server that accepts and never answers costs at most the budget', async () => {
    const silent = await startSilentServer();
    try {
      const startedAt = Date.now();
      const result = await probeOne(silent.url, { budgetMs: 1200 });
      const took = Date.now() - startedAt;
      assert.equal(result.errorClass, 'headers-timeout');
      assert.match(result.message, /hang/);
      assert.ok(took < 1200 + 1500, `took ${took} ms`);
    } finally {
      await silent.close();
    }
  });

  it('headers then a stalled body is body-timeout', async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
      response.write('v1.0.0\n'); // and never the rest
    });
    try {
      const startedAt = Date.now();
      const result = await probeOne(server.url, { budgetMs: 1200 });
      assert.equal(result.errorClass, 'body-timeout');
      assert.ok(Date.now() - startedAt < 1200 + 1500);
    } finally {
      await server.close();
    }
  });

  it('a per-request timeout shorter than the budget applies', async () => {
    const silent = await startSilentServer();
    try {
      const startedAt = Date.now();
      const result = await probeOne(silent.url, { budgetMs: 5000, requestTimeoutMs: 600 });
      assert.equal(result.errorClass, 'headers-timeout');
      assert.ok(Date.now() - startedAt < 600 + 1500);
    } finally {
      await silent.close();
    }
  });

  it('retries a reset connection once', async () => {
    let connections = 0;
    const server = await startServer((request, response) => {
      connections++;
      if (connections === 1) {
        request.socket.destroy(); // reset before any response
        return;
      }
      send(response, 200, 'v1.0.0\n');
    });
    try {
      const result = await probeOne(server.url);
      assert.equal(result.verdict, 'healthy');
      assert.equal(server.hits.length, 2);
    } finally {
      await server.close();
    }
  });

  it('a connection reset twice is reset', async () => {
    const server = await startServer((request) => {
      request.socket.destroy();
    });
    try {
      const result = await probeOne(server.url);
      assert.equal(result.errorClass, 'reset');
      assert.equal(server.hits.length, 2);
    } finally {
      await server.close();
    }
  });

  it('5 targets in parallel, 2 hung, all finish within the budget and keep their order', async () => {
    const silentA = await startSilentServer();
    const silentB = await startSilentServer();
    const good = await startServer((_request, response) => send(response, 200, 'v1.0.0\n'));
    const notFound = await startServer((_request, response) => send(response, 404, 'not found'));
    const port = await closedPort();
    try {
      const startedAt = Date.now();
      const results = await probeTargets(
        [
          { url: silentA.url, role: 'proxy' },
          { url: good.url, role: 'proxy' },
          { url: silentB.url, role: 'proxy' },
          { url: notFound.url, role: 'fallback' },
          { url: `http://127.0.0.1:${port}`, role: 'fallback' },
        ],
        { ...baseOptions, budgetMs: 1500, sumdbName: 'sum.golang.org' },
      );
      const took = Date.now() - startedAt;
      assert.ok(took < 1500 + 1500, `took ${took} ms`);
      assert.deepEqual(
        results.map((r) => [r.url, r.role, r.errorClass]),
        [
          [silentA.url, 'proxy', 'headers-timeout'],
          [good.url, 'proxy', null],
          [silentB.url, 'proxy', 'headers-timeout'],
          [notFound.url, 'fallback', null],
          [`http://127.0.0.1:${port}`, 'fallback', 'refused'],
        ],
      );
      assert.equal(results[0]?.sumdbSupported, 'not-asked');
      assert.equal(results[1]?.sumdbSupported, 'yes');
      assert.equal(results[3]?.sumdbSupported, 'no');
    } finally {
      await Promise.all([silentA.close(), silentB.close(), good.close(), notFound.close()]);
    }
  });

  it('a budget already used up reports budget-exhausted without a request', async () => {
    const server = await startServer((_request, response) => send(response, 200, 'v1.0.0\n'));
    try {
      const result = await probeOne(server.url, { budgetMs: 50 });
      assert.equal(result.errorClass, 'budget-exhausted');
      assert.equal(server.hits.length, 0);
    } finally {
      await server.close();
    }
  });
});

describe('probeTargets: redirects', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      const [, kind, countText] = url.pathname.split('/');
      const count = Number(countText);
      if (kind === 'chain' && count > 0) {
        response.writeHead(302, { location: `/chain/${count - 1}${url.pathname.split('/').slice(3).map((p) => `/${p}`).join('')}` });
        return response.end();
      }
      if (kind === 'loop') {
        response.writeHead(301, { location: url.pathname });
        return response.end();
      }
      send(response, 200, 'v1.0.0\n');
    });
  });
  after(() => server.close());

  it('follows a chain of 10 redirects like go', async () => {
    const result = await probeOne(`${server.url}/chain/10`);
    assert.equal(result.verdict, 'healthy');
    assert.equal(server.hits.filter((h) => h.path.startsWith('/chain/')).length, 11);
  });

  it('11 redirects is redirect-loop', async () => {
    const result = await probeOne(`${server.url}/chain/11`);
    assert.equal(result.errorClass, 'redirect-loop');
  });

  it('a self-redirect is redirect-loop', async () => {
    const result = await probeOne(`${server.url}/loop/0`);
    assert.equal(result.errorClass, 'redirect-loop');
    assert.match(result.message, /10 redirects/);
  });
});

describe('probeTargets: credentials', () => {
  it('userinfo over http:// is refused before any request', async () => {
    const server = await startServer((_request, response) => send(response, 200, 'v1.0.0\n'));
    try {
      const result = await probeOne(`http://alice:s3cr3t-token@127.0.0.1:${server.port}/p`);
      assert.equal(result.verdict, 'unhealthy');
      assert.equal(result.errorClass, 'insecure-credentials');
      assert.equal(server.hits.length, 0);
      assert.equal(result.url, `http://***@127.0.0.1:${server.port}/p`);
      assertNoSecret(result, 's3cr3t-token');
      assertNoSecret(result, 'alice');
    } finally {
      await server.close();
    }
  });

  it('netrc credentials are not sent over http://', async () => {
    const server = await startServer((_request, response) => send(response, 200, 'v1.0.0\n'));
    try {
      const result = await probeOne(server.url, { netrc: [{ machine: `127.0.0.1:${server.port}`, login: 'u', password: 'p4ssw0rd' }] });
      assert.equal(result.verdict, 'healthy');
      assert.equal(server.hits[0]?.headers.authorization, undefined);
    } finally {
      await server.close();
    }
  });
});

describe('probeTargets: file:// targets', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'probe-file-'));
    await writeFile(join(dir, 'plain-file'), 'x');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('an existing readable directory is healthy', async () => {
    const result = await probeOne(pathToFileURL(dir).href);
    assert.equal(result.verdict, 'healthy');
    assert.equal(result.requests.length, 1);
  });

  it('a missing directory is file-missing', async () => {
    const result = await probeOne(pathToFileURL(join(dir, 'nope')).href);
    assert.equal(result.errorClass, 'file-missing');
    assert.match(result.message, /does not exist/);
  });

  it('a file instead of a directory is file-missing', async () => {
    const result = await probeOne(pathToFileURL(join(dir, 'plain-file')).href);
    assert.equal(result.errorClass, 'file-missing');
    assert.match(result.message, /not a directory/);
  });

  it('an unreadable directory is file-unreadable', { skip: process.getuid?.() === 0 ? 'root can read any directory' : false }, async () => {
    const locked = join(dir, 'locked');
    await import('node:fs/promises').then((fs) => fs.mkdir(locked));
    await chmod(locked, 0o000);
    try {
      const result = await probeOne(pathToFileURL(locked).href);
      assert.equal(result.errorClass, 'file-unreadable');
    } finally {
      await chmod(locked, 0o755);
    }
  });
});
