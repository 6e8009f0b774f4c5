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
 * document with none is absent. Three lookups from the articles outward (their rows, the
 * comments linked to them, which of those are approved), each by the index on the column it
 * is given; a few queries per 500 documents. Not one join: without statistics SQLite's planner drove it from
 * the comments' status index and read every approved comment of the site for each recount,
 * which made an import of 100 000 comments slow down as it went.
 */
export async function countApprovedComments(strapi: Core.Strapi, trx: unknown, documentIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (documentIds.length === 0) return counts;
  const articles = tableOf(strapi, ARTICLE_UID);
  const articleDocumentId = columnOf(strapi, ARTICLE_UID, 'documentId');
  const link = relationLinkOf(strapi, COMMENT_UID, 'article');
  const comments = tableOf(strapi, COMMENT_UID);
  const documentOfRow = new Map<number, string>();
  for (const ids of chunks(documentIds)) {
    const rows: Array<{ id: number; documentId: string }> = await sql(strapi, trx, articles).select('id', `${articleDocumentId} as documentId`).whereIn(articleDocumentId, ids);
    for (const row of rows) documentOfRow.set(Number(row.id), row.documentId);
  }
  // A comment links to both the draft and the published row of its article: counted once.
  const commentsOf = new Map<number, string>();
  for (const rowIds of chunks([...documentOfRow.keys()])) {
    const links: Array<{ commentId: number; articleId: number }> = await sql(strapi, trx, link.table)
      .select(`${link.ownerColumn} as commentId`, `${link.targetColumn} as articleId`)
      .whereIn(link.targetColumn, rowIds);
    for (const row of links) commentsOf.set(Number(row.commentId), documentOfRow.get(Number(row.articleId))!);
  }
  for (const commentIds of chunks([...commentsOf.keys()])) {
    // The status is sorted out here, not in SQL: offered `comment_status = ?` too, SQLite chose
    // the status index (every approved comment of the site) over the primary key.
    const found: Array<{ id: number; commentStatus: string }> = await sql(strapi, trx, comments)
      .select('id', `${columnOf(strapi, COMMENT_UID, 'commentStatus')} as commentStatus`)
      .whereIn('id', commentIds);
    for (const row of found) {
      if (row.commentStatus !== 'approved') continue;
      const documentId = commentsOf.get(Number(row.id))!;
      counts.set(documentId, (counts.get(documentId) ?? 0) + 1);
    }
  }
  return counts;
}

/** Lists cut to 500 values, under every database's limit on bound parameters. */
function chunks<T>(values: T[]): T[][] {
  const cut: T[][] = [];
  for (let i = 0; i < values.length; i += 500) cut.push(values.slice(i, i + 500));
  return cut;
}
