// extractFeatures on phrasings from the indicators document (/work/shared/domain/indicators.md): each row
// names the reasons, destinations or intent the analyst must see.
import { describe, expect, it } from 'vitest';
import { Features } from '../contracts/features.js';
import { extractFeatures } from './index.js';
import rates from './data/rates.json' with { type: 'json' };
import { REASON_CATALOG } from './reason-catalog.js';

const codes = (text: string): string[] => extractFeatures(text).reasons.map((r) => r.code);

describe('extractFeatures: reasons for lure phrasings', () => {
  it.each([
    // indicators.md section 2, 3 and S75: the illustrative ad
    ['Admin IT Kamboja! Gaji Rp7–15 juta! Bonus 15%! Makan 3 kali! Akomodasi mewah! Tiket gratis!', ['DEST_SCAM_HUB', 'JOB_OFFICE_ONLINE', 'FREE_TRAVEL_OFFICE_JOB', 'LURE_PERKS', 'DEST_NOT_PLACEMENT']],
    // S8: no special requirements
    ['Dibutuhkan CS di Myanmar, gaji US$1.000-1.200, tidak ada persyaratan khusus', ['DEST_SCAM_HUB', 'NO_QUALIFICATIONS', 'PAY_UNREALISTIC', 'PAY_FOREIGN_CURRENCY']],
    // S34: sample phrasing
    ['Tanpa ijazah, tanpa pengalaman, tanpa tes bahasa, usia bebas. Pakai visa turis dulu biar cepat berangkat, nanti di sana diurus izin kerjanya', ['NO_QUALIFICATIONS', 'VISA_TOURIST', 'VISA_ARRANGED_ABROAD']],
    // S10: visit visa
    ['Proses bekerja menggunakan visa kunjungan, kerja admin di Thailand', ['VISA_TOURIST', 'DEST_DECOY']],
    // S20: passport made by the recruiter, Zoom interview
    ['Interview lewat Zoom, paspor dibikinin, langsung berangkat ke Bangkok', ['INTERVIEW_ONLINE_ONLY', 'PASSPORT_ARRANGED', 'URGENT_DEPARTURE']],
    // S34: deposit to a personal account
    ['Biaya pendaftaran Rp 1.500.000 transfer ke rekening pribadi BCA 1234567890 a.n. Budi', ['FEE_REQUESTED', 'FEE_PERSONAL_ACCOUNT']],
    // S66: bring friends
    ['Berangkat rombongan, ajak teman 4 orang dapat bonus', ['GROUP_DEPARTURE']],
    // ticket cut from pay
    ['Tiket pesawat ditalangi dulu, nanti potong gaji bulan pertama', ['TICKET_SALARY_DEDUCTION']],
    // S12, S66: openly gambling
    ['Loker admin judol Sihanoukville gaji 17jt take home, mes + antar jemput', ['JOB_GAMBLING', 'DEST_SCAM_HUB']],
    // S32: slang for Sihanoukville
    ['Lowongan CS di KPS (Kampung Som), gaji dolar', ['DEST_SCAM_HUB', 'PAY_FOREIGN_CURRENCY']],
    // recruiter handles everything
    ['Kerja luar negeri, kami urus semua, tinggal bawa badan', ['RECRUITER_HANDLES_ALL']],
    // S64, S12: typing test
    ['Syarat cuma bisa mengetik cepat, tes kecepatan mengetik via online', ['TYPING_TEST']],
    // contact only by personal WhatsApp
    ['Lowongan admin Malaysia gaji 12jt minat hubungi WA 0812-3456-7890', ['CONTACT_PRIVATE_ONLY', 'DEST_DECOY']],
    // obfuscated
    ['L0ker K4mboja g4ji besar, hub W A', ['DEST_SCAM_HUB', 'TEXT_OBFUSCATED']],
    ['ʟᴏᴋᴇʀ ᴋᴀᴍʙᴏᴊᴀ 🇰🇭 ᴀᴅᴍɪɴ, ɢᴀᴊɪ 1000-1500 ᴜsᴅ', ['DEST_SCAM_HUB', 'JOB_OFFICE_ONLINE', 'TEXT_OBFUSCATED', 'PAY_FOREIGN_CURRENCY']],
    // route via Batam (S24)
    ['Berangkat dari Kualanamu ke Batam lalu nyebrang ke Malaysia, lanjut ke Kamboja', ['DEST_TRANSIT', 'DEST_SCAM_HUB']],
    // short links
    ['Daftar di bit.ly/loker-asia sekarang', ['LINK_SHORTENER']],
  ])('%s', (text, expected) => {
    const got = codes(text);
    for (const code of expected) expect(got, `${code} missing from ${got.join(', ')}`).toContain(code);
  });
});

