import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { computeRetryAfter, hashIp, holdsForReports, readReportFields, summarizeReportReasons, type ReportFields } from '../../core/moderation';
import { colophonConfig } from '../colophon-config';
import { sql, tableOf, columnOf } from '../database/schema';
import { toDate } from '../database/values';
import { recordingChanges } from '../delivery/change-log';
import { noteCommentChange } from '../delivery/notes';
import { tagVocabulary } from '../delivery/tags';
import { fieldError } from '../errors';
import type { Reader } from './caller';
import { recountComments } from './comment-count';
import { lockAuthor } from './lookups';
import { ARTICLE_UID, COMMENT_UID } from './model';
import { registerDatabaseModels } from '../database/models';
import { wakeMailDelivery } from '../notifications';

/**
 * Readers' reports of comments. A plain table, not a content type: reporters are private, and
 * no API lists them. One row per reader (account, else IP hash) and comment, by the documentId
 * the reader sent, whether or not a comment has it: that is what keeps the endpoint's answer and
 * its rate limit the same for a comment that exists and one that does not.
 */
export const REPORTS_TABLE = 'colophon_comment_reports';

const reportModel = {
  uid: 'colophon::comment-report',
  singularName: 'colophon_comment_reports',
  tableName: REPORTS_TABLE,
  attributes: {
    id: { type: 'increments' },
    commentDocumentId: { type: 'string' },
    /** user:<id> or ip:<hash>, unique with the comment: one report per reader per comment; expired:<id> once retention cleared it. */
    reporterKey: { type: 'string' },
    userId: { type: 'integer' },
    ipHash: { type: 'string' },
    reason: { type: 'string' },
    note: { type: 'text' },
    dismissedAt: { type: 'datetime' },
    createdAt: { type: 'datetime' },
  },
  indexes: [
    { name: 'colophon_comment_reports_uq', columns: ['comment_document_id', 'reporter_key'], type: 'unique' },
    { name: 'colophon_comment_reports_reporter_idx', columns: ['reporter_key', 'created_at'] },
    { name: 'colophon_comment_reports_user_idx', columns: ['user_id'] },
  ],
};

/** Registers the reports table as a Strapi database model; called from register(). */
export function registerReportModel(strapi: Core.Strapi): void {
  registerDatabaseModels(strapi, reportModel);
}

/** What every report request is told, whatever became of it. */
export const REPORT_RECEIPT = { received: true } as const;

/**
 * A reader reports comment `documentId`, over REST or GraphQL. The answer is REPORT_RECEIPT
 * whether the comment exists, is public, or was reported by this reader before; only a
 * malformed report (400 naming the field) or a second report within COMMENT_FLOOD_SECONDS of
 * the reader's last (429, Retry-After) is refused, and both regardless of the comment. A report
 * of an existing comment updates its private reportCount and reportReasons; at
 * COMMENT_REPORTS_TO_HOLD open reports an approved comment goes back to pending, which takes it
 * off public pages (counted, logged and purged like any moderation). One transaction.
 */
