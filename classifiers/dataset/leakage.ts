// Exact and near-duplicate detection (64-bit SimHash over words, Hamming ≤ 6, found through
// 8 bands of 8 bits) to report train/test leakage and to keep duplicates inside one CV fold.
import { fmix32, fnv1a } from '../common/hash.js';

export interface Fingerprint {
  /** Hash of the lower-cased, whitespace-collapsed text. */
  exactHi: number;
  exactLo: number;
  simHi: number;
  simLo: number;
}

/** Short posts move more bits per edited word than web pages do, hence 6 rather than the classic 3. */
export const NEAR_DUPLICATE_BITS = 6;

function canonical(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export function fingerprint(text: string): Fingerprint {
  const canon = canonical(text);
  const words = canon === '' ? [] : canon.split(' ');
  const acc = new Int32Array(64);
  // Words rather than longer shingles: one edited word then moves only a few of the 64 bits.
  for (const shingle of words) {
    const hi = fmix32(fnv1a(shingle));
    const lo = fmix32(fnv1a(shingle, 0x9747b28c));
    for (let b = 0; b < 32; b++) {
      acc[b] = (acc[b] as number) + ((hi >>> b) & 1 ? 1 : -1);
      acc[32 + b] = (acc[32 + b] as number) + ((lo >>> b) & 1 ? 1 : -1);
    }
  }
  let simHi = 0;
  let simLo = 0;
  for (let b = 0; b < 32; b++) {
    if ((acc[b] as number) > 0) simHi |= 1 << b;
    if ((acc[32 + b] as number) > 0) simLo |= 1 << b;
  }
  return { exactHi: fmix32(fnv1a(canon)), exactLo: fmix32(fnv1a(canon, 0x1b873593)), simHi: simHi >>> 0, simLo: simLo >>> 0 };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
}

export function hamming(a: Fingerprint, b: Fingerprint): number {
  return popcount((a.simHi ^ b.simHi) >>> 0) + popcount((a.simLo ^ b.simLo) >>> 0);
}

export function isExactDuplicate(a: Fingerprint, b: Fingerprint): boolean {
  return a.exactHi === b.exactHi && a.exactLo === b.exactLo;
}

/** Eight 8-bit bands: two fingerprints within 7 bits share at least one band (pigeonhole), so none is missed. */
function bands(f: Fingerprint): number[] {
  const out: number[] = [];
  for (let b = 0; b < 4; b++) {
    out.push((b << 8) | ((f.simHi >>> (8 * b)) & 0xff));
    out.push(((b + 4) << 8) | ((f.simLo >>> (8 * b)) & 0xff));
  }
  return out;
}

class BandIndex {
  private readonly buckets = new Map<number, number[]>();
  constructor(private readonly items: readonly Fingerprint[]) {
    items.forEach((f, i) => {
      for (const key of bands(f)) {
        const list = this.buckets.get(key);
        if (list) list.push(i);
        else this.buckets.set(key, [i]);
      }
    });
  }
  /** Indices of items within NEAR_DUPLICATE_BITS of `f` (every such item shares at least one band). */
  near(f: Fingerprint): number[] {
    const out = new Set<number>();
    for (const key of bands(f)) {
      for (const i of this.buckets.get(key) ?? []) {
        if (hamming(f, this.items[i] as Fingerprint) <= NEAR_DUPLICATE_BITS) out.add(i);
      }
    }
    return [...out];
  }
}

export interface LeakageReport {
  /** Test rows whose text also occurs (exactly, after case and punctuation folding) in training. */
  exact: number;
  /** Further test rows within NEAR_DUPLICATE_BITS SimHash bits of a training row. */
  near: number;
  /** Up to ten examples: test row index and the training row index it duplicates. */
  examples: Array<{ test: number; train: number; kind: 'exact' | 'near' }>;
}

export function crossLeakage(train: readonly Fingerprint[], test: readonly Fingerprint[]): LeakageReport {
  const exactKeys = new Map<string, number>();
  train.forEach((f, i) => exactKeys.set(`${f.exactHi}:${f.exactLo}`, i));
  const index = new BandIndex(train);
  const report: LeakageReport = { exact: 0, near: 0, examples: [] };
  test.forEach((f, t) => {
    const exact = exactKeys.get(`${f.exactHi}:${f.exactLo}`);
    if (exact !== undefined) {
      report.exact++;
      if (report.examples.length < 10) report.examples.push({ test: t, train: exact, kind: 'exact' });
      return;
    }
    const near = index.near(f);
    if (near.length > 0) {
      report.near++;
      if (report.examples.length < 10) report.examples.push({ test: t, train: near[0] as number, kind: 'near' });
    }
  });
  return report;
}

/** Groups of mutually (transitively) duplicate rows; group id per row. */
export function duplicateGroups(items: readonly Fingerprint[]): { group: Int32Array; exactPairs: number; nearPairs: number } {
  const parent = Int32Array.from(items.map((_, i) => i));
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  const index = new BandIndex(items);
  const exactKeys = new Map<string, number>();
  let exactPairs = 0;
  let nearPairs = 0;
  items.forEach((f, i) => {
    const key = `${f.exactHi}:${f.exactLo}`;
    const first = exactKeys.get(key);
    if (first !== undefined) {
      exactPairs++;
      parent[find(i)] = find(first);
    } else exactKeys.set(key, i);
    for (const j of index.near(f)) {
      if (j >= i || isExactDuplicate(f, items[j] as Fingerprint)) continue;
      nearPairs++;
      parent[find(i)] = find(j);
    }
  });
  const group = new Int32Array(items.length);
  for (let i = 0; i < items.length; i++) group[i] = find(i);
  return { group, exactPairs, nearPairs };
}

/** Packs fingerprints into base64 (16 bytes each) for model metadata. */
export function encodeFingerprints(items: readonly Fingerprint[]): string {
  const words = new Uint32Array(items.length * 4);
  items.forEach((f, i) => words.set([f.exactHi, f.exactLo, f.simHi, f.simLo], i * 4));
  return Buffer.from(words.buffer).toString('base64');
}

export function decodeFingerprints(encoded: string): Fingerprint[] {
  const bytes = Buffer.from(encoded, 'base64');
  const words = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const out: Fingerprint[] = [];
  for (let i = 0; i + 3 < words.length; i += 4) {
    out.push({ exactHi: words[i] as number, exactLo: words[i + 1] as number, simHi: words[i + 2] as number, simLo: words[i + 3] as number });
  }
  return out;
}
