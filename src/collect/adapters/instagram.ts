// Instagram public profiles and hashtags, read from the JSON the web app loads (GraphQL "edges" of media
// nodes). Plain HTTP against the JSON endpoint by default; option mode: 'browser' opens the page and listens.
import { SourceHealthError, errorMessage } from '../errors.js';
import { detectWall } from '../detect-health.js';
import type { Adapter, AdapterResult, ScrapedItem } from '../ports.js';
import { paginate } from './paginate.js';

interface MediaNode {
  id?: string;
  shortcode?: string;
  code?: string;
  __typename?: string;
  is_video?: boolean;
  display_url?: string;
  video_url?: string;
  taken_at_timestamp?: number;
  taken_at?: number;
  owner?: { id?: string; username?: string };
  user?: { pk?: string | number; username?: string; full_name?: string };
  edge_media_to_caption?: { edges?: Array<{ node?: { text?: string } }> };
  caption?: { text?: string } | null;
  edge_media_preview_like?: { count?: number };
  edge_liked_by?: { count?: number };
  like_count?: number;
  video_view_count?: number;
  edge_sidecar_to_children?: { edges?: Array<{ node?: MediaNode }> };
}

/** One media node (GraphQL web shape or the newer API shape) as a post. */
export function instagramNodeToItem(node: MediaNode, pageUrl: string, siteRoot = 'https://www.instagram.com'): ScrapedItem | null {
  const shortcode = node.shortcode ?? node.code;
  if (!shortcode || !/^[A-Za-z0-9_-]+$/.test(shortcode)) return null;
  const text = node.edge_media_to_caption?.edges?.[0]?.node?.text ?? node.caption?.text ?? '';
  const takenAt = node.taken_at_timestamp ?? node.taken_at;
  const username = node.owner?.username ?? node.user?.username;
  const media: Array<{ kind: 'photo' | 'video'; url: string }> = [];
  const children = node.edge_sidecar_to_children?.edges?.map((e) => e.node).filter((n): n is MediaNode => n !== undefined) ?? [node];
  for (const child of children) {
    const url = child.is_video ? (child.video_url ?? child.display_url) : child.display_url;
    if (url) media.push({ kind: child.is_video ? 'video' : 'photo', url });
  }
  return {
    key: shortcode,
    order: takenAt,
    pageUrl,
    evidenceHtml: () => JSON.stringify(node),
    post: {
      platform: 'instagram',
      externalId: shortcode,
      url: `${siteRoot}/p/${shortcode}/`,
      author: { id: node.owner?.id ?? (node.user?.pk !== undefined ? String(node.user.pk) : undefined), name: node.user?.full_name ?? username, url: username ? `${siteRoot}/${username}/` : undefined },
      text,
      postedAt: takenAt !== undefined ? new Date(takenAt * 1000).toISOString() : undefined,
      media,
      reach: {
        reactions: node.edge_media_preview_like?.count ?? node.edge_liked_by?.count ?? node.like_count,
        views: node.video_view_count,
      },
    },
  };
}

export interface InstagramPage {
  items: ScrapedItem[];
  endCursor: string | null;
  recognized: boolean;
}

/** Every media node in a profile or hashtag JSON response, newest first, with the next-page cursor. */
export function parseInstagramJson(json: unknown, pageUrl: string, siteRoot?: string): InstagramPage {
  const items: ScrapedItem[] = [];
  const keys = new Set<string>();
  let endCursor: string | null = null;
  let recognized = false;
  const stack: unknown[] = [json];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    const obj = node as Record<string, unknown>;
    if (Array.isArray(obj.edges) && ('page_info' in obj || 'count' in obj)) {
      recognized = true;
      const info = obj.page_info as { has_next_page?: boolean; end_cursor?: string } | undefined;
      if (info?.has_next_page && info.end_cursor && endCursor === null) endCursor = info.end_cursor;
    }
    if ((typeof obj.shortcode === 'string' || typeof obj.code === 'string') && ('edge_media_to_caption' in obj || 'caption' in obj)) {
      recognized = true;
      const item = instagramNodeToItem(obj as MediaNode, pageUrl, siteRoot);
      if (item && !keys.has(item.key)) {
        keys.add(item.key);
        items.push(item);
      }
      continue; // a sidecar's children are part of this post
    }
    for (const value of Object.values(obj)) if (value && typeof value === 'object') stack.push(value);
  }
  items.sort((a, b) => (b.order ?? 0) - (a.order ?? 0));
  return { items, endCursor, recognized };
}

