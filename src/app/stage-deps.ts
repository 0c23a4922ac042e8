// Binds each stage handler's small interfaces to the real services (store, queues, models).
import { SIGNATURE_VERSION, encodeSignature, signatureOfNormalized } from '../campaigns/signature.js';
import type { CollectDeps } from '../collect/ports.js';
import type { ExtractDeps } from '../extract/handle-extract.js';
import type { EvidenceLink } from '../store/evidence.js';
import type { IngestDeps } from '../ingest/ingest-records.js';
import { Jobs } from '../contracts/jobs.js';
import type { RouteDeps } from '../route/handle-route.js';
import { handleScore, type ScoreDeps } from '../score/handle-score.js';
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

/**
 * `scoreHere`: this process also runs the score stage, so the batch is scored right after extraction,
 * with the text and features in hand: no score job, no read of them back, and the posts move from
 * 'collected' to 'scored' in one rewrite. Stages stay separately scalable: a process without the score
 * stage enqueues the score job as before. A crash in between leaves features stored and the extract job
 * retried (or the post requeued by the reconciler); it then finds nothing to extract and scores from the database.
 */
export function extractDeps(s: Services, options: { scoreHere?: boolean; onScoreStep?: (durationMs: number, outcome: 'completed' | 'failed') => void } = {}): ExtractDeps {
  return {
    pending: (ids) => s.store.stages.toExtract(ids),
    save: (rows, ids) =>
      s.store.stages.saveFeatures(
        rows.map((r) => ({ postId: r.postId, features: r.features, signature: r.signature ? { version: SIGNATURE_VERSION, bytes: r.signature } : null })),
        ids,
        { advance: !options.scoreHere },
      ),
    extract: (text) => {
      // The campaign signature is cut from the same normalized text: routing then reads 256 stored bytes per
      // post instead of the text, and nothing normalizes the post a second or third time.
      const { features, normalized } = s.extractDetailed(text);
      const signature = normalized ? encodeSignature(signatureOfNormalized(normalized.text)) : null;
      return { features, normalized, signature };
    },
    next: async (ids, extracted) => {
      if (options.scoreHere) {
        const started = performance.now();
        let outcome: 'completed' | 'failed' = 'failed';
        try {
          await handleScore({ postIds: ids, posts: extracted }, scoreDeps(s));
          outcome = 'completed';
        } finally {
          options.onScoreStep?.(performance.now() - started, outcome);
        }
      } else await s.producer.enqueue(Jobs.ScorePosts, { postIds: ids });
    },
  };
}

export function scoreDeps(s: Services): ScoreDeps {
  return {
    pending: (ids) => s.store.stages.toScore(ids),
    save: (scores, ids) => s.store.stages.saveScores(scores, ids),
    saveShadow: (rows) => s.store.scores.saveShadow(rows),
    model: () => s.scorers.current(),
    shadowModel: () => s.scorers.shadow(),
    next: async (ids) => {
      await s.producer.enqueue(Jobs.RoutePosts, { postIds: ids });
    },
  };
}

export function routeDeps(s: Services): RouteDeps {
  return {
    load: (ids) => s.store.stages.toRoute(ids),
    getPosts: (ids) => s.store.posts.get(ids),
    getFeatures: (ids) => s.store.features.get(ids),
    getScores: (ids) => s.store.scores.get(ids),
    assessRepeat: (posts, features) => s.campaigns.assess(posts, features),
    createCases: (cases) => s.store.cases.create(cases),
    markRouted: (ids) => s.store.posts.advanceStage(ids, 'routed'),
  };
}

export function collectDeps(s: Services): CollectDeps {
  return {
    getSource: (id) => s.store.sources.get(id),
    saveRun: (id, run) => s.store.sources.saveRun(id, run),
    async ingest(posts, evidence) {
      const result = await s.store.posts.insert(posts);
      const links: EvidenceLink[] = [];
      for (const [index, records] of evidence) {
        const postId = result.idsByInput[index];
        if (!postId) continue;
        for (const r of records) links.push({ postId, kind: r.kind, key: r.key, sha256: r.sha256, bytes: r.bytes, capturedAt: r.capturedAt, url: r.url, crawlerVersion: r.crawlerVersion });
      }
      await s.store.evidence.link(links);
      if (result.inserted.length > 0) await s.producer.enqueuePostBatches(Jobs.ExtractPosts, result.inserted, s.config.batchSize);
      return { accepted: result.inserted.length, duplicates: result.duplicates };
    },
    runtime: s.collectRuntime(),
    log: s.log.child({ stage: 'collect' }),
  };
}
