// A small pool of Chromium contexts for pages that need JavaScript. Each context keeps one tab that is reused
// (a new tab costs a new renderer process); contexts are recycled after a number of pages and the browser is
// relaunched after more (or when it dies), so memory stays bounded on long crawls.
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright';
import { BrowserCrashedError, BrowserUnavailableError, errorMessage } from './errors.js';
import type { BrowserPool, PageOptions } from './ports.js';

// --disable-site-isolation-trials: with site isolation Chromium started a new renderer process for nearly every
// navigation of a reused tab (234 processes for 200 same-site pages), ~30 ms of CPU per page on top of ~90.
// Isolation between crawled sites buys nothing here: the renderer already runs without the sandbox, and no
// context holds a user's logins except an operator's storage-state file, which gets a context of its own.
// (No --disable-features here: Chromium keeps only the last one, which would drop Playwright's own list.)
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage', '--disable-site-isolation-trials'];

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];

const INSTALL_HINT = 'install Chromium: apt-get install chromium, or npx playwright install chromium';

// Playwright is loaded on first launch only: it is slow to import, and static crawls never need it.
type Chromium = typeof import('playwright')['chromium'];
let chromiumModule: Promise<Chromium> | null = null;
const loadChromium = (): Promise<Chromium> => (chromiumModule ??= import('playwright').then((m) => m.chromium));

/** PLAYWRIGHT_CHROMIUM_PATH, else the system's chromium, else Playwright's own download (`bundled`). */
export function resolveChromium(configured: string | undefined, exists: (p: string) => boolean = existsSync, bundled?: () => string): string {
  if (configured) {
    if (exists(configured)) return configured;
    throw new BrowserUnavailableError(`PLAYWRIGHT_CHROMIUM_PATH=${configured} does not exist; ${INSTALL_HINT}`);
  }
  for (const candidate of SYSTEM_CHROMIUMS) if (exists(candidate)) return candidate;
  let own = '';
  try {
    own = bundled?.() ?? '';
  } catch {
    own = '';
  }
  if (own && exists(own)) return own;
  throw new BrowserUnavailableError(`no Chromium found; ${INSTALL_HINT}`);
}

export interface BrowserPoolOptions {
  chromiumPath?: string;
  userAgent: string;
  /** Pages open at once. Default 4. */
  concurrency?: number;
  /**
   * A context (with its tab) is closed and replaced after this many pages. Default 100: a new context and tab
   * cost ~0.7 s of CPU (a renderer process starts), ~28 ms per page when recycled every 25 pages, ~7 at 100;
   * a reused tab's memory stays flat between recycles, and the browser relaunch below bounds the rest.
   */
  pagesPerContext?: number;
  /** The browser is relaunched after this many pages. Default 1000. */
  pagesPerBrowser?: number;
  /** Navigation and action timeout in ms. Default 20000. */
  timeoutMs?: number;
  viewport?: { width: number; height: number };
}

interface Slot {
  context: BrowserContext;
  page: Page;
  pages: number;
  storageState: string | undefined;
}

