// The campaign pages and the campaign packet through app.request(): list, detail, the link from the case
// page, access by role, escaping, and the ZIP export with hashes, redaction by role and an audit entry.
import { createHash } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignTracker } from '../../src/app/campaign-tracker.js';
import { testDatabases } from '../helpers/databases.js';
import { PostInput } from '../../src/contracts/post.js';
import { featuresFor } from '../review/helpers/seed.js';
import { buildTestApp, consoleHeaders, type TestApp } from '../review/helpers/web-app.js';
import { seedCampaign, type SeededCampaign } from './helpers/seed-campaign.js';

const databases = await testDatabases();

describe.each(databases)('on $name', (database) => {
  let t: TestApp;
  let seeded: SeededCampaign;
  let db: TestApp['store']['db'];
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const opened = await database.open();
    db = opened.db;
    drop = opened.drop;
    t = await buildTestApp(db);
    seeded = await seedCampaign(t.store);
  });
  afterAll(async () => drop?.());

  const get = (url: string, role: keyof TestApp['users'] = 'analyst') => t.app.request(url, { headers: consoleHeaders(t.users[role]) });

  describe('campaign pages', () => {
    it('the route stage stored one campaign for the four reposts, named by the oldest post', async () => {
      const rows = await db.query<{ campaign_id: number }>('SELECT DISTINCT campaign_id FROM posts WHERE id = ANY($1::int[])', [seeded.postIds]);
      expect(rows.map((r) => Number(r.campaign_id))).toEqual([seeded.campaignId]);
    });

    it('lists campaigns with size, platforms, contacts, open cases and the repeat flag; singletons are hidden', async () => {
      const res = await get('/console/campaigns');
      expect(res.status).toBe(200);
      const body = await res.text();
      const row = new RegExp(`<tr data-campaign-id="${seeded.campaignId}">([\\s\\S]*?)</tr>`).exec(body)?.[1] ?? '';
      expect(row).toContain(`href="/console/campaigns/${seeded.campaignId}"`);
      const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.trim());
      expect(cells[1]).toBe('4');
      expect(cells[4]).toBe('facebook, telegram');
      expect(cells[5]).toBe('1');
      expect(cells[6]).toBe('5');
      expect(row).toContain('data-repeat="true"');
      // A post that matches nothing is a campaign of one: listed only on request.
      const text = 'Dijual motor bekas Honda Beat tahun 2019, surat lengkap, pajak hidup, mesin halus. Hubungi 0857-1111-2222 untuk lihat unit.';
      const { idsByInput: [lonePost] } = await t.store.posts.insert([PostInput.parse({ platform: 'facebook', externalId: 'lone/1', text })]);
      await t.store.features.save([{ postId: lonePost!, features: featuresFor(text) }]);
      await new CampaignTracker(t.store).assess(await t.store.posts.get([lonePost!]), new Map());
      const pairs = await t.store.campaigns.list({ minPosts: 2, limit: 50, offset: 0 });
      expect(pairs.map((r) => r.campaignId)).toContain(seeded.campaignId);
      expect(pairs.every((r) => r.posts >= 2)).toBe(true);
      expect(pairs.map((r) => r.campaignId)).not.toContain(lonePost);
      const all = await t.store.campaigns.list({ minPosts: 1, limit: 100, offset: 0 });
      expect(all.find((r) => r.campaignId === lonePost)?.posts).toBe(1);
      // Most recent activity first: the seeded campaign's posts date from August, the lone post was collected now.
      expect(all[0]!.campaignId).toBe(lonePost);
    });

    it('shows one campaign: timeline and graph pictures, groups with reach, contacts, every post linked to its cases, hostile text escaped', async () => {
      const res = await get(`/console/campaigns/${seeded.campaignId}?lang=en`);
      expect(res.status).toBe(200);
      const body = await res.text();
      expect((body.match(/<svg/g) ?? []).length).toBe(2);
      expect(body).toContain('Network (posts, contacts, accounts, groups)');
      for (const source of ['grup-loker-a', 'grup-loker-b', 'grup-loker-c', 'grup-loker-d']) expect(body).toContain(source);
      expect(body).toContain('+6281200009911');
      for (const id of seeded.caseIds) expect(body).toContain(`href="/cases/${id}"`);
      for (const id of seeded.postIds) expect(body).toContain(`data-post-id="${id}"`);
      expect(body).toContain('Reach 10000');
      expect(body).not.toContain('<script>alert(1)');
      expect(body).toContain('&lt;script&gt;alert(1)');
      expect(body.match(/<script[^>]*>/g)).toEqual(['<script src="/static/console.js" defer>']);
    });

    it('links the case page to its campaign', async () => {
      const page = await (await get(`/cases/${seeded.caseIds[1]}`)).text();
      const href = /class="campaign-link" href="([^"]+)"/.exec(page)?.[1];
      expect(href).toBe(`/console/campaigns/post/${seeded.postIds[1]}`);
      const res = await get(href!);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/console/campaigns/${seeded.campaignId}`);
      expect(await (await get('/?queue=komdigi')).text()).toContain('href="/console/campaigns"');
    });

    it('is for reviewers only and answers 404 for an unknown campaign', async () => {
      expect((await get('/console/campaigns', 'operator')).status).toBe(403);
      expect((await get(`/console/campaigns/${seeded.campaignId}`, 'researcher')).status).toBe(403);
      expect((await t.app.request('/console/campaigns')).status).toBe(302);
      expect((await get(`/console/campaigns/${seeded.postIds[1]}`)).status).toBe(404);
    });
  });

  describe('campaign packet export', () => {
    const download = async (role: 'analyst' | 'supervisor') => {
      const res = await get(`/console/campaigns/${seeded.campaignId}/export`, role);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      expect(res.headers.get('content-disposition')).toContain(`campaign-${seeded.campaignId}`);
      return unzipSync(new Uint8Array(await res.arrayBuffer()));
    };

    it('writes the campaign record, printable page, every case as a Polri record, evidence hashes in a manifest, and audits it', async () => {
      const files = await download('supervisor');
      const campaign = JSON.parse(strFromU8(files['campaign.json']!));
      expect(campaign.kind).toBe('waspada.campaign-packet');
      expect(campaign.campaignId).toBe(seeded.campaignId);
      expect(campaign.posts.map((p: { postId: number }) => p.postId)).toEqual(seeded.postIds);
      expect(campaign.summary.contacts[0]).toMatchObject({ value: '+6281200009911', posts: 4 });
      const html = strFromU8(files['campaign.html']!);
      expect(html).toContain('<svg');
      expect(html).not.toContain('<script>');
      const records = JSON.parse(strFromU8(files['records.json']!));
      expect(records.map((r: { caseId: number }) => r.caseId).sort((a: number, b: number) => a - b)).toEqual([...seeded.caseIds].sort((a, b) => a - b));
      expect(records.every((r: { agency: string }) => r.agency === 'polri')).toBe(true);
      const manifest = JSON.parse(strFromU8(files['manifest.json']!));
      expect(manifest.campaign).toBe(seeded.campaignId);
      for (const f of manifest.files as Array<{ name: string; sha256: string }>) {
        expect(createHash('sha256').update(files[f.name]!).digest('hex'), f.name).toBe(f.sha256);
      }
      expect(manifest.files.map((f: { name: string }) => f.name)).toContain(`case-${seeded.repeatCaseId}/packet.json`);
      const audit = await t.store.audit.recent(5, 'export');
      expect(audit.some((e) => e.subject === `campaign:${seeded.campaignId}` && e.actor === 'u-supervisor')).toBe(true);
    });

    it('masks job seekers\' numbers for analysts but keeps the recruiter contact; supervisors see them', async () => {
      const analyst = strFromU8((await download('analyst'))['campaign.json']!);
      expect(analyst).not.toContain('0813-5555-7777');
      expect(analyst).toContain('[disamarkan]');
      expect(analyst).toContain('+6281200009911');
      const supervisor = strFromU8((await download('supervisor'))['campaign.json']!);
      expect(supervisor).toContain('0813-5555-7777');
    });

    it('answers 404 for a campaign with no posts', async () => {
      expect((await get('/console/campaigns/999999/export')).status).toBe(404);
    });
  });
});
