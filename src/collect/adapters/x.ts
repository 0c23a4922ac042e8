// X (Twitter) search and user timelines, read from the page's own GraphQL JSON. In a browser the adapter
// listens to the responses the page makes; a JSON mirror (option mode: 'json') is read over plain HTTP.
import type { Response } from 'playwright';
import { SourceHealthError, errorMessage } from '../errors.js';
import { detectWall } from '../detect-health.js';
import type { Adapter, AdapterResult, ScrapedItem } from '../ports.js';
import { paginate } from './paginate.js';

interface TweetResult {
  __typename?: string;
  rest_id?: string;
  tweet?: TweetResult;
  core?: { user_results?: { result?: { rest_id?: string; core?: { name?: string; screen_name?: string }; legacy?: { name?: string; screen_name?: string } } } };
  legacy?: {
    full_text?: string;
    created_at?: string;
    favorite_count?: number;
    lang?: string;
    entities?: { urls?: Array<{ expanded_url?: string }>; media?: Array<{ media_url_https?: string; type?: string }> };
    extended_entities?: { media?: Array<{ media_url_https?: string; type?: string }> };
  };
  note_tweet?: { note_tweet_results?: { result?: { text?: string } } };
  views?: { count?: string };
}

interface Entry {
  entryId?: string;
  content?: {
    cursorType?: string;
    value?: string;
    itemContent?: { tweet_results?: { result?: TweetResult } };
    items?: Array<{ item?: { itemContent?: { tweet_results?: { result?: TweetResult } } } }>;
  };
}

function findInstructions(json: unknown): Array<{ type?: string; entries?: Entry[]; entry?: Entry }> {
  // The timeline sits at a different depth per endpoint (search, user tweets, tweet detail); find it by name.
  const stack: unknown[] = [json];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      if (Array.isArray(obj.instructions)) return obj.instructions as Array<{ type?: string; entries?: Entry[]; entry?: Entry }>;
      for (const value of Object.values(obj)) if (value && typeof value === 'object') stack.push(value);
    }
  }
  return [];
}

function tweetToItem(result: TweetResult, pageUrl: string, siteRoot: string): ScrapedItem | null {
  const tweet = result.__typename === 'TweetWithVisibilityResults' && result.tweet ? result.tweet : result;
  const id = tweet.rest_id;
  if (!id || !/^\d+$/.test(id) || !tweet.legacy) return null;
  const user = tweet.core?.user_results?.result;
  const screenName = user?.core?.screen_name ?? user?.legacy?.screen_name;
  const name = user?.core?.name ?? user?.legacy?.name;
  const text = tweet.note_tweet?.note_tweet_results?.result?.text ?? tweet.legacy.full_text ?? '';
  const media: Array<{ kind: 'photo' | 'video' | 'link'; url: string }> = [];
  for (const m of tweet.legacy.extended_entities?.media ?? tweet.legacy.entities?.media ?? []) {
    if (m.media_url_https) media.push({ kind: m.type === 'photo' ? 'photo' : 'video', url: m.media_url_https });
  }
  for (const u of tweet.legacy.entities?.urls ?? []) if (u.expanded_url) media.push({ kind: 'link', url: u.expanded_url });
  const views = tweet.views?.count !== undefined ? Number(tweet.views.count) : undefined;
  return {
    key: id,
    // Snowflake ids grow with time; the high bits fit a double, so the order is exact enough to compare.
    order: Number(id),
    pageUrl,
    evidenceHtml: () => JSON.stringify(tweet),
    post: {
      platform: 'x',
      externalId: id,
      url: `${siteRoot}/${screenName ?? 'i/web'}/status/${id}`,
      author: { id: user?.rest_id, name: name ?? screenName, url: screenName ? `${siteRoot}/${screenName}` : undefined },
      text,
      postedAt: tweet.legacy.created_at ? new Date(tweet.legacy.created_at).toISOString() : undefined,
      media,
      reach: { views: Number.isFinite(views) ? views : undefined, reactions: tweet.legacy.favorite_count },
      lang: tweet.legacy.lang,
    },
  };
}

export interface XTimeline {
  items: ScrapedItem[];
  /** Cursor for the next (older) page, from the bottom cursor entry. */
  bottomCursor: string | null;
  recognized: boolean;
}

