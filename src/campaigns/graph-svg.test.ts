// Entity graph SVG: content, determinism, and that no label can inject markup.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntityGraph } from './entity-graph.js';
import { renderGraphSvg } from './graph-svg.js';
import { escapeXml } from './svg-text.js';

// Any UTF-16 code unit, lone surrogates and control characters included (fast-check's 'binary' unit is far slower).
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

const ALLOWED_TAGS = new Set(['svg', 'title', 'rect', 'text', 'g', 'line', 'circle']);

function graphWithLabels(labels: string[]): EntityGraph {
  const nodes: EntityGraph['nodes'] = [];
  const edges: EntityGraph['edges'] = [];
  labels.forEach((label, i) => {
    nodes.push({ key: `post:${i}`, kind: 'post', label: `#${i}`, weight: 1 });
    const kind = (['contact', 'author', 'source'] as const)[i % 3]!;
    nodes.push({ key: `${kind}:${i}`, kind, label, weight: 1 + (i % 4) });
    edges.push({ from: `post:${i}`, to: `${kind}:${i}` });
  });
  return { campaignId: 7, nodes, edges, omittedPosts: labels.length % 2 };
}

describe('renderGraphSvg', () => {
  it('draws every node with its label and every edge', () => {
    const svg = renderGraphSvg(graphWithLabels(['whatsapp: +6281200001111', 'Loker Medan', 'rina']));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('whatsapp: +6281200001111');
    expect(svg).toContain('Kampanye #7 / Campaign #7');
    expect(svg.match(/<circle /g)).toHaveLength(6);
    expect(svg.match(/<line /g)).toHaveLength(3);
    expect(svg).toContain('+1 unggahan lain');
  });

  it('is deterministic', () => {
    const graph = graphWithLabels(['a', 'b', 'c', 'd']);
    expect(renderGraphSvg(graph)).toBe(renderGraphSvg(structuredClone(graph)));
  });

  it('never lets a label become markup, whatever the label', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: anyCodeUnit, maxLength: 40 }), { minLength: 1, maxLength: 6 }), (labels) => {
        const svg = renderGraphSvg(graphWithLabels(['<script>alert(1)</script>', ...labels]), { maxLabel: 1000 });
        const tags = [...svg.matchAll(/<\/?([A-Za-z][\w:-]*)/g)].map((m) => m[1]!);
        expect(tags.filter((tag) => !ALLOWED_TAGS.has(tag))).toEqual([]);
        expect(svg).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
        expect(svg).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
      }),
    );
  });
});

describe('escapeXml', () => {
  it('escapes the five XML specials and drops characters XML cannot carry', () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0001\uD800`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('𝐋𝐎𝐊𝐄𝐑 🇰🇭')).toBe('𝐋𝐎𝐊𝐄𝐑 🇰🇭');
  });
});
