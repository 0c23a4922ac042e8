// Builds fixtures/reposts/reposts.jsonl: hand-written lures reposted with seeded edits, plus distractors
// that share their vocabulary, each line labelled with its ground-truth campaign. Run: npx tsx scripts/build-reposts.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SEED = 20261122;
const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'reposts', 'reposts.jsonl');

// All names, numbers and handles are invented. Phone numbers carry a "0000" block so they cannot be mistaken
// for a real subscriber. {WA} is a phone number, {GAJI} a salary figure that reposts change.
const LURES: string[] = [
  `LOWONGAN KERJA CUSTOMER SERVICE ONLINE
Lokasi: Bangkok, Thailand
Gaji {GAJI} juta/bulan + bonus target
Tiket pesawat, visa dan mess DITANGGUNG perusahaan
Tanpa pengalaman, minimal lulusan SMA, bisa mengetik
Minat hubungi WA {WA}`,
  `Dibutuhkan segera admin media sosial untuk perusahaan investasi di Phnom Penh, Kamboja.
Syarat: usia 18-35 tahun, bisa main HP dan komputer, siap berangkat minggu ini.
Fasilitas: makan 3x sehari, tempat tinggal gratis, gaji {GAJI} juta dibayar tiap bulan.
Berminat chat langsung {WA}, slot cuma 10 orang!!`,
  `Info loker luar negeri tanpa biaya!
Posisi operator game online di Myawaddy (perbatasan Thailand)
Kerja 12 jam, libur 4 hari sebulan, gaji pokok {GAJI} jt belum termasuk komisi
Paspor dibantu urus, tiket dari Jakarta ke Bangkok dibayarin
Daftar via WhatsApp {WA}`,
  `PT GLOBAL DIGITAL NUSANTARA membuka rekrutmen tenaga marketing untuk kantor cabang Sihanoukville.
Tidak perlu ijazah tinggi, yang penting jujur dan mau belajar.
Penghasilan {GAJI} juta per bulan, kontrak 1 tahun, bisa diperpanjang.
Keberangkatan gratis lewat Batam. Hubungi ibu Sari {WA}`,
  `Kesempatan emas buat kamu yang nganggur!
Kerja jadi admin kripto di Laos, zona ekonomi khusus
Cukup bisa copy paste dan balas chat, training dikasih
Salary USD {GAJI}00 sebulan, tiket PP ditanggung bos
Serius tanya tanya ke {WA} ya kak`,
  `Dicari 20 orang staf IT untuk perusahaan teknologi di Manila, Filipina.
Diutamakan bisa bahasa Inggris dasar, lulusan SMK TKJ juga boleh.
Gaji {GAJI} juta rupiah, asrama ber-AC, antar jemput kantor.
Proses cepat 2 minggu langsung terbang. Kontak: {WA}`,
  `Lowongan call center berbahasa Indonesia di Ho Chi Minh, Vietnam
Tugas: menelepon nasabah dan menawarkan produk
Gaji {GAJI} juta + insentif harian, makan siang gratis
Visa kerja diurus agen, cukup bawa KTP dan paspor
WA admin: {WA}`,
  `Yuk gabung tim digital marketing kami di Dubai!
Kerja di kantor ber-AC, pakai komputer, jam kerja fleksibel
Gaji 3.500 dirham (sekitar {GAJI} juta) setiap bulan
Tiket dan visa kunjungan kami siapkan, nanti diganti visa kerja di sana
Info lengkap inbox atau WA {WA}`,
  `URGENT!!! Butuh cepat pekerja restoran Thailand bagian administrasi.
Tidak ada syarat khusus, umur 20-40, laki-laki atau perempuan.
Gaji bersih {GAJI} juta, tempat tinggal disediakan, uang saku keberangkatan Rp2 juta.
Berangkat dari Medan lewat Malaysia. Hubungi Pak Rudi {WA}`,
  `Open recruitment typist / data entry
Penempatan: Kamboja (Bavet)
Kerja santai input data di komputer, target ringan
Gaji {GAJI} juta + uang makan, bonus kalau lewat target
Semua biaya berangkat dibayar perusahaan, potong gaji 3 bulan
Chat {WA}`,
  `Halo kak, lagi cari kerja? Ada lowongan live chat operator untuk website hiburan di Poipet.
Kerjanya cuma balas chat member dari HP kantor.
Gaji awal {GAJI} juta, naik tiap 3 bulan. Mess, makan, internet gratis.
Tidak perlu pengalaman. Langsung WA {WA}`,
  `LOKER KAMBOJA TERBARU
Posisi: CS kasino online, admin slot, dan marketing
Gaji mulai {GAJI} juta, pembayaran tiap tanggal 10
Syarat: bisa baca tulis, punya paspor atau siap bikin
Tiket ditalangi, dipotong dari gaji bulan pertama
Hub: {WA}`,
  `Perusahaan perdagangan emas di Kamboja membuka lowongan staf perusahaan.
Gaji saat training USD {GAJI}00, setelah lulus training naik.
Tidak dipungut biaya apapun, semua ditanggung perusahaan dari berangkat sampai tiba.
Daftarkan diri anda ke nomor {WA} sebelum kuota penuh.`,
  `Dibuka lowongan content editor / video editor untuk agensi di Bangkok.
Bisa pakai CapCut sudah cukup, tidak perlu portofolio.
Gaji {GAJI} juta, kontrak 6 bulan, tiket pulang pergi ditanggung.
Berangkat pakai visa turis dulu, nanti diurus di sana. WA {WA}`,
  `Mau kerja di Malaysia tapi nggak mau ribet?
Ada posisi telemarketing di Kuala Lumpur, kantor dekat KLCC
Gaji RM {GAJI}000 sebulan, mess gratis, makan ditanggung
Tidak perlu calling visa, berangkat pakai paspor biasa
WA {WA} (fast respon)`,
  `PENGUMUMAN REKRUTMEN
Dibutuhkan operator telepon untuk perusahaan keuangan di Myanmar (dekat Mae Sot)
Usia 18-30, sehat jasmani rohani, bisa ngobrol sopan
Gaji {GAJI} juta per bulan, kerja shift, asrama di dalam kompleks kantor
Keberangkatan via Soekarno-Hatta - Don Mueang, dijemput tim kami
Hubungi koordinator {WA}`,
  `Hai bestie, aku mau share loker dari temenku nih.
Dia kerja jadi admin toko online di Phnom Penh, katanya enak banget, gajinya {GAJI} juta sebulan.
Perusahaannya lagi butuh 5 orang lagi, biaya berangkat ditanggung semua.
Kalau minat langsung aja hubungi temenku di {WA}, bilang dari aku ya.`,
  `Lowongan Kerja Luar Negeri - Thailand
Posisi: Staf Administrasi Gudang
Gaji: Rp{GAJI}.000.000 / bulan
Fasilitas: tiket PP, visa, hotel selama proses, makan
Persyaratan: pria/wanita 19-35 tahun, pendidikan minimal SMP
Pendaftaran: {WA} (admin Rina)`,
  `Cari kerja sampingan yang bisa jadi kerja utama? Kami rekrut marketing aplikasi pinjaman online untuk kantor di Kamboja.
Target mudah, komisi besar, gaji pokok {GAJI} juta.
Bahasa Indonesia saja cukup karena kliennya orang Indonesia.
Semua dokumen kami bantu. DM atau WA {WA}`,
  `*** SEGERA ***
Perusahaan game di Shwe Kokko butuh CS berbahasa Indonesia dan Melayu
Gaji {GAJI} juta, lembur dibayar, bonus akhir tahun
Tiket dari Jakarta atau Surabaya dibayar penuh
Tidak perlu pengalaman, ada pelatihan 1 minggu
Hubungi HRD {WA}`,
  `Lowongan kerja di Singapura untuk administrator perusahaan.
Gaji {GAJI} juta rupiah per bulan, apartemen gratis.
Berangkat berkelompok minggu depan lewat Batam, dijemput di pelabuhan.
Syarat ringan, yang penting mau kerja keras dan siap tinggal jauh dari keluarga.
Info: {WA}`,
  `Buka lowongan admin judi online (slot dan live casino)
Lokasi Kamboja, kantor resmi dan aman
Gaji {GAJI} juta take home pay, mess + antar jemput
Kerja 10 jam, libur 2x seminggu
Yang serius saja, langsung WA {WA}`,
  `Ingin penghasilan dolar? Bergabunglah sebagai customer support untuk platform trading internasional di Kamboja.
Kami menyediakan pelatihan gratis dan jenjang karier yang jelas.
Gaji pokok USD {GAJI}00 + komisi tanpa batas.
Biaya keberangkatan, akomodasi dan makan sepenuhnya kami tanggung.
Kirim nama dan usia ke {WA}`,
  `Lowongan kerja di kapal pesiar? Bukan! Ini lebih gampang: kerja kantoran di Laos.
Posisi admin keuangan dan operator komputer.
Gaji {GAJI} juta per bulan, tinggal di hotel perusahaan.
Berangkat via Chiang Rai, semua diatur. Hubungi mas Dedi {WA}`,
  `INFO KERJA UNTUK LULUSAN SMA/SMK
Posisi: marketing online (cukup pakai HP)
Penempatan: Thailand (Bangkok & Pattaya)
Gaji {GAJI} juta + bonus mingguan
Tiket pesawat dan visa GRATIS, tidak ada potongan
Daftar: kirim foto KTP ke {WA}`,
  `Dicari pasangan suami istri untuk kerja di perusahaan IT Myanmar.
Suami jadi staf IT, istri jadi admin. Gaji masing-masing {GAJI} juta.
Disediakan rumah keluarga, makan, dan tiket pesawat.
Proses cepat, paspor bisa dibantu. Hubungi {WA}`,
  `Peluang kerja di Filipina sebagai encoder / agen BPO call center.
Shift malam, gaji {GAJI} juta, tunjangan makan dan transportasi.
Tidak ada biaya agen, tiket dibelikan kantor.
Minimal bisa bahasa Inggris sedikit. Lamar lewat WA {WA}`,
  `Lowongan Resepsionis & Marketing Officer di hotel kasino Malaysia
Penampilan menarik, usia maksimal 28 tahun
Gaji {GAJI} juta plus tip, tinggal di asrama hotel
Biaya berangkat ditanggung, kontrak 2 tahun
Hubungi Madam Lina {WA}`,
  `Kerja di Kamboja gaji {GAJI} juta? Bisa!
Kami butuh 30 orang untuk tim CS dan marketing perusahaan e-commerce.
Tidak perlu skill khusus, akan diajari.
Jalur: Jakarta - Kuala Lumpur - Phnom Penh, tiket dibayar.
Hubungi kami di {WA} atau komen "MINAT"`,
  `Loker staf gudang di Chrey Thum, Kandal.
Kerja ringan, hanya mengecek barang masuk dan keluar.
Gaji {GAJI} juta, ditambah uang lembur.
Keberangkatan ditanggung PT, bayar nanti setelah gajian.
Kontak person: {WA}`,
  `REKRUTMEN TENAGA KERJA - BISNIS DIGITAL
Negara tujuan: Kamboja / Thailand
Bidang: customer service, admin, operator data
Benefit: gaji {GAJI} juta, bonus, asuransi, mess, makan 3x
Persyaratan: tidak ada syarat pendidikan, usia 18-40
Proses keberangkatan 7 hari kerja. WA {WA}`,
  `Siapa yang mau kerja di luar negeri tanpa modal? Aku baru pulang dari Thailand, kerjanya cuma balas chat customer, gajinya {GAJI} juta lho.
Bos aku lagi cari orang lagi, semua dibiayain sampai sana.
Yang minat japri ke {WA} ya, jangan tanya di komen.`,
  `Lowongan operator data entry di Mocbai Bavet, perbatasan Vietnam - Kamboja.
Gaji {GAJI} juta, kerja di dalam kantor ber-AC.
Jemputan dari bandara Ho Chi Minh, semua biaya ditanggung.
Tidak perlu ijazah. Hubungi koordinator lapangan {WA}`,
  `PT SINAR ASIA KARYA (bukan agen resmi BP2MI tapi terpercaya)
Membuka kesempatan kerja di Thailand sebagai staf administrasi kantor.
Gaji {GAJI} juta, kontrak 1 tahun, perpanjangan otomatis.
Berangkat tanpa potongan, dokumen diurus semua.
Informasi: {WA}`,
  `Butuh 15 orang untuk posisi admin sales di Sihanoukville (KPS)
Gaji {GAJI} juta take home, mess dan antar jemput
Kerja depan laptop, bisa bahasa Indonesia saja cukup
Berangkat dari Pontianak lewat Kuching
Call/WA {WA}`,
  `Kerja jadi host live streaming di Kamboja, gaji {GAJI} juta + gift dari penonton.
Cari cewek usia 18-27 tahun, percaya diri, bisa ngomong di depan kamera.
Semua disiapkan: kostum, tempat tinggal, tiket.
Kirim foto terbaru ke {WA}`,
  `Lowongan: Staff Customer Relation
Perusahaan: Trend Digital Asia (kantor Phnom Penh)
Gaji: {GAJI} juta rupiah per bulan, dibayar dalam dolar
Benefit: tiket, visa, hotel, makan siang
Syarat: bisa komputer dasar, jujur, siap kerja target
Kirim CV ke {WA}`,
  `Mencari karyawan untuk pabrik elektronik di Myanmar, bagian quality control dan administrasi.
Gaji {GAJI} juta, lembur, THR.
Keberangkatan gratis melalui Bangkok. Kuota terbatas 25 orang.
Segera daftarkan diri ke {WA}`,
  `Kerja remote di Vietnam? Ada! Jadi operator akun media sosial untuk brand kosmetik.
Tinggal di apartemen perusahaan di Hanoi, kerja dari kamar.
Gaji {GAJI} juta, bonus per akun yang aktif.
Tiket pesawat ditanggung, bisa berangkat dengan visa bebas kunjungan.
WA {WA}`,
  `Lowongan marketing properti di Dubai untuk orang Indonesia.
Tugas: menghubungi calon pembeli dari Indonesia lewat telepon dan chat.
Gaji 4.000 dirham (±{GAJI} juta), komisi per penjualan.
Biaya visa dan tiket kami talangi. WA {WA}`,
];

