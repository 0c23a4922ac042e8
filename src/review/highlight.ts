// Turns the extractor's spans into plain text segments, each marked with the kind of feature it
// covers, so views can wrap them in <mark> while escaping every slice of the hostile text.
import type { Features } from '../contracts/features.js';

export type MarkKind = 'pay' | 'destination' | 'contact' | 'job' | 'flag' | 'legit' | 'reason';

export interface Segment {
  text: string;
  kind: MarkKind | null;
}

export interface MarkSpan {
  start: number;
  end: number;
  kind: MarkKind;
}

// When spans overlap, the more specific kind wins.
const RANK: Record<MarkKind, number> = { contact: 6, pay: 5, destination: 4, legit: 3, flag: 2, job: 1, reason: 0 };

export function spansOf(features: Features | null): MarkSpan[] {
  if (!features) return [];
  return [
    ...features.pay.offers.map((o) => ({ ...o.span, kind: 'pay' as const })),
    ...features.destinations.map((d) => ({ ...d.span, kind: 'destination' as const })),
    ...features.contacts.map((c) => ({ ...c.span, kind: 'contact' as const })),
    ...features.jobTypes.map((j) => ({ ...j.span, kind: 'job' as const })),
    // Stored features are not re-parsed, so a reason or flag stored without spans (the contract's
    // default is []) arrives without the field.
    ...features.flags.flatMap((f) => (f.spans ?? []).map((s) => ({ ...s, kind: 'flag' as const }))),
    ...features.legitimacy.map((l) => ({ ...l.span, kind: 'legit' as const })),
    ...features.reasons.flatMap((r) => (r.spans ?? []).map((s) => ({ ...s, kind: 'reason' as const }))),
  ];
}

/** Splits `text` at span borders; spans outside the text or empty are ignored. */
export function segment(text: string, spans: MarkSpan[]): Segment[] {
  const n = text.length;
  const marks: Array<MarkKind | null> = new Array(n).fill(null);
  for (const span of spans) {
    const start = Math.max(0, Math.min(n, span.start));
    const end = Math.max(start, Math.min(n, span.end));
    for (let i = start; i < end; i++) {
      const current = marks[i];
      if (current === null || current === undefined || RANK[span.kind] > RANK[current]) marks[i] = span.kind;
    }
  }
  const out: Segment[] = [];
  let from = 0;
  for (let i = 1; i <= n; i++) {
    if (i === n || marks[i] !== marks[from]) {
      out.push({ text: text.slice(from, i), kind: marks[from] ?? null });
      from = i;
    }
  }
  return out;
}
