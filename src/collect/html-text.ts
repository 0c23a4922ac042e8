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

const BLOCKS = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr']);

// One walk over the DOM instead of clone + rewrite + text(): text extraction runs for every scraped post.
function collectText(node: AnyNode, out: string[]): void {
  if (node.type === 'text') out.push(node.data);
  else if (node.type === 'tag') {
    if (node.name === 'br') {
      out.push(BREAK);
      return;
    }
    for (const child of node.children) collectText(child, out);
    if (BLOCKS.has(node.name)) out.push(BREAK);
  }
}

export function elementText(el: Cheerio<AnyNode>): string {
  const out: string[] = [];
  for (const root of el.toArray()) {
    if (root.type === 'tag') for (const child of root.children) collectText(child, out);
    else collectText(root, out);
  }
  return out
    .join('')
    .replace(/\s+/g, (ws) => (ws.includes(BREAK) ? ws : ' '))
    .split(BREAK)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Descendant elements of `root` with the given tag name, in document order. */
export function findTags(root: AnyNode | undefined, name: string): Array<AnyNode & { attribs: Record<string, string> }> {
  const out: Array<AnyNode & { attribs: Record<string, string> }> = [];
  const visit = (node: AnyNode): void => {
    if (node.type !== 'tag') return;
    if (node.name === name) out.push(node);
    for (const child of node.children) visit(child);
  };
  if (root?.type === 'tag') for (const child of root.children) visit(child);
  return out;
}

/** Descendants of `root` grouped by class name, from one walk: cheaper than a selector query per field. */
export function indexByClass(root: AnyNode): Map<string, AnyNode[]> {
  const index = new Map<string, AnyNode[]>();
  const visit = (node: AnyNode): void => {
    if (node.type !== 'tag') return;
    const cls = node.attribs.class;
    if (cls) {
      for (const name of cls.split(/\s+/)) {
        if (!name) continue;
        const list = index.get(name);
        if (list) list.push(node);
        else index.set(name, [node]);
      }
    }
    for (const child of node.children) visit(child);
  };
  if (root.type === 'tag') for (const child of root.children) visit(child);
  return index;
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
