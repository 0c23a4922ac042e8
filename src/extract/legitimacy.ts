// Legitimacy markers: they lower risk only when checkable (a licence or announcement number, an official
// domain or hotline). A company name or a claim of being "resmi" does not count.
import type { Features } from '../contracts/features.js';
import { isJsWhiteSpace } from './char-classes.js';
import { normSpan, tokenSpan, tokenText, type Doc } from './document.js';
import { isNegated, LEGIT_CODES, type LexiconHits } from './lexicon.js';

export type LegitimacyMarker = Features['legitimacy'][number];

// A registry-style number next to the marker: "SIP2MI No. KEP.123/...", "PENG. 2062/04.04/PP.02.04/V/2025".
const NUMBER_AFTER = /^[\s:.#-]{0,3}(?:no(?:mor)?\.?\s?|nomor\s|number\s)?[:.#]?\s?([a-z]{0,5}[.\-/]?\s?\d[\w./-]{3,40})/;
const OFFICIAL_DOMAIN = /\b[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,5}\.go\.id(?![.\w-])/g;
const PENG = /\bpeng\.?\s?\d{2,6}\/[\w./-]{3,40}[\w]/g;
// "peng" alone is in every "pengalaman"; an announcement number follows it directly (/\bpeng\.?\s?\d/, which
// hasPengNumber checks before PENG runs).
const ALWAYS_VERIFIABLE = new Set(['LEGIT_OFFICIAL_HOTLINE', 'LEGIT_SISKOP2MI', 'LEGIT_SIAPKERJA']);
const NEEDS_NUMBER = new Set(['LEGIT_SIP2MI', 'LEGIT_SIP3MI']);
// The two sets read by marker index, once per lexicon code rather than once per hit.
const ALWAYS_VERIFIABLE_AT = LEGIT_CODES.map((code) => ALWAYS_VERIFIABLE.has(code));
const NEEDS_NUMBER_AT = LEGIT_CODES.map((code) => NEEDS_NUMBER.has(code));

const isLabelChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 46;

const isWordChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/**
 * Whether /\bpeng\.?\s?\d/ matches, checked by hand where a substring search finds "peng": a regex call per
 * "pengalaman" cost more than the check. The pattern has one way to match, so reading it left to right is exact.
 */
function hasPengNumber(text: string): boolean {
  for (let at = text.indexOf('peng'); at !== -1; at = text.indexOf('peng', at + 1)) {
    if (at > 0 && isWordChar(text.charCodeAt(at - 1))) continue; // \b before "peng"
    let p = at + 4;
    if (text.charCodeAt(p) === 46) p++; // \.?
    if (isJsWhiteSpace(text.charCodeAt(p))) p++; // \s?
    const c = text.charCodeAt(p); // \d (NaN past the end)
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

export function extractLegitimacy(doc: Doc, hits: LexiconHits): LegitimacyMarker[] {
  const out: LegitimacyMarker[] = [];
  const text = doc.norm.text;
  for (const h of hits.legit) {
    const code = LEGIT_CODES[h.payload.index];
    if (code === undefined || out.length >= 50 || isNegated(hits, h.t0)) continue;
    const endNorm = doc.norm.tokEnds[h.t1 - 1] as number;
    const number = NEEDS_NUMBER_AT[h.payload.index] === true ? NUMBER_AFTER.exec(text.slice(endNorm, endNorm + 60))?.[1]?.replace(/[./-]+$/, '') : undefined;
    const value = number ?? tokenText(doc, h.t0, h.t1);
    const verifiable = ALWAYS_VERIFIABLE_AT[h.payload.index] === true || number !== undefined;
    const span = number === undefined ? tokenSpan(doc, h.t0, h.t1) : normSpan(doc, doc.norm.tokStarts[h.t0] as number, endNorm + text.slice(endNorm).indexOf(number) + number.length);
    out.push({ code, value, verifiable, span });
  }
  // An official domain is one run of label characters ending in ".go.id": the pattern starts at the run.
  for (let at = text.indexOf('.go.id'); at !== -1 && out.length < 60; ) {
    let p = at;
    while (p > 0 && isLabelChar(text.charCodeAt(p - 1))) p--;
    OFFICIAL_DOMAIN.lastIndex = Math.max(OFFICIAL_DOMAIN.lastIndex, p);
    const m = OFFICIAL_DOMAIN.exec(text);
    if (m === null) break;
    out.push({ code: 'LEGIT_OFFICIAL_DOMAIN', value: m[0], verifiable: true, span: normSpan(doc, m.index, m.index + m[0].length) });
    at = text.indexOf('.go.id', OFFICIAL_DOMAIN.lastIndex);
  }
  OFFICIAL_DOMAIN.lastIndex = 0;
  // An exec loop, not matchAll: matchAll copies the RegExp on every call.
  PENG.lastIndex = 0;
  if (hasPengNumber(text)) for (let m = PENG.exec(text); m !== null && out.length < 60; m = PENG.exec(text)) {
    out.push({ code: 'LEGIT_G2G', value: m[0].replace(/[./-]+$/, ''), verifiable: true, span: normSpan(doc, m.index, m.index + m[0].length) });
  }
  return out;
}