/** The JSON endpoint behind a profile or hashtag page URL. */
export function instagramJsonUrl(pageUrl: string): string {
  const u = new URL(pageUrl);
  const tag = /\/explore\/tags\/([^/]+)/.exec(u.pathname)?.[1];
  const prefix = u.pathname.replace(/\/(explore\/tags\/[^/]+|[^/]+)\/?$/, '');
  if (tag) return `${u.origin}${prefix}/api/v1/tags/web_info/?tag_name=${encodeURIComponent(tag)}`;
  const user = /\/([A-Za-z0-9._]+)\/?$/.exec(u.pathname)?.[1] ?? '';
  return `${u.origin}${prefix}/api/v1/users/web_profile_info/?username=${encodeURIComponent(user)}`;
}

export const instagramAdapter: Adapter = {
  name: 'instagram',
  async collect(target, isNew, ctx, limits): Promise<AdapterResult> {
    const siteRoot = typeof target.options.siteRoot === 'string' ? target.options.siteRoot : new URL(target.url).origin;
    if (target.options.mode !== 'browser') {
      const jsonUrl = target.url.includes('/api/') ? target.url : instagramJsonUrl(target.url);
      return paginate(
        jsonUrl,
        async (url) => {
          const res = await ctx.get(url, { expect: 'json', headers: { 'x-ig-app-id': '936619743392459' } });
          let json: unknown;
          try {
            json = JSON.parse(res.body);
          } catch {
            const wall = detectWall({ url: res.url, body: res.body, status: res.status });
            if (wall) throw new SourceHealthError(wall, `${wall.replace('_', ' ')} at ${res.url}`);
            throw new SourceHealthError('layout_changed', `not JSON at ${res.url}`);
          }
          const page = parseInstagramJson(json, url, siteRoot);
          const next = page.endCursor ? `${jsonUrl}${jsonUrl.includes('?') ? '&' : '?'}max_id=${encodeURIComponent(page.endCursor)}` : null;
          return { items: page.items, next, recognized: page.recognized };
        },
        isNew,
        limits,
      );
    }
    await ctx.beforeBrowse(target.url);
    const pages: InstagramPage[] = [];
    const problems: AdapterResult['problems'] = [];
    let wall: ReturnType<typeof detectWall> = null;
    await ctx.browser().withPage(async (page) => {
      const pending: Array<Promise<void>> = [];
      page.on('response', (response) => {
        if (!/json/.test(response.headers()['content-type'] ?? '')) return;
        pending.push(
          response
            .text()
            .then((body) => {
              if (body.includes('shortcode') || body.includes('"code"')) pages.push(parseInstagramJson(JSON.parse(body) as unknown, target.url, siteRoot));
            })
            .catch((error: unknown) => {
              problems.push({ url: response.url(), health: 'layout_changed', message: `unreadable JSON: ${errorMessage(error)}` });
            }),
        );
      });
      await page.goto(target.url, { waitUntil: 'networkidle' });
      await Promise.all(pending);
      if (pages.length === 0) wall = detectWall({ url: page.url(), body: await page.content() });
    });
    if (wall) throw new SourceHealthError(wall, `${String(wall).replace('_', ' ')} at ${target.url}`);
    const items = pages
      .flatMap((p) => p.items)
      .filter((item, i, all) => isNew(item) && all.findIndex((x) => x.key === item.key) === i)
      .slice(0, limits.maxItems);
    if (pages.length === 0 && problems.length === 0) problems.push({ url: target.url, health: 'layout_changed', message: `no media JSON seen at ${target.url}` });
    return { items, pages: pages.length, problems, health: problems[0]?.health ?? (items.length > 0 ? 'ok' : 'empty') };
  },
};
