// Builds the labelled corpus fixtures/corpus/corpus.jsonl from hand-written base posts (fixtures/corpus/bases/*.txt)
// and seeded variants composed from fixtures/corpus/parts.json. Deterministic: same seed and inputs, same file.
// Run: node --import tsx scripts/build-corpus.ts [--seed 20261122] [--check]
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const CORPUS_DIR = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url));
export const DEFAULT_SEED = 20261122;
/** Share of base posts (hand-written or generated) that go to eval, decided per base so variants never leak. */
const EVAL_SHARE = 0.2;

const Platform = z.enum(['facebook', 'telegram', 'tiktok', 'x', 'instagram']);
type Platform = z.infer<typeof Platform>;
const Lang = z.enum(['id', 'en', 'ms', 'mixed']);
type Lang = z.infer<typeof Lang>;
const Category = z.enum([
  'lure_obfuscated', 'lure_decoy', 'lure_plain', 'judol_open',
  'legal_placement', 'domestic_job', 'professional_job', 'news_warning', 'other_post',
]);
type Category = z.infer<typeof Category>;
type Label = 'scam' | 'legit';
type Split = 'train' | 'eval';

const SCAM_CATEGORIES: ReadonlySet<Category> = new Set(['lure_obfuscated', 'lure_decoy', 'lure_plain', 'judol_open']);

export interface CorpusRow {
  id: string;
  platform: Platform;
  text: string;
  label: Label;
  category: Category;
  lang: Lang;
  split: Split;
  base: string;
}

interface Draft {
  platform: Platform;
  text: string;
  category: Category;
  lang: Lang;
}

// ---------- seeded randomness ----------

/** mulberry32: small, fast and good enough for picking phrasings. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

class Dice {
  /** Eval posts may use every part; train posts skip every fifth item, so eval sees phrasings train never saw. */
  split: Split = 'train';
  constructor(private readonly next: () => number) {}
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }
  /** Picks from a parts list, honouring the held-out fifth. */
  part<T>(items: readonly T[]): T {
    const pool = this.split === 'train' && items.length >= 5 ? items.filter((_, i) => i % 5 !== 4) : items;
    return this.pick(pool);
  }
  parts<T>(items: readonly T[], min: number, max: number): T[] {
    const pool = this.split === 'train' && items.length >= 5 ? items.filter((_, i) => i % 5 !== 4) : [...items];
    const out: T[] = [];
    const n = Math.min(pool.length, this.int(min, max));
    const copy = [...pool];
    for (let i = 0; i < n; i++) {
      const idx = Math.floor(this.next() * copy.length);
      out.push(copy.splice(idx, 1)[0] as T);
    }
    return out;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }
}

// ---------- parts ----------

const LangLists = z.object({ id: z.array(z.string()), en: z.array(z.string()), ms: z.array(z.string()) });
const Dest = z.object({ place: z.string(), country: z.string(), flag: z.string(), cur: z.string().optional() });
const Parts = z.object({
  names: z.array(z.string()),
  handles: z.array(z.string()),
  scam: z.object({
    openers: LangLists, jobs: LangLists, realDest: z.array(Dest), decoyDest: z.array(Dest),
    perks: LangLists, reqs: LangLists, process: LangLists, contacts: LangLists, urgency: LangLists, duties: LangLists,
    hashtags: z.array(z.string()),
  }),
  judol: z.object({ jobs: z.array(z.string()), places: z.array(z.string()), extras: z.array(z.string()) }),
  domestic: z.object({
    jobGroups: z.array(z.object({ employers: z.array(z.string()), jobs: z.array(z.string()) })),
    words: z.array(z.string()), words2: z.array(z.string()), words3: z.array(z.string()),
    cities: z.array(z.string()), openers: z.array(z.string()), reqs: z.array(z.string()), perks: z.array(z.string()),
    contacts: z.array(z.string()), hashtags: z.array(z.string()), hardNegatives: z.array(z.string()), duties: z.array(z.string()),
  }),
  professional: z.object({
    roles: z.array(z.object({ title: z.string(), degree: z.string(), skills: z.string() })),
    locations: z.array(z.object({ where: z.string(), cur: z.string() })),
    apply: z.array(z.string()), perks: z.array(z.string()), openers: z.array(z.string()),
  }),
  legal: z.object({
    programs: z.array(z.string()), eps_sectors: z.array(z.string()), ssw_sectors: z.array(z.string()),
    p3mi: z.array(z.string()), markers: z.array(z.string()), freeCost: z.array(z.string()), offices: z.array(z.string()),
  }),
  news: z.object({
    agencies: z.array(z.string()), heads: z.array(z.string()), events: z.array(z.string()), modus: z.array(z.string()),
    advice: z.array(z.string()), ports: z.array(z.string()), origins: z.array(z.string()),
  }),
});
type Parts = z.infer<typeof Parts>;
type LangKey = 'id' | 'en' | 'ms';

// ---------- formatting helpers ----------

const MOBILE_PREFIXES = ['812', '813', '821', '822', '852', '853', '857', '858', '877', '878', '881', '895', '896', '819', '811', '838', '856', '831'];

/** A fictitious Indonesian mobile number: the middle block is always 0000. */
function fakePhone(d: Dice): { local: string; intl: string; pretty: string; intlPretty: string } {
  const prefix = d.pick(MOBILE_PREFIXES);
  const tail = String(d.int(0, 9999)).padStart(4, '0');
  const local = `0${prefix}0000${tail}`;
  const intl = `62${prefix}0000${tail}`;
  const pretty = d.pick([
    `0${prefix}-0000-${tail}`, `0${prefix} 0000 ${tail}`, local, `0${prefix}.0000.${tail}`, `+62 ${prefix}-0000-${tail}`, `+62${prefix}0000${tail}`,
  ]);
  return { local, intl, pretty, intlPretty: `+62 ${prefix}-0000-${tail}` };
}

function fakeMyPhone(d: Dice): string {
  return `+60 1${d.int(0, 9)}-000 0${String(d.int(0, 999)).padStart(3, '0')}`;
}

function fakeHandle(d: Dice, parts: Parts): string {
  return `${d.part(parts.handles)}${d.pick(['0000', '_0000', '0000x', '00001', '_00'])}`;
}

function thousands(n: number, sep: '.' | ','): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** Pay in Rupiah given millions; many shapes people actually type. */
function payIdr(d: Dice, lo: number, hi: number): string {
  const a = Math.min(lo, hi);
  const b = Math.max(hi, a + 1);
  const dec = (x: number) => (Number.isInteger(x) ? String(x) : String(x).replace('.', ','));
  return d.pick([
    `Rp${thousands(a * 1e6, '.')}`,
    `Rp ${thousands(a * 1e6, '.')} - Rp ${thousands(b * 1e6, '.')}`,
    `${dec(a)}jt`,
    `${dec(a)} jt/bln`,
    `${dec(a)} juta`,
    `Rp${dec(a)} juta`,
    `${dec(a)}-${dec(b)} juta`,
    `Rp${dec(a)}–${dec(b)} jt`,
    `${dec(a)}jt++`,
    `${thousands(a * 1e6, '.')}/bulan`,
    `IDR ${thousands(a * 1e6, ',')}`,
    `${dec(a)} sampai ${dec(b)} juta`,
    `mulai ${dec(a)} juta`,
  ]);
}

