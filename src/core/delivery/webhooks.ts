import { createHash } from 'node:crypto';

/** The default retry schedule, in seconds: Standard Webhooks' suggestion (5 s, 5 min, 30 min, 2 h, 5 h, then every 10 h). */
export const DEFAULT_RETRY_SCHEDULE_SECONDS = [5, 300, 1800, 7200, 18000, 36000];

/** Bodies stay under this many bytes: a change that would not fit is sent as its tags and counts. */
export const MAX_WEBHOOK_BODY_BYTES = 20 * 1024;

/**
 * The endpoints in CHANGES_WEBHOOK_URLS: comma-separated absolute http(s) URLs, deduplicated in
 * their order. Throws an Error naming the first entry that is not one.
 */
export function parseWebhookEndpoints(value: string | undefined): string[] {
  const endpoints: string[] = [];
  for (const entry of (value ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`CHANGES_WEBHOOK_URLS: "${entry}" is not an absolute URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`CHANGES_WEBHOOK_URLS: "${entry}" is not an http or https URL`);
    if (!endpoints.includes(url.href)) endpoints.push(url.href);
  }
  return endpoints;
}

/**
 * Refuses webhook settings that cannot sign: endpoints without a secret, or a secret that is
 * not a Standard Webhooks one (`whsec_` then the base64 of 24 to 64 random bytes, the
 * specification's range). Throws an Error naming CHANGES_WEBHOOK_SECRET; no endpoints, no check.
 */
export function checkWebhookSecret(endpoints: readonly string[], secret: string): void {
  if (endpoints.length === 0) return;
  if (!secret) throw new Error('CHANGES_WEBHOOK_URLS is set but CHANGES_WEBHOOK_SECRET is not: webhooks are always signed');
  const base64 = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(base64) ? Buffer.from(base64, 'base64').length : 0;
  if (bytes < 24 || bytes > 64) {
    throw new Error('CHANGES_WEBHOOK_SECRET is not a Standard Webhooks secret: whsec_ followed by the base64 of 24 to 64 random bytes');
  }
}

/**
 * A Retry-After header (RFC 9110 §10.2.3) as a delay in milliseconds from `now`: delay-seconds
 * or an HTTP-date; null when absent or unreadable, 0 for a date already past.
 */
export function parseRetryAfter(header: string | null | undefined, now: Date): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d{1,10}$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now.getTime());
}

/** What an endpoint's answer means: delivered (2xx), gone for good (410: stop sending), or try again later (anything else). */
export function classifyDeliveryAnswer(status: number | null): 'delivered' | 'gone' | 'retry' {
  if (status !== null && status >= 200 && status < 300) return 'delivered';
  if (status === 410) return 'gone';
  return 'retry';
}

/**
 * Milliseconds to wait before attempt number `failures + 1`, after `failures` failures in a row
 * (1 or more): the schedule's entry for it (its last entry repeats), or what Retry-After asked
 * if that is longer.
 */
export function retryDelay(failures: number, scheduleSeconds: readonly number[], retryAfterMs: number | null): number {
  const schedule = scheduleSeconds.length > 0 ? scheduleSeconds : DEFAULT_RETRY_SCHEDULE_SECONDS;
  const planned = schedule[Math.min(Math.max(failures, 1), schedule.length) - 1] * 1000;
  return Math.max(planned, retryAfterMs ?? 0);
}

/** A change as a webhook carries it: the feed's shape, or when it would not fit, its tags and counts. */
export interface WebhookChange {
  id: number;
  cursor: string;
  action: string;
  documents?: unknown[];
  documentCount: number;
  tags: string[];
  paths?: unknown[];
  pathsTruncated: boolean;
  committedAt: string;
}

/**
 * The changes one delivery sends: as many of `changes` (oldest first) as fit under `maxBytes`
 * once wrapped, at most `maxChanges`, and always at least one. A change whose paths and
 * documents alone would burst the body goes without them (`pathsTruncated: true`; the feed's
 * `/api/changes/:id/paths` has them), so a cascade never makes a body too large.
 */
export function batchForDelivery(
  changes: readonly WebhookChange[],
  wrap: (batch: WebhookChange[]) => string,
  options: { maxBytes?: number; maxChanges?: number } = {}
): { batch: WebhookChange[]; body: string } {
  const maxBytes = options.maxBytes ?? MAX_WEBHOOK_BODY_BYTES;
  const maxChanges = options.maxChanges ?? 100;
  const batch: WebhookChange[] = [];
  let body = wrap([]);
  for (const change of changes.slice(0, maxChanges)) {
    const whole = wrap([...batch, change]);
    if (Buffer.byteLength(whole) <= maxBytes) {
      batch.push(change);
      body = whole;
      continue;
    }
    if (batch.length === 0) {
      // Alone and still too large (a cascade's paths): its tags and counts; the feed has the rest.
      // Tags are bounded at 8 KB, so this always fits.
      const compact = { ...change, documents: undefined, paths: undefined, pathsTruncated: true };
      return { batch: [compact], body: wrap([compact]) };
    }
    break;
  }
  return { batch, body };
}

/**
 * The Standard Webhooks message id of a delivery: the same for every retry of the same changes
 * to the same endpoint, so a receiver can drop a repeat (`msg_` + 32 hex characters).
 */
export function webhookMessageId(endpoint: string, firstChangeId: number, lastChangeId: number): string {
  return `msg_${createHash('sha256').update(`${endpoint}\u0000${firstChangeId}\u0000${lastChangeId}`).digest('hex').slice(0, 32)}`;
}