// Unrelated posts that share the lures' vocabulary: legal placements, warnings, news and local jobs.
const DISTRACTORS: string[] = [
  `Program G to G Korea Selatan 2026 dibuka melalui BP2MI. Pendaftaran hanya lewat situs resmi, tidak dipungut biaya selain yang diatur. Waspada calo yang menjanjikan kelulusan!`,
  `Hati-hati lowongan kerja ke Kamboja dengan gaji tinggi dan tiket gratis. Kamboja bukan negara penempatan PMI. Laporkan ke BP3MI terdekat bila menemukan tawaran seperti ini.`,
  `Dicari kasir untuk minimarket di Bekasi Timur. Gaji UMK, shift pagi dan sore, minimal lulusan SMA. Lamaran diantar langsung ke toko.`,
  `KBRI Phnom Penh mengimbau WNI agar tidak tergiur tawaran kerja sebagai customer service atau admin di Kamboja yang disebarkan lewat media sosial.`,
  `Lowongan admin gudang di Cikarang, kawasan industri Jababeka. Gaji sesuai UMK Bekasi, BPJS, uang makan. Kirim lamaran ke HRD lewat email perusahaan.`,
  `Magang ke Jepang program IM Japan untuk lulusan SMA/SMK, seleksi di Disnaker kabupaten. Biaya pelatihan ditanggung, tidak ada pungutan.`,
  `Berita: 40 WNI korban penipuan kerja di Myawaddy dipulangkan lewat Bangkok. Mereka dijanjikan kerja sebagai operator dengan gaji 15 juta.`,
  `Toko kue di Yogyakarta butuh karyawan bagian produksi dan pengemasan. Gaji 2,5 juta, makan siang gratis, libur seminggu sekali.`,
  `Pengalaman saya kerja di Malaysia lewat jalur resmi: urus di P3MI terdaftar, ikut pelatihan, dapat perjanjian kerja yang jelas. Jangan mau berangkat pakai visa turis.`,
  `Dibutuhkan customer service untuk toko online di Bandung. Kerja dari kantor, gaji 3,5 juta + bonus penjualan, pengalaman tidak wajib.`,
  `Polri membongkar jaringan perekrutan ilegal yang mengirim pekerja ke Kamboja lewat Batam. Tersangka menjanjikan gaji belasan juta rupiah.`,
  `Loker digital marketing di Jakarta Selatan, perusahaan startup fintech. Gaji 6-8 juta, hybrid, wajib paham iklan Meta dan Google.`,
  `Pelatihan gratis calon pekerja migran ke Taiwan sektor manufaktur di BLK Disnaker. Kuota 50 orang, pendaftaran sampai akhir bulan.`,
  `Tips aman cari kerja ke luar negeri: cek nama perusahaan di SISKOP2MI, jangan serahkan paspor ke calo, dan jangan mau berangkat tanpa kontrak kerja.`,
  `Restoran Padang di Tangerang cari juru masak dan pelayan. Gaji harian, mess disediakan, boleh tanpa pengalaman asal rajin.`,
  `Lowongan guru bahasa Inggris di bimbel daerah Depok, jadwal sore hari. Honor per jam, cocok untuk mahasiswa.`,
  `Kemlu mencatat ribuan kasus online scam yang melibatkan WNI sejak 2020, sebagian besar di Kamboja, Myanmar dan Filipina.`,
  `Hotel bintang empat di Bali membuka lowongan resepsionis dan marketing officer. Wajib bahasa Inggris aktif, gaji sesuai standar hotel.`,
  `Cerita korban: saya ditawari kerja admin di Thailand, ternyata dibawa ke Myanmar dan dipaksa menipu orang lewat chat. Paspor saya ditahan.`,
  `Pabrik garmen di Semarang butuh operator jahit 100 orang. Gaji UMK, lembur dibayar, BPJS Kesehatan dan Ketenagakerjaan.`,
  `Dibuka pendaftaran perawat ke Jerman melalui program resmi pemerintah. Syarat lulusan D3/S1 keperawatan dan sertifikat bahasa Jerman B1.`,
  `Komdigi sudah menurunkan ratusan konten lowongan kerja palsu yang mengarah ke perdagangan orang. Masyarakat diminta melapor lewat aduan konten.`,
  `Bengkel motor di Medan cari mekanik berpengalaman. Gaji pokok plus bonus servis, jam kerja 08.00-17.00.`,
  `Ada yang pernah kerja jadi data entry freelance dari rumah? Aku mau coba tapi takut penipuan, minta saran dong.`,
  `Lowongan staf IT support di rumah sakit swasta Surabaya. Lulusan D3/S1 informatika, paham jaringan, gaji kompetitif.`,
  `Disnaker mengingatkan: lowongan kerja luar negeri yang resmi tidak pernah meminta calon pekerja berangkat dengan visa kunjungan.`,
  `Agen travel umroh membuka lowongan marketing freelance. Komisi per jamaah, bisa kerja sambil kuliah.`,
  `Video: ratusan pekerja dari berbagai negara dievakuasi dari kompleks KK Park setelah penggerebekan. Beberapa di antaranya WNI.`,
  `Kafe di Malang cari barista dan kasir part time, cocok buat mahasiswa. Gaji per shift, dapat makan.`,
  `Call center bank swasta di Jakarta merekrut agen telemarketing. Gaji UMR DKI plus insentif, kontrak melalui outsourcing resmi.`,
  `Sosialisasi migrasi aman di desa kami hari Minggu: bagaimana mengenali lowongan palsu ke Kamboja dan Thailand, dan ke mana melapor.`,
  `Dicari sopir pribadi untuk keluarga di Jakarta Utara, wajib punya SIM A, gaji 4 juta plus uang makan.`,
];

