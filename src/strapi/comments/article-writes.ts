import type { Core } from '@strapi/strapi';
import { columnOf, relationLinkOf, sql, tableOf } from '../database/schema';
import { defaultLocale } from '../hook/write-context';
import { recountComments } from './comment-count';
import { ARTICLE_COUNT_FIELD, ARTICLE_UID, COMMENT_UID } from './model';

interface ArticleWriteParams {
  documentId?: string;
  data?: Record<string, unknown>;
}

const RECOUNTED_ACTIONS = new Set(['create', 'update', 'publish', 'discardDraft', 'clone']);

/**
 * Keeps Article.commentCount the server's: a value sent with an article is dropped, and every
 * write that can add a row (a new locale, a publication, a clone) recounts the document.
 * Deleting an article re-homes its comments on a remaining locale, or deletes them with the
 * last one, as WordPress deletes a post's comments with the post.
 */
export async function handleArticleWrite(
  strapi: Core.Strapi,
  action: string,
  params: ArticleWriteParams,
  next: () => Promise<any>
) {
  if (action === 'delete') return deleteArticle(strapi, params, next);
  if (!RECOUNTED_ACTIONS.has(action)) return next();
  if (params.data) delete params.data[ARTICLE_COUNT_FIELD];
  return strapi.db.transaction(async ({ trx }) => {
    const result: any = await next();
    const documentId = result?.documentId ?? params.documentId;
    await recountComments(strapi, trx, [documentId]);
    return patchCount(strapi, result, documentId);
  });
}

async function deleteArticle(strapi: Core.Strapi, params: ArticleWriteParams, next: () => Promise<any>) {
  const { documentId } = params;
  if (!documentId) return next();
  return strapi.db.transaction(async ({ trx }) => {
    const link = relationLinkOf(strapi, COMMENT_UID, 'article');
    const articleRowIds = await rowIdsOf(strapi, trx, documentId);
    const commentIds: number[] = (
      await sql(strapi, trx, link.table).distinct(`${link.ownerColumn} as id`).whereIn(link.targetColumn, articleRowIds)
    ).map((row: { id: number }) => Number(row.id));

    const result = await next();
    if (commentIds.length === 0) return result;

    const stillLinked = new Set(
      (await sql(strapi, trx, link.table).distinct(`${link.ownerColumn} as id`).whereIn(link.ownerColumn, commentIds)).map(
        (row: { id: number }) => Number(row.id)
      )
    );
    const orphans = commentIds.filter((id) => !stillLinked.has(id));
    if (orphans.length > 0) await rehomeOrDelete(strapi, trx, documentId, orphans);
    await recountComments(strapi, trx, [documentId]);
    return result;
  });
}

/** Comments of a deleted locale move to the locale that remains (the default one first). */
async function rehomeOrDelete(strapi: Core.Strapi, trx: unknown, documentId: string, commentIds: number[]) {
  const table = tableOf(strapi, ARTICLE_UID);
  const remaining: Array<{ id: number; locale: string | null }> = await sql(strapi, trx, table)
    .select('id', `${columnOf(strapi, ARTICLE_UID, 'locale')} as locale`)
    .where(columnOf(strapi, ARTICLE_UID, 'documentId'), documentId);
  if (remaining.length === 0) {
    await strapi.db.query(COMMENT_UID).deleteMany({ where: { id: { $in: commentIds } } });
    return;
  }
  const preferred = await defaultLocale(strapi);
  const locales = remaining.map((row) => row.locale);
  const locale = locales.includes(preferred) ? preferred : [...locales].sort()[0];
  const link = relationLinkOf(strapi, COMMENT_UID, 'article');
  const links = commentIds.flatMap((commentId) =>
    remaining
      .filter((row) => row.locale === locale)
      .map((row) => ({ [link.ownerColumn]: commentId, [link.targetColumn]: row.id }))
  );
  for (let i = 0; i < links.length; i += 500) await sql(strapi, trx, link.table).insert(links.slice(i, i + 500));
}

async function rowIdsOf(strapi: Core.Strapi, trx: unknown, documentId: string): Promise<number[]> {
  const rows = await sql(strapi, trx, tableOf(strapi, ARTICLE_UID))
    .select('id')
    .where(columnOf(strapi, ARTICLE_UID, 'documentId'), documentId);
  return rows.map((row: { id: number }) => Number(row.id));
}

/** The caller gets the count as stored, not the value read before the recount. */
async function patchCount(strapi: Core.Strapi, result: any, documentId: string | undefined) {
  if (!documentId || !result) return result;
  const row = await strapi.db.query(ARTICLE_UID).findOne({ where: { documentId }, select: [ARTICLE_COUNT_FIELD] });
  const entries = Array.isArray(result.entries) ? result.entries : [result];
  for (const entry of entries) if (entry && typeof entry === 'object' && row) entry[ARTICLE_COUNT_FIELD] = row[ARTICLE_COUNT_FIELD];
  return result;
}
