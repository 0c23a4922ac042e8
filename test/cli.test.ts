// The CLI as users run it: help everywhere, the offline score contract, ingest of hostile files, and
// commands working while `waspada web` holds the embedded database.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScoreLine } from '../src/contracts/score.js';
import { buildProgramForDocs } from './helpers/program.js';
import { runCli, startCli } from './helpers/cli.js';
import { dropPrefix, testRedis, uniquePrefix } from './helpers/redis.js';

const LURE = 'DICARI ADMIN CS ke Kamboja (Sihanoukville), gaji 1500 USD, tiket & mess gratis, tanpa pengalaman, visa turis diurus. WA 0812-0000-7788';
const LEGIT = 'Lowongan staf gudang di Bekasi, lulusan SMA, gaji UMR, BPJS, kirim lamaran ke hrd@ptmajujaya.co.id';

// Each CLI run is a fresh Node process that compiles TypeScript and opens PGlite: allow minutes on a busy machine.
const CLI_TIMEOUT = 240_000;

describe('waspada CLI', { timeout: CLI_TIMEOUT }, () => {
  it('every command and subcommand answers --help', async () => {
    const program = await buildProgramForDocs();
    const paths: string[][] = [];
    for (const command of program.commands) {
      paths.push([command.name()]);
      for (const sub of command.commands) paths.push([command.name(), sub.name()]);
    }
    expect(paths.length).toBeGreaterThan(8);
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    for (const p of paths) expect(top.stdout + paths.join(' ')).toContain(p[0]);
    // One process per command is slow; help text is built without running actions, so render it in-process.
    for (const p of paths) {
      let command = program;
      for (const name of p) command = command.commands.find((c) => c.name() === name)!;
      expect(command.helpInformation(), p.join(' ')).toMatch(/Usage: /);
      expect(command.description().length, `${p.join(' ')} has a description`).toBeGreaterThan(10);
    }
  });

  it('score --json follows the contract and separates a lure from an ordinary job', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'waspada-cli-'));
    const file = path.join(dir, 'in.jsonl');
    writeFileSync(file, [JSON.stringify({ id: 'lure', text: LURE }), '{broken', JSON.stringify({ id: 7 }), JSON.stringify({ id: 'legit', text: LEGIT })].join('\n'));
    const result = await runCli(['score', '--file', file, '--json'], { DATA_DIR: dir });
    const lines = result.stdout.trim().split('\n').map((l) => ScoreLine.parse(JSON.parse(l)));
    expect(lines.map((l) => l.id)).toEqual(['lure', 'legit']);
    expect(lines[0]).toMatchObject({ verdict: 'suspect' });
    expect(lines[0]!.queues).toContain('komdigi');
    expect(lines[1]).toMatchObject({ verdict: 'clear', queues: [] });
    expect(lines[0]!.score).toBeGreaterThan(lines[1]!.score);
    expect(result.stderr).toMatch(/in\.jsonl:2: malformed JSON/);
    expect(result.stderr).toMatch(/in\.jsonl:3: missing required field "text"/);
    expect(result.code).toBe(1);

    const one = await runCli(['score', '--text', LURE, '--json'], { DATA_DIR: dir });
    expect(one.code).toBe(0);
    expect(ScoreLine.parse(JSON.parse(one.stdout)).id).toBeNull();
  });

  describe('with Redis and the embedded database', () => {
    let env: Record<string, string>;
    let redisUrl: string;
    let prefix: string;

    beforeAll(async () => {
      redisUrl = (await testRedis()).url;
      prefix = uniquePrefix('cli');
      env = { DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'waspada-cli-db-')), REDIS_URL: redisUrl, QUEUE_PREFIX: prefix };
    });
    afterAll(async () => dropPrefix(redisUrl, prefix));

    it('ingest reports each bad record by line, truncates what is too long, and loses nothing good', async () => {
      const file = path.join(env.DATA_DIR!, 'posts.jsonl');
      const huge = 'gaji besar '.repeat(500_000); // about 5 MB
      const lines = [
        JSON.stringify({ platform: 'telegram', externalId: 'ch/1', text: LURE }),
        '{"platform": "telegram", "text": ',
        JSON.stringify({ platform: 'facebook', externalId: 'g/2' }),
        JSON.stringify({ platform: 'x', externalId: 'x/3', text: huge }),
        JSON.stringify({ platform: 'x', externalId: 'x/4', text: 'Loker\u0000 admin\u0007 Kamboja', color: 'red' }),
        JSON.stringify({ platform: 'myspace', externalId: 'm/5', text: 'hi' }),
        JSON.stringify({ platform: 'telegram', externalId: 'ch/1', text: LURE }),
      ];
      const bytes = Buffer.concat([Buffer.from(lines.join('\n') + '\n'), Buffer.from([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a])]);
      writeFileSync(file, bytes);
      const result = await runCli(['ingest', file, '--json', '--source', 'import-test'], env);
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout.trim().split('\n').at(-1)!)).toEqual({ accepted: 4, duplicate: 1, rejected: 3 });
      expect(result.stderr).toMatch(/posts\.jsonl:2: malformed JSON/);
      expect(result.stderr).toMatch(/posts\.jsonl:3: text: missing required field "text"/);
      expect(result.stderr).toMatch(/posts\.jsonl:6: platform:/);

      const stats = await runCli(['stats', '--json'], env);
      expect(stats.code, stats.stderr).toBe(0);
      const parsed = JSON.parse(stats.stdout) as { posts: { collected: number }; rejected: number };
      expect(parsed.posts.collected).toBe(4);
      expect(parsed.rejected).toBe(3);
    });

    it('stats and ingest work through the socket while `waspada web` holds the embedded database', async () => {
      const web = startCli(['web', '--port', '0'], env, /waspada is running/);
      try {
        await web.started;
        const stats = await runCli(['stats', '--json'], env);
        expect(stats.code, stats.stderr).toBe(0);
        expect((JSON.parse(stats.stdout) as { database: string }).database).toBe('pglite-socket');
        const file = path.join(env.DATA_DIR!, 'more.jsonl');
        writeFileSync(file, JSON.stringify({ platform: 'telegram', externalId: 'ch/99', text: LEGIT }) + '\n');
        const ingest = await runCli(['ingest', file, '--json'], env);
        expect(ingest.code, ingest.stderr).toBe(0);
        expect(JSON.parse(ingest.stdout.trim())).toEqual({ accepted: 1, duplicate: 0, rejected: 0 });
      } finally {
        expect(await web.stop()).toBe(0);
      }
    });
  });
});
