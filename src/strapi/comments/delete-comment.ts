import type { Core } from '@strapi/strapi';
import { columnOf, relationLinkOf, sql, tableOf } from '../database/schema';
import type { StoredComment } from './edit-comment';
import { COMMENT_UID } from './model';

/**
 * Before a comment is deleted, its replies move up to its own parent, as WordPress does: a
 * deleted message must not take the conversation under it along, nor leave replies pointing
 * at nothing. The whole subtree rises one level. Set-based: one statement per thread level.
 */
export async function liftReplies(strapi: Core.Strapi, trx: unknown, comment: StoredComment): Promise<void> {
  const link = relationLinkOf(strapi, COMMENT_UID, 'parent');
  const children: number[] = (
    await sql(strapi, trx, link.table).select(`${link.ownerColumn} as id`).where(link.targetColumn, comment.id)
  ).map((row: { id: number }) => Number(row.id));
  if (children.length === 0) return;

  const table = tableOf(strapi, COMMENT_UID);
  const parentDocumentId = columnOf(strapi, COMMENT_UID, 'parentDocumentId');
  const depth = columnOf(strapi, COMMENT_UID, 'depth');

  const replyLinks = sql(strapi, trx, link.table).where(link.targetColumn, comment.id);
  if (comment.parent) await replyLinks.update({ [link.targetColumn]: comment.parent.id });
  else await replyLinks.delete();
  await sql(strapi, trx, table)
    .whereIn('id', children)
    .update({ [parentDocumentId]: comment.parent?.documentId ?? null });

  // `seen` only matters if rows were edited by hand into a cycle: better a wrong depth than a hung request.
  const seen = new Set<number>();
  let level = children;
  while (level.length > 0) {
    level.forEach((id) => seen.add(id));
    await sql(strapi, trx, table).whereIn('id', level).decrement(depth, 1);
    const below = await sql(strapi, trx, link.table).select(`${link.ownerColumn} as id`).whereIn(link.targetColumn, level);
    level = below.map((row: { id: number }) => Number(row.id)).filter((id: number) => !seen.has(id));
  }
}