// Warnings that quote a lure: the hardest negatives, sharing whole lines with a campaign without being part of it.
// Each intro/outro pair is used once, so two quoting warnings are not near-duplicates of each other either.
const QUOTE_FRAMES: Array<[string, string]> = [
  ['AWAS PENIPUAN! Iklan seperti ini beredar di grup Facebook kampung kami:', 'Jangan percaya, itu modus perdagangan orang. Laporkan ke polisi.'],
  ['Teman-teman, tolong hati-hati. Adik saya hampir berangkat gara-gara iklan ini:', 'Untung keluarga cegah. Kamboja bukan negara penempatan resmi!'],
  ['Contoh lowongan palsu yang dilaporkan warga ke posko pengaduan pekan ini:', 'Ciri-cirinya gaji tinggi, syarat ringan dan semua biaya ditanggung.'],
  ['[HOAKS] Beredar tawaran kerja berikut di media sosial:', 'BP3MI memastikan lowongan tersebut tidak terdaftar di SISKOP2MI.'],
  ['Kemarin ada yang kirim ini ke grup WA alumni sekolah:', 'Sudah saya laporkan ke aduan konten. Mohon jangan disebarkan lagi.'],
  ['Thread: membedah satu iklan perekrutan ke scam compound. Kalimat pertamanya:', 'Perhatikan janji tiket gratis tanpa kontrak kerja dan tanpa nama agen resmi.'],
  ['Pesan dari Disnaker kabupaten: jangan tergiur unggahan seperti', 'Semua lowongan resmi dapat dicek di kantor Disnaker dan BP3MI setempat.'],
  ['Korban yang dipulangkan bulan lalu mengaku tertarik karena membaca:', 'Setelah tiba, paspornya diambil dan ia dipaksa bekerja menipu lewat telepon.'],
  ['Tolong bantu viralkan! Akun ini menyebar lowongan bodong:', 'Nomor yang dicantumkan sudah dilaporkan berkali-kali oleh korban.'],
  ['Ini screenshot yang saya dapat dari sepupu di Medan:', 'Kata dia banyak anak muda di kampungnya yang sudah berangkat dan hilang kontak.'],
  ['Wartawan kami menelusuri unggahan lowongan berikut:', 'Alamat kantor yang disebut ternyata tidak pernah ada.'],
  ['Modul pelatihan migrasi aman, contoh soal nomor 3. Apa yang salah dari iklan ini?', 'Jawaban: negara tujuan, jenis visa dan cara merekrut lewat pesan pribadi.'],
];

