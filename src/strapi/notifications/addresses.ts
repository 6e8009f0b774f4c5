import type { Core } from '@strapi/strapi';
import { CONFIRM_LINK_DAYS, nextConfirmationAt, normalizeAddress, type MailToken } from '../../core/notifications';
import { sql } from '../database/schema';
import { toDate } from '../database/values';
import { ADDRESSES_TABLE, OUTBOX_TABLE, SUBSCRIPTIONS_TABLE } from './models';
import { queueMail } from './outbox';

/**
 * A commenter asked to be told of replies to `commentDocumentId`: the ask is recorded, in the
 * posting transaction `trx`. A signed-in reader whose account address users-permissions
 * confirmed, and who gave that address, has proven it: the ask holds at once (confirmed after
 * any earlier unsubscribe, which still holds for the comments confirmed before it). Any other ask holds once the link mailed for it is followed; that mail
 * is queued when the comment is approved (queueConfirmation), so no address gets mail for a
 * comment no one has approved.
 */
export async function askForReplyNotices(
  strapi: Core.Strapi,
  trx: unknown,
  request: { email: string; commentDocumentId: string; provenByAccount: boolean; now?: Date }
): Promise<void> {
  const email = normalizeAddress(request.email);
  const now = request.now ?? new Date();
  await sql(strapi, trx, ADDRESSES_TABLE).insert({ email, created_at: now }).onConflict('email').ignore();
  await sql(strapi, trx, SUBSCRIPTIONS_TABLE)
    .insert({ comment_document_id: request.commentDocumentId, email, confirmed_at: request.provenByAccount ? now : null, created_at: now })
    .onConflict('comment_document_id')
    .ignore();
}

/** Comment `commentDocumentId` was approved: if it asked for reply notices and has not confirmed, its confirmation mail is queued. */
export async function queueConfirmation(strapi: Core.Strapi, trx: unknown, commentDocumentId: string): Promise<void> {
  const waiting = await sql(strapi, trx, SUBSCRIPTIONS_TABLE).where({ comment_document_id: commentDocumentId }).whereNull('confirmed_at').first('id');
  if (waiting) await queueMail(strapi, trx, 'confirm', commentDocumentId);
}

/** A comment's ask for reply notices, or null when it made none (or it was erased). */
export async function readSubscription(strapi: Core.Strapi, commentDocumentId: string): Promise<{ email: string; confirmedAt: Date | null } | null> {
  const row = await sql(strapi, null, SUBSCRIPTIONS_TABLE).where({ comment_document_id: commentDocumentId }).first('email', 'confirmed_at');
  return row ? { email: row.email, confirmedAt: toDate(row.confirmed_at) } : null;
}

/** When `email` unsubscribed and when a confirmation last went to it; null when it has no row (never asked, or erased). */
export async function readAddress(strapi: Core.Strapi, email: string): Promise<{ unsubscribedAt: Date | null; confirmationSentAt: Date | null } | null> {
  const row = await sql(strapi, null, ADDRESSES_TABLE).where({ email: normalizeAddress(email) }).first('unsubscribed_at', 'confirmation_sent_at');
  return row ? { unsubscribedAt: toDate(row.unsubscribed_at), confirmationSentAt: toDate(row.confirmation_sent_at) } : null;
}

/**
 * A confirmation link was followed (and its form posted): the comment it names gets reply
 * notices from now on. Confirmed after the address's last unsubscribe, it is mailed despite
 * it; the comments confirmed before that stay silent (replyNoticeRecipient). False, changing
 * nothing, when the comment's ask is gone or is not this address's (erased since), or when the
 * address unsubscribed at or after the link was minted: an old link must not undo a newer "stop".
 */
