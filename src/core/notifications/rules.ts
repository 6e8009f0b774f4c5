import { normalizeAddress } from './mailTokens';

/** Minutes between two moderators' digests by default (COMMENT_NOTIFY_MINUTES). */
export const DEFAULT_NOTIFY_MINUTES = 15;
/** Hours before a second confirmation mail may go to the same address: a form cannot be used to flood someone's inbox. */
export const CONFIRM_RESEND_HOURS = 24;

/**
 * Whether a moderators' digest may go now: notifications are on (`minutes` > 0), something
 * new waits, and the last digest (by any instance) went at least `minutes` ago. Times in ms.
 */
export function digestDue(options: { lastSentAt: number | null; minutes: number; now: number; newWaiting: number }): boolean {
  if (options.minutes <= 0 || options.newWaiting <= 0) return false;
  return options.lastSentAt === null || options.now - options.lastSentAt >= options.minutes * 60_000;
}

/** COMMENT_NOTIFY_MINUTES: 0 (no digest) or a whole number of minutes up to a week. Throws with the setting's name otherwise. */
export function checkNotifyMinutes(minutes: number): number {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 7 * 24 * 60) {
    throw new Error(`COMMENT_NOTIFY_MINUTES must be a whole number of minutes from 0 (no digest) to 10080; got ${minutes}`);
  }
  return minutes;
}

/** COMMENT_NOTIFY_TO: the digest's addresses, when not every moderator's. Throws naming a malformed one. */
export function checkNotifyAddresses(addresses: string[]): string[] {
  const clean = addresses.map((address) => address.trim()).filter(Boolean);
  const bad = clean.find((address) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(address));
  if (bad) throw new Error(`COMMENT_NOTIFY_TO must be email addresses separated by commas; "${bad}" is not one`);
  return clean;
}

/** What is known of a reply, the comment it answers and that comment's address. */
export interface ReplyNoticeFacts {
  parent: { authorEmail: string | null; notifyReplies: boolean; commentStatus: string } | null;
  reply: { authorEmail: string | null; commentStatus: string };
  /** The parent's address as the notifications table knows it, or null when it has no row. */
  address: { confirmedAt: Date | null; unsubscribedAt: Date | null } | null;
}

/**
 * The address a reply notice goes to, or null when none may: the reply is approved, the
 * comment it answers asked for replies and still has an address (an erasure removes it), that
 * address was confirmed (double opt-in) and did not unsubscribe since, and the reply is not
 * the commenter's own.
 */
export function replyNoticeRecipient(facts: ReplyNoticeFacts): string | null {
  const { parent, reply, address } = facts;
  if (reply.commentStatus !== 'approved' || !parent || !parent.notifyReplies || !parent.authorEmail) return null;
  if (parent.commentStatus === 'spam' || parent.commentStatus === 'trash') return null;
  if (!address?.confirmedAt) return null;
  if (address.unsubscribedAt && address.unsubscribedAt >= address.confirmedAt) return null;
  const to = normalizeAddress(parent.authorEmail);
  if (reply.authorEmail && normalizeAddress(reply.authorEmail) === to) return null;
  return to;
}