/** Tweets of one GraphQL timeline response (SearchTimeline, UserTweets, TweetDetail), newest first. */
export function parseXTimeline(json: unknown, pageUrl: string, siteRoot = 'https://x.com'): XTimeline {
  const instructions = findInstructions(json);
  const items: ScrapedItem[] = [];
  let bottomCursor: string | null = null;
  const seen = new Set<string>();
  const add = (result: TweetResult | undefined): void => {
    if (!result) return;
    const item = tweetToItem(result, pageUrl, siteRoot);
    if (item && !seen.has(item.key)) {
      seen.add(item.key);
      items.push(item);
    }
  };
  for (const instruction of instructions) {
    const entries = instruction.entries ?? (instruction.entry ? [instruction.entry] : []);
    for (const entry of entries) {
      const content = entry.content;
      if (!content) continue;
      if (content.cursorType === 'Bottom' && content.value) bottomCursor = content.value;
      add(content.itemContent?.tweet_results?.result);
      for (const it of content.items ?? []) add(it.item?.itemContent?.tweet_results?.result);
    }
  }
  items.sort((a, b) => (b.order ?? 0) - (a.order ?? 0));
  return { items, bottomCursor, recognized: instructions.length > 0 };
}

function isTimelineResponse(response: Response): boolean {
  return /\/graphql\/[^/]+\/(SearchTimeline|UserTweets|UserTweetsAndReplies|UserMedia|TweetDetail|HomeTimeline|ListLatestTweetsTimeline)/.test(response.url());
}

export const xAdapter: Adapter = {
  name: 'x',
  async collect(target, isNew, ctx, limits): Promise<AdapterResult> {
    const siteRoot = typeof target.options.siteRoot === 'string' ? target.options.siteRoot : new URL(target.url).origin;
    if (target.options.mode === 'json') {
      return paginate(
        target.url,
        async (url) => {
          const res = await ctx.get(url, { expect: 'json' });
          const parsed = parseXTimeline(JSON.parse(res.body) as unknown, url, siteRoot);
          const next = parsed.bottomCursor && parsed.items.length > 0 ? withParam(target.url, 'cursor', parsed.bottomCursor) : null;
          return { items: parsed.items, next, recognized: parsed.recognized };
        },
        isNew,
        limits,
      );
    }
    // Browser path: open the search or profile page, collect every timeline response while scrolling.
    await ctx.beforeBrowse(target.url);
    const scrolls = Math.max(1, limits.maxPages);
    const timelines: XTimeline[] = [];
    const problems: AdapterResult['problems'] = [];
    let wall: ReturnType<typeof detectWall> = null;
    await ctx.browser().withPage(async (page) => {
      const pending: Array<Promise<void>> = [];
      page.on('response', (response) => {
        if (!isTimelineResponse(response)) return;
        pending.push(
          response
            .json()
            .then((json: unknown) => {
              timelines.push(parseXTimeline(json, target.url, siteRoot));
            })
            .catch((error: unknown) => {
              problems.push({ url: response.url(), health: 'layout_changed', message: `unreadable timeline JSON: ${errorMessage(error)}` });
            }),
        );
      });
      await page.goto(target.url, { waitUntil: 'domcontentloaded' });
      // A redirect to the login flow is known at once; no need to wait for timelines that will not come.
      wall = detectWall({ url: page.url(), body: '' });
      if (wall) return;
      let seen = 0;
      for (let i = 0; i < scrolls; i++) {
        if (pending.length === seen) await page.waitForResponse(isTimelineResponse, { timeout: i === 0 ? 10_000 : 2_500 }).catch(() => undefined);
        // Endless scroll: bounded by maxPages, and stopped when a scroll brings nothing new.
        if (pending.length === seen) break;
        seen = pending.length;
        await Promise.all(pending);
        const all = timelines.flatMap((t) => t.items);
        if (all.length >= limits.maxItems || all.some((item) => !isNew(item))) break;
        await page.mouse.wheel(0, 20_000);
      }
      await Promise.all(pending);
      if (timelines.length === 0) wall = detectWall({ url: page.url(), body: await page.content() });
    });
    if (wall) throw new SourceHealthError(wall, `${String(wall).replace('_', ' ')} at ${target.url}`);
    const items: ScrapedItem[] = [];
    const keys = new Set<string>();
    for (const item of timelines.flatMap((t) => t.items).sort((a, b) => (b.order ?? 0) - (a.order ?? 0))) {
      if (keys.has(item.key) || !isNew(item) || items.length >= limits.maxItems) continue;
      keys.add(item.key);
      items.push(item);
    }
    if (timelines.length === 0 && problems.length === 0) {
      problems.push({ url: target.url, health: 'layout_changed', message: `the page made no timeline request: ${target.url}` });
    }
    const health = problems[0]?.health ?? (timelines.some((t) => t.items.length > 0) ? 'ok' : 'empty');
    return { items, pages: timelines.length, problems, health };
  },
};

function withParam(url: string, name: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(name, value);
  return u.toString();
}