function payForeign(d: Dice, cur: string, lo: number, hi: number): string {
  const k = (x: number) => `${Math.round(x / 100) / 10}k`;
  switch (cur) {
    case 'USD':
      return d.pick([
        `$${thousands(lo, ',')}-${thousands(hi, ',')}`, `${lo}$`, `${thousands(lo, '.')} USD`, `US$${thousands(lo, ',')}`,
        `${k(lo)}-${k(hi)} $`, `${lo} dolar`, `USD ${thousands(lo, ',')} – ${thousands(hi, ',')}`, `$${lo}+`, `${lo}-${hi} USD/bulan`,
        `${lo}-${hi} USD (dibayar dolar)`,
      ]);
    case 'THB':
      return d.pick([`${Math.round(lo / 1000)}rb baht`, `${thousands(lo, '.')} baht`, `THB ${thousands(lo, ',')}`, `฿${thousands(lo, ',')}`, `${Math.round(lo / 1000)}k baht`]);
    case 'MYR':
      return d.pick([`RM ${thousands(lo, ',')}`, `RM${thousands(lo, '.')}`, `RM${thousands(lo, ',')} - RM${thousands(hi, ',')}`, `${lo} ringgit`]);
    case 'AED':
      return d.pick([`AED ${lo}`, `${thousands(lo, '.')} dirham`, `${thousands(lo, ',')} AED`, `AED ${thousands(lo, ',')}–${thousands(hi, ',')}`]);
    case 'PHP':
      return d.pick([`₱${thousands(lo, ',')}`, `PHP ${thousands(lo, ',')}`, `${Math.round(lo / 1000)}k pesos`]);
    case 'SGD':
      return d.pick([`S$${thousands(lo, ',')}`, `SGD ${thousands(lo, ',')}`, `${thousands(lo, '.')} dolar Singapura`, `SGD ${thousands(lo, ',')}–${thousands(hi, ',')}`]);
    case 'JPY':
      return d.pick([`¥${thousands(lo, '.')}`, `${thousands(lo, ',')} yen`, `±¥${thousands(lo, ',')}/bulan`]);
    case 'KRW':
      return d.pick([`KRW ${thousands(lo, ',')}`, `₩${thousands(lo, ',')}`]);
    case 'EUR':
      return d.pick([`EUR ${thousands(lo, ',')}–${thousands(hi, ',')}`, `€${thousands(lo, '.')}`]);
    case 'TWD':
      return d.pick([`NT$${thousands(lo, '.')}`, `NT$ ${thousands(lo, ',')}`]);
    case 'HKD':
      return d.pick([`HK$${thousands(lo, '.')}`, `HK$ ${thousands(lo, ',')}`]);
    default:
      return `${thousands(lo, ',')} ${cur}`;
  }
}

function fill(template: string, d: Dice, parts: Parts, extra: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (key in extra) return extra[key] as string;
    const phone = fakePhone(d);
    switch (key) {
      case 'phone': return phone.pretty;
      case 'intl': return phone.intl;
      case 'intlPretty': return phone.intlPretty;
      case 'myPhone': return fakeMyPhone(d);
      case 'name': return d.part(parts.names);
      case 'handle': return fakeHandle(d, parts);
      case 'n': return String(d.int(3, 30));
      case 'k': return String(d.int(2, 5));
      case 'pct': return String(d.int(2, 10));
      case 'fee': return d.pick(['Rp2.500.000', 'Rp3 juta', '5jt', 'Rp11 juta', '12 juta', 'Rp1,5 jt']);
      case 'year': return d.pick(['2025', '2026']);
      case 'email': return `${fakeHandle(d, parts).replace(/_/g, '.')}@gmail.com`;
      case 'site': return `${fakeHandle(d, parts).replace(/_/g, '-')}.my.id`;
      default: return whole;
    }
  });
}

function bullets(d: Dice): (s: string) => string {
  const b = d.pick(['✅ ', '- ', '• ', '✔ ', '👉 ', '🔹 ', '* ', '▪️ ', '']);
  return (s: string) => `${b}${s}`;
}

function capFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------- obfuscation and restyling transforms ----------

const LEET: Record<string, string[]> = { a: ['4', '@'], i: ['1', '!'], o: ['0'], e: ['3'], s: ['$', '5'], g: ['9'] };
const COUNTRY_FLAGS: Array<[RegExp, string]> = [
  [/\bKamboja\b|\bCambodia\b|\bKemboja\b/gi, '🇰🇭'], [/\bThailand\b/gi, '🇹🇭'], [/\bMyanmar\b/gi, '🇲🇲'], [/\bMalaysia\b/gi, '🇲🇾'],
  [/\bSingapura\b|\bSingapore\b/gi, '🇸🇬'], [/\bLaos\b/gi, '🇱🇦'], [/\bFilipina\b/gi, '🇵🇭'], [/\bVietnam\b/gi, '🇻🇳'], [/\bPolandia\b/gi, '🇵🇱'],
  [/\bDubai\b/gi, '🇦🇪'],
];
const KEYWORDS = /\b(kamboja|cambodia|phnom penh|sihanoukville|myanmar|myawaddy|thailand|bangkok|loker|lowongan|gaji|admin|tiket|visa|mess|kerja|bonus|wa|whatsapp|juta|dolar|cs|paspor|marketing|kripto|crypto|judol|slot|malaysia|singapura|dubai|laos|poipet|bavet)\b/gi;
const ABBREV: Array<[RegExp, string[]]> = [
  [/\byang\b/g, ['yg']], [/\buntuk\b/g, ['utk', 'buat']], [/\btanpa\b/g, ['tnp', 'tanpa']], [/\bbulan\b/g, ['bln']],
  [/\bjuta\b/g, ['jt']], [/\bribu\b/g, ['rb']], [/\bdengan\b/g, ['dgn']], [/\btidak\b/g, ['tdk', 'gak', 'ga']],
  [/\bsudah\b/g, ['udh', 'udah']], [/\borang\b/g, ['org']], [/\blangsung\b/g, ['lgsg', 'lgsung']], [/\bhubungi\b/gi, ['hub', 'hubungi']],
  [/\bsegera\b/g, ['sgr', 'segera']], [/\bpengalaman\b/g, ['pengalaman', 'pglmn', 'pengalamn']], [/\bberangkat\b/g, ['brgkt', 'berangkat']],
  [/\bbisa\b/g, ['bs', 'bisa']], [/\bsaja\b/g, ['aja']], [/\bkarena\b/g, ['krn']], [/\bterima kasih\b/gi, ['makasih', 'thx']],
];
const DIGIT_WORDS = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];
const KEYCAP = ['0️⃣', '1️⃣', '2️⃣', '3️⃣', '4️⃣', '5️⃣', '6️⃣', '7️⃣', '8️⃣', '9️⃣'];
const PHONE_RE = /(?:\+62\s?|62|0)8\d{1,2}[\s.-]?0000[\s.-]?\d{4}/g;

