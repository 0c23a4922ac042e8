// Seeds posts, features, scores and cases for review tests through the real repositories.
import { PostInput } from '../../../src/contracts/post.js';
import type { Features } from '../../../src/contracts/features.js';
import type { ReviewQueue } from '../../../src/contracts/common.js';
import type { Store } from '../../../src/store/store.js';

export function featuresFor(text: string, extra: Partial<Features> = {}): Features {
  const wa = text.indexOf('+62');
  const kh = text.indexOf('Kamboja');
  return {
    version: 'features/1',
    language: 'id',
    pay: { offers: [], maxIdrMonthly: null, ratioToIdMinimum: null, ratioToDestinationMinimum: null, ratioToTypicalForTitle: null },
    destinations: kh >= 0 ? [{ id: 'kh', name: 'Kamboja', country: 'KH', kind: 'scam_hub', span: { start: kh, end: kh + 7 } }] : [],
    jobTypes: [],
    qualifications: [],
    flags: [],
    legitimacy: [],
    intent: { label: 'recruiting', confidence: 0.9 },
    contacts: wa >= 0 ? [{ kind: 'whatsapp', value: text.slice(wa, wa + 14), span: { start: wa, end: wa + 14 } }] : [],
    reasons: [],
    ...extra,
  };
}

export interface Seeded {
  postIds: number[];
  caseIds: number[];
}

/** `n` suspect posts with one case each in `queue`; text may be customised per index. */
export async function seedCases(store: Store, n: number, queue: ReviewQueue = 'komdigi', text: (i: number) => string = (i) => `Loker admin Kamboja gaji 15jt WA +6281234567${String(i % 1000).padStart(3, '0')} nomor ${i}`, platform = 'telegram'): Promise<Seeded> {
  const inputs = Array.from({ length: n }, (_, i) => PostInput.parse({ platform, externalId: `seed/${queue}/${Date.now()}/${i}/${Math.random()}`, text: text(i), url: `https://t.me/loker/${i}`, reach: { views: i }, author: { name: `Rekruter ${i}` } }));
  const { idsByInput } = await store.posts.insert(inputs);
  await store.features.save(idsByInput.map((postId, i) => ({ postId, features: featuresFor(inputs[i]!.text) })));
  await store.scores.save(idsByInput.map((postId, i) => ({ postId, modelVersion: 'm1', probability: 0.5 + (i % 50) / 100, threshold: 0.5, verdict: 'suspect', uncertain: false, reasons: [{ code: 'DEST', label: { id: 'Tujuan berisiko', en: 'Risky destination' }, spans: [] }] })));
  const caseIds = await store.cases.create(idsByInput.map((postId, i) => ({ postId, queue, priority: 50 + (i % 50), reasons: [], flags: [] })));
  return { postIds: idsByInput, caseIds };
}
