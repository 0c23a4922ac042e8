// Binary form of a campaign index: a JSON header with the string tables, then little-endian typed columns.
// Compact (≈ 300 bytes per post) and independent of the index's internal layout, which may change.

const MAGIC = 0x31494357; // "WCI1" read as little-endian uint32
export const SNAPSHOT_VERSION = 1;

export interface SnapshotData {
  signatureVersion: string;
  hashes: number;
  options: { threshold: number; bands: number; maxBucketWalk: number; maxNearDuplicates: number; mergeOnAuthor: boolean };
  platforms: string[];
  sources: string[];
  authors: string[];
  /** Contact as first seen: [kind, value]. */
  contacts: Array<[string, string]>;
  /** Columns in insertion order; -1 for no source/author, NaN for no date. */
  ids: Float64Array;
  postedAt: Float64Array;
  reach: Float64Array;
  platform: Int32Array;
  source: Int32Array;
  author: Int32Array;
  /** Contacts of post i are contactIndices[contactOffsets[i] .. contactOffsets[i + 1]). */
  contactOffsets: Int32Array;
  contactIndices: Int32Array;
  signatures: Uint32Array;
}

export class SnapshotFormatError extends Error {
  override name = 'SnapshotFormatError';
}

type Column = Float64Array | Int32Array | Uint32Array;

export function encodeSnapshot(data: SnapshotData): Uint8Array {
  const { ids, postedAt, reach, platform, source, author, contactOffsets, contactIndices, signatures, ...rest } = data;
  const header = new TextEncoder().encode(JSON.stringify({ version: SNAPSHOT_VERSION, ...rest, posts: ids.length, contactRefs: contactIndices.length }));
  const columns: Column[] = [ids, postedAt, reach, platform, source, author, contactOffsets, contactIndices, signatures];
  // Columns start on 8-byte boundaries so they can be viewed in place when decoding.
  const headerEnd = align8(8 + header.length);
  let total = headerEnd;
  for (const column of columns) total += align8(column.byteLength);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, header.length, true);
  out.set(header, 8);
  let offset = headerEnd;
  for (const column of columns) {
    out.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), offset);
    offset += align8(column.byteLength);
  }
  return out;
}

export function decodeSnapshot(bytes: Uint8Array): SnapshotData {
  if (bytes.length < 8) throw new SnapshotFormatError('snapshot too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new SnapshotFormatError('not a campaign index snapshot');
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > bytes.length) throw new SnapshotFormatError('snapshot header truncated');
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as Record<string, unknown>;
  } catch (error) {
    throw new SnapshotFormatError(`snapshot header is not JSON: ${(error as Error).message}`);
  }
  if (header.version !== SNAPSHOT_VERSION) throw new SnapshotFormatError(`unsupported snapshot version ${String(header.version)}`);
  const posts = header.posts;
  const refs = header.contactRefs;
  const hashes = header.hashes;
  if (!isCount(posts) || !isCount(refs) || !isCount(hashes)) throw new SnapshotFormatError('snapshot header lacks its counts');
  for (const table of ['platforms', 'sources', 'authors', 'contacts'] as const) {
    if (!Array.isArray(header[table])) throw new SnapshotFormatError(`snapshot header lacks ${table}`);
  }
  // Copy into a fresh, aligned buffer: the caller's bytes may sit at any offset (a Node Buffer from a pool).
  const aligned = new Uint8Array(bytes.length);
  aligned.set(bytes);
  let offset = align8(8 + headerLength);
  const take = <T extends Column>(make: (buffer: ArrayBuffer, offset: number, length: number) => T, length: number, width: number): T => {
    if (offset + length * width > aligned.length) throw new SnapshotFormatError('snapshot truncated');
    const column = make(aligned.buffer, offset, length);
    offset += align8(length * width);
    return column;
  };
  const f64 = (b: ArrayBuffer, o: number, n: number) => new Float64Array(b, o, n);
  const i32 = (b: ArrayBuffer, o: number, n: number) => new Int32Array(b, o, n);
  const u32 = (b: ArrayBuffer, o: number, n: number) => new Uint32Array(b, o, n);
  return {
    signatureVersion: header.signatureVersion as string,
    hashes,
    options: header.options as SnapshotData['options'],
    platforms: header.platforms as string[],
    sources: header.sources as string[],
    authors: header.authors as string[],
    contacts: header.contacts as Array<[string, string]>,
    ids: take(f64, posts, 8),
    postedAt: take(f64, posts, 8),
    reach: take(f64, posts, 8),
    platform: take(i32, posts, 4),
    source: take(i32, posts, 4),
    author: take(i32, posts, 4),
    contactOffsets: take(i32, posts + 1, 4),
    contactIndices: take(i32, refs, 4),
    signatures: take(u32, posts * hashes, 4),
  };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}