export async function confirmSubscription(strapi: Core.Strapi, token: MailToken, now = new Date()): Promise<boolean> {
  if (!token.commentDocumentId) return false;
  return strapi.db.transaction(async ({ trx }) => {
    const address = await sql(strapi, trx, ADDRESSES_TABLE).where({ email: token.email }).first('unsubscribed_at');
    const unsubscribedAt = toDate(address?.unsubscribed_at);
    if (unsubscribedAt && unsubscribedAt >= token.issuedAt) return false;
    const updated = await sql(strapi, trx, SUBSCRIPTIONS_TABLE)
      .where({ comment_document_id: token.commentDocumentId, email: token.email })
      .whereNull('confirmed_at')
      .update({ confirmed_at: now });
    return Number(updated) > 0 || Boolean(await sql(strapi, trx, SUBSCRIPTIONS_TABLE).where({ comment_document_id: token.commentDocumentId, email: token.email }).first('id'));
  });
}

/**
 * The unsubscribe link was used: no reply notice goes to the address again until it confirms
 * a new ask. An address with no row gets one, holding only that it unsubscribed: a suppression
 * that someone else typing the address cannot lift without the owner's confirmation.
 */
export async function unsubscribeAddress(strapi: Core.Strapi, email: string, now = new Date()): Promise<void> {
  const address = normalizeAddress(email);
  await sql(strapi, null, ADDRESSES_TABLE).insert({ email: address, created_at: now, unsubscribed_at: now }).onConflict('email').merge({ unsubscribed_at: now });
}

/**
 * Claims the right to mail a confirmation to `email` now, as nextConfirmationAt allows:
 * `claimed` for exactly one caller across instances (the time is recorded), else the time to
 * try again (`retryAt`), or neither when no more may go to it. `release` gives the claim back
 * when the mail could not be sent.
 */
export async function claimConfirmation(
  strapi: Core.Strapi,
  email: string,
  now: Date
): Promise<{ claimed: boolean; retryAt: Date | null; release: () => Promise<void> }> {
  const address = normalizeAddress(email);
  const none = async () => {};
  // The ask is the proof the address is wanted (an erasure deletes asks): its row may have gone to retention.
  await sql(strapi, null, ADDRESSES_TABLE).insert({ email: address, created_at: now }).onConflict('email').ignore();
  const before = await sql(strapi, null, ADDRESSES_TABLE).where({ email: address }).first('confirmation_sent_at', 'unsubscribed_at');
  const previous = toDate(before?.confirmation_sent_at);
  const [{ count: unanswered }] = await sql(strapi, null, SUBSCRIPTIONS_TABLE)
    .join(OUTBOX_TABLE, `${OUTBOX_TABLE}.comment_document_id`, `${SUBSCRIPTIONS_TABLE}.comment_document_id`)
    .where(`${SUBSCRIPTIONS_TABLE}.email`, address)
    .whereNull(`${SUBSCRIPTIONS_TABLE}.confirmed_at`)
    .where(`${OUTBOX_TABLE}.kind`, 'confirm')
    .where(`${OUTBOX_TABLE}.outcome`, 'sent')
    .where(`${OUTBOX_TABLE}.done_at`, '>', new Date(now.getTime() - CONFIRM_LINK_DAYS * 86_400_000))
    .count({ count: '*' });
  const next = nextConfirmationAt({ lastSentAt: previous, unsubscribedAt: toDate(before?.unsubscribed_at), unanswered: Number(unanswered), now });
  if (next === 'never') return { claimed: false, retryAt: null, release: none };
  if (next) return { claimed: false, retryAt: next, release: none };
  const claimed = await sql(strapi, null, ADDRESSES_TABLE)
    .where({ email: address })
    .where((where: any) => (previous ? where.where('confirmation_sent_at', previous) : where.whereNull('confirmation_sent_at')))
    .update({ confirmation_sent_at: now });
  if (Number(claimed) !== 1) return { claimed: false, retryAt: new Date(now.getTime() + 1000), release: none };
  return {
    claimed: true,
    retryAt: null,
    release: async () => {
      await sql(strapi, null, ADDRESSES_TABLE).where({ email: address }).where('confirmation_sent_at', now).update({ confirmation_sent_at: previous });
    },
  };
}
