// Analysts' decisions as training labels: the latest decision on any case of a post, scam → scam,
// not scam → legit; "unsure" gives no label. Read in pages so a large history streams.
import type { LabelSource, LabelledPost } from '../../classifiers/dataset/label-source.js';
import type { Queryable } from './db.js';

const PAGE = 1000;

export function decisionLabels(db: Queryable): LabelSource {
  return {
    async *labelledPosts(): AsyncGenerator<LabelledPost> {
      let after = 0;
      for (;;) {
        const rows = await db.query<{ id: number; text: string; label: string }>(
          `SELECT DISTINCT ON (p.id) p.id, p.text, d.label
           FROM decisions d JOIN cases c ON c.id = d.case_id JOIN posts p ON p.id = c.post_id
           WHERE p.id > $1
           ORDER BY p.id, d.decided_at DESC, d.id DESC
           LIMIT $2`,
          [after, PAGE],
        );
        for (const r of rows) {
          after = Number(r.id);
          if (r.label === 'scam' || r.label === 'not_scam') yield { id: Number(r.id), text: r.text, label: r.label === 'scam' ? 'scam' : 'legit' };
        }
        if (rows.length < PAGE) return;
      }
    },
  };
}
