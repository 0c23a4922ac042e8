// The collect stage's handler: crawls one source from its cursor, hands new posts and their evidence to
// the store, and records the run (cursor, health, error) on the source. Idempotent: a re-run finds nothing new.
import type { SourceHealth } from '../contracts/source.js';
import { collectOnce } from './collect-once.js';
import { PermanentCrawlError, SourceHealthError, TransientCrawlError, errorMessage } from './errors.js';
import type { CollectDeps } from './ports.js';

export interface CollectResult {
  status: 'ok' | 'skipped' | 'unhealthy';
  items: number;
  health: SourceHealth;
}

const HEALTHY: ReadonlySet<SourceHealth> = new Set(['ok', 'empty']);

/**
 * Transient failures of the whole run (the browser would not start, Redis blipped) are thrown as
 * TransientCrawlError so the queue retries; anything else is recorded as the source's health.
 */
export async function handleCollect(payload: { sourceId: number }, deps: CollectDeps): Promise<CollectResult> {
  const now = deps.now ?? (() => new Date());
  const log = deps.log.child({ stage: 'collect', sourceId: payload.sourceId });
  const source = await deps.getSource(payload.sourceId);
  if (!source) {
    log.warn('source not found; nothing to collect');
    return { status: 'skipped', items: 0, health: 'never_run' };
  }
  if (!source.enabled) return { status: 'skipped', items: 0, health: source.health };

  let outcome;
  try {
    outcome = await collectOnce(source, source.cursor, deps.runtime, log, { now });
  } catch (error) {
    if (error instanceof TransientCrawlError) throw error;
    const health: SourceHealth = error instanceof SourceHealthError ? error.health : 'error';
    if (!(error instanceof PermanentCrawlError)) log.error({ err: error }, 'collect failed unexpectedly');
    await deps.saveRun(source.id, { cursor: source.cursor, health, items: 0, error: errorMessage(error), at: now().toISOString() });
    return { status: 'unhealthy', items: 0, health };
  }

  const { accepted, duplicates } = outcome.posts.length > 0 ? await deps.ingest(outcome.posts, outcome.evidence) : { accepted: 0, duplicates: 0 };
  const errors = [
    ...outcome.problems.map((p) => `${p.health}: ${p.message}`),
    ...outcome.rejected.map((r) => `rejected item ${r.key}: ${r.reason}`),
  ];
  await deps.saveRun(source.id, {
    cursor: outcome.cursor,
    health: outcome.health,
    items: accepted,
    error: errors.length > 0 ? errors.join(' | ').slice(0, 4000) : null,
    at: now().toISOString(),
  });
  log.info({ pages: outcome.pages, found: outcome.posts.length, accepted, duplicates, health: outcome.health }, 'source collected');
  return { status: HEALTHY.has(outcome.health) ? 'ok' : 'unhealthy', items: accepted, health: outcome.health };
}
