// 32-bit FNV-1a with a murmur finaliser: the feature-hashing function. Changing it invalidates every
// trained model, so artifacts record `hashing: "fnv1a32-fmix"` and loaders refuse anything else.

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** Mixes the low bits, which plain FNV leaves weak, before masking to the table size. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, starting from `basis` so different feature families do not collide by design. */
export function fnv1a(text: string, basis: number = FNV_OFFSET): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  }
  return h >>> 0;
}

/** A stable hex digest of a string (two FNV passes with different bases); for fingerprints, not security. */
export function hash64Hex(text: string): string {
  const a = fmix32(fnv1a(text));
  const b = fmix32(fnv1a(text, 0x9747b28c));
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
