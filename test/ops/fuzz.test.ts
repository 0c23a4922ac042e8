// Property-based fuzzing of every boundary parser: the PostInput schema, the JSONL and CSV readers,
// job payload parsing, and POST /api/posts. Whatever arrives, each parser answers with a value or a
// clear per-record error and never throws past its boundary.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { JobCatalog, type JobName } from '../../src/contracts/jobs.js';
import { PostInput } from '../../src/contracts/post.js';
import { ingestRecords, type IngestDeps } from '../../src/ingest/ingest-records.js';
import { readCsv, readJsonl, type RawRecord } from '../../src/ingest/read-records.js';
import { PermanentJobError } from '../../src/queue/errors.js';
import { parsePayload } from '../../src/queue/worker-host.js';
import { postRoutes } from '../../src/web/routes/api-posts.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'waspada-fuzz-'));
let fileNo = 0;
const tmpFile = (content: Uint8Array | string) => {
  const file = path.join(dir, `f${fileNo++}`);
  writeFileSync(file, content);
  return file;
};

async function collect(gen: AsyncIterable<RawRecord>): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

/** A post-shaped object with any field possibly wrong. */
const postLike = fc.record(
  {
    platform: fc.oneof(fc.constantFrom('telegram', 'facebook', 'x', 'instagram', 'site'), fc.string(), fc.integer()),
    text: fc.oneof(fc.string({ maxLength: 300 }), fc.constant(''), fc.integer(), fc.constant(null)),
    externalId: fc.oneof(fc.string({ maxLength: 40 }), fc.integer()),
    url: fc.oneof(fc.webUrl(), fc.string()),
    postedAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()),
    reach: fc.oneof(fc.record({ views: fc.integer() }), fc.string(), fc.constant(null)),
    media: fc.oneof(fc.array(fc.record({ kind: fc.string(), url: fc.string() }), { maxLength: 2 }), fc.string()),
  },
  { requiredKeys: [] },
);
const anything = fc.oneof(postLike, fc.anything());

/** Records whatever ingest stores, in memory: the real Ingestor with fake storage. */
function memoryIngest() {
  const stored: unknown[] = [];
  const rejects: Array<{ record: string; error: string }> = [];
  let nextId = 1;
  const deps: IngestDeps = {
    insert: async (posts) => {
      stored.push(...posts);
      const ids = posts.map(() => nextId++);
      return { inserted: ids, duplicates: 0, idsByInput: ids };
    },
    saveRejects: async (r) => void rejects.push(...r),
    next: async () => undefined,
  };
  return { deps, stored, rejects };
}

