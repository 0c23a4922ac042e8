// A crawl source that operators register: what to fetch, how often, and how politely.
import { z } from 'zod';

export const AdapterName = z.enum(['telegram', 'facebook', 'x', 'instagram', 'site', 'feed']);
export type AdapterName = z.infer<typeof AdapterName>;

export const SourceInput = z.object({
  name: z.string().min(1).max(200).regex(/^[\w.-]+$/, 'use letters, digits, dot, dash or underscore'),
  adapter: AdapterName,
  url: z.string().url().max(4096),
  /** Cron pattern (UTC) for scheduled crawls. */
  schedule: z.string().max(100).default('*/30 * * * *'),
  enabled: z.boolean().default(true),
  /** Adapter-specific settings (selectors for `site`, storage-state file for `facebook`, …). */
  options: z.record(z.string(), z.unknown()).default({}),
  /** Set only with a recorded reason: robots.txt is respected otherwise. */
  ignoreRobots: z.object({ reason: z.string().min(10) }).optional(),
});
export type SourceInput = z.infer<typeof SourceInput>;

export const SourceHealth = z.enum(['ok', 'empty', 'blocked', 'login_wall', 'captcha', 'layout_changed', 'error', 'never_run']);
export type SourceHealth = z.infer<typeof SourceHealth>;

export const Source = SourceInput.extend({
  id: z.number().int().positive(),
  cursor: z.string().nullable(),
  health: SourceHealth,
  lastRunAt: z.string().nullable(),
  lastItems: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
});
export type Source = z.infer<typeof Source>;
