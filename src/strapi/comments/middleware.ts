import type { Core, Modules } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';
import { recordingChanges } from '../delivery/change-log';
import { noteCommentChange } from '../delivery/notes';
import { tagVocabulary } from '../delivery/tags';
import { handleArticleWrite } from './article-writes';
import { identifyCaller } from './caller';
import { recountComments } from './comment-count';
import { liftReplies } from './delete-comment';
import { loadStoredComment, prepareEditorWrite, prepareModeratorUpdate, type CommentWriteParams } from './edit-comment';
import { ARTICLE_UID, COMMENT_UID } from './model';
import { postComment } from './post-comment';
import { dismissReports } from './reports';
import { queueConfirmation, queueMail, wakeMailDelivery } from '../notifications';
import { keepDraftsOutOfReach, restrictToPublicComments, sortOldestFirst, type ReadParams } from './reader-scope';

const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

/**
 * Every comment rule, for every door: REST and GraphQL both end in the document service, and
 * so do the Content Manager and code. Readers' posts are moderated and their reads limited to
 * approved comments; moderators change statuses; editors write freely, with derived fields
 * recomputed; every change that can move an article's count of approved comments recounts it.
 */
export function commentsOnDocuments(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    if (context.uid === ARTICLE_UID) return handleArticleWrite(strapi, context.action, context.params as any, next as any);
    if (context.uid !== COMMENT_UID) return next();

    const action = context.action as string;
    const params = context.params as CommentWriteParams & ReadParams;
    const caller = identifyCaller(strapi);

    if (caller.kind !== 'editor') keepDraftsOutOfReach(strapi, params);
    if (READ_ACTIONS.has(action)) {
      if (caller.kind === 'reader') restrictToPublicComments(params);
      if (caller.kind !== 'editor') sortOldestFirst(params);
      return next();
    }

    // A comment readers can see (approved before or after the write) is a change in the log.
    // Mail a write queued goes once it committed (src/strapi/notifications).
    const logged = (work: (trx: unknown) => Promise<any>): Promise<any> =>
      strapi.db
        .transaction(({ trx }) => recordingChanges(strapi, trx, `comment:${action}`, tagVocabulary(strapi).changeCoarser, () => work(trx)))
        .then((result) => {
          wakeMailDelivery(strapi);
          return result;
        });
    // A comment that became public: its own ask for replies gets its confirmation mail, and as a
    // reply it is announced to the comment it answers (if that asked).
    const announceApproval = async (trx: unknown, documentId: string | null | undefined, parentDocumentId: string | null | undefined) => {
      if (!documentId || !colophonConfig(strapi).comments.notifications.enabled) return;
      await queueConfirmation(strapi, trx, documentId);
      if (parentDocumentId) await queueMail(strapi, trx, 'reply', documentId);
    };
    const noteIfPublic = async (trx: unknown, articleDocumentId: string | null, commentDocumentId: string | null, before: unknown, after: unknown) => {
      if (!articleDocumentId || (before !== 'approved' && after !== 'approved')) return;
      await noteCommentChange(strapi, trx, { commentUid: COMMENT_UID, commentDocumentId, articleUid: ARTICLE_UID, articleDocumentId });
    };

    if (action === 'create' && caller.kind !== 'editor') {
      if (!colophonConfig(strapi).comments.pipeline) return next();
      // The article as sent (its documentId): postComment replaces it with the relation to write.
      const article = (params.data as Record<string, unknown> | undefined)?.article;
      return postComment(strapi, caller, params, next as any, (post) =>
        logged(async (trx) => {
          const result: any = await post(trx);
          // What the poster is told is the stored status, but for spam, which is told `pending`:
          // only `approved` is public either way.
          if (typeof article === 'string') await noteIfPublic(trx, article, result?.documentId ?? null, null, result?.commentStatus);
          if (result?.commentStatus === 'approved') await announceApproval(trx, result.documentId, (params.data as Record<string, any> | undefined)?.parentDocumentId);
          return result;
        })
      );
    }
    return logged(async (trx) => {
      const stored = await loadStoredComment(strapi, params.documentId);
      let articleDocumentId = stored?.articleDocumentId ?? null;
      if (action === 'update' && caller.kind === 'moderator') {
        prepareModeratorUpdate(params, { username: caller.account?.username ?? null });
      } else if (action === 'create' || action === 'update') {
        ({ articleDocumentId } = await prepareEditorWrite(strapi, action, params, stored));
      } else if (action === 'delete' && stored) {
        await liftReplies(strapi, trx, stored);
      }
      const result: any = await next();
      await recountComments(strapi, trx, [articleDocumentId]);
      const after = action === 'delete' ? null : await loadStoredComment(strapi, result?.documentId ?? params.documentId);
      // Approving is a moderator's answer to the comment's reports: they are dismissed.
      if (action === 'update' && after && stored && after.commentStatus === 'approved' && stored.commentStatus !== 'approved') {
        await dismissReports(strapi, trx, after.documentId);
      }
      if (after?.commentStatus === 'approved' && stored?.commentStatus !== 'approved') await announceApproval(trx, after.documentId, after.parent?.documentId);
      await noteIfPublic(trx, after?.articleDocumentId ?? articleDocumentId, stored?.documentId ?? after?.documentId ?? null, stored?.commentStatus, after?.commentStatus);
      return result;
    });
  };
}
