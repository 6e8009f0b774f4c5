import type { Core } from '@strapi/strapi';
import { registerDatabaseModels } from '../database/models';

/**
 * Mails waiting to go, one row each: a reply notice (`reply`, the reply's documentId) or a
 * confirmation request (`confirm`, the comment that asked for replies). Queued in the
 * transaction of the write that calls for it, so a rolled-back write mails nobody, and sent by
 * whichever instance leases the row first. The row names no address: the recipient is read
 * when the mail goes, so an erasure or an unsubscribe in between is obeyed. Unique by kind and
 * comment: a reply approved, unapproved and approved again is announced once.
 */
export const OUTBOX_TABLE = 'colophon_mail_outbox';

/**
 * Addresses that asked for reply notices: when a confirmation was last mailed to it (they are
 * spaced, see nextConfirmationAt) and when it unsubscribed (a suppression: nothing but a new,
 * confirmed ask lifts it). Personal data: exported and erased with the rest (src/strapi/privacy),
 * and dropped by the retention job once neither is of use.
 */
export const ADDRESSES_TABLE = 'colophon_mail_addresses';

/**
 * A comment's ask for reply notices: the address it asked with and when that ask was
 * confirmed from the link mailed for it (null until then; at once for a signed-in reader whose
 * account address is proven). One per comment: a confirmed address is not enough to subscribe
 * it to a comment it did not confirm.
 */
export const SUBSCRIPTIONS_TABLE = 'colophon_reply_subscriptions';

/** When each recurring mail (the moderators' digest) last went, in ms since the epoch: shared by every instance. */
export const SCHEDULE_TABLE = 'colophon_mail_schedule';

const outboxModel = {
  uid: 'colophon::mail-outbox',
  singularName: 'colophon_mail_outbox',
  tableName: OUTBOX_TABLE,
  attributes: {
    id: { type: 'increments' },
    kind: { type: 'string' },
    commentDocumentId: { type: 'string' },
    attempts: { type: 'integer' },
    nextAttemptAt: { type: 'datetime' },
    leasedUntil: { type: 'datetime' },
    leasedBy: { type: 'string' },
    /** sent, skipped (no one may be mailed), or failed (gave up after MAX_ATTEMPTS). */
    outcome: { type: 'string' },
    lastError: { type: 'text' },
    doneAt: { type: 'datetime' },
    createdAt: { type: 'datetime' },
  },
  indexes: [
    { name: 'colophon_mail_outbox_uq', columns: ['kind', 'comment_document_id'], type: 'unique' },
    { name: 'colophon_mail_outbox_due_idx', columns: ['done_at', 'next_attempt_at'] },
  ],
};

const addressesModel = {
  uid: 'colophon::mail-address',
  singularName: 'colophon_mail_addresses',
  tableName: ADDRESSES_TABLE,
  attributes: {
    id: { type: 'increments' },
    email: { type: 'string' },
    confirmationSentAt: { type: 'datetime' },
    unsubscribedAt: { type: 'datetime' },
    createdAt: { type: 'datetime' },
  },
  indexes: [{ name: 'colophon_mail_addresses_uq', columns: ['email'], type: 'unique' }],
};

const subscriptionsModel = {
  uid: 'colophon::reply-subscription',
  singularName: 'colophon_reply_subscriptions',
  tableName: SUBSCRIPTIONS_TABLE,
  attributes: {
    id: { type: 'increments' },
    commentDocumentId: { type: 'string' },
    email: { type: 'string' },
    confirmedAt: { type: 'datetime' },
    createdAt: { type: 'datetime' },
  },
  indexes: [
    { name: 'colophon_reply_subscriptions_uq', columns: ['comment_document_id'], type: 'unique' },
    { name: 'colophon_reply_subscriptions_email_idx', columns: ['email'] },
  ],
};

const scheduleModel = {
  uid: 'colophon::mail-schedule',
  singularName: 'colophon_mail_schedule',
  tableName: SCHEDULE_TABLE,
  attributes: {
    id: { type: 'increments' },
    name: { type: 'string' },
    lastSentAt: { type: 'biginteger' },
  },
  indexes: [{ name: 'colophon_mail_schedule_uq', columns: ['name'], type: 'unique' }],
};

/** Registers the notification tables as Strapi database models; called from register(). */
export function registerNotificationModels(strapi: Core.Strapi): void {
  registerDatabaseModels(strapi, outboxModel, addressesModel, subscriptionsModel, scheduleModel);
}
