// Pure review pieces: highlighting segments, safe links, CSV neutralisation, redaction, the audit
// chain, the state machine table and routing-rule priorities.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditHash, canonicalJson, checkChain, GENESIS_HASH, type StoredAuditEntry } from '../../src/review/audit-chain.js';
import { TRANSITIONS } from '../../src/review/case-machine.js';
import { neutralizeCell, toCsv } from '../../src/review/export/csv.js';
import { segment, spansOf } from '../../src/review/highlight.js';
import { REDACTED, redactText } from '../../src/review/redact.js';
import { safeHref } from '../../src/review/safe-url.js';
import { featuresFor } from './helpers/seed.js';

describe('segment', () => {
  it('splits at span borders and keeps every character once', () => {
    expect(segment('gaji 15jt di Kamboja', [{ start: 5, end: 9, kind: 'pay' }, { start: 13, end: 20, kind: 'destination' }])).toEqual([
      { text: 'gaji ', kind: null },
      { text: '15jt', kind: 'pay' },
      { text: ' di ', kind: null },
      { text: 'Kamboja', kind: 'destination' },
    ]);
  });

  it('concatenates back to the text for any spans, even out of range or overlapping', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.record({ start: fc.integer({ min: -5, max: 60 }), end: fc.integer({ min: -5, max: 80 }), kind: fc.constantFrom('pay', 'contact', 'flag') as fc.Arbitrary<'pay' | 'contact' | 'flag'> })), (text, spans) => {
        const parts = segment(text, spans);
        expect(parts.map((p) => p.text).join('')).toBe(text);
        expect(parts.every((p) => p.text.length > 0)).toBe(true);
      }),
    );
  });

  it('highlights stored features whose reasons or flags were stored without spans (the contract default)', () => {
    const features = featuresFor('Lowongan CS ke Kamboja, gaji $1500, WA +6281200004417');
    const stored = JSON.parse(JSON.stringify({ ...features, reasons: [{ code: 'DEST_NOT_PLACEMENT', label: { id: 'x', en: 'y' } }], flags: [{ code: 'FREE_TRAVEL' }] }));
    const spans = spansOf(stored);
    expect(spans.some((s) => s.kind === 'contact')).toBe(true);
    expect(spans.some((s) => s.kind === 'reason' || s.kind === 'flag')).toBe(false);
  });

  it('prefers the more specific kind where spans overlap', () => {
    expect(segment('abcd', [{ start: 0, end: 4, kind: 'job' }, { start: 1, end: 2, kind: 'contact' }]).map((s) => s.kind)).toEqual(['job', 'contact', 'job']);
  });
});

describe('safeHref', () => {
  it.each(['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '//evil.example', '/relative', 'https://user:pw@evil.example/', 'java\tscript:alert(1)'])('neutralises %s', (url) => {
    expect(safeHref(url)).toBeNull();
  });
  it('keeps http and https', () => {
    expect(safeHref('https://t.me/loker_kamboja')).toBe('https://t.me/loker_kamboja');
    expect(safeHref('http://example.com/a?b=1')).toBe('http://example.com/a?b=1');
  });
});

describe('CSV', () => {
  it.each(['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])('neutralises a cell starting like %j', (value) => {
    expect(neutralizeCell(value).startsWith("'")).toBe(true);
  });
  it('quotes and escapes cells, CRLF rows', () => {
    const csv = toCsv(['a', 'b'], [{ a: 'say "hi"', b: '=cmd|x' }]);
    expect(csv).toBe('\uFEFF"a","b"\r\n"say ""hi""","\'=cmd|x"\r\n');
  });
});

describe('redactText', () => {
  it('masks job seekers\u2019 numbers and e-mails but keeps the recruiter contact', () => {
    const text = 'Loker Kamboja WA +6281234567890. Saya minat, hubungi saya 0812-9999-8888 atau ani@mail.com @ani_cari_kerja';
    const out = redactText(text, featuresFor(text));
    expect(out).toContain('+6281234567890');
    expect(out).not.toContain('0812-9999-8888');
    expect(out).not.toContain('ani@mail.com');
    expect(out).not.toContain('@ani_cari_kerja');
    expect(out.split(REDACTED).length - 1).toBe(3);
  });
});

describe('audit chain', () => {
  const entries = (n: number): StoredAuditEntry[] => {
    let prev = GENESIS_HASH;
    return Array.from({ length: n }, (_, i) => {
      const e = { at: `2026-11-22T00:00:0${i}.000Z`, actor: 'ani', action: 'login', subject: null, data: { i } };
      const hash = auditHash(prev, e);
      const stored = { ...e, id: i + 1, prevHash: prev, hash };
      prev = hash;
      return stored;
    });
  };
  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }));
  });
  it('verifies an intact chain and names the first edited, removed or reordered entry', () => {
    const ok = entries(5);
    expect(checkChain(ok)).toMatchObject({ ok: true, checked: 5 });
    const edited = ok.map((e) => ({ ...e }));
    edited[2]!.actor = 'mallory';
    expect(checkChain(edited)).toMatchObject({ ok: false, brokenId: 3 });
    expect(checkChain([ok[0]!, ok[2]!, ok[3]!])).toMatchObject({ ok: false, brokenId: 3 });
    expect(checkChain([ok[1]!, ok[0]!])).toMatchObject({ ok: false, brokenId: 2 });
  });
});

describe('case state machine', () => {
  it('only refers decided cases and never decides a decided one', () => {
    expect(TRANSITIONS.refer.from).toEqual(['decided']);
    expect(TRANSITIONS.decide.from).not.toContain('decided');
    expect(TRANSITIONS.claim.from).not.toContain('decided');
  });
});
