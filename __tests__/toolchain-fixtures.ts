// Test fixtures for the toolchain tests: a loopback Go checksum database (signed with a test key,
// serving /lookup, /latest and /tile/8/... from a real transparency log over some records), and
// the golang.org/toolchain module content of a fake Go release whose bin/go is a shell script.
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { formatTree, merkleTreeHash, parseTilePath, recordHash } from '../src/toolchain/tlog.js';
import path from 'node:path';
import type { ToolchainOptions } from '../src/toolchain/phase.js';

export interface TestKey {
  name: string;
  /** name+hash+base64(0x01||pub): what GOSUMDB holds. */
  vkey: string;
  keyHash: number;
  privateKey: KeyObject;
}

export function makeTestKey(name: string): TestKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
  const key = Buffer.concat([Buffer.from([1]), raw]);
  const keyHash = createHash('sha256').update(name).update('\n').update(key).digest().readUInt32BE(0);
  return { name, vkey: `${name}+${keyHash.toString(16).padStart(8, '0')}+${key.toString('base64')}`, keyHash, privateKey };
}

/** A signed note: text, blank line, "— name base64(keyhash||sig)". */
export function signNote(text: string, key: TestKey, signer: KeyObject = key.privateKey): string {
  const sig = sign(null, Buffer.from(text), signer);
  const hash = Buffer.alloc(4);
  hash.writeUInt32BE(key.keyHash);
  return `${text}\n— ${key.name} ${Buffer.concat([hash, sig]).toString('base64')}\n`;
}

export interface TestSumdb {
  /** http://127.0.0.1:PORT */
  url: string;
  /** GOSUMDB value: "<vkey> <url>". */
  gosumdb: string;
  key: TestKey;
  requests: string[];
  treeSize: number;
  /** Record id of each module@version. */
  ids: Map<string, number>;
  /** Sign tree notes with another private key (same name and key hash): signatures become invalid. */
  signWithWrongKey(on: boolean): void;
  /** Serve every tile byte-flipped. */
  corruptTiles(on: boolean): void;
  close(): Promise<void>;
}

export interface SumdbRecord {
  path: string;
  version: string;
  /** The go.sum-style lines of the record ("<path> <version> h1:..." etc.). */
  lines: string[];
}

/**
 * Starts a checksum database holding `fillers` filler records plus `records` (placed after the
 * fillers, so with fillers >= 256 the proof needs level-1 tiles).
 */
export async function startSumdb(name: string, records: SumdbRecord[], fillers = 300): Promise<TestSumdb> {
  const key = makeTestKey(name);
  const wrong = generateKeyPairSync('ed25519').privateKey;
  let useWrongKey = false;
  let corrupt = false;
  const texts: Buffer[] = [];
  const ids = new Map<string, number>();
  for (let i = 0; i < fillers; i++) {
    texts.push(Buffer.from(`example.com/filler${i} v1.0.0 h1:${createHash('sha256').update(String(i)).digest('base64')}\nexample.com/filler${i} v1.0.0/go.mod h1:${createHash('sha256').update(`m${i}`).digest('base64')}\n`));
  }
  for (const record of records) {
    ids.set(`${record.path}@${record.version}`, texts.length);
    texts.push(Buffer.from(record.lines.map((l) => `${l}\n`).join('')));
  }
  const leaves = texts.map((t) => recordHash(t));
  const size = leaves.length;
  const treeText = formatTree({ size, hash: merkleTreeHash(leaves) });
  const requests: string[] = [];

  const tile = (level: number, index: number, width: number): Buffer | null => {
    const unit = 256 ** level;
    const available = Math.floor(size / unit);
    if (index * 256 + width > available) return null;
    const out: Buffer[] = [];
    for (let i = index * 256; i < index * 256 + width; i++) out.push(merkleTreeHash(leaves.slice(i * unit, (i + 1) * unit)));
    return Buffer.concat(out);
  };

  const server = http.createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    requests.push(`GET ${url}`);
    const send = (status: number, body: string | Buffer): void => {
      res.writeHead(status, { 'Content-Type': status === 200 ? 'application/octet-stream' : 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) });
      res.end(body);
    };
    const note = (): string => signNote(treeText, key, useWrongKey ? wrong : key.privateKey);
    if (url === '/latest') return send(200, note());
    const lookup = /^\/lookup\/(.+)@(.+)$/.exec(url);
    if (lookup !== null) {
      const unescape = (s: string): string => s.replace(/!([a-z])/g, (_, c: string) => c.toUpperCase());
      const id = ids.get(`${unescape(lookup[1]!)}@${unescape(lookup[2]!)}`);
      if (id === undefined) return send(404, 'not found\n');
      return send(200, Buffer.concat([Buffer.from(`${id}\n`), texts[id]!, Buffer.from('\n'), Buffer.from(note())]));
    }
    const t = parseTilePath(url.slice(1));
    if (t !== null) {
      const data = tile(t.level, t.index, t.width);
      if (data === null) return send(404, 'no such tile\n');
      return send(200, corrupt ? Buffer.from(data.map((b) => b ^ 0xff)) : data);
    }
    return send(404, 'not found\n');
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    gosumdb: `${key.vkey} ${url}`,
    key,
    requests,
    treeSize: size,
    ids,
    signWithWrongKey: (on) => (useWrongKey = on),
    corruptTiles: (on) => (corrupt = on),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** GOOS/GOARCH of this machine, as the go command names them. */