const SYNONYMS: Array<[string, string]> = [
  ['lowongan', 'loker'], ['gaji', 'salary'], ['hubungi', 'hub'], ['segera', 'buruan'], ['gratis', 'free'],
  ['ditanggung', 'dibayarin'], ['perusahaan', 'PT'], ['tiket', 'tiket pesawat'], ['bulan', 'bln'],
  ['tidak', 'tdk'], ['pengalaman', 'experience'], ['kerja', 'bekerja'], ['tempat tinggal', 'mess'],
];
const EMOJI = ['🔥', '✅', '💰', '✈️', '📢', '👉', '⭐', '💯', '🇹🇭', '🇰🇭', '📲', '‼️'];
const HASHTAGS = ['#lokerluarnegeri', '#lowongankerja', '#kerjathailand', '#lokerkamboja', '#infoloker', '#gajibesar', '#kerjaonline', '#fyp'];
const EXTRA_LINES = ['Kuota terbatas!', 'Tidak dipungut biaya apapun.', 'Yang serius saja ya.', 'Info valid 100%.', 'Share ke teman yang butuh kerja.'];
const PLATFORMS = ['facebook', 'telegram', 'instagram', 'x', 'tiktok'] as const;
const PREFIXES = ['812', '813', '821', '822', '852', '853', '877', '878', '895', '896'];
const LEET: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5' };
const BOLD_A = 0x1d41a; // MATHEMATICAL BOLD SMALL A
const BOLD_CAPITAL_A = 0x1d400;

