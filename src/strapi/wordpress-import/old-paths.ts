import { PATH_CLAIMS_TABLE } from '../claims/models';
import { colophonConfig } from '../colophon-config';
import { columnOf, sql, tableOf } from '../database/schema';
import { recordRedirects } from '../trails/redirects';
import type { ImportContext } from './context';
import { noteLoss } from './report';

/**
 * Sends a document's old WordPress URLs (core's planOldPaths: its permalink, `/?p=<id>` or
 * `/?cat=<id>`, its old slugs) to where it lives now, with Colophon's own redirect rules
 * (one hop; they follow the page when it moves again). Only a published page gets them: a
 * redirect to a draft would answer a 404 one hop later. An old path where a page of this site
 * lives, or that the site reserves, is left to that page, and one that already redirects to
 * another page keeps doing so, reported (this document's own rules follow it when it moves:
 * the hook retargets them). Runs in the item's transaction.
 */
export async function recordOldPaths(
  context: ImportContext,
  trx: unknown,
  thing: { uid: string; documentId: string; kind: string; wpId: number | null },
  oldPaths: string[]
): Promise<void> {
  const { uid, documentId, kind, wpId } = thing;
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
  // An old URL that already leads elsewhere keeps doing so: the first page to claim it (a
  // permalink is planned before old slugs) keeps it, and the other is told.
  const redirectUid = colophonConfig(strapi).trails.redirectUid;
  const taken = new Map<string, string>(
    (
      await sql(strapi, trx, tableOf(strapi, redirectUid))
        .select(`${columnOf(strapi, redirectUid, 'from')} as from`, `${columnOf(strapi, redirectUid, 'to')} as to`)
        .where(columnOf(strapi, redirectUid, 'locale'), locale)
        .whereIn(columnOf(strapi, redirectUid, 'from'), candidates)
    ).map((row: any) => [String(row.from), String(row.to)])
  );
  const changes = [];
  for (const from of candidates) {
    if (live.has(from)) continue;
    const leadsTo = taken.get(from);
    if (leadsTo !== undefined && leadsTo !== to) {
      noteLoss(context.report, kind, wpId, `old URL ${from} already redirects to ${leadsTo}; left as it was`);
      continue;
    }
    if (leadsTo !== to) changes.push({ from, to, locale });
  }
  await recordRedirects(strapi, trx, changes);
}