type Stylizer = (ch: string) => string;
function offsetStylizer(upper: number, lower: number, digit?: number): Stylizer {
  return (ch) => {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 65 && c <= 90) return String.fromCodePoint(upper + c - 65);
    if (c >= 97 && c <= 122) return String.fromCodePoint(lower + c - 97);
    if (digit !== undefined && c >= 48 && c <= 57) return String.fromCodePoint(digit + c - 48);
    return ch;
  };
}
const STYLES: Stylizer[] = [
  offsetStylizer(0x1d400, 0x1d41a, 0x1d7ce), // bold
  offsetStylizer(0x1d5d4, 0x1d5ee, 0x1d7ec), // sans bold
  offsetStylizer(0x1d608, 0x1d622), // sans italic
  offsetStylizer(0x1d4d0, 0x1d4ea), // bold script
  offsetStylizer(0xff21, 0xff41, 0xff10), // full width
];
const SMALL_CAPS: Record<string, string> = {
  a: 'ᴀ', b: 'ʙ', c: 'ᴄ', d: 'ᴅ', e: 'ᴇ', f: 'ꜰ', g: 'ɢ', h: 'ʜ', i: 'ɪ', j: 'ᴊ', k: 'ᴋ', l: 'ʟ', m: 'ᴍ', n: 'ɴ', o: 'ᴏ', p: 'ᴘ', r: 'ʀ', s: 's', t: 'ᴛ', u: 'ᴜ', w: 'ᴡ', y: 'ʏ', z: 'ᴢ',
};
const HOMOGLYPHS: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', i: 'і' };

function stylizeText(text: string, style: Stylizer): string {
  return [...text].map(style).join('');
}

/** Applies `fn` to some keyword matches, chosen by the dice. */
function onKeywords(text: string, d: Dice, p: number, fn: (word: string) => string): string {
  let touched = false;
  const out = text.replace(KEYWORDS, (w) => {
    if (d.chance(p)) {
      touched = true;
      return fn(w);
    }
    return w;
  });
  if (touched) return out;
  // Guarantee at least one change when a keyword exists.
  let done = false;
  return text.replace(KEYWORDS, (w) => {
    if (done) return w;
    done = true;
    return fn(w);
  });
}

const TRANSFORMS: Record<string, (text: string, d: Dice) => string> = {
  leet: (text, d) => onKeywords(text, d, 0.6, (w) => [...w].map((ch) => {
    const subs = LEET[ch.toLowerCase()];
    return subs && d.chance(0.7) ? d.pick(subs) : ch;
  }).join('')),
  spaced: (text, d) => onKeywords(text, d, 0.35, (w) => [...w].join(d.pick([' ', ' ', '  ']))),
  dotted: (text, d) => onKeywords(text, d, 0.35, (w) => [...w].join(d.pick(['.', '-', '*', '_']))),
  stylizeHeader: (text, d) => {
    const style = d.pick(STYLES);
    const lines = text.split('\n');
    lines[0] = stylizeText(lines[0] ?? '', style);
    return lines.join('\n');
  },
  stylizeKeywords: (text, d) => {
    const style = d.pick(STYLES);
    return onKeywords(text, d, 0.5, (w) => stylizeText(w, style));
  },
  smallCaps: (text, d) => onKeywords(text, d, 0.6, (w) => [...w.toLowerCase()].map((ch) => SMALL_CAPS[ch] ?? ch).join('')),
  flags: (text, d) => {
    let out = text;
    for (const [re, flag] of COUNTRY_FLAGS) out = out.replace(re, flag);
    if (out === text) out = `${d.pick(['🇰🇭', '🇹🇭', '🇲🇲', '🇰🇭🇹🇭', '🌏'])} ${text}`;
    return out;
  },
  negaraK: (text) => text.replace(/\b(Kamboja|Cambodia)\b/gi, 'negara K').replace(/\bMyanmar\b/gi, 'negara M'),
  spellPhone: (text, d) => {
    const digitsOf = (m: string) => m.replace(/\D/g, '').replace(/^62/, '0');
    const r = text.replace(PHONE_RE, (m) => {
      const words = [...digitsOf(m)].map((c) => DIGIT_WORDS[Number(c)] ?? c);
      return d.chance(0.5) ? words.join(' ') : [...digitsOf(m)].map((c) => KEYCAP[Number(c)] ?? c).join('');
    });
    return r;
  },
  spacePhone: (text) => text.replace(PHONE_RE, (m) => [...m.replace(/\D/g, '')].join(' ')),
  letterO: (text) => text.replace(PHONE_RE, (m) => m.replace(/0/g, 'O').replace(/1/g, 'I')),
  waStyle: (text, d) => text.replace(/\bWA\b|\bWhatsApp\b/g, () => d.pick(['W A', 'w.a', 'W*A', 'wa', 'W/A', 'wasap', 'WA'])),
  abbreviate: (text, d) => {
    let out = text;
    for (const [re, subs] of ABBREV) out = out.replace(re, () => d.pick(subs));
    return out;
  },
  caseMangle: (text, d) => onKeywords(text, d, 0.5, (w) => [...w].map((ch, i) => (i % 2 ? ch.toUpperCase() : ch.toLowerCase())).join('')),
  homoglyph: (text, d) => onKeywords(text, d, 0.5, (w) => [...w].map((ch) => (HOMOGLYPHS[ch] && d.chance(0.5) ? HOMOGLYPHS[ch] : ch)).join('')),
  zeroWidth: (text, d) => onKeywords(text, d, 0.4, (w) => [...w].join('\u200b')),
  emojiSprinkle: (text, d) => {
    const emojis = ['💰', '💵', '✈️', '🔥', '🏠', '💸', '🤑', '📲', '‼️', '🌏', '😍', '🙏'];
    return text.split('\n').map((line) => (line.trim() && d.chance(0.4) ? `${line} ${d.pick(emojis)}` : line)).join('\n');
  },
  squash: (text) => text.replace(/\n+/g, ' ').replace(/\s{2,}/g, ' ').trim(),
};

const OBFUSCATIONS = ['leet', 'spaced', 'dotted', 'stylizeHeader', 'stylizeKeywords', 'smallCaps', 'flags', 'negaraK', 'spellPhone', 'spacePhone', 'letterO', 'waStyle', 'caseMangle', 'homoglyph', 'zeroWidth'];
/** Restyling any poster does; a whole-post stylised font counts as obfuscation, so only multi-line posts get a stylised header. */
const RESTYLES = ['abbreviate', 'emojiSprinkle', 'squash', 'waStyle', 'stylizeHeader'];

function applyTransforms(text: string, d: Dice, names: string[]): string {
  let out = text;
  for (const name of names) {
    const fn = TRANSFORMS[name];
    if (fn) out = fn(out, d);
  }
  return out;
}

/** Replaces every fictitious number with a fresh fictitious one, as a recruiter would on a new account. */
function swapContacts(text: string, d: Dice): string {
  return text.replace(PHONE_RE, () => fakePhone(d).pretty);
}

// ---------- composers ----------

function pickLang(d: Dice, weights: { en: number; ms: number; mixed: number }): Lang {
  const r = d.float();
  if (r < weights.en) return 'en';
  if (r < weights.en + weights.ms) return 'ms';
  if (r < weights.en + weights.ms + weights.mixed) return 'mixed';
  return 'id';
}

function langKey(lang: Lang, d: Dice): LangKey {
  if (lang === 'mixed') return d.chance(0.5) ? 'en' : 'id';
  return lang;
}

function pickPlatform(d: Dice): Platform {
  return d.pick<Platform>(['facebook', 'facebook', 'telegram', 'telegram', 'tiktok', 'x', 'instagram', 'instagram']);
}

interface LureSpec {
  opener: string;
  duties: string[];
  job: string;
  where: string;
  pay: string;
  perks: string[];
  reqs: string[];
  process: string[];
  urgency: string;
  contact: string;
  hashtags: string[];
}

