// The embedded database has one owner: a second process either reaches it through the owner's socket
// or gets one clear line, never a corrupted database.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { lockPath, readOwner } from '../src/store/embedded-lock.js';
import { DatabaseBusyError, openStore } from '../src/store/open.js';

describe('embedded database ownership', () => {
  it('names the process that holds the database when it does not serve it', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'waspada-lock-'));
    // The parent of this test process is alive and is not us: it stands in for another waspada command.
    writeFileSync(lockPath(dataDir), JSON.stringify({ pid: process.ppid, command: 'ingest', port: null, startedAt: new Date().toISOString() }));
    const error = await openStore(loadConfig({ DATA_DIR: dataDir }), { command: 'stats' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseBusyError);
    expect((error as Error).message).toMatch(/in use by `waspada ingest` \(pid \d+\)/);
  });

  it('takes over a stale lock left by a dead process, and releases its own on close', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'waspada-lock-'));
    writeFileSync(lockPath(dataDir), JSON.stringify({ pid: 2 ** 22 + 12345, command: 'start', port: 5999, startedAt: new Date().toISOString() }));
    const opened = await openStore(loadConfig({ DATA_DIR: dataDir }), { command: 'test' });
    expect(readOwner(dataDir)?.pid).toBe(process.pid);
    expect(await opened.store.ping()).toBe(true);
    await opened.close();
    expect(readOwner(dataDir)).toBeNull();
  });

  it('serves the database to a second opener through the loopback socket', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'waspada-lock-'));
    const config = loadConfig({ DATA_DIR: dataDir });
    const owner = await openStore(config, { command: 'start', serve: true });
    try {
      await owner.store.posts.insert([{ platform: 'x', text: 'loker', media: [], reach: {}, notes: [] }]);
      const owned = readOwner(dataDir);
      expect(owned?.port).toBeGreaterThan(0);
      // Same process, so simulate a second one by connecting the way it would.
      const { createPgDb } = await import('../src/store/pg-db.js');
      const client = createPgDb(`postgres://postgres@127.0.0.1:${owned!.port}/postgres?sslmode=disable`, 'pglite-socket');
      const rows = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM posts');
      expect(rows[0]?.n).toBe(1);
      await client.close();
    } finally {
      await owner.close();
    }
  });
});
