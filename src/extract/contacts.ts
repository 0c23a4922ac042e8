// Finds contact points: phones (E.164), WhatsApp and Telegram links, handles, e-mails, URLs (shorteners
// marked, never fetched), LINE ids and bank accounts. Values are normalized so campaigns can join on them.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import table from './data/contacts.json' with { type: 'json' };
import type { Contact } from '../contracts/features.js';
import { isJsWhiteSpace } from './char-classes.js';
import { normSpan, type Doc } from './document.js';

const SHORTENERS = new Set(table.shorteners);
// A post with more contacts than this is a dump, not an ad; the first ones are enough to join campaigns.
const MAX_CONTACTS = 100;
const FREE_MAIL = new Set(table.freeMail);
const SOCIAL = new Set(table.socialHosts);

// Repetitions are bounded so that no input ("1.1.1.1..." for a megabyte) makes the patterns quadratic.
// On the original text: links, e-mails and handles keep their case-insensitive identity and are never de-leeted.
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"'()[\]{}]+|\b(?:[a-z0-9-]{1,63}\.){1,5}(?:com|id|net|org|me|ly|link|site|xyz|io|info|biz|top|app|ee|gl|at|gd|cc|to|asia|online|store|club|vip|co)\b(?:\/[^\s<>"'()[\]{}]*)?/gi;
const EMAIL_RE = /[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+/g;
const HANDLE_RE = /(?<![\w.@/])@([a-z0-9_](?:[a-z0-9_.]{2,30}[a-z0-9_])?)/gi;
const LINE_RE = /\bline(?:\s?id)?\s?[:=]\s?@?([a-z0-9._-]{3,20})/gi;
// On the normalized text: spaced, spelled-out and stylized digits are already folded there.
const PHONE_RE = /(?<![\w])(?:\+|00)?\d[\d .\-()]{7,20}\d(?![\w])/g;
const BANK_RE = new RegExp(
  String.raw`\b(?:no\s?rek(?:ening)?|nomor rek(?:ening)?|norek|rekening|rek|acc(?:ount)?|a\/c|${table.banks.join('|')})\b[^\d\n]{0,25}?(\d[\d .\-]{5,22}\d)`,
  'g',
);
// Longest keyword ("nomor rekening") plus the 25 characters BANK_RE allows before the number.
const BANK_REACH = 14 + 25;
const BANK_NAME_RE = new RegExp(String.raw`\b(${table.banks.join('|')})\b`);
// LINE_RE starts with the word "line": "online", in many posts, does not count.
const LINE_HINT = /\bline/i;
// Checked first: a plain search (no word boundary) is much quicker on the many posts without the letters.
const MAY_NAME_LINE = /line/i;
const DIGIT_RUN = /\d[\d .\-()]{5,}\d/;
// A link needs a letter or digit, a dot, then a letter ("bit.ly", "www.", "x.com").
const MAY_HAVE_URL = /[a-z0-9]\.[a-z]/i;
const TELEGRAM_HINT = /telegram|tele\b|tg\b/;

// Scheme and host are cut by hand: these run for every link of every post.
function schemeLength(url: string): number {
  if (url.length < 7) return 0;
  const c0 = url.charCodeAt(0) | 32;
  if (c0 !== 104 || (url.charCodeAt(1) | 32) !== 116 || (url.charCodeAt(2) | 32) !== 116 || (url.charCodeAt(3) | 32) !== 112) return 0;
  let k = 4;
  if ((url.charCodeAt(4) | 32) === 115) k = 5;
  return url.charCodeAt(k) === 58 && url.charCodeAt(k + 1) === 47 && url.charCodeAt(k + 2) === 47 ? k + 3 : 0;
}

const startsWithWww = (s: string, at: number): boolean =>
  (s.charCodeAt(at) | 32) === 119 && (s.charCodeAt(at + 1) | 32) === 119 && (s.charCodeAt(at + 2) | 32) === 119 && s.charCodeAt(at + 3) === 46;

function hostEnd(s: string, from: number): number {
  for (let k = from; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 47 || c === 63 || c === 35) return k;
  }
  return s.length;
}

function trimTrailingPunctuation(url: string): string {
  let e = url.length;
  for (;;) {
    const c = url.charCodeAt(e - 1);
    if (c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63) e--;
    else break;
  }
  return e === url.length ? url : url.slice(0, e);
}

