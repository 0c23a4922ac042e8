// The stranded-post reconciler on real Redis and both databases: posts left between stages are queued
// again, except posts the database refused (migration 008), which only an operator's
// --include-refused queues once more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { reconcileStranded } from '../../src/ops/reconcile.js';
import { queueSettings } from '../../src/queue/catalog.js';
import { JobProducer } from '../../src/queue/producer.js';
import { Store } from '../../src/store/store.js';
import { runCli } from '../helpers/cli.js';
import { testDatabases } from '../helpers/databases.js';
import { dropPrefix, testRedis, uniquePrefix } from '../helpers/redis.js';
import { useStore } from '../helpers/use-store.js';

const databases = await testDatabases();

describe.each(databases)('reconciler on $name', (database) => {
  const ctx = useStore(database);
  const prefix = uniquePrefix('reconcile');
  let producer: JobProducer;
  let url: string;

  beforeAll(async () => {
    url = (await testRedis()).url;
    producer = new JobProducer(queueSettings(loadConfig({}, { queuePrefix: prefix }), url));
  });
  afterAll(async () => {
    await producer.close();
    await dropPrefix(url, prefix);
  });

  /** Post ids carried by the extract jobs queued so far. */
  const queuedForExtract = async () => (await producer.queue('extract').getJobs(['waiting', 'prioritized'])).flatMap((j) => j.data.postIds as number[]).sort((a, b) => a - b);

  it('queues stranded posts again but leaves refused ones alone until asked', async () => {
    const { inserted } = await ctx.store.posts.insert(
      [1, 2, 3].map((i) => ({ platform: 'telegram' as const, externalId: `stranded/${i}`, text: `Lowongan admin ${i} gaji 15jt`, media: [], reach: {}, notes: [] })),
    );
    const [a, b, c] = inserted as [number, number, number];
    await ctx.store.posts.markRefused(b, 'extract-posts', 'invalid byte sequence for encoding "UTF8": 0x00');
    expect(await ctx.store.posts.countRefused()).toBe(1);
    expect(await ctx.store.posts.refused()).toEqual([expect.objectContaining({ postId: b, stage: 'collected', job: 'extract-posts', error: 'invalid byte sequence for encoding "UTF8": 0x00' })]);

    const dry = await reconcileStranded(ctx.store.db, producer, { batchSize: 100, dryRun: true, runId: 'dry' });
    expect(dry).toEqual({ collected: 2, extracted: 0, scored: 0, refused: 1 });
    expect(await queuedForExtract()).toEqual([]);

    const first = await reconcileStranded(ctx.store.db, producer, { batchSize: 100, runId: 'first' });
    expect(first).toEqual({ collected: 2, extracted: 0, scored: 0, refused: 1 });
    expect(await queuedForExtract()).toEqual([a, c]);

    // After a fix: the operator queues the refused post too, and its mark is cleared.
    const again = await reconcileStranded(ctx.store.db, producer, { batchSize: 100, includeRefused: true, runId: 'again' });
    expect(again).toEqual({ collected: 3, extracted: 0, scored: 0, refused: 0 });
    expect(await queuedForExtract()).toEqual([a, a, b, c, c]);
    expect(await ctx.store.posts.refused()).toEqual([]);
    expect(await ctx.store.posts.countRefused()).toBe(0);
  });

  it('marks only posts that exist, keeping the latest refusal', async () => {
    await ctx.store.posts.markRefused(1_999_999_999, 'score-posts', 'gone');
    const { inserted } = await ctx.store.posts.insert([{ platform: 'x', text: 'pos yang ditolak dua kali', media: [], reach: {}, notes: [] }]);
    const id = inserted[0]!;
    await ctx.store.posts.markRefused(id, 'extract-posts', 'first');
    await ctx.store.posts.markRefused(id, 'route-posts', 'second');
    const rows = await ctx.store.db.query<{ post_id: number; job: string; error: string }>('SELECT post_id, job, error FROM post_refusals ORDER BY post_id');
    expect(rows.map((r) => ({ ...r, post_id: Number(r.post_id) }))).toEqual([{ post_id: id, job: 'route-posts', error: 'second' }]);
  });
});

const postgres = databases.find((d) => d.name === 'postgres');

// The CLI opens the database named by DATABASE_URL, so it is driven against a PostgreSQL schema here.
describe.skipIf(!postgres)('waspada jobs refused and reconcile --include-refused', () => {
  let opened: Awaited<ReturnType<NonNullable<typeof postgres>['open']>>;
  const prefix = uniquePrefix('reconcile-cli');
  let env: Record<string, string>;

  beforeAll(async () => {
    opened = await postgres!.open();
    env = { DATABASE_URL: opened.url!, REDIS_URL: (await testRedis()).url, QUEUE_PREFIX: prefix };
  });
  afterAll(async () => {
    await opened?.drop();
    await dropPrefix(env.REDIS_URL!, prefix);
  });

  it('lists refused posts with their error, and queues them again only when asked', async () => {
    const store = new Store(opened.db);
    const { inserted } = await store.posts.insert([{ platform: 'x', externalId: 'cli-refused', text: 'pos yang ditolak', media: [], reach: {}, notes: [] }]);
    await store.posts.markRefused(inserted[0]!, 'extract-posts', 'value too long for type character varying(8)');

    const listed = await runCli(['jobs', 'refused', '--json'], env);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual({ total: 1, items: [expect.objectContaining({ postId: inserted[0], stage: 'collected', job: 'extract-posts', error: 'value too long for type character varying(8)' })] });
    const text = await runCli(['jobs', 'refused'], env);
    expect(text.stdout).toContain(`post ${inserted[0]}\tcollected\textract-posts`);
    expect(text.stdout).toContain('waspada jobs reconcile --include-refused');

    const plain = await runCli(['jobs', 'reconcile', '--json'], env);
    expect(JSON.parse(plain.stdout)).toMatchObject({ collected: 0, refused: 1 });
    const asked = await runCli(['jobs', 'reconcile', '--include-refused', '--json'], env);
    expect(JSON.parse(asked.stdout)).toMatchObject({ collected: 1, refused: 0 });
    expect(JSON.parse((await runCli(['jobs', 'refused', '--json'], env)).stdout)).toEqual({ total: 0, items: [] });
  }, 60_000);
});
