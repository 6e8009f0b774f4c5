import type { Core } from '@strapi/strapi';
import type { AccountData, DataSubject, MailAddressData, ReplySubscriptionData, ReportData, StoredCommentData } from '../../core/privacy';
import { normalizeAddress } from '../../core/notifications';
import { ADDRESSES_TABLE, SUBSCRIPTIONS_TABLE } from '../notifications/models';
import { REPORTS_TABLE } from '../comments/reports';
import { sql } from '../database/schema';
import { toDate } from '../database/values';
import { COMMENT_UID } from '../comments/model';

const USER_UID = 'plugin::users-permissions.user';

/** The rows of one person's data: their accounts and every comment of theirs, by address or by account. */
export interface PersonalData {
  accounts: AccountData[];
  comments: Array<StoredCommentData & { id: number }>;
  reports: Array<ReportData & { id: number }>;
  /**
   * The reply-notice state of their own addresses (the one asked for, or the accounts'): not of
   * an address merely typed into one of their comments, which may be someone else's.
   */
  mailAddresses: MailAddressData[];
  replySubscriptions: ReplySubscriptionData[];
}

/**
 * Everything Colophon holds on `subject`, read in transaction `trx`:
 * - by address: the comments posted under it and the reader accounts registered with it;
 * - by account: that account, the comments it posted signed in, and those posted under its address.
 * - the reports the accounts filed;
 * - the reply-notice state of their own addresses, and the asks made with them.
 * Addresses compare lowercased (both sides are stored so). The same indexed queries whoever
 * asks, found or not, so the time to answer says little about whether anything was found.
 */
export async function findPersonalData(strapi: Core.Strapi, trx: unknown, subject: DataSubject): Promise<PersonalData> {
  const users = strapi.db.query(USER_UID as any);
  const found: any[] =
    subject.kind === 'account'
      ? await users.findMany({ where: { id: subject.userId }, transacting: trx } as any)
      : await users.findMany({ where: { email: { $eqi: subject.email } }, transacting: trx } as any);
  const accounts = found.map(accountData);
  const emails = subject.kind === 'email' ? [subject.email] : accounts.map((account) => account.email).filter((email): email is string => !!email);
  const accountIds = accounts.map((account) => account.id);
  const or: object[] = [];
  if (emails.length) or.push({ authorEmail: { $in: emails } });
  if (subject.kind === 'account') or.push({ user: { id: { $in: accountIds.length ? accountIds : [subject.userId] } } });
  const rows: any[] = or.length
    ? await strapi.db.query(COMMENT_UID).findMany({
        where: { $or: or },
        populate: { article: { select: ['documentId', 'title', 'path', 'locale'] }, user: { select: ['id'] } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        transacting: trx,
      } as any)
    : [];
  const reports: any[] = await sql(strapi, trx, REPORTS_TABLE)
    .whereIn('user_id', accountIds.length ? accountIds : [-1])
    .orderBy('id');
  const comments = rows.map(commentData);
  const own = [...new Set(emails.map(normalizeAddress))];
  const mailRows: any[] = await sql(strapi, trx, ADDRESSES_TABLE)
    .whereIn('email', own.length ? own : [''])
    .orderBy('email');
  const subscriptionRows: any[] = await sql(strapi, trx, SUBSCRIPTIONS_TABLE)
    .whereIn('email', own.length ? own : [''])
    .orderBy('id');
  return {
    accounts,
    comments,
    reports: reports.map(reportData),
    mailAddresses: mailRows.map(mailAddressData),
    replySubscriptions: subscriptionRows.map((row) => ({
      commentDocumentId: row.comment_document_id,
      email: row.email,
      confirmedAt: iso(row.confirmed_at),
      createdAt: iso(row.created_at),
    })),
  };
}

function iso(value: unknown): string | null {
  return toDate(value)?.toISOString() ?? null;
}

function reportData(row: any): ReportData & { id: number } {
  return {
    id: Number(row.id),
    commentDocumentId: row.comment_document_id,
    reason: row.reason,
    note: row.note ?? null,
    createdAt: iso(row.created_at),
    dismissedAt: iso(row.dismissed_at),
  };
}

function mailAddressData(row: any): MailAddressData {
  return {
    email: row.email,
    confirmationSentAt: iso(row.confirmation_sent_at),
    unsubscribedAt: iso(row.unsubscribed_at),
    createdAt: iso(row.created_at),
  };
}

function accountData(row: any): AccountData {
  return {
    id: row.id,
    username: row.username ?? null,
    email: row.email ?? null,
    provider: row.provider ?? null,
    confirmed: row.confirmed ?? null,
    blocked: row.blocked ?? null,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

function commentData(row: any): StoredCommentData & { id: number } {
  return {
    id: row.id,
    documentId: row.documentId,
    article: row.article
      ? { documentId: row.article.documentId, title: row.article.title ?? null, path: row.article.path ?? null, locale: row.article.locale ?? null }
      : null,
    parentDocumentId: row.parentDocumentId ?? null,
    commentStatus: row.commentStatus,
    authorName: row.authorName ?? null,
    authorEmail: row.authorEmail ?? null,
    body: row.body ?? null,
    ipHash: row.ipHash ?? null,
    userAgent: row.userAgent ?? null,
    moderationReason: row.moderationReason ?? null,
    userId: row.user?.id ?? null,
    notifyReplies: row.notifyReplies === true || row.notifyReplies === 1,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