const LABELS = {
  id: { job: ['Posisi', 'Lowongan', 'Jobdesk', '💼', 'Dibutuhkan'], where: ['Penempatan', 'Lokasi', '📍', 'Negara'], pay: ['Gaji', '💰', 'Pendapatan', 'Salary', 'Gaji pokok'], perks: ['Fasilitas', 'Benefit', 'Free'], reqs: ['Syarat', 'Kualifikasi', 'Persyaratan'] },
  en: { job: ['Position', 'Role', '💼', 'Job'], where: ['Location', '📍', 'Country'], pay: ['Salary', '💰', 'Pay'], perks: ['Benefits', 'Perks'], reqs: ['Requirements', 'Req'] },
  ms: { job: ['Jawatan', '💼'], where: ['Lokasi', '📍'], pay: ['Gaji', '💰'], perks: ['Kemudahan'], reqs: ['Syarat'] },
} as const;

function renderLure(spec: LureSpec, platform: Platform, lang: Lang, d: Dice): string {
  const key = lang === 'mixed' || lang === 'id' ? 'id' : lang;
  const L = LABELS[key];
  const b = bullets(d);
  const style = platform === 'tiktok' || platform === 'x' ? 'short' : d.pick(['list', 'list', 'paragraph', 'formal']);
  if (style === 'formal') {
    // The job-board register (S31): a lure dressed as a formal ad.
    const en = lang === 'en';
    return [
      `${en ? 'Job Title' : d.pick(['LOWONGAN', 'Posisi', 'Lowongan Kerja'])}: ${spec.job}`,
      `${en ? 'Location' : d.pick(['Lokasi', 'Penempatan'])}: ${spec.where}`,
      en ? 'Responsibilities:' : d.pick(['Deskripsi Pekerjaan:', 'Tanggung jawab:', 'Uraian tugas:']),
      ...spec.duties.map((x) => `- ${x}`),
      en ? 'Requirements:' : d.pick(['Kualifikasi:', 'Persyaratan:']),
      ...spec.reqs.map((x) => `- ${capFirst(x)}`),
      en ? 'Benefits:' : d.pick(['Benefit:', 'Fasilitas:']),
      `- ${en ? 'Salary' : 'Gaji'} ${spec.pay}`,
      ...spec.perks.map((x) => `- ${capFirst(x)}`),
      ...spec.process.map((x) => capFirst(x)),
      spec.contact,
    ].join('\n');
  }
  if (style === 'list') {
    const lines = [
      spec.opener,
      `${d.pick(L.job)}${d.chance(0.8) ? ':' : ''} ${spec.job}`,
      `${d.pick(L.where)}: ${spec.where}`,
      `${d.pick(L.pay)}: ${spec.pay}`,
      ...spec.perks.map((p) => b(capFirst(p))),
      d.chance(0.6) ? `${d.pick(L.reqs)}: ${spec.reqs.join(', ')}` : spec.reqs.map((r) => b(capFirst(r))).join('\n'),
      ...spec.process.map((p) => capFirst(p)),
      spec.urgency,
      spec.contact,
    ];
    if (platform === 'instagram' || (platform === 'telegram' && d.chance(0.3))) lines.push(spec.hashtags.join(' '));
    return lines.filter((l) => l.trim().length > 0).join('\n');
  }
  if (style === 'paragraph') {
    const intro = lang === 'en'
      ? `${spec.opener} We need ${spec.job} for our office in ${spec.where}.`
      : lang === 'ms'
        ? `${spec.opener} Diperlukan ${spec.job} di ${spec.where}.`
        : `${spec.opener} ${d.pick(['Dibutuhkan', 'Dicari', 'Perusahaan kami butuh', 'Lagi butuh'])} ${spec.job} ${d.pick(['untuk kantor di', 'penempatan', 'di', 'buat perusahaan di'])} ${spec.where}.`;
    const monthly = /bulan|bln|month/i.test(spec.pay) || !d.chance(0.5) ? '' : ' per bulan';
    const pay = lang === 'en' ? `Salary ${spec.pay}.` : `Gaji ${spec.pay}${monthly}.`;
    const rest = [
      `${capFirst(spec.perks.join(', '))}.`,
      `${capFirst(spec.reqs.join(', '))}.`,
      ...spec.process.map((p) => `${capFirst(p)}.`),
      spec.urgency,
      spec.contact,
    ];
    return [intro, pay, ...rest].join(' ').replace(/\.\./g, '.');
  }
  // short: TikTok captions and X posts
  const bits = d.shuffle([spec.pay, ...spec.perks.slice(0, 2), ...spec.reqs.slice(0, 2)]);
  const lower = (s: string) => (d.chance(0.6) ? s.toLowerCase() : s);
  const tags = platform === 'tiktok' ? ` ${spec.hashtags.join(' ')}` : d.chance(0.3) ? ` ${spec.hashtags.slice(0, 2).join(' ')}` : '';
  const job = lower(spec.job);
  return `${lower(spec.opener)} ${job} di ${spec.where}, ${bits.join(', ')}. ${spec.process[0] ?? ''} ${lower(spec.contact)}${tags}`.replace(/\s{2,}/g, ' ').trim();
}

function composeLure(d: Dice, parts: Parts, kind: 'plain' | 'decoy'): Draft {
  const lang = pickLang(d, { en: 0.1, ms: 0.05, mixed: 0.12 });
  const k = () => langKey(lang, d);
  const s = parts.scam;
  let where: string;
  let pay: string;
  if (kind === 'plain') {
    const dest = d.part(s.realDest);
    where = d.pick([`${dest.place}, ${dest.country} ${dest.flag}`, `${dest.country} (${dest.place})`, `${dest.place} ${dest.flag}`, dest.country === dest.place ? dest.place : `${dest.place}`]);
    const php = dest.country === 'Filipina';
    const lo = php ? d.int(35, 55) * 1000 : d.int(8, 20) * 100;
    const hi = lo + (php ? d.int(5, 15) * 1000 : d.int(2, 8) * 100);
    pay = d.chance(0.5) ? payForeign(d, php ? 'PHP' : 'USD', lo, hi) : payIdr(d, d.int(9, 20), d.int(18, 30));
  } else {
    const dest = d.part(s.decoyDest);
    where = dest.place === dest.country || dest.country === 'luar negeri'
      ? `${dest.place} ${dest.flag}`
      : d.pick([`${dest.place}, ${dest.country} ${dest.flag}`, `${dest.place} ${dest.flag}`, `${dest.country} (${dest.place})`]);
    const cur = dest.cur ?? 'USD';
    const foreign: Record<string, [number, number]> = { THB: [25000, 40000], SGD: [2200, 3500], MYR: [4000, 8000], AED: [3500, 5000], USD: [1000, 2000] };
    const [lo, hi] = foreign[cur] ?? [1000, 2000];
    const roundTo = cur === 'THB' ? 1000 : 100;
    const a = Math.round((lo + d.float() * (hi - lo) * 0.5) / roundTo) * roundTo;
    const b = Math.round((a + (hi - lo) * 0.4) / roundTo) * roundTo;
    pay = d.chance(0.6) ? payForeign(d, cur, a, b) : payIdr(d, d.int(12, 20), d.int(18, 30));
  }
  const spec: LureSpec = {
    opener: d.part(s.openers[k()]),
    duties: d.parts(s.duties[k()], 2, 3),
    job: d.part(s.jobs[k()]),
    where,
    pay,
    perks: d.parts(s.perks[k()], 1, 4),
    reqs: d.parts(s.reqs[k()], 1, 3),
    process: d.parts(s.process[k()], kind === 'decoy' ? 1 : 0, 2).map((p) => fill(p, d, parts)),
    urgency: d.chance(0.6) ? fill(d.part(s.urgency[k()]), d, parts) : '',
    contact: fill(d.part(s.contacts[k()]), d, parts),
    hashtags: d.parts(s.hashtags, 2, 5),
  };
  const platform = pickPlatform(d);
  return { platform, text: renderLure(spec, platform, lang, d), category: kind === 'plain' ? 'lure_plain' : 'lure_decoy', lang };
}

