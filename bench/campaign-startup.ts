// Start-up of a route worker's campaign index from the store: a cold tracker computes every signature from
// the post texts (and stores them), a warm one reads the stored signatures (migration 005). Embedded PGlite,
// so CPU time includes the database. Last stdout line: {"posts","cold_posts_per_s","warm_posts_per_s",...}.
// Usage: node --import tsx bench/campaign-startup.ts [--posts N]   (default 20000)
import { CampaignTracker } from '../src/app/campaign-tracker.js';
import { PostInput } from '../src/contracts/post.js';
import { extractFeatures } from '../src/extract/index.js';
import { migrate } from '../src/store/migrate.js';
import { openPgliteDb } from '../src/store/pglite-db.js';
import { Store } from '../src/store/store.js';

const at = process.argv.indexOf('--posts');
const posts = at >= 0 ? Number(process.argv[at + 1]) : 20_000;
if (!Number.isInteger(posts) || posts < 1) throw new Error('--posts must be a positive integer');

let seed = 7;
const rand = () => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
const WORDS = 'lowongan kerja admin customer service operator kamboja thailand myanmar gaji juta tiket visa mess gratis berangkat paspor segera tanpa pengalaman bonus perusahaan marketing online chat shift malam makan ditanggung kontrak'.split(' ');
const textOf = (campaign: number) => {
  const words: string[] = [];
  let s = campaign * 7919;
  for (let i = 0; i < 70; i++) words.push(WORDS[(s = (s * 31 + 17) % 100_003) % WORDS.length]!);
  words[Math.floor(rand() * words.length)] = WORDS[Math.floor(rand() * WORDS.length)]!;
  return `${words.join(' ')} WA +62812${String(campaign % 100_000_000).padStart(8, '0')}`;
};

const db = await openPgliteDb();
await migrate(db);
const store = new Store(db);
for (let done = 0; done < posts; done += 1000) {
  const inputs = Array.from({ length: Math.min(1000, posts - done) }, (_, i) => {
    const campaign = Math.floor(rand() * posts * 0.3);
    return PostInput.parse({ platform: 'telegram', externalId: `b/${done + i}`, text: textOf(campaign), source: `g-${campaign % 500}` });
  });
  const { idsByInput } = await store.posts.insert(inputs);
  await store.features.save(idsByInput.map((postId, i) => ({ postId, features: extractFeatures(inputs[i]!.text) })));
}

async function timed(tracker: CampaignTracker): Promise<{ ms: number; cpuMs: number }> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await tracker.sync();
  const cpu = process.cpuUsage(cpu0);
  return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const coldTracker = new CampaignTracker(store);
const cold = await timed(coldTracker);
const warmTracker = new CampaignTracker(store);
const warm = await timed(warmTracker);
await db.close();
process.stdout.write(
  `${JSON.stringify({
    posts,
    cold_computed: coldTracker.computedSignatures,
    warm_computed: warmTracker.computedSignatures,
    cold_ms: Math.round(cold.ms),
    warm_ms: Math.round(warm.ms),
    cold_cpu_ms: Math.round(cold.cpuMs),
    warm_cpu_ms: Math.round(warm.cpuMs),
    cold_posts_per_s: Math.round(posts / (cold.ms / 1000)),
    warm_posts_per_s: Math.round(posts / (warm.ms / 1000)),
  })}\n`,
);
