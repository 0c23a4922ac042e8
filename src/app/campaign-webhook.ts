// The optional repeat-offender webhook: when the route stage flags new cases as repeat offenders, a job
// per post POSTs one small JSON message per flagged case to REPEAT_OFFENDER_WEBHOOK_URL. Routing only
// adds the job (never waits for the receiver); the job retries with backoff and a per-request timeout.
// Delivery is at least once, made close to exactly once: each delivered case is recorded in its history and
// skipped by a retry, and every message carries a stable event id (also as the Idempotency-Key header) so
// a receiver can drop the one repeat left possible (a crash between the receiver's answer and the record).
import { contactKey } from '../campaigns/contact-key.js';
import { Jobs } from '../contracts/jobs.js';
import { PermanentJobError } from '../queue/errors.js';
import type { RepeatOffenderCase } from '../store/campaign-repository.js';
import type { Services } from './services.js';

export const WEBHOOK_TIMEOUT_MS = 10_000;
/** The job waits this long first: the route stage creates the cases right after assessing the batch. */
export const WEBHOOK_DELAY_MS = 2_000;

export interface RepeatOffenderMessage {
  event: 'repeat_offender';
  /** Stable per case: the same case always carries the same id, however often it is sent. */
  eventId: string;
  caseId: number;
  queue: string;
  priority: number;
  postId: number;
  campaignId: number | null;
  /** Normalised contact keys (tel:62…, telegram:…), one per number or handle. */
  contactKeys: string[];
  reasons: Array<{ code: string; label: { id: string; en: string } }>;
  link: string;
  campaignLink: string | null;
}

export interface WebhookDeps {
  url: string;
  consoleUrl: string;
  timeoutMs: number;
  load(postId: number): Promise<{ routed: boolean; cases: RepeatOffenderCase[] } | null>;
  /** Records that a case was delivered (its history shows it; a retry skips it). */
  markNotified(caseId: number, eventId: string): Promise<void>;
}

/** Retried by BullMQ: the post is not routed yet, or the receiver failed or timed out. */
export class WebhookRetryError extends Error {
  override name = 'WebhookRetryError';
}

export function webhookMessage(c: RepeatOffenderCase, consoleUrl: string): RepeatOffenderMessage {
  const base = consoleUrl.replace(/\/+$/, '');
  const keys = [...new Set(c.contacts.map((x) => contactKey(x.kind, x.value)).filter((k): k is string => k !== null))].sort();
  return {
    event: 'repeat_offender',
    eventId: webhookEventId(c.caseId),
    caseId: c.caseId,
    queue: c.queue,
    priority: c.priority,
    postId: c.postId,
    campaignId: c.campaignId,
    contactKeys: keys,
    reasons: c.reasons.filter((r) => r.code === 'REPEAT_OFFENDER' || r.code === 'REPOST_AFTER_TAKEDOWN'),
    link: `${base}/cases/${c.caseId}`,
    campaignLink: c.campaignId === null ? null : `${base}/console/campaigns/${c.campaignId}`,
  };
}

export function webhookEventId(caseId: number): string {
  return `repeat_offender:case:${caseId}`;
}

export async function handleRepeatOffenderWebhook(
  payload: { postId: number },
  deps: WebhookDeps,
): Promise<{ status: 'sent' | 'no_case' | 'already_sent'; sent: number }> {
  const loaded = await deps.load(payload.postId);
  if (!loaded) throw new PermanentJobError(`post ${payload.postId} does not exist`);
  if (!loaded.routed) throw new WebhookRetryError(`post ${payload.postId} is not routed yet`);
  if (loaded.cases.length === 0) return { status: 'no_case', sent: 0 };
  const pending = loaded.cases.filter((c) => !c.notified);
  if (pending.length === 0) return { status: 'already_sent', sent: 0 };
  for (const c of pending) {
    const message = webhookMessage(c, deps.consoleUrl);
    let response: Response;
    try {
      response = await fetch(deps.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Waspada-webhook/1', 'idempotency-key': message.eventId },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(deps.timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      throw new WebhookRetryError(`webhook for case ${c.caseId} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    await response.body?.cancel();
    if (response.ok) {
      await deps.markNotified(c.caseId, message.eventId);
      continue;
    }
    // A receiver that refuses the message (bad URL, auth) will refuse it again; overload and outages are retried.
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
      throw new PermanentJobError(`webhook refused case ${c.caseId}: HTTP ${response.status}`);
    }
    throw new WebhookRetryError(`webhook answered HTTP ${response.status} for case ${c.caseId}`);
  }
  return { status: 'sent', sent: pending.length };
}

export function webhookDeps(s: Services): WebhookDeps {
  if (!s.config.repeatOffenderWebhookUrl) throw new PermanentJobError('REPEAT_OFFENDER_WEBHOOK_URL is not set');
  return {
    url: s.config.repeatOffenderWebhookUrl,
    consoleUrl: s.config.consoleUrl ?? `http://${s.config.host}:${s.config.port}`,
    timeoutMs: WEBHOOK_TIMEOUT_MS,
    load: (postId) => s.store.campaigns.repeatOffenderCases(postId),
    markNotified: (caseId, eventId) => s.store.campaigns.markWebhookNotified(caseId, eventId),
  };
}

/** Makes the campaign tracker queue a webhook job per repeat offender, when the webhook is configured. */
export function wireRepeatOffenderWebhook(s: Pick<Services, 'config' | 'campaigns' | 'producer' | 'log'>): void {
  if (!s.config.repeatOffenderWebhookUrl) return;
  const log = s.log.child({ stage: 'notify' });
  s.campaigns.onRepeatOffenders((postIds) => {
    for (const postId of postIds) {
      // Not awaited: routing must not wait for the notify queue (nor its backpressure).
      s.producer.enqueue(Jobs.NotifyRepeatOffender, { postId }, { delay: WEBHOOK_DELAY_MS }).catch((error: Error) => log.warn({ postId, err: error.message }, 'could not queue the repeat-offender webhook'));
    }
  });
}
