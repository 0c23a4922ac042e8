// The per-post signature the store persists, so the campaign index can be rebuilt at start-up without
// re-reading and re-normalizing every post's text.
import { EMPTY_VALUE, SIGNATURE_HASHES, minhash } from './minhash.js';
import { shingleHashes, shingleHashesOfNormalized } from './shingles.js';

/** Changes whenever shingling, normalization or hashing changes; stored signatures of another version must be recomputed. */
export const SIGNATURE_VERSION = 'minhash-oph/c5/k64/2';

/** Texts shorter than this many shingles ("info loker wa ...") say too little to match on; they get an empty signature. */
export const MIN_SHINGLES = 24;

export { SIGNATURE_HASHES };

const shingleScratch = { buffer: new Uint32Array(1024) };

/** MinHash signature of a post's text (SIGNATURE_HASHES unsigned 32-bit values), written into `out` when given. */
export function signatureOf(text: string, out: Uint32Array = new Uint32Array(SIGNATURE_HASHES)): Uint32Array {
  return signatureFrom(shingleHashes(text, shingleScratch), out);
}

/**
 * The same signature from the text normalizeText already produced, so the extract stage does not normalize
 * twice: signatureOfNormalized(normalizeText(t).text) equals signatureOf(t).
 */
export function signatureOfNormalized(normalized: string, out: Uint32Array = new Uint32Array(SIGNATURE_HASHES)): Uint32Array {
  return signatureFrom(shingleHashesOfNormalized(normalized, shingleScratch), out);
}

function signatureFrom(shingles: Uint32Array, out: Uint32Array): Uint32Array {
  if (shingles.length < MIN_SHINGLES) return out.fill(EMPTY_VALUE);
  return minhash(shingles, shingles.length, out);
}

/** Little-endian bytes for a bytea column (SIGNATURE_HASHES × 4 bytes). */
export function encodeSignature(signature: Uint32Array): Uint8Array {
  const bytes = new Uint8Array(signature.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < signature.length; i++) view.setUint32(i * 4, signature[i]!, true);
  return bytes;
}

export class SignatureFormatError extends Error {
  override name = 'SignatureFormatError';
}

/** Inverse of encodeSignature; throws SignatureFormatError on a wrong length (a stored value from another version). */
export function decodeSignature(bytes: Uint8Array): Uint32Array {
  if (bytes.length !== SIGNATURE_HASHES * 4) {
    throw new SignatureFormatError(`signature must be ${SIGNATURE_HASHES * 4} bytes, got ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint32Array(SIGNATURE_HASHES);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 4, true);
  return out;
}
