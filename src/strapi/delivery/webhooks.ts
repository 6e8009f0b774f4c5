import { createHash, randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { Webhook } from 'standardwebhooks';
import {
  batchForDelivery,
  classifyDeliveryAnswer,
  decodeCursor,
  FEED_START,
  parseRetryAfter,
  retryDelay,
  webhookMessageId,
  compareFeedPositions,
  encodeCursor,
  type FeedPosition,
  type WebhookChange,
} from '../../core/delivery';
import { readChangesAfter } from './change-log';
import { prunedThrough } from './retention';
import { WEBHOOK_ENDPOINTS_TABLE } from './models';

/** Webhook settings (config/colophon.ts `delivery.webhooks`). */
export interface WebhookSettings {
  /** Absolute http(s) URLs (CHANGES_WEBHOOK_URLS); none turns webhooks off. */
  endpoints: string[];
  /** The Standard Webhooks secret (CHANGES_WEBHOOK_SECRET, `whsec_` + base64). */
  secret: string;
  /** How long an endpoint has to answer (CHANGES_WEBHOOK_TIMEOUT_MS, 10 000). */
  timeoutMs: number;
  /** Seconds to wait after the 1st, 2nd, … failure in a row; the last repeats (CHANGES_WEBHOOK_RETRY_SECONDS). */
  retrySeconds: number[];
  /** How often each instance looks for changes to deliver (CHANGES_WEBHOOK_POLL_MS, 250). */
  pollMs: number;
}

/** The event type every delivery carries. */
export const WEBHOOK_EVENT_TYPE = 'colophon.changes';
/**
 * Sent instead when an endpoint fell further behind than the change log keeps
 * (CHANGES_RETENTION_DAYS): some changes are gone, so the receiver purges everything.
 */
export const WEBHOOK_LOST_TYPE = 'colophon.changes.lost';

const hashOf = (url: string) => createHash('sha256').update(url).digest('hex');

/**
 * Starts delivering the change log to every configured endpoint, at least once and in order,
 * signed as the Standard Webhooks specification says. Each change is POSTed by exactly one
 * instance when several share the database: an instance takes a lease on an endpoint's row
 * before it sends and keeps the endpoint's position in the database, so a restart (or another
 * instance, once the lease of a dead one runs out) resumes where it stopped. A new endpoint
 * starts at the end of the feed. Returns the function that stops it.
 *
 * Throws when endpoints are set without a usable secret: unsigned deliveries are never sent.
 */
export async function startWebhookDelivery(strapi: Core.Strapi, settings: WebhookSettings): Promise<() => Promise<void>> {
  if (settings.endpoints.length === 0) return async () => {};
  if (!settings.secret) throw new Error('CHANGES_WEBHOOK_URLS is set but CHANGES_WEBHOOK_SECRET is not: webhooks are always signed');
  let signer: Webhook;
  try {
    signer = new Webhook(settings.secret);
  } catch {
    throw new Error('CHANGES_WEBHOOK_SECRET is not a Standard Webhooks secret (whsec_ followed by base64)');
  }
  const instance = randomUUID();
  for (const url of settings.endpoints) await registerEndpoint(strapi, url);

  let stopped = false;
  let running: Promise<void> | null = null;
  const tick = async () => {
    for (const url of settings.endpoints) {
      if (stopped) return;
      try {
        await deliverTo(strapi, signer, settings, instance, url, () => stopped);
      } catch (error) {
        strapi.log.warn(`Webhook delivery to ${url} failed: ${(error as Error).message}`);
      }
    }
  };
  const timer = setInterval(() => {
    if (!running) running = tick().finally(() => (running = null));
  }, settings.pollMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}

/** Adds an endpoint's row, positioned at the end of the feed, unless it has one. */
async function registerEndpoint(strapi: Core.Strapi, url: string): Promise<void> {
  const table = () => strapi.db.getConnection(WEBHOOK_ENDPOINTS_TABLE);
  if (await table().where('url_hash', hashOf(url)).first()) return;
  let position: FeedPosition = FEED_START;
  for (;;) {
    const page = await readChangesAfter(strapi, position, 1000);
    if (page.changes.length === 0) break;
    position = decodeCursor(page.next)!;
  }
  await table()
    .insert({ url_hash: hashOf(url), url, cursor_txid: position.txid, cursor_id: position.id, failures: 0, created_at: new Date() })
    .onConflict('url_hash')
    .ignore();
}

/**
 * Delivers what is waiting for one endpoint, batch after batch, under a lease: nothing when
 * another instance holds it, when it is disabled (it answered 410) or when its next attempt is
 * not due yet.
 */
async function deliverTo(
  strapi: Core.Strapi,
  signer: Webhook,
  settings: WebhookSettings,
  instance: string,
  url: string,
  stopped: () => boolean
): Promise<void> {
  const table = () => strapi.db.getConnection(WEBHOOK_ENDPOINTS_TABLE);
  const leaseMs = settings.timeoutMs * 3;
  const now = new Date();
  const leased = await table()
    .where('url_hash', hashOf(url))
    .whereNull('disabled_at')
    .where((query: any) => query.whereNull('leased_until').orWhere('leased_until', '<', now))
    .where((query: any) => query.whereNull('next_attempt_at').orWhere('next_attempt_at', '<=', now))
    .update({ leased_until: new Date(now.getTime() + leaseMs), leased_by: instance });
  if (Number(leased) !== 1) return;
  const ours = () => table().where('url_hash', hashOf(url)).where('leased_by', instance);
  try {
    for (let round = 0; round < 20 && !stopped(); round += 1) {
      const row = await ours().first();
      if (!row) return;
      const cursor: FeedPosition = { txid: row.cursor_txid === null ? null : String(row.cursor_txid), id: Number(row.cursor_id ?? 0) };
      const pending: FeedPosition | null = row.batch_id === null ? null : { txid: row.batch_txid === null ? null : String(row.batch_txid), id: Number(row.batch_id) };
      const pruned = cursor.id > 0 ? await prunedThrough(strapi) : null;
      if (pruned && compareFeedPositions(cursor, pruned) < 0) {
        // Down longer than the log keeps changes: say so (purge everything), then go on from what is kept.
        const timestamp = new Date();
        const body = JSON.stringify({ type: WEBHOOK_LOST_TYPE, timestamp: timestamp.toISOString(), data: { cursor: encodeCursor(pruned) } });
        const id = webhookMessageId(url, 0, pruned.id);
        const { status } = await post(url, body, signedHeaders(signer, id, timestamp, body), settings.timeoutMs);
        if (classifyDeliveryAnswer(status) !== 'delivered') return;
        await ours().update({ cursor_txid: pruned.txid, cursor_id: pruned.id, batch_txid: null, batch_id: null, last_status: status });
        continue;
      }
      const { changes } = await readChangesAfter(strapi, cursor, 100);
      const waiting = pending ? changes.filter((change) => compareFeedPositions(decodeCursor(change.cursor)!, pending) <= 0) : changes;
      if (waiting.length === 0) return;

      const timestamp = new Date();
      const wrap = (batch: WebhookChange[]) =>
        JSON.stringify({ type: WEBHOOK_EVENT_TYPE, timestamp: timestamp.toISOString(), data: { changes: batch, cursor: batch[batch.length - 1]?.cursor ?? null } });
      const { batch, body } = batchForDelivery(waiting as WebhookChange[], wrap);
      const end = decodeCursor(batch[batch.length - 1].cursor)!;
      if (!pending) await ours().update({ batch_txid: end.txid, batch_id: end.id, leased_until: new Date(Date.now() + leaseMs) });

      const id = webhookMessageId(url, batch[0].id, batch[batch.length - 1].id);
      const { status, retryAfter, error } = await post(url, body, signedHeaders(signer, id, timestamp, body), settings.timeoutMs);
      const outcome = classifyDeliveryAnswer(status);
      if (outcome === 'delivered') {
        await ours().update({
          cursor_txid: end.txid,
          cursor_id: end.id,
          batch_txid: null,
          batch_id: null,
          failures: 0,
          next_attempt_at: null,
          last_status: status,
          last_error: null,
          delivered_at: new Date(),
          leased_until: new Date(Date.now() + leaseMs),
        });
        continue;
      }
      if (outcome === 'gone') {
        strapi.log.warn(`Webhook endpoint ${url} answered 410 Gone: no more deliveries to it until it is registered again`);
        await ours().update({ disabled_at: new Date(), last_status: status, last_error: 'Gone' });
        return;
      }
      const failures = Number(row.failures ?? 0) + 1;
      const delay = retryDelay(failures, settings.retrySeconds, parseRetryAfter(retryAfter, new Date()));
      await ours().update({ failures, next_attempt_at: new Date(Date.now() + delay), last_status: status, last_error: error });
      return;
    }
  } finally {
    await ours().update({ leased_until: null, leased_by: null });
  }
}

/** The Standard Webhooks headers of one delivery. */
function signedHeaders(signer: Webhook, id: string, timestamp: Date, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': signer.sign(id, timestamp, body),
  };
}

/** POSTs `body`; never throws: a network error or a timeout is a status of null. */
async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number
): Promise<{ status: number | null; retryAfter: string | null; error: string | null }> {
  try {
    const response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer().catch(() => undefined);
    return { status: response.status, retryAfter: response.headers.get('retry-after'), error: response.ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    return { status: null, retryAfter: null, error: (error as Error).name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : (error as Error).message };
  }
}