type Rng = () => number;

/** mulberry32: small, fast and seedable, so the fixture is the same on every machine. */
function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

function fakePhone(rng: Rng): { text: string; e164: string } {
  const prefix = pick(rng, PREFIXES);
  const tail = String(int(rng, 0, 9999)).padStart(4, '0');
  const style = int(rng, 0, 2);
  const text = style === 0 ? `0${prefix}-0000-${tail}` : style === 1 ? `0${prefix} 0000 ${tail}` : `+62 ${prefix}0000${tail}`;
  return { text, e164: `+62${prefix}0000${tail}` };
}

function stylize(word: string): string {
  let out = '';
  for (const ch of word) {
    const c = ch.charCodeAt(0);
    if (c >= 97 && c <= 122) out += String.fromCodePoint(BOLD_A + c - 97);
    else if (c >= 65 && c <= 90) out += String.fromCodePoint(BOLD_CAPITAL_A + c - 65);
    else out += ch;
  }
  return out;
}

/** Replaces one word of one line, chosen by `rng`, through `change` (which may return the word unchanged). */
function editWord(rng: Rng, lines: string[], change: (word: string) => string): void {
  const li = int(rng, 0, lines.length - 1);
  const words = lines[li]!.split(' ');
  const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => /^[A-Za-z]{4,}$/.test(w));
  if (candidates.length === 0) return;
  const [word, wi] = pick(rng, candidates);
  words[wi] = change(word);
  lines[li] = words.join(' ');
}

