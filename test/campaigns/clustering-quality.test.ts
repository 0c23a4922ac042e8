// Pairwise precision and recall of campaign clustering on the labelled repost set (fixtures/reposts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CampaignIndex } from '../../src/campaigns/campaign-index.js';
import { pairwiseScores } from './pairwise.js';

interface RepostRecord {
  id: number;
  cluster: string;
  role: 'base' | 'repost' | 'distractor';
  platform: string;
  source: string;
  postedAt: string;
  text: string;
  contacts: Array<{ kind: string; value: string }>;
}

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'reposts', 'reposts.jsonl');
const records = readFileSync(FILE, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as RepostRecord);

function cluster(withContacts: boolean) {
  const index = new CampaignIndex();
  for (const r of records) {
    index.add({ id: r.id, text: r.text, platform: r.platform, source: r.source, postedAt: r.postedAt, contacts: withContacts ? r.contacts : [] });
  }
  return pairwiseScores(records.map((r) => r.cluster), records.map((r) => index.campaignOf(r.id)!));
}

describe('clustering quality on fixtures/reposts', () => {
  it('has the labelled set it claims', () => {
    expect(records.length).toBeGreaterThan(300);
    expect(new Set(records.filter((r) => r.role !== 'distractor').map((r) => r.cluster)).size).toBe(40);
  });

  it('recognises reposts from text alone (contacts withheld) with pairwise precision and recall ≥ 0.9', () => {
    const scores = cluster(false);
    console.info(`text only: precision ${scores.precision.toFixed(3)}, recall ${scores.recall.toFixed(3)} (${scores.truePairs} true pairs, ${scores.predictedPairs} predicted)`);
    expect(scores.precision).toBeGreaterThanOrEqual(0.9);
    expect(scores.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('does at least as well on recall when contacts are added to the graph', () => {
    const textOnly = cluster(false);
    const scores = cluster(true);
    console.info(`text + contacts: precision ${scores.precision.toFixed(3)}, recall ${scores.recall.toFixed(3)}`);
    expect(scores.precision).toBeGreaterThanOrEqual(0.9);
    expect(scores.recall).toBeGreaterThanOrEqual(textOnly.recall);
  });
});
