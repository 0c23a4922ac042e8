// Company names as written ("PT Karya Satria Abadi", "Trend Network Technology Co., Ltd"). Recorded for
// analysts and campaign grouping; never a legitimacy signal on their own, since real names are spoofed.
import type { Span } from '../contracts/common.js';

const WORD = String.raw`[A-Z][A-Za-z0-9&'-]*`;
const PREFIXED = new RegExp(String.raw`\b(?:PT|CV|P\.T\.)\.?\s+(${WORD}(?:\s+${WORD}){0,5})`, 'g');
const SUFFIXED = new RegExp(String.raw`\b(${WORD}(?:\s+${WORD}){0,4})\s+(?:Co\.?,?\s?Ltd\.?|Company Limited|Sdn\.?\s?Bhd\.?|Pte\.?\s?Ltd\.?|Limited|Inc\.?|Corp\.?)`, 'g');

// A cheap check that lets most posts skip the suffix pattern.
const HAS_SUFFIX = /\b(?:Ltd|Limited|Inc|Corp|Bhd)\b/;

// Capitalized words that follow a name in ads but are not part of it.
const STOP = new Set(['No', 'Nomor', 'SIP3MI', 'SIP2MI', 'SIUP', 'Alamat', 'Jl', 'Jln', 'Telp', 'WA', 'Hubungi', 'Gaji', 'Lowongan', 'Dibutuhkan', 'Untuk', 'Di', 'Izin', 'Membuka']);

/** The name up to (not including) its first stop word after the first, words joined by single spaces. */
function cutAtStopWord(name: string): string {
  const words = name.split(/\s+/);
  let out = words[0] as string;
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as string;
    if (STOP.has(withoutTrailingPunctuation(w))) break;
    out += ' ' + w;
  }
  return out;
}

/** The word without the dots, commas and colons that end it ("No." -> "No"). */
function withoutTrailingPunctuation(w: string): string {
  let e = w.length;
  while (e > 0) {
    const c = w.charCodeAt(e - 1);
    if (c !== 46 && c !== 44 && c !== 58) break;
    e--;
  }
  return e === w.length ? w : w.slice(0, e);
}

export function extractCompanies(text: string): Array<{ name: string; span: Span }> {
  const out: Array<{ name: string; span: Span }> = [];
  // Substring checks first: the word-boundary patterns would otherwise be tried at every position.
  // The prefix pattern starts where "PT", "CV" or "P.T" first occurs; posts without any skip it.
  const prefixAt = firstPrefix(text);
  const hasSuffix = (text.includes('Ltd') || text.includes('Limited') || text.includes('Inc') || text.includes('Corp') || text.includes('Bhd')) && HAS_SUFFIX.test(text);
  if (prefixAt === -1 && !hasSuffix) return out;
  const seen = new Set<string>();
  if (prefixAt !== -1) addNames(text, PREFIXED, prefixAt, out, seen);
  if (hasSuffix) addNames(text, SUFFIXED, 0, out, seen);
  return out;
}

/** Where "PT", "CV" or "P.T" first occurs, or -1: no PREFIXED match starts before it. */
function firstPrefix(text: string): number {
  let at = text.indexOf('PT');
  const cv = text.indexOf('CV');
  if (cv !== -1 && (at === -1 || cv < at)) at = cv;
  const pt = text.indexOf('P.T');
  if (pt !== -1 && (at === -1 || pt < at)) at = pt;
  return at;
}

/** Lists the names `re` finds from `from` on that are not listed yet, up to 20 in all. An exec loop, not
 * matchAll: matchAll copies the RegExp on every call. */
function addNames(text: string, re: RegExp, from: number, out: Array<{ name: string; span: Span }>, seen: Set<string>): void {
  re.lastIndex = from;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const name = cutAtStopWord(m[0].trim());
    if (out.length >= 20) break;
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ name, span: { start: m.index, end: m.index + name.length } });
  }
}
