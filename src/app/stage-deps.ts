// Binds each stage handler's small interfaces to the real services (store, queues, models).
import { SIGNATURE_VERSION, encodeSignature, signatureOfNormalized } from '../campaigns/signature.js';
import type { CollectDeps } from '../collect/ports.js';
import type { ExtractDeps } from '../extract/handle-extract.js';
import type { EvidenceLink } from '../store/evidence.js';
import type { IngestDeps } from '../ingest/ingest-records.js';
import { Jobs } from '../contracts/jobs.js';
import type { RouteDeps } from '../route/handle-route.js';
import { handleRoute } from '../route/handle-route.js';
import { handleScore, type ScoreDeps } from '../score/handle-score.js';
import { insertIsolating } from '../ingest/insert-isolating.js';
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

/** Which later stages this process also runs, and who records their work done inside the current job. */
export interface InlineStages {
  scoreHere?: boolean;
  routeHere?: boolean;
  onStep?: (stage: 'score' | 'route', durationMs: number, outcome: 'completed' | 'failed') => void;
}

/** Runs one inline stage step and reports it as that stage's run. */
async function step(stage: 'score' | 'route', options: InlineStages, run: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  let outcome: 'completed' | 'failed' = 'failed';
  try {
    await run();
    outcome = 'completed';
  } finally {
    options.onStep?.(stage, performance.now() - started, outcome);
  }
}

/**
 * Which later stages this job runs inline: those run by this process whose queue an operator has not paused
 * (the queue dashboard's pause must hold for them too; the batch then waits in the paused queue as a job).
 * Asked once per job, when first needed.
 */
async function inlinePlan(s: Services, options: InlineStages): Promise<{ score: boolean; route: boolean }> {
  const runs = async (stage: 'score' | 'route', here: boolean | undefined) => here === true && !(await s.producer.queue(stage).isPaused());
  const score = await runs('score', options.scoreHere);
  return { score, route: score && (await runs('route', options.routeHere)) };
}

/**
 * `scoreHere`: this process also runs the score stage, so the batch is scored right after extraction,
 * with the text, features and normalized text in hand: no score job, no read of them back. `routeHere`
 * (with `scoreHere`): it routes the batch next in the same way, and the posts go from 'collected' to
 * 'routed' in one row rewrite. Stages stay separately scalable: a process without the next stage enqueues
 * its job as before, and so does one whose next stage's queue is paused. A crash in between leaves what was
 * stored and the extract job retried (or the post requeued by the reconciler); it then finds nothing to
 * extract and goes on from what the database holds.
 */
export function extractDeps(s: Services, options: InlineStages = {}): ExtractDeps {
  let planned: Promise<{ score: boolean; route: boolean }> | undefined;
  const plan = () => (planned ??= inlinePlan(s, options));
  return {
    pending: async (ids) => {
      const { score, route } = await plan();
      return s.store.stages.toExtract(ids, { withPosts: score && route });
    },
    save: async (rows, ids) =>
      s.store.stages.saveFeatures(
        rows.map((r) => ({ postId: r.postId, features: r.features, signature: r.signature ? { version: SIGNATURE_VERSION, bytes: r.signature } : null })),
        ids,
        { advance: !(await plan()).score },
      ),
    extract: (text) => {
      // The campaign signature is cut from the same normalized text: routing then reads 256 stored bytes per
      // post instead of the text, and nothing normalizes the post a second or third time.
      const { features, normalized } = s.extractDetailed(text);
      const signature = normalized ? encodeSignature(signatureOfNormalized(normalized.text)) : null;
      return { features, normalized, signature };
    },
    next: async (ids, extracted) => {
      const { score, route } = await plan();
      if (score) await step('score', options, () => handleScore({ postIds: ids, posts: extracted }, scoreDeps(s, { ...options, routeHere: route })));
      else await s.producer.enqueue(Jobs.ScorePosts, { postIds: ids });
    },
  };
}

/** `routeHere`: this process also runs the route stage; the batch is routed right after scoring (see extractDeps). */
export function scoreDeps(s: Services, options: InlineStages = {}): ScoreDeps {
  return {
    pending: (ids) => s.store.stages.toScore(ids),
    // Routed next in this job: the stage moves once, in markRouted.
    save: (scores, ids) => s.store.stages.saveScores(scores, ids, { advance: !options.routeHere }),
    saveShadow: (rows) => s.store.scores.saveShadow(rows),
    model: () => s.scorers.current(),
    shadowModel: () => s.scorers.shadow(),
    next: async (ids, scored) => {
      if (!options.routeHere) {
        await s.producer.enqueue(Jobs.RoutePosts, { postIds: ids });
        return;
      }
      const held = scored.filter((p) => p.post !== undefined);
      const inHand = {
        posts: held.map((p) => p.post!),
        features: new Map(held.map((p) => [p.id, p.features])),
        scores: new Map(held.map((p) => [p.id, p.score])),
      };
      await step('route', options, () => handleRoute({ postIds: ids, inHand }, routeDeps(s)));
    },
  };
}

export function routeDeps(s: Services): RouteDeps {
  return {
    load: (ids) => s.store.stages.toRoute(ids),
    getPosts: (ids) => s.store.posts.get(ids),
    getFeatures: (ids) => s.store.features.get(ids),
    getScores: (ids) => s.store.scores.get(ids),
    assessRepeat: (posts, features) => s.campaigns.assessForRouting(posts, features),
    createCases: (cases) => s.store.cases.create(cases),
    markRouted: (ids, campaigns) => s.store.stages.markRouted(ids, campaigns),
  };
}

export function collectDeps(s: Services): CollectDeps {
  return {
    getSource: (id) => s.store.sources.get(id),
    saveRun: (id, run) => s.store.sources.saveRun(id, run),
    async ingest(posts, evidence) {
      const { result, refused } = await insertIsolating((batch) => s.store.posts.insert(batch), posts);
      for (const r of refused) {
        const post = posts[r.index]!;
        s.log.warn({ stage: 'collect', source: post.source, externalId: post.externalId, url: post.url, reason: r.error }, 'collected post refused by the database');
      }
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
