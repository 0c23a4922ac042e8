// Finds pay amounts (currency, range, period), converts them to IDR per month with the dated rate table,
// and separates offers from fees asked of the applicant.
import rates from './data/rates.json' with { type: 'json' };
import type { PayOffer } from '../contracts/features.js';
import { isJsWhiteSpace } from './char-classes.js';
import { normSpan, type Doc } from './document.js';

type Period = PayOffer['period'];

const IDR_PER: Record<string, number> = rates.idrPer;
const PERIOD_TO_MONTH: Record<Period, number> = rates.periodToMonth;
export const RATES_AS_OF = rates.asOf;

const CUR_PRE = String.raw`rp\.?|idr|us\s?\$|usd|nt\$|hk\$|s\$|sg\$|\$|rm|myr|thb|฿|php|₱|aed|sgd|ntd|twd|hkd|krw|₩|jpy|¥|€|eur|£|gbp|sar|qar|cny|rmb`;
const NUM = String.raw`\d{1,3}(?:[.,]\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d+)?`;
const MULT = String.raw`jutaan|juta|jtan|jta|jt|ribuan|ribu|rbu|rb|k|million|mio|thousand`;
const CUR_SUF = String.raw`rupiah|dolar singapura|dolar as|dolar|dollars?|usd|us\$|\$|baht|bath|thb|ringgit|rm|myr|pesos?|php|dirhams?|aed|sgd|ntd|twd|nt\$|hkd|hk\$|won|krw|yen|jpy|euro|eur|rmb|yuan|riyal|sar`;
const PERIOD = String.raw`\s?(?:\/|per|tiap|setiap|a|an|each)?\s?(?<per>bulanan|bulan|monthly|month|mo|jam|hourly|hour|harian|hari|daily|day|mingguan|minggu|weekly|week|tahunan|tahun|yearly|year|annum)(?![a-z])|\s?(?<per2>sebulan|perbulan|perhari|sehari|perjam|sejam|seminggu|perminggu|setahun|pertahun)(?![a-z])`;

// One precompiled pattern: [currency] number [multiplier] [- [currency] number [multiplier]] [++] [currency] [period]
const AMOUNT_SOURCE =
  String.raw`(?<![\w$.,])(?:(?<pre>${CUR_PRE})\s?)?(?<a>${NUM})\s?(?<am>${MULT})?` +
  String.raw`(?:\s?(?:-|~|s\/d|sd|sampai|hingga|to)\s?(?:(?<pre2>${CUR_PRE})\s?)?(?<b>${NUM})\s?(?<bm>${MULT})?)?` +
  String.raw`(?:\s?\+{1,3})?(?:\s?(?<suf>${CUR_SUF}))?(?![a-z0-9])(?:${PERIOD})?`;
