// The transparent log behind a Go checksum database, written from the rules of
// golang.org/x/mod/sumdb/tlog (tlog.go, tile.go, note.go) and RFC 6962 §2.1:
//   * record (leaf) hash  = SHA-256(0x00 || record text)            (tlog.RecordHash)
//   * interior node hash  = SHA-256(0x01 || left || right)          (tlog.NodeHash)
//   * tree hash of N records = RFC 6962 MTH: split at the largest power of two below N.
//   * tiles of height 8: tile (L, N, W) holds the W hashes of the complete level-8L subtrees
//     number N*256 .. N*256+W-1, 32 bytes each, at "tile/8/<L>/<N as x001/x234/067>[.p/<W>]";
//     W < 256 only for the right edge of a tree (the width follows from the tree size, as
//     tileParent computes it).
// Pure apart from the injected tile reader.

import { createHash } from 'node:crypto';
import { decodeStdBase64 } from '../go/gosumdb.js';

export const HASH_SIZE = 32;
export const TILE_HEIGHT = 8;

export function recordHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(Uint8Array.of(0)).update(data).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(Uint8Array.of(1)).update(left).update(right).digest();
}

/** Largest power of two strictly below n (n >= 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** RFC 6962 Merkle tree hash of leaf hashes (for building test logs and small trees). */
export function merkleTreeHash(leafHashes: readonly Uint8Array[]): Buffer {
  if (leafHashes.length === 0) return createHash('sha256').digest();
  if (leafHashes.length === 1) return Buffer.from(leafHashes[0]!);
  const k = splitPoint(leafHashes.length);
  return nodeHash(merkleTreeHash(leafHashes.slice(0, k)), merkleTreeHash(leafHashes.slice(k)));
}

/** tlog Tile.Path with height 8 (level -1, the data tiles, is never needed here). */
export function tilePath(level: number, index: number, width: number): string {
  let n = index;
  let nStr = String(n % 1000).padStart(3, '0');
  while (n >= 1000) {
    n = Math.floor(n / 1000);
    nStr = `x${String(n % 1000).padStart(3, '0')}/${nStr}`;
  }
  const partial = width === 1 << TILE_HEIGHT ? '' : `.p/${width}`;
  return `tile/${TILE_HEIGHT}/${level}/${nStr}${partial}`;
}

/** Inverse of tilePath for height-8 hash tiles; null for anything else. */
export function parseTilePath(path: string): { level: number; index: number; width: number } | null {
  const m = /^tile\/8\/(\d+)\/((?:x\d{3}\/)*\d{3})(?:\.p\/(\d+))?$/.exec(path);
  if (m === null) return null;
  const index = m[2]!.split('/').reduce((acc, part) => acc * 1000 + Number(part.replace('x', '')), 0);
  const width = m[3] === undefined ? 256 : Number(m[3]);
  if (width < 1 || width > 256 || (m[3] !== undefined && width === 256)) return null;
  return { level: Number(m[1]), index, width };
}

/** The width of tile (level, index) for a tree of `treeSize` records (tileParent); 0 = no such tile. */
export function tileWidth(level: number, index: number, treeSize: number): number {
  const available = Math.floor(treeSize / 2 ** (TILE_HEIGHT * level));
  return Math.max(0, Math.min(256, available - index * 256));
}

// ---------------------------------------------------------------------------------------------
// Tree notes and lookup records (tlog/note.go)

export interface Tree {
  size: number;
  hash: Buffer;
}

export const TREE_PREFIX = 'go.sum database tree\n';

export function formatTree(tree: Tree): string {
  return `${TREE_PREFIX}${tree.size}\n${tree.hash.toString('base64')}\n`;
}

/** tlog.ParseTree; extra lines after the hash are allowed (they are signed but ignored). */
export function parseTree(text: string): Tree | null {
  if (!text.startsWith(TREE_PREFIX) || text.split('\n').length - 1 < 3 || text.length > 1e6) return null;
  const lines = text.split('\n');
  const sizeText = lines[1]!;
  if (!/^(0|[1-9]\d*)$/.test(sizeText)) return null;
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) return null;
  const hash = decodeStdBase64(lines[2]!);
  if (hash === null || hash.length !== HASH_SIZE) return null;
  return { size, hash: Buffer.from(hash) };
}

/** tlog isValidRecordText: UTF-8, no control characters but '\n', no blank line, ends in '\n'. */
function isValidRecordText(text: Buffer): boolean {
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(text);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return decoded.endsWith('\n') && !decoded.includes('\n\n') && !/[\u0000-\u0009\u000b-\u001f]/.test(decoded);
}

