// Crawl benchmark: 2,000 distinct pages on a loopback server (a child process), read through the real
// collector (robots, rate limiter, retries, parsing, validation), first over plain HTTP, then in Chromium.
// Last line: {"static_pages_per_s","browser_pages_per_s","rss_growth"}.
//
// rss_growth is the relative growth of the crawler's resident memory from the first to the last 10% of each
// phase (the larger of the two). The crawler is this process plus its Chromium processes (the loopback site
// runs in a child process of its own and is not counted). Memory is PSS (/proc/<pid>/smaps_rollup): each
// page shared between processes is divided among them, so Chromium's shared code and memory count once
// instead of once per renderer (summing RSS counted ~3 GB for ~1.3 GB really used); where PSS is not
// readable, RSS.
//
// Each phase starts after an untimed, unmeasured warm-up crawl of other pages (--warmup, default 2,000 static
// pages and a tenth of that in Chromium, which also covers Chromium's launch): over its first few hundred
// pages V8 grows its young generation and heap to the allocation rate (RSS ~150 → ~225 MB) and then stays
// flat for as long as we ran it (6,000 pages). That is start-up, not a leak; stderr shows it anyway
// (rss_growth_with_warmup) and a leak check beside it: the live heap after a full GC before the first warm-up
// and after each phase.
// Why 2,000 warm-up pages (it was 500): the static phase itself lasts ~5 s, so its first and last 10% are half a
// second each and land wherever V8's heap sizing happens to be; on a quiet machine a 500-page warm-up gave
// 0.25–0.30 (the static phase, 174 → 217 MB, live heap flat at ~20 MB), a 2,000-page one −0.12 to −0.04.
// Browser pages go 4 at a time by default (the runtime's default too): Chromium is CPU-bound on 2 cores, and 6
// tabs only added contention and memory.
// Usage: npm run bench:crawl [-- --pages 2000 --browser-pages 2000 --concurrency 16 --browser-concurrency 4 --warmup 2000]
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { collectOnce, type CollectTarget } from '../src/collect/collect-once.js';
import { DEMO_JOB_BOARD_SELECTORS } from '../src/collect/fixture-web.js';
import { createCollectRuntime } from '../src/collect/runtime.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

// ---- the loopback site, run in a child process so its memory and CPU are not counted as the crawler's ----

function telegramPage(n: number): string {
  const messages = Array.from({ length: 20 }, (_, i) => {
    const id = n * 100 + i + 1;
    return `<div class="tgme_widget_message_wrap"><div class="tgme_widget_message" data-post="chan${n}/${id}"><div class="tgme_widget_message_author"><a class="tgme_widget_message_owner_name" href="https://t.me/chan${n}">Loker ${n}</a></div><div class="tgme_widget_message_text js-message_text">Lowongan kerja nomor ${id}: admin online, gaji ${1000 + i} USD,<br/>tiket ditanggung. Hubungi 0899-0000-${String(id % 10000).padStart(4, '0')}</div><div class="tgme_widget_message_info"><span class="tgme_widget_message_views">${i}.${n % 10}K</span><a class="tgme_widget_message_date" href="https://t.me/chan${n}/${id}"><time datetime="2026-11-0${(i % 9) + 1}T0${i % 10}:00:00+00:00"></time></a></div></div></div>`;
  }).join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>chan${n}</title></head><body><div class="tgme_channel_info">chan${n}</div><section class="tgme_channel_history">${messages}</section></body></html>`;
}

function boardPage(n: number): string {
  const cards = Array.from({ length: 10 }, (_, i) => `<li class="job-card"><h2 class="job-title"><a href="lowongan/${n}-${i}">Lowongan ${n}-${i}</a></h2><div class="job-company">PT Demo ${i}</div><div class="job-location">Kota ${n}</div><time datetime="2026-11-0${(i % 9) + 1}">x</time><p class="job-desc">Deskripsi pekerjaan ${n}-${i}.</p></li>`).join('');
  // The list is built by script, so only a browser sees it.
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><ul class="job-list"></ul><script>document.querySelector('ul.job-list').innerHTML = ${JSON.stringify(cards)};</script></body></html>`;
}

