// Destinations named in a post (countries, cities, SEZs, compounds, transit points) from the gazetteer.
import type { Destination } from '../contracts/features.js';
import { tokenSpan, type Doc } from './document.js';
import { PLACES, type LexiconHits, type Place } from './lexicon.js';

export interface DestinationMention extends Destination {
  place: Place;
  /** All mentions of the place. */
  spans: Destination['span'][];
}

export function extractDestinations(doc: Doc, hits: LexiconHits): DestinationMention[] {
  if (hits.dest.length === 0) return [];
  const byId = new Map<string, DestinationMention>();
  // In order of first mention, as the map's insertion order would give.
  const out: DestinationMention[] = [];
  for (const h of hits.dest) {
    const place = PLACES[h.payload.index];
    if (place === undefined) continue;
    const span = tokenSpan(doc, h.t0, h.t1);
    const known = byId.get(place.id);
    if (known !== undefined) {
      if (known.spans.length < 20) known.spans.push(span);
      continue;
    }
    const mention: DestinationMention = { id: place.id, name: place.name, country: place.country, kind: place.kind, span, place, spans: [span] };
    byId.set(place.id, mention);
    out.push(mention);
  }
  return out;
}
