// The one place that names queues and builds BullMQ connection settings. Nothing else spells a
// queue name or a Redis key.
import type { ConnectionOptions, DefaultJobOptions } from 'bullmq';
import { Cluster } from 'ioredis';
import { JobCatalog, Stage, type JobName } from '../contracts/jobs.js';
import type { Config } from '../config.js';

export const STAGES = Stage.options;

/** Queue name of a stage; the BullMQ prefix (config.queuePrefix) namespaces all of them in Redis. */
export function queueName(stage: Stage): string {
  return stage;
}

export function stageOfJob(name: JobName): Stage {
  return JobCatalog[name].stage;
}

export function jobsOfStage(stage: Stage): JobName[] {
  return (Object.keys(JobCatalog) as JobName[]).filter((name) => JobCatalog[name].stage === stage);
}

export interface QueueSettings {
  connection: ConnectionOptions;
  prefix: string;
  defaultJobOptions: DefaultJobOptions;
}

/**
 * One ioredis Cluster client for REDIS_CLUSTER_NODES ("host:port,host:port"). BullMQ shares it for
 * queues and duplicates it for blocking worker connections; the prefix must be a hash tag ({waspada})
 * so every key of a queue lands in one slot, as BullMQ's Lua scripts require.
 */
export function clusterConnection(nodes: string, redisUrl?: string): Cluster {
  const seeds = nodes.split(',').map((n) => n.trim()).filter(Boolean).map((n) => {
    const [host, port] = n.split(':');
    return { host: host || '127.0.0.1', port: Number(port || 6379) };
  });
  const auth = redisUrl ? new URL(redisUrl) : undefined;
  return new Cluster(seeds, {
    redisOptions: { maxRetriesPerRequest: null, username: auth?.username || undefined, password: auth?.password ? decodeURIComponent(auth.password) : undefined },
    clusterRetryStrategy: (times) => Math.min(100 * times, 2000),
  });
}

export function queueSettings(config: Pick<Config, 'queuePrefix' | 'jobAttempts' | 'jobBackoffMs'> & Partial<Pick<Config, 'redisClusterNodes'>>, redisUrl: string): QueueSettings {
  const url = new URL(redisUrl);
  return {
    connection: config.redisClusterNodes ? clusterConnection(config.redisClusterNodes, redisUrl) : {
      host: url.hostname,
      port: Number(url.port || 6379),
      username: url.username || undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
      tls: url.protocol === 'rediss:' ? {} : undefined,
      // BullMQ workers must wait for Redis forever instead of failing commands while it restarts.
      maxRetriesPerRequest: null,
    },
    prefix: config.queuePrefix,
    defaultJobOptions: {
      attempts: config.jobAttempts,
      backoff: { type: 'exponential', delay: config.jobBackoffMs },
      // Completed jobs are trimmed; failed ones are kept for inspection and replay.
      removeOnComplete: { age: 3600, count: 2000 },
      removeOnFail: { count: 50_000 },
    },
  };
}

/** Redis keys Waspada owns outside BullMQ, all under the queue prefix (so one hash tag covers them on a cluster). */
export const RedisKeys = {
  sourceLock: (prefix: string, sourceId: number) => `${prefix}:lock:source:${sourceId}`,
  schedulerId: (sourceId: number) => `source-${sourceId}`,
  /** The one job scheduler of the takedown re-check sweep. */
  takedownSchedulerId: 'takedown-recheck',
} as const;
