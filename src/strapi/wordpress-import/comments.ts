import { hashIp, isValidEmail } from '../../core/moderation';
import { planCommentThreads } from '../../core/wordpress/planCommentThreads';
import { toPlainText } from '../../core/wordpress/toPlainText';
import type { WxrItem } from '../../core/wordpress/types';
import { colophonConfig } from '../colophon-config';
import { columnOf, sql, tableOf } from '../database/schema';
import type { ImportContext } from './context';
import { insertComments, type CommentToInsert } from '../comments/insert-comments';
import { fingerprintOf, type ImportedThing } from './id-map';
import { noteLoss, tally } from './report';

/** The longest comment body Colophon stores (the schema's maxLength). */
const MAX_BODY = 5000;

/**
 * Imports a post's comments onto its article, in its transaction: threads kept (core's
 * planCommentThreads: parents first, replies deeper than the site's limit under their deepest
 * allowed ancestor), WordPress's statuses, authors, dates and bodies as plain text. New
 * comments are written together (the comments module's insertComments: what an editor's
 * create would store, the article's approved comments recounted and the change logged once),
 * since one document-service create per comment made comments most of an import's time; a
 * comment changed in WordPress since an earlier run is updated through the document service.
 * The email stays a private field; an IP address is stored only as the site's keyed hash.
 * Pingbacks and trackbacks are skipped, counted; so is a comment without a valid email, and
 * its replies move up to its place. With --dry-run (`trx` null) it only counts what it would
 * create or update.
 */
export async function importComments(context: ImportContext, trx: unknown, item: WxrItem, articleDocumentId: string): Promise<void> {
  if (item.comments.length === 0) return;
  const { strapi, ids, types } = context;
  const { rules, ipHashSecret } = colophonConfig(strapi).comments;
  const plan = planCommentThreads(item.comments, { maxDepth: rules.maxThreadDepth });
  for (const skipped of plan.skipped) tally(context.report, 'comment', 'skipped', { wpId: skipped.commentId, reason: skipped.reason });

  const known = await ids.findMany(trx, 'comment', plan.comments.map((comment) => comment.commentId));
  const stored = await storedDocumentIds(context, trx, [...known.values()].map((thing) => thing.documentId));
  // Where each comment ends up: its documentId once stored (or about to be), and its depth.
  const placed = new Map<number, { documentId: string | null; depth: number }>();
  const fresh: CommentToInsert[] = [];
  const remembered: Array<{ wpId: number; thing: ImportedThing }> = [];
  for (const comment of plan.comments) {
    if (!comment.authorEmail || comment.authorEmail.trim().length > 100 || !isValidEmail(comment.authorEmail.trim().toLowerCase())) {
      // Colophon asks every commenter for an address; inventing one would put words in their mouth.
      const reason = comment.authorEmail ? `email address "${comment.authorEmail}" is not one` : 'no email address, which Colophon requires of every comment';
      tally(context.report, 'comment', 'skipped', { wpId: comment.commentId, reason });
      continue;
    }
    if (comment.body.length > MAX_BODY) noteLoss(context.report, 'comment', comment.commentId, `body cut to ${MAX_BODY} characters`);
    const parent = comment.parentId === null ? undefined : placed.get(comment.parentId);
    const depth = parent ? parent.depth + 1 : 1;
    const data = {
      // WordPress stores author names escaped ("Tom &amp; Jerry").
      authorName: toPlainText(comment.authorName, { whitespace: 'inline' }).slice(0, 245) || 'Anonymous',
      authorEmail: comment.authorEmail.trim().toLowerCase(),
      body: comment.body.slice(0, MAX_BODY),
      commentStatus: comment.commentStatus,
      ipHash: comment.authorIp ? hashIp(comment.authorIp, ipHashSecret) : null,
    };
    const fingerprint = fingerprintOf({ ...data, parentId: parent ? comment.parentId : null, articleDocumentId, createdAt: comment.createdAt });
    const earlier = known.get(comment.commentId);
    const exists = Boolean(earlier && stored.has(earlier.documentId));
    if (exists && earlier!.fingerprint === fingerprint) {
      placed.set(comment.commentId, { documentId: earlier!.documentId, depth });
      tally(context.report, 'comment', 'unchanged');
      continue;
    }
    tally(context.report, 'comment', exists ? 'updated' : 'created');
    if (context.dryRun) {
      placed.set(comment.commentId, { documentId: exists ? earlier!.documentId : null, depth });
      continue;
    }
    if (exists) {
      await strapi.documents(types.comment as any).update({ documentId: earlier!.documentId, data } as any);
      // The comment's own date, not the import's: threads and the moderation queue sort by it.
      await sql(strapi, trx, tableOf(strapi, types.comment))
        .where(columnOf(strapi, types.comment, 'documentId'), earlier!.documentId)
        .update({ [columnOf(strapi, types.comment, 'createdAt')]: new Date(comment.createdAt) });
      placed.set(comment.commentId, { documentId: earlier!.documentId, depth });
      remembered.push({ wpId: comment.commentId, thing: { documentId: earlier!.documentId, locale: null, fingerprint } });
      continue;
    }
    placed.set(comment.commentId, { documentId: null, depth });
    fresh.push({
      key: comment.commentId,
      parent: !parent ? null : parent.documentId ? { documentId: parent.documentId } : { key: comment.parentId! },
      depth,
      ...data,
      createdAt: new Date(comment.createdAt),
      moderationReason: `${comment.commentStatus} in WordPress (imported)`,
    });
    remembered.push({ wpId: comment.commentId, thing: { documentId: '', locale: null, fingerprint } });
  }
  if (context.dryRun) return;
  const made = await insertComments(strapi, trx, articleDocumentId, fresh);
  for (const entry of remembered) if (!entry.thing.documentId) entry.thing.documentId = made.get(entry.wpId)!;
  await ids.rememberMany(trx, 'comment', remembered);
}

/** Which of these comment documentIds still exist (an editor may have deleted some since). */
async function storedDocumentIds(context: ImportContext, trx: unknown, documentIds: string[]): Promise<Set<string>> {
  const { strapi, types } = context;
  const found = new Set<string>();
  const column = columnOf(strapi, types.comment, 'documentId');
  for (let i = 0; i < documentIds.length; i += 500) {
    const rows = await sql(strapi, trx, tableOf(strapi, types.comment)).select(`${column} as documentId`).whereIn(column, documentIds.slice(i, i + 500));
    for (const row of rows) found.add(String(row.documentId));
  }
  return found;
}