describe('extractFeatures: things that must not be flagged', () => {
  it('free placement for an informal job is not FREE_TRAVEL_OFFICE_JOB (Perban BP2MI 9/2020)', () => {
    const got = codes('Lowongan caregiver Taiwan, tiket pesawat dan visa kerja gratis sesuai Perban BP2MI 9/2020, lewat P3MI resmi');
    expect(got).not.toContain('FREE_TRAVEL_OFFICE_JOB');
    expect(got).toContain('JOB_INFORMAL');
  });

  it('high pay with a language test and a G-to-G channel is not unrealistic (S56)', () => {
    const f = extractFeatures('Program G to G EPS-TOPIK Korea, PENG. 2062/04.04/PP.02.04/V/2025. Gaji KRW 2.096.270 per bulan. Syarat lulus tes bahasa Korea.');
    const got = f.reasons.map((r) => r.code);
    expect(got).not.toContain('PAY_UNREALISTIC');
    expect(got).toContain('LEGIT_G2G');
    expect(f.legitimacy.some((l) => l.code === 'LEGIT_G2G' && l.verifiable)).toBe(true);
  });

  it('an ordinary office job in Jakarta names no destination and no office-abroad reason', () => {
    const f = extractFeatures('Dicari staf administrasi untuk kantor di Jakarta Selatan, minimal S1, pengalaman 2 tahun, gaji Rp 6.500.000.');
    expect(f.destinations).toEqual([]);
    expect(f.reasons.map((r) => r.code)).not.toContain('JOB_OFFICE_ONLINE');
    expect(f.qualifications.map((q) => q.level)).toEqual(expect.arrayContaining(['degree', 'experience']));
  });

  it('a company name or "resmi" alone does not count as a verifiable marker (S62)', () => {
    const f = extractFeatures('PT Karya Satria Abadi resmi dan terdaftar, P3MI terpercaya. Lowongan admin Kamboja gaji 15jt');
    expect(f.legitimacy.every((l) => !l.verifiable)).toBe(true);
    expect(f.companies?.map((c) => c.name)).toContain('PT Karya Satria Abadi');
    expect(f.reasons.map((r) => r.code)).toContain('DEST_SCAM_HUB');
  });

  it('a SIP2MI number is verifiable', () => {
    const f = extractFeatures('PT Duta Pekerja Utama, SIP2MI No. 0411/KP2MI/SIP2MI/IX/2026, lowongan caregiver Hong Kong');
    const m = f.legitimacy.find((l) => l.code === 'LEGIT_SIP2MI');
    expect(m?.verifiable).toBe(true);
    expect(m?.value).toContain('0411');
  });

  it('"tanpa visa kerja" is not a work-visa marker', () => {
    const f = extractFeatures('Berangkat tanpa visa kerja, cukup paspor');
    expect(f.legitimacy.map((l) => l.code)).not.toContain('LEGIT_WORK_VISA');
  });
});

