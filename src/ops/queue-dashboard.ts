// Bull Board for operators at /admin/queues: every stage queue, its failed jobs with their errors,
// retry and clean. Only roles allowed by `authorize` (admin and operator) get past the guard.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Queue } from 'bullmq';
import { Hono, type Context } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { Role } from '../review/roles.js';

export const DASHBOARD_PATH = '/admin/queues';
export const DASHBOARD_ROLES: readonly Role[] = ['admin', 'operator'];

/** Who is asking: the caller's role, or null when not signed in. Supplied by the console's auth. */
export type ResolveRole = (c: Context) => Promise<Role | null>;

export interface QueueDashboardOptions {
  queues: Queue[];
  resolveRole: ResolveRole;
  basePath?: string;
  /** Read-only: no retry, clean or remove buttons. */
  readOnly?: boolean;
}

/** A Hono app serving Bull Board under `basePath`; mount it with `app.route('/', dashboard)`. */
export function createQueueDashboard(options: QueueDashboardOptions): Hono {
  const basePath = options.basePath ?? DASHBOARD_PATH;
  const adapter = new HonoAdapter(serveStatic);
  adapter.setBasePath(basePath);
  createBullBoard({
    queues: options.queues.map((q) => new BullMQAdapter(q, { readOnlyMode: options.readOnly ?? false })),
    // @bull-board/hono 9.10.1 pins its own @bull-board/api 9.10.1 beside our 9.10.2: same shapes, separate
    // declarations, so TypeScript needs the cast; the runtime contract is the same.
    serverAdapter: adapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: 'Waspada queues' } },
  });
  const app = new Hono();
  const guard = async (c: Context, next: () => Promise<void>) => {
    const role = await options.resolveRole(c);
    if (!role) return c.json({ error: 'sign in as an operator or admin' }, 401);
    if (!DASHBOARD_ROLES.includes(role)) return c.json({ error: `role ${role} may not open the queue dashboard` }, 403);
    // Retry/clean/remove change state: refuse them from another origin (the session cookie would ride along).
    if (!['GET', 'HEAD'].includes(c.req.method) && !sameOrigin(c)) return c.json({ error: 'cross-origin request refused' }, 403);
    await next();
    // Job payloads are on these pages: never cached by shared caches.
    c.header('Cache-Control', 'no-store');
    return undefined;
  };
  // Bull Board's UI needs inline script, so the console's strict CSP is not applied; framing and referrers still are.
  const headers = secureHeaders({ xFrameOptions: 'DENY', referrerPolicy: 'no-referrer', crossOriginResourcePolicy: 'same-origin' });
  app.use(basePath, headers, guard);
  app.use(`${basePath}/*`, headers, guard);
  app.route(basePath, adapter.registerPlugin());
  return app;
}

function sameOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  if (!origin) return c.req.header('sec-fetch-site') !== 'cross-site';
  try {
    return new URL(origin).host === (c.req.header('host') ?? new URL(c.req.url).host);
  } catch {
    return false;
  }
}
