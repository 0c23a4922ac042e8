// Load benchmark of the web API: concurrent analysts reading the case queues and cases while
// collectors ingest posts, against a full Waspada process (web + workers) on loopback. Open-loop at
// --rate requests/s for --seconds (bounded), then prints figures; the last stdout line is
// {"requests_per_s","p95_ms","errors"}. Target: p95 < 200 ms at 200 requests/s with zero errors.
// Usage: npm run bench:load [-- --rate 200 --seconds 20]   (DATABASE_URL: PostgreSQL, else embedded PGlite)
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import pino from 'pino';
import { runProcess } from '../src/app/run-process.js';
import { loadConfig } from '../src/config.js';

function arg(name: string, fallback: number, max: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0 || value > max) throw new Error(`--${name} must be in (0, ${max}]`);
  return value;
}

const RATE = arg('rate', 200, 2000);
const SECONDS = arg('seconds', 20, 120);
const MAX_IN_FLIGHT = 256;

/** A fresh schema on the PostgreSQL server in DATABASE_URL, so the benchmark never touches real data. */
async function freshSchema(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  return {
    url: `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

function posts(n: number, tag: string): unknown[] {
  const towns = ['Phnom Penh', 'Sihanoukville', 'Bangkok', 'Yangon', 'Jakarta', 'Batam'];
  return Array.from({ length: n }, (_, i) => ({
    platform: 'telegram',
    externalId: `${tag}-${i}`,
    text: `Lowongan admin CS ke ${towns[i % towns.length]}, gaji ${8 + (i % 20)} juta, tiket dan visa ditanggung, tanpa pengalaman. WA 0812${String(100000 + i).padStart(7, '0')} (${tag} ${i})`,
  }));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'waspada-bench-load-'));
  const database = process.env.DATABASE_URL ? await freshSchema(process.env.DATABASE_URL) : undefined;
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', DATABASE_URL: database?.url ?? '', LOG_LEVEL: 'warn', QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}` });
  // The web process alone, as in a scaled deployment: stage workers would compete for its event loop.
  const running = await runProcess(config, pino({ level: 'warn' }, pino.destination(2)), { command: 'bench', web: true, stages: [], demo: false });
  const base = `http://127.0.0.1:${running.port}`;
  const { store } = running.services;
  const token = async (role: string) => {
    const user = await store.users.create(`bench-${role}`, role, 'not-a-login-hash');
    const secret = `wsp_${randomBytes(24).toString('base64url')}`;
    await store.tokens.create(user!.id, createHash('sha256').update(secret).digest('hex'), 'bench');
    return secret;
  };
  const analyst = await token('analyst');
  const operator = await token('operator');
  const auth = (t: string) => ({ authorization: `Bearer ${t}`, 'content-type': 'application/json' });

  // Seed cases so analysts read real queues: a separate `waspada worker all` process routes them, then stops.
  const seed = await fetch(`${base}/api/posts`, { method: 'POST', headers: auth(operator), body: JSON.stringify(posts(400, 'seed')) });
  if (seed.status !== 200) throw new Error(`seeding failed: ${seed.status} ${await seed.text()}`);
  const worker = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../src/cli/main.ts', import.meta.url)), 'worker', 'all'], {
    env: { ...process.env, DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'waspada-bench-worker-')), DATABASE_URL: database?.url ?? '', REDIS_URL: running.services.redisUrl, QUEUE_PREFIX: config.queuePrefix, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 180_000;
  while ((await store.posts.countReached()).routed < 400 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  await new Promise<void>((resolve) => {
    worker.once('exit', () => resolve());
    worker.kill('SIGTERM');
  });
  const caseIds = (await store.db.query<{ id: number }>('SELECT id FROM cases ORDER BY id LIMIT 200')).map((r) => Number(r.id));

  const latencies: number[] = [];
  const statuses = new Map<string, number>();
  let errors = 0;
  let inFlight = 0;
  let dropped = 0;
  let ingestBatch = 0;
  const request = async (kind: string, url: string, init: RequestInit) => {
    const started = performance.now();
    try {
      const res = await fetch(url, init);
      await res.arrayBuffer();
      latencies.push(performance.now() - started);
      const key = `${kind} ${res.status}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      if (res.status >= 400) errors += 1;
    } catch {
      errors += 1;
      statuses.set(`${kind} network`, (statuses.get(`${kind} network`) ?? 0) + 1);
    }
  };
  const pick = (i: number): Promise<void> => {
    const r = i % 20;
    if (r === 0) return request('ingest', `${base}/api/posts`, { method: 'POST', headers: auth(operator), body: JSON.stringify(posts(5, `load-${ingestBatch++}`)) });
    if (r < 5 && caseIds.length) return request('case', `${base}/api/cases/${caseIds[i % caseIds.length]}`, { headers: auth(analyst) });
    const queue = i % 2 ? 'komdigi' : 'polri';
    return request('queue', `${base}/api/cases?queue=${queue}&status=open&limit=50&offset=${(i % 4) * 50}`, { headers: auth(analyst) });
  };

  const total = Math.round(RATE * SECONDS);
  const pending: Array<Promise<void>> = [];
  const t0 = performance.now();
  for (let i = 0; i < total; i += 1) {
    const due = t0 + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= MAX_IN_FLIGHT) {
      // The server is not keeping up: count it as an error rather than queue without bound.
      dropped += 1;
      errors += 1;
      continue;
    }
    inFlight += 1;
    pending.push(pick(i).finally(() => void (inFlight -= 1)));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const result = { requests_per_s: Math.round((latencies.length / elapsed) * 10) / 10, p95_ms: Math.round(percentile(latencies, 0.95) * 10) / 10, errors };
  process.stdout.write(
    `load: ${latencies.length} requests in ${elapsed.toFixed(1)} s at a target of ${RATE}/s on ${store.db.kind}; p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms; dropped ${dropped}; ${[...statuses].map(([k, v]) => `${k}: ${v}`).join(', ')}\n`,
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await running.stop();
  await database?.drop();
}

await main();
