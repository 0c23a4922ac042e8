// Turns an element of scraped HTML into readable text: <br> and block ends become line breaks, while
// whitespace from the HTML source (indentation, wrapped lines) collapses to single spaces as a browser shows it.
import * as cheerio from 'cheerio';
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';

const BREAK = '\u2028';

/** Parses scraped HTML with htmlparser2: forgiving with broken markup and several times faster than parse5 on big pages. */
export function loadHtml(html: string): CheerioAPI {
  return cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } });
}

export function elementText(el: Cheerio<AnyNode>): string {
  const clone = el.clone();
  clone.find('br').replaceWith(BREAK);
  clone.find('p, div, li, h1, h2, h3, h4, h5, h6, tr').after(BREAK);
  return clone
    .text()
    .replace(/\s+/g, (ws) => (ws.includes(BREAK) ? ws : ' '))
    .split(BREAK)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** "37.2K" → 37200, "1,234" → 1234, "2.1M" → 2100000; unreadable → undefined. */
export function parseCount(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  const m = /^([\d.,]+)\s*([KkMm])?$/.exec(raw.trim());
  if (!m?.[1]) return undefined;
  const suffix = m[2]?.toUpperCase();
  const base = suffix ? Number(m[1].replace(/,/g, '.')) : Number(m[1].replace(/[.,]/g, ''));
  if (!Number.isFinite(base)) return undefined;
  return Math.round(base * (suffix === 'K' ? 1_000 : suffix === 'M' ? 1_000_000 : 1));
}

/** The first url('…') in an inline style, as Telegram and Facebook put photos in background images. */
export function backgroundImageUrl(style: string | undefined): string | undefined {
  const m = /url\(['"]?([^'")]+)['"]?\)/.exec(style ?? '');
  return m?.[1];
}
