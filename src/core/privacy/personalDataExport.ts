import type { DataSubject } from './personalDataRequest';

/** A comment as stored, with what it hangs on, as the export reads it. */
export interface StoredCommentData {
  documentId: string;
  article: { documentId: string; title: string | null; path: string | null; locale: string | null } | null;
  parentDocumentId: string | null;
  commentStatus: string;
  authorName: string | null;
  authorEmail: string | null;
  body: string | null;
  ipHash: string | null;
  userAgent: string | null;
  moderationReason: string | null;
  userId: number | null;
  /** Whether the comment asked for a mail when a reply is approved. */
  notifyReplies: boolean;
  createdAt: string | null;
  updatedAt: string | null;
}

/** An address that asked for reply notices (src/strapi/notifications): when a confirmation last went, when it unsubscribed. */
export interface MailAddressData {
  email: string;
  confirmationSentAt: string | null;
  unsubscribedAt: string | null;
  createdAt: string | null;
}

/** A comment's ask for reply notices, and when it was confirmed. */
export interface ReplySubscriptionData {
  commentDocumentId: string;
  email: string;
  confirmedAt: string | null;
  createdAt: string | null;
}

/** A reader account's own fields (users-permissions), secrets left out. */
export interface AccountData {
  id: number;
  username: string | null;
  email: string | null;
  provider: string | null;
  confirmed: boolean | null;
  blocked: boolean | null;
  createdAt: string | null;
  updatedAt: string | null;
}

/** A report a reader filed on a comment, as the export shows it. */
export interface ReportData {
  commentDocumentId: string;
  reason: string;
  note: string | null;
  createdAt: string | null;
  dismissedAt: string | null;
}

/** The answer to an export: everything held on one person, and nothing of anyone else. */
export interface PersonalDataExport {
  subject: { email: string | null; userId: number | null };
  generatedAt: string;
  accounts: AccountData[];
  comments: StoredCommentData[];
  /** Reports filed while signed in (an anonymous report is kept by IP hash alone, which names no one). */
  reports: ReportData[];
  /** Their addresses' reply-notice state: when a confirmation went, when it unsubscribed. */
  mailAddresses: MailAddressData[];
  /** Their asks for reply notices, one per comment, and when each was confirmed. */
  replySubscriptions: ReplySubscriptionData[];
}

/**
 * Shapes an export: the subject as asked, the accounts found (by id, or holding the address),
 * their comments oldest first, each once (a comment may match both by address and by
 * account), the reports their accounts filed, and their addresses' reply-notice state. Field names are the stored ones, so a reader sees what the newsroom sees.
 */
export function buildPersonalDataExport(
  subject: DataSubject,
  accounts: AccountData[],
  comments: StoredCommentData[],
  reports: ReportData[],
  generatedAt: Date,
  mailAddresses: MailAddressData[] = [],
  replySubscriptions: ReplySubscriptionData[] = []
): PersonalDataExport {
  const seen = new Set<string>();
  const unique = comments.filter((comment) => (seen.has(comment.documentId) ? false : (seen.add(comment.documentId), true)));
  unique.sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.documentId.localeCompare(b.documentId));
  return {
    subject: subject.kind === 'email' ? { email: subject.email, userId: null } : { email: null, userId: subject.userId },
    generatedAt: generatedAt.toISOString(),
    accounts: [...accounts].sort((a, b) => a.id - b.id),
    comments: unique,
    reports: [...reports].sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '')),
    mailAddresses: [...mailAddresses].sort((a, b) => a.email.localeCompare(b.email)),
    replySubscriptions: [...replySubscriptions].sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.commentDocumentId.localeCompare(b.commentDocumentId)),
  };
}
