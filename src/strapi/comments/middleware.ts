import type { Core, Modules } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';
import { handleArticleWrite } from './article-writes';
import { identifyCaller } from './caller';
import { recountComments } from './comment-count';
import { liftReplies } from './delete-comment';
import { loadStoredComment, prepareEditorWrite, prepareModeratorUpdate, type CommentWriteParams } from './edit-comment';
import { ARTICLE_UID, COMMENT_UID } from './model';
import { postComment } from './post-comment';
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

    if (action === 'create' && caller.kind !== 'editor') {
      if (!colophonConfig(strapi).comments.pipeline) return next();
      return postComment(strapi, caller, params, next as any);
    }
    return strapi.db.transaction(async ({ trx }) => {
      const stored = await loadStoredComment(strapi, params.documentId);
      let articleDocumentId = stored?.articleDocumentId ?? null;
      if (action === 'update' && caller.kind === 'moderator') {
        prepareModeratorUpdate(params, { username: caller.account?.username ?? null });
      } else if (action === 'create' || action === 'update') {
        ({ articleDocumentId } = await prepareEditorWrite(strapi, action, params, stored));
      } else if (action === 'delete' && stored) {
        await liftReplies(strapi, trx, stored);
      }
      const result = await next();
      await recountComments(strapi, trx, [articleDocumentId]);
      return result;
    });
  };
}
