// Refuses API ingest with 429 + Retry-After while the extract queue is over its limit, so clients
// back off instead of the queue growing without bound. Nothing is stored for a refused request.
import type { MiddlewareHandler } from 'hono';
import type { Stage } from '../contracts/jobs.js';
import type { Logger } from '../log.js';
import { retryAfterSeconds, type DepthReading } from './backpressure.js';

export interface IngestGateDeps {
  reading(stage: Stage): Promise<DepthReading>;
  log?: Logger;
}

/** Queue connections wait for Redis forever; the API must answer, so a depth read has a deadline. */
const READING_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function ingestGate(deps: IngestGateDeps, stage: Stage = 'extract'): MiddlewareHandler {
  return async (c, next) => {
    let reading: DepthReading;
    try {
      reading = await withTimeout(deps.reading(stage), READING_TIMEOUT_MS);
    } catch (error) {
      // Redis unreachable: the posts could be stored but not queued, so refuse and let the client retry.
      deps.log?.warn({ err: (error as Error).message }, 'ingest refused: queue depth unknown');
      c.header('Retry-After', '5');
      return c.json({ error: 'queue unavailable; retry later' }, 503);
    }
    if (reading.over) {
      const seconds = retryAfterSeconds(reading);
      c.header('Retry-After', String(seconds));
      return c.json({ error: `the ${stage} queue is full (${reading.depth} waiting jobs, limit ${reading.limit}); retry after ${seconds} s`, retryAfter: seconds }, 429);
    }
    await next();
  };
}
