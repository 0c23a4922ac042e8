// Baselines from `natural` as it comes (default tokenizer and Porter stemmer), for comparison with the
// default model: BayesClassifier and LogisticRegressionClassifier (the latter is slow on large data).
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import LogisticRegressionClassifier from 'natural/lib/natural/classifiers/logistic_regression_classifier.js';
import type { Features } from '../../src/contracts/features.js';
import type { ModelArtifact, ModelMetadata } from './artifact.js';
import type { Explanation, LoadedModel } from './loaded-model.js';

export type NaturalAlgo = 'bayes' | 'natural-lr';

interface NaturalClassifier {
  addDocument(text: string, label: string): void;
  train(): void;
  classify(text: string): string;
  getClassifications(text: string): Array<{ label: string; value: number }>;
}

export const SCAM = 'scam';
export const LEGIT = 'legit';

export function trainNatural(algo: NaturalAlgo, texts: readonly string[], labels: ArrayLike<number>): unknown {
  const classifier: NaturalClassifier = algo === 'bayes' ? new BayesClassifier() : new LogisticRegressionClassifier();
  texts.forEach((text, i) => classifier.addDocument(text, labels[i] === 1 ? SCAM : LEGIT));
  classifier.train();
  // natural's classifiers serialise themselves with JSON.stringify.
  return JSON.parse(JSON.stringify(classifier)) as unknown;
}

/** P(scam) from natural's class scores; when Bayes' products underflow to 0 the hard decision is used. */
export function naturalProbability(classifier: NaturalClassifier, text: string): number {
  const scores = classifier.getClassifications(text);
  const scam = scores.find((s) => s.label === SCAM)?.value ?? 0;
  const legit = scores.find((s) => s.label === LEGIT)?.value ?? 0;
  const total = scam + legit;
  if (total > 0 && Number.isFinite(total)) return scam / total;
  return classifier.classify(text) === SCAM ? 1 : 0;
}

export function restoreNatural(algo: NaturalAlgo, serialized: unknown): NaturalClassifier {
  if (algo === 'bayes') return BayesClassifier.restore(serialized) as unknown as NaturalClassifier;
  // natural has no restore() for LR; rebuild from its documents and retrain, as natural itself does on load.
  const source = serialized as { docs?: Array<{ text: string | string[]; label: string }> };
  const classifier = new LogisticRegressionClassifier();
  for (const doc of source.docs ?? []) classifier.addDocument(doc.text, doc.label);
  classifier.train();
  return classifier as unknown as NaturalClassifier;
}

type NaturalArtifact = Extract<ModelArtifact, { algo: 'bayes' | 'natural-lr' }>;

export class NaturalModel implements LoadedModel {
  readonly metadata: ModelMetadata;
  private readonly classifier: NaturalClassifier;

  constructor(artifact: NaturalArtifact) {
    const { model, ...metadata } = artifact;
    this.metadata = metadata;
    this.classifier = restoreNatural(artifact.algo, model.classifier);
  }
  get version(): string {
    return this.metadata.version;
  }
  get algo(): NaturalAlgo {
    return this.metadata.algo as NaturalAlgo;
  }
  get threshold(): number {
    return this.metadata.threshold;
  }
  get uncertaintyBand(): number {
    return this.metadata.uncertaintyBand;
  }
  probability(text: string, _features?: Features): number {
    return naturalProbability(this.classifier, text);
  }
  explain(text: string): Explanation {
    return { probability: this.probability(text), terms: [], features: [] };
  }
}
