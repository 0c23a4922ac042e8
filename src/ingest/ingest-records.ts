// Validates untrusted post records, stores the good ones (duplicates collapse), records the bad ones
// with the name of the record, and hands new posts to the extract stage.
import { z } from 'zod';
import { PostInput } from '../contracts/post.js';
import type { InsertResult } from '../store/posts.js';
import type { Reject } from '../store/rejects.js';
import { insertIsolating } from './insert-isolating.js';
import type { RawRecord } from './read-records.js';

export interface IngestDeps {
  insert(posts: PostInput[]): Promise<InsertResult>;
  saveRejects(rejects: Reject[]): Promise<void>;
  /** Hands newly stored posts to the extract stage. */
  next(postIds: number[]): Promise<void>;
}

export interface IngestSummary {
  accepted: number;
  duplicate: number;
  rejected: number;
  errors: Array<{ record: string; error: string }>;
  /** Ids of stored posts, new or already known, for callers that link evidence. */
  postIds: number[];
}

/** At most this many errors are returned in full; all are counted and stored. */
const MAX_ERRORS_RETURNED = 1000;

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export class Ingestor {
  private summary: IngestSummary = { accepted: 0, duplicate: 0, rejected: 0, errors: [], postIds: [] };
  /** Valid posts waiting for the next insert, with the names of their records (for a post the database refuses). */
  private batch: Array<{ record: string; post: PostInput }> = [];
  private rejects: Reject[] = [];

  constructor(
    private readonly deps: IngestDeps,
    private readonly origin: string,
    private readonly batchSize = 1000,
  ) {}

  async add(raw: RawRecord): Promise<void> {
    if ('error' in raw) return this.reject(raw.record, raw.error);
    const parsed = PostInput.safeParse(raw.value);
    if (!parsed.success) return this.reject(raw.record, describeIssues(parsed.error), raw.value);
    const post = raw.notes.length ? { ...parsed.data, notes: [...parsed.data.notes, ...raw.notes] } : parsed.data;
    this.batch.push({ record: raw.record, post });
    if (this.batch.length >= this.batchSize) await this.flush();
  }

  private async reject(record: string, error: string, value?: unknown): Promise<void> {
    this.summary.rejected += 1;
    if (this.summary.errors.length < MAX_ERRORS_RETURNED) this.summary.errors.push({ record, error });
    let snippet: string | undefined;
    try {
      snippet = value === undefined ? undefined : JSON.stringify(value)?.slice(0, 500);
    } catch {
      snippet = undefined;
    }
    this.rejects.push({ origin: this.origin, record, error, snippet });
    if (this.rejects.length >= this.batchSize) await this.flushRejects();
  }

  private async flushRejects(): Promise<void> {
    const rejects = this.rejects;
    this.rejects = [];
    await this.deps.saveRejects(rejects);
  }

  async flush(): Promise<void> {
    if (this.batch.length > 0) {
      const batch = this.batch;
      this.batch = [];
      const { result, refused } = await insertIsolating((posts) => this.deps.insert(posts), batch.map((b) => b.post));
      this.summary.accepted += result.inserted.length;
      this.summary.duplicate += result.duplicates;
      this.summary.postIds.push(...result.idsByInput.filter((id) => id > 0));
      for (const r of refused) await this.reject(batch[r.index]!.record, r.error, batch[r.index]!.post);
      if (result.inserted.length > 0) await this.deps.next(result.inserted);
    }
    if (this.rejects.length > 0) await this.flushRejects();
  }

  async finish(): Promise<IngestSummary> {
    await this.flush();
    return this.summary;
  }
}

/** Ingests records from any iterable: files, API bodies, collectors. */
export async function ingestRecords(records: AsyncIterable<RawRecord> | Iterable<RawRecord>, deps: IngestDeps, origin: string, onProgress?: (n: number) => void): Promise<IngestSummary> {
  const ingestor = new Ingestor(deps, origin);
  let n = 0;
  for await (const record of records) {
    await ingestor.add(record);
    n += 1;
    if (onProgress && n % 500 === 0) onProgress(n);
  }
  onProgress?.(n);
  return ingestor.finish();
}