describe('extractFeatures: intent', () => {
  it.each([
    ['WASPADA! Kemlu mengimbau masyarakat agar tidak tergiur tawaran kerja di Kamboja dengan gaji Rp 20 juta. Laporkan ke KBRI.', 'warning'],
    ['Kamboja bukan negara penempatan, maka yang pasti ilegal. Jangan mudah percaya tawaran kerja di media sosial.', 'warning'],
    ['Sebanyak 56 WNI korban online scam di Myanmar dipulangkan, ujar Direktur Perlindungan WNI dalam keterangan tertulis, Selasa.', 'news'],
    ['Polda Kepri menangkap dua tersangka sindikat TPPO yang memberangkatkan korban ke Kamboja lewat Batam, kata Kapolda dalam konferensi pers.', 'news'],
    ['Dibutuhkan CS online penempatan Kamboja, gaji 15jt, tiket gratis. Minat hubungi WA 081234567890', 'recruiting'],
    ['Loker admin Thailand, yang minat japri ya kak', 'recruiting'],
  ])('%s -> %s', (text, label) => {
    const f = extractFeatures(text);
    // News and warnings are one class for routing; either label is right for a report that also warns.
    if (label === 'news') expect(['news', 'warning']).toContain(f.intent.label);
    else expect(f.intent.label).toBe(label);
  });

  // Realistic posts with no job title, pay, qualification or contact: recruiting words alone must not make them ads.
  it.each([
    ['news about TPPO', 'Polres Nunukan menetapkan tiga tersangka TPPO. Para korban dijanjikan kerja di perkebunan dengan gaji besar, namun ditelantarkan di perbatasan, kata Kapolres kepada wartawan.', ['news', 'warning']],
    ['a warning from KBRI', 'KBRI Phnom Penh mengingatkan WNI agar berhati-hati terhadap tawaran kerja di Kamboja yang beredar di media sosial. Pastikan lowongan kerja luar negeri terdaftar di SISKOP2MI.', ['warning']],
    ['a personal post', 'Alhamdulillah hari ini akhirnya kerja lagi setelah 3 bulan nganggur. Doakan lancar ya teman-teman, semoga betah di kantor baru.', ['other']],
    ['a personal post about a job search', 'Capek juga cari lowongan tiap hari, syarat makin aneh-aneh. Semoga bulan depan ada rezeki, aamiin.', ['other']],
    ['a scholarship post that says it is not a vacancy', 'Lowongan? Bukan. Ini info beasiswa S2 ke Korea 2027, ditanggung penuh. Pendaftaran lewat Kedutaan Korea, bukan agen.', ['other']],
  ])('%s is not read as recruiting', (_name, text, labels) => {
    expect(labels).toContain(extractFeatures(text).intent.label);
  });

  it('the same recruiting words with a job title and a contact still read as recruiting', () => {
    expect(extractFeatures('Lowongan admin, syarat mudah, minat hubungi 0812-3456-7890').intent.label).toBe('recruiting');
  });

  it('a warning about Kamboja does not get PAY_UNREALISTIC', () => {
    const got = codes('WASPADA modus lowongan kerja di Kamboja gaji 20 juta, banyak WNI jadi korban dan disekap. Laporkan!');
    expect(got).toContain('INTENT_WARNING');
    expect(got).not.toContain('PAY_UNREALISTIC');
  });
});

describe('extractFeatures: contacts, destinations, language', () => {
  it('normalizes contacts', () => {
    const text = 'WA 0812-3456-7890, wa.me/6281298765432, api.whatsapp.com/send?phone=6285711112222, t.me/Rekrut_KH, tele @hr_asia, email hrd.asia@gmail.com, +855 12 345 678, s.id/loker';
    const f = extractFeatures(text);
    const got = f.contacts.map((c) => `${c.kind}:${c.value}`);
    expect(got).toEqual(
      expect.arrayContaining([
        'whatsapp:+6281234567890', 'whatsapp:+6281298765432', 'whatsapp:+6285711112222', 'telegram:rekrut_kh', 'telegram:hr_asia',
        'email:hrd.asia@gmail.com', 'phone:+85512345678', 'url:https://s.id/loker',
      ]),
    );
    expect(f.contacts.find((c) => c.value === 'https://s.id/loker')?.shortener).toBe(true);
    for (const c of f.contacts) expect(text.slice(c.span.start, c.span.end).length).toBeGreaterThan(0);
  });

  it('finds spaced and spelled-out phone numbers', () => {
    const f = extractFeatures('hubungi nol delapan satu dua tiga empat lima enam tujuh delapan sembilan nol');
    expect(f.contacts.map((c) => c.value)).toContain('+6281234567890');
  });

  it('maps spelling variants and flag emoji to gazetteer places with spans', () => {
    const text = 'Kerja di Kemboja, Sihanoukville, Myawadi dan KK Park, transit Don Muang, juga 🇲🇲';
    const f = extractFeatures(text);
    const ids = f.destinations.map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining(['kh', 'kh-sihanoukville', 'mm-myawaddy', 'mm-kk-park', 'th-don-mueang', 'mm']));
    const kk = f.destinations.find((d) => d.id === 'mm-kk-park');
    expect(kk && text.slice(kk.span.start, kk.span.end)).toBe('KK Park');
    expect(f.destinations.find((d) => d.id === 'th-don-mueang')?.kind).toBe('transit');
  });

  it('does not read "KK" (kartu keluarga) as KK Park', () => {
    expect(extractFeatures('Bawa fotokopi KTP dan KK').destinations).toEqual([]);
  });

  it.each([
    ['Dibutuhkan admin untuk kantor kami, gaji dan bonus, yang minat hubungi kami', 'id'],
    ['We are hiring customer service staff for our company, salary per month, apply now', 'en'],
    ['Jawatan kosong di syarikat kami, gaji RM2000, sila hubungi kami jika berminat', 'ms'],
  ])('language of %s', (text, lang) => {
    expect(extractFeatures(text).language).toBe(lang);
  });
});

