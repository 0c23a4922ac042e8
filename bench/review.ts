// Review console speed at scale: seeds 1,000,000 posts and 100,000 open cases in PostgreSQL (in SQL,
// with generate_series), then times the queue page and the case page through the real app, server-side,
// with near-duplicates from the campaigns index as `waspada web` serves them. The seeded schema is kept
// and reused by later runs (drop schema bench_review_<posts>_<cases> to reseed).
// Last output line: {"queue_p95_ms","case_p95_ms",...}. Env: BENCH_DATABASE_URL, BENCH_POSTS, BENCH_CASES, BENCH_RUNS.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Registry } from 'prom-client';
import { CampaignTracker } from '../src/app/campaign-tracker.js';
import { createLogger } from '../src/log.js';
import { digest, newSecret } from '../src/review/secrets.js';
import { migrate } from '../src/store/migrate.js';
import { createPgDb } from '../src/store/pg-db.js';
import { Store } from '../src/store/store.js';
import { createWebApp } from '../src/web/app.js';

const URL_BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const POSTS = Number(process.env.BENCH_POSTS ?? 1_000_000);
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const SCHEMA = `bench_review_${POSTS}_${CASES}`;

const log = (msg: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${msg}\n`);

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]! * 100) / 100;
}

async function seed(db: ReturnType<typeof createPgDb>): Promise<void> {
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM posts');
  if (Number(n) >= POSTS) {
    log(`reusing seeded schema ${SCHEMA} (${n} posts)`);
    return;
  }
  const step = Math.max(1, Math.floor(POSTS / CASES));
  log(`seeding ${POSTS} posts`);
  await db.query(
    `INSERT INTO posts (dedupe_key, platform, external_id, url, author, text, collected_at, posted_at, source, reach, stage)
     SELECT 'bench:' || g, (ARRAY['telegram','facebook','x','instagram'])[1 + g % 4], 'ext' || g, 'https://t.me/loker/' || g,
            jsonb_build_object('name', 'Agen ' || (g % 20000)),
            'Dibutuhkan admin/CS untuk perusahaan di ' || (ARRAY['Kamboja','Myanmar','Laos','Thailand'])[1 + g % 4] ||
            ' gaji ' || (8 + g % 20) || 'jt per bulan, tiket dan visa ditanggung, berangkat segera. Hubungi WA +62812' || lpad((g % 20000)::text, 7, '0') ||
            ' nomor iklan ' || g,
            now() - (g % 2000) * interval '1 hour', now() - (g % 2000) * interval '1 hour' - interval '3 hours', 'bench', jsonb_build_object('views', g % 7919), 'routed'
     FROM generate_series(1, $1::int) g`,
    [POSTS],
  );
  log(`seeding features and scores for ${CASES} suspect posts`);
  await db.query(
    `INSERT INTO features (post_id, version, data)
     SELECT p.id, 'features/1', jsonb_build_object(
       'version', 'features/1', 'language', 'id',
       'pay', jsonb_build_object('offers', '[]'::jsonb, 'maxIdrMonthly', null, 'ratioToIdMinimum', null, 'ratioToDestinationMinimum', null, 'ratioToTypicalForTitle', null),
       'destinations', jsonb_build_array(jsonb_build_object('id', 'd', 'name', 'x', 'country', (ARRAY['KH','MM','LA','TH'])[1 + p.id % 4], 'kind', 'scam_hub', 'span', jsonb_build_object('start', 49, 'end', 56))),
       'jobTypes', '[]'::jsonb, 'qualifications', '[]'::jsonb, 'flags', '[]'::jsonb, 'legitimacy', '[]'::jsonb,
       'intent', jsonb_build_object('label', 'recruiting', 'confidence', 0.9),
       'contacts', jsonb_build_array(jsonb_build_object('kind', 'whatsapp', 'value', '+62812' || lpad((p.id % 20000)::text, 7, '0'), 'span', jsonb_build_object('start', 0, 'end', 5))),
       'reasons', '[]'::jsonb)
     FROM posts p WHERE p.id % $1::int = 0 LIMIT $2::int`,
    [step, CASES],
  );
  await db.query(
    `INSERT INTO scores (post_id, model_version, probability, threshold, verdict, uncertain, reasons)
     SELECT post_id, 'bench', 0.5 + (post_id % 500) / 1000.0, 0.5, 'suspect', false,
            '[{"code":"DEST_RISK","label":{"id":"Tujuan berisiko","en":"Risky destination"},"spans":[]}]'::jsonb
     FROM features`,
  );
  log(`seeding ${CASES} open cases`);
  await db.query(
    `INSERT INTO cases (post_id, queue, status, priority, reasons, flags)
     SELECT post_id, CASE WHEN post_id % 3 = 0 THEN 'polri' ELSE 'komdigi' END, 'open', round((random() * 100)::numeric, 2), '[]'::jsonb, '[]'::jsonb FROM features`,
  );
  await db.query(`INSERT INTO case_events (case_id, actor, action, to_status) SELECT id, 'system', 'created', 'open' FROM cases`);
  await db.query(`INSERT INTO evidence (post_id, kind, storage_key, sha256, bytes, captured_at, url)
                  SELECT post_id, 'screenshot', md5(post_id::text) || md5('s' || post_id), md5(post_id::text) || md5('s' || post_id), 12345, now(), 'https://t.me/x' FROM features WHERE post_id % 2 = 0`);
  // VACUUM also flushes the GIN pending list that a bulk load leaves behind (autovacuum does this in service).
  log('vacuum analyze');
  await db.query('VACUUM ANALYZE');
}

async function main(): Promise<void> {
  const admin = new pg.Client({ connectionString: URL_BASE });
  await admin.connect();
  await admin.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
  await admin.end();
  const url = `${URL_BASE}${URL_BASE.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${SCHEMA}`)}`;
  const db = createPgDb(url, 'postgres', 8);
  await migrate(db);
  const t0 = performance.now();
  await seed(db);
  const seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
  const store = new Store(db);
  await store.users.create('bench', 'analyst', 'x');
  const user = await store.users.byUsername('bench');
  const session = newSecret();
  await store.sessions.create(digest(session), user!.id, 'csrf', new Date(Date.now() + 3600_000));
  const tracker = new CampaignTracker(store);
  const app = createWebApp({
    store,
    log: createLogger({ level: 'silent' }),
    metrics: new Registry(),
    ingest: { insert: async () => ({ inserted: [], duplicates: 0, idsByInput: [] }), saveRejects: async () => undefined, next: async () => undefined },
    redisHealthy: async () => true,
    nearDuplicates: (postId) => tracker.related(postId),
    // The query's own cost is measured, not the queue-page cache (the bench repeats a few URLs).
    review: { queueCacheMs: 0 },
  });
  const headers = { cookie: `waspada_session=${session}` };
  const ids = (await db.query<{ id: number }>('SELECT id FROM cases ORDER BY random() LIMIT $1', [RUNS])).map((r) => Number(r.id));
  const queueUrls = ['/?queue=komdigi', '/?queue=polri', '/?queue=komdigi&platform=facebook', '/?queue=polri&destination=KH', '/?queue=komdigi&minScore=0.8', '/?queue=komdigi&offset=500'];
  const time = async (path: string): Promise<number> => {
    const start = performance.now();
    const res = await app.request(path, { headers });
    await res.text();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    return performance.now() - start;
  };
  // A fresh web process: the first case page does not wait for the campaigns index to build.
  const coldCaseMs = Math.round((await time(`/cases/${ids[0]}`)) * 10) / 10;
  const t1 = performance.now();
  await tracker.sync();
  const indexBuildSeconds = Math.round((performance.now() - t1) / 100) / 10;
  log(`first case page ${coldCaseMs} ms; campaigns index built in ${indexBuildSeconds} s`);
  for (let i = 0; i < 20; i++) {
    await time(queueUrls[i % queueUrls.length]!);
    await time(`/cases/${ids[i % ids.length]}`);
  }
  const queue: number[] = [];
  const casePage: number[] = [];
  for (let i = 0; i < RUNS; i++) queue.push(await time(queueUrls[i % queueUrls.length]!));
  for (const id of ids) casePage.push(await time(`/cases/${id}`));
  await db.close();
  const result = { queue_p95_ms: percentile(queue, 0.95), case_p95_ms: percentile(casePage, 0.95), queue_p50_ms: percentile(queue, 0.5), case_p50_ms: percentile(casePage, 0.5), posts: POSTS, cases: CASES, runs: RUNS, seed_s: seedSeconds, cold_case_ms: coldCaseMs, index_build_s: indexBuildSeconds, load_average: os.loadavg().map((l) => Math.round(l * 10) / 10) };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
