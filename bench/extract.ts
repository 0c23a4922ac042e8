// Benchmark of extractFeatures on 500-character posts, one core. Last output line is one JSON object.
// Run: npm run bench:extract. Uses synthetic posts; when ../shared/datasets is present it also times real
// Indonesian job ads cut to 500 characters (read at run time, never copied).
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFeatures } from '../src/extract/index.js';

const POST_CHARS = 500;
const DURATION_MS = Number(process.env.BENCH_MS ?? 3000);

const fragments = [
  'LOWONGAN KERJA 🇰🇭 KAMBOJA! Dibutuhkan CS online, admin crypto dan operator game. ',
  'Gaji 15-20jt/bln + bonus 15%. Tiket pesawat gratis, mess gratis, makan 3x sehari. ',
  'Tanpa pengalaman, tanpa ijazah, usia bebas. Interview via WA, bisa langsung berangkat minggu ini. ',
  'Minat hubungi W A 0812-3456-7890 atau t.me/rekrut_kerja, slot terbatas! ',
  'Lowongan admin IT di Thailand gaji $1000-1500 per month, free tiket & visa, visa turis dulu nanti di sana diurus. ',
  'WASPADA! Kemlu mengimbau masyarakat agar tidak tergiur tawaran kerja di Kamboja dan Myanmar, ujar juru bicara. ',
  'Ratusan WNI korban TPPO dipulangkan dari Myawaddy dan KK Park, laporkan ke KBRI atau 0800-1000. ',
  'PT Maju Jaya (P3MI) SIP3MI No. 123/2024 membuka lowongan caregiver Taiwan, gaji NT$28.590, kontrak ditandatangani di Indonesia. ',
  'Dicari staf administrasi untuk kantor di Jakarta Selatan, minimal S1, pengalaman 2 tahun, gaji Rp 6.500.000. ',
  'Kirim CV ke hrd@contoh-perusahaan.co.id paling lambat 30 Juni. Info: bit.ly/loker-ok ',
  'L0ker K4mboja g4ji dolar, 𝐠𝐚𝐣𝐢 𝐛𝐞𝐬𝐚𝐫, berangkat rombongan dari Batam lewat Malaysia. ',
  'Program G to G Korea EPS-TOPIK, daftar di siapkerja.kemnaker.go.id, syarat lulus tes bahasa Korea. ',
];

function syntheticPosts(count: number, seed = 42): string[] {
  let s = seed;
  const rand = (): number => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const posts: string[] = [];
  for (let i = 0; i < count; i++) {
    let p = '';
    while (p.length < POST_CHARS) p += fragments[Math.floor(rand() * fragments.length)] as string;
    posts.push(p.slice(0, POST_CHARS));
  }
  return posts;
}

function realPosts(): string[] | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const file = join(here, '..', '..', 'shared', 'datasets', 'id-jobs-real', 'legit_id_jobs.jsonl');
  if (!existsSync(file)) return null;
  const out: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const text = (JSON.parse(line) as { text?: unknown }).text;
    if (typeof text === 'string' && text.length >= POST_CHARS) out.push(text.slice(0, POST_CHARS));
  }
  return out.length > 0 ? out : null;
}

function measure(posts: string[]): { postsPerS: number; p99Us: number; n: number } {
  for (let i = 0; i < 2000; i++) extractFeatures(posts[i % posts.length] as string); // warm-up
  const samples: number[] = [];
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < DURATION_MS) {
    for (let k = 0; k < 200; k++) {
      const t0 = performance.now();
      extractFeatures(posts[n % posts.length] as string);
      if ((n & 15) === 0) samples.push(performance.now() - t0);
      n++;
    }
  }
  const elapsed = performance.now() - start;
  samples.sort((a, b) => a - b);
  return { postsPerS: Math.round((n / elapsed) * 1000), p99Us: Math.round((samples[Math.floor(samples.length * 0.99)] ?? 0) * 1000), n };
}

// A fixed trivial loop over 500 characters, timed the same way: on a quiet modern core it takes well under
// 1 µs; a much larger figure means the machine is loaded or throttled and posts/s should be read relative to it.
function calibrate(): number {
  const s = fragments.join('').slice(0, POST_CHARS);
  let x = 0;
  const start = performance.now();
  for (let i = 0; i < 20000; i++) for (let k = 0; k < s.length; k++) x += s.charCodeAt(k) * k;
  if (x === 42) console.log('');
  return (performance.now() - start) / 20;
}

const calibrationUs = Math.round(calibrate() * 100) / 100;
const cpuStart = process.cpuUsage();
const synthetic = measure(syntheticPosts(1000));
const cpu = process.cpuUsage(cpuStart);
const cpuPostsPerS = Math.round(synthetic.n / ((cpu.user + cpu.system) / 1e6));
console.log(`synthetic 500-char posts: ${synthetic.postsPerS} posts/s wall, ${cpuPostsPerS} posts per CPU-second, p99 ${synthetic.p99Us} µs (${synthetic.n} runs)`);
console.log(`calibration loop: ${calibrationUs} µs per 500 chars (quiet core: < 1 µs); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const real = realPosts();
let realResult: ReturnType<typeof measure> | null = null;
// CPU time is the fairer figure on a shared machine: wall time also counts the time other processes held the core.
let realCpuPostsPerS: number | null = null;
if (real === null) console.log('real posts: ../shared/datasets/id-jobs-real not present, skipped');
else {
  const realCpuStart = process.cpuUsage();
  realResult = measure(real);
  const realCpu = process.cpuUsage(realCpuStart);
  realCpuPostsPerS = Math.round(realResult.n / ((realCpu.user + realCpu.system) / 1e6));
  console.log(`real job ads cut to 500 chars (${real.length}): ${realResult.postsPerS} posts/s wall, ${realCpuPostsPerS} posts per CPU-second, p99 ${realResult.p99Us} µs`);
}
console.log(
  JSON.stringify({
    posts_per_s: synthetic.postsPerS,
    posts_per_cpu_s: cpuPostsPerS,
    p99_us: synthetic.p99Us,
    real_posts_per_s: realResult?.postsPerS ?? null,
    real_posts_per_cpu_s: realCpuPostsPerS,
    real_p99_us: realResult?.p99Us ?? null,
    post_chars: POST_CHARS,
    calibration_us: calibrationUs,
    load_avg_1m: Math.round((loadavg()[0] ?? 0) * 10) / 10,
    target_posts_per_s: 20000,
    meets_target: synthetic.postsPerS >= 20000 && (realResult === null || realResult.postsPerS >= 20000),
  }),
);
