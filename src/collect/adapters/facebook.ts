// Facebook public pages and groups from m.facebook.com markup: stories carry their id and publish time in
// the data-ft JSON. Plain HTTP for public pages; a Playwright session (storage-state file) for closed groups.
import type { Cheerio } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { SourceHealthError } from '../errors.js';
import { detectWall } from '../detect-health.js';
import { backgroundImageUrl, elementText, loadHtml, parseCount } from '../html-text.js';
import type { Adapter, CrawlContext, ScrapedItem } from '../ports.js';
import { paginate, type ListPage } from './paginate.js';
import { resolveHref, siteRootOf } from './site-root.js';

const ROOT_MARKER = /\/(groups|story\.php|permalink\.php|profile\.php|pg|pages)\b|\/[^/]+\/?$/;

interface DataFt {
  top_level_post_id?: string | number;
  page_id?: string | number;
  mf_story_key?: string | number;
  page_insights?: Record<string, { post_context?: { publish_time?: number }; page_id_type?: string }>;
}

function readFt(raw: string | undefined): DataFt | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as DataFt;
  } catch {
    return null;
  }
}

function publishTime(ft: DataFt): number | undefined {
  for (const insight of Object.values(ft.page_insights ?? {})) {
    const t = insight.post_context?.publish_time;
    if (typeof t === 'number') return t;
  }
  return undefined;
}

export function parseFacebookPage(html: string, pageUrl: string, root = siteRootOf(pageUrl, ROOT_MARKER)): ListPage {
  const $ = loadHtml(html);
  const roots: AnyNode[] = [];
  $('.story_body_container').each((_, body) => {
    const story = $(body).closest('[data-ft*="top_level_post_id"]');
    const node = story.get(0);
    if (node && !roots.includes(node)) roots.push(node);
  });
  // A shared post's original sits inside the sharer's story; it is part of that post, not a post of its own.
  const topLevel = roots.filter((node) => !roots.some((other) => other !== node && $(node).parents().toArray().includes(other as never)));
  const items: ScrapedItem[] = [];
  for (const node of topLevel) {
    const story = $(node);
    const ft = readFt(story.attr('data-ft'));
    const id = String(ft?.top_level_post_id ?? ft?.mf_story_key ?? '');
    if (!ft || !/^\d+$/.test(id)) continue;
    const body = story.find('.story_body_container').first();
    const own = body.children('[data-ft*=\'"tn":"*s"\']').first();
    const attachment = body.children('[data-ft*=\'"tn":"H"\']').first();
    const clean = (el: Cheerio<AnyNode>): string => {
      const copy = el.clone();
      copy.find('.text_exposed_hide, [data-sigil="more"], header').remove();
      copy.find('a').filter((_, a) => /^(More|Lihat selengkapnya)$/i.test($(a).text().trim())).remove();
      return elementText(copy);
    };
    let text = own.length ? clean(own) : '';
    const notes: string[] = [];
    if (!text && attachment.length) {
      const sharedText = attachment.find('[data-ft*=\'"tn":"*s"\']').first();
      text = clean(sharedText.length ? sharedText : attachment);
      if (text) notes.push('text is the shared post\'s');
    }
    const authorLink = body.find('header h3 a, header strong a').first();
    const authorName = authorLink.text().trim() || body.find('header h3, header strong').first().text().trim();
    const media: Array<{ kind: 'photo' | 'link'; url: string }> = [];
    story.find('a[href*="/photos/"] img, i.img[style*="url("]').each((_, img) => {
      const src = $(img).attr('src') ?? backgroundImageUrl($(img).attr('style'));
      if (src && !/profpic/.test($(img).attr('class') ?? '')) media.push({ kind: 'photo', url: src });
    });
    own.find('a[href]').each((_, a) => {
      const href = $(a).attr('href') ?? '';
      const external = /^https?:\/\/lm\.facebook\.com\/l\.php\?u=([^&]+)/.exec(href);
      if (external?.[1]) media.push({ kind: 'link', url: decodeURIComponent(external[1]) });
      else if (/^https?:\/\//.test(href) && !/facebook\.com/.test(href)) media.push({ kind: 'link', url: href });
    });
    const isGroup = Object.values(ft.page_insights ?? {}).some((p) => p.page_id_type === 'group');
    const groupPath = /\/groups\/([^/?#]+)/.exec(new URL(pageUrl).pathname)?.[1];
    const permalink = isGroup && groupPath ? `${root}/groups/${groupPath}/permalink/${id}/` : `${root}/story.php?story_fbid=${id}${ft.page_id ? `&id=${ft.page_id}` : ''}`;
    const t = publishTime(ft);
    const reactions = parseCount(story.find('[data-sigil="reactions-sentence-container"] div, ._1g06').first().text().trim());
    items.push({
      key: id,
      pageUrl,
      evidenceHtml: () => $.html(story),
      post: {
        platform: 'facebook',
        externalId: id,
        url: permalink,
        author: authorName
          ? { name: authorName, url: authorLink.attr('href') ? resolveHref((authorLink.attr('href') ?? '').split('?')[0] ?? '', pageUrl, root) : undefined }
          : undefined,
        text,
        postedAt: t !== undefined ? new Date(t * 1000).toISOString() : undefined,
        media,
        reach: { reactions },
        notes,
      },
    });
  }
  let next: string | null = null;
  const more = $('#see_more_pager a[href], a[href*="multi_permalinks"], a[href*="bacr="]').first().attr('href')
    ?? $('a').filter((_, a) => /^(See more posts|Lihat Postingan Lainnya|Lihat lainnya)/i.test($(a).text().trim())).first().attr('href');
  if (more) next = resolveHref(more, pageUrl, root);
  const recognized = $('#m_group_stories_container, #structured_composer_async_container, #m_story_permalink_view, #pages_msite_body_contents, .story_body_container, #root').length > 0;
  return { items, next, recognized };
}

async function readFacebookPage(url: string, ctx: CrawlContext, storageState: string | undefined): Promise<ListPage> {
  if (!storageState) {
    const res = await ctx.get(url, { expect: 'html' });
    const wall = detectWall({ url: res.url, body: res.body, status: res.status });
    if (wall) throw new SourceHealthError(wall, `${wall.replace('_', ' ')} at ${res.url}`);
    return parseFacebookPage(res.body, url);
  }
  await ctx.beforeBrowse(url);
  const { finalUrl, html, status } = await ctx.browser().withPage(
    async (page) => {
      const response = await page.goto(url, { waitUntil: 'domcontentloaded' });
      return { finalUrl: page.url(), html: await page.content(), status: response?.status() ?? 0 };
    },
    { storageState },
  );
  const wall = detectWall({ url: finalUrl, body: html, status });
  if (wall) throw new SourceHealthError(wall, `${wall.replace('_', ' ')} at ${finalUrl} (is the session in ${storageState} still valid?)`);
  return parseFacebookPage(html, url);
}

export const facebookAdapter: Adapter = {
  name: 'facebook',
  async collect(target, isNew, ctx, limits) {
    const storageState = typeof target.options.storageState === 'string' ? target.options.storageState : undefined;
    // Group feeds are sorted by activity: an old post with a new comment comes back to the top, so only a
    // fully known page means we have caught up.
    return paginate(target.url, (url) => readFacebookPage(url, ctx, storageState), isNew, limits, 'page-known');
  },
};
