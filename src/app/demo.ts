// Loads fixtures/demo into a fresh installation once, so a newcomer sees cases within a minute.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ingestRecords, type IngestSummary } from '../ingest/ingest-records.js';
import { readJsonl } from '../ingest/read-records.js';
import { addUser } from '../review/auth-service.js';
import type { Services } from './services.js';
import { ingestDeps } from './stage-deps.js';

const DEMO_LOADED = 'demo.loaded';

/** The demo posts file, found from both src/ (tests, tsx) and dist/src/ (the built CLI). */
export function demoPostsPath(): string {
  for (const relative of ['../../fixtures/demo/posts.jsonl', '../../../fixtures/demo/posts.jsonl']) {
    const candidate = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('fixtures/demo/posts.jsonl not found next to the installation');
}

export async function loadDemoOnce(services: Services): Promise<IngestSummary | null> {
  if (await services.store.getMeta(DEMO_LOADED)) return null;
  const summary = await ingestRecords(readJsonl(demoPostsPath(), 'fixtures/demo/posts.jsonl'), ingestDeps(services), 'demo');
  await services.store.setMeta(DEMO_LOADED, { at: new Date().toISOString(), accepted: summary.accepted });
  return summary;
}

const DEMO_LOGIN = 'demo.login';

/**
 * A demo analyst account so a newcomer can open the console at once. Made only when the database
 * has no users; the password is random and shown in the start-up log (the server binds to loopback).
 */
export async function ensureDemoLogin(services: Pick<Services, 'store'>): Promise<{ username: string; password: string } | null> {
  const saved = await services.store.getMeta<{ username: string; password: string }>(DEMO_LOGIN);
  if (saved) return (await services.store.users.byUsername(saved.username)) ? saved : null;
  if ((await services.store.users.list()).length > 0) return null;
  const login = { username: 'demo', password: randomBytes(9).toString('base64url') };
  await addUser(services.store, login.username, 'admin', login.password, 'system');
  await services.store.setMeta(DEMO_LOGIN, login);
  return login;
}
