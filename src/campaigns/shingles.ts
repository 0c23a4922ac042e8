// Turns a post into the set of 5-character shingles that near-duplicate detection compares: contacts and
// links are stripped (the entity graph matches them exactly), obfuscation undone, numbers masked.

/** Shingle width in characters of the canonical text. Five spans word joins, so reordered lines keep most shingles. */
export const SHINGLE_WIDTH = 5;

// Contacts vary between reposts of one lure and are matched through the entity graph instead, so they are
// removed before shingling. Spaced or dotted digits ("0812 3456 7890", "+62-812...") count as one number.
const URL = /\b(?:https?:\/\/|www\.)\S+|\b(?:[a-z0-9-]+\.)+(?:com|id|me|ly|net|org|co|io|link|site|xyz|info|biz|online|app|gl|gg|cc|to)(?:\/\S*)?/giu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const HANDLE = /@[\p{L}\p{N}_.]{3,}/gu;
const PHONE = /\+?\d(?:[\s.\-()/]{0,3}\d){7,}/gu;

/** Removes URLs, e-mail addresses, @handles and phone numbers. */
export function stripContacts(text: string): string {
  return text.replace(URL, ' ').replace(EMAIL, ' ').replace(HANDLE, ' ').replace(PHONE, ' ');
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const COMBINING_MARK = /\p{M}/gu;

/**
 * Lower-case letters and digits, one space between words, every run of digits folded to "0" so a changed
 * salary or quota ("gaji 15 juta" → "gaji 18 juta") does not change the shingles.
 */
export function foldText(text: string): string {
  const folded = text.normalize('NFKD').replace(COMBINING_MARK, '').toLowerCase();
  let out = '';
  let pendingSpace = false;
  let inDigits = false;
  for (const ch of folded) {
    const code = ch.charCodeAt(0);
    const isDigit = code >= 48 && code <= 57;
    const isWord = isDigit || (code >= 97 && code <= 122) || (code >= 128 && LETTER_OR_DIGIT.test(ch));
    if (!isWord) {
      pendingSpace = out.length > 0;
      inDigits = false;
      continue;
    }
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    if (isDigit) {
      if (!inDigits) out += '0';
      inDigits = true;
      continue;
    }
    inDigits = false;
    out += ch;
  }
  return out;
}

/** Identity until the extractor's normalizer is wired in. */
function normalize(text: string): string {
  return text;
}

/** The text that shingles are cut from. Contacts go first: undoing leetspeak would turn digits of a phone number into letters. */
export function canonicalText(text: string): string {
  return foldText(normalize(stripContacts(text)));
}

/** 32-bit FNV-1a hashes of every SHINGLE_WIDTH-character window of the canonical text (duplicates kept; MinHash ignores them). */
export function shingleHashes(text: string): Uint32Array {
  const canonical = canonicalText(text);
  const n = canonical.length - SHINGLE_WIDTH + 1;
  if (n <= 0) return new Uint32Array(0);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < SHINGLE_WIDTH; j++) h = Math.imul(h ^ canonical.charCodeAt(i + j), 0x01000193);
    out[i] = h >>> 0;
  }
  return out;
}
