import type { Core } from '@strapi/strapi';
import { fieldError } from '../errors';
import { errors } from '@strapi/utils';
import { renderCommentHtml } from '../../core/moderation';
import { colophonConfig } from '../colophon-config';
import { readRelationIntent, type RelationIntent } from '../hook/relation-input';
import { articleLink, findArticleForEditor } from './article';
import { ARTICLE_UID, COMMENT_UID, DERIVED_COMMENT_FIELDS, REQUEST_COMMENT_FIELDS } from './model';
import { parentLink, placeInThread } from './thread';

export interface CommentWriteParams {
  documentId?: string;
  data?: Record<string, unknown>;
}

/** The state of a comment before a write, for the count and thread upkeep that follows it. */
export interface StoredComment {
  id: number;
  documentId: string;
  commentStatus: string;
  depth: number;
  articleDocumentId: string | null;
  parent: { id: number; documentId: string } | null;
}

export async function loadStoredComment(strapi: Core.Strapi, documentId: string | undefined): Promise<StoredComment | null> {
  if (!documentId) return null;
  const row = await strapi.db.query(COMMENT_UID).findOne({
    where: { documentId },
    select: ['id', 'documentId', 'commentStatus', 'depth'],
    populate: { article: { select: ['documentId'] }, parent: { select: ['id', 'documentId'] } },
  });
  if (!row) return null;
  return {
    id: row.id,
    documentId: row.documentId,
    commentStatus: row.commentStatus,
    depth: Number(row.depth) || 1,
    articleDocumentId: row.article?.documentId ?? null,
    parent: row.parent ? { id: row.parent.id, documentId: row.parent.documentId } : null,
  };
}

/** A moderator decides a comment's fate, not its words: only commentStatus may change. */
export function prepareModeratorUpdate(params: CommentWriteParams, moderator: { username: string | null }): void {
  const data = params.data ?? {};
  const others = Object.keys(data).filter((key) => key !== 'commentStatus');
  if (others.length > 0) {
    // A PolicyError, not a plain ForbiddenError: Strapi's REST router replaces the message of any
    // other ForbiddenError with a bare "Forbidden", and the moderator should learn why.
    throw new errors.PolicyError(`A moderator may change only commentStatus, not: ${others.join(', ')}`, {
      fields: others,
    });
  }
  if (typeof data.commentStatus === 'string') {
    data.moderationReason = `${data.commentStatus} by moderator ${moderator.username ?? 'unknown'}`.slice(0, 255);
  }
}

/**
 * An editor (Content Manager, API token, code) may write any field; what the server derives is
 * recomputed from it. A comment stays on its article and in its thread once posted: moving it
 * would strand its replies, so that is refused rather than half done.
 */
export async function prepareEditorWrite(
  strapi: Core.Strapi,
  action: 'create' | 'update',
  params: CommentWriteParams,
  stored: StoredComment | null
): Promise<{ articleDocumentId: string | null }> {
  const data = (params.data ??= {});
  // The honeypot means nothing coming from an editor, and is not an attribute to store.
  delete data[colophonConfig(strapi).comments.rules.honeypotField];
  for (const field of DERIVED_COMMENT_FIELDS) delete data[field];
  // The Content Manager sends the whole form back, read-only fields included: on an update,
  // what the request recorded and why the comment has its status are the server's to keep.
  if (action === 'update') for (const field of [...REQUEST_COMMENT_FIELDS, 'moderationReason']) delete data[field];

  if (typeof data.authorEmail === 'string') data.authorEmail = data.authorEmail.trim().toLowerCase();
  if (typeof data.body === 'string') data.bodyHtml = renderCommentHtml(data.body);
  if (typeof data.commentStatus === 'string' && data.moderationReason === undefined && data.commentStatus !== stored?.commentStatus) {
    data.moderationReason = `${data.commentStatus} by an editor`;
  }

  const articleIntent = readRelationIntent(data, 'article');
  const parentIntent = readRelationIntent(data, 'parent');
  if (action === 'update' && stored) {
    await refuseMove(strapi, articleIntent, stored.articleDocumentId, 'article', ARTICLE_UID);
    await refuseMove(strapi, parentIntent, stored.parent?.documentId ?? null, 'parent', COMMENT_UID);
    delete data.article;
    delete data.parent;
    return { articleDocumentId: stored.articleDocumentId };
  }

  const articleDocumentId = await intentDocumentId(strapi, articleIntent, ARTICLE_UID);
  if (!articleDocumentId) throw fieldError('article is required', 'article');
  const article = await findArticleForEditor(strapi, articleDocumentId);
  const parentDocumentId = await intentDocumentId(strapi, parentIntent, COMMENT_UID);
  const { rules } = colophonConfig(strapi).comments;
  const place = await placeInThread(strapi, parentDocumentId, article, rules, { approvedParentOnly: false });
  Object.assign(data, {
    article: articleLink(article),
    parent: parentLink(place),
    parentDocumentId: place.parentDocumentId,
    depth: place.depth,
  });
  return { articleDocumentId: article.documentId };
}

/** The Content Manager sends relations back as it found them; only a real change is refused. */
async function refuseMove(
  strapi: Core.Strapi,
  intent: RelationIntent,
  current: string | null,
  field: 'article' | 'parent',
  uid: string
): Promise<void> {
  if (intent.kind === 'unchanged') return;
  const target = intent.kind === 'clear' ? null : await intentDocumentId(strapi, intent, uid);
  if (target !== current) {
    throw fieldError(`A comment cannot be moved to another ${field}; delete it and post it again`, field);
  }
}

/** The Content Manager may name the target by row id; comments and links speak documentIds. */
async function intentDocumentId(strapi: Core.Strapi, intent: RelationIntent, uid: string): Promise<string | null> {
  if (intent.kind !== 'set') return null;
  if (intent.documentId) return intent.documentId;
  if (intent.id === undefined) return null;
  const row = await strapi.db.query(uid as any).findOne({ where: { id: intent.id }, select: ['documentId'] });
  return row?.documentId ?? null;
}
