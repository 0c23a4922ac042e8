// BullMQ on a local three-node Redis Cluster through REDIS_CLUSTER_NODES: with a hash-tag prefix
// ({waspada}) jobs flow through the WorkerHost; without one, BullMQ's multi-key scripts are refused.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Cluster } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { defineWorker, WorkerHost } from '../../src/queue/worker-host.js';
import { queueSettings } from '../../src/queue/catalog.js';
import { JobProducer } from '../../src/queue/producer.js';
import { ping } from '../../src/queue/redis-server.js';
import { waitFor } from '../helpers/pipeline.js';
import { freePort } from './helpers/processes.js';

describe('Redis Cluster with a hash-tag prefix', () => {
  const nodes: ChildProcess[] = [];
  const ports: number[] = [];
  const clients: Cluster[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'waspada-cluster-'));
    for (let i = 0; i < 3; i += 1) {
      const port = await freePort();
      ports.push(port);
      const nodeDir = path.join(dir, String(port));
      spawnSync('mkdir', ['-p', nodeDir]);
      nodes.push(
        spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--dir', nodeDir, '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--appendonly', 'no', '--save', '', '--loglevel', 'warning'], { stdio: 'ignore' }),
      );
    }
    for (const port of ports) await waitFor(() => ping(`redis://127.0.0.1:${port}`, 300), `cluster node ${port}`, 10_000);
    const created = spawnSync('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8' });
    expect(created.status, created.stderr + created.stdout).toBe(0);
    const probe = new Cluster(ports.map((port) => ({ host: '127.0.0.1', port })));
    await waitFor(async () => (await probe.cluster('INFO')).includes('cluster_state:ok'), 'cluster state ok', 20_000);
    probe.disconnect();
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    for (const n of nodes) n.kill('SIGKILL');
  });

  const seeds = () => ports.map((p) => `127.0.0.1:${p}`).join(',');

  it('runs jobs through the WorkerHost on the cluster with QUEUE_PREFIX={waspada}', async () => {
    const config = loadConfig({ REDIS_CLUSTER_NODES: seeds(), QUEUE_PREFIX: '{waspada}' });
    const settings = queueSettings(config, `redis://127.0.0.1:${ports[0]}`);
    expect(settings.connection).toBeInstanceOf(Cluster);
    clients.push(settings.connection as Cluster);
    const producer = new JobProducer(settings);
    const seen = new Set<number>();
    const host = new WorkerHost(settings, {}, { concurrency: 4, log: pino({ level: 'silent' }) });
    host.start(['score'], [defineWorker<object, 'score-posts'>('score-posts', async (payload) => void payload.postIds.forEach((id) => seen.add(id)))]);
    await host.waitUntilReady();
    for (let i = 1; i <= 100; i += 1) await producer.enqueue('score-posts', { postIds: [i] });
    await waitFor(async () => seen.size === 100, 'all 100 jobs processed on the cluster', 30_000);
    expect((await producer.queue('score').getJobCounts('completed')).completed).toBe(100);
    // Every key of the queue sits in the slot of the hash tag.
    const keys = await (settings.connection as Cluster).nodes('master').reduce(async (acc, node) => [...(await acc), ...(await node.keys('{waspada}:score:*'))], Promise.resolve([] as string[]));
    const slots = new Set(await Promise.all(keys.slice(0, 20).map((k) => (settings.connection as Cluster).cluster('KEYSLOT', k))));
    expect(slots.size).toBe(1);
    await host.close();
    await producer.close();
  });

  it('refuses BullMQ without a hash tag: keys of one queue would span slots', async () => {
    const connection = new Cluster(ports.map((port) => ({ host: '127.0.0.1', port })), { redisOptions: { maxRetriesPerRequest: 1 } });
    clients.push(connection);
    const queue = new Queue('score', { connection, prefix: 'waspada' });
    queue.on('error', () => undefined);
    await expect(queue.add('score-posts', { postIds: [1] })).rejects.toThrow(/CROSSSLOT|slot/i);
    await queue.close().catch(() => undefined);
  });
});
