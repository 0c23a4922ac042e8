// The collector's interfaces: what adapters and the collect handler need from the outside world.
// Implementations live in their own files; tests and the one-off `crawl` command swap them freely.
import type { Page } from 'playwright';
import type { PostInput } from '../contracts/post.js';
import type { AdapterName, Source, SourceHealth } from '../contracts/source.js';
import type { Logger } from '../log.js';

/** One HTTP response, body already decoded and capped. */
export interface FetchResult {
  /** Final URL after redirects. */
  url: string;
  status: number;
  contentType: string;
  body: string;
  /** True when the body was cut at the byte cap. */
  truncated: boolean;
}

export interface FetchOptions {
  /** Accept header; also the kind of body the caller expects (html, json, xml). */
  expect?: 'html' | 'json' | 'xml' | 'text';
  headers?: Record<string, string>;
}

/** Plain HTTP: no JavaScript. Throws TransientCrawlError or PermanentCrawlError. */
export interface Fetcher {
  fetch(url: string, options?: FetchOptions): Promise<FetchResult>;
}

/** Spaces requests to one host; shared by every worker process when backed by Redis. */
export interface RateLimiter {
  /** Resolves when the caller may send one request to `host`. */
  acquire(host: string): Promise<void>;
}

export interface RobotsPolicy {
  isAllowed(url: string, userAgent: string): Promise<boolean>;
}

export interface EvidenceMeta {
  kind: 'screenshot' | 'html';
  contentType: string;
  url: string;
  capturedAt: string;
  crawlerVersion: string;
}

/** Content-addressed storage for evidence: the key is the SHA-256 of the bytes. */
export interface EvidenceStore {
  put(bytes: Uint8Array, meta: EvidenceMeta): Promise<{ key: string; sha256: string }>;
  get(key: string): Promise<Uint8Array | null>;
}

/** Evidence linked to one post; the lead stores these links with the post. */
export interface EvidenceRecord {
  kind: 'screenshot' | 'html';
  key: string;
  sha256: string;
  bytes: number;
  capturedAt: string;
  url: string;
  crawlerVersion: string;
}

export interface PageOptions {
  /** Playwright storage-state file (cookies of an operator's session), for groups behind a login. */
  storageState?: string;
}

/** Pooled Chromium pages; contexts are recycled so long crawls keep memory bounded. */
export interface BrowserPool {
  withPage<T>(fn: (page: Page) => Promise<T>, options?: PageOptions): Promise<T>;
  close(): Promise<void>;
}

/** What an adapter is given for one crawl. `get` applies robots, rate limits and retries. */
export interface CrawlContext {
  get(url: string, options?: FetchOptions): Promise<FetchResult>;
  /** Robots and rate limit checks for a URL the browser is about to open. */
  beforeBrowse(url: string): Promise<void>;
  browser(): BrowserPool;
  log: Logger;
  userAgent: string;
}

export interface CrawlTarget {
  url: string;
  name: string;
  options: Record<string, unknown>;
}

export interface CrawlLimits {
  /** Stop after this many new items. */
  maxItems: number;
  /** Stop after this many list pages. */
  maxPages: number;
}

/** One scraped item before validation. `key` is what the cursor remembers. */
export interface ScrapedItem {
  key: string;
  /** Monotonic position (message id, timestamp) when the platform has one. */
  order?: number;
  post: Record<string, unknown>;
  /** The post's own HTML (or JSON) as served, kept as evidence; serialized only for posts that get evidence. */
  evidenceHtml?: () => string;
  /** Page the item was found on, screenshotted as evidence. */
  pageUrl: string;
}

/** A per-page failure: the crawl went on, the source's health records it. */
export interface PageProblem {
  url: string;
  health: SourceHealth;
  message: string;
}

export interface AdapterResult {
  items: ScrapedItem[];
  /** The number of list pages read. */
  pages: number;
  problems: PageProblem[];
  /** Health judged from the pages themselves ('empty' for a real source with no posts). */
  health: SourceHealth;
}

export interface Adapter {
  name: AdapterName;
  /** Reads new items since the cursor's position; `isNew` says when to stop paginating. */
  collect(target: CrawlTarget, isNew: (item: ScrapedItem) => boolean, ctx: CrawlContext, limits: CrawlLimits): Promise<AdapterResult>;
}

/** Caps requests in flight per host within one process. */
export interface HostGate {
  run<T>(host: string, fn: () => Promise<T>): Promise<T>;
}

/** Everything the collect handler needs that touches the network, the disk or a browser. */
export interface CollectRuntime {
  fetcher: Fetcher;
  rateLimiter: RateLimiter;
  robots: RobotsPolicy;
  evidence: EvidenceStore;
  browser: BrowserPool;
  adapters: Record<AdapterName, Adapter>;
  hostGate: HostGate;
  userAgent: string;
  /** Which posts get evidence captured at collection. */
  evidenceMode: 'suspect' | 'all' | 'none';
  isSuspect: (post: PostInput) => boolean;
  /** Evidence is captured only for pages a browser can reach; off in tests that have none. */
  screenshots: boolean;
  limits: CrawlLimits;
  close(): Promise<void>;
}

export interface CollectRun {
  cursor: string | null;
  health: SourceHealth;
  items: number;
  error: string | null;
  at: string;
}

export interface CollectDeps {
  getSource(id: number): Promise<Source | null>;
  saveRun(id: number, run: CollectRun): Promise<void>;
  ingest(posts: PostInput[], evidence: Map<number, EvidenceRecord[]>): Promise<{ accepted: number; duplicates: number }>;
  runtime: CollectRuntime;
  log: Logger;
  now?: () => Date;
}
