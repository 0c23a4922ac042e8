// Turns re-check observations of referred posts into time-to-takedown and repost-after-takedown figures
// per platform, and draws them as SVG bar charts for the console.
import { escapeXml, fmt, truncate } from './svg-text.js';

/** One re-check of a referred post's URL. */
export interface TakedownObservation {
  postId: number;
  platform: string;
  referredAt: string;
  checkedAt: string;
  status: 'up' | 'removed';
}

/** A post of the same campaign published after a referred post; the store derives these from CampaignIndex.postsAfter. */
export interface RepostEvent {
  /** The referred (possibly taken-down) post. */
  postId: number;
  repostedAt: string;
}

export interface PlatformTakedownStats {
  platform: string;
  /** Referred posts with at least one valid observation. */
  referred: number;
  removed: number;
  stillUp: number;
  /**
   * Hours from referral to the first check that found the post removed: an upper bound, late by at most
   * one re-check interval. Median and 90th percentile (linear interpolation); null with no removals.
   */
  medianHours: number | null;
  p90Hours: number | null;
  /** Removed posts whose campaign posted again after the removal, and that share of `removed` (null when 0 removed). */
  repostedAfterTakedown: number;
  repostRate: number | null;
}

interface PostState {
  platform: string;
  referredAt: number;
  removedAt: number;
  latestRepost: number;
}

const HOUR = 3_600_000;

/** Per-platform figures, platforms in name order. Observations with unreadable dates are skipped. */
export function aggregateTakedowns(observations: readonly TakedownObservation[], reposts: readonly RepostEvent[] = []): PlatformTakedownStats[] {
  const posts = new Map<number, PostState>();
  for (const o of observations) {
    const referredAt = Date.parse(o.referredAt);
    const checkedAt = Date.parse(o.checkedAt);
    if (Number.isNaN(referredAt) || Number.isNaN(checkedAt)) continue;
    let state = posts.get(o.postId);
    if (!state) {
      state = { platform: o.platform, referredAt, removedAt: Number.POSITIVE_INFINITY, latestRepost: Number.NEGATIVE_INFINITY };
      posts.set(o.postId, state);
    }
    state.referredAt = Math.min(state.referredAt, referredAt);
    // The first check that saw the post gone dates the takedown; a later "up" (restored post) does not undo it.
    if (o.status === 'removed' && checkedAt < state.removedAt) state.removedAt = checkedAt;
  }
  const repostTimes = new Map<number, number>();
  for (const r of reposts) {
    const at = Date.parse(r.repostedAt);
    if (Number.isNaN(at)) continue;
    repostTimes.set(r.postId, Math.max(repostTimes.get(r.postId) ?? Number.NEGATIVE_INFINITY, at));
  }
  const byPlatform = new Map<string, PostState[]>();
  for (const [postId, state] of posts) {
    state.latestRepost = repostTimes.get(postId) ?? Number.NEGATIVE_INFINITY;
    const list = byPlatform.get(state.platform) ?? [];
    list.push(state);
    byPlatform.set(state.platform, list);
  }

  return [...byPlatform.keys()].sort().map((platform) => {
    const states = byPlatform.get(platform)!;
    const removed = states.filter((s) => Number.isFinite(s.removedAt));
    const hours = removed.map((s) => Math.max(0, s.removedAt - s.referredAt) / HOUR).sort((a, b) => a - b);
    const reposted = removed.filter((s) => s.latestRepost > s.removedAt).length;
    return {
      platform,
      referred: states.length,
      removed: removed.length,
      stillUp: states.length - removed.length,
      medianHours: quantile(hours, 0.5),
      p90Hours: quantile(hours, 0.9),
      repostedAfterTakedown: reposted,
      repostRate: removed.length === 0 ? null : reposted / removed.length,
    };
  });
}

/** Quantile of sorted values by linear interpolation between closest ranks; null for no values. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export type TakedownChartMetric = 'time' | 'repost';

/**
 * Horizontal bar chart per platform: `time` draws median hours to takedown with the p90 as a thin bar
 * behind it; `repost` draws the repost-after-takedown rate in percent.
 */
export function renderTakedownChartSvg(stats: readonly PlatformTakedownStats[], metric: TakedownChartMetric, width = 640): string {
  const rowHeight = 28;
  const labelWidth = 120;
  const top = 48;
  const height = top + Math.max(1, stats.length) * rowHeight + 24;
  const plotWidth = width - labelWidth - 90;
  const title = metric === 'time'
    ? 'Waktu hingga diturunkan (jam, median; batang tipis = p90) / Time to takedown (hours, median; thin bar = p90)'
    : 'Diunggah ulang setelah diturunkan (%) / Reposted after takedown (%)';
  const values = stats.map((s) => (metric === 'time' ? { main: s.medianHours, back: s.p90Hours } : { main: s.repostRate === null ? null : s.repostRate * 100, back: null }));
  const max = metric === 'repost' ? 100 : Math.max(1, ...values.map((v) => Math.max(v.main ?? 0, v.back ?? 0)));
  const scale = (v: number) => (v / max) * plotWidth;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(width)}" height="${fmt(height)}" viewBox="0 0 ${fmt(width)} ${fmt(height)}" font-family="sans-serif" font-size="11">`);
  out.push(`<title>${escapeXml(title)}</title>`);
  out.push(`<rect x="0" y="0" width="${fmt(width)}" height="${fmt(height)}" fill="#ffffff"/>`);
  out.push(`<text x="8" y="20" font-size="12" font-weight="bold">${escapeXml(truncate(title, 110))}</text>`);
  stats.forEach((s, i) => {
    const y = top + i * rowHeight;
    const v = values[i]!;
    out.push(`<text x="8" y="${fmt(y + 16)}">${escapeXml(truncate(s.platform, 18))}</text>`);
    if (v.back !== null) out.push(`<rect x="${fmt(labelWidth)}" y="${fmt(y + 10)}" width="${fmt(scale(v.back))}" height="4" fill="#f5b7b1"/>`);
    if (v.main === null) {
      out.push(`<text x="${fmt(labelWidth)}" y="${fmt(y + 16)}" fill="#777777">belum ada yang diturunkan / none removed yet (${s.referred})</text>`);
      return;
    }
    out.push(`<rect x="${fmt(labelWidth)}" y="${fmt(y + 4)}" width="${fmt(scale(v.main))}" height="16" fill="#c0392b"/>`);
    const text = metric === 'time' ? `${fmt(v.main)} j/h (n=${s.removed}/${s.referred})` : `${fmt(v.main)}% (${s.repostedAfterTakedown}/${s.removed})`;
    out.push(`<text x="${fmt(labelWidth + scale(v.main) + 6)}" y="${fmt(y + 16)}">${escapeXml(text)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
