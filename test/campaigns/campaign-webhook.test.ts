// The repeat-offender webhook end to end: routing flags a repost of a campaign decided as scam, the
// tracker queues a job on real Redis, the notify worker POSTs to a local server (which fails once, so
// the job is retried) the case, campaign, contact keys, reasons and console link.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleRepeatOffenderWebhook, WebhookRetryError, webhookDeps, wireRepeatOffenderWebhook, type RepeatOffenderMessage } from '../../src/app/campaign-webhook.js';
import { ingestDeps } from '../../src/app/stage-deps.js';
import { ingestRecords } from '../../src/ingest/ingest-records.js';
import { PermanentJobError } from '../../src/queue/errors.js';
import { STAGE_WORKERS } from '../../workers/all.js';
import { testDatabases } from '../helpers/databases.js';
import { startTestPipeline, waitFor, type TestPipeline } from '../helpers/pipeline.js';

const [pglite] = await testDatabases();

const LURE = `🔥 LOKER CS LUAR NEGERI 🔥
Penempatan Phnom Penh, Kamboja. Gaji $1200/bulan + bonus, tiket pesawat & mess GRATIS.
Syarat: usia 18-35, bisa mengetik, tanpa pengalaman, tanpa ijazah. Berangkat minggu depan pakai visa turis.
Minat langsung chat WA 0812-0000-9911 (Kak Dewi)`;
const REPOST = `LOKER CS LUAR NEGERI!!
Penempatan Phnom Penh Kamboja, gaji $1300 per bulan + bonus, tiket pesawat dan mess gratis.
Syarat: umur 18-35, bisa ngetik, tanpa pengalaman, tanpa ijazah. Berangkat minggu depan, visa turis.
Minat chat WA 0812 0000 9911 Kak Dewi`;

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`)));
}

describe('repeat-offender webhook', () => {
  let pipeline: TestPipeline;
  let drop: () => Promise<void>;
  let server: Server;
  const received: Array<{ status: number; message: RepeatOffenderMessage; key: string | undefined }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      void body(req).then((text) => {
        // The first delivery fails: the job must be retried, not lost.
        const status = received.length === 0 ? 503 : 200;
        received.push({ status, message: JSON.parse(text), key: req.headers['idempotency-key'] as string | undefined });
        res.writeHead(status).end();
      });
    });
    const url = await listen(server);
    const opened = await pglite!.open();
    drop = opened.drop;
    pipeline = await startTestPipeline(opened.db, { repeatOffenderWebhookUrl: url, consoleUrl: 'https://waspada.example/' });
    pipeline.host.start(['notify'], [STAGE_WORKERS.notify]);
    await pipeline.host.waitUntilReady();
    wireRepeatOffenderWebhook(pipeline.services);
  });
  afterAll(async () => {
    await pipeline?.stop();
    await drop?.();
    server?.close();
  });

  const ingest = async (externalId: string, text: string) => {
    const summary = await ingestRecords([{ record: externalId, value: { platform: 'facebook', externalId, text, source: `grup-${externalId}` }, notes: [] }], ingestDeps(pipeline.services), 'test');
    const id = summary.postIds[0]!;
    await waitFor(async () => (await pipeline.services.store.db.query(`SELECT 1 FROM posts WHERE id = $1 AND stage = 'routed'`, [id])).length === 1, `post ${externalId} routed`);
    return id;
  };

  it('POSTs each flagged case of a repost, retrying after a failed delivery', async () => {
    const { db } = pipeline.services.store;
    const first = await ingest('w1', LURE);
    await db.query(`UPDATE cases SET decision = 'scam', status = 'decided' WHERE post_id = $1`, [first]);
    const repost = await ingest('w2', REPOST);
    const flagged = await db.query<{ id: number }>(`SELECT id FROM cases WHERE post_id = $1 AND flags ? 'repeat_offender' ORDER BY id`, [repost]);
    expect(flagged.length).toBeGreaterThan(0);
    await waitFor(async () => received.filter((r) => r.status === 200).length >= flagged.length, 'webhook deliveries', 30_000);

    expect(received[0]!.status).toBe(503);
    const delivered = received.filter((r) => r.status === 200).map((r) => r.message);
    expect(delivered.map((m) => m.caseId).sort((a, b) => a - b)).toEqual(flagged.map((f) => Number(f.id)));
    const m = delivered[0]!;
    expect(m).toMatchObject({ event: 'repeat_offender', postId: repost, campaignId: first });
    expect(m.link).toBe(`https://waspada.example/cases/${m.caseId}`);
    expect(m.campaignLink).toBe(`https://waspada.example/console/campaigns/${first}`);
    expect(m.contactKeys.some((k) => k.includes('6281200009911'))).toBe(true);
    expect(m.reasons.map((r) => r.code)).toContain('REPEAT_OFFENDER');
    // The first post was no repeat offender when routed: nothing was sent for it.
    expect(received.some((r) => r.message.postId === first)).toBe(false);
    // Every message names its case with a stable event id, in the body and as the Idempotency-Key header.
    for (const r of received) {
      expect(r.message.eventId).toBe(`repeat_offender:case:${r.message.caseId}`);
      expect(r.key).toBe(r.message.eventId);
    }
    // Each delivered case has the delivery in its history, once.
    const events = await db.query<{ case_id: number; event_id: string }>(
      `SELECT case_id, data->>'eventId' AS event_id FROM case_events WHERE action = 'webhook_notified' AND case_id = ANY($1::int[]) ORDER BY case_id`,
      [flagged.map((f) => Number(f.id))],
    );
    expect(events.map((e) => Number(e.case_id))).toEqual(flagged.map((f) => Number(f.id)));
    expect(events[0]!.event_id).toBe(`repeat_offender:case:${Number(flagged[0]!.id)}`);
    // A repeated job for the same post now sends nothing: its cases are recorded as delivered.
    const again = await handleRepeatOffenderWebhook({ postId: repost }, webhookDeps(pipeline.services));
    expect(again).toEqual({ status: 'already_sent', sent: 0 });
  });
});