export function createBrowserPool(options: BrowserPoolOptions): BrowserPool {
  const concurrency = options.concurrency ?? 4;
  const pagesPerContext = options.pagesPerContext ?? 100;
  const pagesPerBrowser = options.pagesPerBrowser ?? 1000;
  const timeoutMs = options.timeoutMs ?? 20_000;
  let browser: Promise<Browser> | null = null;
  let browserPages = 0;
  let closed = false;
  const idle: Slot[] = [];
  let busy = 0;
  const waiters: Array<() => void> = [];

  function launch(): Promise<Browser> {
    const launched: Promise<Browser> = loadChromium().then(async (chromium) => {
      const executablePath = resolveChromium(options.chromiumPath, existsSync, () => chromium.executablePath());
      let b: Browser;
      try {
        b = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
      } catch (error) {
        throw new BrowserUnavailableError(`cannot launch Chromium at ${executablePath}: ${errorMessage(error).split('\n')[0]}; ${INSTALL_HINT}`);
      }
      // A crashed browser is replaced on the next page instead of failing every later page.
      b.on('disconnected', () => {
        if (browser === launched) browser = null;
        idle.length = 0;
      });
      return b;
    });
    // A failed launch is not remembered: the next page tries again.
    launched.catch(() => {
      if (browser === launched) browser = null;
    });
    return launched;
  }

  async function getBrowser(): Promise<Browser> {
    if (closed) throw new BrowserUnavailableError('browser pool is closed');
    if (browserPages >= pagesPerBrowser && busy <= 1 && browser) {
      const old = browser;
      browser = null;
      browserPages = 0;
      idle.length = 0;
      void old.then((b) => b.close()).catch(() => undefined);
    }
    browser ??= launch();
    const b = await browser;
    if (!b.isConnected()) {
      browser = launch();
      return browser;
    }
    return b;
  }

  async function acquireTurn(): Promise<void> {
    if (busy < concurrency) {
      busy++;
      return;
    }
    await new Promise<void>((resolve) => waiters.push(resolve));
  }

  function releaseTurn(): void {
    const next = waiters.shift();
    if (next) next();
    else busy--;
  }

  async function takeSlot(storageState: string | undefined): Promise<Slot> {
    const index = idle.findIndex((s) => s.storageState === storageState);
    if (index >= 0) {
      const [slot] = idle.splice(index, 1);
      if (slot && slot.context.browser()?.isConnected() && !slot.page.isClosed()) return slot;
      if (slot) void slot.context.close().catch(() => undefined);
    }
    const b = await getBrowser();
    const context = await b.newContext({
      userAgent: options.userAgent,
      viewport: options.viewport ?? { width: 1280, height: 900 },
      ...(storageState ? { storageState } : {}),
    });
    context.setDefaultTimeout(timeoutMs);
    context.setDefaultNavigationTimeout(timeoutMs);
    return { context, page: await context.newPage(), pages: 0, storageState };
  }

  return {
    async withPage<T>(fn: (page: Page) => Promise<T>, pageOptions: PageOptions = {}): Promise<T> {
      await acquireTurn();
      let slot: Slot | null = null;
      let reusable = false;
      try {
        slot = await takeSlot(pageOptions.storageState);
        slot.pages++;
        browserPages++;
        const result = await fn(slot.page);
        reusable = true;
        return result;
      } catch (error) {
        if (slot ? await browserGone(slot) : CLOSED.test(errorMessage(error))) throw new BrowserCrashedError(`the browser died during the page: ${errorMessage(error).split('\n')[0]}`, { cause: error });
        throw error;
      } finally {
        if (slot) {
          // The tab goes back without the caller's listeners; its next navigation unloads the old document.
          if (reusable && slot.pages < pagesPerContext && !closed && slot.context.browser()?.isConnected() && !slot.page.isClosed()) {
            slot.page.removeAllListeners();
          } else reusable = false;
          if (reusable) idle.push(slot);
          else await slot.context.close().catch(() => undefined);
        }
        releaseTurn();
      }
    },
    async close(): Promise<void> {
      closed = true;
      const b = browser;
      browser = null;
      idle.length = 0;
      if (b) await b.then((x) => x.close()).catch(() => undefined);
    },
  };
}

// A new context or tab asked of a browser that has just died (there is no slot to ask then).
const CLOSED = /Target page, context or browser has been closed|Browser has been closed|browser has disconnected|Target closed/i;

/**
 * Whether a page failed because the browser itself went away rather than because of the page. Playwright
 * rejects the page's pending calls as the pipe to Chromium closes, possibly a moment before it marks the
 * browser disconnected, so the state is read after the current I/O settles.
 */
async function browserGone(slot: Slot): Promise<boolean> {
  await new Promise((resolve) => setImmediate(resolve));
  return !slot.context.browser()?.isConnected();
}

/**
 * The page's HTML once `selector` matches (or after `timeoutMs` without a match), in one round trip to the
 * browser instead of a wait and a read: round trips dominate when the machine is busy.
 */
export async function htmlWhenReady(page: Page, selector: string, timeoutMs: number): Promise<string> {
  return page.evaluate(
    async ({ sel, ms }) => {
      const deadline = Date.now() + ms;
      while (document.querySelector(sel) === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      return document.documentElement.outerHTML;
    },
    { sel: selector, ms: timeoutMs },
  );
}
