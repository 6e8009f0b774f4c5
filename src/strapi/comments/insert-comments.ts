import type { Core } from '@strapi/strapi';
import { renderCommentHtml } from '../../core/moderation';
import { noteCommentChange } from '../delivery/notes';
import { newDocumentId } from '../database/document-id';
import { columnOf, sql, tableOf } from '../database/schema';
import { findArticleForEditor } from './article';
import { recountComments } from './comment-count';
import { ARTICLE_UID, COMMENT_UID, type CommentStatus } from './model';

/** One comment of a thread written at once, as an editor would create it. */
export interface CommentToInsert {
  /** The caller's own key for the comment, so that replies can name their parent before either has a documentId. */
  key: string | number;
  /**
   * The comment it answers: one earlier in the same call by its key, or one already stored by
   * its documentId (it must be on the same article); null at the top.
   */
  parent: { key: string | number } | { documentId: string } | null;
  /** 1 at the top; the parent's depth plus one. The caller keeps it within the site's maxThreadDepth. */
  depth: number;
  authorName: string;
  /** Already trimmed and lower-cased, as every door stores it. */
  authorEmail: string;
  /** Plain text; bodyHtml is rendered from it here. */
  body: string;
  commentStatus: CommentStatus;
  ipHash: string | null;
  /** When the comment was written (threads and the moderation queue sort by it). */
  createdAt: Date;
  moderationReason: string;
}

/** Rows per INSERT: well under SQLite's 32 766 bound parameters and PostgreSQL's 65 535. */
const CHUNK = 200;

/**
 * Writes a whole set of comments on one article in a handful of set-based statements, in
 * transaction `trx`: what the document service and the comments middleware would store for
 * each editor create (documentId, bodyHtml, depth, parentDocumentId, the links to every row of
 * the article's chosen locale and to the parent, their inverse order, the timestamps), then one
 * recount of Article.commentCount and one note in the change log when any is approved. It
 * exists for imports, where one document-service create per comment costs a transaction and
 * some twenty queries each; the thread is the caller's to check (parents first, depths within
 * the rules). Returns key -> the new comment's documentId.
 * Throws when the article does not exist (a field error naming `article`) or a parent is
 * neither an earlier comment of the call nor a stored one (a plain Error: a caller's bug).
 */