export async function reportComment(strapi: Core.Strapi, reader: Reader, documentId: unknown, data: unknown): Promise<typeof REPORT_RECEIPT> {
  if (typeof documentId !== 'string' || !/^[A-Za-z0-9]{1,64}$/.test(documentId)) throw fieldError('documentId must be the documentId of a comment', 'documentId');
  const fields = readReportFields(data);
  if ('path' in fields) throw fieldError(fields.message, fields.path);
  const { rules, ipHashSecret, reportsToHold } = colophonConfig(strapi).comments;
  const ipHash = reader.ip ? hashIp(reader.ip, ipHashSecret) : null;
  const userId = reader.account?.id ?? null;
  const reporterKey = userId !== null ? `user:${userId}` : ipHash ? `ip:${ipHash}` : null;
  if (!reporterKey) throw new errors.ForbiddenError('A report needs a reader: an account or an address');

  await strapi.db.transaction(({ trx }) =>
    recordingChanges(strapi, trx, 'comment:report', tagVocabulary(strapi).changeCoarser, async () => {
      await lockAuthor(strapi, trx, [`report:${reporterKey}`]);
      const last = await sql(strapi, trx, REPORTS_TABLE).where('reporter_key', reporterKey).max({ at: 'created_at' }).first();
      const now = new Date();
      const retryAfterSeconds = computeRetryAfter(toDate(last?.at), now, rules.floodIntervalSeconds);
      if (retryAfterSeconds > 0) {
        reader.ctx?.set?.('Retry-After', String(retryAfterSeconds));
        throw new errors.RateLimitError(`You are reporting too quickly. Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
      }
      await fileReport(strapi, trx, { documentId, reporterKey, userId, ipHash, fields, at: now }, reportsToHold);
    })
  );
  // A comment held back waits for moderators: the digest may be due (whatever the report did, so the answer's timing says nothing).
  wakeMailDelivery(strapi);
  return REPORT_RECEIPT;
}

/**
 * Stores one report (ignored when this reporter already reported this comment) and settles the
 * comment's count, reasons and status, in transaction `trx`. No checks: reportComment makes
 * them for readers; the demo seed calls it directly.
 */
export async function fileReport(
  strapi: Core.Strapi,
  trx: unknown,
  report: { documentId: string; reporterKey: string; userId: number | null; ipHash: string | null; fields: ReportFields; at: Date },
  threshold: number
): Promise<void> {
  await sql(strapi, trx, REPORTS_TABLE)
    .insert(reportRow(report.documentId, report.reporterKey, report.userId, report.ipHash, report.fields, report.at))
    .onConflict(['comment_document_id', 'reporter_key'])
    .ignore();
  await settleReports(strapi, trx, report.documentId, threshold);
}

function reportRow(documentId: string, reporterKey: string, userId: number | null, ipHash: string | null, fields: ReportFields, now: Date) {
  return {
    comment_document_id: documentId,
    reporter_key: reporterKey,
    user_id: userId,
    ip_hash: userId === null ? ipHash : null,
    reason: fields.reason,
    note: fields.note,
    created_at: now,
  };
}

/**
 * Brings comment `documentId`'s reportCount and reportReasons in line with its open reports,
 * and holds it back (pending) when they reach `threshold` while it is approved. The same
 * queries run whether or not the comment exists.
 */
async function settleReports(strapi: Core.Strapi, trx: unknown, documentId: string, threshold: number): Promise<void> {
  const reasons: string[] = await sql(strapi, trx, REPORTS_TABLE).where('comment_document_id', documentId).whereNull('dismissed_at').pluck('reason');
  const comments = tableOf(strapi, COMMENT_UID);
  const column = (attribute: string) => columnOf(strapi, COMMENT_UID, attribute);
  const comment = await strapi.db.query(COMMENT_UID).findOne({
    where: { documentId },
    select: ['id', 'commentStatus'],
    populate: { article: { select: ['documentId'] } },
  });
  const hold = comment?.commentStatus === 'approved' && holdsForReports(reasons.length, threshold);
  await sql(strapi, trx, comments)
    .where(column('documentId'), documentId)
    .update({
      [column('reportCount')]: reasons.length,
      [column('reportReasons')]: summarizeReportReasons(reasons) || null,
      ...(hold
        ? { [column('commentStatus')]: 'pending', [column('moderationReason')]: `held: ${reasons.length} reader reports`, [column('updatedAt')]: new Date() }
        : {}),
    });
  if (hold && comment.article?.documentId) {
    await recountComments(strapi, trx, [comment.article.documentId]);
    await noteCommentChange(strapi, trx, { commentUid: COMMENT_UID, commentDocumentId: documentId, articleUid: ARTICLE_UID, articleDocumentId: comment.article.documentId });
  }
}

/**
 * A moderator has looked at comment `documentId`: its open reports are dismissed (kept, with
 * the time, so a reader still cannot report it twice) and its count cleared. Runs when a
 * moderator or editor approves a comment, and from POST /colophon/comments/:documentId/dismiss-reports.
 * Returns how many reports it dismissed.
 */
export async function dismissReports(strapi: Core.Strapi, trx: unknown, documentId: string): Promise<number> {
  const dismissed = Number(await sql(strapi, trx, REPORTS_TABLE).where('comment_document_id', documentId).whereNull('dismissed_at').update({ dismissed_at: new Date() }));
  const column = (attribute: string) => columnOf(strapi, COMMENT_UID, attribute);
  await sql(strapi, trx, tableOf(strapi, COMMENT_UID))
    .where(column('documentId'), documentId)
    .update({ [column('reportCount')]: 0, [column('reportReasons')]: null });
  return dismissed;
}
