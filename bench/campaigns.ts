// Benchmark of incremental campaign indexing: synthetic posts (≈500 characters, templates reposted with
// edits and rotating numbers) added one by one. Last stdout line: {"posts_per_s","peak_rss_mb","posts"}.
// Wall-clock posts_per_s counts only the adds (generation excluded); the line before also gives the rate by
// CPU time, which holds when other processes share the machine. `--restore` also times snapshot + restore.
// Usage: npm run bench:campaigns [-- --posts N] [--restore]
import { CampaignIndex } from '../src/campaigns/campaign-index.js';

function argPosts(argv: readonly string[]): number {
  const at = argv.indexOf('--posts');
  const raw = at >= 0 ? argv[at + 1] : undefined;
  const n = raw === undefined ? 1_000_000 : Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--posts must be a positive integer, got ${raw}`);
  return n;
}

/** mulberry32, reseeded per template and per post so template text is recomputed instead of kept in memory. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOMAIN = ['lowongan', 'kerja', 'gaji', 'juta', 'tiket', 'visa', 'ditanggung', 'kamboja', 'thailand', 'myanmar', 'admin', 'marketing',
  'customer', 'service', 'operator', 'mess', 'gratis', 'berangkat', 'paspor', 'hubungi', 'segera', 'tanpa', 'pengalaman', 'bonus', 'perusahaan'];
const SYLLABLES = ['ka', 'ri', 'mu', 'ta', 'sa', 'ng', 'be', 'lo', 'pe', 'di', 'an', 'ja', 'wa', 'ke', 'ru', 'si', 'po', 'la', 'ne', 'gu'];
// A vocabulary of invented words: ads share the domain words but differ in the rest, as real lures do.
const VOCABULARY: string[] = (() => {
  const r = rng(7);
  const words = new Set<string>();
  while (words.size < 4000) {
    let w = '';
    for (let s = 2 + Math.floor(r() * 3); s > 0; s--) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)]!;
    words.add(w);
  }
  return [...words];
})();
const EMOJI = ['🔥', '✅', '💰', '✈️', '📢', '👉'];
const PLATFORMS = ['facebook', 'telegram', 'instagram', 'x', 'tiktok'];

function templateWords(template: number): string[] {
  const r = rng(template * 2654435761);
  const words: string[] = [];
  let length = 0;
  while (length < 500) {
    const w = r() < 0.25 ? DOMAIN[Math.floor(r() * DOMAIN.length)]! : VOCABULARY[Math.floor(r() * VOCABULARY.length)]!;
    words.push(w);
    length += w.length + 1;
  }
  return words;
}

function phone(campaign: number, variant: number): string {
  return `+62812${String((campaign * 7 + variant) % 100_000_000).padStart(8, '0')}`;
}

interface Generator {
  next(id: number): { id: number; text: string; contacts: Array<{ kind: string; value: string }>; platform: string; source: string; postedAt: string; reach: number };
  campaigns: number;
}

/** 30% of posts start a campaign; the rest repost a recent one (skewed to the newest) with 1–4 word edits. */
function generator(seed: number): Generator {
  const r = rng(seed);
  const state = { campaigns: 0 };
  const start = Date.UTC(2026, 0, 1);
  return {
    get campaigns() {
      return state.campaigns;
    },
    next(id) {
      let campaign: number;
      if (state.campaigns === 0 || r() < 0.3) campaign = state.campaigns++;
      else campaign = Math.max(0, state.campaigns - 1 - Math.floor(Math.min(50_000, state.campaigns) * r() * r()));
      const words = templateWords(campaign);
      for (let e = 1 + Math.floor(r() * 4); e > 0; e--) words[Math.floor(r() * words.length)] = VOCABULARY[Math.floor(r() * VOCABULARY.length)]!;
      if (r() < 0.5) words.splice(Math.floor(r() * words.length), 0, EMOJI[Math.floor(r() * EMOJI.length)]!);
      const number = phone(campaign, r() < 0.2 ? 1 + Math.floor(r() * 3) : 0);
      return {
        id,
        text: `${words.join(' ')} gaji ${8 + Math.floor(r() * 20)} juta WA ${number}`,
        contacts: [{ kind: 'whatsapp', value: number }],
        platform: PLATFORMS[Math.floor(r() * PLATFORMS.length)]!,
        source: `group-${Math.floor(r() * 5000)}`,
        postedAt: new Date(start + id * 30_000).toISOString(),
        reach: Math.floor(r() * 10_000),
      };
    },
  };
}

function rssMb(): number {
  const peakKb = process.resourceUsage().maxRSS;
  return Math.max(process.memoryUsage().rss / 1_048_576, peakKb / 1024);
}

const posts = argPosts(process.argv.slice(2));
const index = new CampaignIndex();
const gen = generator(42);
const BATCH = 10_000;
let addMs = 0;
let addCpuUs = 0;
let textChars = 0;
let merges = 0;
for (let done = 0; done < posts; ) {
  const size = Math.min(BATCH, posts - done);
  const batch = Array.from({ length: size }, (_, i) => gen.next(done + i + 1));
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (const post of batch) if (index.add(post).mergedCampaigns.length > 0) merges++;
  addMs += performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  addCpuUs += cpu.user + cpu.system;
  for (const post of batch) textChars += post.text.length;
  done += size;
  if (done % 100_000 === 0) process.stdout.write(`${done} posts, ${(done / (addMs / 1000)).toFixed(0)} posts/s (${(done / (addCpuUs / 1e6)).toFixed(0)} by CPU time), rss ${rssMb().toFixed(0)} MB\n`);
}
if (process.argv.includes('--restore')) {
  // Start-up path: snapshot, then replay stored signatures without re-normalizing text. Doubles memory for a while.
  const t0 = performance.now();
  const bytes = index.snapshot();
  const t1 = performance.now();
  const restored = CampaignIndex.restore(bytes);
  const t2 = performance.now();
  const same = restored.campaigns().length === index.campaigns().length;
  process.stdout.write(`${JSON.stringify({ snapshot_mb: Math.round(bytes.length / 1_048_576), snapshot_ms: Math.round(t1 - t0), restore_posts_per_s: Math.round(posts / ((t2 - t1) / 1000)), restored_same_campaigns: same })}\n`);
}
const found = index.campaigns().length;
process.stdout.write(`${JSON.stringify({ generated_campaigns: gen.campaigns, found_campaigns: found, merges, cpu_posts_per_s: Math.round(posts / (addCpuUs / 1e6)), mean_chars: Math.round(textChars / posts), index_mb: Math.round(index.memoryBytes() / 1_048_576) })}\n`);
process.stdout.write(`${JSON.stringify({ posts_per_s: Math.round(posts / (addMs / 1000)), peak_rss_mb: Math.round(rssMb()), posts })}\n`);
