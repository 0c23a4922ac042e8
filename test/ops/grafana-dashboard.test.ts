// The sample Grafana dashboard only queries metrics Waspada registers, so it cannot silently rot.
import { readFileSync } from 'node:fs';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerJobMetrics } from '../../src/ops/job-metrics.js';
import { registerOpsMetrics } from '../../src/ops/ops-metrics.js';
import { createMetrics } from '../../src/web/metrics.js';

describe('ops/grafana-dashboard.json', () => {
  it('queries only registered metric names', () => {
    const text = readFileSync(new URL('../../ops/grafana-dashboard.json', import.meta.url), 'utf8');
    const dashboard = JSON.parse(text) as { panels: Array<{ targets: Array<{ expr: string }> }> };
    expect(dashboard.panels.length).toBeGreaterThan(8);
    // Nothing is scraped here, so the store and queues are never called.
    const registry: Registry = createMetrics({ store: {} as never, queues: () => [] });
    registerJobMetrics(registry);
    registerOpsMetrics(registry, { query: async () => [] });
    const used = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/waspada_\w+/g) ?? [])));
    expect(used.size).toBeGreaterThan(8);
    for (const name of used) {
      const base = name.replace(/_(bucket|sum|count)$/, '');
      expect(registry.getSingleMetric(base), name).toBeDefined();
    }
  });
});