/** tlog.ParseRecord: "<id>\n<text ending in \n>\n<rest = signed tree note>". */
export function parseRecord(msg: Buffer): { id: number; text: Buffer; rest: Buffer } | null {
  const nl = msg.indexOf(0x0a);
  if (nl < 0) return null;
  const idText = msg.subarray(0, nl).toString('latin1');
  if (!/^[+-]?\d+$/.test(idText)) return null;
  const id = Number(idText);
  if (!Number.isSafeInteger(id)) return null;
  const body = msg.subarray(nl + 1);
  const blank = body.indexOf('\n\n');
  if (blank < 0) return null;
  const text = body.subarray(0, blank + 1);
  if (!isValidRecordText(text)) return null;
  return { id, text, rest: body.subarray(blank + 2) };
}

// ---------------------------------------------------------------------------------------------
// Inclusion of one record in a signed tree, from tiles

/** Returns the tile's bytes (W*32) or throws; called at most once per tile. */
export type TileReader = (path: string) => Promise<Uint8Array>;

export class TlogError extends Error {
  override name = 'TlogError';
}

/**
 * Proves that `leafHash` is record number `id` of `tree`: recompute the tree hash from the leaf
 * and the sibling subtrees (RFC 6962 audit path), reading each complete subtree's hash from the
 * tiles, and compare it with the signed hash. Any tampered tile or record changes the result.
 * This reads the same tiles as tlog.TileHashReader (same widths), though not necessarily all of
 * them; what it proves is the same: the record hash is authenticated by the tree hash.
 */
export async function verifyInclusion(tree: Tree, id: number, leafHash: Uint8Array, readTile: TileReader): Promise<void> {
  if (!Number.isSafeInteger(id) || id < 0 || id >= tree.size) {
    throw new TlogError(`cannot validate record ${id} in tree of size ${tree.size}`);
  }
  const tiles = new Map<string, Promise<Uint8Array>>();
  const loadTile = (level: number, index: number): Promise<Uint8Array> => {
    const width = tileWidth(level, index, tree.size);
    const path = tilePath(level, index, width);
    let pending = tiles.get(path);
    if (pending === undefined) {
      pending = readTile(path).then((data) => {
        if (data.length !== width * HASH_SIZE) throw new TlogError(`tile ${path}: ${data.length} bytes, expected ${width * HASH_SIZE}`);
        return data;
      });
      tiles.set(path, pending);
    }
    return pending;
  };

  /** Hash of the complete subtree of 2^height records starting at record `start` (aligned). */
  const completeSubtree = async (height: number, start: number): Promise<Buffer> => {
    const tileLevel = Math.floor(height / TILE_HEIGHT);
    const within = height - tileLevel * TILE_HEIGHT;
    const unit = 2 ** (TILE_HEIGHT * tileLevel); // records per level-8L hash
    const first = start / unit; // first level-8L hash used
    const count = 2 ** within;
    const tileIndex = Math.floor(first / 256);
    const data = await loadTile(tileLevel, tileIndex);
    const offset = first - tileIndex * 256;
    if ((offset + count) * HASH_SIZE > data.length) throw new TlogError(`tile ${tilePath(tileLevel, tileIndex, data.length / HASH_SIZE)} is too short`);
    const hashes: Buffer[] = [];
    for (let i = 0; i < count; i++) hashes.push(Buffer.from(data.subarray((offset + i) * HASH_SIZE, (offset + i + 1) * HASH_SIZE)));
    // Within a tile, 2^k hashes of one level combine as a perfect binary tree (tlog tileHash).
    return merkleTreeHash(hashes);
  };

  /** Hash of records [lo, hi), with record `id` taken as `leafHash` instead of from tiles. */
  const rangeHash = async (lo: number, hi: number): Promise<Buffer> => {
    const size = hi - lo;
    const containsLeaf = id >= lo && id < hi;
    if (!containsLeaf && Number.isInteger(Math.log2(size))) return completeSubtree(Math.log2(size), lo);
    if (size === 1) return Buffer.from(leafHash);
    const k = splitPoint(size);
    const [left, right] = await Promise.all([rangeHash(lo, lo + k), rangeHash(lo + k, hi)]);
    return nodeHash(left, right);
  };

  const computed = await rangeHash(0, tree.size);
  if (!computed.equals(tree.hash)) throw new TlogError('cannot authenticate record data in server response');
}
