// A campaign's activity over time for its console page: posts per day or week and platform, and an SVG
// stacked-bar rendering. Takedowns can be marked so reposts after them stand out.
import { escapeXml, fmt } from './svg-text.js';

export interface TimelinePost {
  postedAt?: string | null;
  platform: string;
}

export interface TimelineBucket {
  /** ISO date (UTC) the bucket starts on; weeks start on Monday. */
  start: string;
  posts: number;
  byPlatform: Record<string, number>;
}

export type TimelineUnit = 'day' | 'week';

const DAY = 86_400_000;

function bucketStart(ms: number, unit: TimelineUnit): number {
  const day = Math.floor(ms / DAY) * DAY;
  if (unit === 'day') return day;
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
  return day - weekday * DAY;
}

/**
 * Posts per bucket from the first to the last dated post, empty buckets included so gaps (a pause after a
 * takedown) show. Posts without a readable date are left out. Buckets are capped at `maxBuckets` (newest kept).
 */
export function campaignTimeline(posts: readonly TimelinePost[], unit: TimelineUnit = 'day', maxBuckets = 366): TimelineBucket[] {
  const times: Array<[number, string]> = [];
  for (const p of posts) {
    const ms = p.postedAt ? Date.parse(p.postedAt) : Number.NaN;
    if (!Number.isNaN(ms)) times.push([bucketStart(ms, unit), p.platform]);
  }
  if (times.length === 0) return [];
  const step = unit === 'day' ? DAY : 7 * DAY;
  // A loop rather than Math.min(...): a campaign may have more posts than a call can take arguments.
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const [t] of times) {
    if (t < first) first = t;
    if (t > last) last = t;
  }
  first = Math.max(first, last - (maxBuckets - 1) * step);
  const buckets: TimelineBucket[] = [];
  for (let t = first; t <= last; t += step) buckets.push({ start: new Date(t).toISOString().slice(0, 10), posts: 0, byPlatform: {} });
  for (const [t, platform] of times) {
    if (t < first) continue;
    const bucket = buckets[Math.round((t - first) / step)]!;
    bucket.posts++;
    bucket.byPlatform[platform] = (bucket.byPlatform[platform] ?? 0) + 1;
  }
  return buckets;
}

const PALETTE = ['#4169e1', '#c0392b', '#27ae60', '#8e44ad', '#d35400', '#16a085', '#7f8c8d', '#2c3e50', '#f39c12'];

/** Stacked bars per bucket, one colour per platform (legend on top), optional takedown markers as red lines. */
export function renderTimelineSvg(buckets: readonly TimelineBucket[], options: { width?: number; height?: number; takedowns?: readonly string[] } = {}): string {
  const width = options.width ?? 720;
  const height = options.height ?? 200;
  const left = 36;
  const top = 40;
  const bottom = 28;
  const plotHeight = height - top - bottom;
  const platforms = [...new Set(buckets.flatMap((b) => Object.keys(b.byPlatform)))].sort();
  const color = (p: string) => PALETTE[platforms.indexOf(p) % PALETTE.length]!;
  const max = buckets.reduce((m, b) => Math.max(m, b.posts), 1);
  const barWidth = buckets.length === 0 ? 0 : (width - left - 8) / buckets.length;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(width)}" height="${fmt(height)}" viewBox="0 0 ${fmt(width)} ${fmt(height)}" font-family="sans-serif" font-size="10">`);
  out.push('<title>Linimasa / Timeline</title>');
  out.push(`<rect x="0" y="0" width="${fmt(width)}" height="${fmt(height)}" fill="#ffffff"/>`);
  platforms.forEach((p, i) => {
    out.push(`<rect x="${fmt(left + i * 90)}" y="8" width="10" height="10" fill="${color(p)}"/><text x="${fmt(left + i * 90 + 14)}" y="17">${escapeXml(p.slice(0, 12))}</text>`);
  });
  out.push(`<text x="4" y="${fmt(top + 8)}">${max}</text><text x="4" y="${fmt(top + plotHeight)}">0</text>`);
  buckets.forEach((b, i) => {
    let y = top + plotHeight;
    for (const p of platforms) {
      const n = b.byPlatform[p] ?? 0;
      if (n === 0) continue;
      const h = (n / max) * plotHeight;
      y -= h;
      out.push(`<rect x="${fmt(left + i * barWidth)}" y="${fmt(y)}" width="${fmt(Math.max(1, barWidth - 1))}" height="${fmt(h)}" fill="${color(p)}"><title>${escapeXml(`${b.start} ${p}: ${n}`)}</title></rect>`);
    }
  });
  if (buckets.length > 0) {
    const firstMs = Date.parse(buckets[0]!.start);
    const span = Date.parse(buckets[buckets.length - 1]!.start) - firstMs;
    const step = buckets.length > 1 ? span / (buckets.length - 1) : DAY;
    for (const at of options.takedowns ?? []) {
      const ms = Date.parse(at);
      if (Number.isNaN(ms)) continue;
      const x = left + ((ms - firstMs) / step) * barWidth;
      if (x < left || x > width) continue;
      out.push(`<line x1="${fmt(x)}" y1="${fmt(top - 4)}" x2="${fmt(x)}" y2="${fmt(top + plotHeight)}" stroke="#e74c3c" stroke-dasharray="3,2"><title>${escapeXml(`diturunkan / taken down ${at}`)}</title></line>`);
    }
    out.push(`<text x="${fmt(left)}" y="${fmt(height - 8)}">${escapeXml(buckets[0]!.start)}</text>`);
    out.push(`<text x="${fmt(width - 8)}" y="${fmt(height - 8)}" text-anchor="end">${escapeXml(buckets[buckets.length - 1]!.start)}</text>`);
  }
  out.push('</svg>');
  return out.join('\n');
}
