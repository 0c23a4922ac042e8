// Binds each stage handler's small interfaces to the real services (store, queues, models).
import type { ExtractDeps } from '../extract/handle-extract.js';
import type { IngestDeps } from '../ingest/ingest-records.js';
import { Jobs } from '../contracts/jobs.js';
import type { RouteDeps } from '../route/handle-route.js';
import type { ScoreDeps } from '../score/handle-score.js';
import type { Services } from './services.js';

export function ingestDeps(s: Pick<Services, 'store' | 'producer' | 'config'>): IngestDeps {
  return {
    insert: (posts) => s.store.posts.insert(posts),
    saveRejects: (rejects) => s.store.rejects.save(rejects),
    next: async (ids) => {
      await s.producer.enqueuePostBatches(Jobs.ExtractPosts, ids, s.config.batchSize);
    },
  };
}

export function extractDeps(s: Services): ExtractDeps {
  return {
    getPosts: (ids) => s.store.posts.get(ids),
    existingFeatures: (ids) => s.store.features.get(ids),
    saveFeatures: (rows) => s.store.features.save(rows),
    markExtracted: (ids) => s.store.posts.advanceStage(ids, 'extracted'),
    extract: (text) => s.extract(text),
    next: async (ids) => {
      await s.producer.enqueue(Jobs.ScorePosts, { postIds: ids });
    },
  };
}

export function scoreDeps(s: Services): ScoreDeps {
  return {
    getPosts: (ids) => s.store.posts.get(ids),
    getFeatures: (ids) => s.store.features.get(ids),
    existingScores: (ids) => s.store.scores.get(ids),
    saveScores: (scores) => s.store.scores.save(scores),
    saveShadow: (rows) => s.store.scores.saveShadow(rows),
    markScored: (ids) => s.store.posts.advanceStage(ids, 'scored'),
    model: () => s.scorers.current(),
    shadowModel: () => s.scorers.shadow(),
    next: async (ids) => {
      await s.producer.enqueue(Jobs.RoutePosts, { postIds: ids });
    },
  };
}

export function routeDeps(s: Services): RouteDeps {
  return {
    getPosts: (ids) => s.store.posts.get(ids),
    getFeatures: (ids) => s.store.features.get(ids),
    getScores: (ids) => s.store.scores.get(ids),
    createCases: (cases) => s.store.cases.create(cases),
    markRouted: (ids) => s.store.posts.advanceStage(ids, 'routed'),
  };
}
