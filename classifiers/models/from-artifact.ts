// Builds the LoadedModel for an artifact of any algorithm.
import type { Preparer } from '../features/preparer.js';
import { ModelArtifact } from './artifact.js';
import type { LoadedModel } from './loaded-model.js';
import { NaturalModel } from './natural-baselines.js';
import { WaspadaModel } from './waspada-model.js';

export class ModelFormatError extends Error {
  override name = 'ModelFormatError';
}

/**
 * Validates `raw` (parsed JSON) and instantiates it. A model trained on another extractor version still loads:
 * it reads its feature slots by name, and a slot the extractor no longer emits contributes nothing.
 */
export function modelFromArtifact(raw: unknown, preparer: Preparer, source = 'model'): LoadedModel {
  const parsed = ModelArtifact.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ModelFormatError(`${source}: not a Waspada model (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})`);
  }
  const artifact = parsed.data;
  if (artifact.algo === 'waspada') {
    return new WaspadaModel(artifact, preparer);
  }
  return new NaturalModel(artifact);
}