describe('extractFeatures: ART (asisten rumah tangga)', () => {
  it.each([
    'Dicari ART untuk keluarga di Jakarta, gaji 2,5jt',
    'Butuh ART menginap, hubungi 0812-3456-7890',
    'LOWONGAN ART PULANG PERGI AREA BEKASI',
  ])('reads ART as a domestic-worker job in %s', (text) => {
    const f = extractFeatures(text);
    const art = f.jobTypes.find((j) => j.category === 'domestic');
    expect(art, JSON.stringify(f.jobTypes)).toBeDefined();
    expect(text.slice(art!.span.start, art!.span.end)).toBe('ART');
  });

  it('keeps text order when ART stands next to a lexicon title', () => {
    const f = extractFeatures('Lowongan kerja asisten rumah tangga (ART) dan sopir');
    expect(f.jobTypes.filter((j) => j.category === 'domestic').map((j) => j.term)).toEqual(['asisten rumah tangga', 'art']);
  });

  it.each([
    'The art of war is an art exhibition',
    'ART EXHIBITION OPENING TONIGHT AT THE GALLERY',
    'Modern ART museum opens downtown',
    'ARTIS baru naik daun',
    'Pameran seni rupa: art and craft untuk anak',
  ])('does not read "art" as a job in %s', (text) => {
    expect(extractFeatures(text).jobTypes.filter((j) => j.category === 'domestic')).toEqual([]);
  });
});

describe('extractFeatures: rate table', () => {
  it('every minimum wage says whether it is sourced, and the unverified ones are named in the sources', () => {
    for (const [iso, w] of Object.entries(rates.minimumWages)) {
      expect(['O', 'M', 'D', 'U'], iso).toContain(w.status);
      if (w.status === 'U') expect(rates._sources.some((s) => s.includes(iso) && s.includes('[U')), iso).toBe(true);
    }
  });

  it('shows the date of the rate table in the features and in the pay reasons of the legend', () => {
    expect(extractFeatures('gaji $1000').pay.ratesAsOf).toBe(rates.asOf);
    expect(REASON_CATALOG.PAY_UNREALISTIC!.description.en).toContain(rates.asOf);
    expect(REASON_CATALOG.PAY_HIGH_VS_UMP!.description.id).toContain(rates.asOf);
    expect(JSON.stringify(REASON_CATALOG)).not.toContain('{ratesAsOf}');
  });
});

describe('extractFeatures: contract', () => {
  it('conforms to the Features schema and uses catalogued reason codes with bilingual labels', () => {
    const f = extractFeatures('LOKER KAMBOJA 🇰🇭 CS online gaji 15-20jt, tiket gratis, visa turis, tnp pengalaman. WA 0812-3456-7890 bit.ly/x');
    expect(() => Features.parse(f)).not.toThrow();
    expect(f.version).toMatch(/^features\//);
    for (const r of f.reasons) {
      expect(REASON_CATALOG[r.code], r.code).toBeDefined();
      expect(r.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(r.label.id.length).toBeGreaterThan(0);
      expect(r.label.en.length).toBeGreaterThan(0);
    }
  });

  it('catalog entries all have both languages', () => {
    for (const [code, info] of Object.entries(REASON_CATALOG)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(info.label.id && info.label.en && info.description.id && info.description.en, code).toBeTruthy();
    }
  });

  it('returns empty features for empty or non-string input', () => {
    expect(extractFeatures('').reasons).toEqual([]);
    expect(extractFeatures(undefined as unknown as string).destinations).toEqual([]);
  });
});
