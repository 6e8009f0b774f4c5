import type { Core } from '@strapi/strapi';
import { checkRedirects } from '../../core/consistency';
import type { RedirectRule } from '../../core/trail';
import { colophonConfig } from '../colophon-config';
import { updateRowsById } from '../database/bulk-update';
import { columnOf, sql, tableOf } from '../database/schema';
import { loadSiteSettings } from '../trails/site-settings';
import type { CheckContext } from './context';
import { inTransaction } from './transactions';
import { LivePaths } from './live-paths';

interface StoredRedirect extends RedirectRule {
  id: number;
  documentId: string;
  locale: string | null;
}

/** Rows per statement when reading or repairing: IN lists have a bound on every database. */
const CHUNK = 500;

/**
 * Checks every redirect against the pages that are live: the site root and blog index, every
 * category, and every published row of each trail target. A check takes the paths the trail
 * checks gathered; a repair reads them from the rows it has just repaired, in the transaction
 * that deletes and re-points, so a page published meanwhile cannot lose its redirects.
 */
export async function checkRedirectTable({ strapi, fix, log, livePaths: gathered }: CheckContext): Promise<void> {
  const uid = colophonConfig(strapi).trails.redirectUid;
  await inTransaction(strapi, fix, async (trx) => {
    const livePaths = gathered ?? (await loadLivePaths(strapi, trx));
    const redirects = await loadRedirects(strapi, trx);
    // Each locale's rules against that locale's pages, reported in table order.
    const order = new Map(redirects.map((redirect, index) => [redirect.id, index]));
    const byLocale = new Map<string | null, StoredRedirect[]>();
    for (const redirect of redirects) {
      const group = byLocale.get(redirect.locale);
      if (group) group.push(redirect);
      else byLocale.set(redirect.locale, [redirect]);
    }
    const findings = [...byLocale]
      .flatMap(([locale, group]) => checkRedirects(group, livePaths.in(locale)))
      .sort((a, b) => order.get(a.redirect.id)! - order.get(b.redirect.id)!);

    const deletes: number[] = [];
    const repoints: Array<{ id: number; values: { to: string } }> = [];
    for (const finding of findings) {
      const { repair } = finding;
      if (repair.action === 'delete') deletes.push(finding.redirect.id);
      else repoints.push({ id: finding.redirect.id, values: { to: repair.to } });
      const outcome =
        repair.action === 'delete'
          ? fix ? 'deleted' : 'a repair deletes it'
          : fix ? `pointed at ${repair.to}` : `a repair points it at ${repair.to}`;
      log.add({
        kind: finding.kind,
        uid,
        id: finding.redirect.id,
        documentId: finding.redirect.documentId,
        message: `${uid} #${finding.redirect.id}: ${finding.message}; ${outcome}`,
      });
    }
    if (!fix) return;
    for (let start = 0; start < deletes.length; start += CHUNK) {
      await sql(strapi, trx, tableOf(strapi, uid)).whereIn('id', deletes.slice(start, start + CHUNK)).delete();
    }
    for (let start = 0; start < repoints.length; start += CHUNK) {
      await updateRowsById(strapi, trx, uid, repoints.slice(start, start + CHUNK));
    }
  });
}

/** Every path a reader can open now. A Set of strings: a few MB at a hundred thousand articles. */
async function loadLivePaths(strapi: Core.Strapi, trx: unknown): Promise<LivePaths> {
  const { categoryUid, targets } = colophonConfig(strapi).trails;
  const live = new LivePaths(await loadSiteSettings(strapi));
  const addPaths = (rows: Array<{ id: number; path: unknown; locale: string | null }>) => {
    for (const row of rows) if (typeof row.path === 'string' && row.path !== '') live.add(row.locale, row.path);
  };

  await eachBatch(
    (cursor) =>
      sql(strapi, trx, tableOf(strapi, categoryUid))
        .select('id', `${columnOf(strapi, categoryUid, 'path')} as path`, `${columnOf(strapi, categoryUid, 'locale')} as locale`)
        .where('id', '>', cursor)
        .orderBy('id', 'asc')
        .limit(CHUNK),
    addPaths
  );
  for (const target of targets) {
    if (!('path' in (strapi.contentType(target.uid as any).attributes as object))) continue;
    await eachBatch(
      (cursor) =>
        sql(strapi, trx, tableOf(strapi, target.uid))
          .select('id', `${columnOf(strapi, target.uid, 'path')} as path`, `${columnOf(strapi, target.uid, 'locale')} as locale`)
          .whereNotNull(columnOf(strapi, target.uid, 'publishedAt'))
          .where('id', '>', cursor)
          .orderBy('id', 'asc')
          .limit(CHUNK),
      addPaths
    );
  }
  return live;
}

async function loadRedirects(strapi: Core.Strapi, trx: unknown): Promise<StoredRedirect[]> {
  const uid = colophonConfig(strapi).trails.redirectUid;
  // `match` (exact | prefix) is being added to Redirect; until a schema has it, every rule is exact.
  const hasMatch = 'match' in strapi.db.metadata.get(uid as any).attributes;
  const redirects: StoredRedirect[] = [];
  await eachBatch(
    (cursor) =>
      sql(strapi, trx, tableOf(strapi, uid))
        .select(
          'id',
          `${columnOf(strapi, uid, 'documentId')} as documentId`,
          `${columnOf(strapi, uid, 'from')} as from`,
          `${columnOf(strapi, uid, 'to')} as to`,
          `${columnOf(strapi, uid, 'locale')} as locale`,
          ...(hasMatch ? [`${columnOf(strapi, uid, 'match')} as match`] : [])
        )
        .where('id', '>', cursor)
        .orderBy('id', 'asc')
        .limit(CHUNK),
    (rows: Array<{ id: number; documentId: string; from: string; to: string; locale: string | null; match?: string | null }>) => {
      for (const row of rows) {
        redirects.push({
          id: Number(row.id),
          documentId: row.documentId,
          from: row.from ?? '',
          to: row.to ?? '',
          locale: row.locale ?? null,
          match: row.match === 'prefix' ? 'prefix' : 'exact',
        });
      }
    }
  );
  return redirects;
}

/** Reads a table CHUNK rows at a time by id, each query as cheap as the first however long the table. */
async function eachBatch<T extends { id: number | string }>(
  query: (cursor: number) => PromiseLike<T[]>,
  visit: (rows: T[]) => void
): Promise<void> {
  for (let cursor = 0; ; ) {
    const rows = await query(cursor);
    if (rows.length === 0) return;
    visit(rows);
    if (rows.length < CHUNK) return;
    cursor = Number(rows[rows.length - 1].id);
  }
}
