// MinHash signatures by one-permutation hashing with optimal densification (Shrivastava 2017):
// one hash per shingle instead of one per shingle and permutation, so a 500-character post costs O(n + K).

/** Values per signature. A power of two: the top bits of a shingle's hash choose its bin. */
export const SIGNATURE_HASHES = 64;
const BIN_BITS = Math.log2(SIGNATURE_HASHES);
/** Marks a signature with too little text to compare; such posts join campaigns only through contacts. */
export const EMPTY_VALUE = 0xffffffff;
const SEED = 0x9e3779b9;

/** Murmur3's 32-bit finalizer: a bijection that spreads every input bit over the output. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Signature of a set of 32-bit shingle hashes (duplicates allowed). With no shingles every value is
 * EMPTY_VALUE. Empty bins borrow the value of a bin chosen by a fixed hash sequence, which keeps
 * P(equal value) = Jaccard similarity for sparse sets too.
 */
export function minhash(shingles: ArrayLike<number>, count = shingles.length, out: Uint32Array = new Uint32Array(SIGNATURE_HASHES)): Uint32Array {
  out.fill(EMPTY_VALUE);
  if (count === 0) return out;
  for (let i = 0; i < count; i++) {
    const h = mix32(shingles[i]! ^ SEED);
    const bin = h >>> (32 - BIN_BITS);
    // EMPTY_VALUE is reserved; folding the one colliding hash onto its neighbour costs nothing measurable.
    const value = h === EMPTY_VALUE ? EMPTY_VALUE - 1 : h;
    if (value < out[bin]!) out[bin] = value;
  }
  densify(out);
  return out;
}

function densify(signature: Uint32Array): void {
  const k = signature.length;
  let filled = 0;
  for (let i = 0; i < k; i++) if (signature[i] !== EMPTY_VALUE) filled++;
  if (filled === k) return;
  const original = signature.slice();
  for (let i = 0; i < k; i++) {
    if (original[i] !== EMPTY_VALUE) continue;
    let value = EMPTY_VALUE;
    for (let attempt = 1; attempt <= 4 * k && value === EMPTY_VALUE; attempt++) {
      const j = mix32(Math.imul(i + 1, 0x27d4eb2f) ^ Math.imul(attempt, 0x165667b1)) & (k - 1);
      value = original[j]!;
    }
    // The bounded hash sequence failing is astronomically rare; a scan keeps the result deterministic anyway.
    for (let j = (i + 1) & (k - 1); value === EMPTY_VALUE; j = (j + 1) & (k - 1)) value = original[j]!;
    signature[i] = value;
  }
}

/** True when the signature came from text too short to compare. */
export function isEmptySignature(signature: Uint32Array, offset = 0): boolean {
  return signature[offset] === EMPTY_VALUE;
}

/** Fraction of equal positions: an unbiased estimate of the Jaccard similarity of the two shingle sets. */
export function estimateJaccard(a: Uint32Array, aOffset: number, b: Uint32Array, bOffset: number, k = SIGNATURE_HASHES): number {
  let equal = 0;
  for (let i = 0; i < k; i++) if (a[aOffset + i] === b[bOffset + i]) equal++;
  return equal / k;
}
