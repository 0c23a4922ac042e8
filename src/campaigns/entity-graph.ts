// The entity graph of one campaign as plain data: what the index produces and the SVG renderer draws.

export type EntityKind = 'post' | 'contact' | 'author' | 'source';

export interface EntityNode {
  /** Unique within the graph, e.g. `post:42`, `contact:tel:62812...`. */
  key: string;
  kind: EntityKind;
  label: string;
  /** Posts behind this node (1 for a post). */
  weight: number;
}

export interface EntityEdge {
  from: string;
  to: string;
}

export interface EntityGraph {
  campaignId: number;
  nodes: EntityNode[];
  edges: EntityEdge[];
  /** Posts left out of `nodes` to keep the picture readable. */
  omittedPosts: number;
}

/**
 * Collects a campaign's graph: each post is linked to its entities, and an entity's weight counts the posts that
 * link to it. Only the newest `maxPosts` posts are drawn (callers pass them oldest first).
 */
export class EntityGraphBuilder {
  private readonly nodes = new Map<string, EntityNode>();
  private readonly edges: EntityEdge[] = [];

  /** The posts to draw, newest `maxPosts` of `postsOldestFirst`. */
  static shown<T>(postsOldestFirst: readonly T[], maxPosts: number): readonly T[] {
    return postsOldestFirst.length > maxPosts ? postsOldestFirst.slice(postsOldestFirst.length - maxPosts) : postsOldestFirst;
  }

  /** Adds the node, or counts one more post behind it; returns its key. */
  node(key: string, kind: EntityKind, label: string): string {
    const node = this.nodes.get(key);
    if (node) node.weight++;
    else this.nodes.set(key, { key, kind, label, weight: 1 });
    return key;
  }

  link(from: string, to: string): void {
    this.edges.push({ from, to });
  }

  build(campaignId: number, omittedPosts: number): EntityGraph {
    return { campaignId, nodes: [...this.nodes.values()], edges: this.edges, omittedPosts };
  }
}
