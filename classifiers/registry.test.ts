// The registry: add, promote, rollback, shadow, and hot reload noticed through a cheap stat at most once a second.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainPreparer } from './features/preparer.js';
import { modelFromArtifact } from './models/from-artifact.js';
import { DEFAULT_WASPADA_PARAMS } from './models/waspada-model.js';
import { ModelRegistry, RegistryError } from './registry.js';
import { toyDocs } from './test-support/toy-data.js';
import { trainModel } from './train.js';

const params = { ...DEFAULT_WASPADA_PARAMS, hashing: { ...DEFAULT_WASPADA_PARAMS.hashing, bits: 14 }, ftrl: { ...DEFAULT_WASPADA_PARAMS.ftrl, epochs: 2 } };

describe('ModelRegistry', () => {
  let dir: string;
  const files: string[] = [];
  const versions: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'waspada-registry-'));
    for (const seed of [1, 2]) {
      const artifact = trainModel(toyDocs(40, seed), { algo: 'waspada', seed, preparer: plainPreparer, params, now: `2026-11-22T00:00:0${seed}.000Z` });
      const file = path.join(dir, `m${seed}.json.in`);
      await writeFile(file, JSON.stringify(artifact));
      files.push(file);
      versions.push(artifact.version);
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the fallback until something is promoted, then promotes, shadows and rolls back', async () => {
    let clock = 0;
    const fallback = modelFromArtifact(trainModel(toyDocs(40, 9), { algo: 'waspada', seed: 9, preparer: plainPreparer, params }), plainPreparer);
    const models = path.join(dir, 'models');
    const registry = new ModelRegistry(models, plainPreparer, { fallback: async () => fallback, now: () => clock });
    expect(await registry.current()).toBe(fallback);
    expect(await registry.shadow()).toBeNull();

    const [v1, v2] = versions as [string, string];
    expect(await registry.add(files[0] as string)).toBe(v1);
    expect(await registry.add(files[1] as string)).toBe(v2);
    await registry.promote(v1);
    expect((await registry.current()).version).toBe(v1);

    // Another process (the CLI) promotes v2: this registry notices only after its check interval.
    const cli = new ModelRegistry(models, plainPreparer);
    await cli.promote(v2);
    await cli.setShadow(v1);
    clock += 500;
    expect((await registry.current()).version).toBe(v1);
    clock += 600;
    expect((await registry.current()).version).toBe(v2);
    expect((await registry.shadow())?.version).toBe(v1);

    const listed = await cli.list();
    expect(listed.map((e) => [e.version, e.promoted, e.shadow])).toEqual([
      [v1, false, true],
      [v2, true, false],
    ]);

    await cli.rollback();
    clock += 1000;
    expect((await registry.current()).version).toBe(v1);
    await expect(cli.rollback()).rejects.toThrow(/nothing to roll back/);
    await cli.setShadow(null);
    clock += 1000;
    expect(await registry.shadow()).toBeNull();
  });

  it('rejects unknown versions and unsafe names', async () => {
    const registry = new ModelRegistry(path.join(dir, 'models'), plainPreparer);
    await expect(registry.promote('no-such-model')).rejects.toThrow(RegistryError);
    await expect(registry.promote('../escape')).rejects.toThrow(/invalid model version/);
  });
});