/**
 * The link as a contact value: scheme ("https://" when none) and host lower-cased, "www." dropped, the rest kept.
 * Built from the cuts the caller already made: its scheme length, where its host starts (after any "www.") and
 * ends, and that host lower-cased.
 */
function canonicalFromParts(raw: string, sl: number, hostStart: number, hostEndAt: number, host: string): string {
  if (hostEndAt === sl) return sl > 0 ? raw : `https://${raw}`;
  // "www." is lower-cased together with the host, as values always were: a Greek sigma's lower case depends on
  // the letters before it.
  let canonicalHost = host;
  if (hostStart !== sl) {
    const lower = raw.slice(sl, hostEndAt).toLowerCase();
    canonicalHost = lower.startsWith('www.') ? lower.slice(4) : lower;
  }
  return `${sl > 0 ? raw.slice(0, sl).toLowerCase() : 'https://'}${canonicalHost}${raw.slice(hostEndAt)}`;
}

// Indonesian mobiles are most numbers seen; they are converted without the (slower) general parser.
const ID_MOBILE = /^(?:\+62|0062|62|0)(8[1-35-9]\d{7,10})$/;
const parsed = new Map<string, string | null>();

export function toE164(raw: string): string | null {
  return digitsToE164(raw.replace(/[^\d+]/g, ''));
}

/** toE164 of a number already stripped to its digits and "+". */
function digitsToE164(digits: string): string | null {
  const mobile = ID_MOBILE.exec(digits);
  if (mobile !== null) return `+62${mobile[1] as string}`;
  const hit = parsed.get(digits);
  if (hit !== undefined) return hit;
  const result = parseE164(digits);
  if (parsed.size > 10_000) parsed.clear();
  parsed.set(digits, result);
  return result;
}

function parseE164(digits: string): string | null {
  const plain = digits.replace(/^\+/, '').replace(/^00/, '');
  if (plain.length < 8 || plain.length > 15) return null;
  const candidates = digits.startsWith('+') || digits.startsWith('00') ? [`+${plain}`] : [plain, `+${plain}`];
  for (const c of candidates) {
    const p = parsePhoneNumberFromString(c, 'ID');
    if (p !== undefined && p.isValid()) return p.number;
  }
  return null;
}

export function isShortener(host: string): boolean {
  return SHORTENERS.has(host);
}

export function isFreeMail(email: string): boolean {
  const at = email.lastIndexOf('@');
  return FREE_MAIL.has(email.slice(at + 1).toLowerCase());
}

export function isSocialHost(host: string): boolean {
  return SOCIAL.has(host) || host.endsWith('.facebook.com');
}

// Every link holds one of these: a scheme, "www." or a dot between a label character and a letter.
const URL_CANDIDATE = /https?:\/\/|www\.|[a-z0-9-]\.[a-z]/gi;
const URL_AT = new RegExp(URL_RE.source, 'iy');
const isLabelChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 46;

/**
 * The first URL_RE match at or after `from`, found without running the whole pattern at every position: a match
 * contains a candidate and, before it, only label characters (letters, digits, "-", "."), so only the starts
 * between the first candidate and the beginning of its run can hold the leftmost match.
 */
function nextUrl(text: string, from: number): RegExpExecArray | null {
  let pos = from;
  while (pos < text.length) {
    URL_CANDIDATE.lastIndex = pos;
    const c = URL_CANDIDATE.exec(text);
    if (c === null) return null;
    let p = c.index;
    while (p > pos && isLabelChar(text.charCodeAt(p - 1))) p--;
    for (let q = p; q <= c.index; q++) {
      URL_AT.lastIndex = q;
      const m = URL_AT.exec(text);
      if (m !== null) return m;
    }
    pos = c.index + 1;
  }
  return null;
}

const isLocalPartChar = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 43 || c === 45;

/**
 * Where the e-mail pattern should start looking for a match that uses the at-sign at `at`: the start of the run
 * of local-part characters ([\w.+-]) before it, not before `from`. Every match from `from` to `at` would start in
 * that run, and its leftmost start is tried first; starting at `at - 64` made the pattern run, and back off, at
 * every position of the words before.
 */
