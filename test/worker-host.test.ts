// The worker host on real Redis: transient failures retried with exponential backoff, permanent ones
// failed at once, a stage without a handler refused at start-up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { queueSettings } from '../src/queue/catalog.js';
import { JobProducer } from '../src/queue/producer.js';
import { defineWorker, WorkerHost } from '../src/queue/worker-host.js';
import { dropPrefix, testRedis, uniquePrefix } from './helpers/redis.js';
import { waitFor } from './helpers/pipeline.js';

describe('worker host', () => {
  let url: string;
  const prefix = uniquePrefix('host');
  const log = pino({ level: 'silent' });

  beforeAll(async () => {
    url = (await testRedis()).url;
  });
  afterAll(async () => dropPrefix(url, prefix));

  it('retries a transient failure with growing delays until it succeeds', async () => {
    const settings = queueSettings(loadConfig({}, { queuePrefix: prefix, jobAttempts: 5, jobBackoffMs: 100 }), url);
    const producer = new JobProducer(settings);
    const attempts: number[] = [];
    const host = new WorkerHost(settings, {}, { concurrency: 1, log });
    host.start(['score'], [
      defineWorker('score-posts', async (_payload, ctx) => {
        attempts.push(Date.now());
        if (ctx.attempt < 3) throw new Error('database briefly unavailable');
        return { ok: ctx.attempt };
      }),
    ]);
    const id = await producer.enqueue('score-posts', { postIds: [1, 2, 3] });
    const queue = producer.queue('score');
    await waitFor(async () => (await queue.getJob(id))?.finishedOn !== undefined, 'the job to finish', 30_000);
    const job = await queue.getJob(id);
    expect(await job?.getState()).toBe('completed');
    expect(job?.returnvalue).toEqual({ ok: 3 });
    expect(attempts).toHaveLength(3);
    const [first, second, third] = attempts as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(90);
    expect(third - second).toBeGreaterThanOrEqual(190);
    await host.close();
    await producer.close();
  });

  it('splits a batch the database refuses for its data until the post at fault fails alone; the others go on', async () => {
    const settings = queueSettings(loadConfig({}, { queuePrefix: prefix, jobAttempts: 3, jobBackoffMs: 50 }), url);
    const producer = new JobProducer(settings);
    const done = new Set<number>();
    const attempts = new Map<string, number>();
    const refusals: Array<{ postId: number; job: string; error: string }> = [];
    const host = new WorkerHost(settings, {}, { concurrency: 2, log, onPostRefused: async (r) => void refusals.push(r) });
    host.start(['score'], [
      defineWorker('score-posts', async (payload, ctx) => {
        attempts.set(ctx.jobId, (attempts.get(ctx.jobId) ?? 0) + 1);
        // As the database answers a value it cannot store (SQLSTATE 22021: invalid byte sequence).
        if (payload.postIds.includes(13)) throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
        for (const id of payload.postIds) done.add(id);
        return { scored: payload.postIds.length };
      }),
    ]);
    const ids = Array.from({ length: 20 }, (_, i) => i + 1);
    const parent = await producer.enqueue('score-posts', { postIds: ids });
    const queue = producer.queue('score');
    await waitFor(async () => done.size === 19 && (await queue.getFailed()).some((j) => j.data.postIds?.[0] === 13), 'the other posts scored and post 13 failed alone', 30_000);
    expect([...done].sort((a, b) => a - b)).toEqual(ids.filter((id) => id !== 13));
    const failed = (await queue.getFailed()).filter((j) => j.id?.startsWith(parent));
    expect(failed).toHaveLength(1);
    expect(failed[0]!.data).toEqual({ postIds: [13] });
    expect(failed[0]!.failedReason).toBe('post 13 refused by the database: invalid byte sequence for encoding "UTF8": 0x00');
    // Refused data is not retried: every job ran once (no backoff rounds), the post at fault's included.
    expect([...attempts.values()].every((n) => n === 1)).toBe(true);
    expect(await (await queue.getJob(parent))?.getState()).toBe('completed');
    // Recorded once, for the reconciler to leave the post alone.
    expect(refusals).toEqual([{ postId: 13, job: 'score-posts', error: 'invalid byte sequence for encoding "UTF8": 0x00' }]);
    await host.close();
    await producer.close();
  });

  it('refuses to start a stage whose job has no handler', () => {
    const settings = queueSettings(loadConfig({}, { queuePrefix: prefix }), url);
    const host = new WorkerHost(settings, {}, { concurrency: 1, log });
    expect(() => host.start(['route'], [])).toThrow(/no handler for job\(s\) route-posts/);
  });

  it('fails an unknown job name on a stage queue without retrying it', async () => {
    const settings = queueSettings(loadConfig({}, { queuePrefix: prefix }), url);
    const producer = new JobProducer(settings);
    const host = new WorkerHost(settings, {}, { concurrency: 1, log });
    host.start(['route'], [defineWorker('route-posts', async () => 'ok')]);
    const job = await producer.queue('route').add('mystery-job', { x: 1 }, { attempts: 5 });
    await waitFor(async () => (await producer.queue('route').getJob(job.id!))?.failedReason !== undefined, 'the job to fail', 30_000);
    const failed = await producer.queue('route').getJob(job.id!);
    expect(failed?.failedReason).toMatch(/unknown job "mystery-job"/);
    expect(failed?.attemptsMade).toBe(1);
    await host.close();
    await producer.close();
  });
});
