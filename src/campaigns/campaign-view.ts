// A campaign's summary and entity graph built from its stored members (posts.campaign_id), for the console
// page and the Polri packet. Same shapes as CampaignIndex.summary/graph, without needing the in-memory index.
import type { CampaignContact, CampaignSummary } from './campaign-index.js';
import { contactKey } from './contact-key.js';
import { EntityGraphBuilder, type EntityGraph } from './entity-graph.js';
import { isSharedContact } from './shared-contacts.js';

export interface CampaignMember {
  postId: number;
  platform: string;
  source?: string | null;
  author?: string | null;
  postedAt?: string | null;
  reach?: number | null;
  contacts: ReadonlyArray<CampaignContact>;
}

/** The contacts of a post that link it to its campaign: one per number/handle, shared ones (official sites) left out. */
export function linkingContacts(contacts: ReadonlyArray<CampaignContact>): Array<CampaignContact & { key: string }> {
  const out = new Map<string, CampaignContact & { key: string }>();
  for (const c of contacts) {
    const key = contactKey(c.kind, c.value);
    if (key === null || isSharedContact(c.kind, c.value) || out.has(key)) continue;
    out.set(key, { kind: c.kind, value: c.value, key });
  }
  return [...out.values()];
}

export function summarizeCampaign(campaignId: number, members: readonly CampaignMember[]): CampaignSummary {
  const platforms = new Map<string, number>();
  const sources = new Map<string, number>();
  const authors = new Map<string, number>();
  const contacts = new Map<string, { kind: string; value: string; posts: number }>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let reach = 0;
  for (const m of members) {
    bump(platforms, m.platform);
    if (m.source) bump(sources, m.source);
    if (m.author) bump(authors, m.author);
    const at = m.postedAt ? Date.parse(m.postedAt) : Number.NaN;
    if (!Number.isNaN(at)) {
      first = Math.min(first, at);
      last = Math.max(last, at);
    }
    reach += m.reach && m.reach > 0 ? m.reach : 0;
    for (const c of linkingContacts(m.contacts)) {
      const entry = contacts.get(c.key);
      if (entry) entry.posts++;
      else contacts.set(c.key, { kind: c.kind, value: c.value, posts: 1 });
    }
  }
  return {
    campaignId,
    posts: members.length,
    firstSeen: Number.isFinite(first) ? new Date(first).toISOString() : null,
    lastSeen: Number.isFinite(last) ? new Date(last).toISOString() : null,
    reach,
    platforms: ranked(platforms).map(([platform, posts]) => ({ platform, posts })),
    sources: ranked(sources).map(([source, posts]) => ({ source, posts })),
    authors: ranked(authors).map(([author, posts]) => ({ author, posts })),
    contacts: [...contacts.values()].sort((a, b) => b.posts - a.posts || cmp(a.value, b.value)),
  };
}

/** Posts ↔ contacts ↔ authors ↔ sources; beyond `maxPosts` only the newest posts are drawn (ids grow with time). */
export function campaignGraph(campaignId: number, members: readonly CampaignMember[], maxPosts = 120): EntityGraph {
  const all = [...members].sort((a, b) => a.postId - b.postId);
  const shown = EntityGraphBuilder.shown(all, maxPosts);
  const graph = new EntityGraphBuilder();
  for (const m of shown) {
    const date = m.postedAt && !Number.isNaN(Date.parse(m.postedAt)) ? ` ${new Date(m.postedAt).toISOString().slice(0, 10)}` : '';
    const post = graph.node(`post:${m.postId}`, 'post', `#${m.postId} ${m.platform}${date}`);
    if (m.source) graph.link(post, graph.node(`source:${m.source}`, 'source', m.source));
    if (m.author) graph.link(post, graph.node(`author:${m.author}`, 'author', m.author));
    for (const c of linkingContacts(m.contacts)) graph.link(post, graph.node(`contact:${c.key}`, 'contact', `${c.kind}: ${c.value}`));
  }
  return graph.build(campaignId, all.length - shown.length);
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Most frequent first, ties by name, so pages and packets are deterministic. */
function ranked(counts: Map<string, number>): Array<[string, number]> {
  return [...counts].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]));
}