function localPartStart(text: string, from: number, at: number): number {
  let k = at;
  while (k > from && isLocalPartChar(text.charCodeAt(k - 1))) k--;
  return k;
}

const WHATSAPP_CUE = /\bwa\b|whatsapp/;

/**
 * Whether the four characters before `at` end in a currency sign: "rp", "rp." or "$", each maybe followed by one
 * white-space character (what /rp\.?\s?$|\$\s?$/ finds in them), read without slicing them out.
 */
function afterCurrency(text: string, at: number): boolean {
  const lo = Math.max(0, at - 4);
  let k = at;
  if (k > lo && isJsWhiteSpace(text.charCodeAt(k - 1))) k--;
  if (k > lo && text.charCodeAt(k - 1) === 36) return true;
  if (k > lo && text.charCodeAt(k - 1) === 46) k--;
  return k - 2 >= lo && text.charCodeAt(k - 2) === 114 && text.charCodeAt(k - 1) === 112;
}

function inEmail(spans: ReadonlyArray<[number, number]>, i: number): boolean {
  for (const [s, e] of spans) if (i >= s && i < e) return true;
  return false;
}

/** Whether a contact of this kind and value is listed. A scan of the list (at most MAX_CONTACTS long, a few
 * in most posts) rather than a set of "kind:value" keys: that set and its keys were built for every post. */
function isListed(out: readonly Contact[], kind: Contact['kind'], value: string): boolean {
  for (let i = 0; i < out.length; i++) {
    const c = out[i] as Contact;
    if (c.value === value && c.kind === kind) return true;
  }
  return false;
}

/** Lists a contact unless one of the same kind and value is listed or the list is full. (Module-level, not a
 * closure in extractContacts: a closure would be created, and under tsx renamed, on every call.) */
function addContact(out: Contact[], c: Contact): void {
  if (out.length >= MAX_CONTACTS || isListed(out, c.kind, c.value)) return;
  out.push(c);
}

