import type { Core } from '@strapi/strapi';
import { normalizeAddress } from '../../core/notifications';
import { sql } from '../database/schema';
import { toDate } from '../database/values';
import { ADDRESSES_TABLE } from './models';
import { queueMail } from './outbox';

/** A stored address's state, as replyNoticeRecipient reads it. */
export interface AddressState {
  confirmedAt: Date | null;
  unsubscribedAt: Date | null;
}

/**
 * A commenter asked to be told of replies to `commentDocumentId`. An address proven already
 * (confirmed and not unsubscribed since) needs nothing more; a signed-in reader whose account
 * address was confirmed by users-permissions and is the one given counts as proven now; any
 * other gets a confirmation mail queued (double opt-in): until its link is followed no reply
 * notice goes to it. Runs in the posting transaction `trx`.
 */
export async function askForReplyNotices(
  strapi: Core.Strapi,
  trx: unknown,
  request: { email: string; commentDocumentId: string; provenByAccount: boolean; now?: Date }
): Promise<void> {
  const email = normalizeAddress(request.email);
  const now = request.now ?? new Date();
  await sql(strapi, trx, ADDRESSES_TABLE).insert({ email, created_at: now }).onConflict('email').ignore();
  if (request.provenByAccount) {
    await sql(strapi, trx, ADDRESSES_TABLE).where({ email }).update({ confirmed_at: now, unsubscribed_at: null });
    return;
  }
  const state = await readAddress(strapi, trx, email);
  if (state?.confirmedAt && !state.unsubscribedAt) return;
  await queueMail(strapi, trx, 'confirm', request.commentDocumentId);
}

/** The stored state of `email` (any case), or null when it never asked for notices or was erased. */
export async function readAddress(strapi: Core.Strapi, trx: unknown, email: string): Promise<AddressState | null> {
  const row = await sql(strapi, trx, ADDRESSES_TABLE).where({ email: normalizeAddress(email) }).first('confirmed_at', 'unsubscribed_at');
  if (!row) return null;
  return { confirmedAt: toDate(row.confirmed_at), unsubscribedAt: toDate(row.unsubscribed_at) };
}

/**
 * The confirmation link was followed: the address may get reply notices from now on, an
 * earlier unsubscribe undone (following the link is asking again). False when the address has
 * no row: it was erased since, and a link must not bring it back.
 */
export async function confirmAddress(strapi: Core.Strapi, email: string, now = new Date()): Promise<boolean> {
  const updated = await sql(strapi, null, ADDRESSES_TABLE).where({ email: normalizeAddress(email) }).update({ confirmed_at: now, unsubscribed_at: null });
  return Number(updated) > 0;
}

/**
 * The unsubscribe link was used: no reply notice goes to the address again until it confirms
 * anew. An address with no row gets one, holding only that it unsubscribed: a suppression that
 * a later opt-in by someone else typing it cannot lift without the owner's confirmation.
 */
export async function unsubscribeAddress(strapi: Core.Strapi, email: string, now = new Date()): Promise<void> {
  const address = normalizeAddress(email);
  await sql(strapi, null, ADDRESSES_TABLE).insert({ email: address, created_at: now, unsubscribed_at: now }).onConflict('email').merge({ unsubscribed_at: now });
}

/**
 * Claims the right to send a confirmation to `email` now: true for exactly one caller across
 * instances when none went in the last `hours` hours (it records this one), false otherwise.
 * `release` gives the claim back when the mail could not be sent.
 */
export async function claimConfirmation(strapi: Core.Strapi, email: string, hours: number, now: Date): Promise<{ claimed: boolean; release: () => Promise<void> }> {
  const address = normalizeAddress(email);
  const before = await sql(strapi, null, ADDRESSES_TABLE).where({ email: address }).first('confirmation_sent_at');
  if (!before) return { claimed: false, release: async () => {} };
  const previous = toDate(before.confirmation_sent_at);
  if (previous && now.getTime() - previous.getTime() < hours * 3_600_000) return { claimed: false, release: async () => {} };
  const claimed = await sql(strapi, null, ADDRESSES_TABLE)
    .where({ email: address })
    .where((where: any) => (previous ? where.where('confirmation_sent_at', previous) : where.whereNull('confirmation_sent_at')))
    .update({ confirmation_sent_at: now });
  return {
    claimed: Number(claimed) === 1,
    release: async () => {
      await sql(strapi, null, ADDRESSES_TABLE).where({ email: address }).where('confirmation_sent_at', now).update({ confirmation_sent_at: previous });
    },
  };
}
