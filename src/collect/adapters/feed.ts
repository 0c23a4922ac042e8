// RSS 2.0 and Atom feeds over plain HTTP: one item per entry, keyed by guid/id or link.
import * as cheerio from 'cheerio';
import { SourceHealthError } from '../errors.js';
import { detectWall } from '../detect-health.js';
import { elementText, loadHtml } from '../html-text.js';
import type { Adapter, ScrapedItem } from '../ports.js';
import { paginate, type ListPage } from './paginate.js';

function htmlToText(fragment: string): string {
  if (!/[<&]/.test(fragment)) return fragment.trim();
  const $ = loadHtml(`<div id="x">${fragment}</div>`);
  return elementText($('#x'));
}

export function parseFeed(xml: string, feedUrl: string): ListPage {
  const $ = cheerio.load(xml, { xml: true });
  const items: ScrapedItem[] = [];
  const isAtom = $('feed').length > 0;
  const entries = isAtom ? $('feed > entry') : $('rss > channel > item, rdf\\:RDF > item, channel > item');
  entries.each((_, node) => {
    const el = $(node);
    const title = el.children('title').first().text().trim();
    const body = isAtom
      ? (el.children('content').first().text() || el.children('summary').first().text())
      : (el.children('content\\:encoded').first().text() || el.children('description').first().text());
    const link = isAtom
      ? (el.children('link[rel="alternate"]').attr('href') ?? el.children('link').first().attr('href'))
      : el.children('link').first().text().trim();
    const id = (isAtom ? el.children('id').first().text() : el.children('guid').first().text()).trim() || link || title;
    const date = (isAtom ? el.children('published').first().text() || el.children('updated').first().text() : el.children('pubDate').first().text() || el.children('dc\\:date').first().text()).trim();
    const author = (isAtom ? el.find('author > name').first().text() : el.children('author').first().text() || el.children('dc\\:creator').first().text()).trim();
    const posted = date ? new Date(date) : null;
    const text = [title, htmlToText(body)].filter((t) => t.length > 0).join('\n');
    if (!id) return;
    items.push({
      key: id,
      order: posted && !Number.isNaN(posted.getTime()) ? posted.getTime() : undefined,
      pageUrl: link ? new URL(link, feedUrl).toString() : feedUrl,
      evidenceHtml: () => $.xml(el),
      post: {
        platform: 'feed',
        externalId: id.slice(0, 512),
        url: link ? new URL(link, feedUrl).toString() : undefined,
        author: author ? { name: author } : undefined,
        text,
        postedAt: posted && !Number.isNaN(posted.getTime()) ? posted.toISOString() : undefined,
        media: [],
      },
    });
  });
  items.sort((a, b) => (b.order ?? 0) - (a.order ?? 0));
  return { items, next: null, recognized: $('rss, feed, rdf\\:RDF, channel').length > 0 };
}

export const feedAdapter: Adapter = {
  name: 'feed',
  async collect(target, isNew, ctx, limits) {
    return paginate(
      target.url,
      async (url) => {
        const res = await ctx.get(url, { expect: 'xml' });
        const wall = detectWall({ url: res.url, body: res.body, status: res.status });
        if (wall) throw new SourceHealthError(wall, `${wall.replace('_', ' ')} at ${res.url}`);
        return parseFeed(res.body, url);
      },
      isNew,
      limits,
      'page-known',
    );
  },
};
