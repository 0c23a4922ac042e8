// The composition root's product: every long-lived service a Waspada process uses, built once.
import type { Redis } from 'ioredis';
import type { CollectRuntime } from '../collect/ports.js';
import type { Config } from '../config.js';
import type { Features } from '../contracts/features.js';
import type { Normalized } from '../extract/normalize.js';
import type { Logger } from '../log.js';
import type { JobProducer } from '../queue/producer.js';
import type { PostScorer } from '../score/handle-score.js';
import type { Store } from '../store/store.js';
import type { CampaignTracker } from './campaign-tracker.js';

/** Where the score stage gets its models; the implementation hot-reloads the promoted one. */
export interface ScorerSource {
  current(): Promise<PostScorer>;
  shadow(): Promise<PostScorer | null>;
}

export interface Services {
  config: Config;
  log: Logger;
  store: Store;
  producer: JobProducer;
  redisUrl: string;
  extract(text: string): Features;
  /** extract() plus the normalized text it worked on (null when extraction failed), for the steps that follow in the same process. */
  extractDetailed(text: string): { features: Features; normalized: Normalized | null };
  scorers: ScorerSource;
  /** A plain Redis client for leases and shared rate limits (BullMQ keeps its own connections). */
  redis: Redis;
  /** The collector runtime, created on first use: only processes that crawl start a browser pool. */
  collectRuntime(): CollectRuntime;
  /** Campaign assignment and repeat-offender weighing, used by the route stage and the case view. */
  campaigns: CampaignTracker;
}
