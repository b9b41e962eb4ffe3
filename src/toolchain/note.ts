// Signed notes (golang.org/x/mod/sumdb/note, note.go) as the checksum database signs its tree
// heads, verified with the Ed25519 key of a GOSUMDB verifier key "name+hash+base64(0x01||key)".
//
// A signed note is "<text ending in \n>\n" followed by signature lines
// "— <name> <base64(4-byte big-endian key hash || 64-byte Ed25519 signature)>\n". The signature
// covers the text (with its final newline). Signatures by unknown keys are ignored; at least one
// must come from the known verifier and every one by it must be valid (note.Open).

import { createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { checkVerifierKey, decodeStdBase64 } from '../go/gosumdb.js';
import { goFields } from '../go/proxyList.js';

export interface Verifier {
  name: string;
  keyHash: number;
  publicKey: KeyObject;
}

export class NoteError extends Error {
  override name = 'NoteError';
}

/** note.NewVerifier: the verifier for a verifier key; throws NoteError with note.go's text. */
export function parseVerifier(vkey: string): Verifier {
  const checked = checkVerifierKey(vkey);
  if (!checked.ok) throw new NoteError(checked.error);
  const parts = vkey.split('+');
  const keyHash = parseInt(parts[1]!, 16);
  const key = decodeStdBase64(parts.slice(2).join('+'))!;
  const raw = Buffer.from(key.subarray(1));
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  return { name: checked.name, keyHash, publicKey };
}

/** note.go isValidName. */
function isValidName(name: string): boolean {
  return name !== '' && !name.includes('+') && goFields(name).length === 1 && goFields(name)[0] === name;
}

/**
 * note.Open with one known verifier: returns the verified text or throws NoteError:
 * "malformed note", "verifier name or hash doesn't match signature",
 * "invalid signature for key <name>+<hash>", "note has no verifiable signatures".
 */
export function openNote(msg: Buffer, verifier: Verifier): string {
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(msg);
  } catch {
    throw new NoteError('malformed note');
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(decoded)) throw new NoteError('malformed note');
  const split = msg.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('malformed note');
  const text = msg.subarray(0, split + 1);
  let sigs = msg.subarray(split + 2).toString('utf8');
  if (sigs === '' || !sigs.endsWith('\n')) throw new NoteError('malformed note');

  let verified = 0;
  let count = 0;
  while (sigs !== '') {
    const nl = sigs.indexOf('\n');
    let line = sigs.slice(0, nl);
    sigs = sigs.slice(nl + 1);
    if (!line.startsWith('— ')) throw new NoteError('malformed note');
    line = line.slice(2);
    const space = line.indexOf(' ');
    const name = space < 0 ? line : line.slice(0, space);
    const b64 = space < 0 ? '' : line.slice(space + 1);
    const sig = decodeStdBase64(b64);
    if (sig === null || !isValidName(name) || b64 === '' || sig.length < 5) throw new NoteError('malformed note');
    if (++count > 100) throw new NoteError('malformed note');
    const hash = Buffer.from(sig).readUInt32BE(0);
    // Known verifiers are looked up by (name, hash); anything else is an unverified signature.
    if (name !== verifier.name || hash !== verifier.keyHash) continue;
    if (!cryptoVerify(null, text, verifier.publicKey, sig.subarray(4))) {
      throw new NoteError(`invalid signature for key ${name}+${hash.toString(16).padStart(8, '0')}`);
    }
    verified++;
  }
  if (verified === 0) throw new NoteError('note has no verifiable signatures');
  return text.toString('utf8');
}
