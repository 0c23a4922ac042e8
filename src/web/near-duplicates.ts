// Near-duplicate post ids for the case page and GET /api/cases/:id, from the campaigns index, with
// a deadline: a web process builds that index on first use (every post with features), which can
// take seconds at scale. The page does not wait for it; the build carries on, and later pages get
// the near-duplicates. A failure of the index costs the page its near-duplicates, not an error.
import type { Logger } from '../log.js';
import type { WebDeps } from './deps.js';

/** How long a case page waits for the campaigns index. */
export const NEAR_DUPLICATES_WAIT_MS = 150;

export interface NearDuplicates {
  ids: number[];
  /** False when the index did not answer in time (or failed): the list may be missing posts. */
  complete: boolean;
}

export async function nearDuplicatesWithin(deps: Pick<WebDeps, 'nearDuplicates'>, postId: number, log: Logger, waitMs = NEAR_DUPLICATES_WAIT_MS): Promise<NearDuplicates> {
  if (!deps.nearDuplicates) return { ids: [], complete: true };
  const lookup = deps.nearDuplicates(postId).then(
    (ids) => ({ ids, complete: true }),
    (error: Error) => {
      log.warn({ err: error.message, postId }, 'near-duplicate lookup failed');
      return { ids: [], complete: false };
    },
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<NearDuplicates>((resolve) => {
    timer = setTimeout(() => resolve({ ids: [], complete: false }), waitMs);
  });
  try {
    return await Promise.race([lookup, late]);
  } finally {
    clearTimeout(timer);
  }
}
