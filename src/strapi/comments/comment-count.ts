import type { Core } from '@strapi/strapi';
import { updateRowsById } from '../database/bulk-update';
import { columnOf, isPostgres, relationLinkOf, sql, tableOf } from '../database/schema';
import { ARTICLE_COUNT_FIELD, ARTICLE_UID, COMMENT_UID } from './model';

/**
 * Sets Article.commentCount, on every row of each document (draft, published, every locale),
 * to the number of its approved comments. It recounts rather than adding and subtracting, so
 * a missed event can never leave a count drifting; three set-based queries for any number of
 * articles. Written under the document service on purpose: a new comment is not an edit of the
 * article, so its updatedAt must not move (the Content Manager would show it as modified).
 */
export async function recountComments(strapi: Core.Strapi, trx: unknown, documentIds: Iterable<string | null | undefined>) {
  const ids = [...new Set([...documentIds].filter((id): id is string => typeof id === 'string' && id !== ''))];
  if (ids.length === 0) return;

  const articles = tableOf(strapi, ARTICLE_UID);
  const articleDocumentId = columnOf(strapi, ARTICLE_UID, 'documentId');
  const rowsQuery = sql(strapi, trx, articles)
    .select('id', `${articleDocumentId} as documentId`)
    .whereIn(articleDocumentId, ids);
  // On PostgreSQL two transactions approving comments of one article at once would each count
  // without seeing the other's row; locking the article rows first makes the second one wait
  // and count afresh.
  const rows: Array<{ id: number; documentId: string }> = await (isPostgres(strapi) ? rowsQuery.forUpdate() : rowsQuery);
  if (rows.length === 0) return;

  const approvedBy = await countApprovedComments(strapi, trx, ids);

  await updateRowsById(
    strapi,
    trx,
    ARTICLE_UID,
    rows.map((row) => ({ id: row.id, values: { [ARTICLE_COUNT_FIELD]: approvedBy.get(row.documentId) ?? 0 } }))
  );
}

/**
 * Document id -> how many approved comments it has, for the given article documents; a
 * document with none is absent. One grouped query, whatever the number of documents.
 */
export async function countApprovedComments(strapi: Core.Strapi, trx: unknown, documentIds: string[]): Promise<Map<string, number>> {
  if (documentIds.length === 0) return new Map();
  const articles = tableOf(strapi, ARTICLE_UID);
  const articleDocumentId = columnOf(strapi, ARTICLE_UID, 'documentId');
  const comments = tableOf(strapi, COMMENT_UID);
  const link = relationLinkOf(strapi, COMMENT_UID, 'article');
  const counted: Array<{ documentId: string; approved: number | string }> = await sql(strapi, trx, comments)
    .join(link.table, `${link.table}.${link.ownerColumn}`, `${comments}.id`)
    .join(articles, `${articles}.id`, `${link.table}.${link.targetColumn}`)
    .where(`${comments}.${columnOf(strapi, COMMENT_UID, 'commentStatus')}`, 'approved')
    .whereIn(`${articles}.${articleDocumentId}`, documentIds)
    .groupBy(`${articles}.${articleDocumentId}`)
    // DISTINCT: a comment links to both the draft and the published row of its article.
    .select(`${articles}.${articleDocumentId} as documentId`)
    .countDistinct({ approved: `${comments}.id` });
  return new Map(counted.map((row) => [row.documentId, Number(row.approved)]));
}