export function hostPlatform(): { goos: string; goarch: string } {
  const goos = process.platform === 'win32' ? 'windows' : process.platform;
  const goarch = process.arch === 'x64' ? 'amd64' : process.arch === 'ia32' ? '386' : process.arch;
  return { goos, goarch };
}

/**
 * Files of a fake Go release as cmd/distpack packs it into golang.org/toolchain: bin/go prints
 * `go version go<V> <goos>/<goarch>` (a POSIX shell script; bin/go.exe for windows), the go.mod
 * files of GOROOT stored as _go.mod, and the wasm exec wrappers in lib/wasm.
 */
export function fakeToolchainFiles(version: string, goos: string, goarch: string, marker = ''): Record<string, string> {
  const exe = goos === 'windows' ? '.exe' : '';
  return {
    [`bin/go${exe}`]: `#!/bin/sh\n# fake go ${marker}\necho "go version go${version} ${goos}/${goarch}"\n`,
    [`bin/gofmt${exe}`]: '#!/bin/sh\nexit 0\n',
    [`pkg/tool/${goos}_${goarch}/compile${exe}`]: '#!/bin/sh\nexit 0\n',
    VERSION: `go${version}\ntime 2030-01-01T00:00:00Z\n`,
    'src/runtime/extern.go': 'package runtime\n',
    'src/_go.mod': 'module std\n\ngo 1.99\n',
    'src/cmd/_go.mod': 'module cmd\n\ngo 1.99\n',
    'lib/time/README': 'fake\n',
    'lib/wasm/go_js_wasm_exec': '#!/bin/sh\nexec node "$@"\n',
    'lib/wasm/go_wasip1_wasm_exec': '#!/bin/sh\nexec wasmtime "$@"\n',
    'lib/wasm/wasm_exec.js': '// fake\n',
  };
}

/** The golang.org/toolchain module version for a Go version on a platform. */
export function toolchainModVersion(version: string, goos: string, goarch: string): string {
  return `v0.0.1-go${version}.${goos}-${goarch}`;
}

/** The toolchain phase's options for a test root, against the loopback proxy and checksum database. */
export function toolchainOptions(root: string, servers: { proxyUrl: string; gosumdb: string }, base: Pick<ToolchainOptions, 'goVersion' | 'goos' | 'goarch'>, overrides: Partial<ToolchainOptions> = {}): ToolchainOptions {
  return {
    goVersionFile: '',
    workspace: root,
    workingDirectory: root,
    localGo: null,
    env: { PATH: '/usr/bin:/bin', HOME: path.join(root, 'home') },
    goproxy: servers.proxyUrl,
    gosumdb: servers.gosumdb,
    gonosumdb: '',
    goModLines: [],
    budgetMs: 10_000,
    ...base,
    ...overrides,
  };
}
