import { normalizeAddress } from './mailTokens';

/** Minutes between two moderators' digests by default (COMMENT_NOTIFY_MINUTES). */
export const DEFAULT_NOTIFY_MINUTES = 15;

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

/** MAIL_POLL_MS: from 50 ms (more often is only load) to an hour. Throws with the setting's name otherwise. */
export function checkMailPollMs(ms: number): number {
  if (!Number.isInteger(ms) || ms < 50 || ms > 3_600_000) throw new Error(`MAIL_POLL_MS must be a whole number of milliseconds from 50 to 3600000; got ${ms}`);
  return ms;
}

/** COMMENT_NOTIFY_TO: the digest's addresses, when not every moderator's. Throws naming a malformed one. */
export function checkNotifyAddresses(addresses: string[]): string[] {
  const clean = addresses.map((address) => address.trim()).filter(Boolean);
  const bad = clean.find((address) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(address));
  if (bad) throw new Error(`COMMENT_NOTIFY_TO must be email addresses separated by commas; "${bad}" is not one`);
  return clean;
}

/** Minutes between two confirmation mails to one address: a form cannot be used to flood someone's inbox. */
export const CONFIRM_SPACING_MINUTES = 60;
/** Days between an address's unsubscribe (or its last confirmation since) and any further confirmation mail: it said stop. */
export const CONFIRM_SPACING_UNSUBSCRIBED_DAYS = 30;
/** Confirmation mails to one address left unanswered within CONFIRM_LINK_DAYS beyond which no more go: asks under an address its owner ignores stop there. */
export const CONFIRM_MAX_UNANSWERED = 3;

/**
 * When the next confirmation mail may go to an address (null: now), given when the last one
 * went, when it unsubscribed (null: never) and how many sent in the last CONFIRM_LINK_DAYS are
 * still unanswered: CONFIRM_SPACING_MINUTES after the last; for an address that unsubscribed,
 * CONFIRM_SPACING_UNSUBSCRIBED_DAYS after the later of that and the last confirmation; and
 * `'never'` once CONFIRM_MAX_UNANSWERED wait unanswered.
 */
export function nextConfirmationAt(options: { lastSentAt: Date | null; unsubscribedAt: Date | null; unanswered: number; now: Date }): Date | null | 'never' {
  if (options.unanswered >= CONFIRM_MAX_UNANSWERED) return 'never';
  const times = [options.lastSentAt, options.unsubscribedAt].filter((time): time is Date => time !== null).map((time) => time.getTime());
  if (times.length === 0) return null;
  const at = options.unsubscribedAt
    ? new Date(Math.max(...times) + CONFIRM_SPACING_UNSUBSCRIBED_DAYS * 86_400_000)
    : new Date(options.lastSentAt!.getTime() + CONFIRM_SPACING_MINUTES * 60_000);
  return at > options.now ? at : null;
}

/** What is known of a reply, the comment it answers, that comment's subscription and its address. */
export interface ReplyNoticeFacts {
  parent: { authorEmail: string | null; commentStatus: string } | null;
  reply: { authorEmail: string | null; commentStatus: string };
  /** The parent's ask for reply notices, or null when it made none (or it was erased). */
  subscription: { email: string; confirmedAt: Date | null } | null;
  /** When the address unsubscribed, or null. */
  unsubscribedAt: Date | null;
}

/**
 * The address a reply notice goes to, or null when none may: the reply is approved; the
 * comment it answers asked for replies and that ask was confirmed from its own link (double
 * opt-in, per comment: knowing a confirmed address is not enough to subscribe it to a comment
 * someone else wrote), by the address the comment still has (an erasure removes it); the
 * address did not unsubscribe since; and the reply is not the commenter's own.
 */
export function replyNoticeRecipient(facts: ReplyNoticeFacts): string | null {
  const { parent, reply, subscription, unsubscribedAt } = facts;
  if (reply.commentStatus !== 'approved' || !parent?.authorEmail || !subscription?.confirmedAt) return null;
  if (parent.commentStatus === 'spam' || parent.commentStatus === 'trash') return null;
  const to = normalizeAddress(parent.authorEmail);
  if (normalizeAddress(subscription.email) !== to) return null;
  if (unsubscribedAt && unsubscribedAt >= subscription.confirmedAt) return null;
  if (reply.authorEmail && normalizeAddress(reply.authorEmail) === to) return null;
  return to;
}
