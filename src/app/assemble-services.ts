// Builds the Services of a process from its connections: one place that decides which
// implementation backs each service, for the CLI processes, tests and benchmarks alike.
import type { Redis } from 'ioredis';
import type { CollectRuntime } from '../collect/ports.js';
import { createCollectRuntime } from '../collect/runtime.js';
import type { Config } from '../config.js';
import { extractDetailed, extractFeatures } from '../extract/index.js';
import type { Logger } from '../log.js';
import type { JobProducer } from '../queue/producer.js';
import type { Store } from '../store/store.js';
import { CampaignTracker } from './campaign-tracker.js';
import type { ScorerSource, Services } from './services.js';

export interface ServiceParts {
  config: Config;
  log: Logger;
  store: Store;
  producer: JobProducer;
  redisUrl: string;
  redis: Redis;
  scorers: ScorerSource;
}

export interface AssembledServices extends Services {
  /** Releases what the services opened lazily (the browser pool). */
  closeLazy(): Promise<void>;
}

export function assembleServices(parts: ServiceParts): AssembledServices {
  let collect: CollectRuntime | undefined;
  return {
    ...parts,
    extract: extractFeatures,
    extractDetailed,
    collectRuntime: () => (collect ??= createCollectRuntime(parts.config, parts.log, { redis: parts.redis })),
    campaigns: new CampaignTracker(parts.store),
    closeLazy: async () => {
      await collect?.close();
      collect = undefined;
    },
  };
}
