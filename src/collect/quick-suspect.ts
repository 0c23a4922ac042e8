// A cheap, deliberately broad test run at collection time: is this post worth preserving evidence for now,
// before the scorer has seen it? Lures get deleted fast; the scorer decides later whether it matters.
import terms from './suspect-terms.json' with { type: 'json' };
import type { PostInput } from '../contracts/post.js';

const DESTINATIONS = terms.destinations.map((t) => t.toLowerCase());
const LURES = terms.lures.map((t) => t.toLowerCase());

/** True when the text names a destination and a lure, or two lures. */
export function isQuickSuspect(post: Pick<PostInput, 'text'>): boolean {
  const text = post.text.toLowerCase();
  const destinations = DESTINATIONS.filter((t) => text.includes(t)).length;
  const lures = LURES.filter((t) => text.includes(t)).length;
  return (destinations > 0 && lures > 0) || lures >= 2;
}
