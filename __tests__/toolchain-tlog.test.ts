// The transparency-log and signed-note code (src/toolchain/tlog.ts, note.ts, zip.ts hashing),
// unit-tested and cross-checked against golang.org/x/mod/sumdb as vendored in GOROOT.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { buildModule } from './fixtures/modzip.js';
import { NO_GO_TELEMETRY, requireGo } from './helpers/go.js';
import { withTempDir } from './helpers/e2e.js';
import { makeTestKey, signNote } from './toolchain-fixtures.js';
import { NoteError, openNote, parseVerifier } from '../src/toolchain/note.js';
import { formatTree, merkleTreeHash, parseRecord, parseTilePath, parseTree, recordHash, tilePath, tileWidth, verifyInclusion, type TileReader } from '../src/toolchain/tlog.js';
import { listZip, zipHash1 } from '../src/toolchain/zip.js';

const record = (i: number): Buffer => Buffer.from(`example.com/m${i} v1.0.0 h1:x\n`);

/** A tile server over leaves, counting reads; `tamper` flips one byte of the named tile. */
function tilesOf(leaves: Buffer[], tamper: string | null = null): { read: TileReader; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read: async (p) => {
      reads.push(p);
      const t = parseTilePath(p);
      assert.ok(t, `bad tile path ${p}`);
      const unit = 256 ** t.level;
      const hashes: Buffer[] = [];
      for (let i = t.index * 256; i < t.index * 256 + t.width; i++) hashes.push(merkleTreeHash(leaves.slice(i * unit, (i + 1) * unit)));
      const data = Buffer.concat(hashes);
      if (p === tamper) data[0] = data[0]! ^ 1;
      return data;
    },
  };
}

describe('tlog', () => {
  test('tile paths (tlog Tile.Path)', () => {
    assert.equal(tilePath(0, 1234067, 256), 'tile/8/0/x001/x234/067');
    assert.equal(tilePath(0, 1234067, 8), 'tile/8/0/x001/x234/067.p/8');
    assert.equal(tilePath(1, 0, 1), 'tile/8/1/000.p/1');
    assert.equal(tilePath(2, 1000, 256), 'tile/8/2/x001/000');
    assert.deepEqual(parseTilePath('tile/8/0/x001/x234/067.p/8'), { level: 0, index: 1234067, width: 8 });
    assert.equal(parseTilePath('tile/8/0/067.p/256'), null);
    assert.equal(parseTilePath('tile/8/data/000'), null);
    assert.equal(tileWidth(0, 0, 300), 256);
    assert.equal(tileWidth(0, 1, 300), 44);
    assert.equal(tileWidth(1, 0, 300), 1);
    assert.equal(tileWidth(1, 0, 255), 0);
  });

  test('inclusion proofs verify for every record of many tree sizes, and only for the right leaf', async () => {
    const leaves = Array.from({ length: 700 }, (_, i) => recordHash(record(i)));
    for (const size of [1, 2, 3, 7, 8, 255, 256, 257, 300, 511, 512, 513, 700]) {
      const tree = { size, hash: merkleTreeHash(leaves.slice(0, size)) };
      const ids = size <= 16 ? Array.from({ length: size }, (_, i) => i) : [0, 1, 128, 255, size - 2, size - 1].filter((i) => i < size);
      for (const id of ids) {
        const tiles = tilesOf(leaves.slice(0, size));
        await verifyInclusion(tree, id, leaves[id]!, tiles.read);
        if (size > 1) await assert.rejects(verifyInclusion(tree, id, leaves[(id + 1) % size]!, tilesOf(leaves).read), /cannot authenticate record data/, `size ${size} id ${id}`);
      }
    }
    const tree = { size: 300, hash: merkleTreeHash(leaves.slice(0, 300)) };
    await assert.rejects(verifyInclusion(tree, 300, leaves[0]!, tilesOf(leaves).read), /cannot validate record 300 in tree of size 300/);
  });

  test('a tampered tile breaks the proof', async () => {
    const leaves = Array.from({ length: 300 }, (_, i) => recordHash(record(i)));
    const tree = { size: 300, hash: merkleTreeHash(leaves) };
    const honest = tilesOf(leaves);
    await verifyInclusion(tree, 290, leaves[290]!, honest.read);
    assert.ok(honest.reads.includes('tile/8/1/000.p/1') && honest.reads.includes('tile/8/0/001.p/44'), honest.reads.join(' '));
    for (const victim of honest.reads) {
      await assert.rejects(verifyInclusion(tree, 290, leaves[290]!, tilesOf(leaves, victim).read), /cannot authenticate/, victim);
    }
  });

  test('records and tree notes (tlog.ParseRecord / ParseTree)', () => {
    const hash = merkleTreeHash([recordHash(record(0))]);
    const text = formatTree({ size: 1, hash });
    assert.deepEqual(parseTree(text), { size: 1, hash });
    assert.equal(parseTree('go.sum database tree\n01\nAAAA\n'), null);
    assert.equal(parseTree('other\n1\n' + hash.toString('base64') + '\n'), null);
    const parsed = parseRecord(Buffer.from(`7\na b h1:x\n\nREST`));
    assert.ok(parsed);
    assert.equal(parsed.id, 7);
    assert.equal(parsed.text.toString(), 'a b h1:x\n');
    assert.equal(parsed.rest.toString(), 'REST');
    assert.equal(parseRecord(Buffer.from('x\na\n\n')), null);
    assert.equal(parseRecord(Buffer.from('1\na\tb\n\n')), null);
  });
});

