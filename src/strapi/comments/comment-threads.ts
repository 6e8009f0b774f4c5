import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { buildThreads, type ThreadNode } from '../../core/moderation';
import { commentsTag } from '../../core/delivery';
import { fieldError } from '../errors';
import { readCount } from '../query-params';
import { tagVocabulary } from '../delivery/tags';
import { toDate } from '../database/values';
import { commentsOpen } from './article';
import { ARTICLE_UID, COMMENT_UID } from './model';

/** What a reader sees of a comment in a thread: public fields only, never the private ones. */
const PUBLIC_FIELDS = ['documentId', 'authorName', 'body', 'bodyHtml', 'depth', 'parentDocumentId', 'createdAt', 'updatedAt'] as const;
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
/** Far past any thread: a page number is read as nine digits at most. */
const MAX_PAGE = 999_999_999;

export interface PublicComment {
  documentId: string;
  authorName: string;
  body: string;
  bodyHtml: string | null;
  depth: number;
  parentDocumentId: string | null;
  createdAt: string;
  updatedAt: string | null;
}

/** One page of an article's threads, as REST and GraphQL answer it. */
export interface ThreadPage {
  data: Array<ThreadNode<PublicComment>>;
  meta: {
    pagination: { page: number; pageSize: number; pageCount: number; total: number };
    article: { documentId: string; commentCount: number; commentsOpen: boolean };
  };
  /** The cache tags of the answer: the article's comments, and the article. */
  tags: string[];
}

export interface ThreadQuery {
  article: unknown;
  page?: unknown;
  pageSize?: unknown;
}

/**
 * A page of an article's approved top-level comments, oldest first, each with every approved
 * reply below it nested (core's buildThreads), so no page ever splits a reply from its parent.
 * `total` and `pageCount` count top-level comments. Queries: the article, the count, the page,
 * then one per depth level (COMMENT_MAX_THREAD_DEPTH − 1 at most): bounded by the depth limit,
 * never by the thread's size. 400 naming the field for a bad parameter; 404 for an article that
 * is unknown or not published (a reader cannot tell a draft from nothing).
 */
export async function readThreadPage(strapi: Core.Strapi, query: ThreadQuery, maxDepth: number): Promise<ThreadPage> {
  const { documentId, page, pageSize } = readQuery(query);
  const rows: Array<{ allowComments: boolean | null; firstPublishedAt: unknown; publishedAt: unknown; commentCount: number | null }> =
    await strapi.db.query(ARTICLE_UID).findMany({ where: { documentId }, select: ['allowComments', 'firstPublishedAt', 'publishedAt', 'commentCount'] });
  const published = rows.filter((row) => row.publishedAt);
  if (published.length === 0) throw new errors.NotFoundError(`No published article has the documentId "${documentId}"`, { field: 'article' });

  const onArticle = { commentStatus: 'approved', article: { documentId, publishedAt: { $notNull: true } } };
  const comments = strapi.db.query(COMMENT_UID);
  const total = await comments.count({ where: { ...onArticle, parentDocumentId: { $null: true } } });
  const roots = (await comments.findMany({
    where: { ...onArticle, parentDocumentId: { $null: true } },
    select: [...PUBLIC_FIELDS],
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    offset: (page - 1) * pageSize,
    limit: pageSize,
  })) as any[];
  const replies: any[] = [];
  for (let level = roots, depth = 2; level.length > 0 && depth <= maxDepth; depth += 1) {
    level = (await comments.findMany({
      where: { ...onArticle, parentDocumentId: { $in: level.map((comment) => comment.documentId) } },
      select: [...PUBLIC_FIELDS],
    })) as any[];
    replies.push(...level);
  }
  const tags = tagVocabulary(strapi);
  return {
    data: buildThreads(roots.map(publicComment), replies.map(publicComment)),
    meta: {
      pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total },
      article: { documentId, commentCount: Number(published[0].commentCount ?? 0), commentsOpen: commentsOpen(strapi, rows) },
    },
    tags: [commentsTag(documentId), tags.documentTag(ARTICLE_UID, documentId)],
  };
}

function publicComment(row: any): PublicComment {
  return {
    documentId: row.documentId,
    authorName: row.authorName,
    body: row.body,
    bodyHtml: row.bodyHtml ?? null,
    depth: Number(row.depth) || 1,
    parentDocumentId: row.parentDocumentId ?? null,
    createdAt: toDate(row.createdAt)?.toISOString() ?? '',
    updatedAt: toDate(row.updatedAt)?.toISOString() ?? null,
  };
}

function readQuery(query: ThreadQuery): { documentId: string; page: number; pageSize: number } {
  const { article } = query;
  if (typeof article !== 'string' || !/^[A-Za-z0-9]{1,64}$/.test(article)) {
    throw fieldError('article is required: the documentId of a published article', 'article');
  }
  const page = readCount(query.page, 'page', 1, MAX_PAGE);
  const pageSize = readCount(query.pageSize, 'pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  return { documentId: article, page, pageSize };
}
