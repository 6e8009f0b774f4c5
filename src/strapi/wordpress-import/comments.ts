import { hashIp, isValidEmail } from '../../core/moderation';
import { planCommentThreads } from '../../core/wordpress/planCommentThreads';
import { toPlainText } from '../../core/wordpress/toPlainText';
import type { WxrItem } from '../../core/wordpress/types';
import { colophonConfig } from '../colophon-config';
import { columnOf, sql, tableOf } from '../database/schema';
import type { ImportContext } from './context';
import { fingerprintOf } from './id-map';
import { noteLoss, tally } from './report';

/** The longest comment body Colophon stores (the schema's maxLength). */
const MAX_BODY = 5000;

/**
 * Imports a post's comments onto its article, in its transaction: threads kept (core's
 * planCommentThreads: parents first, replies deeper than the site's limit under their deepest
 * allowed ancestor), WordPress's statuses, authors, dates and bodies as plain text. Written
 * through the document service as an editor's would be, so that the comments module derives
 * what it derives (the rendered body, the depth, the thread link), recounts the article's
 * approved comments and logs the change. The email stays a private field; an IP address is
 * stored only as the site's keyed hash. Pingbacks and trackbacks are skipped, counted. With
 * --dry-run (`trx` null) it only counts what it would create or update.
 */
export async function importComments(context: ImportContext, trx: unknown, item: WxrItem, articleDocumentId: string): Promise<void> {
  if (item.comments.length === 0) return;
  const { strapi, ids, types } = context;
  const { rules, ipHashSecret } = colophonConfig(strapi).comments;
  const plan = planCommentThreads(item.comments, { maxDepth: rules.maxThreadDepth });
  for (const skipped of plan.skipped) tally(context.report, 'comment', 'skipped', { wpId: skipped.commentId, reason: skipped.reason });

  const documents = strapi.documents(types.comment as any);
  const made = new Map<number, string>();
  for (const comment of plan.comments) {
    const parentDocumentId = comment.parentId === null ? null : (made.get(comment.parentId) ?? null);
    if (!comment.authorEmail || comment.authorEmail.trim().length > 100 || !isValidEmail(comment.authorEmail.trim().toLowerCase())) {
      // Colophon asks every commenter for an address; inventing one would put words in their mouth.
      const reason = comment.authorEmail ? `email address "${comment.authorEmail}" is not one` : 'no email address, which Colophon requires of every comment';
      tally(context.report, 'comment', 'skipped', { wpId: comment.commentId, reason });
      continue;
    }
    if (comment.body.length > MAX_BODY) noteLoss(context.report, 'comment', comment.commentId, `body cut to ${MAX_BODY} characters`);
    const data = {
      // WordPress stores author names escaped ("Tom &amp; Jerry").
      authorName: toPlainText(comment.authorName, { whitespace: 'inline' }).slice(0, 245) || 'Anonymous',
      authorEmail: comment.authorEmail.trim().toLowerCase(),
      body: comment.body.slice(0, MAX_BODY),
      commentStatus: comment.commentStatus,
      ipHash: comment.authorIp ? hashIp(comment.authorIp, ipHashSecret) : null,
    };
    const fingerprint = fingerprintOf({ ...data, parentDocumentId, articleDocumentId, createdAt: comment.createdAt });
    const known = await ids.find(trx, 'comment', comment.commentId);
    const stored = known ? await strapi.db.query(types.comment as any).findOne({ where: { documentId: known.documentId }, select: ['id'] }) : null;
    if (stored && known!.fingerprint === fingerprint) {
      made.set(comment.commentId, known!.documentId);
      tally(context.report, 'comment', 'unchanged');
      continue;
    }
    if (context.dryRun) {
      made.set(comment.commentId, stored ? known!.documentId : `(new comment ${comment.commentId})`);
      tally(context.report, 'comment', stored ? 'updated' : 'created');
      continue;
    }
    let documentId: string;
    if (stored) {
      await documents.update({ documentId: known!.documentId, data } as any);
      documentId = known!.documentId;
    } else {
      const created: any = await documents.create({ data: { ...data, article: articleDocumentId, ...(parentDocumentId ? { parent: parentDocumentId } : {}) } } as any);
      documentId = created.documentId;
    }
    // The comment's own date, not the import's: threads and the moderation queue sort by it.
    await sql(strapi, trx, tableOf(strapi, types.comment))
      .where(columnOf(strapi, types.comment, 'documentId'), documentId)
      .update({ [columnOf(strapi, types.comment, 'createdAt')]: new Date(comment.createdAt) });
    await ids.remember(trx, 'comment', comment.commentId, { documentId, locale: null, fingerprint });
    made.set(comment.commentId, documentId);
    tally(context.report, 'comment', stored ? 'updated' : 'created');
  }
}