function runServer(): void {
  const app = new Hono();
  app.get('/robots.txt', (c) => c.text('User-agent: *\nAllow: /\n'));
  app.get('/t/:n/s/:chan', (c) => c.html(telegramPage(Number(c.req.param('n')))));
  app.get('/b/:n', (c) => c.html(boardPage(Number(c.req.param('n')))));
  serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => process.send?.({ port: info.port }));
}

// ---- memory of this process and its Chromium descendants, from /proc ----

function descendantPids(): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended while we looked
    }
  }
  const out = new Set<number>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!out.has(pid) && (ppid === process.pid || out.has(ppid)) && pid !== server?.pid) {
        out.add(pid);
        grew = true;
      }
    }
  }
  return [...out];
}

/** CPU seconds used by this process and its Chromium processes (reaped ones included via their parents). */
function treeCpuSeconds(): number {
  const own = process.cpuUsage();
  let total = (own.user + own.system) / 1e6;
  try {
    for (const pid of descendantPids()) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // fields 14-17 of stat (utime, stime, cutime, cstime), counted from after the command name
        total += (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
      } catch {
        // gone
      }
    }
  } catch {
    // no /proc
  }
  return total;
}

/** Resident memory of one process: PSS where the kernel reports it, else RSS; 0 once it is gone. */
function processMemory(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    if (m?.[1]) return Number(m[1]) * 1024;
  } catch {
    // no smaps_rollup (old kernel, or the process ended): RSS below
  }
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The crawler's resident memory: this process and its Chromium processes (see the header). */
function crawlerMemory(): number {
  let total = processMemory(process.pid) || process.memoryUsage().rss;
  try {
    for (const pid of descendantPids()) total += processMemory(pid);
  } catch {
    // no /proc: this process only
  }
  return total;
}

// A full GC on demand, for the leak check only (never inside a timed or measured stretch).
v8.setFlagsFromString('--expose-gc');
const fullGc = vm.runInNewContext('gc') as () => void;
function liveHeapMb(): number {
  fullGc();
  return Math.round(process.memoryUsage().heapUsed / 1e6);
}

let server: ChildProcess | undefined;

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await fn(item);
      }
    }),
  );
}

