// `waspada crawl` as a subprocess: a mirror on any host with --adapter, one JSON post per line, clear errors.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostInput } from '../../src/contracts/post.js';
import { realPage } from './helpers/real-pages.js';
import { serveApp, type Served } from './helpers/serve.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('./helpers/crawl-cli.ts', import.meta.url));
const env = { ...process.env, DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'waspada-cli-')), LOG_LEVEL: 'warn', LOG_FORMAT: 'json' };

async function crawl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', CLI, 'crawl', ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

let web: Served;
beforeAll(async () => {
  const app = new Hono();
  // The real saved t.me/s/topwar_official page, served by a "mirror" on a loopback port.
  app.get('/s/topwar_official', (c) => c.html(realPage('telegram/full.html')));
  web = await serveApp(app);
});
afterAll(async () => {
  await web.close();
});

describe('waspada crawl', () => {
  it('crawls a Telegram mirror on any host with --adapter telegram, one JSON post per line', async () => {
    const { code, stdout, stderr } = await crawl([`${web.url}/s/topwar_official`, '--adapter', 'telegram', '--json', '--limit', '50', '--interval-ms', '0']);
    expect(code, stderr).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(12);
    expect(lines.map((l) => l.externalId)).toEqual([
      'topwar_official/71008', 'topwar_official/71007', 'topwar_official/71006', 'topwar_official/71000', 'topwar_official/70999', 'topwar_official/70998',
      'topwar_official/70997', 'topwar_official/70996', 'topwar_official/70995', 'topwar_official/70992', 'topwar_official/70990', 'topwar_official/70989',
    ]);
    expect(lines[0]?.url).toBe(`${web.url}/topwar_official/71008`);
    for (const line of lines) expect(PostInput.safeParse(line).success).toBe(true);
    expect(stderr).toMatch(/12 posts from 2 pages; health ok/);
  });

  it('honours --limit', async () => {
    const { code, stdout } = await crawl([`${web.url}/s/topwar_official`, '--adapter', 'telegram', '--json', '--limit', '2', '--interval-ms', '0']);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(2);
  });

  it('asks for --adapter when the host does not tell, and rejects bad input in one line', async () => {
    const unknown = await crawl([`${web.url}/s/topwar_official`]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe(`waspada: cannot tell the platform from ${new URL(web.url).host}; pass --adapter (telegram, facebook, x, instagram, site, feed)`);
    const notUrl = await crawl(['t.me/s/x', '--adapter', 'telegram']);
    expect(notUrl.stderr).toMatch(/not a URL/);
    const badLimit = await crawl([`${web.url}/s/x`, '--adapter', 'telegram', '--limit', '0']);
    expect(badLimit.stderr).toMatch(/--limit must be a positive whole number/);
  });

  it('exits non-zero with the health when the source is unhealthy', async () => {
    const { code, stderr } = await crawl([`${web.url}/s/missing_channel`, '--adapter', 'telegram', '--interval-ms', '0']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/source unhealthy \(error\): HTTP 404/);
  });
});
