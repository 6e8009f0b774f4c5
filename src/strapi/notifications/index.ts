import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';
import { outboxDelivery } from './deliver';
import { ensureDigestSchedule, sendDigestIfDue } from './digest';
import { registerNotificationModels } from './models';
import { sendQueuedMail } from './outbox';
import { registerNotificationRoutes } from './routes';

export { askForReplyNotices, queueConfirmation } from './addresses';
export { queueMail } from './outbox';
export { sendDigestIfDue } from './digest';

/** Notification tables and link routes, wired in at register(). */
export function registerNotifications(strapi: Core.Strapi): void {
  registerNotificationModels(strapi);
  registerNotificationRoutes(strapi);
}

/** How often an idle instance looks whether a digest is due. */
const DIGEST_CHECK_MS = 30_000;

const wakers = new WeakMap<Core.Strapi, () => void>();

/**
 * Tells this instance's mail loop that mail was queued by a write that has committed, so it
 * goes now rather than at the next poll. Does nothing when mail is off.
 */
export function wakeMailDelivery(strapi: Core.Strapi): void {
  wakers.get(strapi)?.();
}

/**
 * Starts sending mail, when SMTP is configured: the outbox every `pollMs` (or at once when a
 * write wakes it) and the moderators' digest when due. Every instance runs it; leases and
 * compare-and-set claims in the database make each mail go once. Returns what stops it.
 */
export async function startMailDelivery(strapi: Core.Strapi): Promise<() => Promise<void>> {
  const settings = colophonConfig(strapi).comments.notifications;
  if (!settings.enabled) {
    strapi.log.info('[colophon] SMTP_HOST is not set: no comment notification is mailed.');
    return async () => {};
  }
  const url = String(strapi.config.get('server.url') ?? '');
  if (!url) strapi.log.warn('[colophon] PUBLIC_URL is not set: links in mails point at http://localhost, which readers cannot reach.');
  else if (!url.startsWith('https://')) strapi.log.warn('[colophon] PUBLIC_URL is not https: reply notices go without RFC 8058 one-click unsubscribe, which needs an https link.');
  await ensureDigestSchedule(strapi);
  const instance = randomUUID();
  const deliver = outboxDelivery(strapi);
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  // The digest is looked at when a write woke the loop, and otherwise every DIGEST_CHECK_MS:
  // not at every poll, which would count pending comments every second for nothing.
  let nextDigestCheck = 0;
  const tick = async () => {
    try {
      while (!stopped && (await sendQueuedMail(strapi, instance, deliver)) > 0);
      if (!stopped && Date.now() >= nextDigestCheck) {
        nextDigestCheck = Date.now() + DIGEST_CHECK_MS;
        await sendDigestIfDue(strapi, settings);
      }
    } catch (error) {
      strapi.log.warn(`[colophon] Sending mail failed: ${(error as Error).message}`);
    }
  };
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = tick().finally(() => {
      running = null;
      if (again && !stopped) {
        again = false;
        run();
      }
    });
  };
  wakers.set(strapi, () => {
    nextDigestCheck = 0;
    run();
  });
  const timer = setInterval(run, settings.pollMs);
  timer.unref();
  return async () => {
    stopped = true;
    wakers.delete(strapi);
    clearInterval(timer);
    await running;
  };
}
