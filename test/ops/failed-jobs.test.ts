// Failed jobs through `waspada jobs`: listed with their error (text and --json), retried after the
// cause is fixed so the work completes, discarded on purpose; and the retention BullMQ is given.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDeps } from '../../src/app/stage-deps.js';
import { PostInput } from '../../src/contracts/post.js';
import { handleExtract } from '../../src/extract/handle-extract.js';
import { queueSettings } from '../../src/queue/catalog.js';
import { loadConfig } from '../../src/config.js';
import { runCli } from '../helpers/cli.js';
import { testDatabases } from '../helpers/databases.js';
import { waitFor } from '../helpers/pipeline.js';
import { corpusPosts, pipelineCounts, startOpsPipeline, type OpsPipeline } from './helpers/ops-pipeline.js';

const database = (await testDatabases()).at(-1)!;

describe(`failed jobs on ${database.name}`, () => {
  let pipeline: OpsPipeline;
  let drop: () => Promise<void>;
  let db: Awaited<ReturnType<typeof database.open>>['db'];
  let env: Record<string, string>;

  beforeAll(async () => {
    const opened = await database.open();
    db = opened.db;
    drop = opened.drop;
    // One attempt: a failure is final at once, as after a long outage.
    pipeline = await startOpsPipeline(db, { jobAttempts: 1 });
    await pipeline.startStages(['score', 'route'], 2);
    env = { REDIS_URL: pipeline.redisUrl, QUEUE_PREFIX: pipeline.prefix };
  });
  afterAll(async () => {
    await pipeline?.stop();
    await drop?.();
  });

  it('keeps failed jobs for inspection: removeOnFail keeps 50,000 per queue and never drops on age', () => {
    const settings = queueSettings(loadConfig({}), 'redis://127.0.0.1:6379');
    expect(settings.defaultJobOptions.removeOnFail).toEqual({ count: 50_000 });
  });

  it('lists a failed job with its error, retries it after the fix, and the posts go through', async () => {
    const { store, producer } = pipeline.services;
    const inserted = await store.posts.insert(corpusPosts(20, 'failed').map((p) => PostInput.parse(p)));
    const ids = inserted.inserted;
    // Scored before extraction: the score stage refuses to score blind and the job fails.
    await producer.enqueue('score-posts', { postIds: ids }, { jobId: 'too-early' });
    const queue = producer.queue('score');
    await waitFor(async () => (await queue.getFailedCount()) === 1, 'the score job to fail');

    const text = await runCli(['jobs', 'failed', '--queue', 'score'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^score: 1 failed/);
    expect(text.stdout).toMatch(/too-early\tscore-posts\tattempts=1\t.*posts without features/);
    const json = await runCli(['jobs', 'failed', '--queue', 'score', '--json'], env);
    const listed = JSON.parse(json.stdout) as { total: number; items: Array<{ id: string; error: string; attemptsMade: number; payload: string }> };
    expect(listed.total).toBe(1);
    expect(listed.items[0]).toMatchObject({ id: 'too-early', attemptsMade: 1 });
    expect(listed.items[0]!.error).toMatch(/^posts without features: \d+/);
    expect(listed.items[0]!.payload).toContain(String(ids[0]));

    // The fix: features are stored (extraction run without queueing the next stage).
    await handleExtract({ postIds: ids }, { ...extractDeps(pipeline.services), next: async () => undefined });
    const retried = await runCli(['jobs', 'retry', '--queue', 'score', 'too-early', '--json'], env);
    expect(JSON.parse(retried.stdout)).toEqual({ queue: 'score', done: ['too-early'], skipped: [] });
    await waitFor(async () => (await pipelineCounts(db)).routed === 20, 'the replayed posts to be routed');
    expect(await queue.getFailedCount()).toBe(0);
    const counts = await pipelineCounts(db);
    expect(counts).toMatchObject({ scores: 20, dupCases: 0 });
  }, 120_000);

  it('discards failed jobs only when asked, and reports which', async () => {
    const queue = pipeline.services.producer.queue('route');
    await queue.add('route-posts', { postIds: 'garbage' }, { jobId: 'bad-1' });
    await queue.add('route-posts', { nope: true }, { jobId: 'bad-2' });
    await waitFor(async () => (await queue.getFailedCount()) === 2, 'both bad jobs to fail');
    const refused = await runCli(['jobs', 'discard', '--queue', 'route'], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/--all/);
    expect(await queue.getFailedCount()).toBe(2);
    const listed = JSON.parse((await runCli(['jobs', 'failed', '--queue', 'route', '--json'], env)).stdout) as { items: Array<{ error: string }> };
    expect(listed.items.map((i) => i.error).join('\n')).toMatch(/invalid payload for job "route-posts"/);
    const discarded = await runCli(['jobs', 'discard', '--queue', 'route', '--all', '--json'], env);
    expect((JSON.parse(discarded.stdout) as { done: string[] }).done.sort()).toEqual(['bad-1', 'bad-2']);
    expect(await queue.getFailedCount()).toBe(0);
  }, 120_000);
});