type Edit = (rng: Rng, lines: string[]) => void;

const EDITS: Record<string, Edit> = {
  synonym: (rng, lines) => {
    for (let n = int(rng, 1, 4); n > 0; n--) {
      const [from, to] = pick(rng, SYNONYMS);
      const re = new RegExp(`\\b${from}\\b`, 'gi');
      for (let li = 0; li < lines.length; li++) lines[li] = lines[li]!.replace(re, to);
    }
  },
  emoji: (rng, lines) => {
    const li = int(rng, 0, lines.length - 1);
    lines[li] = rng() < 0.5 ? `${pick(rng, EMOJI)} ${lines[li]!}` : `${lines[li]!} ${pick(rng, EMOJI)}${pick(rng, EMOJI)}`;
  },
  leet: (rng, lines) => {
    for (let n = int(rng, 1, 4); n > 0; n--) editWord(rng, lines, (w) => w.replace(/[aeios]/g, (c) => LEET[c] ?? c));
  },
  spaced: (rng, lines) => {
    for (let n = int(rng, 1, 3); n > 0; n--) editWord(rng, lines, (w) => w.toUpperCase().split('').join(' '));
  },
  stylized: (rng, lines) => {
    const li = int(rng, 0, lines.length - 1);
    const words = int(rng, 3, 12);
    lines[li] = lines[li]!.split(' ').map((w, i) => (i < words ? stylize(w) : w)).join(' ');
  },
  reorder: (rng, lines) => {
    // The headline stays first, as reposters do; the body lines are shuffled.
    for (let i = lines.length - 1; i > 1; i--) {
      const j = int(rng, 1, i);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    }
  },
  hashtags: (rng, lines) => {
    lines.push(Array.from({ length: int(rng, 2, 4) }, () => pick(rng, HASHTAGS)).join(' '));
  },
  extraLine: (rng, lines) => {
    lines.splice(int(rng, 1, lines.length), 0, pick(rng, EXTRA_LINES));
  },
  dropLine: (rng, lines) => {
    if (lines.length > 4) lines.splice(int(rng, 1, lines.length - 2), 1);
  },
  caseChange: (rng, lines) => {
    const li = int(rng, 0, lines.length - 1);
    lines[li] = rng() < 0.5 ? lines[li]!.toUpperCase() : lines[li]!.toLowerCase();
  },
};

