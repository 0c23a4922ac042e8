// Hand-written in-memory stand-ins for the store side of the collect handler (sources, runs, ingested posts).
import type { PostInput } from '../../../src/contracts/post.js';
import type { Source, SourceInput } from '../../../src/contracts/source.js';
import type { CollectDeps, CollectRun, CollectRuntime, EvidenceRecord } from '../../../src/collect/ports.js';
import { testLog } from './runtime.js';

export interface MemoryDeps extends CollectDeps {
  sources: Map<number, Source>;
  runs: Array<{ id: number; run: CollectRun }>;
  posts: PostInput[];
  evidence: Array<{ post: PostInput; records: EvidenceRecord[] }>;
}

export function memoryDeps(runtime: CollectRuntime, inputs: SourceInput[]): MemoryDeps {
  const sources = new Map<number, Source>();
  inputs.forEach((input, i) => {
    sources.set(i + 1, { ...input, id: i + 1, cursor: null, health: 'never_run', lastRunAt: null, lastItems: 0, lastError: null });
  });
  const deps: MemoryDeps = {
    sources,
    runs: [],
    posts: [],
    evidence: [],
    runtime,
    log: testLog,
    async getSource(id) {
      return sources.get(id) ?? null;
    },
    async saveRun(id, run) {
      deps.runs.push({ id, run });
      const s = sources.get(id);
      if (s) sources.set(id, { ...s, cursor: run.cursor, health: run.health, lastRunAt: run.at, lastItems: run.items, lastError: run.error });
    },
    async ingest(posts, evidence) {
      let accepted = 0;
      let duplicates = 0;
      posts.forEach((post, index) => {
        // Same rule as the store: platform + external id makes a post the same post.
        if (deps.posts.some((p) => p.platform === post.platform && p.externalId === post.externalId)) duplicates++;
        else {
          accepted++;
          deps.posts.push(post);
          const records = evidence.get(index);
          if (records) deps.evidence.push({ post, records });
        }
      });
      return { accepted, duplicates };
    },
  };
  return deps;
}
