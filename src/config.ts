// Every setting, declared once with its schema, default, environment variable and meaning.
// Parsed at start-up; nothing else in Waspada reads process.env.
import path from 'node:path';
import { z } from 'zod';

interface SettingSpec<T extends z.ZodType> {
  env: string;
  schema: T;
  doc: string;
}

function setting<T extends z.ZodType>(env: string, schema: T, doc: string): SettingSpec<T> {
  return { env, schema, doc };
}

const Bool = z
  .union([z.boolean(), z.enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])])
  .transform((v) => v === true || v === '1' || v === 'true' || v === 'yes' || v === 'on');

/** The settings table; the README's configuration section is written from it. */
export const SETTINGS = {
  dataDir: setting('DATA_DIR', z.string().default('./data'), 'Where Waspada keeps the embedded database, private Redis, evidence and models.'),
  databaseUrl: setting('DATABASE_URL', z.string().url().optional(), 'PostgreSQL server URL (postgres://…). Unset: embedded PGlite under DATA_DIR/pglite.'),
  redisUrl: setting('REDIS_URL', z.string().optional(), 'Redis URL. Unset: use 127.0.0.1:6379 if it answers, else start a private redis-server under DATA_DIR/redis.'),
  redisServerBin: setting('REDIS_SERVER_BIN', z.string().default('redis-server'), 'redis-server binary to start when no Redis answers.'),
  queuePrefix: setting('QUEUE_PREFIX', z.string().default('waspada'), 'BullMQ key prefix. Wrap in braces, e.g. {waspada}, on a Redis Cluster so a queue stays in one hash slot.'),
  port: setting('PORT', z.coerce.number().int().min(0).max(65535).default(8080), 'HTTP port of the console, API and metrics.'),
  host: setting('HOST', z.string().default('127.0.0.1'), 'Address the web server binds to.'),
  logLevel: setting('LOG_LEVEL', z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'), 'pino log level.'),
  logFormat: setting('LOG_FORMAT', z.enum(['auto', 'pretty', 'json']).default('auto'), 'auto: readable on a terminal, JSON otherwise.'),
  modelPath: setting('MODEL_PATH', z.string().optional(), 'Scoring model file. Unset: the promoted model in DATA_DIR/models, else the shipped classifiers/model.json.'),
  batchSize: setting('BATCH_SIZE', z.coerce.number().int().min(1).max(10_000).default(200), 'Posts per extract/score/route job.'),
  workerConcurrency: setting('WORKER_CONCURRENCY', z.coerce.number().int().min(1).max(64).default(2), 'Jobs each stage worker runs at once.'),
  jobAttempts: setting('JOB_ATTEMPTS', z.coerce.number().int().min(1).max(100).default(8), 'Attempts for a job that fails transiently (exponential backoff).'),
  jobBackoffMs: setting('JOB_BACKOFF_MS', z.coerce.number().int().min(1).default(1000), 'First retry delay; doubles each attempt.'),
  demo: setting('WASPADA_DEMO', Bool.default(false), 'Load fixtures/demo on start (npm start sets it).'),
  lang: setting('WASPADA_LANG', z.enum(['id', 'en']).default('id'), 'Default language of the console and CLI messages.'),
  userAgent: setting('CRAWL_USER_AGENT', z.string().default('WaspadaBot/0.1 (+https://github.com/waspada; research crawler)'), 'User-Agent sent by collectors.'),
  chromiumPath: setting('PLAYWRIGHT_CHROMIUM_PATH', z.string().optional(), 'Chromium executable. Unset: the system chromium, else Playwright\'s own browser.'),
  sessionSecret: setting('SESSION_SECRET', z.string().min(16).optional(), 'Secret for console session cookies. Unset: generated once and kept under DATA_DIR.'),
  sessionTtlMinutes: setting('SESSION_TTL_MINUTES', z.coerce.number().int().min(1).max(10_080).default(480), 'Console session lifetime in minutes (server-side; the cookie dies with it): the absolute limit, however active the analyst.'),
  sessionIdleMinutes: setting('SESSION_IDLE_MINUTES', z.coerce.number().int().min(2).max(10_080).default(60), 'A console session ends after this many minutes without a request (checked to the minute), even within SESSION_TTL_MINUTES.'),
  apiTokenTtlDays: setting('API_TOKEN_TTL_DAYS', z.coerce.number().int().min(0).max(3650).default(90), 'Days a new API token (`waspada tokens create`) stays valid; 0 makes tokens that never expire (revoke them with `waspada tokens revoke`).'),
  queueCacheMs: setting('QUEUE_CACHE_MS', z.coerce.number().int().min(0).max(60_000).default(1000), 'Milliseconds the web process reuses a queue page (console queues, campaign list and GET /api/cases). Its own writes clear it at once; cases routed or changed by other processes show within this long. 0 turns it off.'),
  authCacheSeconds: setting('AUTH_CACHE_SECONDS', z.coerce.number().int().min(0).max(60).default(5), 'Seconds the web process reuses a checked session or token without asking the database; a logout or revocation in the same process is immediate, one from the CLI or another process takes up to this long. 0 checks every request.'),
  cookieSecure: setting('COOKIE_SECURE', Bool.default(false), 'Mark console cookies Secure; turn on behind HTTPS.'),
  claimLeaseMinutes: setting('CLAIM_LEASE_MINUTES', z.coerce.number().int().min(1).max(1440).default(30), 'How long an analyst holds a claimed case before it returns to the queue.'),
  loginMaxFailures: setting('LOGIN_MAX_FAILURES', z.coerce.number().int().min(1).max(1000).default(5), 'Failed logins per username (×4 per address) allowed in the window before logins are refused.'),
  loginWindowMinutes: setting('LOGIN_WINDOW_MINUTES', z.coerce.number().int().min(1).max(1440).default(15), 'Window for counting failed logins.'),
  retentionDays: setting('RETENTION_DAYS', z.coerce.number().int().min(1).max(36_500).default(180), 'Posts older than this that never became a case are purged by `waspada retention purge`.'),
  maxQueueDepth: setting('MAX_QUEUE_DEPTH', z.coerce.number().int().min(1).default(500), 'Backpressure: waiting jobs a stage queue may hold before the stage feeding it waits and the ingest API answers 429.'),
  backpressureWaitMs: setting('BACKPRESSURE_WAIT_MS', z.coerce.number().int().min(0).default(60_000), 'How long a producer waits for room downstream before its job is retried later (nothing is dropped).'),
  redisClusterNodes: setting('REDIS_CLUSTER_NODES', z.string().optional(), 'Comma-separated host:port seeds of a Redis Cluster; set QUEUE_PREFIX to a hash tag such as {waspada}. Unset: a single Redis (REDIS_URL).'),
  reconcileIntervalSeconds: setting('RECONCILE_INTERVAL_SECONDS', z.coerce.number().int().min(0).default(300), 'How often worker processes look for posts stranded between stages (stored, next job lost) and queue them again; 0 turns it off.'),
  metricsPort: setting('METRICS_PORT', z.coerce.number().int().min(0).max(65535).optional(), 'Port for /metrics in processes without the web server (`waspada worker`), so each worker\'s job counters can be scraped.'),
  repeatOffenderWebhookUrl: setting('REPEAT_OFFENDER_WEBHOOK_URL', z.string().url().optional(), 'When set, each new case flagged as a repeat offender is POSTed here as JSON (case, campaign, contact keys, reasons, console link), with a timeout and retries; each case once (recorded in its history), with a stable `eventId` also sent as the `Idempotency-Key` header. Unset: no webhook.'),
  consoleUrl: setting('CONSOLE_URL', z.string().url().optional(), 'Public address of the console, for links in webhook messages. Unset: http://HOST:PORT.'),
  takedownSweepMinutes: setting('TAKEDOWN_SWEEP_MINUTES', z.coerce.number().int().min(0).max(1440).default(10), 'How often referred posts are enrolled and those due (1 h, 6 h, 24 h, 48 h after referral, then daily for 30 days) are re-checked for takedown; 0 turns re-checks off.'),
} as const;

type Settings = typeof SETTINGS;
export type Config = { -readonly [K in keyof Settings]: z.infer<Settings[K]["schema"]> };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses settings from an environment (process.env at start-up, a literal object in tests). */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, spec] of Object.entries(SETTINGS) as Array<[keyof Config, SettingSpec<z.ZodType>]>) {
    if (key in overrides) {
      out[key] = overrides[key];
      continue;
    }
    const raw = env[spec.env];
    const parsed = spec.schema.safeParse(raw === '' ? undefined : raw);
    if (parsed.success) out[key] = parsed.data;
    else problems.push(`${spec.env}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration: ${problems.join(' | ')}`);
  out.dataDir = path.resolve(out.dataDir as string);
  return out as Config;
}
