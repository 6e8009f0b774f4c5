import type { Core } from '@strapi/strapi';
import { renderCommentHtml } from '../../core/moderation';
import { anonymousLabels, type PersonalDataRequest } from '../../core/privacy';
import { COMMENT_UID, ARTICLE_UID } from '../comments/model';
import { REPORTS_TABLE } from '../comments/reports';
import { columnOf, relationLinkOf, sql, tableOf } from '../database/schema';
import { noteChange, recordingChanges } from '../delivery/change-log';
import { noteCommentChange } from '../delivery/notes';
import { tagVocabulary } from '../delivery/tags';
import { defaultLocale } from '../hook/write-context';
import { ADDRESSES_TABLE, SUBSCRIPTIONS_TABLE } from '../notifications/models';
import { findPersonalData } from './find-personal-data';
import { PRIVACY_LOG_TABLE } from './models';

/** What an erasure did, as its answer and the command line report it. */
export interface ErasureReport {
  /** Comments anonymised. */
  comments: number;
  /** Whether their text was replaced too. */
  textDeleted: boolean;
  /**
   * The reader accounts found (by id, or holding the address), which an erasure of comments
   * leaves in place: deleting an account is the Users section's decision, not this one's.
   */
  accounts: Array<{ id: number }>;
}

/** Rows per UPDATE and link DELETE: SQLite binds at most 32 766 parameters, and short statements keep its event loop free. */
const CHUNK = 500;

/**
 * Erases one person's data from their comments, as WordPress's comment eraser does: the name
 * becomes the fixed anonymous label in the site's default locale; email, IP hash, user agent,
 * moderation reason, account link and the ask for reply mails are removed, and so is their
 * addresses' reply-notice state; with `deleteText` the words are replaced by
 * a fixed notice in that locale too. Reports their accounts filed lose the account and the note. Statuses, threads and dates stay, so no count changes and
 * no reply loses its parent. One transaction: it is all done or nothing is. The public answers
 * that showed the name (approved comments) are noted in the change log, which purges every
 * cache that held them, and the privacy log records that an erasure happened, without the
 * address or the values erased. `requestedBy` is the admin's id, null from the command line.
 */
export async function erasePersonalData(strapi: Core.Strapi, request: PersonalDataRequest, requestedBy: number | null): Promise<ErasureReport> {
  const labels = anonymousLabels(await defaultLocale(strapi));
  return strapi.db.transaction(({ trx }) =>
    recordingChanges(strapi, trx, 'comment:erase', tagVocabulary(strapi).changeCoarser, async () => {
      const found = await findPersonalData(strapi, trx, request.subject);
      const table = tableOf(strapi, COMMENT_UID);
      const column = (attribute: string) => columnOf(strapi, COMMENT_UID, attribute);
      const ids = found.comments.map((comment) => comment.id);
      const values: Record<string, unknown> = {
        [column('authorName')]: labels.name,
        [column('authorEmail')]: null,
        [column('ipHash')]: null,
        [column('userAgent')]: null,
        [column('moderationReason')]: null,
        [column('notifyReplies')]: false,
        [column('updatedAt')]: new Date(),
        ...(request.deleteText ? { [column('body')]: labels.text, [column('bodyHtml')]: renderCommentHtml(labels.text) } : {}),
      };
      const userLink = relationLinkOf(strapi, COMMENT_UID, 'user');
      for (let i = 0; i < ids.length; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK);
        await sql(strapi, trx, table).whereIn('id', chunk).update(values);
        await sql(strapi, trx, userLink.table).whereIn(userLink.ownerColumn, chunk).delete();
      }
      await noteErasedComments(strapi, trx, found.comments);
      // Reports they filed stay (a moderator may still need their count) but no longer name them.
      const reportIds = found.reports.map((report) => report.id);
      for (let i = 0; i < reportIds.length; i += CHUNK) {
        await sql(strapi, trx, REPORTS_TABLE)
          .whereIn('id', reportIds.slice(i, i + CHUNK))
          .update({ user_id: null, note: null, reporter_key: strapi.db.connection.raw(`'erased:' || id`) });
      }
      // Their addresses' reply-notice rows and their comments' asks go whole: mail still queued
      // for them finds no ask and is skipped.
      const addresses = found.mailAddresses.map((address) => address.email);
      for (let i = 0; i < addresses.length; i += CHUNK) {
        await sql(strapi, trx, ADDRESSES_TABLE).whereIn('email', addresses.slice(i, i + CHUNK)).delete();
      }
      const asked = [...new Set([...found.replySubscriptions.map((ask) => ask.commentDocumentId), ...found.comments.map((comment) => comment.documentId)])];
      for (let i = 0; i < asked.length; i += CHUNK) {
        await sql(strapi, trx, SUBSCRIPTIONS_TABLE).whereIn('comment_document_id', asked.slice(i, i + CHUNK)).delete();
      }
      await sql(strapi, trx, PRIVACY_LOG_TABLE).insert({
        action: 'erase',
        subject_kind: request.subject.kind,
        comments: ids.length,
        text_deleted: request.deleteText,
        requested_by: requestedBy,
        created_at: new Date(),
      });
      return { comments: ids.length, textDeleted: request.deleteText, accounts: found.accounts.map((account) => ({ id: account.id })) };
    })
  );
}

/** The approved comments' pages changed (the name, maybe the words): one note per article, and each comment's own tag. */
async function noteErasedComments(
  strapi: Core.Strapi,
  trx: unknown,
  comments: Array<{ documentId: string; commentStatus: string; article: { documentId: string } | null }>
): Promise<void> {
  const shown = comments.filter((comment) => comment.commentStatus === 'approved' && comment.article);
  const tags = tagVocabulary(strapi);
  for (const articleDocumentId of new Set(shown.map((comment) => comment.article!.documentId))) {
    await noteCommentChange(strapi, trx, { commentUid: COMMENT_UID, commentDocumentId: null, articleUid: ARTICLE_UID, articleDocumentId });
  }
  if (shown.length === 0) return;
  noteChange({
    documents: shown.map((comment) => ({ uid: COMMENT_UID, documentId: comment.documentId, locale: null })),
    tags: shown.map((comment) => tags.documentTag(COMMENT_UID, comment.documentId)),
  });
}
