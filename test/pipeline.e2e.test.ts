// End to end on real Redis and both databases: 200 posts through every stage to the cases that the
// offline scorer predicts, then the same 200 again with nothing duplicated.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDeps, ingestDeps } from '../src/app/stage-deps.js';
import { handleExtract } from '../src/extract/handle-extract.js';
import { ingestRecords } from '../src/ingest/ingest-records.js';
import type { RawRecord } from '../src/ingest/read-records.js';
import { routePost } from '../src/route/route-post.js';
import { SIGNATURE_VERSION, decodeSignature, signatureOf } from '../src/campaigns/signature.js';
import { testDatabases } from './helpers/databases.js';
import { startTestPipeline, waitFor, type TestPipeline } from './helpers/pipeline.js';

const corpus = readFileSync(new URL('../fixtures/corpus/corpus.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { id: string; platform: string; text: string });
const POSTS = corpus.slice(0, 200).map((c, i) => ({ platform: c.platform, externalId: `e2e-${c.id}`, text: c.text, reach: { views: i * 10 } }));
const records = (): RawRecord[] => POSTS.map((value, i) => ({ record: `post ${i}`, value, notes: [] }));

const databases = await testDatabases();
// One host: extract scores its batch in the same job. A host per stage: the score stage gets its own jobs.
const runs = databases.flatMap((database) => (['one-host', 'host-per-stage'] as const).map((layout) => ({ name: `${database.name}, ${layout}`, database, layout })));

describe.each(runs)('pipeline end to end on $name', ({ database, layout }) => {
  let pipeline: TestPipeline;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const opened = await database.open();
    drop = opened.drop;
    pipeline = await startTestPipeline(opened.db, {}, layout);
  });
  afterAll(async () => {
    await pipeline?.stop();
    await drop?.();
  });

  it('moves 200 posts through extract, score and route to the expected cases, and a replay duplicates nothing', async () => {
    const { store } = pipeline.services;
    const first = await ingestRecords(records(), ingestDeps(pipeline.services), 'e2e');
    expect(first).toMatchObject({ accepted: 200, duplicate: 0, rejected: 0 });
    await waitFor(async () => (await store.posts.countReached()).routed === 200, 'all posts routed');

    // The expected cases: the same extractor, model and rules, applied offline.
    const model = await pipeline.services.scorers.current();
    const expected = new Set<string>();
    const ids = first.postIds;
    for (const [i, post] of POSTS.entries()) {
      const features = pipeline.services.extract(post.text);
      const score = model.score(post.text, features);
      if (score.verdict !== 'suspect' && !score.uncertain) continue;
      for (const queue of routePost({ post, features, score }).queues) expected.add(`${ids[i]}:${queue}`);
    }
    const cases = await store.db.query<{ post_id: number; queue: string }>('SELECT post_id, queue FROM cases');
    expect(new Set(cases.map((c) => `${c.post_id}:${c.queue}`))).toEqual(expected);
    expect(expected.size).toBeGreaterThan(20);
    const scores = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM scores');
    expect(scores[0]?.n).toBe(200);
    // One host runs the batch's score and route steps inside the extract job: no score or route job at all.
    // Separate hosts hand each batch on through the queues.
    const handedOn = await Promise.all((['score', 'route'] as const).map(async (stage) => {
      const counts = await pipeline.services.producer.queue(stage).getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed');
      return Object.values(counts).reduce((a, b) => a + b, 0);
    }));
    if (layout === 'one-host') expect(handedOn).toEqual([0, 0]);
    else expect(handedOn.every((n) => n > 0)).toBe(true);
    // The extract stage stores each post's campaign signature from its own normalization: the same bytes
    // routing would compute from the text, so routing never has to.
    const signatures = await store.db.query<{ post_id: number; version: string; signature: Uint8Array }>('SELECT post_id, version, signature FROM post_signatures ORDER BY post_id');
    expect(signatures.map((r) => Number(r.post_id))).toEqual([...ids].sort((a, b) => a - b));
    for (const r of signatures) {
      const text = POSTS[ids.indexOf(Number(r.post_id))]!.text;
      expect(r.version).toBe(SIGNATURE_VERSION);
      expect([...decodeSignature(new Uint8Array(r.signature))]).toEqual([...signatureOf(text)]);
    }

    const again = await ingestRecords(records(), ingestDeps(pipeline.services), 'e2e');
    expect(again).toMatchObject({ accepted: 0, duplicate: 200, rejected: 0 });
    // Replaying every stage's job directly must change nothing either.
    await pipeline.services.producer.enqueue('extract-posts', { postIds: ids }, { jobId: 'replay-extract' });
    await pipeline.services.producer.enqueue('route-posts', { postIds: ids }, { jobId: 'replay-route' });
    await waitFor(async () => {
      const counts = await Promise.all(pipeline.services.producer.allQueues().map((q) => q.getJobCounts('waiting', 'active', 'delayed')));
      return counts.every((c) => (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) === 0);
    }, 'replayed jobs to finish');
    const after = await store.db.query<{ posts: number; scores: number; cases: number; features: number }>(
      'SELECT (SELECT count(*)::int FROM posts) AS posts, (SELECT count(*)::int FROM scores) AS scores, (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM features) AS features',
    );
    expect(after[0]).toEqual({ posts: 200, scores: 200, features: 200, cases: expected.size });
  });

  it('holds batches at a paused score or route queue, even where those stages run inside the extract job', async () => {
    const { store, producer } = pipeline.services;
    const stageOf = async (ids: number[]) => (await store.db.query<{ stage: string }>('SELECT DISTINCT stage FROM posts WHERE id = ANY($1::int[])', [ids])).map((r) => r.stage).sort();
    const batch = async (tag: string) =>
      (await ingestRecords(corpus.slice(200, 205).map((c, i) => ({ record: `${tag} ${i}`, value: { platform: c.platform, externalId: `${tag}-${c.id}`, text: c.text }, notes: [] })), ingestDeps(pipeline.services), tag)).postIds;
    for (const [stage, heldAt] of [['score', 'extracted'], ['route', 'scored']] as const) {
      const queue = producer.queue(stage);
      await queue.pause();
      const ids = await batch(`paused-${stage}`);
      const held = async () => Object.values(await queue.getJobCounts('paused', 'waiting')).reduce((a, b) => a + b, 0);
      await waitFor(async () => (await stageOf(ids)).join() === heldAt && (await held()) > 0, `posts held at ${heldAt}, their batch waiting in the paused ${stage} queue`);
      // Held for real: nothing of the paused stage happened while the other stages went on.
      await new Promise((r) => setTimeout(r, 300));
      expect(await stageOf(ids)).toEqual([heldAt]);
      const scored = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM scores WHERE post_id = ANY($1::int[])', [ids]);
      expect(Number(scored[0]!.n)).toBe(stage === 'score' ? 0 : ids.length);
      await queue.resume();
      await waitFor(async () => (await stageOf(ids)).join() === 'routed', `posts routed after ${stage} resumed`);
    }
  });

  it('scores a post whose features were stored but whose score was lost (a crash in between) when its extract job runs again', async () => {
    const { store } = pipeline.services;
    const [id] = (await store.posts.insert([{ platform: 'x', externalId: 'half-done', text: 'Lowongan admin ke Kamboja gaji 1200 USD, tiket ditanggung, hubungi WA 0812-0000-2222', media: [], reach: {}, notes: [] }])).inserted;
    await store.stages.saveFeatures([{ postId: id!, features: pipeline.services.extract('Lowongan admin ke Kamboja gaji 1200 USD, tiket ditanggung, hubungi WA 0812-0000-2222') }], [id!], { advance: false });
    await pipeline.services.producer.enqueue('extract-posts', { postIds: [id!] });
    await waitFor(async () => (await store.db.query<{ stage: string }>('SELECT stage FROM posts WHERE id = $1', [id]))[0]?.stage === 'routed', 'the half-done post to be routed');
    const rows = await store.db.query<{ scores: number; features: number }>('SELECT (SELECT count(*)::int FROM scores WHERE post_id = $1) AS scores, (SELECT count(*)::int FROM features WHERE post_id = $1) AS features', [id]);
    expect(rows[0]).toEqual({ scores: 1, features: 1 });
  });

  it('stores the campaign signature in the extract step itself, from the normalization extraction ran', async () => {
    const { store } = pipeline.services;
    const text = 'L0ker K4mboja g4ji dolar, admin CS, tiket gratis, berangkat rombongan dari Batam, hubungi W A 0812 3456 7890 sekarang juga ya kak';
    const [id] = (await store.posts.insert([{ platform: 'telegram', externalId: 'signed-by-extract', text, media: [], reach: {}, notes: [] }])).inserted;
    // Extraction alone (the next stages never run): the signature must already be there.
    await handleExtract({ postIds: [id!] }, { ...extractDeps(pipeline.services), next: async () => undefined });
    const rows = await store.db.query<{ version: string; signature: Uint8Array }>('SELECT version, signature FROM post_signatures WHERE post_id = $1', [id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.version).toBe(SIGNATURE_VERSION);
    expect([...decodeSignature(new Uint8Array(rows[0]!.signature))]).toEqual([...signatureOf(text)]);
    await store.posts.advanceStage([id!], 'routed');
  });

  it('fails a job whose payload breaks its schema as unrecoverable, keeps it inspectable, and keeps working', async () => {
    const queue = pipeline.services.producer.queue('score');
    const bad = await queue.add('score-posts', { postIds: 'not-a-list' }, { jobId: 'bad-payload', attempts: 5 });
    await waitFor(async () => (await queue.getJob(bad.id!))?.failedReason !== undefined, 'the bad job to fail');
    const failed = await queue.getJob(bad.id!);
    expect(failed?.failedReason).toMatch(/invalid payload for job "score-posts".*postIds/);
    expect(failed?.attemptsMade).toBe(1);
    expect(await failed?.getState()).toBe('failed');
    // The worker is still alive: a good post still goes through.
    const more = await ingestRecords([{ record: 'late', value: { platform: 'x', externalId: 'late-1', text: 'Dicari admin CS ke Kamboja gaji 1500 USD, tiket gratis, WA 0812-0000-1111' }, notes: [] }], ingestDeps(pipeline.services), 'e2e');
    expect(more.accepted).toBe(1);
    const stage = async () => (await pipeline.services.store.db.query<{ stage: string }>('SELECT stage FROM posts WHERE id = $1', [more.postIds[0]]))[0]?.stage;
    await waitFor(async () => (await stage()) === 'routed', 'the late post to be routed');
  });
});
