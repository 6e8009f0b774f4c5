import { PATH_CLAIMS_TABLE } from '../claims/models';
import { columnOf, sql, tableOf } from '../database/schema';
import { recordRedirects } from '../trails/redirects';
import type { ImportContext } from './context';

/**
 * Sends a document's old WordPress URLs (core's planOldPaths: its permalink, `/?p=<id>` or
 * `/?cat=<id>`, its old slugs) to where it lives now, with Colophon's own redirect rules
 * (one hop; they follow the page when it moves again). Only a published page gets them: a
 * redirect to a draft would answer a 404 one hop later. An old path where a page of this site
 * lives, or that the site reserves, is left to that page. Runs in the item's transaction.
 */
export async function recordOldPaths(context: ImportContext, trx: unknown, uid: string, documentId: string, oldPaths: string[]): Promise<void> {
  if (oldPaths.length === 0) return;
  const { strapi, locale } = context;
  const attributes = (strapi.contentType(uid as any).attributes ?? {}) as Record<string, unknown>;
  const rows: Array<{ path: string | null }> = await sql(strapi, trx, tableOf(strapi, uid))
    .select(`${columnOf(strapi, uid, 'path')} as path`)
    .where(columnOf(strapi, uid, 'documentId'), documentId)
    .where(columnOf(strapi, uid, 'locale'), locale)
    .modify((query: any) => {
      if ('publishedAt' in attributes) query.whereNotNull(columnOf(strapi, uid, 'publishedAt'));
    });
  const to = rows.find((row) => row.path)?.path;
  if (!to) return;
  const candidates = [...new Set(oldPaths)].filter((path) => path !== to);
  if (candidates.length === 0) return;
  const live = new Set(
    (await sql(strapi, trx, PATH_CLAIMS_TABLE).select('path').where('locale', locale).whereIn('path', candidates)).map((row: any) => String(row.path))
  );
  await recordRedirects(
    strapi,
    trx,
    candidates.filter((from) => !live.has(from)).map((from) => ({ from, to, locale }))
  );
}
