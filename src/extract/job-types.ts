// Job types a post offers: online office work (CS, admin, crypto, game operator...), gambling, informal
// placement jobs and professional jobs.
import type { Features } from '../contracts/features.js';
import { tokenSpan, tokenText, type Doc } from './document.js';
import { JOB_TYPES, type JobGroup, type LexiconHits } from './lexicon.js';

export type JobMention = Features['jobTypes'][number] & { group: JobGroup };

export function extractJobTypes(doc: Doc, hits: LexiconHits): JobMention[] {
  const out: JobMention[] = [];
  for (const h of hits.job) {
    const job = JOB_TYPES[h.payload.index];
    if (job === undefined || out.length >= 50) continue;
    out.push({ category: job.category, group: job.group, term: tokenText(doc, h.t0, h.t1), span: tokenSpan(doc, h.t0, h.t1) });
  }
  return out;
}
