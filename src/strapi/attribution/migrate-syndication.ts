import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';
import { columnOf, sql, tableOf } from '../database/schema';
import { loadDerivationInputs } from '../hook/cascade';
import { rederiveTargets } from '../hook/rederive-targets';

const MIGRATED_FLAG = { type: 'core', name: 'colophon', key: 'syndication-by-relationship' } as const;

/**
 * Moves stored syndication values to the policy by relationship, once per database.
 *
 * The old article values were `canonical` (the default, a cross-domain canonical to the
 * original), `noindex` and `none` (treat as our own). The old default is what current search
 * guidance advises against, and an editor never chose it, so it becomes `default` (follow the
 * relationship and the source's agreement); `none` becomes `index`; `noindex` stays. The value
 * `canonical` exists again with a narrower meaning, which is why this runs once, flagged in
 * Strapi's store, rather than on every boot. Sources without an agreement get `noindex`. Every
 * article is then re-derived, since every `seo` gains `googlebotNews`.
 */
export async function migrateSyndication(strapi: Core.Strapi): Promise<boolean> {
  if (await strapi.store.get(MIGRATED_FLAG)) return false;
  const { syndicationField, sourceUid, creditsField } = colophonConfig(strapi).attribution;
  let migrated = 0;
  await strapi.db.transaction(async ({ trx }) => {
    const targets = colophonConfig(strapi).trails.targets.filter(
      (target) => syndicationField in (strapi.contentType(target.uid as any).attributes as object)
    );
    for (const target of targets) {
      const table = tableOf(strapi, target.uid);
      const column = columnOf(strapi, target.uid, syndicationField);
      migrated += await sql(strapi, trx, table).where(column, 'canonical').orWhereNull(column).update({ [column]: 'default' });
      migrated += await sql(strapi, trx, table).where(column, 'none').update({ [column]: 'index' });
    }
    if (strapi.contentTypes[sourceUid as keyof typeof strapi.contentTypes]) {
      const column = columnOf(strapi, sourceUid, 'syndication');
      migrated += await sql(strapi, trx, tableOf(strapi, sourceUid)).whereNull(column).update({ [column]: 'noindex' });
    }
    if (migrated > 0) {
      const inputs = await loadDerivationInputs(strapi, trx);
      for (const target of colophonConfig(strapi).trails.targets) {
        if (creditsField in (strapi.contentType(target.uid as any).attributes as object)) {
          await rederiveTargets(strapi, trx, target, 'all', inputs);
        }
      }
    }
  });
  await strapi.store.set({ ...MIGRATED_FLAG, value: { at: new Date().toISOString(), rows: migrated } });
  if (migrated > 0) strapi.log.info(`[colophon] Moved ${migrated} syndication values to the policy by relationship.`);
  return migrated > 0;
}
