// Draws a campaign's entity graph as a standalone SVG for the console: sources, posts, contacts and
// authors in four columns, edges between them. Deterministic, no scripts, every label escaped.
import type { EntityGraph, EntityKind, EntityNode } from './entity-graph.js';
import { escapeXml, fmt, truncate } from './svg-text.js';

export interface GraphSvgOptions {
  /** Width in pixels; height follows from the longest column. Default 960. */
  width?: number;
  /** Longest label in characters. Default 32. */
  maxLabel?: number;
  /** Shown in <title> and at the top. Default "Kampanye #<id> / Campaign #<id>". */
  title?: string;
}

const COLUMNS: EntityKind[] = ['source', 'post', 'contact', 'author'];
const COLUMN_TITLES: Record<EntityKind, string> = {
  source: 'Grup / Group', post: 'Unggahan / Posts', contact: 'Kontak / Contacts', author: 'Akun / Accounts',
};
const COLORS: Record<EntityKind, string> = { source: '#6b8e23', post: '#4169e1', contact: '#c0392b', author: '#8e44ad' };
const ROW = 22;
const TOP = 64;

export function renderGraphSvg(graph: EntityGraph, options: GraphSvgOptions = {}): string {
  const width = options.width ?? 960;
  const maxLabel = options.maxLabel ?? 32;
  const title = options.title ?? `Kampanye #${graph.campaignId} / Campaign #${graph.campaignId}`;
  const byKind = new Map<EntityKind, EntityNode[]>(COLUMNS.map((k) => [k, []]));
  for (const node of graph.nodes) byKind.get(node.kind)?.push(node);

  // Posts keep their given order (ascending ids = time); other columns sit at the mean row of the posts
  // they touch, which untangles most edges without an iterative layout.
  const position = new Map<string, { x: number; y: number }>();
  const posts = byKind.get('post')!;
  const postRow = new Map(posts.map((p, i) => [p.key, i]));
  const neighbours = new Map<string, number[]>();
  for (const edge of graph.edges) {
    const [post, other] = postRow.has(edge.from) ? [edge.from, edge.to] : [edge.to, edge.from];
    const row = postRow.get(post);
    if (row === undefined) continue;
    const list = neighbours.get(other) ?? [];
    list.push(row);
    neighbours.set(other, list);
  }
  const rows = Math.max(1, ...COLUMNS.map((k) => byKind.get(k)!.length));
  const height = TOP + rows * ROW + 40;
  const columnWidth = width / COLUMNS.length;
  COLUMNS.forEach((kind, c) => {
    const nodes = byKind.get(kind)!;
    if (kind !== 'post') {
      const mean = (n: EntityNode) => {
        const list = neighbours.get(n.key) ?? [];
        return list.length === 0 ? Number.POSITIVE_INFINITY : list.reduce((a, b) => a + b, 0) / list.length;
      };
      nodes.sort((a, b) => mean(a) - mean(b) || compare(a.label, b.label) || compare(a.key, b.key));
    }
    const offset = ((rows - nodes.length) * ROW) / 2;
    nodes.forEach((node, i) => position.set(node.key, { x: c * columnWidth + 16, y: TOP + offset + i * ROW + ROW / 2 }));
  });

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(width)}" height="${fmt(height)}" viewBox="0 0 ${fmt(width)} ${fmt(height)}" font-family="sans-serif" font-size="11">`);
  out.push(`<title>${escapeXml(title)}</title>`);
  out.push(`<rect x="0" y="0" width="${fmt(width)}" height="${fmt(height)}" fill="#ffffff"/>`);
  out.push(`<text x="16" y="22" font-size="14" font-weight="bold">${escapeXml(truncate(title, 120))}</text>`);
  COLUMNS.forEach((kind, c) => {
    out.push(`<text x="${fmt(c * columnWidth + 16)}" y="46" fill="${COLORS[kind]}" font-weight="bold">${escapeXml(COLUMN_TITLES[kind])} (${byKind.get(kind)!.length})</text>`);
  });
  out.push('<g stroke="#999999" stroke-opacity="0.5" stroke-width="1">');
  for (const edge of graph.edges) {
    const a = position.get(edge.from);
    const b = position.get(edge.to);
    if (a && b) out.push(`<line x1="${fmt(a.x)}" y1="${fmt(a.y)}" x2="${fmt(b.x)}" y2="${fmt(b.y)}"/>`);
  }
  out.push('</g>');
  for (const kind of COLUMNS) {
    out.push(`<g fill="${COLORS[kind]}">`);
    for (const node of byKind.get(kind)!) {
      const p = position.get(node.key)!;
      const r = Math.min(9, 3 + 1.5 * Math.sqrt(Math.max(1, node.weight)));
      const label = escapeXml(truncate(node.label, maxLabel));
      const count = node.kind === 'post' ? '' : ` (${node.weight})`;
      out.push(`<circle cx="${fmt(p.x)}" cy="${fmt(p.y)}" r="${fmt(r)}"><title>${escapeXml(node.label)}${count}</title></circle>`);
      out.push(`<text x="${fmt(p.x + 12)}" y="${fmt(p.y + 4)}" fill="#222222">${label}${count}</text>`);
    }
    out.push('</g>');
  }
  if (graph.omittedPosts > 0) {
    out.push(`<text x="16" y="${fmt(height - 14)}" fill="#555555">+${graph.omittedPosts} unggahan lain tidak digambar / more posts not drawn</text>`);
  }
  out.push('</svg>');
  return out.join('\n');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