async function main(): Promise<void> {
  const pages = arg('pages', 2000);
  const browserPages = arg('browser-pages', 2000);
  const concurrency = arg('concurrency', 16);
  const browserConcurrency = arg('browser-concurrency', 4);
  const warmup = process.argv.includes('--warmup') ? Math.max(0, Number(process.argv[process.argv.indexOf('--warmup') + 1]) || 0) : 2000;
  server = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => server?.once('message', (m: { port: number }) => resolve(m.port)));
  const base = `http://127.0.0.1:${port}`;

  const config = loadConfig({ ...process.env, DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'waspada-bench-')) });
  const log = createLogger({ level: 'warn', format: 'json' });
  const runtime = createCollectRuntime(config, log, {
    rateLimit: { intervalMs: 0 },
    maxPerHost: Math.max(concurrency, browserConcurrency),
    browserConcurrency,
    evidenceMode: 'none',
    limits: { maxItems: 1000, maxPages: 1 },
  });
  const samples: { static: number[]; browser: number[] } = { static: [], browser: [] };
  const warmSamples: number[] = [];
  let phase: 'static' | 'browser' = 'static';
  const total = pages + browserPages;
  let done = 0;
  let failed = 0;
  const record = (): void => {
    done++;
    if (done % Math.max(1, Math.floor(total / 400)) === 0) samples[phase].push(crawlerMemory());
    if (done % 500 === 0) process.stderr.write(`  ${done}/${total} pages\n`);
  };

  try {
    process.stderr.write(`static: ${pages} Telegram-preview pages over HTTP, ${concurrency} at a time\n`);
    const staticTargets: CollectTarget[] = Array.from({ length: pages }, (_, n) => ({ name: `bench-t${n}`, adapter: 'telegram', url: `${base}/t/${n}/s/chan${n}`, options: {} }));
    // Leak check points are outside the measured stretches: a full GC shrinks V8's heap, which then grows back.
    const heaps = { staticStart: liveHeapMb(), staticEnd: 0, browserEnd: 0 };
    warmSamples.push(crawlerMemory());
    await pool(Array.from({ length: warmup }, (_, n) => ({ name: 'warm', adapter: 'telegram' as const, url: `${base}/t/${pages + n}/s/warm${n}`, options: {} })), concurrency, async (t) => {
      await collectOnce(t, null, runtime, log);
    });
    let cpu0 = treeCpuSeconds();
    let t0 = performance.now();
    await pool(staticTargets, concurrency, async (target) => {
      const out = await collectOnce(target, null, runtime, log);
      if (out.posts.length !== 20) failed++;
      record();
    });
    const staticSeconds = (performance.now() - t0) / 1000;
    const staticCpu = treeCpuSeconds() - cpu0;
    heaps.staticEnd = liveHeapMb();
    process.stderr.write(`  static phase: ${staticSeconds.toFixed(1)} s wall, ${staticCpu.toFixed(1)} s CPU (${(pages / staticCpu).toFixed(0)} pages per CPU-second; load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} CPUs)\n`);

    phase = 'browser';
    process.stderr.write(`browser: ${browserPages} script-built job-board pages in Chromium, ${browserConcurrency} at a time\n`);
    const browserTargets: CollectTarget[] = Array.from({ length: browserPages }, (_, n) => ({ name: `bench-b${n}`, adapter: 'site', url: `${base}/b/${n}`, options: { ...DEMO_JOB_BOARD_SELECTORS, render: 'browser' } }));
    await pool(Array.from({ length: Math.ceil(warmup / 10) }, (_, n) => ({ name: 'warm', adapter: 'site' as const, url: `${base}/b/${browserPages + n}`, options: { ...DEMO_JOB_BOARD_SELECTORS, render: 'browser' } })), browserConcurrency, async (t) => {
      await collectOnce(t, null, runtime, log);
    });
    cpu0 = treeCpuSeconds();
    t0 = performance.now();
    await pool(browserTargets, browserConcurrency, async (target) => {
      const out = await collectOnce(target, null, runtime, log);
      if (out.posts.length !== 10) failed++;
      record();
    });
    const browserSeconds = (performance.now() - t0) / 1000;
    const browserCpu = treeCpuSeconds() - cpu0;
    heaps.browserEnd = liveHeapMb();
    process.stderr.write(`  browser phase: ${browserSeconds.toFixed(1)} s wall, ${browserCpu.toFixed(1)} s CPU with Chromium (${(browserPages / browserCpu).toFixed(1)} pages per CPU-second; load average ${os.loadavg()[0]?.toFixed(1)})\n`);

    // Growth is measured within each phase: Chromium starting between the phases is not a leak.
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const growth = (xs: number[], what: string): number => {
      const tenth = Math.max(1, Math.floor(xs.length / 10));
      const first = mean(xs.slice(0, tenth));
      const last = mean(xs.slice(-tenth));
      process.stderr.write(`  ${what}: crawler memory (PSS) ${Math.round(first / 1e6)} MB (first 10%) → ${Math.round(last / 1e6)} MB (last 10%)\n`);
      return xs.length < 2 ? 0 : (last - first) / first;
    };
    const rssGrowth = Math.max(growth(samples.static, 'static phase'), growth(samples.browser, 'browser phase'));
    const staticLast = mean(samples.static.slice(-Math.max(1, Math.floor(samples.static.length / 10))));
    process.stderr.write(`  rss_growth_with_warmup (static phase, from before the first warm-up page): ${(((staticLast - (warmSamples[0] ?? staticLast)) / (warmSamples[0] ?? staticLast))).toFixed(3)}\n`);
    process.stderr.write(`  leak check, live heap after a full GC: before the static warm-up ${heaps.staticStart} MB, after the static phase ${heaps.staticEnd} MB, after the browser phase ${heaps.browserEnd} MB\n`);
    process.stderr.write(`pages that did not yield every post: ${failed}\n`);
    if (failed > 0) process.exitCode = 1;
    process.stdout.write(
      `${JSON.stringify({
        static_pages_per_s: Math.round((pages / staticSeconds) * 10) / 10,
        browser_pages_per_s: Math.round((browserPages / browserSeconds) * 10) / 10,
        rss_growth: Math.round(rssGrowth * 1000) / 1000,
      })}\n`,
    );
  } finally {
    await runtime.close();
    server.kill();
  }
}

if (process.argv.includes('--serve')) runServer();
else await main();
