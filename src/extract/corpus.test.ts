// Extraction quality on the project's labelled corpus (fixtures/corpus, written for this project): lures must
// show their destination and recruiting intent, warnings must read as warnings, ordinary jobs must not show hubs.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractFeatures } from './index.js';

interface Row { text: string; category: string; label: string }

const file = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'corpus', 'corpus.jsonl');
const rows: Row[] = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Row);

function share(category: string, test: (codes: Set<string>, f: ReturnType<typeof extractFeatures>) => boolean): number {
  const picked = rows.filter((r) => r.category === category);
  expect(picked.length, `no rows of ${category}`).toBeGreaterThan(10);
  let hits = 0;
  for (const r of picked) {
    const f = extractFeatures(r.text);
    if (test(new Set(f.reasons.map((x) => x.code)), f)) hits++;
  }
  return hits / picked.length;
}

describe('extraction on the labelled corpus', () => {
  it('is present', () => expect(existsSync(file)).toBe(true));

  it('plain lures name a scam hub and read as recruiting', () => {
    expect(share('lure_plain', (c) => c.has('DEST_SCAM_HUB'))).toBeGreaterThan(0.95);
    expect(share('lure_plain', (_c, f) => f.intent.label === 'recruiting')).toBeGreaterThan(0.95);
  });

  it('decoy lures show a decoy, vague or not-placement destination', () => {
    expect(share('lure_decoy', (c) => c.has('DEST_DECOY') || c.has('VAGUE_DESTINATION') || c.has('DEST_NOT_PLACEMENT'))).toBeGreaterThan(0.85);
  });

  it('obfuscated lures are still read: a destination is found and most show the obfuscation', () => {
    expect(share('lure_obfuscated', (_c, f) => f.destinations.some((d) => d.country !== 'ID'))).toBeGreaterThan(0.85);
    expect(share('lure_obfuscated', (c) => c.has('TEXT_OBFUSCATED'))).toBeGreaterThan(0.6);
  });

  it('gambling ads are recognised', () => {
    expect(share('judol_open', (c) => c.has('JOB_GAMBLING'))).toBeGreaterThan(0.8);
  });

  it('news and warnings mostly read as warning or news, not recruiting', () => {
    expect(share('news_warning', (_c, f) => f.intent.label === 'warning' || f.intent.label === 'news')).toBeGreaterThan(0.8);
  });

  it('legal placement posts carry legitimacy markers, most of them verifiable', () => {
    expect(share('legal_placement', (_c, f) => f.legitimacy.length > 0)).toBeGreaterThan(0.9);
    expect(share('legal_placement', (_c, f) => f.legitimacy.some((l) => l.verifiable))).toBeGreaterThan(0.6);
  });

  it('posts that share the vocabulary but offer no job (trips, ticket sales) are mostly not read as recruiting', () => {
    expect(share('other_post', (_c, f) => f.intent.label === 'recruiting')).toBeLessThan(0.5);
  });

  it('ordinary domestic and professional jobs rarely name a scam hub or get PAY_UNREALISTIC', () => {
    expect(share('domestic_job', (c) => c.has('DEST_SCAM_HUB'))).toBeLessThan(0.03);
    expect(share('professional_job', (c) => c.has('DEST_SCAM_HUB') || c.has('PAY_UNREALISTIC'))).toBeLessThan(0.1);
  });
});