export function extractContacts(doc: Doc): Contact[] {
  const text = doc.original;
  const out: Contact[] = [];
  const emailSpans: Array<[number, number]> = [];
  const hasAt = text.includes('@');
  // Every e-mail has an at-sign with at most 64 characters before it: the pattern starts looking there.
  if (hasAt) for (let at = text.indexOf('@'); at !== -1 && emailSpans.length < MAX_CONTACTS; ) {
    EMAIL_RE.lastIndex = localPartStart(text, Math.max(EMAIL_RE.lastIndex, at - 64), at);
    const m = EMAIL_RE.exec(text);
    if (m === null) break;
    emailSpans.push([m.index, m.index + m[0].length]);
    addContact(out, { kind: 'email', value: m[0].toLowerCase(), span: { start: m.index, end: m.index + m[0].length } });
    at = text.indexOf('@', EMAIL_RE.lastIndex);
  }
  EMAIL_RE.lastIndex = 0;
  if (MAY_HAVE_URL.test(text)) for (let m = nextUrl(text, 0); m !== null; m = nextUrl(text, m.index + m[0].length)) {
    if (out.length >= MAX_CONTACTS) break;
    if (inEmail(emailSpans, m.index)) continue;
    const raw = trimTrailingPunctuation(m[0]);
    const span = { start: m.index, end: m.index + raw.length };
    // The host runs from after the scheme and "www." to the first "/", "?" or "#" (lower-cased); the path is
    // what follows it (skipping as many characters as the lower-case host has).
    const sl = schemeLength(raw);
    const hostStart = startsWithWww(raw, sl) ? sl + 4 : sl;
    const hostEndAt = hostEnd(raw, hostStart);
    const host = raw.slice(hostStart, hostEndAt).toLowerCase();
    if (host === 'wa.me' || host === 'api.whatsapp.com' || host === 'whatsapp.com') {
      const path = raw.slice(hostStart + host.length);
      const num = /^\/(\+?\d{8,15})/.exec(path)?.[1] ?? /[?&]phone=(\+?\d{8,15})/.exec(path)?.[1];
      const e164 = num === undefined ? null : toE164(num.startsWith('+') ? num : `+${num}`);
      if (e164 !== null) {
        addContact(out, { kind: 'whatsapp', value: e164, span });
        continue;
      }
    }
    if (host === 't.me' || host === 'telegram.me' || host === 'telegram.dog') {
      const path = raw.slice(hostStart + host.length);
      const handle = /^\/(?:s\/)?(\+?[a-z0-9_]{3,64})/i.exec(path)?.[1];
      if (handle !== undefined) {
        addContact(out, { kind: 'telegram', value: handle.toLowerCase(), span });
        continue;
      }
    }
    if (host === 'line.me') {
      addContact(out, { kind: 'line', value: canonicalFromParts(raw, sl, hostStart, hostEndAt, host), span });
      continue;
    }
    const value = canonicalFromParts(raw, sl, hostStart, hostEndAt, host);
    addContact(out, isShortener(host) ? { kind: 'url', value, span, shortener: true } : { kind: 'url', value, span });
  }
  // A handle starts at an at-sign: the pattern is only tried there.
  if (hasAt) for (let at = text.indexOf('@'); at !== -1 && out.length < MAX_CONTACTS; ) {
    HANDLE_RE.lastIndex = at;
    const m = HANDLE_RE.exec(text);
    if (m === null) break;
    const handle = (m[1] as string).toLowerCase();
    const before = text.slice(Math.max(0, m.index - 20), m.index).toLowerCase();
    addContact(out, { kind: TELEGRAM_HINT.test(before) ? 'telegram' : 'handle', value: handle, span: { start: m.index, end: m.index + m[0].length } });
    at = text.indexOf('@', HANDLE_RE.lastIndex);
  }
  HANDLE_RE.lastIndex = 0;
  // The global patterns below are run with exec from lastIndex 0, not matchAll: matchAll copies the RegExp on
  // every call, which cost more than the scans themselves on short posts.
  if (MAY_NAME_LINE.test(text) && LINE_HINT.test(text)) {
    LINE_RE.lastIndex = 0;
    for (let m = LINE_RE.exec(text); m !== null && out.length < MAX_CONTACTS; m = LINE_RE.exec(text)) {
      addContact(out, { kind: 'line', value: (m[1] as string).toLowerCase(), span: { start: m.index, end: m.index + m[0].length } });
    }
  }
  const norm = doc.norm.text;
  // Phones and account numbers both need seven or more digits in a row (spaces and dashes allowed).
  const firstRun = norm.search(DIGIT_RUN);
  if (firstRun === -1) return out;
  // Built only when an account is found: most posts have none.
  let bankDigits: Set<string> | null = null;
  // Neither pattern can match far before the first such run: a bank account's number starts BANK_REACH
  // characters after its keyword at most, a phone number one character (a "+") before its first digit.
  BANK_RE.lastIndex = Math.max(0, firstRun - BANK_REACH);
  for (let m = BANK_RE.exec(norm); m !== null && out.length < MAX_CONTACTS; m = BANK_RE.exec(norm)) {
    const num = (m[1] as string).replace(/\D/g, '');
    if (num.length < 7 || num.length > 20) continue;
    const bank = BANK_NAME_RE.exec(m[0])?.[1];
    (bankDigits ??= new Set<string>()).add(num);
    addContact(out, { kind: 'bank_account', value: bank === undefined ? num : `${bank}:${num}`, span: normSpan(doc, m.index, m.index + m[0].length) });
  }
  PHONE_RE.lastIndex = Math.max(0, firstRun - 1);
  for (let m = PHONE_RE.exec(norm); m !== null && out.length < MAX_CONTACTS; m = PHONE_RE.exec(norm)) {
    const raw = m[0];
    if (afterCurrency(norm, m.index)) continue;
    // Stripped once: a "+" can only lead the match, so the digits alone are the rest.
    const digitsPlus = raw.replace(/[^\d+]/g, '');
    if (bankDigits !== null && bankDigits.has(digitsPlus.charCodeAt(0) === 43 ? digitsPlus.slice(1) : digitsPlus)) continue;
    const e164 = digitsToE164(digitsPlus);
    if (e164 === null) continue;
    const span = normSpan(doc, m.index, m.index + raw.length);
    // A number already given as a wa.me link is the same contact.
    if (isListed(out, 'whatsapp', e164)) continue;
    const ctx = norm.slice(Math.max(0, m.index - 25), m.index);
    addContact(out, { kind: WHATSAPP_CUE.test(ctx) ? 'whatsapp' : 'phone', value: e164, span });
  }
  return out;
}
