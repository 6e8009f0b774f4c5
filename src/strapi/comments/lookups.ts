import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Caller, CallerHistory, ModerationLookups, NormalizedComment } from '../../core/moderation';
import { columnOf, isPostgres, relationLinkOf, tableOf } from '../database/schema';
import type { CommentedArticle } from './article';
import { ARTICLE_UID, COMMENT_UID } from './model';
import { toDate } from '../database/values';

/**
 * What moderation needs to know about earlier comments, read from the database (never from
 * process memory) so that several app instances on one PostgreSQL apply the same history.
 */
export function createModerationLookups(strapi: Core.Strapi, article: CommentedArticle): ModerationLookups {
  return {
    callerHistory: (caller, comment) => readCallerHistory(strapi, article, caller, comment),
    async hasApprovedComment(email) {
      return (await strapi.db.query(COMMENT_UID).count({ where: { authorEmail: email, commentStatus: 'approved' } })) > 0;
    },
  };
}

/**
 * The caller's own comments (same IP hash, or same account) answer duplicate, flood and
 * known-author in ONE aggregate query, down the ip_hash index and the user link's index:
 * - duplicate: the same body on the same article, trashed ones aside (WordPress counts spam:
 *   a spammer resending is still a duplicate);
 * - lastCommentAt: the latest of them;
 * - knownAccount: an approved comment of the caller's own account (an IP alone proves nothing).
 */
async function readCallerHistory(
  strapi: Core.Strapi,
  article: CommentedArticle,
  caller: Caller,
  comment: NormalizedComment
): Promise<CallerHistory> {
  if (!caller.ipHash && caller.userId === null) return { duplicate: false, lastCommentAt: null, knownAccount: false };
  const table = tableOf(strapi, COMMENT_UID);
  const column = (attribute: string) => `${table}.${columnOf(strapi, COMMENT_UID, attribute)}`;
  const articleLink = relationLinkOf(strapi, COMMENT_UID, 'article');
  const userLink = relationLinkOf(strapi, COMMENT_UID, 'user');
  const articles = tableOf(strapi, ARTICLE_UID);
  const userId = caller.userId ?? -1;

  const row = await strapi.db
    .getConnection(table)
    .leftJoin(articleLink.table, `${articleLink.table}.${articleLink.ownerColumn}`, `${table}.id`)
    .leftJoin(articles, `${articles}.id`, `${articleLink.table}.${articleLink.targetColumn}`)
    .leftJoin(userLink.table, `${userLink.table}.${userLink.ownerColumn}`, `${table}.id`)
    .where((where) => {
      if (caller.ipHash) where.orWhere(column('ipHash'), caller.ipHash);
      if (caller.userId !== null) where.orWhere(`${userLink.table}.${userLink.targetColumn}`, userId);
    })
    .max({ last: column('createdAt') })
    .max({
      duplicate: strapi.db.connection.raw(`CASE WHEN ?? = ? AND ??.?? = ? AND ?? <> 'trash' THEN 1 ELSE 0 END`, [
        column('body'),
        comment.body,
        articles,
        columnOf(strapi, ARTICLE_UID, 'documentId'),
        article.documentId,
        column('commentStatus'),
      ]),
    })
    .max({
      known: strapi.db.connection.raw(`CASE WHEN ??.?? = ? AND ?? = 'approved' THEN 1 ELSE 0 END`, [
        userLink.table,
        userLink.targetColumn,
        userId,
        column('commentStatus'),
      ]),
    })
    .first();
  return {
    duplicate: Number(row?.duplicate ?? 0) > 0,
    lastCommentAt: toDate(row?.last),
    knownAccount: Number(row?.known ?? 0) > 0,
  };
}


/**
 * Serialises posts from one caller (by IP hash and by account, the identities the duplicate and
 * flood checks use) until the transaction ends, so two simultaneous posts cannot both pass
 * those checks, even from two app instances. PostgreSQL takes transaction-scoped advisory
 * locks, in a fixed order so two posts never wait on each other crosswise; SQLite already runs
 * one write transaction at a time. Keys are hashed before they reach SQL: they identify a
 * person, and hashing keeps them a fixed, safe shape.
 */
export async function lockAuthor(strapi: Core.Strapi, trx: unknown, keys: Array<string | null | undefined>): Promise<void> {
  if (!isPostgres(strapi)) return;
  const hashed = keys
    .filter((key): key is string => Boolean(key))
    .map((key) => createHash('sha256').update(`colophon:comment-author:${key}`).digest('hex'));
  for (const key of [...new Set(hashed)].sort()) {
    await strapi.db.connection.raw('select pg_advisory_xact_lock(hashtext(?))', [key]).transacting(trx as any);
  }
}
