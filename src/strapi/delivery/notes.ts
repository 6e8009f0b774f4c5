import type { Core } from '@strapi/strapi';
import { commentsTag, REDIRECTS_TAG, SITE_TAG } from '../../core/delivery';
import { columnOf, sql, tableOf } from '../database/schema';
import { colophonConfig } from '../colophon-config';
import { noteChange, type ChangedPath } from './change-log';
import { tagVocabulary } from './tags';

const COMMENT_UID = 'api::comment.comment';

/** Public paths per locale ('' for a type without locales) before and after a write. */
export type PublishedPaths = ReadonlyMap<string, string>;

/**
 * How the published paths of one document moved between before and after a write, per locale:
 * `updated` where it stayed, `moved-from` / `moved-to` where it moved, `created` where it
 * appeared, `gone` where it went away.
 */
export function comparePaths(before: PublishedPaths, after: PublishedPaths): ChangedPath[] {
  const paths: ChangedPath[] = [];
  for (const locale of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(locale);
    const now = after.get(locale);
    if (old && now && old === now) paths.push({ locale, path: now, change: 'updated' });
    else {
      if (old) paths.push({ locale, path: old, change: now ? 'moved-from' : 'gone' });
      if (now) paths.push({ locale, path: now, change: old ? 'moved-to' : 'created' });
    }
  }
  return paths;
}

/**
 * A trail target's write, as the public sees it. A type with draft & publish changes nothing
 * public on a save of the draft alone (nor on a discard, which puts the published version back
 * into the draft, nor on a clone, which makes drafts): only a publish, an unpublish, a delete,
 * or a save with `status: 'published'` does. A type without it changes the public on any write.
 */
export function noteTargetWrite(
  strapi: Core.Strapi,
  write: { uid: string; documentId: string; action: string; status?: string; before: PublishedPaths; after: PublishedPaths }
): void {
  const hasDrafts = (strapi.contentType(write.uid as any) as any)?.options?.draftAndPublish === true;
  const publishes = ['publish', 'unpublish', 'delete'].includes(write.action) || write.status === 'published';
  if (hasDrafts && !publishes) return;
  const paths = comparePaths(write.before, write.after);
  if (hasDrafts && paths.length === 0) return;
  const tags = tagVocabulary(strapi);
  const locales = new Set(paths.map((path) => path.locale));
  noteChange({
    documents: (locales.size > 0 ? [...locales] : ['']).map((locale) => ({ uid: write.uid, documentId: write.documentId, locale: locale || null })),
    // Readers see the comments of published articles only: a page that appears or goes away
    // shows or hides its comments, in every list of comments too.
    tags: [
      tags.documentTag(write.uid, write.documentId),
      tags.listTag(write.uid),
      ...(paths.some((path) => path.change === 'created' || path.change === 'gone') ? [commentsTag(write.documentId), tags.listTag(COMMENT_UID)] : []),
    ],
    paths,
  });
}

/**
 * A category's write: its own page, and every page below it (their trails show its name and
 * path), by scope rather than one by one. A category that moved leaves its old subtree behind
 * as `from`: those paths redirect now.
 */
export function noteCategoryWrite(
  strapi: Core.Strapi,
  write: { uid: string; documentId: string; before: PublishedPaths; after: PublishedPaths }
): void {
  const tags = tagVocabulary(strapi);
  const { targets } = colophonConfig(strapi).trails;
  const scopes = [...write.after].map(([locale, path]) => {
    const old = write.before.get(locale);
    return { kind: 'subtree' as const, locale, path, ...(old && old !== path ? { from: old } : {}) };
  });
  for (const [locale, path] of write.before) {
    if (!write.after.has(locale)) scopes.push({ kind: 'subtree' as const, locale, path });
  }
  noteChange({
    documents: [...new Set([...write.before.keys(), ...write.after.keys()])].map((locale) => ({
      uid: write.uid,
      documentId: write.documentId,
      locale: locale || null,
    })),
    tags: [tags.documentTag(write.uid, write.documentId), tags.listTag(write.uid), ...targets.map((target) => tags.listTag(target.uid))],
    paths: comparePaths(write.before, write.after),
    scopes,
  });
}

/** The Site: every trail starts from it, so every answer changed. */
export function noteSiteWrite(strapi: Core.Strapi, uid: string, documentId: string | undefined): void {
  noteChange({
    documents: documentId ? [{ uid, documentId, locale: null }] : [],
    tags: [SITE_TAG, ...tagVocabulary(strapi).allLists()],
    scopes: [{ kind: 'everything' }],
  });
}

/**
 * A Source: its page, every answer that shows it (article answers carry the tags of the Sources
 * they credit: their footers, `seo` and JSON-LD name them), and lists of articles (a filter on
 * a credit's Source may match other articles now).
 */
export async function noteSourceWrite(strapi: Core.Strapi, _trx: unknown, uid: string, documentId: string): Promise<void> {
  const tags = tagVocabulary(strapi);
  noteChange({
    documents: [{ uid, documentId, locale: null }],
    tags: [tags.documentTag(uid, documentId), tags.listTag(uid), ...colophonConfig(strapi).trails.targets.map((target) => tags.listTag(target.uid))],
    scopes: [{ kind: 'credits', sourceDocumentId: documentId }],
  });
}

/**
 * Redirect rules written or retired: what /api/resolve and the Redirect API answer for those
 * paths changed. Called with what actually changed in the table, never for nothing.
 */
export function noteRedirects(paths: Array<{ locale: string | null; path: string }>): void {
  noteChange({
    tags: [REDIRECTS_TAG],
    paths: paths.map((entry) => ({ locale: entry.locale ?? '', path: entry.path, change: 'updated' as const })),
  });
}

/**
 * A reader-visible comment changed (approved, edited or deleted while approved, or no longer
 * approved): the article's approved comments and its commentCount changed, on every page that
 * shows the article.
 */
export async function noteCommentChange(
  strapi: Core.Strapi,
  trx: unknown,
  change: { commentUid: string; commentDocumentId: string | null; articleUid: string; articleDocumentId: string }
): Promise<void> {
  const tags = tagVocabulary(strapi);
  const table = tableOf(strapi, change.articleUid);
  const rows: Array<{ locale: string | null; path: string | null }> = await sql(strapi, trx, table)
    .select(`${columnOf(strapi, change.articleUid, 'locale')} as locale`, `${columnOf(strapi, change.articleUid, 'path')} as path`)
    .where(columnOf(strapi, change.articleUid, 'documentId'), change.articleDocumentId)
    .whereNotNull(columnOf(strapi, change.articleUid, 'publishedAt'));
  noteChange({
    documents: [
      ...(change.commentDocumentId ? [{ uid: change.commentUid, documentId: change.commentDocumentId, locale: null }] : []),
      { uid: change.articleUid, documentId: change.articleDocumentId, locale: null },
    ],
    tags: [
      ...(change.commentDocumentId ? [tags.documentTag(change.commentUid, change.commentDocumentId)] : []),
      commentsTag(change.articleDocumentId),
      tags.listTag(change.commentUid),
      tags.documentTag(change.articleUid, change.articleDocumentId),
      tags.listTag(change.articleUid),
    ],
    paths: rows.filter((row) => row.path).map((row) => ({ locale: row.locale ?? '', path: row.path!, change: 'updated' as const })),
  });
}