describe('signed notes', () => {
  const key = makeTestKey('db.example');
  const text = 'go.sum database tree\n5\nAAAA\n';

  test('valid, wrong signature, unknown signer, malformed', () => {
    const verifier = parseVerifier(key.vkey);
    assert.equal(openNote(Buffer.from(signNote(text, key)), verifier), text);
    const other = makeTestKey('db.example');
    assert.throws(() => openNote(Buffer.from(signNote(text, key, other.privateKey)), verifier), new NoteError(`invalid signature for key db.example+${key.keyHash.toString(16).padStart(8, '0')}`));
    assert.throws(() => openNote(Buffer.from(signNote(text, other)), verifier), /note has no verifiable signatures/);
    // An extra signature by someone else is ignored.
    const both = signNote(text, key) + signNote(text, other).slice(text.length + 1);
    assert.equal(openNote(Buffer.from(both), verifier), text);
    // The signed text cannot be changed.
    assert.throws(() => openNote(Buffer.from(signNote(text, key).replace('\n5\n', '\n6\n')), verifier), /invalid signature/);
    assert.throws(() => openNote(Buffer.from(text), verifier), /malformed note/);
    assert.throws(() => openNote(Buffer.from(signNote(text, key).replace('— ', '- ')), verifier), /malformed note/);
    assert.throws(() => parseVerifier('db.example+00000000+' + key.vkey.split('+').slice(2).join('+')), /invalid verifier hash/);
  });
});

describe('zip hash', () => {
  test('zipHash1 equals the go.sum h1: of the fixture module builder', () => {
    const built = buildModule({ path: 'golang.org/toolchain', version: 'v0.0.1-go1.99.0.linux-amd64', goMod: 'module golang.org/toolchain\n', files: { 'bin/go': '#!/bin/sh\n', 'a/Z': 'z', 'a/b': 'b', 'A': 'upper' } });
    assert.equal(`golang.org/toolchain v0.0.1-go1.99.0.linux-amd64 ${zipHash1(built.zip)}`, built.zipSum);
    assert.equal(listZip(built.zip).length, 5);
  });
});

