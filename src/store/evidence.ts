// Links between posts and their preserved evidence artifacts (the bytes live in the evidence store).
import type { Queryable } from './db.js';
import { iso } from './rows.js';

export interface EvidenceLink {
  postId: number;
  kind: string;
  key: string;
  sha256: string;
  bytes: number;
  capturedAt: string;
  url: string | null;
  crawlerVersion: string | null;
}

export class EvidenceRepository {
  constructor(private readonly db: Queryable) {}

  async link(rows: EvidenceLink[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `INSERT INTO evidence (post_id, kind, storage_key, sha256, bytes, captured_at, url, crawler_version)
       SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[], $6::timestamptz[], $7::text[], $8::text[])
       ON CONFLICT (post_id, sha256) DO NOTHING`,
      [
        rows.map((r) => r.postId),
        rows.map((r) => r.kind),
        rows.map((r) => r.key),
        rows.map((r) => r.sha256),
        rows.map((r) => r.bytes),
        rows.map((r) => r.capturedAt),
        rows.map((r) => r.url),
        rows.map((r) => r.crawlerVersion),
      ],
    );
  }

  async forPost(postId: number): Promise<EvidenceLink[]> {
    const rows = await this.db.query('SELECT * FROM evidence WHERE post_id = $1 ORDER BY id', [postId]);
    return rows.map((r) => ({
      postId: Number(r.post_id),
      kind: String(r.kind),
      key: String(r.storage_key),
      sha256: String(r.sha256),
      bytes: Number(r.bytes),
      capturedAt: iso(r.captured_at) ?? '',
      url: (r.url as string | null) ?? null,
      crawlerVersion: (r.crawler_version as string | null) ?? null,
    }));
  }
}