// The pattern runs with plain numbered groups: a match's named-groups object is slow to build and to read, and
// this runs for every number in every post. Group numbers follow the names' order in the source.
const GROUP_NAMES = [...AMOUNT_SOURCE.matchAll(/\(\?<([a-z0-9]+)>/g)].map((m) => m[1] as string);
const AMOUNT = new RegExp(AMOUNT_SOURCE.replace(/\(\?<[a-z0-9]+>/g, '('), 'g');
// The same pattern tried at one position only (a failed try does not scan on through the rest of the post).
const AMOUNT_AT = new RegExp(AMOUNT.source, 'y');
const group = (name: string): number => {
  const i = GROUP_NAMES.indexOf(name);
  if (i === -1) throw new Error(`pay pattern has no group ${name}`);
  return i + 1;
};
const G_PRE = group('pre');
const G_A = group('a');
const G_AM = group('am');
const G_PRE2 = group('pre2');
const G_B = group('b');
const G_BM = group('bm');
const G_SUF = group('suf');
const G_PER = group('per');
const G_PER2 = group('per2');
if (new RegExp(`${AMOUNT.source}|`).exec('')?.length !== GROUP_NAMES.length + 1) throw new Error('pay pattern has unnamed capture groups');

// Vague amounts ("gaji belasan juta", "gaji 2 digit") are taken at their lower bound.
const VAGUE = /\b(belasan|puluhan|ratusan)\s?(juta|jt|ribu|rb)\b|\bgaji\s(?:sampai\s)?(2|dua|3|tiga)\s?digit\b/g;
const VAGUE_BASE: Record<string, number> = { belasan: 11, puluhan: 20, ratusan: 100, '2': 10e6, dua: 10e6, '3': 100e6, tiga: 100e6 };

// Cue words before an amount, each list in priority order. The pattern groups them by first letter (keeping that
// order within a letter): only words sharing a first letter can match at the same place, so it finds the same
// matches as the flat alternation, with one dispatch per position instead of forty tries.
const PAY_CUES = ['gaji', 'salary', 'upah', 'income', 'penghasilan', 'pendapatan', 'bayaran', 'thp', 'take home', 'komisi', 'bonus', 'digaji', 'dibayar', 'gajian', 'earn'];
const FEE_CUES = ['biaya', 'bayar', 'transfer', 'dp', 'uang muka', 'deposit', 'denda', 'fee', 'tebusan', 'modal', 'pendaftaran', 'registrasi', 'administrasi', 'potong', 'jaminan', 'utang', 'hutang', 'ganti rugi', 'harga', 'diskon', 'booking', 'promo', 'cicil', 'paket', 'tarif', 'ongkos'];
const PAY_CUE = new Set(PAY_CUES);
const CONTEXT = new RegExp(alternationByFirstLetter([...PAY_CUES, ...FEE_CUES]), 'g');

/** "g(?:aji|ajian|anti rugi)|salary|..." for plain lower-case words (no regex syntax in them). */
function alternationByFirstLetter(words: readonly string[]): string {
  const byFirst = new Map<string, string[]>();
  for (const w of words) {
    const rests = byFirst.get(w.charAt(0));
    if (rests === undefined) byFirst.set(w.charAt(0), [w.slice(1)]);
    else rests.push(w.slice(1));
  }
  return [...byFirst].map(([first, rests]) => (rests.length === 1 ? first + (rests[0] as string) : `${first}(?:${rests.join('|')})`)).join('|');
}

const CURRENCY: Record<string, string> = {
  rp: 'IDR', 'rp.': 'IDR', idr: 'IDR', rupiah: 'IDR', usd: 'USD', $: 'USD', 'us$': 'USD', 'us $': 'USD', dolar: 'USD', dollar: 'USD',
  dollars: 'USD', 'dolar as': 'USD', 'nt$': 'TWD', ntd: 'TWD', twd: 'TWD', 'hk$': 'HKD', hkd: 'HKD', 's$': 'SGD', 'sg$': 'SGD',
  sgd: 'SGD', 'dolar singapura': 'SGD', rm: 'MYR', myr: 'MYR', ringgit: 'MYR', thb: 'THB', '฿': 'THB', baht: 'THB', bath: 'THB',
  php: 'PHP', '₱': 'PHP', peso: 'PHP', pesos: 'PHP', aed: 'AED', dirham: 'AED', dirhams: 'AED', krw: 'KRW', '₩': 'KRW', won: 'KRW',
  jpy: 'JPY', '¥': 'JPY', yen: 'JPY', '€': 'EUR', eur: 'EUR', euro: 'EUR', '£': 'GBP', gbp: 'GBP', sar: 'SAR', riyal: 'SAR',
  qar: 'QAR', cny: 'CNY', rmb: 'CNY', yuan: 'CNY',
};

const MULTIPLIER: Record<string, number> = {
  juta: 1e6, jutaan: 1e6, jtan: 1e6, jta: 1e6, jt: 1e6, million: 1e6, mio: 1e6,
  ribu: 1e3, ribuan: 1e3, rbu: 1e3, rb: 1e3, k: 1e3, thousand: 1e3,
};

const PERIODS: Record<string, Period> = {
  bulan: 'month', bulanan: 'month', month: 'month', monthly: 'month', mo: 'month', sebulan: 'month', perbulan: 'month',
  jam: 'hour', hour: 'hour', hourly: 'hour', perjam: 'hour', sejam: 'hour',
  hari: 'day', harian: 'day', day: 'day', daily: 'day', perhari: 'day', sehari: 'day',
  minggu: 'week', mingguan: 'week', week: 'week', weekly: 'week', seminggu: 'week', perminggu: 'week',
  tahun: 'year', tahunan: 'year', year: 'year', yearly: 'year', annum: 'year', setahun: 'year', pertahun: 'year',
};

/** Parses "8.000.000", "8,5", "1,000", "1.5" with Indonesian or English separators. */
export function parseAmount(s: string): number {
  if (!s.includes('.') && !s.includes(',')) return Number(s);
  const grouped = groupedAmount(s);
  return Number.isNaN(grouped) ? Number(s.replace(',', '.')) : grouped;
}

const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

/**
 * The value of a thousands-grouped number, /^\d{1,3}(?:[.,]\d{3})+(?:,\d{1,2})?$/ ("6.500.000", "1.000,50"), or
 * NaN when `s` is not one. Read by hand: the pattern, its decimal part and the separator removal were three regex
 * runs per amount. Taking groups greedily is exact: a group given back could not end the string as a decimal.
 */
function groupedAmount(s: string): number {
  const n = s.length;
  let i = 0;
  while (i < n && isDigitCode(s.charCodeAt(i))) i++;
  if (i === 0 || i > 3) return NaN;
  let groups = 0;
  for (;;) {
    const c = s.charCodeAt(i);
    if ((c !== 46 && c !== 44) || i + 3 >= n) break;
    if (!isDigitCode(s.charCodeAt(i + 1)) || !isDigitCode(s.charCodeAt(i + 2)) || !isDigitCode(s.charCodeAt(i + 3))) break;
    i += 4;
    groups++;
  }
  if (groups === 0) return NaN;
  const wholeEnd = i;
  if (i < n) {
    // Only a decimal part of one or two digits after a comma may follow.
    const decDigits = n - i - 1;
    if (s.charCodeAt(i) !== 44 || decDigits < 1 || decDigits > 2) return NaN;
    for (let k = i + 1; k < n; k++) if (!isDigitCode(s.charCodeAt(k))) return NaN;
  }
  // Up to 15 digits the integer is exact when summed digit by digit; longer ones go through Number as before.
  let whole = 0;
  if (wholeEnd - groups <= 15) {
    for (let k = 0; k < wholeEnd; k++) {
      const c = s.charCodeAt(k);
      if (isDigitCode(c)) whole = whole * 10 + (c - 48);
    }
  } else whole = Number(s.slice(0, wholeEnd).replace(/[.,]/g, ''));
  return wholeEnd === n ? whole : whole + Number(`0.${s.slice(wholeEnd + 1)}`);
}

export function toIdrMonthly(amount: number, currency: string, period: Period): number | null {
  const rate = IDR_PER[currency];
  if (rate === undefined) return null;
  return amount * rate * PERIOD_TO_MONTH[period];
}

export interface PayResult {
  offers: PayOffer[];
  fees: PayOffer[];
}

const MIN_IDR_MONTHLY = 100_000;
const MAX_IDR_MONTHLY = 10_000_000_000;

// The longest currency prefix ("us $") and the space after it.
const PREFIX_REACH = 5;

function countDigits(s: string): number {
  let n = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

// The last characters of the CUR_PRE alternatives.
const PREFIX_LAST = new Set([...'p.r$dmbw฿₱₩y¥€£'].map((c) => c.charCodeAt(0)));

/** Whether a currency prefix (and the one white-space character it may take) can end just before `digit`. When
 * not, no match begins before the digit (a prefix holds no digit), and the pattern is tried from the digit on. */
function mayEndPrefix(text: string, digit: number): boolean {
  let k = digit - 1;
  if (k >= 0 && isJsWhiteSpace(text.charCodeAt(k))) k--;
  return k >= 0 && PREFIX_LAST.has(text.charCodeAt(k));
}

// Finds the next digit: a one-character pattern scans quicker than a charCodeAt loop, and test() builds no match.
const DIGIT = /\d/g;

/** Whether the post names a dollar anywhere ("dolar", "dollar", "usd", "$"). */
function hasForeignHint(text: string): boolean {
  return text.includes('$') || text.includes('usd') || text.includes('dolar') || text.includes('dollar');
}

/** The match's end without the trailing white space the pattern may take in (what `m[0].trimEnd()` keeps). */
function trimmedEnd(text: string, start: number, end: number): number {
  while (end > start && isJsWhiteSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

export function extractPay(doc: Doc): PayResult {
  const text = doc.norm.text;
  const offers: PayOffer[] = [];
  const fees: PayOffer[] = [];
  let foreignHint: boolean | undefined;
  // Every amount holds a digit and starts at most PREFIX_REACH characters before it: the pattern is only tried
  // from there, not at every position of the post.
  for (let from = 0; ; ) {
    DIGIT.lastIndex = from;
    if (!DIGIT.test(text)) break;
    const digit = DIGIT.lastIndex - 1;
    let m: RegExpExecArray | null;
    if (mayEndPrefix(text, digit)) {
      AMOUNT.lastIndex = Math.max(from, digit - PREFIX_REACH);
      m = AMOUNT.exec(text);
      if (m === null) break;
      from = AMOUNT.lastIndex;
    } else {
      // No prefix can end here, so no amount starts before the digit: the leftmost one starts at the digit or
      // after the next digit.
      AMOUNT_AT.lastIndex = digit;
      m = AMOUNT_AT.exec(text);
      if (m === null) {
        from = digit + 1;
        continue;
      }
      from = AMOUNT_AT.lastIndex;
    }
    const gPre = m[G_PRE];
    const gAm = m[G_AM];
    const gBm = m[G_BM];
    const gB = m[G_B];
    const a = m[G_A] as string;
    // Phone numbers, long ids and years are not amounts.
    const digits = countDigits(a);
    if (digits >= 10 || (a.charCodeAt(0) === 48 && digits > 2 && gPre === undefined)) continue;
    const preCur = gPre ?? m[G_PRE2];
    const curWord = preCur ?? m[G_SUF];
    const multWord = gAm ?? gBm;
    let currency = curWord === undefined ? undefined : (CURRENCY[curWord] ?? CURRENCY[curWord.replace(/\s+/g, ' ')]);
    const valueA = parseAmount(a);
    // A bare number (no currency, no multiplier) counts only after a pay cue. The cue word is looked up last,
    // once every other test has passed: most numbers fail one, and the lookup is the costly part.
    const needsPayCue = currency === undefined && multWord === undefined;
    if (currency === undefined) {
      const raw = valueA * (multWord === undefined ? 1 : (MULTIPLIER[multWord] ?? 1));
      // The post-wide hint (a dollar named anywhere) is only looked for when it can decide.
      if (multWord === 'k' || multWord === undefined) currency = raw < 50_000 && (foreignHint ??= hasForeignHint(text)) ? 'USD' : 'IDR';
      else currency = 'IDR';
      if (multWord === undefined && currency === 'IDR' && raw < 500_000) continue;
    }
    const mulA = gAm !== undefined ? (MULTIPLIER[gAm] ?? 1) : gBm !== undefined ? (MULTIPLIER[gBm] ?? 1) : 1;
    const mulB = gBm !== undefined ? (MULTIPLIER[gBm] ?? 1) : mulA;
    const amount = valueA * mulA;
    const amountMax = gB === undefined ? undefined : parseAmount(gB) * mulB;
    if (!Number.isFinite(amount) || (amountMax !== undefined && !Number.isFinite(amountMax))) continue;
    const perWord = m[G_PER] ?? m[G_PER2];
    let period: Period = perWord === undefined ? 'unknown' : (PERIODS[perWord] ?? 'unknown');
    // "hr" is Indonesian chat for "hari" (the normalizer expands it), but after a foreign-currency amount
    // ("$15/hr", "SGD 12 per hr") it is the English "hour".
    const end = trimmedEnd(text, m.index, m.index + m[0].length);
    if (period === 'day' && currency !== 'IDR' && perWord === 'hari' && writtenAsHr(doc, end)) period = 'hour';
    const top = amountMax !== undefined && amountMax > amount ? amountMax : amount;
    const idr = toIdrMonthly(top, currency, period);
    // A fee may be ten times smaller than an offer; below that, or above the maximum, the cue cannot matter.
    if (idr === null || idr < MIN_IDR_MONTHLY / 10 || idr > MAX_IDR_MONTHLY || (needsPayCue && idr < MIN_IDR_MONTHLY)) continue;
    const ctx = context(text, m.index);
    if ((needsPayCue && ctx !== 'pay') || idr < MIN_IDR_MONTHLY / (ctx === 'fee' ? 10 : 1)) continue;
    const span = normSpan(doc, m.index, end);
    // Two literals rather than a spread: the same keys in the same order, built without copying.
    const offer: PayOffer =
      amountMax !== undefined && amountMax > amount
        ? { amount, amountMax, currency, period, idrMonthly: Math.round(idr), span }
        : { amount, currency, period, idrMonthly: Math.round(idr), span };
    (ctx === 'fee' ? fees : offers).push(offer);
    if (offers.length + fees.length >= 50) break;
  }
  if (offers.length === 0 && (text.includes('belasan') || text.includes('puluhan') || text.includes('ratusan') || text.includes('digit'))) {
    VAGUE.lastIndex = 0;
    for (let m = VAGUE.exec(text); m !== null && offers.length < 5; m = VAGUE.exec(text)) {
      const amount = m[1] !== undefined ? (VAGUE_BASE[m[1]] ?? 0) * (MULTIPLIER[m[2] as string] ?? 1) : (VAGUE_BASE[m[3] as string] ?? 0);
      if (amount <= 0 || context(text, m.index) === 'fee') continue;
      offers.push({ amount, currency: 'IDR', period: 'unknown', idrMonthly: amount, span: normSpan(doc, m.index, m.index + m[0].length) });
    }
  }
  return { offers, fees };
}

/** Whether the normalized word ending at `end` was written "hr" or "hrs" in the post. */
function writtenAsHr(doc: Doc, end: number): boolean {
  const { offsets, ends } = doc.norm;
  if (end < 1 || end > offsets.length) return false;
  const word = doc.original.slice(offsets[end - 1], ends[end - 1]).toLowerCase();
  return word === 'hr' || word === 'hrs';
}

/** Whether the nearest cue word before an amount speaks of pay or of a fee. */
function context(text: string, at: number): 'pay' | 'fee' | null {
  const from = Math.max(0, at - 40);
  const window = text.slice(from, at);
  let last: 'pay' | 'fee' | null = null;
  CONTEXT.lastIndex = 0;
  for (let m = CONTEXT.exec(window); m !== null; m = CONTEXT.exec(window)) last = PAY_CUE.has(m[0]) ? 'pay' : 'fee';
  return last;
}