function composeJudol(d: Dice, parts: Parts): Draft {
  const j = parts.judol;
  const s = parts.scam;
  const platform = pickPlatform(d);
  const job = d.part(j.jobs);
  const place = d.part(j.places);
  const php = place === 'Manila';
  const lo = php ? d.int(35, 55) * 1000 : d.int(8, 15) * 100;
  const pay = d.chance(0.5) ? payIdr(d, d.int(7, 17), d.int(12, 20)) : payForeign(d, php ? 'PHP' : 'USD', lo, lo + (php ? 10000 : d.int(2, 6) * 100));
  const perks = d.parts(s.perks.id, 1, 3);
  const extras = d.parts(j.extras, 1, 2).map((e) => fill(e, d, parts));
  const reqs = d.parts(s.reqs.id, 1, 2);
  const contact = fill(d.part(s.contacts.id), d, parts);
  const head = d.pick([`DIBUTUHKAN ${job.toUpperCase()} 🎰`, `Loker ${job}`, `Open rekrut ${job.toLowerCase()}`, `Butuh cepat ${job.toLowerCase()}`, `${job} — ${place}`, `Cari ${job.toLowerCase()}`]);
  if (platform === 'tiktok' || platform === 'x') {
    const text = `${head.toLowerCase()} di ${place}, gaji ${pay}, ${perks.join(', ')}, ${reqs.join(', ')}. ${extras.join(', ')}. ${contact.toLowerCase()}${platform === 'tiktok' ? ' #kerjaluarnegeri #fyp' : ''}`;
    return { platform, text, category: 'judol_open', lang: 'id' };
  }
  const b = bullets(d);
  const lines = [head, `Lokasi: ${place}`, `Gaji: ${pay}`, ...perks.map((p) => b(capFirst(p))), ...extras.map((e) => capFirst(e)), `Syarat: ${reqs.join(', ')}`, contact];
  return { platform, text: lines.join('\n'), category: 'judol_open', lang: 'id' };
}

function cityTag(city: string): string {
  return city.toLowerCase().replace(/[^a-z]/g, '');
}

function composeDomestic(d: Dice, parts: Parts): Draft {
  const p = parts.domestic;
  const city = d.part(p.cities);
  const extra = { city, cityUpper: city.toUpperCase(), cityTag: cityTag(city) };
  const group = d.pick(p.jobGroups);
  const employer = fill(d.part(group.employers), d, parts, { w: d.part(p.words), w2: d.part(p.words2), w3: d.pick(p.words3), city });
  const job = d.part(group.jobs);
  const platform = pickPlatform(d);
  const lo = d.int(20, 50) / 10;
  const hi = Math.min(6.5, lo + d.int(3, 12) / 10);
  const pay = d.pick([payIdr(d, lo, hi), payIdr(d, lo, hi), `UMK ${city}`, `UMR + lembur`, `Rp${d.int(20, 40) * 5}rb/hari`, payIdr(d, lo, hi)]);
  const reqs = d.parts(p.reqs, 2, 4).map((r) => fill(r, d, parts, extra));
  const perks = d.parts(p.perks, 1, 4);
  const email = `${d.pick(['hrd', 'rekrutmen', 'karir', 'lamaran', 'admin'])}.${cityTag(employer).slice(0, 14)}0000@gmail.com`;
  const addr = `${d.pick(['Jl. Merdeka', 'Jl. Sudirman', 'Jl. Ahmad Yani', 'Jl. Diponegoro', 'Jl. Pahlawan', 'Jl. Raya Industri', 'Ruko Sentra Niaga'])} No. ${d.int(1, 120)}, ${city}`;
  const contact = fill(d.part(p.contacts), d, parts, { ...extra, email, addr });
  const hard = d.chance(0.35) ? fill(d.part(p.hardNegatives), d, parts, extra) : '';
  const tags = d.parts(p.hashtags, 2, 4).map((t) => fill(t, d, parts, extra)).join(' ');
  const lang: Lang = d.chance(0.1) ? 'mixed' : 'id';
  const opener = lang === 'mixed' ? d.pick(["We're hiring! 🙌", 'HIRING NOW', 'Join our team ✨', 'Open recruitment']) : fill(d.part(p.openers), d, parts, extra);
  let text: string;
  if (platform === 'tiktok' || platform === 'x') {
    text = `${opener.toLowerCase()} ${job.toLowerCase()} di ${employer}, ${city}. ${reqs.slice(0, 2).join(', ')}, gaji ${pay}${perks.length ? ` + ${perks.slice(0, 2).join(', ')}` : ''}. ${hard} ${contact}${platform === 'tiktok' ? ` ${tags}` : ''}`;
  } else if (d.chance(0.25)) {
    text = [
      `${d.pick(['LOWONGAN', 'Posisi', 'Lowongan Kerja'])}: ${job}`,
      `${employer}, ${city}`,
      d.pick(['Deskripsi Pekerjaan:', 'Tanggung jawab:', 'Uraian tugas:']),
      ...d.parts(p.duties, 2, 3).map((x) => `- ${x}`),
      d.pick(['Kualifikasi:', 'Persyaratan:']),
      ...reqs.map((r) => `- ${capFirst(r)}`),
      d.pick(['Benefit:', 'Fasilitas:']),
      `- Gaji ${pay}`,
      ...perks.map((x) => `- ${capFirst(x)}`),
      hard,
      contact,
    ].filter((l) => l.trim()).join('\n');
  } else if (d.chance(0.6)) {
    const b = bullets(d);
    text = [
      opener,
      `${job} — ${employer}, ${city}`,
      ...reqs.map((r) => b(capFirst(r))),
      `Gaji ${pay}${perks.length ? `, ${perks.join(', ')}` : ''}`,
      hard,
      contact,
      platform === 'instagram' ? tags : '',
    ].filter((l) => l.trim()).join('\n');
  } else {
    text = `${opener}. ${employer} ${d.pick(['membutuhkan', 'mencari', 'butuh'])} ${job.toLowerCase()} ${d.pick(['untuk', 'penempatan', 'di'])} ${city}. Syarat: ${reqs.join(', ')}. Gaji ${pay}, ${perks.join(', ')}. ${hard} ${contact}`;
  }
  return { platform, text: text.replace(/ {2,}/g, ' ').trim(), category: 'domestic_job', lang };
}

