// Who owns the embedded database. PGlite lives in one process; the owner writes a lock file naming
// itself and, when it serves others, the loopback port of its Postgres-protocol socket.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const LockFile = z.object({
  pid: z.number().int(),
  command: z.string(),
  port: z.number().int().nullable(),
  startedAt: z.string(),
});
export type LockFile = z.infer<typeof LockFile>;

export function lockPath(dataDir: string): string {
  return path.join(dataDir, 'pglite.lock.json');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live owner of the embedded database, if any; a stale lock (dead process) is removed. */
export function readOwner(dataDir: string): LockFile | null {
  const file = lockPath(dataDir);
  let parsed: LockFile;
  try {
    parsed = LockFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // An unreadable lock is treated as stale: it was cut short by a crash mid-write.
    unlinkSync(file);
    return null;
  }
  if (parsed.pid !== process.pid && alive(parsed.pid)) return parsed;
  if (parsed.pid === process.pid) return parsed;
  unlinkSync(file);
  return null;
}

/** Takes the lock atomically; returns false when another process won the race. */
export function acquire(dataDir: string, lock: LockFile): boolean {
  mkdirSync(dataDir, { recursive: true });
  let fd: number;
  try {
    fd = openSync(lockPath(dataDir), 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  writeSync(fd, JSON.stringify(lock));
  closeSync(fd);
  return true;
}

/** Rewrites our own lock (to publish the socket port once it listens). */
export function update(dataDir: string, lock: LockFile): void {
  const fd = openSync(lockPath(dataDir), 'w');
  writeSync(fd, JSON.stringify(lock));
  closeSync(fd);
}

export function release(dataDir: string): void {
  const owner = readOwner(dataDir);
  if (owner?.pid === process.pid) unlinkSync(lockPath(dataDir));
}
