// Adapts the model registry (promoted model hot-reloaded, shadow model) to what the score stage needs.
import { createModelRegistry, type LoadedModel } from '../../classifiers/load.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { PostScorer } from '../score/handle-score.js';
import { scoreText } from '../score/score-text.js';
import type { ScorerSource } from './services.js';

export function asScorer(model: LoadedModel): PostScorer {
  return {
    version: model.version,
    score: (text, features, normalized) => {
      const { modelVersion: _ignored, ...result } = scoreText(model, text, features, normalized ?? undefined);
      return result;
    },
  };
}

export async function createScorerSource(config: Pick<Config, 'dataDir' | 'modelPath'>, log?: Logger): Promise<ScorerSource> {
  const registry = createModelRegistry(config);
  const scorers = new WeakMap<LoadedModel, PostScorer>();
  const wrap = (model: LoadedModel): PostScorer => {
    let scorer = scorers.get(model);
    if (!scorer) {
      scorer = asScorer(model);
      scorers.set(model, scorer);
      log?.info({ model: model.version }, 'scoring model loaded');
    }
    return scorer;
  };
  // Load once at start-up so a missing or broken model fails the process now, not the first job.
  await registry.current();
  return {
    current: async () => wrap(await registry.current()),
    shadow: async () => {
      const model = await registry.shadow();
      return model ? wrap(model) : null;
    },
  };
}
