// Separate Waspada processes for scale-out and fault tests: `waspada worker <stage>` and `waspada web`
// started from source on one Redis and one PostgreSQL schema, plus an operator token for the API.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Store } from '../../../src/store/store.js';
import { startCli } from '../../helpers/cli.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface ClusterEnv {
  DATABASE_URL: string;
  REDIS_URL: string;
  QUEUE_PREFIX: string;
  [key: string]: string;
}

export type WaspadaProcess = ReturnType<typeof startCli> & { name: string };

export function startWorker(stage: string, env: ClusterEnv, name = `worker ${stage}`): WaspadaProcess {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'waspada-proc-'));
  const p = startCli(['worker', stage], { DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env }, /waspada is running/, 240_000);
  return Object.assign(p, { name });
}

export async function startWeb(env: ClusterEnv): Promise<WaspadaProcess & { base: string }> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'waspada-web-'));
  const p = startCli(['web'], { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }, /waspada is running/, 240_000);
  return Object.assign(p, { name: 'web', base: `http://127.0.0.1:${port}` });
}

/** An operator and an API token for POST /api/posts, stored as the console stores them (SHA-256 digest). */
export async function operatorToken(store: Store, username = 'ops-test'): Promise<string> {
  const user = await store.users.create(username, 'operator', 'not-a-login-hash');
  const token = `wsp_${randomBytes(24).toString('base64url')}`;
  await store.tokens.create(user!.id, createHash('sha256').update(token).digest('hex'), 'test');
  return token;
}

export interface PostResult {
  status: number;
  accepted: number;
  duplicate: number;
  retries: number;
}

/** POSTs posts to the API, retrying on 429/503 (backpressure, outages) after Retry-After like a polite client. */
export async function postPosts(base: string, token: string, posts: unknown[], maxRetries = 200): Promise<PostResult> {
  let retries = 0;
  for (;;) {
    let status = 0;
    let body: { accepted?: number; duplicate?: number } = {};
    try {
      const res = await fetch(`${base}/api/posts`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(posts) });
      status = res.status;
      body = (await res.json()) as typeof body;
      if (status === 200) return { status, accepted: body.accepted ?? 0, duplicate: body.duplicate ?? 0, retries };
      if (status !== 429 && status !== 503 && status !== 500) throw new Error(`POST /api/posts answered ${status}: ${JSON.stringify(body)}`);
      const wait = Number(res.headers.get('retry-after') ?? '1');
      await new Promise((r) => setTimeout(r, Math.min(wait, 2) * 1000));
    } catch (error) {
      if (status !== 0 && status !== 429 && status !== 503 && status !== 500) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
    retries += 1;
    if (retries > maxRetries) throw new Error(`POST /api/posts kept failing (last status ${status})`);
  }
}

/** SIGTERM, then SIGKILL after 15 s for a process that does not finish its shutdown. */
export async function stopAll(processes: WaspadaProcess[]): Promise<void> {
  await Promise.all(
    processes.map(async (p) => {
      // A process killed by a signal has exitCode null but a signalCode: it is gone already.
      if (p.child.exitCode !== null || p.child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => p.child.once('exit', () => resolve()));
      const timer = setTimeout(() => p.child.kill('SIGKILL'), 15_000);
      void p.stop().catch(() => undefined);
      await exited;
      clearTimeout(timer);
    }),
  );
}

/** Posts in API-sized chunks, several requests in flight, like a few collectors at once. */
export async function postAll(base: string, token: string, posts: unknown[], chunk = 500, parallel = 3): Promise<{ accepted: number; duplicate: number; retries: number }> {
  const chunks: unknown[][] = [];
  for (let i = 0; i < posts.length; i += chunk) chunks.push(posts.slice(i, i + chunk));
  const total = { accepted: 0, duplicate: 0, retries: 0 };
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < chunks.length) {
        const mine = chunks[next++]!;
        const r = await postPosts(base, token, mine);
        total.accepted += r.accepted;
        total.duplicate += r.duplicate;
        total.retries += r.retries;
      }
    }),
  );
  return total;
}
