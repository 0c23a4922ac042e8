// Load benchmark of the web API: analysts (queue lists, case pages in the API and the console, claim
// then decide) and collectors ingesting posts, against a separate `waspada web` process on loopback,
// as deployed. Open-loop: requests are sent at fixed times (--rate per second for --seconds) whether
// or not earlier ones have answered, and each latency is measured from its scheduled time, so a
// stalled server shows as latency instead of silently lowering the rate. The last stdout line is
// {"requests_per_s","p95_ms","errors"}. Target: p95 < 200 ms at 200 requests/s with zero errors.
// Usage: npm run bench:load [-- --rate 200 --seconds 20]
// Env: DATABASE_URL (PostgreSQL; a fresh schema is made and dropped), else embedded PGlite;
//      BENCH_CPU_PROF=DIR writes a V8 CPU profile of the web process there (open it in Chrome DevTools).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { addUser, createToken } from '../src/review/auth-service.js';
import { openStore } from '../src/store/open.js';

function arg(name: string, fallback: number, max: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0 || value > max) throw new Error(`--${name} must be in (0, ${max}]`);
  return value;
}

const RATE = arg('rate', 200, 2000);
const SECONDS = arg('seconds', 20, 120);
const SEED_POSTS = 400;
/** More requests in flight than this means the server is hopelessly behind: the rest count as errors. */
const MAX_IN_FLIGHT = 512;
const CLI = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const PASSWORD = 'bench-password-1234';

