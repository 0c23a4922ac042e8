// `waspada export campaign <id>` through the real CLI on an embedded database: the packet ZIP, redacted by
// default; an unknown campaign and a queue export without --queue fail with a message.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { openPgliteDb } from '../../src/store/pglite-db.js';
import { Store } from '../../src/store/store.js';
import { seedCampaign } from './helpers/seed-campaign.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'waspada-campaign-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function waspada(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent', REDIS_URL: 'redis://127.0.0.1:1' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end();
  });
}

const SLOW = 400_000;

describe('waspada export campaign', () => {
  it('refuses an unknown campaign, then writes the packet of a seeded one', async () => {
    const out = path.join(dataDir, 'campaign.zip');
    const missing = await waspada(['export', 'campaign', '424242', '--out', out]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('campaign 424242 not found');

    const db = await openPgliteDb(path.join(dataDir, 'pglite'));
    const seeded = await seedCampaign(new Store(db));
    await db.close();

    const result = await waspada(['export', 'campaign', String(seeded.campaignId), '--out', out]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`campaign ${seeded.campaignId}: 4 post(s), 5 case(s)`);
    const files = unzipSync(new Uint8Array(readFileSync(out)));
    const campaign = JSON.parse(strFromU8(files['campaign.json']!));
    expect(campaign.posts.map((p: { postId: number }) => p.postId)).toEqual(seeded.postIds);
    expect(JSON.stringify(campaign)).not.toContain('0813-5555-7777');
    expect(JSON.parse(strFromU8(files['manifest.json']!)).redacted).toBe(true);
  }, SLOW);

  it('still requires --queue for a queue export', async () => {
    const result = await waspada(['export', '--out', path.join(dataDir, 'q.zip')]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('--queue');
  }, SLOW);
});
