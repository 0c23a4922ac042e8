// Job boards and other sites described by CSS selectors in the source's options, so an operator adds a
// site without code. Static HTML by default; render: 'browser' for boards that build their list in JavaScript.
import { z } from 'zod';
import { PermanentCrawlError, SourceHealthError } from '../errors.js';
import { htmlWhenReady } from '../browser-pool.js';
import { detectWall } from '../detect-health.js';
import { elementText, loadHtml } from '../html-text.js';
import type { Adapter, CrawlContext, ScrapedItem } from '../ports.js';
import { paginate, type ListPage } from './paginate.js';
import { resolveHref } from './site-root.js';

export const SiteSelectors = z.object({
  /** Container of the listing; its absence means the layout changed. Default: body. */
  list: z.string().min(1).default('body'),
  /** One element per post, inside the list. */
  item: z.string().min(1),
  /** Text of the post, inside the item (title and body may be listed comma-separated). */
  text: z.string().min(1),
  /** Link to the post's own page, inside the item; its href is the post's id. */
  link: z.string().min(1).optional(),
  /** Date inside the item: the datetime attribute if present, else its text. */
  date: z.string().min(1).optional(),
  author: z.string().min(1).optional(),
  /** The "next page" link. */
  next: z.string().min(1).optional(),
  render: z.enum(['static', 'browser']).default('static'),
  /** Root for root-relative links when the site is mirrored under a sub-path. */
  root: z.string().url().optional(),
});
export type SiteSelectors = z.infer<typeof SiteSelectors>;

export function parseSitePage(html: string, pageUrl: string, sel: SiteSelectors): ListPage {
  const $ = loadHtml(html);
  const root = sel.root ?? new URL(pageUrl).origin;
  const list = $(sel.list).first();
  const items: ScrapedItem[] = [];
  list.find(sel.item).each((_, node) => {
    const el = $(node);
    const text = el
      .find(sel.text)
      .map((__, t) => elementText($(t)))
      .get()
      .filter((t) => t.length > 0)
      .join('\n');
    const href = sel.link ? (el.find(sel.link).first().attr('href') ?? (el.is(sel.link) ? el.attr('href') : undefined)) : undefined;
    const url = href ? resolveHref(href, pageUrl, root) : undefined;
    const dateEl = sel.date ? el.find(sel.date).first() : null;
    const rawDate = dateEl?.attr('datetime') ?? dateEl?.text().trim();
    const posted = rawDate ? new Date(rawDate) : null;
    const author = sel.author ? el.find(sel.author).first().text().trim() : '';
    const key = url ?? `text:${text.slice(0, 200)}`;
    items.push({
      key,
      pageUrl,
      evidenceHtml: () => $.html(el),
      post: {
        platform: 'site',
        externalId: url,
        url,
        author: author ? { name: author } : undefined,
        text,
        postedAt: posted && !Number.isNaN(posted.getTime()) ? posted.toISOString() : undefined,
        media: [],
      },
    });
  });
  const nextHref = sel.next ? $(sel.next).first().attr('href') : undefined;
  return { items, next: nextHref ? resolveHref(nextHref, pageUrl, root) : null, recognized: list.length > 0 };
}

async function readSitePage(url: string, ctx: CrawlContext, sel: SiteSelectors): Promise<ListPage> {
  if (sel.render === 'browser') {
    await ctx.beforeBrowse(url);
    const { html, finalUrl } = await ctx.browser().withPage(async (page) => {
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      // Wait for the items themselves rather than for network silence: faster, and still right for lists
      // filled by a later request. No items within the bound is judged by the parser (layout change or empty).
      return { html: await htmlWhenReady(page, `${sel.list} ${sel.item}`, 5_000), finalUrl: page.url() };
    });
    const wall = detectWall({ url: finalUrl, body: html });
    if (wall) throw new SourceHealthError(wall, `${wall.replace('_', ' ')} at ${finalUrl}`);
    return parseSitePage(html, url, sel);
  }
  const res = await ctx.get(url, { expect: 'html' });
  const wall = detectWall({ url: res.url, body: res.body, status: res.status });
  if (wall) throw new SourceHealthError(wall, `${wall.replace('_', ' ')} at ${res.url}`);
  return parseSitePage(res.body, url, sel);
}

export const siteAdapter: Adapter = {
  name: 'site',
  async collect(target, isNew, ctx, limits) {
    const parsed = SiteSelectors.safeParse(target.options);
    if (!parsed.success) {
      throw new PermanentCrawlError(`source ${target.name}: invalid site selectors: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    return paginate(target.url, (url) => readSitePage(url, ctx, parsed.data), isNew, limits, 'page-known');
  },
};
