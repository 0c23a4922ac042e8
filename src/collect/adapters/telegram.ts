// Telegram public channel previews (t.me/s/<channel>): one page holds ~20 messages, oldest first;
// older pages are reached with ?before=<id>. Plain HTTP, no JavaScript needed.
import { SourceHealthError } from '../errors.js';
import { detectWall } from '../detect-health.js';
import type { Cheerio } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { backgroundImageUrl, elementText, findTags, indexByClass, loadHtml, parseCount } from '../html-text.js';
import type { Adapter, ScrapedItem } from '../ports.js';
import { paginate, type ListPage } from './paginate.js';

/** Channel name and the site root a preview URL lives under (t.me, or a mirror's mount point). */
export function telegramChannelOf(url: string): { channel: string; root: string } | null {
  const u = new URL(url);
  const m = /^(.*?)\/s\/([A-Za-z0-9_]{3,64})\/?$/.exec(u.pathname) ?? /^(.*?)\/([A-Za-z0-9_]{3,64})\/?$/.exec(u.pathname);
  if (!m?.[2]) return null;
  return { channel: m[2], root: `${u.origin}${m[1] ?? ''}` };
}

function isInside(node: AnyNode, ancestor: AnyNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

export function parseTelegramPage(html: string, pageUrl: string): ListPage & { channel: string | null } {
  const $ = loadHtml(html);
  const target = telegramChannelOf(pageUrl);
  const items: ScrapedItem[] = [];
  $('.tgme_widget_message[data-post]').each((_, node) => {
    const el = $(node);
    const dataPost = el.attr('data-post') ?? '';
    const m = /^([A-Za-z0-9_]+)\/(\d+)$/.exec(dataPost);
    if (!m?.[1] || !m[2]) return;
    const id = Number(m[2]);
    // One walk indexes the message's parts by class; a selector query per field costs several times more.
    const parts = indexByClass(node);
    const NONE: AnyNode[] = [];
    const first = (cls: string): Cheerio<AnyNode> => $(parts.get(cls)?.slice(0, 1) ?? NONE);
    // A reply quotes the parent's text in the same class; only the message's own text counts.
    const replies = parts.get('tgme_widget_message_reply') ?? [];
    const ownText = (parts.get('tgme_widget_message_text') ?? []).find((t) => !replies.some((r) => isInside(t, r)));
    const textEl = $(ownText ? [ownText] : NONE);
    let text = ownText ? elementText(textEl) : '';
    if (!text && parts.has('tgme_widget_message_poll_question')) {
      text = [elementText(first('tgme_widget_message_poll_question')), ...(parts.get('tgme_widget_message_poll_option_text') ?? []).map((o) => $(o).text().trim())].join('\n');
    }
    const media: Array<{ kind: 'photo' | 'video' | 'document' | 'link'; url: string }> = [];
    for (const p of parts.get('tgme_widget_message_photo_wrap') ?? []) {
      const src = backgroundImageUrl($(p).attr('style'));
      if (src) media.push({ kind: 'photo', url: src });
    }
    if (parts.has('tgme_widget_message_video_player') || parts.has('tgme_widget_message_roundvideo_player')) {
      el.find('video[src]').each((__, v) => {
        const src = $(v).attr('src');
        if (src) media.push({ kind: 'video', url: src });
      });
    }
    for (const a of findTags(ownText, 'a')) {
      const href = a.attribs.href ?? '';
      if (/^https?:\/\//.test(href)) media.push({ kind: 'link', url: href });
    }
    const linkPreview = first('tgme_widget_message_link_preview').attr('href');
    if (linkPreview && !media.some((x) => x.url === linkPreview)) media.push({ kind: 'link', url: linkPreview });
    const owner = first('tgme_widget_message_owner_name');
    const signedBy = first('tgme_widget_message_from_author').text().trim();
    const forwarded = first('tgme_widget_message_forwarded_from_name');
    const notes: string[] = [];
    if (forwarded.length) notes.push(`forwarded from ${forwarded.text().trim()}`);
    const root = target?.root ?? 'https://t.me';
    const dateLink = first('tgme_widget_message_date');
    items.push({
      key: dataPost,
      order: id,
      pageUrl,
      evidenceHtml: () => $.html(el),
      post: {
        platform: 'telegram',
        externalId: dataPost,
        url: `${root}/${dataPost}`,
        author: {
          id: m[1],
          name: signedBy || owner.text().trim() || m[1],
          url: owner.attr('href') ?? `${root}/${m[1]}`,
        },
        text,
        postedAt: (findTags(dateLink.get(0), 'time')[0] ?? findTags(node, 'time').find((t) => t.attribs.datetime))?.attribs.datetime,
        media,
        reach: { views: parseCount(first('tgme_widget_message_views').text()) },
        notes,
      },
    });
  });
  items.sort((a, b) => (b.order ?? 0) - (a.order ?? 0));
  const oldest = items.at(-1)?.order;
  let next: string | null = null;
  const hasOlder = $('link[rel="prev"]').length > 0 || $('.tme_messages_more[data-before]').length > 0;
  if (oldest !== undefined && oldest > 1 && hasOlder) {
    // Built from the page URL rather than the page's root-relative link, so mirrors under a sub-path paginate too.
    const u = new URL(pageUrl);
    u.searchParams.set('before', String(oldest));
    next = u.toString();
  }
  const recognized = $('.tgme_channel_info, .tgme_widget_message_wrap, .tgme_channel_history, .tgme_page_widget').length > 0;
  return { items, next, recognized, channel: target?.channel ?? null };
}

export const telegramAdapter: Adapter = {
  name: 'telegram',
  async collect(target, isNew, ctx, limits) {
    const start = new URL(target.url);
    // A bare t.me/<channel> shows one message; the /s/ preview shows the feed.
    if (!/\/s\//.test(start.pathname)) {
      const ch = telegramChannelOf(target.url);
      if (ch) start.pathname = `${new URL(ch.root).pathname.replace(/\/$/, '')}/s/${ch.channel}`;
    }
    return paginate(
      start.toString(),
      async (url) => {
        const res = await ctx.get(url, { expect: 'html' });
        const wall = detectWall({ url: res.url, body: res.body, status: res.status });
        if (wall) throw new SourceHealthError(wall, `${wall.replace('_', ' ')} at ${res.url}`);
        return parseTelegramPage(res.body, url);
      },
      isNew,
      limits,
    );
  },
};
