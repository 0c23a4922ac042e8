// Campaign packet for Polri: headline wording, post order, redaction and escaping of the printable page.
import { describe, expect, it } from 'vitest';
import type { CampaignSummary } from './campaign-index.js';
import { buildCampaignPacket, campaignHeadline } from './campaign-packet.js';

const summary: CampaignSummary = {
  campaignId: 3,
  posts: 54,
  firstSeen: '2026-08-04T00:00:00.000Z',
  lastSeen: '2026-11-01T00:00:00.000Z',
  reach: 12000,
  platforms: [{ platform: 'facebook', posts: 50 }, { platform: 'telegram', posts: 4 }],
  sources: Array.from({ length: 9 }, (_, i) => ({ source: `grup ${i}`, posts: 6 })),
  authors: [],
  contacts: [{ kind: 'whatsapp', value: '+6281200001111', posts: 54 }],
};

describe('campaignHeadline', () => {
  it('names the main contact, the number of posts and groups, and the first month', () => {
    expect(campaignHeadline(summary).en).toBe('whatsapp contact +6281200001111 is behind 54 of this campaign\'s 54 posts in 9 groups/channels (facebook, telegram) since August 2026.');
    expect(campaignHeadline({ ...summary, contacts: [], firstSeen: null }).id).toBe('Kampanye ini terdiri dari 54 unggahan serupa di 9 grup/kanal (facebook, telegram).');
  });
});

describe('buildCampaignPacket', () => {
  const packet = buildCampaignPacket({
    summary,
    posts: [
      { postId: 9, platform: 'facebook', postedAt: '2026-09-01T00:00:00Z', text: 'Gaji 15 juta <script>alert(1)</script> hubungi Siti 0812', decision: 'scam', takedown: 'removed' },
      { postId: 4, platform: 'telegram', postedAt: '2026-08-04T00:00:00Z', url: 'https://t.me/x/1?a=1&b=2', text: 'Loker' },
    ],
    graphSvg: '<svg xmlns="http://www.w3.org/2000/svg"><title>g</title></svg>',
    generatedAt: '2026-11-22T12:00:00Z',
    generatedBy: 'analis-1',
    redactText: (t) => t.replace(/Siti/g, '[nama]'),
  });

  it('lists posts in time order with redacted texts in the record', () => {
    expect(packet.record.posts.map((p) => p.postId)).toEqual([4, 9]);
    expect(packet.record.posts[1]!.text).toContain('[nama]');
    expect(packet.record.campaignId).toBe(3);
  });

  it('renders a standalone page without scripts and with every value escaped', () => {
    expect(packet.html).not.toContain('<script>');
    expect(packet.html).toContain('&lt;script&gt;');
    expect(packet.html).toContain('https://t.me/x/1?a=1&amp;b=2');
    expect(packet.html).toContain("default-src 'none'");
    expect(packet.html).toContain('<svg xmlns="http://www.w3.org/2000/svg"><title>g</title></svg>');
    expect(packet.html).not.toContain('Siti');
  });
});
