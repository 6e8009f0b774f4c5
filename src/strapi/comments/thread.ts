import type { Core } from '@strapi/strapi';
import { fieldError } from '../errors';
import { exceedsThreadDepth, type ModerationRules } from '../../core/moderation';
import type { CommentedArticle } from './article';
import { COMMENT_UID } from './model';

/** Where a new comment sits: top level (depth 1) or under a parent. */
export interface ThreadPlace {
  parentDocumentId: string | null;
  depth: number;
}

/**
 * A reply must answer a comment of the same article, no deeper than the rules allow; a
 * reader's reply must also answer an approved comment. Unknown, unapproved and foreign
 * parents get one and the same answer, so the API does not reveal which pending or spam
 * comments exist.
 */
export async function placeInThread(
  strapi: Core.Strapi,
  value: unknown,
  article: CommentedArticle,
  rules: Pick<ModerationRules, 'maxThreadDepth'>,
  options: { approvedParentOnly: boolean }
): Promise<ThreadPlace> {
  if (value === undefined || value === null || value === '') return { parentDocumentId: null, depth: 1 };
  if (typeof value !== 'string') {
    throw fieldError('parent must be the documentId of a comment', 'parent');
  }
  const parent = await strapi.db.query(COMMENT_UID).findOne({
    where: { documentId: value },
    select: ['documentId', 'commentStatus', 'depth'],
    populate: { article: { select: ['documentId'] } },
  });
  const answerable =
    parent &&
    parent.article?.documentId === article.documentId &&
    (!options.approvedParentOnly || parent.commentStatus === 'approved');
  if (!answerable) {
    throw fieldError('parent must be an approved comment on the same article', 'parent');
  }
  const parentDepth = Number(parent.depth) || 1;
  if (exceedsThreadDepth(parentDepth, rules)) {
    throw fieldError(`Replies nest at most ${rules.maxThreadDepth} levels deep`, 'parent');
  }
  return { parentDocumentId: parent.documentId, depth: parentDepth + 1 };
}

/** The relation value for the parent; comments are neither localized nor drafted, so one row. */
export function parentLink(place: ThreadPlace) {
  return place.parentDocumentId ? { connect: [{ documentId: place.parentDocumentId }] } : null;
}