function composeProfessional(d: Dice, parts: Parts): Draft {
  const p = parts.professional;
  const role = d.part(p.roles);
  const loc = d.part(p.locations);
  const years = d.int(2, 10);
  const platform = pickPlatform(d);
  let pay: string;
  switch (loc.cur) {
    case 'IDR': pay = payIdr(d, d.int(15, 30), d.int(30, 45)); break;
    case 'SGD': pay = payForeign(d, 'SGD', d.int(50, 80) * 100, d.int(80, 110) * 100); break;
    case 'JPY': pay = d.pick([`¥${d.int(4, 6)},${d.int(0, 9)} juta/tahun`, `${d.int(400, 700)}万円/tahun`, `JPY ${d.int(4, 7)}M per year`]); break;
    case 'MYR': pay = payForeign(d, 'MYR', d.int(8, 14) * 1000, d.int(15, 22) * 1000); break;
    case 'AED': pay = payForeign(d, 'AED', d.int(12, 20) * 1000, d.int(20, 30) * 1000); break;
    case 'EUR': pay = payForeign(d, 'EUR', d.int(35, 50) * 100, d.int(50, 65) * 100); break;
    case 'KRW': pay = `KRW ${d.int(40, 60)} juta/tahun`; break;
    default: pay = payIdr(d, 15, 30);
  }
  const company = `${d.pick(['PT', 'PT', 'Perusahaan', 'Startup'])} ${d.part(parts.domestic.words)} ${d.part(parts.domestic.words2)}`;
  const email = `careers@${cityTag(company).slice(2, 16)}.co.id`;
  const apply = fill(d.part(p.apply), d, parts, { email });
  const abroad = loc.cur !== 'IDR';
  // Site rosters belong to Indonesian mines; visas and passes to jobs abroad.
  const perks = d.parts(p.perks.filter((x) => (abroad ? !/roster|BPJS/.test(x) : !/visa|pass/i.test(x))), 1, 3);
  const english = d.chance(abroad ? 0.45 : 0.2);
  const lang: Lang = english ? (d.chance(0.5) ? 'en' : 'mixed') : 'id';
  let text: string;
  if (lang === 'en') {
    text = [
      `${d.pick(["We're hiring:", 'Job opening:', '[HIRING]', 'Now hiring'])} ${role.title} — ${loc.where}`,
      `Requirements: ${role.degree}, ${years}+ years of experience, ${role.skills}.`,
      `Salary ${pay}. ${abroad ? d.pick(['Work visa sponsored by the employer.', 'Employment pass arranged by the company.', 'Relocation support and work permit provided.']) : 'BPJS and private insurance.'}`,
      d.pick(['Apply through our official careers page.', 'Written offer letter after three interview rounds.', 'No agents, no fees.', `Send your CV to ${email}.`]),
    ].join(platform === 'x' || platform === 'tiktok' ? ' ' : '\n');
  } else {
    const b = bullets(d);
    const lines = [
      `${d.part(p.openers)} ${role.title} — ${company}`,
      `Lokasi: ${loc.where}`,
      b(`Pendidikan: ${role.degree}`),
      b(`Pengalaman min. ${years} tahun${d.chance(0.5) ? ' di bidang yang sama' : ''}`),
      b(`Keahlian: ${role.skills}`),
      `${lang === 'mixed' ? 'Salary' : 'Gaji'} ${pay}${perks.length ? ` + ${perks.join(', ')}` : ''}`,
      abroad ? d.pick(['Visa kerja disponsori perusahaan', 'Kontrak kerja & offer letter tertulis sebelum berangkat', 'Employment Pass diurus perusahaan', 'Relokasi dan izin kerja resmi dibantu perusahaan']) : '',
      apply,
    ].filter((l) => l.trim());
    text = platform === 'x' || platform === 'tiktok' ? lines.join('. ').replace(/\.\./g, '.') : lines.join('\n');
  }
  return { platform, text, category: 'professional_job', lang };
}

function romanMonth(m: number): string {
  return ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'][m - 1] ?? 'X';
}

function composeLegal(d: Dice, parts: Parts): Draft {
  const l = parts.legal;
  const program = d.part(l.programs);
  const platform = pickPlatform(d);
  const p3mi = d.part(l.p3mi);
  const sip = `SIP2MI No. ${String(d.int(100, 999)).padStart(4, '0')}/KP2MI/SIP2MI/${romanMonth(d.int(8, 11))}/2026`;
  const markers = d.parts(l.markers, 1, 4);
  const free = d.part(l.freeCost);
  const office = d.part(l.offices);
  const officeContact = d.chance(0.35) ? `Kantor cabang ${office}, WA admin kantor ${fakePhone(d).pretty}` : `Kantor cabang ${office}, datang langsung jam kerja`;
  let head: string;
  let body: string[];
  switch (program) {
    case 'eps': {
      const sector = d.part(l.eps_sectors);
      head = d.pick([`PENGUMUMAN PENDAFTARAN UJIAN EPS-TOPIK 2026 SEKTOR ${sector.toUpperCase()}`, `Info G to G Korea Selatan (EPS) — sektor ${sector}`, `Lowongan resmi Korea 🇰🇷 sektor ${sector} (program EPS)`]);
      body = [
        `PENG. ${d.int(1000, 2999)}/04.04/PP.02.04/${romanMonth(d.int(8, 11))}/2026`,
        `Syarat: usia 18-39 tahun, pendidikan min. SLTP, sehat, tidak buta warna`,
        `Wajib lulus EPS-TOPIK (membaca & mendengar) dan uji keterampilan`,
        `Gaji sesuai upah minimum Korea (${d.pick(['KRW 2.096.270/bulan', '±Rp23–30 juta', 'KRW 10.030/jam'])})`,
        d.pick(['Tidak dipungut biaya selain biaya ujian resmi', free]),
      ];
      break;
    }
    case 'ssw': {
      const sector = d.part(l.ssw_sectors);
      head = d.pick([`Program SSW (Tokutei Ginou) Jepang 🇯🇵 bidang ${sector}`, `Lowongan resmi Jepang — Specified Skilled Worker, ${sector}`, `Job order SSW bidang ${sector}`]);
      body = [
        `Syarat bahasa: ${d.pick(['JLPT N4', 'JFT-Basic A2', 'JLPT N4 atau JFT-Basic A2'])} + lulus ujian keterampilan bidang ${sector}`,
        `Gaji ${payForeign(d, 'JPY', d.int(170, 230) * 1000, 240000)}`,
        d.pick(['Visa kerja SSW diurus melalui JVAC', 'Visa kerja resmi, bukan visa turis', 'Berangkat dengan visa kerja Tokutei Ginou']),
        `Penyalur: ${p3mi}, ${sip}`,
      ];
      break;
    }
    case 'taiwan': {
      const caregiver = d.chance(0.5);
      head = caregiver ? 'Lowongan resmi Caregiver (perawat lansia) Taiwan 🇹🇼' : 'Lowongan resmi Operator Pabrik Taiwan 🇹🇼';
      body = [
        `P3MI: ${p3mi}, ${sip}`,
        `Gaji ${caregiver ? 'NT$20.000' : payForeign(d, 'TWD', 28590, 30000)}/bulan sesuai ketentuan Taiwan`,
        caregiver ? free : 'Biaya penempatan sesuai ketentuan resmi, rincian tertulis di perjanjian penempatan',
        `Syarat: usia ${d.pick(['20-40', '21-35', '18-40'])}, min. ${d.pick(['SMP', 'SMA'])}, sehat`,
      ];
      break;
    }
    case 'hongkong':
      head = 'Lowongan PLRT (Penata Laksana Rumah Tangga) Hong Kong 🇭🇰';
      body = [`P3MI: ${p3mi}, ${sip}`, `Gaji HK$4.990 + uang makan HK$1.236 sesuai ketentuan`, free, 'Pelatihan di BLK-LN, uji kompetensi, visa kerja'];
      break;
    case 'malaysia':
      head = d.pick(['Lowongan resmi Operator Kilang — Malaysia 🇲🇾', 'Lowongan resmi Pekerja Ladang Sawit — Sabah, Malaysia', 'Job order resmi Malaysia (pabrik elektronik)']);
      body = [`P3MI: ${p3mi}, ${sip}`, `Gaji minimum RM1.700/bulan + lembur`, 'Berangkat dengan visa kerja (PLKS), bukan visa turis', free];
      break;
    case 'singapore':
      head = 'Lowongan Caregiver / PRT Singapura 🇸🇬 (P3MI resmi)';
      body = [`P3MI: ${p3mi}, ${sip}`, `Gaji ${payForeign(d, 'SGD', d.int(7, 8) * 100, 900)}/bulan, makan & tempat tinggal dari majikan`, free, 'Work Permit, kontrak ditandatangani di Indonesia'];
      break;
    default:
      head = d.pick(['Seleksi Program Magang ke Jepang (Kemnaker) dibuka', 'Info magang Jepang resmi lewat Disnaker']);
      body = [`Peserta pria ${d.pick(['18-26', '19-28'])} th, SMA/SMK, lulus tes fisik & tertulis`, 'Pelatihan bahasa sebelum berangkat, gratis', 'Tidak ada pungutan biaya apa pun', `Daftar ke Disnaker ${office}`];
  }
  const all = [...body, ...markers, officeContact];
  const tags = platform === 'instagram' || platform === 'tiktok' ? ` ${d.parts(['#PMIResmi', '#kerjadijepang', '#EPSTOPIK', '#kerjaluarnegeri', '#migrasiaman', '#lokerluarnegeri', '#BP2MI'], 2, 3).join(' ')}` : '';
  const text = platform === 'x' || platform === 'tiktok'
    ? `${head}. ${all.slice(0, 4).join('. ')}.${tags}`
    : `${head}\n${all.map(bullets(d)).join('\n')}${tags ? `\n${tags.trim()}` : ''}`;
  return { platform, text, category: 'legal_placement', lang: 'id' };
}

