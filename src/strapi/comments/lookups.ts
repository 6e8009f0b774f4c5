import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { ModerationLookups } from '../../core/moderation';
import { isPostgres } from '../derived/schema';
import type { CommentedArticle } from './article';
import { COMMENT_UID } from './model';

/**
 * What moderation needs to know about earlier comments, read from the database (never from
 * process memory) so that several app instances on one PostgreSQL apply the same history.
 */
export function createModerationLookups(strapi: Core.Strapi, article: CommentedArticle): ModerationLookups {
  const comments = () => strapi.db.query(COMMENT_UID);
  return {
    // WordPress's rule: trashed comments do not count, spam does (a spammer resending is still a duplicate).
    async isDuplicate(comment) {
      const count = await comments().count({
        where: {
          article: { documentId: article.documentId },
          authorEmail: comment.authorEmail,
          body: comment.body,
          commentStatus: { $ne: 'trash' },
        },
      });
      return count > 0;
    },
    // Two lookups rather than one with OR: each is a single step down its own index
    // (see the indexes in the comment schema), however many comments the site holds.
    async lastCommentAt(comment) {
      const latestWhere = async (where: Record<string, unknown>) => {
        const latest = await comments().findOne({ where, select: ['createdAt'], orderBy: { createdAt: 'desc' } });
        return latest?.createdAt ? new Date(latest.createdAt).getTime() : null;
      };
      const times = [await latestWhere({ authorEmail: comment.authorEmail })];
      if (comment.ipHash) times.push(await latestWhere({ ipHash: comment.ipHash }));
      const known = times.filter((time): time is number => time !== null);
      return known.length ? new Date(Math.max(...known)) : null;
    },
    async hasApprovedComment(email) {
      return (await comments().count({ where: { authorEmail: email, commentStatus: 'approved' } })) > 0;
    },
  };
}

/**
 * Serialises posts from one author (by email and by IP hash) until the transaction ends, so
 * two simultaneous posts cannot both pass the duplicate and flood checks, even from two app
 * instances. PostgreSQL takes transaction-scoped advisory locks, in a fixed order so two
 * posts never wait on each other crosswise; SQLite already runs one write transaction at a time.
 * Keys are hashed before they reach SQL: they are raw, unvalidated input (a null byte in an
 * email would make PostgreSQL fail the statement) and personal data besides.
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
