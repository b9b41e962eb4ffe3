// Module zips: reading (central directory, stored/deflated entries), the go.sum "h1:" hash the
// checksum database records (golang.org/x/mod/sumdb/dirhash HashZip/Hash1), and extraction the
// way the go command unpacks a toolchain (x/mod/zip Unzip: every name under "<path>@<version>/",
// no escaping paths; toolchain/exec.go then marks bin/, pkg/tool/ and lib/**/go_*_*_exec
// executable and copies every _go.mod back to go.mod).

import { createHash } from 'node:crypto';
import { chmod, copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';

export interface ZipFileEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the local file header. */
  localOffset: number;
  crc32: number;
}

export class ZipError extends Error {
  override name = 'ZipError';
}

/** codehost.MaxZipFile: the go command refuses bigger module zips. */
export const MAX_ZIP_BYTES = 500 << 20;

/** Lists a zip's files from its central directory (zip64 end records included). */
export function listZip(zip: Buffer): ZipFileEntry[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('not a valid zip file');
  let count = zip.readUInt16LE(eocd + 10);
  let cdOffset = zip.readUInt32LE(eocd + 16);
  if ((count === 0xffff || cdOffset === 0xffffffff) && eocd >= 20 && zip.readUInt32LE(eocd - 20) === 0x07064b50) {
    const z64 = Number(zip.readBigUInt64LE(eocd - 20 + 8));
    if (z64 + 56 > zip.length || zip.readUInt32LE(z64) !== 0x06064b50) throw new ZipError('bad zip64 end of central directory');
    count = Number(zip.readBigUInt64LE(z64 + 32));
    cdOffset = Number(zip.readBigUInt64LE(z64 + 48));
  }
  const entries: ZipFileEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== 0x02014b50) throw new ZipError('corrupt central directory');
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    let compressedSize = zip.readUInt32LE(p + 20);
    let size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    let localOffset = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    // zip64 extra field (id 1): the 0xffffffff fields, in order size, compressed size, offset.
    let extra = p + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = zip.readUInt16LE(extra);
      const len = zip.readUInt16LE(extra + 2);
      if (id === 1) {
        let q = extra + 4;
        if (size === 0xffffffff) (size = Number(zip.readBigUInt64LE(q))), (q += 8);
        if (compressedSize === 0xffffffff) (compressedSize = Number(zip.readBigUInt64LE(q))), (q += 8);
        if (localOffset === 0xffffffff) localOffset = Number(zip.readBigUInt64LE(q));
      }
      extra += 4 + len;
    }
    entries.push({ name, method, compressedSize, size, localOffset, crc32: crc });
    p = extraEnd + commentLength;
  }
  return entries;
}

/** The uncompressed content of one entry. */
export function readZipEntry(zip: Buffer, entry: ZipFileEntry): Buffer {
  const lo = entry.localOffset;
  if (lo + 30 > zip.length || zip.readUInt32LE(lo) !== 0x04034b50) throw new ZipError(`corrupt local header for ${entry.name}`);
  const start = lo + 30 + zip.readUInt16LE(lo + 26) + zip.readUInt16LE(lo + 28);
  const stored = zip.subarray(start, start + entry.compressedSize);
  if (stored.length !== entry.compressedSize) throw new ZipError(`truncated entry ${entry.name}`);
  let data: Buffer;
  if (entry.method === 0) data = Buffer.from(stored);
  else if (entry.method === 8) data = inflateRawSync(stored, { maxOutputLength: Math.max(1, entry.size) });
  else throw new ZipError(`unsupported compression method ${entry.method} for ${entry.name}`);
  if (data.length !== entry.size) throw new ZipError(`size mismatch for ${entry.name}`);
  return data;
}

/**
 * dirhash.HashZip (Hash1): "h1:" + base64(SHA-256 of the sorted lines "<sha256 hex>  <name>\n"),
 * one per file, names as stored in the zip (with the "<path>@<version>/" prefix).
 */
