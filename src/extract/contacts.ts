// Finds contact points: phones (E.164), WhatsApp and Telegram links, handles, e-mails, URLs (shorteners
// marked, never fetched), LINE ids and bank accounts. Values are normalized so campaigns can join on them.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import table from './data/contacts.json' with { type: 'json' };
import type { Contact } from '../contracts/features.js';
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
const BANK_NAME_RE = new RegExp(String.raw`\b(${table.banks.join('|')})\b`);
const LINE_HINT = /line/i;
const DIGIT_RUN = /\d[\d .\-()]{5,}\d/;
// A link needs a letter or digit, a dot, then a letter ("bit.ly", "www.", "x.com").
const MAY_HAVE_URL = /[a-z0-9]\.[a-z]/i;
const TELEGRAM_HINT = /telegram|tele\b|tg\b/;

function hostOf(url: string): string {
  const stripped = url.replace(/^https?:\/\//i, '').replace(/^www\./i, '');
  const slash = stripped.search(/[/?#]/);
  return (slash === -1 ? stripped : stripped.slice(0, slash)).toLowerCase();
}

function canonicalUrl(url: string): string {
  const lower = url.replace(/[.,;:!?]+$/, '');
  const withScheme = /^https?:\/\//i.test(lower) ? lower : `https://${lower}`;
  return withScheme.replace(/^(https?:\/\/)([^/?#]+)/i, (_, s: string, h: string) => `${s.toLowerCase()}${h.toLowerCase().replace(/^www\./, '')}`);
}

// Indonesian mobiles are most numbers seen; they are converted without the (slower) general parser.
const ID_MOBILE = /^(?:\+62|0062|62|0)(8[1-35-9]\d{7,10})$/;
const parsed = new Map<string, string | null>();

export function toE164(raw: string): string | null {
  const digits = raw.replace(/[^\d+]/g, '');
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

export function extractContacts(doc: Doc): Contact[] {
  const text = doc.original;
  const out: Contact[] = [];
  const seen = new Set<string>();
  const add = (c: Contact): void => {
    const key = `${c.kind}:${c.value}`;
    if (seen.has(key) || out.length >= MAX_CONTACTS) return;
    seen.add(key);
    out.push(c);
  };
  const emailSpans: Array<[number, number]> = [];
  const hasAt = text.includes('@');
  if (hasAt) for (const m of text.matchAll(EMAIL_RE)) {
    if (emailSpans.length >= MAX_CONTACTS) break;
    emailSpans.push([m.index, m.index + m[0].length]);
    add({ kind: 'email', value: m[0].toLowerCase(), span: { start: m.index, end: m.index + m[0].length } });
  }
  const inEmail = (i: number): boolean => emailSpans.some(([s, e]) => i >= s && i < e);
  if (MAY_HAVE_URL.test(text)) for (const m of text.matchAll(URL_RE)) {
    if (out.length >= MAX_CONTACTS) break;
    if (inEmail(m.index)) continue;
    const raw = m[0].replace(/[.,;:!?]+$/, '');
    const span = { start: m.index, end: m.index + raw.length };
    const host = hostOf(raw);
    const path = raw.replace(/^https?:\/\//i, '').replace(/^www\./i, '').slice(host.length);
    if (host === 'wa.me' || host === 'api.whatsapp.com' || host === 'whatsapp.com') {
      const num = /^\/(\+?\d{8,15})/.exec(path)?.[1] ?? /[?&]phone=(\+?\d{8,15})/.exec(path)?.[1];
      const e164 = num === undefined ? null : toE164(num.startsWith('+') ? num : `+${num}`);
      if (e164 !== null) {
        add({ kind: 'whatsapp', value: e164, span });
        continue;
      }
    }
    if (host === 't.me' || host === 'telegram.me' || host === 'telegram.dog') {
      const handle = /^\/(?:s\/)?(\+?[a-z0-9_]{3,64})/i.exec(path)?.[1];
      if (handle !== undefined) {
        add({ kind: 'telegram', value: handle.toLowerCase(), span });
        continue;
      }
    }
    if (host === 'line.me') {
      add({ kind: 'line', value: canonicalUrl(raw), span });
      continue;
    }
    add({ kind: 'url', value: canonicalUrl(raw), span, ...(isShortener(host) ? { shortener: true } : {}) });
  }
  if (hasAt) for (const m of text.matchAll(HANDLE_RE)) {
    if (out.length >= MAX_CONTACTS) break;
    const handle = (m[1] as string).toLowerCase();
    const before = text.slice(Math.max(0, m.index - 20), m.index).toLowerCase();
    add({ kind: TELEGRAM_HINT.test(before) ? 'telegram' : 'handle', value: handle, span: { start: m.index, end: m.index + m[0].length } });
  }
  if (LINE_HINT.test(text)) for (const m of text.matchAll(LINE_RE)) {
    if (out.length >= MAX_CONTACTS) break;
    add({ kind: 'line', value: (m[1] as string).toLowerCase(), span: { start: m.index, end: m.index + m[0].length } });
  }
  const norm = doc.norm.text;
  const bankDigits = new Set<string>();
  // Phones and account numbers both need seven or more digits in a row (spaces and dashes allowed).
  if (!DIGIT_RUN.test(norm)) return out;
  for (const m of norm.matchAll(BANK_RE)) {
    if (out.length >= MAX_CONTACTS) break;
    const num = (m[1] as string).replace(/\D/g, '');
    if (num.length < 7 || num.length > 20) continue;
    const bank = BANK_NAME_RE.exec(m[0])?.[1];
    bankDigits.add(num);
    add({ kind: 'bank_account', value: bank === undefined ? num : `${bank}:${num}`, span: normSpan(doc, m.index, m.index + m[0].length) });
  }
  for (const m of norm.matchAll(PHONE_RE)) {
    if (out.length >= MAX_CONTACTS) break;
    const raw = m[0];
    const before = norm.slice(Math.max(0, m.index - 4), m.index);
    if (/rp\.?\s?$|\$\s?$/.test(before)) continue;
    const digits = raw.replace(/\D/g, '');
    if (bankDigits.has(digits)) continue;
    const e164 = toE164(raw);
    if (e164 === null) continue;
    const span = normSpan(doc, m.index, m.index + raw.length);
    // A number already given as a wa.me link is the same contact.
    if (seen.has(`whatsapp:${e164}`)) continue;
    const ctx = norm.slice(Math.max(0, m.index - 25), m.index);
    add({ kind: /\bwa\b|whatsapp/.test(ctx) ? 'whatsapp' : 'phone', value: e164, span });
  }
  return out;
}
