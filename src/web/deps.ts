// What the web app needs from the rest of the system, passed in so tests can build the app with
// real components and call `app.request()` without a server.
import type { Registry } from 'prom-client';
import type { IngestDeps } from '../ingest/ingest-records.js';
import type { Lang } from '../review/i18n.js';
import type { Store } from '../store/store.js';
import type { Logger } from '../log.js';

/** Console and review settings (from Config); every field has a default. */
export interface ReviewSettings {
  /** Absolute session lifetime. */
  sessionTtlMinutes: number;
  /** A session unused this long ends. */
  sessionIdleMinutes: number;
  /** Seconds a checked session or token is reused without the database (see AUTH_CACHE_SECONDS). */
  authCacheSeconds: number;
  /** Milliseconds a queue page is reused (see QUEUE_CACHE_MS); 0 turns the cache off. */
  queueCacheMs: number;
  cookieSecure: boolean;
  claimLeaseMinutes: number;
  loginMaxFailures: number;
  loginWindowMinutes: number;
  lang: Lang;
}

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = {
  sessionTtlMinutes: 480,
  sessionIdleMinutes: 60,
  authCacheSeconds: 5,
  queueCacheMs: 1000,
  cookieSecure: false,
  claimLeaseMinutes: 30,
  loginMaxFailures: 5,
  loginWindowMinutes: 15,
  lang: 'id',
};

/** A model the researcher pages list (the classifiers registry provides these). */
export interface ModelInfo {
  version: string;
  role: 'live' | 'shadow' | 'candidate' | 'retired' | string;
  createdAt?: string;
  metrics?: Record<string, number>;
}

export interface WebDeps {
  store: Store;
  log: Logger;
  metrics: Registry;
  ingest: IngestDeps;
  /** True when Redis answers; /healthz reports it. */
  redisHealthy(): Promise<boolean>;
  /** Console settings; defaults apply when absent. */
  review?: Partial<ReviewSettings>;
  /** Evidence bytes by storage key (the collectors' EvidenceStore). Without it evidence downloads answer 404. */
  evidence?: { get(key: string): Promise<Uint8Array | null> };
  /** Queues a crawl of one source now (operators' "run now"). */
  runSourceNow?(name: string): Promise<{ jobId?: string } | void>;
  /** Models known to the registry, for the researcher pages. */
  listModels?(): Promise<ModelInfo[]>;
  /** Near-duplicate post ids from the campaigns index, merged into "related posts". */
  nearDuplicates?(postId: number): Promise<number[]>;
}

export function reviewSettings(deps: WebDeps): ReviewSettings {
  return { ...DEFAULT_REVIEW_SETTINGS, ...deps.review };
}
