// A small seeded labelled set for classifier tests (text written for the tests, no dataset content).
import { createRandom } from '../common/random.js';
import type { LabelledDoc } from '../dataset/read-dataset.js';

const SCAM = [
  'Dicari admin CS untuk kerja di {place}, gaji {pay} juta, tiket dan visa ditanggung, tanpa pengalaman, hubungi WA {phone}',
  'Lowongan operator game online {place}, berangkat minggu ini, paspor diurus, gaji {pay} juta + bonus, chat telegram {phone}',
  'Kerja kantoran di {place} sebagai marketing online, tidak perlu ijazah, mess gratis, gaji {pay} jt, DM segera {phone}',
];
const LEGIT = [
  'Dibutuhkan kasir toko di {city}, lulusan SMA, gaji {small} juta sesuai UMK, kirim CV ke email hrd toko',
  'Lowongan perawat rumah sakit di {city}, wajib STR dan pengalaman 2 tahun, gaji {small} juta, lamar via situs resmi',
  'PT maju jaya membuka lowongan staf gudang di {city}, kontrak 1 tahun, BPJS, gaji {small} juta, wawancara di kantor',
];
const PLACES = ['Kamboja', 'Phnom Penh', 'Myawaddy', 'Sihanoukville', 'Laos', 'Bavet'];
const CITIES = ['Bandung', 'Surabaya', 'Medan', 'Semarang', 'Makassar', 'Bekasi'];

export function toyDocs(n: number, seed = 3): LabelledDoc[] {
  const random = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const docs: LabelledDoc[] = [];
  for (let i = 0; i < n; i++) {
    const scam = i % 2 === 0;
    // A few mislabelled-looking rows keep the problem from being perfectly separable.
    const template = pick(scam ? SCAM : LEGIT);
    const text = template
      .replace('{place}', pick(PLACES))
      .replace('{city}', pick(CITIES))
      .replace('{pay}', String(12 + Math.floor(random() * 10)))
      .replace('{small}', String(3 + Math.floor(random() * 3)))
      .replace('{phone}', `0812${String(Math.floor(random() * 1e8)).padStart(8, '0')}`);
    docs.push({ id: `t${i}`, row: i + 1, text: `${text} ref ${i}`, label: scam ? 1 : 0 });
  }
  return docs;
}
