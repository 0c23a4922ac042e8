// Destinations named in a post (countries, cities, SEZs, compounds, transit points) from the gazetteer.
import type { Destination } from '../contracts/features.js';
import { tokenSpan, type Doc } from './document.js';
import { PLACES, type LexiconHits, type Place } from './lexicon.js';

export interface DestinationMention extends Destination {
  place: Place;
  /** All mentions of the place. */
  spans: Destination['span'][];
}

// Mentions are merged by place id without a Map per post: per place (by the index of the first place with its
// id), the call that last saw it and where its mention sits in that call's output. Extraction is synchronous, so
// the arrays are shared by all calls.
const FIRST_WITH_ID = PLACES.map((p) => PLACES.findIndex((q) => q.id === p.id));
const SEEN_IN_CALL = new Int32Array(PLACES.length);
const SEEN_AT = new Int32Array(PLACES.length);
let call = 0;

export function extractDestinations(doc: Doc, hits: LexiconHits): DestinationMention[] {
  if (hits.dest.length === 0) return [];
  if (++call === 0x7fffffff) {
    SEEN_IN_CALL.fill(0);
    call = 1;
  }
  // In order of first mention.
  const out: DestinationMention[] = [];
  for (const h of hits.dest) {
    const place = PLACES[h.payload.index];
    if (place === undefined) continue;
    const span = tokenSpan(doc, h.t0, h.t1);
    const key = FIRST_WITH_ID[h.payload.index] as number;
    if (SEEN_IN_CALL[key] === call) {
      const known = out[SEEN_AT[key] as number] as DestinationMention;
      if (known.spans.length < 20) known.spans.push(span);
      continue;
    }
    SEEN_IN_CALL[key] = call;
    SEEN_AT[key] = out.length;
    out.push({ id: place.id, name: place.name, country: place.country, kind: place.kind, span, place, spans: [span] });
  }
  return out;
}
