// Checks the demo posts in fixtures/demo/posts.jsonl: each line is a valid PostInput and ids are unique.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PostInput } from '../src/contracts/post.js';

const DEMO_FILE = fileURLToPath(new URL('../fixtures/demo/posts.jsonl', import.meta.url));

function readLines(): string[] {
  return readFileSync(DEMO_FILE, 'utf8').split('\n').filter((line) => line.trim().length > 0);
}

describe('demo posts fixture', () => {
  const lines = readLines();

  it('has at least 40 posts', () => {
    expect(lines.length).toBeGreaterThanOrEqual(40);
  });

  it('parses every line with the PostInput schema, without dropped fields', () => {
    for (const [index, line] of lines.entries()) {
      const result = PostInput.safeParse(JSON.parse(line));
      expect(result.success, `line ${index + 1}: ${result.error?.message ?? ''}`).toBe(true);
      if (result.success) {
        expect(result.data.notes, `line ${index + 1}`).toEqual([]);
        expect(result.data.externalId, `line ${index + 1}`).toBeDefined();
        expect(result.data.postedAt?.startsWith('2026-1'), `line ${index + 1}`).toBe(true);
      }
    }
  });

  it('has unique externalIds', () => {
    const ids = lines.map((line) => (JSON.parse(line) as { externalId: string }).externalId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('covers the five social platforms', () => {
    const platforms = new Set(lines.map((line) => (JSON.parse(line) as { platform: string }).platform));
    for (const p of ['telegram', 'facebook', 'x', 'instagram', 'tiktok']) expect(platforms.has(p)).toBe(true);
  });

  it('contains the campaign: one WhatsApp number reposted in at least three places', () => {
    const digits = lines.map((line) => (JSON.parse(line) as { text: string }).text.replace(/\D/g, ''));
    const reposts = digits.filter((d) => d.includes('081200004417') || d.includes('6281200004417'));
    expect(reposts.length).toBeGreaterThanOrEqual(3);
  });

  it('uses only fictitious phone numbers (Indonesian mobiles have 0000 as the middle block)', () => {
    const mobile = /(?:\+62[\s-]?|\b62|\b0)8\d{1,2}[\s.-]?(\d{4})[\s.-]?\d{3,4}\b/g;
    for (const line of lines) {
      const { text, externalId } = JSON.parse(line) as { text: string; externalId: string };
      for (const m of text.matchAll(mobile)) expect(m[1], `${externalId}: ${m[0]}`).toBe('0000');
    }
  });

  it('has an expected label for every post, roughly half scam, and one campaign of at least three reposts', () => {
    const expectedFile = fileURLToPath(new URL('../fixtures/demo/expected.json', import.meta.url));
    const expected = z
      .object({ posts: z.record(z.string(), z.object({ label: z.enum(['scam', 'legit']), campaign: z.string().optional() })) })
      .parse(JSON.parse(readFileSync(expectedFile, 'utf8')));
    const ids = lines.map((line) => (JSON.parse(line) as { externalId: string }).externalId);
    expect(Object.keys(expected.posts).sort()).toEqual([...ids].sort());
    const scamShare = Object.values(expected.posts).filter((p) => p.label === 'scam').length / ids.length;
    expect(scamShare).toBeGreaterThan(0.35);
    expect(scamShare).toBeLessThan(0.65);
    expect(Object.values(expected.posts).filter((p) => p.campaign !== undefined).length).toBeGreaterThanOrEqual(3);
  });
});
