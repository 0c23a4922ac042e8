// Turns a post into the 5-character shingles that near-duplicate detection compares: contacts and links
// are stripped (the entity graph matches them exactly), obfuscation undone, numbers masked.
import { normalizeText } from '../extract/normalize.js';

/** Shingle width in characters of the canonical text. Five spans word joins, so reordered lines keep most shingles. */
export const SHINGLE_WIDTH = 5;

// Contacts vary between reposts of one lure and are matched through the entity graph instead, so they are
// removed, after normalizing: the normalizer keeps links, addresses and digit runs intact and turns spelled-out
// or letter-disguised numbers ("nol delapan satu dua", "O812") into digits first. Spaced or dotted digits
// ("0812 3456 7890", "+62-812...") count as one number. E-mail and URL patterns are costly on every
// character, so they only run when their marker character occurs at all.
const URL = /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|id|me|ly|net|org|co|io|link|site|xyz|info|biz|online|app|gl|gg|cc|to)\b(?:\/\S*)?/gi;
const EMAIL = /[\w.%+-]+@[\w.-]+\.[a-z]{2,}/gi;
const HANDLE = /@[\w.]{3,}/g;
const PHONE = /\+?\d(?:[\s.\-()/]{0,3}\d){7,}/g;

/** Removes URLs, e-mail addresses, @handles and phone numbers. */
export function stripContacts(text: string): string {
  let out = text;
  if (out.includes('@')) out = out.replace(EMAIL, ' ').replace(HANDLE, ' ');
  if (out.includes('.')) out = out.replace(URL, ' ');
  return out.replace(PHONE, ' ');
}

// 1 for UTF-16 units that belong to words: ASCII letters and digits, any BMP letter or number, and surrogates
// (checked as a pair on the slow path). Built once so the fold loop makes no regex calls.
const WORD_UNIT = new Uint8Array(65536);
{
  const letterOrNumber = /[\p{L}\p{N}]/u;
  for (let c = 0; c < 65536; c++) {
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90)) WORD_UNIT[c] = 1;
    else if (c >= 0xd800 && c <= 0xdbff) WORD_UNIT[c] = 2;
    else if (c >= 128 && !(c >= 0xdc00 && c <= 0xdfff) && letterOrNumber.test(String.fromCharCode(c))) WORD_UNIT[c] = 1;
  }
}
const ASTRAL_LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
const ZERO = 48;
const SPACE = 32;

let scratch = new Uint16Array(4096);

/**
 * Writes the canonical form of already-normalized text into `scratch` and returns its length: lower-case
 * word characters, one space between words, and every run of digits folded to "0" so a changed salary or
 * quota ("gaji 15 juta" → "gaji 18 juta") leaves the shingles alone. Emoji and punctuation separate words.
 */
function foldInto(normalized: string): number {
  if (scratch.length < normalized.length + 1) scratch = new Uint16Array(normalized.length * 2);
  const out = scratch;
  let n = 0;
  let pendingSpace = false;
  let inDigits = false;
  for (let i = 0; i < normalized.length; i++) {
    let code = normalized.charCodeAt(i);
    const kind = WORD_UNIT[code]!;
    let width = 1;
    if (kind === 2) {
      const pair = normalized.codePointAt(i)!;
      width = pair > 0xffff ? 2 : 1;
      if (width === 1 || !ASTRAL_LETTER_OR_NUMBER.test(String.fromCodePoint(pair))) {
        pendingSpace = n > 0;
        inDigits = false;
        i += width - 1;
        continue;
      }
    } else if (kind === 0) {
      pendingSpace = n > 0;
      inDigits = false;
      continue;
    }
    if (pendingSpace) {
      out[n++] = SPACE;
      pendingSpace = false;
    }
    if (code >= 48 && code <= 57) {
      if (!inDigits) out[n++] = ZERO;
      inDigits = true;
      continue;
    }
    inDigits = false;
    if (code >= 65 && code <= 90) code += 32;
    out[n++] = code;
    if (width === 2) out[n++] = normalized.charCodeAt(++i);
  }
  return n;
}

/** The text that shingles are cut from (for tests and for explaining a match to an analyst). */
export function canonicalText(text: string): string {
  const n = foldInto(stripContacts(normalizeText(text).text));
  let out = '';
  for (let i = 0; i < n; i += 4096) out += String.fromCharCode(...scratch.subarray(i, Math.min(n, i + 4096)));
  return out;
}

/**
 * 32-bit FNV-1a hashes of every SHINGLE_WIDTH-unit window of the canonical text (duplicates kept; MinHash
 * ignores them). Pass `into` to reuse a buffer: the result is then a view of it, valid until the next call.
 */
export function shingleHashes(text: string, into?: { buffer: Uint32Array }): Uint32Array {
  return shingleHashesOfNormalized(normalizeText(text).text, into);
}

/** shingleHashes for text already passed through the extractor's normalizeText (the extract stage has it). */
export function shingleHashesOfNormalized(normalized: string, into?: { buffer: Uint32Array }): Uint32Array {
  const n = foldInto(stripContacts(normalized));
  const windows = Math.max(0, n - SHINGLE_WIDTH + 1);
  let out: Uint32Array;
  if (into) {
    if (into.buffer.length < windows) into.buffer = new Uint32Array(windows * 2);
    out = into.buffer.subarray(0, windows);
  } else out = new Uint32Array(windows);
  const codes = scratch;
  for (let i = 0; i < windows; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < SHINGLE_WIDTH; j++) h = Math.imul(h ^ codes[i + j]!, 0x01000193);
    out[i] = h >>> 0;
  }
  return out;
}
