// Secrets come from the environment only and never reach a log line: the config with its secrets,
// request headers with tokens and cookies, and nested objects are all redacted by the root logger.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, log: createLogger({ level: 'info', format: 'json', destination: destination as never }) };
}

describe('secrets in logs', () => {
  const SECRET = 'sekret-session-0123456789';
  const DB_PASSWORD = 'db-pass-9876';
  const TOKEN = 'wsp_tokenvalue123456';
  const env = { SESSION_SECRET: SECRET, DATABASE_URL: `postgres://waspada:${DB_PASSWORD}@127.0.0.1:5432/w`, REDIS_URL: 'redis://:redispw42@127.0.0.1:6379' };

  it('reads secrets from the environment given, not from anywhere else', () => {
    const config = loadConfig(env);
    expect(config.sessionSecret).toBe(SECRET);
    expect(loadConfig({}).sessionSecret).toBeUndefined();
  });

  it('redacts the config, auth headers, cookies, passwords and tokens, at the top level and nested', () => {
    const { lines, log } = capture();
    const config = loadConfig(env);
    log.info({ config }, 'starting');
    log.info(config, 'flat config');
    log.info({ req: { headers: { authorization: `Bearer ${TOKEN}`, cookie: `waspada_session=${TOKEN}` } } }, 'request');
    log.info({ headers: { authorization: `Bearer ${TOKEN}` } }, 'headers');
    log.info({ user: { password: 'hunter2-long' }, token: TOKEN, secret: SECRET }, 'login');
    log.child({ stage: 'collect' }).warn({ session: { cookie: TOKEN } }, 'child');
    const out = lines.join('');
    expect(lines.length).toBe(6);
    for (const leaked of [SECRET, DB_PASSWORD, TOKEN, 'hunter2-long', 'redispw42']) expect(out).not.toContain(leaked);
    expect(out).toContain('[redacted]');
    // Ordinary fields still get through.
    expect(out).toContain('"stage":"collect"');
    expect(out).toContain('"msg":"starting"');
  });
});