interface RepostRecord {
  id: number;
  /** Ground truth: lures share the cluster of their base (`lure-07`); each distractor is its own (`other-12`). */
  cluster: string;
  role: 'base' | 'repost' | 'distractor';
  edits: string[];
  platform: string;
  source: string;
  postedAt: string;
  text: string;
  contacts: Array<{ kind: string; value: string }>;
}

function build(): RepostRecord[] {
  const rng = seeded(SEED);
  const records: Omit<RepostRecord, 'id'>[] = [];
  const start = Date.UTC(2026, 5, 1);
  const day = 86_400_000;
  LURES.forEach((lure, li) => {
    const cluster = `lure-${String(li + 1).padStart(2, '0')}`;
    const phones = Array.from({ length: int(rng, 1, 2) }, () => fakePhone(rng));
    const basePay = int(rng, 8, 25);
    const firstDay = int(rng, 0, 90);
    const reposts = int(rng, 4, 10);
    for (let r = 0; r <= reposts; r++) {
      const edits: string[] = [];
      let phone = pick(rng, phones);
      let pay = basePay;
      if (r > 0) {
        const names = Object.keys(EDITS);
        const count = int(rng, 2, 6);
        while (edits.length < count) {
          const name = pick(rng, names);
          if (!edits.includes(name)) edits.push(name);
        }
        if (rng() < 0.4) {
          pay = basePay + int(rng, -3, 5);
          edits.push('pay');
        }
        if (rng() < 0.3) {
          phone = fakePhone(rng);
          edits.push('newPhone');
        }
      }
      const text = lure.replaceAll('{GAJI}', String(Math.max(3, pay))).replaceAll('{WA}', phone.text);
      const lines = text.split('\n');
      for (const name of edits) EDITS[name]?.(rng, lines);
      records.push({
        cluster,
        role: r === 0 ? 'base' : 'repost',
        edits,
        platform: pick(rng, PLATFORMS),
        source: `group-${int(rng, 1, 60)}`,
        postedAt: new Date(start + (firstDay + r * int(rng, 1, 6)) * day + int(rng, 0, day - 1)).toISOString(),
        text: lines.join('\n'),
        contacts: [{ kind: 'whatsapp', value: phone.e164 }],
      });
    }
  });
  DISTRACTORS.forEach((text, di) => {
    records.push({
      cluster: `other-${String(di + 1).padStart(2, '0')}`,
      role: 'distractor',
      edits: [],
      platform: pick(rng, PLATFORMS),
      source: `group-${int(rng, 1, 60)}`,
      postedAt: new Date(start + int(rng, 0, 120) * day).toISOString(),
      text,
      contacts: [],
    });
  });
  QUOTE_FRAMES.forEach(([intro, outro], qi) => {
    const lure = LURES[(qi * 3) % LURES.length]!.replaceAll('{GAJI}', String(int(rng, 8, 25))).replaceAll('{WA}', fakePhone(rng).text);
    const lines = lure.split('\n');
    const from = int(rng, 0, lines.length - 2);
    records.push({
      cluster: `quote-${String(qi + 1).padStart(2, '0')}`,
      role: 'distractor',
      edits: ['quotes-lure'],
      platform: pick(rng, PLATFORMS),
      source: `group-${int(rng, 1, 60)}`,
      postedAt: new Date(start + int(rng, 0, 120) * day).toISOString(),
      text: `${intro}\n"${lines.slice(from, from + 2).join(' ')}"\n${outro}`,
      contacts: [],
    });
  });
  // Shuffled so arrival order does not follow clusters, then numbered in arrival order as store ids are.
  for (let i = records.length - 1; i > 0; i--) {
    const j = int(rng, 0, i);
    [records[i], records[j]] = [records[j]!, records[i]!];
  }
  return records.map((record, i) => ({ id: i + 1, ...record }));
}

const records = build();
writeFileSync(OUT, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
const clusters = new Set(records.map((r) => r.cluster)).size;
process.stdout.write(`${JSON.stringify({ file: path.relative(process.cwd(), OUT), posts: records.length, clusters })}\n`);
