// loadDefaultModel: MODEL_PATH first, then the promoted model, then the shipped file (found from the package root).
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { plainPreparer } from './features/preparer.js';
import { createModelRegistry, loadDefaultModel, loadModel, packageRoot, shippedModelPath } from './load.js';
import { DEFAULT_WASPADA_PARAMS } from './models/waspada-model.js';
import { ModelRegistry } from './registry.js';
import { toyDocs } from './test-support/toy-data.js';
import { trainModel } from './train.js';

const params = { ...DEFAULT_WASPADA_PARAMS, hashing: { ...DEFAULT_WASPADA_PARAMS.hashing, bits: 14 }, ftrl: { ...DEFAULT_WASPADA_PARAMS.ftrl, epochs: 2 } };

describe('loading models', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'waspada-load-'));
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds the shipped model under the package root', async () => {
    expect(existsSync(path.join(packageRoot(), 'package.json'))).toBe(true);
    expect(shippedModelPath()).toBe(path.join(packageRoot(), 'classifiers/model.json'));
    const shipped = await loadModel(shippedModelPath());
    expect(shipped.algo).toBe('waspada');
    const viaDefault = await loadDefaultModel({ dataDir: dir, modelPath: undefined });
    expect(viaDefault.version).toBe(shipped.version);
  });

  it('prefers the promoted model, and MODEL_PATH over both', async () => {
    const a = trainModel(toyDocs(40, 1), { algo: 'waspada', seed: 1, preparer: plainPreparer, params, now: '2026-01-01T00:00:00.000Z' });
    const b = trainModel(toyDocs(40, 2), { algo: 'waspada', seed: 2, preparer: plainPreparer, params, now: '2026-01-02T00:00:00.000Z' });
    const fa = path.join(dir, 'a.json');
    const fb = path.join(dir, 'b.json');
    await writeFile(fa, JSON.stringify(a));
    await writeFile(fb, JSON.stringify(b));
    const registry = new ModelRegistry(path.join(dir, 'models'), plainPreparer);
    await registry.promote(await registry.add(fa));
    expect((await loadDefaultModel({ dataDir: dir, modelPath: undefined }, plainPreparer)).version).toBe(a.version);
    expect((await loadDefaultModel({ dataDir: dir, modelPath: fb }, plainPreparer)).version).toBe(b.version);
    expect((await createModelRegistry({ dataDir: dir, modelPath: fb }, plainPreparer).current()).version).toBe(b.version);
    expect((await createModelRegistry({ dataDir: dir, modelPath: undefined }, plainPreparer).current()).version).toBe(a.version);
  });

  it('explains what is wrong with a file that is not a model', async () => {
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, '{"format":"something else"}');
    await expect(loadModel(bad, plainPreparer)).rejects.toThrow(/not a Waspada model/);
    await expect(loadModel(path.join(dir, 'missing.json'), plainPreparer)).rejects.toThrow(/cannot read model/);
  });
});