// Cross-check with golang.org/x/mod/sumdb as vendored in GOROOT (copied into a scratch module):
// Go builds a log of N records, signs its tree note with a fresh key and writes every tile;
// our code must verify the note with Go's verifier key and prove every record from Go's tiles.
const GO_PROGRAM = `package main

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"strconv"

	"scratch.example/note"
	"scratch.example/tlog"
)

type hashes []tlog.Hash

func (h hashes) ReadHashes(idx []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(idx))
	for i, x := range idx {
		out[i] = h[x]
	}
	return out, nil
}

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	var stored hashes
	for i := 0; i < n; i++ {
		hs, err := tlog.StoredHashes(int64(i), []byte(fmt.Sprintf("example.com/m%d v1.0.0 h1:x\\n", i)), stored)
		if err != nil {
			panic(err)
		}
		stored = append(stored, hs...)
	}
	th, err := tlog.TreeHash(int64(n), stored)
	if err != nil {
		panic(err)
	}
	skey, vkey, _ := note.GenerateKey(rand.Reader, "go.example/db")
	signer, _ := note.NewSigner(skey)
	msg, err := note.Sign(&note.Note{Text: string(tlog.FormatTree(tlog.Tree{N: int64(n), Hash: th}))}, signer)
	if err != nil {
		panic(err)
	}
	tiles := map[string]string{}
	for _, t := range tlog.NewTiles(8, 0, int64(n)) {
		data, err := tlog.ReadTileData(t, stored)
		if err != nil {
			panic(err)
		}
		tiles[t.Path()] = base64.StdEncoding.EncodeToString(data)
	}
	json.NewEncoder(os.Stdout).Encode(map[string]any{"vkey": vkey, "note": string(msg), "tiles": tiles})
}
`;

describe('cross-check with the real golang.org/x/mod/sumdb', () => {
  test('Go-signed notes and Go-written tiles verify', async (t) => {
    const go = requireGo(t);
    if (go === null) return;
    const goroot = await new Promise<string>((resolve, reject) => execFile(go, ['env', 'GOROOT'], { env: { PATH: '/usr/bin:/bin', HOME: tmpdir(), GOTOOLCHAIN: 'local', ...NO_GO_TELEMETRY } }, (e, out) => (e ? reject(e) : resolve(out.trim()))));
    const vendored = path.join(goroot, 'src', 'cmd', 'vendor', 'golang.org', 'x', 'mod', 'sumdb');
    await withTempDir('toolchain-tlog-go-', async (root) => {
      const mod = path.join(root, 'scratch');
      await mkdir(mod, { recursive: true });
      await cp(path.join(vendored, 'tlog'), path.join(mod, 'tlog'), { recursive: true });
      await cp(path.join(vendored, 'note'), path.join(mod, 'note'), { recursive: true });
      await writeFile(path.join(mod, 'go.mod'), 'module scratch.example\n\ngo 1.21\n');
      await writeFile(path.join(mod, 'main.go'), GO_PROGRAM);
      const env = {
        PATH: '/usr/bin:/bin',
        HOME: root,
        ...NO_GO_TELEMETRY,
        // A shared build cache keeps re-runs fast; it holds only compiled stdlib/scratch packages.
        GOCACHE: path.join(tmpdir(), 'setup-goproxy-test-gocache'),
        GOPATH: path.join(root, 'gopath'),
        GOTOOLCHAIN: 'local',
        GOPROXY: 'off',
        GOFLAGS: '-mod=mod',
      };
      for (const size of [300, 513]) {
        const stdout = await new Promise<string>((resolve, reject) =>
          execFile(go, ['run', '.', String(size)], { env, cwd: mod, timeout: 45_000 }, (e, out, err) => (e ? reject(new Error(`${e.message}\n${err}`)) : resolve(out))),
        );
        const out = JSON.parse(stdout) as { vkey: string; note: string; tiles: Record<string, string> };
        const treeText = openNote(Buffer.from(out.note), parseVerifier(out.vkey));
        const tree = parseTree(treeText);
        assert.ok(tree);
        assert.equal(tree.size, size);
        const leaves = Array.from({ length: size }, (_, i) => recordHash(record(i)));
        assert.ok(tree.hash.equals(merkleTreeHash(leaves)), 'same tree hash as tlog.TreeHash');
        const read: TileReader = async (p) => {
          const data = out.tiles[p];
          assert.ok(data !== undefined, `Go wrote no tile ${p} (has ${Object.keys(out.tiles).join(', ')})`);
          return Buffer.from(data, 'base64');
        };
        for (const id of [0, 1, 255, 256, size - 1]) await verifyInclusion(tree, id, leaves[id]!, read);
      }
    });
  });
});
