// The database and queues for one CLI command, opened on demand and closed afterwards. Commands import
// this lazily so that `--help` never loads database or queue code.
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { queueSettings } from '../queue/catalog.js';
import { JobProducer } from '../queue/producer.js';
import { resolveRedis } from '../queue/redis-server.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';

export interface CliSession {
  store: Store;
  producer: JobProducer;
}

export async function withSession<T>(config: Config, log: Logger, command: string, fn: (s: CliSession) => Promise<T>): Promise<T> {
  const redis = await resolveRedis(config, log);
  let opened: Awaited<ReturnType<typeof openStore>> | undefined;
  let producer: JobProducer | undefined;
  try {
    opened = await openStore(config, { command });
    producer = new JobProducer(queueSettings(config, redis.url), await opened.store.installationId());
    return await fn({ store: opened.store, producer });
  } finally {
    await producer?.close();
    await opened?.close();
    await redis.stop?.();
  }
}

export async function withStore<T>(config: Config, command: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const opened = await openStore(config, { command });
  try {
    return await fn(opened.store);
  } finally {
    await opened.close();
  }
}