describe('webhook handler', () => {
  const flagged = { routed: true, cases: [{ caseId: 7, queue: 'polri', priority: 0.9, postId: 3, campaignId: 1, contacts: [], reasons: [], notified: false }] };
  const markNotified = async () => undefined;

  it('sends each case once: a retry after a failed delivery skips the cases already delivered', async () => {
    const bodies: RepeatOffenderMessage[] = [];
    // Accepts case 7, fails case 8 the first time only.
    const flaky = createServer((req, res) => {
      void body(req).then((text) => {
        const message = JSON.parse(text) as RepeatOffenderMessage;
        bodies.push(message);
        res.writeHead(message.caseId === 8 && bodies.filter((b) => b.caseId === 8).length === 1 ? 503 : 200).end();
      });
    });
    const url = await listen(flaky);
    const delivered = new Set<number>();
    const deps = {
      url,
      consoleUrl: 'http://c',
      timeoutMs: 2000,
      load: async () => ({ routed: true, cases: [7, 8].map((caseId) => ({ ...flagged.cases[0]!, caseId, notified: delivered.has(caseId) })) }),
      markNotified: async (caseId: number) => void delivered.add(caseId),
    };
    try {
      await expect(handleRepeatOffenderWebhook({ postId: 3 }, deps)).rejects.toBeInstanceOf(WebhookRetryError);
      expect([...delivered]).toEqual([7]);
      expect(await handleRepeatOffenderWebhook({ postId: 3 }, deps)).toEqual({ status: 'sent', sent: 1 });
      expect(bodies.map((b) => b.caseId)).toEqual([7, 8, 8]);
      expect(await handleRepeatOffenderWebhook({ postId: 3 }, deps)).toEqual({ status: 'already_sent', sent: 0 });
      expect(bodies).toHaveLength(3);
    } finally {
      flaky.close();
    }
  });

  it('gives up on a receiver that hangs after the timeout, as a retryable error', async () => {
    const hang = createServer(() => undefined);
    const url = await listen(hang);
    try {
      const started = Date.now();
      await expect(handleRepeatOffenderWebhook({ postId: 3 }, { url, consoleUrl: 'http://c', timeoutMs: 300, load: async () => flagged, markNotified })).rejects.toBeInstanceOf(WebhookRetryError);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      hang.closeAllConnections();
      hang.close();
    }
  });

  it('retries while the post is not routed, fails for good when the receiver refuses, and sends nothing without a flagged case', async () => {
    const refuse = createServer((_req, res) => res.writeHead(401).end());
    const url = await listen(refuse);
    try {
      await expect(handleRepeatOffenderWebhook({ postId: 3 }, { url, consoleUrl: 'http://c', timeoutMs: 2000, load: async () => ({ routed: false, cases: [] }), markNotified })).rejects.toBeInstanceOf(WebhookRetryError);
      await expect(handleRepeatOffenderWebhook({ postId: 3 }, { url, consoleUrl: 'http://c', timeoutMs: 2000, load: async () => flagged, markNotified })).rejects.toBeInstanceOf(PermanentJobError);
      expect(await handleRepeatOffenderWebhook({ postId: 3 }, { url, consoleUrl: 'http://c', timeoutMs: 2000, load: async () => ({ routed: true, cases: [] }), markNotified })).toEqual({ status: 'no_case', sent: 0 });
    } finally {
      refuse.close();
    }
  });
});