export async function insertComments(
  strapi: Core.Strapi,
  trx: unknown,
  articleDocumentId: string,
  comments: CommentToInsert[]
): Promise<Map<string | number, string>> {
  const made = new Map<string | number, string>();
  if (comments.length === 0) return made;
  const article = await findArticleForEditor(strapi, articleDocumentId);
  const articleRows: Array<{ id: number }> = await sql(strapi, trx, tableOf(strapi, ARTICLE_UID))
    .select('id')
    .where(columnOf(strapi, ARTICLE_UID, 'documentId'), articleDocumentId)
    .modify((query: any) => (article.locale ? query.where(columnOf(strapi, ARTICLE_UID, 'locale'), article.locale) : query));

  const meta = strapi.db.metadata.get(COMMENT_UID as any) as any;
  const column = (attribute: string) => columnOf(strapi, COMMENT_UID, attribute);
  const now = new Date();
  const rows: Array<Record<string, unknown>> = [];
  const parents = new Map<string | number, string | null>();
  for (const comment of comments) {
    const documentId = newDocumentId();
    const parentDocumentId = comment.parent === null ? null : 'key' in comment.parent ? (made.get(comment.parent.key) ?? null) : comment.parent.documentId;
    if (comment.parent !== null && !parentDocumentId) throw new Error(`insertComments: the parent of comment ${comment.key} must come before it`);
    parents.set(comment.key, parentDocumentId);
    made.set(comment.key, documentId);
    rows.push({
      [column('documentId')]: documentId,
      [column('parentDocumentId')]: parentDocumentId,
      [column('depth')]: comment.depth,
      [column('authorName')]: comment.authorName,
      [column('authorEmail')]: comment.authorEmail,
      [column('body')]: comment.body,
      [column('bodyHtml')]: renderCommentHtml(comment.body),
      [column('commentStatus')]: comment.commentStatus,
      [column('moderationReason')]: comment.moderationReason,
      [column('ipHash')]: comment.ipHash,
      [column('reportCount')]: 0,
      [column('notifyReplies')]: false,
      [column('createdAt')]: comment.createdAt,
      [column('updatedAt')]: now,
      // A type without draft & publish is stored published, as the document service stores it.
      ...('publishedAt' in meta.attributes ? { [column('publishedAt')]: now } : {}),
    });
  }
  const table = tableOf(strapi, COMMENT_UID);
  for (let i = 0; i < rows.length; i += CHUNK) await sql(strapi, trx, table).insert(rows.slice(i, i + CHUNK));

  const documentIds = [...new Set([...made.values(), ...[...parents.values()].filter((id): id is string => id !== null)])];
  const idOf = new Map<string, number>();
  for (let i = 0; i < documentIds.length; i += CHUNK) {
    const found: Array<{ id: number; documentId: string }> = await sql(strapi, trx, table)
      .select('id', `${column('documentId')} as documentId`)
      .whereIn(column('documentId'), documentIds.slice(i, i + CHUNK));
    for (const row of found) idOf.set(row.documentId, Number(row.id));
  }
  const rowIdOf = (key: string | number) => idOf.get(made.get(key)!)!;
  const missing = [...parents.values()].find((id) => id !== null && !idOf.has(id));
  if (missing) throw new Error(`insertComments: no stored comment has the documentId "${missing}"`);

  await insertLinks(strapi, trx, meta.attributes.article.joinTable, comments.flatMap((comment) => articleRows.map((row) => ({ owner: rowIdOf(comment.key), target: Number(row.id) }))));
  await insertLinks(
    strapi,
    trx,
    meta.attributes.parent.joinTable,
    comments.filter((comment) => parents.get(comment.key)).map((comment) => ({ owner: rowIdOf(comment.key), target: idOf.get(parents.get(comment.key)!)! }))
  );

  await recountComments(strapi, trx, [articleDocumentId]);
  if (comments.some((comment) => comment.commentStatus === 'approved')) {
    await noteCommentChange(strapi, trx, { commentUid: COMMENT_UID, commentDocumentId: null, articleUid: ARTICLE_UID, articleDocumentId });
  }
  return made;
}

/**
 * Link rows for a many-to-one relation, as Strapi's entity manager writes them on a connect:
 * each new owner placed after the target's existing ones in the inverse order column
 * (max + 1, per target, in the order given).
 */
async function insertLinks(strapi: Core.Strapi, trx: unknown, joinTable: any, links: Array<{ owner: number; target: number }>): Promise<void> {
  if (links.length === 0) return;
  const { name, joinColumn, inverseJoinColumn, inverseOrderColumnName } = joinTable;
  const next = new Map<number, number>();
  if (inverseOrderColumnName) {
    const targets = [...new Set(links.map((link) => link.target))];
    for (let i = 0; i < targets.length; i += CHUNK) {
      const maxima: Array<{ target: number; max: number | string | null }> = await sql(strapi, trx, name)
        .select(`${inverseJoinColumn.name} as target`)
        .max(inverseOrderColumnName, { as: 'max' })
        .whereIn(inverseJoinColumn.name, targets.slice(i, i + CHUNK))
        .groupBy(inverseJoinColumn.name);
      for (const row of maxima) next.set(Number(row.target), Number(row.max ?? 0));
    }
  }
  const rows = links.map((link) => {
    const row: Record<string, unknown> = { [joinColumn.name]: link.owner, [inverseJoinColumn.name]: link.target, ...(joinTable.on ?? {}) };
    if (inverseOrderColumnName) {
      const order = (next.get(link.target) ?? 0) + 1;
      next.set(link.target, order);
      row[inverseOrderColumnName] = order;
    }
    return row;
  });
  for (let i = 0; i < rows.length; i += CHUNK) await sql(strapi, trx, name).insert(rows.slice(i, i + CHUNK));
}
