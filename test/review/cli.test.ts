// The review commands end to end through the real CLI on an embedded database: users add (password
// on stdin), tokens create (token as the last line), export, audit verify (and tampering), retention.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPgliteDb } from '../../src/store/pglite-db.js';
import { digest } from '../../src/review/secrets.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'waspada-review-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the CLI without blocking the test worker (a blocked worker misses vitest's RPC deadlines). */
function waspada(args: string[], input = ''): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent', REDIS_URL: 'redis://127.0.0.1:1' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(input);
  });
}

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openPgliteDb>>) => Promise<T>): Promise<T> {
  const db = await openPgliteDb(path.join(dataDir, 'pglite'));
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

// Each CLI run opens the embedded database in a fresh process: seconds each, more on a busy machine.
const SLOW = 400_000;

describe('review CLI', () => {
  let token = '';

  it('adds a user with the password from stdin and refuses a duplicate or a short password', async () => {
    const added = await waspada(['users', 'add', '--username', 'ani', '--role', 'analyst'], 'kata-sandi-panjang\n');
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    expect((await waspada(['users', 'add', '--username', 'ani', '--role', 'admin'], 'kata-sandi-panjang\n')).code).toBe(1);
    expect((await waspada(['users', 'add', '--username', 'budi', '--role', 'analyst'], 'pendek\n')).code).toBe(1);
    expect((await waspada(['users', 'add', '--username', 'budi', '--role', 'root'], 'kata-sandi-panjang\n')).code).not.toBe(0);
  }, SLOW);

  it('creates a token, prints it as the last line and stores only its digest', async () => {
    const created = await waspada(['tokens', 'create', '--username', 'ani']);
    expect(created.code).toBe(0);
    token = created.out.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^wsp_[\w-]{40,}$/);
    const rows = await withDb((db) => db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens'));
    expect(rows.map((r) => r.token_hash)).toEqual([digest(token)]);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect((await waspada(['tokens', 'create', '--username', 'nobody'])).code).toBe(1);
  }, SLOW);

  it('exports a queue as JSONL', async () => {
    await withDb(async (db) => {
      const [post] = await db.query<{ id: number }>(`INSERT INTO posts (dedupe_key, platform, text, url) VALUES ('k1', 'x', 'Loker Kamboja', 'https://x.com/1') RETURNING id`);
      await db.query(`INSERT INTO cases (post_id, queue, status, decision) VALUES ($1, 'komdigi', 'decided', 'scam')`, [post!.id]);
    });
    const out = path.join(dataDir, 'k.jsonl');
    const result = await waspada(['export', '--queue', 'komdigi', '--format', 'jsonl', '--out', out]);
    expect(result.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { agency: string; url: string });
    expect(lines).toMatchObject([{ agency: 'komdigi', url: 'https://x.com/1' }]);
  }, SLOW);

  it('purges old posts without cases', async () => {
    await withDb((db) => db.query(`INSERT INTO posts (dedupe_key, platform, text, collected_at) VALUES ('old', 'x', 'lama', now() - interval '400 days')`));
    const result = await waspada(['retention', 'purge', '--days', '365', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out.trim().split('\n').at(-1)!)).toMatchObject({ purged: 1 });
  }, SLOW);

  it('verifies the audit chain, then detects tampering and names the entry', async () => {
    const ok = await waspada(['audit', 'verify']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/intact: [1-9]\d* entries/);
    const id = await withDb(async (db) => {
      const [row] = await db.query<{ id: number }>(`SELECT id FROM audit_log WHERE action = 'token.create'`);
      await db.query(`UPDATE audit_log SET actor = 'mallory' WHERE id = $1`, [row!.id]);
      return row!.id;
    });
    const broken = await waspada(['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.err).toContain(`entry #${id}`);
  }, SLOW);
});
