// Decides what one re-check of a referred post's URL saw: still up, removed, or nothing conclusive
// (error). Pure: the caller fetches (src/collect's HTTP fetcher) and passes the page or the failure.
// Per-platform rules live in data/takedown-markers.json.
import markers from './data/takedown-markers.json' with { type: 'json' };

export type TakedownVerdict = 'up' | 'removed' | 'error';

export interface TakedownCheckResult {
  status: TakedownVerdict;
  httpStatus: number | null;
  detail: string;
}

/** What the fetch produced: a page, or a failure with its HTTP status when the server answered. */
export type FetchOutcome =
  | { kind: 'page'; url: string; status: number; body: string; wall: string | null }
  | { kind: 'failed'; httpStatus: number | null; message: string };

const GONE = new Set([404, 410]);
const HEAD_BYTES = 200_000;
const PLATFORM_MARKERS: Record<string, readonly string[]> = markers.platforms;

export function removalMarkers(platform: string): readonly string[] {
  // The platform's own wording first: it names the page more precisely in the recorded detail.
  return [...(PLATFORM_MARKERS[platform] ?? []), ...markers.always];
}

export function classifyTakedown(platform: string, outcome: FetchOutcome): TakedownCheckResult {
  if (outcome.kind === 'failed') {
    if (outcome.httpStatus !== null && GONE.has(outcome.httpStatus)) return { status: 'removed', httpStatus: outcome.httpStatus, detail: `HTTP ${outcome.httpStatus}` };
    return { status: 'error', httpStatus: outcome.httpStatus, detail: outcome.message };
  }
  if (GONE.has(outcome.status)) return { status: 'removed', httpStatus: outcome.status, detail: `HTTP ${outcome.status}` };
  // Normalise typographic apostrophes so "isn’t" matches "isn't".
  const head = outcome.body.slice(0, HEAD_BYTES).toLowerCase().replace(/[\u2019\u2018]/g, "'");
  const marker = removalMarkers(platform).find((m) => head.includes(m.toLowerCase().replace(/[\u2019\u2018]/g, "'")));
  if (marker) return { status: 'removed', httpStatus: outcome.status, detail: `marker: ${marker}` };
  // A wall hides the post from us; it is not evidence that the post is still up.
  if (outcome.wall) return { status: 'error', httpStatus: outcome.status, detail: `wall: ${outcome.wall}` };
  return { status: 'up', httpStatus: outcome.status, detail: `HTTP ${outcome.status}` };
}
