// What the web app needs from the rest of the system, passed in so tests can build the app with
// real components and call `app.request()` without a server.
import type { Registry } from 'prom-client';
import type { IngestDeps } from '../ingest/ingest-records.js';
import type { Store } from '../store/store.js';
import type { Logger } from '../log.js';

export interface WebDeps {
  store: Store;
  log: Logger;
  metrics: Registry;
  ingest: IngestDeps;
  /** True when Redis answers; /healthz reports it. */
  redisHealthy(): Promise<boolean>;
}
