// Review repositories on both engines: claim leases, the state machine, events, the audit chain,
// sessions and tokens, related posts and the retention purge.
import { describe, expect, it } from 'vitest';
import { extractFeatures } from '../../src/extract/index.js';
import { REASON_CATALOG } from '../../src/extract/reason-catalog.js';
import { testDatabases } from '../helpers/databases.js';
import { useStore } from '../helpers/use-store.js';
import { seedCases } from './helpers/seed.js';

const databases = await testDatabases();

describe.each(databases)('review store on $name', (database) => {
  const ctx = useStore(database);

  it('a claim is a lease: a second analyst is refused until it expires, then takes it', async () => {
    const { caseIds } = await seedCases(ctx.store, 1);
    const id = caseIds[0]!;
    expect((await ctx.store.caseActions.claim(id, 'ani', 30)).ok).toBe(true);
    const other = await ctx.store.caseActions.claim(id, 'budi', 30);
    expect(other).toMatchObject({ ok: false, reason: 'conflict' });
    expect((await ctx.store.caseActions.decide(id, 'budi', 'scam', '', '')).ok).toBe(false);
    expect((await ctx.store.caseActions.claim(id, 'ani', 30)).ok).toBe(true); // renewal by the holder
    await ctx.store.db.query(`UPDATE cases SET claim_expires_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    const taken = await ctx.store.caseActions.claim(id, 'budi', 30);
    expect(taken.ok && taken.case.claimedBy).toBe('budi');
  });

  it('abandoned claims return to the queue with an event', async () => {
    const { caseIds } = await seedCases(ctx.store, 1);
    const id = caseIds[0]!;
    await ctx.store.caseActions.claim(id, 'ani', 30);
    await ctx.store.db.query(`UPDATE cases SET claim_expires_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    expect(await ctx.store.caseActions.releaseExpired()).toBeGreaterThanOrEqual(1);
    expect((await ctx.store.cases.get(id))?.status).toBe('open');
    expect((await ctx.store.caseActions.events(id)).map((e) => e.action)).toEqual(['created', 'claim', 'claim_expired']);
  });

  it('walks open → claimed → decided → referred → closed, keeping who and when', async () => {
    const { caseIds } = await seedCases(ctx.store, 1, 'polri');
    const id = caseIds[0]!;
    expect((await ctx.store.caseActions.refer(id, 'ani')).ok).toBe(false); // not decided yet
    await ctx.store.caseActions.claim(id, 'ani', 30);
    const decided = await ctx.store.caseActions.decide(id, 'ani', 'scam', 'perekrut Kamboja', 'catatan');
    expect(decided.ok && decided.case).toMatchObject({ status: 'decided', decision: 'scam', claimedBy: null });
    expect((await ctx.store.caseActions.decide(id, 'budi', 'not_scam', '', '')).ok).toBe(false); // never decided twice
    expect((await ctx.store.caseActions.refer(id, 'ani')).ok).toBe(true);
    expect((await ctx.store.caseActions.setOutcome(id, 'ani', 'under_investigation'))).toMatchObject({ ok: true, case: { status: 'referred', outcome: 'under_investigation' } });
    expect((await ctx.store.caseActions.setOutcome(id, 'ani', 'taken_down'))).toMatchObject({ ok: true, case: { status: 'closed', outcome: 'taken_down' } });
    const events = await ctx.store.caseActions.events(id);
    expect(events.map((e) => [e.action, e.fromStatus, e.toStatus, e.actor])).toEqual([
      ['created', null, 'open', 'system'],
      ['claim', 'open', 'claimed', 'ani'],
      ['decide', 'claimed', 'decided', 'ani'],
      ['refer', 'decided', 'referred', 'ani'],
      ['outcome', 'referred', 'referred', 'ani'],
      ['outcome', 'referred', 'closed', 'ani'],
    ]);
    expect(events.every((e) => e.at.length > 0)).toBe(true);
    expect((await ctx.store.caseActions.decisions(id)).map((d) => [d.label, d.decidedBy, d.reason])).toEqual([['scam', 'ani', 'perekrut Kamboja']]);
  });

  it('a not-scam decision cannot be referred; a supervisor review changes the label and flags the case', async () => {
    const { caseIds } = await seedCases(ctx.store, 1);
    const id = caseIds[0]!;
    await ctx.store.caseActions.decide(id, 'ani', 'not_scam', '', '');
    expect((await ctx.store.caseActions.refer(id, 'ani')).ok).toBe(false);
    const reviewed = await ctx.store.caseActions.review(id, 'sari', 'scam', 'override', '');
    expect(reviewed.ok && reviewed.case).toMatchObject({ decision: 'scam', flags: ['reviewed'] });
    expect((await ctx.store.caseActions.refer(id, 'sari')).ok).toBe(true);
  });

  it('re-routes to the other queue once, never onto an existing case', async () => {
    const { caseIds, postIds } = await seedCases(ctx.store, 2);
    expect((await ctx.store.caseActions.reroute(caseIds[0]!, 'sari', 'polri', 'kontak perekrut'))).toMatchObject({ ok: true, case: { queue: 'polri', status: 'open' } });
    await ctx.store.cases.create([{ postId: postIds[1]!, queue: 'polri', priority: 1, reasons: [], flags: [] }]);
    expect((await ctx.store.caseActions.reroute(caseIds[1]!, 'sari', 'polri', ''))).toMatchObject({ ok: false, reason: 'conflict' });
    expect(await ctx.store.caseActions.claim(999_999, 'x', 30)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('two analysts over 500 cases: every case decided exactly once', async () => {
    const { caseIds } = await seedCases(ctx.store, 500, 'komdigi', (i) => `Concurrency ${i} loker Kamboja`);
    const won: Record<string, number[]> = { ani: [], budi: [] };
    const work = async (who: 'ani' | 'budi') => {
      const order = who === 'ani' ? caseIds : [...caseIds].reverse();
      for (const id of order) {
        const claim = await ctx.store.caseActions.claim(id, who, 30);
        if (!claim.ok) continue;
        const decided = await ctx.store.caseActions.decide(id, who, 'scam', '', '');
        if (decided.ok) won[who]!.push(id);
      }
    };
    await Promise.all([work('ani'), work('budi')]);
    const all = [...won.ani!, ...won.budi!];
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(500);
    const rows = await ctx.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM decisions WHERE case_id = ANY($1::int[]) GROUP BY case_id HAVING count(*) > 1', [caseIds]);
    expect(rows).toEqual([]);
  });

  it('the case list as JSON text from the database is the same document as the listed cases', async () => {
    const { caseIds } = await seedCases(ctx.store, 4, 'polri');
    await ctx.store.caseActions.claim(caseIds[0]!, 'ani', 30); // a claim expiry timestamp and a claimant in the page
    for (const filter of [{ queue: 'polri' as const, limit: 50 }, { queue: 'polri' as const, status: 'claimed' as const }, { status: 'open' as const, limit: 3, offset: 1 }, { queue: 'komdigi' as const, status: 'referred' as const }]) {
      const expected = JSON.parse(JSON.stringify({ items: await ctx.store.cases.list(filter) }));
      expect(JSON.parse(await ctx.store.cases.listJson(filter))).toEqual(expected);
    }
    expect(JSON.parse(await ctx.store.cases.listJson({ queue: 'polri', status: 'claimed' })).items.map((c: { id: number }) => c.id)).toContain(caseIds[0]);
  });

  it('the case page in one statement equals the bundle, events and decisions read apart', async () => {
    const { caseIds } = await seedCases(ctx.store, 1, 'polri');
    const id = caseIds[0]!;
    await ctx.store.caseActions.claim(id, 'ani', 30);
    await ctx.store.caseActions.decide(id, 'ani', 'scam', 'perekrut', 'catatan <b>');
    await ctx.store.caseActions.review(id, 'sri', 'unsure', 'cek ulang', '');
    const page = await ctx.store.review.casePage(id);
    const { events, decisions, ...bundle } = page!;
    expect(bundle).toEqual(await ctx.store.review.bundle(id));
    expect(events).toEqual(await ctx.store.caseActions.events(id));
    expect(decisions).toEqual(await ctx.store.caseActions.decisions(id));
    expect(decisions.length).toBeGreaterThanOrEqual(1);
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['created', 'claim', 'decide']));
    expect(await ctx.store.review.casePage(999_999)).toBeNull();
  });

  it('the case page renders labels of reasons stored without them (compact rows) from the catalog', async () => {
    const { caseIds, postIds } = await seedCases(ctx.store, 1);
    const code = Object.keys(REASON_CATALOG)[0]!;
    await ctx.store.db.query(`UPDATE scores SET reasons = $2::jsonb WHERE post_id = $1`, [postIds[0], JSON.stringify([{ code, weight: 0.5 }])]);
    await ctx.store.db.query(`UPDATE features SET data = jsonb_set(data, '{reasons}', $2::jsonb) WHERE post_id = $1`, [postIds[0], JSON.stringify([{ code }])]);
    const page = await ctx.store.review.casePage(caseIds[0]!);
    expect(page!.score!.reasons).toEqual([{ code, label: REASON_CATALOG[code]!.label, spans: [], weight: 0.5 }]);
    expect(page!.features!.reasons).toEqual([{ code, label: REASON_CATALOG[code]!.label, spans: [] }]);
    expect((await ctx.store.review.bundle(caseIds[0]!))!.score!.reasons[0]!.label).toEqual(REASON_CATALOG[code]!.label);
  });

  it('filters the queue by platform, destination and score, by priority', async () => {
    await seedCases(ctx.store, 5, 'polri', (i) => `Filter ${i} lowongan Kamboja`, 'facebook');
    const rows = await ctx.store.review.queue({ queue: 'polri', status: 'open', platform: 'facebook', destination: 'kh', minScore: 0.5, limit: 50, offset: 0 });
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.every((r) => r.platform === 'facebook' && r.countries.includes('KH'))).toBe(true);
    expect(rows.map((r) => r.priority)).toEqual([...rows.map((r) => r.priority)].sort((a, b) => b - a));
    expect(await ctx.store.review.queue({ queue: 'polri', status: 'open', platform: 'facebook', destination: 'MM', limit: 50, offset: 0 })).toEqual([]);
  });

  it('finds related posts by shared contact and identical text', async () => {
    const { caseIds } = await seedCases(ctx.store, 3, 'komdigi', (i) => (i < 2 ? `Related sama persis WA +6289999999999 ${i === 0 ? 'a' : 'b'}` : 'Related teks kembar'));
    await seedCases(ctx.store, 1, 'polri', () => 'Related teks kembar');
    const first = await ctx.store.review.bundle(caseIds[0]!);
    const related = await ctx.store.review.related(first!.post, first!.features);
    expect(related.some((r) => r.why.includes('contact:+6289999999999'))).toBe(true);
    const third = await ctx.store.review.bundle(caseIds[2]!);
    const twins = await ctx.store.review.related(third!.post, third!.features);
    expect(twins.some((r) => r.why.includes('same_text') && r.caseIds.length === 1)).toBe(true);
  });

  it('chains the audit log and names the first tampered entry', async () => {
    for (let i = 0; i < 5; i++) await ctx.store.audit.append({ actor: 'ani', action: 'case.decide', subject: `case:${i}`, data: { label: 'scam', i, nested: { b: 1, a: [1, 'x'] } } });
    expect(await ctx.store.audit.verify(2)).toMatchObject({ ok: true, checked: 5 });
    const [third] = await ctx.store.db.query<{ id: number }>('SELECT id FROM audit_log ORDER BY id OFFSET 2 LIMIT 1');
    await ctx.store.db.query(`UPDATE audit_log SET data = jsonb_set(data, '{label}', '"not_scam"') WHERE id = $1`, [third!.id]);
    expect(await ctx.store.audit.verify(2)).toMatchObject({ ok: false, brokenId: third!.id });
  });

  it('detects a deleted audit entry', async () => {
    const [last] = await ctx.store.db.query<{ id: number }>('SELECT max(id) AS id FROM audit_log');
    await ctx.store.db.query('UPDATE audit_log SET data = data WHERE false');
    await ctx.store.audit.append({ actor: 'a', action: 'x' });
    await ctx.store.audit.append({ actor: 'a', action: 'y' });
    const rows = await ctx.store.db.query<{ id: number }>('SELECT id FROM audit_log WHERE id > $1 ORDER BY id', [last!.id]);
    await ctx.store.db.query('DELETE FROM audit_log WHERE id = $1', [rows[0]!.id]);
    const check = await ctx.store.audit.verify();
    expect(check.ok).toBe(false);
  });

  it('sessions expire and tokens resolve only for enabled users', async () => {
    const user = await ctx.store.users.create('tester', 'analyst', 'hash');
    expect(await ctx.store.users.create('tester', 'admin', 'hash')).toBeNull();
    await ctx.store.sessions.create('live', user!.id, 'csrf', new Date(Date.now() + 60_000));
    await ctx.store.sessions.create('dead', user!.id, 'csrf', new Date(Date.now() - 60_000));
    expect(await ctx.store.sessions.find('live')).toMatchObject({ username: 'tester', role: 'analyst', csrf: 'csrf' });
    expect(await ctx.store.sessions.find('dead')).toBeNull();
    await ctx.store.tokens.create(user!.id, 'tokhash', 'ci');
    expect(await ctx.store.tokens.findUser('tokhash')).toMatchObject({ username: 'tester' });
    await ctx.store.users.setDisabled('tester', true);
    expect(await ctx.store.tokens.findUser('tokhash')).toBeNull();
    expect(await ctx.store.sessions.find('live')).toBeNull();
  });

  it('retention purges old posts that never became cases, and keeps case posts', async () => {
    const { postIds } = await seedCases(ctx.store, 1);
    const loose = await ctx.store.posts.insert([{ platform: 'x', text: 'post lama tanpa kasus', media: [], reach: {}, notes: [], collectedAt: '2020-01-01T00:00:00Z' }]);
    await ctx.store.db.query(`UPDATE posts SET collected_at = '2020-01-01' WHERE id = $1`, [postIds[0]]);
    const looseId = loose.inserted[0]!;
    // Rows derived from the loose post (no foreign key since migration 007: the purge deletes them itself).
    await ctx.store.stages.saveFeatures([{ postId: looseId, features: extractFeatures('post lama tanpa kasus'), signature: { version: 'sig-test', bytes: new Uint8Array(256) } }], [looseId]);
    await ctx.store.stages.saveScores([{ postId: looseId, modelVersion: 'm1', probability: 0.1, threshold: 0.5, verdict: 'clear', uncertain: false, reasons: [] }], [looseId]);
    await ctx.store.scores.saveShadow([{ postId: looseId, modelVersion: 'm2', probability: 0.9, verdict: 'suspect', disagrees: true }]);
    await ctx.store.posts.markRefused(looseId, 'route-posts', 'value out of range');
    // An orphan as a stage racing the purge could leave: a feature row whose post is already gone.
    await ctx.store.db.query(`INSERT INTO features (post_id, version, data) VALUES (1999999999, 'features/1', '{}')`);
    await ctx.store.db.query(`INSERT INTO post_refusals (post_id, job, error) VALUES (1999999999, 'extract-posts', 'orphan')`);
    const derived = async (id: number) =>
      Number((await ctx.store.db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM features WHERE post_id = $1) + (SELECT count(*) FROM scores WHERE post_id = $1)
              + (SELECT count(*) FROM shadow_scores WHERE post_id = $1) + (SELECT count(*) FROM post_signatures WHERE post_id = $1)
              + (SELECT count(*) FROM post_refusals WHERE post_id = $1) AS n`,
        [id],
      ))[0]!.n);
    expect(await derived(looseId)).toBe(5);
    const keptBefore = await derived(postIds[0]!);
    const purged = await ctx.store.review.purgePostsWithoutCases(new Date('2021-01-01'));
    expect(purged).toBe(1);
    expect(await ctx.store.posts.getOne(looseId)).toBeNull();
    expect(await derived(looseId)).toBe(0);
    expect(await derived(1999999999)).toBe(0);
    expect(await ctx.store.posts.getOne(postIds[0]!)).not.toBeNull();
    expect(await derived(postIds[0]!)).toBe(keptBefore);
  });
});