function composeNews(d: Dice, parts: Parts): Draft {
  const n = parts.news;
  const platform = pickPlatform(d);
  const real = d.part(parts.scam.realDest);
  // Overland onward travel only makes sense from the South-East Asian decoys.
  const decoy = d.part(parts.scam.decoyDest.filter((x) => x.cur === 'THB' || x.cur === 'MYR' || x.cur === 'SGD'));
  const extra = {
    agency: d.part(n.agencies), place: real.place, country: real.country, port: d.part(n.ports), origin: d.part(n.origins),
    decoy: decoy.place, job: d.part(parts.scam.jobs.id).toLowerCase(),
    pay: d.chance(0.5) ? payIdr(d, d.int(10, 20), d.int(18, 25)) : payForeign(d, 'USD', d.int(8, 15) * 100, 2000),
    platform: d.pick(['Facebook', 'TikTok', 'Instagram', 'grup WhatsApp', 'Telegram', 'X']),
    n: String(d.int(4, 120)),
  };
  const head = d.part(n.heads);
  const event = fill(d.part(n.events), d, parts, extra);
  const modus = d.parts(n.modus, 1, 2).map((m) => fill(m, d, parts, extra));
  const advice = d.parts(n.advice, 1, 2);
  const tags = platform === 'instagram' || platform === 'tiktok' ? ` ${d.parts(['#WaspadaOnlineScam', '#TPPO', '#beritaterkini', '#waspada', '#migrasiaman', '#stoptppo', '#fyp'], 2, 3).join(' ')}` : '';
  const text = `${head ? `${head} ` : ''}${event}. ${modus.join(' ')} ${advice.join(' ')}${tags}`.replace(/\s{2,}/g, ' ').trim();
  return { platform, text, category: 'news_warning', lang: 'id' };
}

// ---------- base posts ----------

interface BasePost extends Draft {
  label: Label;
}

const Header = z.tuple([Category, z.enum(['scam', 'legit']), Lang, Platform]);

/** Reads `@@ category label lang platform` blocks; lines before the first header are comments. */
export function parseBaseFile(content: string, file: string): BasePost[] {
  const posts: BasePost[] = [];
  let current: { head: z.infer<typeof Header>; lines: string[] } | undefined;
  const flush = () => {
    if (!current) return;
    const text = current.lines.join('\n').trim();
    if (text.length === 0) throw new Error(`${file}: empty post`);
    const [category, label, lang, platform] = current.head;
    if (SCAM_CATEGORIES.has(category) !== (label === 'scam')) throw new Error(`${file}: label ${label} does not match ${category}`);
    posts.push({ category, label, lang, platform, text });
  };
  for (const line of content.split('\n')) {
    if (line.startsWith('@@ ')) {
      flush();
      const head = Header.safeParse(line.slice(3).trim().split(/\s+/));
      if (!head.success) throw new Error(`${file}: bad header "${line}"`);
      current = { head: head.data, lines: [] };
    } else if (current) {
      current.lines.push(line);
    }
  }
  flush();
  return posts;
}

function loadBases(): BasePost[] {
  const dir = `${CORPUS_DIR}bases/`;
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()
    .flatMap((f) => parseBaseFile(readFileSync(`${dir}${f}`, 'utf8'), f));
}

/**
 * Eval bases: those whose text hashes (FNV-1a) to 0 mod 5. A post's split depends only on its own text, so adding or
 * editing other posts never moves it between splits.
 */
function assignHandwrittenSplits(bases: BasePost[]): Split[] {
  const modulus = Math.round(1 / EVAL_SHARE);
  return bases.map((b) => (fnv1a(b.text) % modulus === 0 ? 'eval' : 'train'));
}

/** Variants of one post: scams get obfuscated or re-posted with a new number; legit posts get restyled. */
function variantsOf(base: Draft, label: Label, d: Dice, count: number): Draft[] {
  const out: Draft[] = [];
  for (let i = 0; i < count; i++) {
    if (label === 'scam' && (base.category !== 'judol_open' || d.chance(0.5)) && d.chance(0.75)) {
      const names = d.parts(OBFUSCATIONS, 1, 3);
      if (d.chance(0.4)) names.push(d.pick(RESTYLES));
      const text = applyTransforms(swapContacts(base.text, d), d, names);
      const category: Category = base.category === 'judol_open' ? 'judol_open' : 'lure_obfuscated';
      out.push({ ...base, text, category, platform: d.chance(0.5) ? base.platform : pickPlatform(d) });
    } else {
      const multiLine = base.text.includes('\n');
      const names = d.parts(RESTYLES.filter((n) => n !== 'stylizeHeader' || (multiLine && label === 'legit')), 1, 2);
      if (names.includes('stylizeHeader') && names.includes('squash')) names.splice(names.indexOf('squash'), 1);
      const prefix = d.chance(0.3) ? `${d.pick(['Repost:', 'Info dari grup sebelah 👇', 'Share ulang ya', 'UP', 'Sharing aja ya guys', 'Dapet info ini dari temen'])}\n` : '';
      const text = prefix + applyTransforms(swapContacts(base.text, d), d, names);
      out.push({ ...base, text, platform: d.chance(0.5) ? base.platform : pickPlatform(d) });
    }
  }
  return out;
}

/** How many generated bases per category, and how many extra variants each may get. */
const GENERATED: Array<{ category: Category; count: number; maxVariants: number }> = [
  { category: 'lure_plain', count: 45, maxVariants: 2 },
  { category: 'lure_decoy', count: 55, maxVariants: 2 },
  { category: 'judol_open', count: 25, maxVariants: 1 },
  { category: 'domestic_job', count: 100, maxVariants: 1 },
  { category: 'professional_job', count: 40, maxVariants: 1 },
  { category: 'legal_placement', count: 45, maxVariants: 1 },
  { category: 'news_warning', count: 50, maxVariants: 1 },
];

