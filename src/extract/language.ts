// Language of a post: Indonesian, English, Malay, mixed, or a script-based guess for other languages
// (which are still processed, only with fewer matches).
import type { Doc } from './document.js';
import { VOCABULARY } from './vocabulary.js';

// Function words that separate the three languages most posts are written in.
const WORDS: Record<'id' | 'en' | 'ms', ReadonlySet<string>> = {
  id: new Set(['yang', 'dan', 'di', 'untuk', 'dengan', 'tidak', 'ini', 'itu', 'ada', 'kerja', 'kami', 'anda', 'bisa', 'dari', 'ke', 'akan', 'sudah', 'juga', 'atau', 'karena', 'tanpa', 'bulan', 'lowongan', 'gaji', 'hubungi', 'saja', 'kakak', 'juragan', 'dibutuhkan', 'pekerjaan', 'bagi', 'minat', 'banyak', 'saya', 'mereka', 'menjadi', 'oleh', 'pada', 'dalam', 'tersebut', 'adalah']),
  en: new Set(['the', 'and', 'for', 'with', 'you', 'we', 'are', 'is', 'job', 'salary', 'to', 'of', 'in', 'our', 'your', 'will', 'this', 'that', 'be', 'as', 'on', 'have', 'experience', 'work', 'company', 'apply', 'per', 'month', 'required', 'team']),
  ms: new Set(['awak', 'kerana', 'boleh', 'sahaja', 'percuma', 'jawatan', 'kosong', 'syarikat', 'tuan', 'cik', 'mahu', 'bekerja', 'anda', 'sila', 'hubungi', 'kami', 'untuk', 'dengan', 'tidak', 'gaji', 'bulan', 'yang', 'dan', 'ialah', 'telah', 'oleh', 'kepada', 'seperti', 'adalah', 'semua', 'wang', 'pekerjaan', 'ringgit', 'berminat']),
};
// Words only Malay uses; shared words alone are read as Indonesian.
const MS_ONLY = new Set(['awak', 'kerana', 'boleh', 'sahaja', 'percuma', 'jawatan', 'kosong', 'syarikat', 'cik', 'mahu', 'sila', 'ialah', 'wang', 'ringgit']);

// One lookup per token, by vocabulary id: bit 1 Indonesian, 2 English, 4 Malay-only.
const MASK_BY_WORD = new Map<string, number>();
for (const w of WORDS.id) MASK_BY_WORD.set(w, (MASK_BY_WORD.get(w) ?? 0) | 1);
for (const w of WORDS.en) MASK_BY_WORD.set(w, (MASK_BY_WORD.get(w) ?? 0) | 2);
for (const w of MS_ONLY) MASK_BY_WORD.set(w, (MASK_BY_WORD.get(w) ?? 0) | 4);
const MASK_IDS = new Map<number, number>();
for (const [w, m] of MASK_BY_WORD) MASK_IDS.set(VOCABULARY.add(w), m);
// Indexed by id + 1, so an unknown word (-1) reads 0 like any word of no language: no branch on it in the scan.
const MASK = new Uint8Array(VOCABULARY.size + 2);
for (const [id, m] of MASK_IDS) MASK[id + 1] = m;

const SCRIPT_LANGUAGES = ['th', 'km', 'my', 'zh', 'ko', 'ja', 'vi'];

export function detectLanguage(doc: Doc): string {
  const sc = doc.norm.scripts;
  const latinTokens = doc.ids.length;
  // The script with the most characters, the first listed winning ties.
  const counts = [sc.thai, sc.khmer, sc.burmese, sc.cjk, sc.hangul, sc.kana, sc.vietnamese];
  let top = 0;
  for (let k = 1; k < counts.length; k++) if ((counts[k] as number) > (counts[top] as number)) top = k;
  const topScript: [string, number] = [SCRIPT_LANGUAGES[top] as string, counts[top] as number];
  let id = 0;
  let en = 0;
  let msOnly = 0;
  const ids = doc.ids;
  const limit = Math.min(ids.length, 400);
  // Counted without branching on the bits: whether a token is a function word follows no pattern a CPU predicts.
  for (let i = 0; i < limit; i++) {
    const at = (ids[i] as number) + 1;
    const m = at < MASK.length ? (MASK[at] as number) : 0; // words registered after this module have no language
    id += m & 1;
    en += (m >> 1) & 1;
    msOnly += (m >> 2) & 1;
  }
  if (topScript[1] > 10 && topScript[1] > (id + en) * 3) return topScript[0];
  const ms = msOnly >= 2 ? msOnly * 2 + id * 0.5 : 0;
  // Indonesian, English and Malay ranked by score, the first listed winning ties.
  const idScore = ms > 0 ? id * 0.5 : id;
  let first = 'id';
  let firstScore = idScore;
  let second = en;
  if (en > firstScore) {
    second = firstScore;
    first = 'en';
    firstScore = en;
  }
  if (ms > firstScore) {
    second = firstScore;
    first = 'ms';
    firstScore = ms;
  } else if (ms > second) second = ms;
  if (firstScore === 0) return latinTokens === 0 && topScript[1] > 0 ? topScript[0] : 'und';
  if (second >= 2 && second >= firstScore * 0.4) return 'mixed';
  return first;
}
