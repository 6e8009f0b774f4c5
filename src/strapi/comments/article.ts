import type { Core } from '@strapi/strapi';
import { fieldError } from '../errors';
import { errors } from '@strapi/utils';
import { commentsClosedByAge } from '../../core/moderation';
import { colophonConfig } from '../colophon-config';
import { defaultLocale } from '../hook/write-context';
import { ARTICLE_UID } from './model';
import { toDate } from '../database/values';

/** The article a comment hangs on: the document, and the locale whose rows the comment links to. */
export interface CommentedArticle {
  documentId: string;
  locale: string | null;
}

interface ArticleRow {
  locale: string | null;
  publishedAt: unknown;
  allowComments: boolean | null;
  firstPublishedAt: unknown;
}

async function loadRows(strapi: Core.Strapi, documentId: string): Promise<ArticleRow[]> {
  return strapi.db.query(ARTICLE_UID).findMany({
    where: { documentId },
    select: ['locale', 'publishedAt', 'allowComments', 'firstPublishedAt'],
  });
}

/** The default locale when the document has it, else the first in alphabetical order. */
async function pickLocale(strapi: Core.Strapi, locales: Array<string | null>): Promise<string | null> {
  const preferred = await defaultLocale(strapi);
  if (locales.includes(preferred)) return preferred;
  return [...locales].sort()[0] ?? null;
}

/**
 * The published article a reader may comment on, or the refusal they get: 404 for an unknown
 * or unpublished article (a reader cannot tell a draft from nothing), 400 when comments are
 * closed. allowComments is read from both versions: closing comments takes effect as soon as
 * an editor saves, reopening them once the article is published again. An article first
 * published longer ago than COMMENT_CLOSE_AFTER_DAYS is closed the same way, with the same answer.
 */
export async function findCommentableArticle(strapi: Core.Strapi, value: unknown): Promise<CommentedArticle> {
  if (typeof value !== 'string' || value.trim() === '') {
    throw fieldError('article is required: the documentId of a published article', 'article');
  }
  const rows = await loadRows(strapi, value);
  const published = rows.filter((row) => row.publishedAt);
  if (published.length === 0) {
    throw new errors.NotFoundError(`No published article has the documentId "${value}"`, { field: 'article' });
  }
  if (!commentsOpen(strapi, rows)) throw fieldError('Comments are closed on this article', 'article');
  return { documentId: value, locale: await pickLocale(strapi, published.map((row) => row.locale)) };
}

/**
 * Whether readers may comment on an article, from its rows: no version says allowComments
 * false, and it is not older than COMMENT_CLOSE_AFTER_DAYS by its first publication (the
 * earliest any locale has).
 */
export function commentsOpen(strapi: Core.Strapi, rows: Array<Pick<ArticleRow, 'allowComments' | 'firstPublishedAt'>>, now = new Date()): boolean {
  if (rows.some((row) => row.allowComments === false)) return false;
  const firsts = rows.map((row) => toDate(row.firstPublishedAt)).filter((date): date is Date => date !== null);
  const first = firsts.length ? new Date(Math.min(...firsts.map((date) => date.getTime()))) : null;
  return !commentsClosedByAge(first, colophonConfig(strapi).comments.closeAfterDays, now);
}


/** For editors: any existing article, published or not. */
export async function findArticleForEditor(strapi: Core.Strapi, documentId: string): Promise<CommentedArticle> {
  const rows = await loadRows(strapi, documentId);
  if (rows.length === 0) throw fieldError(`article: unknown article "${documentId}"`, 'article');
  const published = rows.filter((row) => row.publishedAt).map((row) => row.locale);
  return { documentId, locale: await pickLocale(strapi, published.length ? published : rows.map((row) => row.locale)) };
}

/**
 * The relation value that links a comment to an article. Without a status, Strapi links a
 * non-draft-and-publish type to BOTH the draft and the published row of the article, and its
 * publish, unpublish and discard steps carry those links over to the rows that replace them:
 * that is what keeps a comment on its article through any number of re-publications.
 */
export function articleLink(article: CommentedArticle) {
  return { connect: [{ documentId: article.documentId, ...(article.locale ? { locale: article.locale } : {}) }] };
}
