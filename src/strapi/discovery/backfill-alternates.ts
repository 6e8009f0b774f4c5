import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';
import { cascadeEverything } from '../hook/cascade';
import { sql, tableOf } from '../database/schema';

const BACKFILLED_FLAG = { type: 'core', name: 'colophon', key: 'hreflang-alternates' } as const;

/**
 * Gives a database written before `seo.alternates` existed its alternates (and its categories
 * their `seo`), once: every page is re-derived in one transaction, as a Site edit would do,
 * then a flag in Strapi's store says it is done. A database with no page yet only gets the
 * flag: every write from then on derives them. Returns the pages re-derived.
 */
export async function backfillAlternates(strapi: Core.Strapi): Promise<number> {
  if (await strapi.store.get(BACKFILLED_FLAG)) return 0;
  const { categoryUid, targets } = colophonConfig(strapi).trails;
  let rows = 0;
  await strapi.db.transaction(async ({ trx }) => {
    let pages = 0;
    for (const uid of [categoryUid, ...targets.map((target) => target.uid)]) {
      pages += Number((await sql(strapi, trx, tableOf(strapi, uid)).count({ count: '*' }).first())?.count ?? 0);
    }
    if (pages > 0) rows = (await cascadeEverything(strapi, trx)).rows;
  });
  await strapi.store.set({ ...BACKFILLED_FLAG, value: { at: new Date().toISOString(), rows } });
  if (rows > 0) strapi.log.info(`[colophon] Derived the hreflang alternates of ${rows} pages written before they existed.`);
  return rows;
}
