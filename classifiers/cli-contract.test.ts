// Contract tests of `waspada train|eval|models|dataset` run as a child process, as researchers run them.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toyDocs } from './test-support/toy-data.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function waspada(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', ...env }, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const lastJson = (out: string): Record<string, unknown> => JSON.parse(out.trim().split('\n').at(-1) as string) as Record<string, unknown>;
const SMALL = ['--epochs', '2', '--bits', '14'];

describe('CLI contract: train, eval, models, dataset', () => {
  let dir: string;
  let data: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'waspada-cli-'));
    data = path.join(dir, 'train.jsonl');
    const docs = toyDocs(60).map((d) => ({ id: d.id, text: d.text, label: d.label === 1 ? 'scam' : 'legit' }));
    // A hostile text checks that the HTML report escapes what it shows.
    docs.push({ id: 'x1', text: '<script>alert(1)</script> kasir toko di Bandung gaji 4 juta', label: 'scam' });
    await writeFile(data, docs.map((d) => JSON.stringify(d)).join('\n'));
    env = { DATA_DIR: path.join(dir, 'data') };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('train writes a model and prints a JSON summary; eval prints the metrics line and reports leakage', async () => {
    const out = path.join(dir, 'm.json');
    const train = await waspada(['train', '--data', data, '--out', out, '--seed', '3', ...SMALL, '--json'], env);
    expect(train.stderr).toBe('');
    expect(train.code).toBe(0);
    const summary = lastJson(train.stdout);
    expect(summary).toMatchObject({ algo: 'waspada', n: 61, out });
    expect(existsSync(out)).toBe(true);

    const ev = await waspada(['eval', '--model', out, '--data', data, '--json'], env);
    expect(ev.code).toBe(0);
    const m = lastJson(ev.stdout);
    for (const key of ['n', 'precision', 'recall', 'f1', 'pr_auc', 'roc_auc', 'threshold', 'confusion']) expect(m).toHaveProperty(key);
    expect(m.n).toBe(61);
    expect(m.threshold).toBe(summary.threshold);
    // Every row was in training: the leakage check must say so.
    expect(m.leakage).toEqual({ exact: 61, near: 0 });
  }, 400_000);

  it('eval --cv compares algorithms on the same folds and writes an escaped HTML report', async () => {
    const report = path.join(dir, 'report');
    const ev = await waspada(['eval', '--cv', '3', '--data', data, '--compare-algo', 'bayes', '--report', report, '--seed', '5', ...SMALL, '--json'], env);
    expect(ev.code).toBe(0);
    const m = lastJson(ev.stdout);
    expect(m.n).toBe(61);
    expect(m.compare).toHaveLength(1);
    expect((m.compare as Array<Record<string, unknown>>)[0]?.model).toBe('bayes');
    const html = readFileSync(path.join(report, 'index.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Precision–recall');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    // Same seed, same folds: the same figures again.
    const again = await waspada(['eval', '--cv', '3', '--data', data, '--seed', '5', ...SMALL, '--json'], env);
    expect(lastJson(again.stdout).f1).toBe(m.f1);
  }, 400_000);

  it('models add/promote/list/shadow/rollback work on DATA_DIR/models and fail clearly', async () => {
    const out = path.join(dir, 'm2.json');
    await waspada(['train', '--data', data, '--out', out, ...SMALL, '--json'], env);
    const added = lastJson((await waspada(['models', 'add', out, '--json'], env)).stdout);
    const version = added.added as string;
    expect((await waspada(['models', 'promote', version, '--json'], env)).code).toBe(0);
    const list = JSON.parse((await waspada(['models', 'list', '--json'], env)).stdout) as Array<{ version: string; promoted: boolean }>;
    expect(list.find((e) => e.version === version)?.promoted).toBe(true);
    const rollback = await waspada(['models', 'rollback'], env);
    expect(rollback.code).toBe(1);
    expect(rollback.stderr).toMatch(/nothing to roll back/);
    const unknown = await waspada(['models', 'promote', 'nope'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no model 'nope'/);
  }, 400_000);

  it('a malformed dataset fails with the row named; dataset check summarises a good one', async () => {
    const bad = path.join(dir, 'bad.csv');
    await writeFile(bad, 'text,label\nlowongan kerja,scam\nkasir toko,perhaps\n');
    const run = await waspada(['train', '--data', bad, '--out', path.join(dir, 'never.json')], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/row 2: unknown label 'perhaps'/);
    expect(existsSync(path.join(dir, 'never.json'))).toBe(false);
    const check = lastJson((await waspada(['dataset', 'check', '--data', data, '--json'], env)).stdout);
    expect(check).toMatchObject({ rows: 61, scam: 31, legit: 30 });
  }, 400_000);

  it('every command documents its options in --help', async () => {
    const train = await waspada(['train', '--help'], env);
    expect(train.stdout).toMatch(/--data <file>/);
    expect(train.stdout).toMatch(/--algo <algo>/);
    expect(train.stdout).toMatch(/--target-precision/);
    const ev = await waspada(['eval', '--help'], env);
    expect(ev.stdout).toMatch(/--cv <k>/);
    expect(ev.stdout).toMatch(/--report <dir>/);
    expect((await waspada(['models', '--help'], env)).stdout).toMatch(/promote/);
    expect((await waspada(['dataset', '--help'], env)).stdout).toMatch(/export/);
  }, 400_000);
});
