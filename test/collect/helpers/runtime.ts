// A collect runtime for tests: real fetcher, robots, browser and filesystem evidence, no rate-limit delay.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/log.js';
import type { CollectRuntime } from '../../../src/collect/ports.js';
import { createCollectRuntime, type RuntimeOptions } from '../../../src/collect/runtime.js';

export const testLog = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent', format: 'json' });

export function testRuntime(options: RuntimeOptions = {}): { runtime: CollectRuntime; dataDir: string } {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'waspada-collect-'));
  const config = loadConfig({ DATA_DIR: dataDir, CRAWL_USER_AGENT: 'WaspadaBot/0.1 (test)' });
  const runtime = createCollectRuntime(config, testLog, { rateLimit: { intervalMs: 0 }, evidenceMode: 'none', screenshots: false, timeoutMs: 5000, ...options });
  return { runtime, dataDir };
}
