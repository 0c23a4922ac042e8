// Opens the system of record: a PostgreSQL server with DATABASE_URL, else the embedded PGlite
// database (owned by this process, or reached through the socket of the process that owns it).
import path from 'node:path';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Db } from './db.js';
import { acquire, readOwner, release, update } from './embedded-lock.js';
import { migrate } from './migrate.js';
import { createPgDb } from './pg-db.js';
import { openPgliteDb } from './pglite-db.js';
import { Store } from './store.js';
import { freeLoopbackPort } from '../free-port.js';

export class DatabaseBusyError extends Error {
  override name = 'DatabaseBusyError';
}

export interface OpenOptions {
  /** Name of the command opening the database, shown to a process that finds it busy. */
  command: string;
  /** Serve the embedded database to other local processes (start, web, worker). */
  serve?: boolean;
  log?: Logger;
}

export interface OpenedStore {
  store: Store;
  close(): Promise<void>;
}

export async function openStore(config: Config, options: OpenOptions): Promise<OpenedStore> {
  if (config.databaseUrl) {
    const db = createPgDb(config.databaseUrl, 'postgres');
    await migrate(db);
    return { store: new Store(db), close: () => db.close() };
  }
  const owner = readOwner(config.dataDir);
  if (owner) return connectToOwner(owner);
  const lock = { pid: process.pid, command: options.command, port: null, startedAt: new Date().toISOString() };
  if (!acquire(config.dataDir, lock)) {
    const winner = readOwner(config.dataDir);
    if (winner) return connectToOwner(winner);
    throw new DatabaseBusyError('the embedded database lock changed hands while opening; try again');
  }
  let db: Db | undefined;
  let server: PGLiteSocketServer | undefined;
  try {
    const pg = await openPgliteDb(path.join(config.dataDir, 'pglite'));
    db = pg;
    await migrate(db);
    if (options.serve) {
      const port = await freeLoopbackPort();
      server = new PGLiteSocketServer({ db: pg.pglite, host: '127.0.0.1', port, maxConnections: 16 });
      await server.start();
      update(config.dataDir, { ...lock, port });
      options.log?.debug({ port }, 'embedded database served on loopback for other waspada processes');
    }
  } catch (error) {
    await db?.close().catch(() => undefined);
    release(config.dataDir);
    throw error;
  }
  const opened = db;
  return {
    store: new Store(opened),
    async close() {
      await server?.stop().catch(() => undefined);
      await opened.close();
      release(config.dataDir);
    },
  };

  async function connectToOwner(found: NonNullable<ReturnType<typeof readOwner>>): Promise<OpenedStore> {
    if (found.port === null) {
      throw new DatabaseBusyError(
        `the embedded database is in use by \`waspada ${found.command}\` (pid ${found.pid}); wait for it to finish, or set DATABASE_URL to share a PostgreSQL server`,
      );
    }
    const db = createPgDb(`postgres://postgres@127.0.0.1:${found.port}/postgres?sslmode=disable`, 'pglite-socket');
    return { store: new Store(db), close: () => db.close() };
  }
}
