// The one pino root logger. Components take a child with { stage, jobId, postId }; secrets are redacted.
import pino, { type Logger } from 'pino';

export type { Logger };

/** Paths whose values never reach a log line. */
export const REDACT_PATHS = [
  'password', '*.password', 'token', '*.token', 'authorization', '*.authorization',
  'headers.authorization', 'headers.cookie', '*.headers.authorization', '*.headers.cookie',
  'cookie', '*.cookie', 'secret', '*.secret', 'sessionSecret', '*.sessionSecret',
  'databaseUrl', '*.databaseUrl', 'redisUrl', '*.redisUrl',
];

export interface LoggerOptions {
  level?: string;
  format?: 'auto' | 'pretty' | 'json';
  /** Where lines go; stderr by default so stdout stays free for command output such as --json. */
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const pretty = options.format === 'pretty' || (options.format !== 'json' && process.stderr.isTTY === true);
  const base: pino.LoggerOptions = { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { app: 'waspada' } };
  if (options.destination) return pino(base, options.destination);
  if (pretty) {
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { destination: 2, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app' } },
    });
  }
  return pino(base, pino.destination(2));
}