function compose(category: Category, d: Dice, parts: Parts): Draft {
  switch (category) {
    case 'lure_plain': return composeLure(d, parts, 'plain');
    case 'lure_decoy': return composeLure(d, parts, 'decoy');
    case 'lure_obfuscated': {
      const lure = composeLure(d, parts, d.chance(0.5) ? 'plain' : 'decoy');
      return { ...lure, category, text: applyTransforms(lure.text, d, d.parts(OBFUSCATIONS, 1, 3)) };
    }
    case 'judol_open': return composeJudol(d, parts);
    case 'domestic_job': return composeDomestic(d, parts);
    case 'professional_job': return composeProfessional(d, parts);
    case 'legal_placement': return composeLegal(d, parts);
    case 'news_warning': return composeNews(d, parts);
    case 'other_post': throw new Error('other_post is hand-written only');
  }
}

export function buildCorpus(seed: number): CorpusRow[] {
  const parts = Parts.parse(JSON.parse(readFileSync(`${CORPUS_DIR}parts.json`, 'utf8')));
  // One dice per base, seeded from the base's own text or slot, so adding a post elsewhere changes nothing here.
  const diceFor = (key: string, split: Split): Dice => {
    const dice = new Dice(mulberry32((seed ^ fnv1a(key)) >>> 0));
    dice.split = split;
    return dice;
  };
  const rows: CorpusRow[] = [];
  const seen = new Set<string>();
  let baseNo = 0;
  const push = (draft: Draft, split: Split, base: string) => {
    const text = draft.text.trim();
    const key = text.toLowerCase().replace(/\s+/g, ' ');
    if (seen.has(key) || text.length < 20) return;
    seen.add(key);
    const label: Label = SCAM_CATEGORIES.has(draft.category) ? 'scam' : 'legit';
    rows.push({ id: '', platform: draft.platform, text, label, category: draft.category, lang: draft.lang, split, base });
  };

  const bases = loadBases();
  const splits = assignHandwrittenSplits(bases);
  bases.forEach((b, i) => {
    const base = `b${String(++baseNo).padStart(4, '0')}`;
    const split = splits[i] ?? 'train';
    const d = diceFor(b.text, split);
    push(b, split, base);
    const n = b.label === 'scam' ? d.int(1, 2) : d.int(0, 1);
    for (const v of variantsOf(b, b.label, d, n)) push(v, split, base);
  });

  for (const { category, count, maxVariants } of GENERATED) {
    for (let i = 0; i < count; i++) {
      const base = `b${String(++baseNo).padStart(4, '0')}`;
      // Every fifth generated base of a category goes to eval (EVAL_SHARE = 0.2).
      const d = diceFor(`${category}:${i}`, i % Math.round(1 / EVAL_SHARE) === 2 ? 'eval' : 'train');
      const draft = compose(category, d, parts);
      push(draft, d.split, base);
      for (const v of variantsOf(draft, SCAM_CATEGORIES.has(category) ? 'scam' : 'legit', d, d.int(0, maxVariants))) push(v, d.split, base);
    }
  }
  return rows.map((r, i) => ({ ...r, id: `c${String(i + 1).padStart(4, '0')}` }));
}

/** Rewrites the counts table between the markers in fixtures/corpus/README.md. */
function writeCountsIntoReadme(rows: CorpusRow[], handwrittenCount: number): void {
  const readme = `${CORPUS_DIR}README.md`;
  const text = readFileSync(readme, 'utf8');
  const start = '<!-- counts: written by scripts/build-corpus.ts -->';
  const end = '<!-- /counts -->';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) return;
  const n = (f: (r: CorpusRow) => boolean) => rows.filter(f).length;
  const lines = ['| category | label | train | eval | total | bases |', '|---|---|---|---|---|---|'];
  for (const c of Category.options) {
    const inC = rows.filter((r) => r.category === c);
    lines.push(`| ${c} | ${SCAM_CATEGORIES.has(c) ? 'scam' : 'legit'} | ${inC.filter((r) => r.split === 'train').length} | ${inC.filter((r) => r.split === 'eval').length} | ${inC.length} | ${new Set(inC.map((r) => r.base)).size} |`);
  }
  for (const label of ['scam', 'legit'] as const) {
    lines.push(`| **all ${label}** | ${label} | ${n((r) => r.label === label && r.split === 'train')} | ${n((r) => r.label === label && r.split === 'eval')} | ${n((r) => r.label === label)} | ${new Set(rows.filter((r) => r.label === label).map((r) => r.base)).size} |`);
  }
  lines.push(`| **total** | | ${n((r) => r.split === 'train')} | ${n((r) => r.split === 'eval')} | ${rows.length} | ${new Set(rows.map((r) => r.base)).size} |`);
  const langs = Lang.options.map((l) => `${l} ${n((r) => r.lang === l)}`).join(', ');
  const platforms = Platform.options.map((p) => `${p} ${n((r) => r.platform === p)}`).join(', ');
  // Hand-written bases are numbered first, so their ids sort below the generated ones.
  const lastHandwritten = `b${String(handwrittenCount).padStart(4, '0')}`;
  const handwrittenRows = rows.filter((r) => r.base <= lastHandwritten);
  const body = `${lines.join('\n')}\n\nLanguages: ${langs}. Platforms: ${platforms}. Hand-written bases: ${new Set(handwrittenRows.map((r) => r.base)).size}, b0001–${lastHandwritten} (${handwrittenRows.length} rows with their variants, ${handwrittenRows.filter((r) => r.split === 'eval').length} of them in eval); the rest are generated.\n`;
  writeFileSync(readme, `${text.slice(0, from + start.length)}\n${body}${text.slice(to)}`);
}

function main(): void {
  const args = process.argv.slice(2);
  const seedArg = args.indexOf('--seed');
  const seed = seedArg >= 0 ? Number(args[seedArg + 1]) : DEFAULT_SEED;
  if (!Number.isInteger(seed)) throw new Error('--seed needs an integer');
  const rows = buildCorpus(seed);
  const out = rows.map((r) => JSON.stringify({ id: r.id, platform: r.platform, text: r.text, label: r.label, category: r.category, lang: r.lang, split: r.split, base: r.base })).join('\n') + '\n';
  const file = `${CORPUS_DIR}corpus.jsonl`;
  if (args.includes('--check')) {
    const current = readFileSync(file, 'utf8');
    if (current !== out) throw new Error('corpus.jsonl is out of date: run node --import tsx scripts/build-corpus.ts');
    process.stdout.write(`corpus.jsonl is up to date (${rows.length} rows)\n`);
    return;
  }
  writeFileSync(file, out);
  writeCountsIntoReadme(rows, loadBases().length);
  const count = (f: (r: CorpusRow) => string) => rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [f(r)]: (acc[f(r)] ?? 0) + 1 }), {});
  process.stdout.write(`${JSON.stringify({ rows: rows.length, bases: new Set(rows.map((r) => r.base)).size, label: count((r) => r.label), split: count((r) => r.split), splitLabel: count((r) => `${r.split}/${r.label}`), category: count((r) => r.category), lang: count((r) => r.lang), platform: count((r) => r.platform) }, null, 1)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