describe('fuzzing the boundaries', () => {
  it('PostInput: any value either parses to a post with text or fails with named issues', () => {
    fc.assert(
      fc.property(anything, (value) => {
        const result = PostInput.safeParse(value);
        if (result.success) expect(typeof result.data.text).toBe('string');
        else expect(result.error.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('parsePayload: a payload that breaks its schema is a PermanentJobError naming the job, never another error', () => {
    const names = Object.keys(JobCatalog) as JobName[];
    fc.assert(
      fc.property(fc.constantFrom(...names), anything, (name, data) => {
        try {
          const parsed = parsePayload(name, data);
          expect(JobCatalog[name].payload.safeParse(parsed).success).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(PermanentJobError);
          expect((error as Error).message).toContain(`invalid payload for job "${name}"`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('readJsonl: arbitrary bytes give one result per non-blank line, bad ones with file:line and a reason', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.uint8Array({ maxLength: 80 }), fc.json().map((j) => Buffer.from(j))), { maxLength: 30 }), async (lines) => {
        const bytes = Buffer.concat(lines.flatMap((l) => [Buffer.from(l.filter((b) => b !== 10)), Buffer.from('\n')]));
        const file = tmpFile(bytes);
        const records = await collect(readJsonl(file, 'fuzz.jsonl'));
        const nonBlank = bytes
          .toString('utf8')
          .split('\n')
          .filter((l) => l.replace(/^\uFEFF/, '').trim().length > 0).length;
        expect(records.length).toBe(nonBlank);
        for (const r of records) {
          expect(r.record).toMatch(/^fuzz\.jsonl:\d+$/);
          if ('error' in r) expect(r.error).toMatch(/^malformed JSON: /);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('readCsv: arbitrary text never throws; every record is a value or a named CSV error', async () => {
    const cell = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('"', '""', ',', '\r\n', '{"views":1}', '[1,2'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 20 }), async (rows) => {
        const text = ['platform,text,externalId', ...rows.map((r) => r.join(','))].join('\n');
        const records = await collect(readCsv(tmpFile(text), 'fuzz.csv'));
        for (const r of records) {
          expect(r.record).toMatch(/^fuzz\.csv:(\d+|\?)$/);
          if ('error' in r) expect(r.error).toMatch(/^malformed CSV: /);
          else expect(typeof r.value).toBe('object');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('POST /api/posts: any body gets a JSON answer (200, 400, 413 or 422), good posts stored, bad ones named', async () => {
    const memory = memoryIngest();
    const app = new Hono().route('/', postRoutes({ ingest: memory.deps } as never));
    const body = fc.oneof(
      fc.array(anything, { maxLength: 8 }).map((a) => JSON.stringify(a)),
      fc.anything().map((a) => JSON.stringify(a) ?? 'null'),
      fc.string({ maxLength: 200 }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        const before = memory.stored.length;
        const res = await app.request('/api/posts', { method: 'POST', body: raw, headers: { 'content-type': 'application/json' } });
        expect([200, 400, 413, 422]).toContain(res.status);
        const answer = (await res.json()) as { accepted?: number; rejected?: number; errors?: Array<{ record: string; error: string }>; error?: string };
        if (res.status === 200 || res.status === 422) {
          expect(memory.stored.length - before).toBe(answer.accepted);
          for (const e of answer.errors ?? []) {
            expect(e.record).toMatch(/^item \d+$/);
            expect(e.error.length).toBeGreaterThan(0);
          }
        } else {
          expect(answer.error).toBeTruthy();
          expect(memory.stored.length).toBe(before);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('100,000 malformed records through ingest', () => {
  it('keeps going: every bad record has its own clear error, every good one lands', async () => {
    const GOOD = 1000;
    const BAD = 100_000;
    const kinds = [
      () => '{"platform": "telegram", "text": ',
      () => '{"platform": "myspace", "text": "x"}',
      () => '{"platform": "x"}',
      () => '[1, 2, 3]',
      () => '"just a string"',
      () => '{"platform": "x", "text": 42}',
      () => '\u0000\u0001garbage',
      () => '{"platform": "telegram", "text": "ok", "postedAt": "yesterday"}',
    ];
    const lines: string[] = [];
    let good = 0;
    for (let i = 0; i < BAD + GOOD; i += 1) {
      if (i % 101 === 0 && good < GOOD) {
        lines.push(JSON.stringify({ platform: 'telegram', externalId: `good-${good}`, text: `Lowongan kerja admin nomor ${good}` }));
        good += 1;
      } else lines.push(kinds[i % kinds.length]!());
    }
    while (good < GOOD) lines.push(JSON.stringify({ platform: 'telegram', externalId: `good-${good}`, text: `Lowongan kerja admin nomor ${good++}` }));
    const file = tmpFile(lines.join('\n'));
    const memory = memoryIngest();
    const started = Date.now();
    const summary = await ingestRecords(readJsonl(file, 'bad.jsonl'), memory.deps, 'fuzz');
    const seconds = (Date.now() - started) / 1000;
    expect(summary.accepted).toBe(GOOD);
    expect(memory.stored.length).toBe(GOOD);
    expect(summary.rejected).toBe(lines.length - GOOD);
    expect(summary.rejected).toBeGreaterThanOrEqual(BAD - 1);
    // Every reject is stored with the record it came from and a reason; record names are unique.
    expect(memory.rejects.length).toBe(summary.rejected);
    expect(new Set(memory.rejects.map((r) => r.record)).size).toBe(memory.rejects.length);
    for (const r of memory.rejects) {
      expect(r.record).toMatch(/^bad\.jsonl:\d+$/);
      expect(r.error).toMatch(/malformed JSON|platform|text|postedAt|expected/i);
    }
    process.stdout.write(`malformed ingest: ${summary.rejected} bad records rejected with reasons, ${summary.accepted} good stored, in ${seconds.toFixed(1)} s (${Math.round(lines.length / seconds)} records/s)\n`);
  }, 180_000);
});
