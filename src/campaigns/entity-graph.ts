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