export function zipHash1(zip: Buffer, entries: readonly ZipFileEntry[] = listZip(zip)): string {
  const lines: string[] = [];
  for (const entry of entries) {
    if (entry.name.includes('\n')) throw new ZipError(`dirhash: filenames with newlines are not supported`);
    lines.push(`${createHash('sha256').update(readZipEntry(zip, entry)).digest('hex')}  ${entry.name}\n`);
  }
  // Hash1 sorts the file names (Go's sort.Strings: byte order); each line starts with the hash,
  // so sort by name explicitly.
  const names = entries.map((e, i) => ({ name: e.name, line: lines[i]! }));
  names.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  return 'h1:' + createHash('sha256').update(names.map((n) => n.line).join('')).digest('base64');
}

/**
 * Unpacks every file under `prefix` ("golang.org/toolchain@v0.0.1-go1.22.1.linux-amd64/") into
 * `dest`. Refuses names outside the prefix, absolute names and "..", like x/mod/zip does.
 * Returns the number of files written.
 */
export async function extractZip(zip: Buffer, prefix: string, dest: string, entries: readonly ZipFileEntry[] = listZip(zip)): Promise<number> {
  let written = 0;
  const root = path.resolve(dest);
  for (const entry of entries) {
    if (!entry.name.startsWith(prefix)) throw new ZipError(`unexpected file ${entry.name} outside ${prefix}`);
    const rel = entry.name.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) continue; // directory entries
    if (rel.startsWith('/') || rel.includes('\\') || rel.split('/').some((part) => part === '..' || part === '.' || part === '')) {
      throw new ZipError(`invalid file name ${entry.name}`);
    }
    const target = path.resolve(root, rel);
    if (!target.startsWith(root + path.sep)) throw new ZipError(`invalid file name ${entry.name}`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, readZipEntry(zip, entry), { mode: 0o644 });
    written++;
  }
  return written;
}

/**
 * Module zips carry no file modes. Like toolchain/exec.go on first use: every file under pkg/tool
 * and bin, and every lib/ file named go_?*_?*_exec (the js/wasm and wasip1/wasm exec wrappers
 * that Go 1.24 moved into lib/wasm, which `go test` runs), gets the execute bits. No-op on
 * Windows, which has no modes.
 */
export function needsExecuteBit(rel: string): boolean {
  if (rel.startsWith('bin/') || rel.startsWith('pkg/tool/')) return true;
  if (!rel.startsWith('lib/')) return false;
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  if (!name.startsWith('go_') || !name.endsWith('_exec')) return false;
  // filepath.Match("go_?*_?*_exec"): two non-empty parts joined by "_" between the prefix and suffix.
  const middle = name.slice(3, name.length - 5);
  const join = middle.indexOf('_', 1);
  return join > 0 && join < middle.length - 1;
}

export async function markToolchainExecutables(goroot: string, files: readonly string[], platform: NodeJS.Platform = process.platform): Promise<void> {
  if (platform === 'win32') return;
  for (const rel of files) {
    if (needsExecuteBit(rel)) await chmod(path.join(goroot, rel), 0o755);
  }
}

/**
 * A module zip cannot hold nested modules, so cmd/distpack stores GOROOT's go.mod files as
 * _go.mod (src/_go.mod, src/cmd/_go.mod); toolchain/exec.go copies each back to go.mod beside it
 * before the toolchain runs, or the standard library has no module. Returns the files written.
 */
export async function restoreGoModFiles(goroot: string, files: readonly string[]): Promise<string[]> {
  const written: string[] = [];
  for (const rel of files) {
    if (rel !== '_go.mod' && !rel.endsWith('/_go.mod')) continue;
    const target = `${rel.slice(0, rel.length - '_go.mod'.length)}go.mod`;
    await copyFile(path.join(goroot, rel), path.join(goroot, target));
    written.push(target);
  }
  return written;
}

/** Relative names of an entry list under `prefix` (files only). */
export function relativeNames(entries: readonly ZipFileEntry[], prefix: string): string[] {
  return entries.filter((e) => e.name.startsWith(prefix) && !e.name.endsWith('/')).map((e) => e.name.slice(prefix.length));
}
