// Loading models for scoring: a given file, or the default (MODEL_PATH, else the promoted model in
// DATA_DIR/models, else the model shipped in the package), found from dist/ as well as from the sources.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../src/config.js';
import { packageRoot } from '../src/package-root.js';
import { extractPreparer } from './features/extract-preparer.js';
import type { Preparer } from './features/preparer.js';
import { modelFromArtifact, ModelFormatError } from './models/from-artifact.js';
import type { LoadedModel } from './models/loaded-model.js';
import { ModelRegistry } from './registry.js';

export type { LoadedModel } from './models/loaded-model.js';

export const SHIPPED_MODEL = 'classifiers/model.json';

export { packageRoot };

export function shippedModelPath(): string {
  return path.join(packageRoot(), SHIPPED_MODEL);
}

export async function loadModel(file: string, preparer: Preparer = extractPreparer): Promise<LoadedModel> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (error) {
    throw new ModelFormatError(`cannot read model ${file}: ${(error as Error).message}`);
  }
  return modelFromArtifact(raw, preparer, file);
}

export function modelsDir(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'models');
}

/**
 * The registry the score stage uses: `current()` is MODEL_PATH when set, else the promoted model (hot-reloaded),
 * else the shipped model; `shadow()` is the registry's shadow model.
 */
export function createModelRegistry(config: Pick<Config, 'dataDir' | 'modelPath'>, preparer: Preparer = extractPreparer): ModelRegistry {
  const pinned = config.modelPath !== undefined;
  return new ModelRegistry(modelsDir(config), preparer, { pinned, fallback: () => loadModel(config.modelPath ?? shippedModelPath(), preparer) });
}

/** MODEL_PATH if set, else the promoted model in DATA_DIR/models, else the shipped classifiers/model.json. */
export async function loadDefaultModel(config: Pick<Config, 'dataDir' | 'modelPath'>, preparer: Preparer = extractPreparer): Promise<LoadedModel> {
  if (config.modelPath) return loadModel(config.modelPath, preparer);
  const registry = new ModelRegistry(modelsDir(config), preparer);
  if (await registry.promotedVersion()) return registry.current();
  return loadModel(shippedModelPath(), preparer);
}