const log = (msg: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${msg}\n`);

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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
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

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); null elsewhere. */
function cpuSeconds(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'waspada-bench-load-'));
  const database = process.env.DATABASE_URL ? await freshSchema(process.env.DATABASE_URL) : undefined;
  const port = await freePort();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: database?.url ?? '',
    LOG_LEVEL: 'warn',
    QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
  };
  const config = loadConfig(env);

  // Users and tokens first, while no server holds the embedded database. Several analysts, as in service.
  const opened = await openStore(config, { command: 'bench' });
  const tokens: Record<string, string> = {};
  for (const name of ['analyst1', 'analyst2', 'analyst3', 'analyst4', 'operator']) {
    await addUser(opened.store, `bench-${name}`, name === 'operator' ? 'operator' : 'analyst', PASSWORD, 'bench');
    tokens[name] = await createToken(opened.store, `bench-${name}`, 'bench', 'bench');
  }
  await opened.close();

  const children: ChildProcess[] = [];
  const profDir = process.env.BENCH_CPU_PROF;
  const web = spawn(process.execPath, [...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), '--import', 'tsx', CLI, 'web'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(web);
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let tries = 0; ; tries += 1) {
      const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (tries > 600 || web.exitCode !== null) throw new Error('the web process did not come up');
      await new Promise((r) => setTimeout(r, 200));
    }
    const auth = (name: string) => ({ authorization: `Bearer ${tokens[name]}`, 'content-type': 'application/json' });

    // Seed cases so analysts read real queues: a `waspada worker all` process on the same database routes them, then stops.
    const seed = await fetch(`${base}/api/posts`, { method: 'POST', headers: auth('operator'), body: JSON.stringify(posts(SEED_POSTS, 'seed')) });
    if (seed.status !== 200) throw new Error(`seeding failed: ${seed.status} ${await seed.text()}`);
    const worker = spawn(process.execPath, ['--import', 'tsx', CLI, 'worker', 'all'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(worker);
    const routed = async () => Number(/waspada_posts_total\{stage="routed"\} (\d+)/.exec(await (await fetch(`${base}/metrics`)).text())?.[1] ?? 0);
    const deadline = Date.now() + 300_000;
    while ((await routed()) < SEED_POSTS) {
      if (Date.now() > deadline || worker.exitCode !== null) throw new Error(`seeding: only ${await routed()} of ${SEED_POSTS} posts routed`);
      await new Promise((r) => setTimeout(r, 500));
    }
    await stopChild(worker);
    const list = async (queue: string) => ((await (await fetch(`${base}/api/cases?queue=${queue}&status=open&limit=1000`, { headers: auth('analyst1') })).json()) as { items: Array<{ id: number }> }).items.map((c) => c.id);
    const caseIds = [...(await list('komdigi')), ...(await list('polri'))];
    if (caseIds.length < 50) throw new Error(`seeding made only ${caseIds.length} cases`);
    log(`seeded ${SEED_POSTS} posts into ${caseIds.length} open cases on ${database ? 'postgres' : 'pglite'}`);

    // One console session through the real login form, for the HTML pages.
    const form = await fetch(`${base}/login`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const loginCsrf = form.headers.getSetCookie().find((c) => c.startsWith('waspada_login_csrf='))?.split(';')[0] ?? '';
    const login = await fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: loginCsrf, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'bench-analyst4', password: PASSWORD, _csrf: csrf }).toString(),
    });
    const session = login.headers.getSetCookie().find((c) => c.startsWith('waspada_session='))?.split(';')[0];
    if (!session) throw new Error(`console login failed: ${login.status}`);

    const latencies: number[] = [];
    const statuses = new Map<string, number>();
    let errors = 0;
    let inFlight = 0;
    let dropped = 0;
    let ingestBatch = 0;
    // Decisions take cases from the back of the list; reads spread over the rest.
    const toDecide = caseIds.splice(Math.floor(caseIds.length / 2));
    const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
    /** One request; latency from `scheduled` (the open-loop send time, or the end of the previous step). */
    const request = async (kind: string, scheduled: number, url: string, init: RequestInit = {}): Promise<boolean> => {
      try {
        const res = await fetch(url, { redirect: 'manual', ...init });
        await res.arrayBuffer();
        latencies.push(performance.now() - scheduled);
        count(`${kind} ${res.status}`);
        if (res.status >= 400) errors += 1;
        return res.status < 400;
      } catch {
        latencies.push(performance.now() - scheduled);
        errors += 1;
        count(`${kind} network`);
        return false;
      }
    };
    const analyst = (i: number) => `analyst${1 + (i % 3)}`;
    const slot = async (i: number, due: number): Promise<void> => {
      const r = i % 20;
      const id = caseIds[(i * 7) % caseIds.length]!;
      if (r === 0) {
        await request('ingest', due, `${base}/api/posts`, { method: 'POST', headers: auth('operator'), body: JSON.stringify(posts(5, `load-${ingestBatch++}`)) });
      } else if (r === 1) {
        // An analyst's decision: claim, then decide (the second request starts when the first answers).
        const target = toDecide.pop();
        if (target === undefined) return void (await request('queue', due, `${base}/api/cases?queue=polri&status=open&limit=50`, { headers: auth(analyst(i)) }));
        const who = analyst(i);
        if (await request('claim', due, `${base}/api/cases/${target}/claim`, { method: 'POST', headers: auth(who), body: '{}' })) {
          await request('decide', performance.now(), `${base}/api/cases/${target}/decide`, { method: 'POST', headers: auth(who), body: JSON.stringify({ label: i % 3 ? 'scam' : 'unsure', reason: 'bench' }) });
        }
      } else if (r <= 4) {
        await request('case', due, `${base}/api/cases/${id}`, { headers: auth(analyst(i)) });
      } else if (r <= 6) {
        await request('console-case', due, `${base}/cases/${id}`, { headers: { cookie: session } });
      } else if (r === 7) {
        await request('console-queue', due, `${base}/?queue=${i % 2 ? 'komdigi' : 'polri'}`, { headers: { cookie: session } });
      } else {
        const queue = i % 2 ? 'komdigi' : 'polri';
        await request('queue', due, `${base}/api/cases?queue=${queue}&status=open&limit=50&offset=${(i % 4) * 50}`, { headers: auth(analyst(i)) });
      }
    };

    const total = Math.round(RATE * SECONDS);
    const pending: Array<Promise<void>> = [];
    const cpu0 = cpuSeconds(web.pid);
    const t0 = performance.now();
    for (let i = 0; i < total; i += 1) {
      const due = t0 + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      if (inFlight >= MAX_IN_FLIGHT) {
        dropped += 1;
        errors += 1;
        continue;
      }
      inFlight += 1;
      pending.push(slot(i, due).finally(() => void (inFlight -= 1)));
    }
    await Promise.all(pending);
    const elapsed = (performance.now() - t0) / 1000;
    const cpu1 = cpuSeconds(web.pid);
    // CPU per request of the web process: unlike latency, barely moved by other load on the machine.
    const cpuPerRequest = cpu0 === null || cpu1 === null ? null : Math.round(((cpu1 - cpu0) * 1000 * 100) / Math.max(1, latencies.length)) / 100;
    latencies.sort((a, b) => a - b);
    const result = { requests_per_s: Math.round((latencies.length / elapsed) * 10) / 10, p95_ms: Math.round(percentile(latencies, 0.95) * 10) / 10, errors };
    process.stdout.write(
      `load: ${latencies.length} requests in ${elapsed.toFixed(1)} s at a target of ${RATE}/s on ${database ? 'postgres' : 'pglite'}; p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms, max ${percentile(latencies, 1).toFixed(1)} ms; web process CPU ${cpuPerRequest ?? '?'} ms per request; dropped ${dropped}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n` +
        `  ${[...statuses].sort().map(([k, v]) => `${k}: ${v}`).join(', ')}\n`,
    );
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    for (const child of children) await stopChild(child);
    await database?.drop();
  }
}

await main();
