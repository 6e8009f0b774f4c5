import type { Core } from '@strapi/strapi';
import { planReservedPaths } from '../../core/trail';
import { colophonConfig } from '../colophon-config';
import { relationLinkOf, sql, tableOf, columnOf } from '../database/schema';
import { lockTrailInputs } from '../database/locks';
import { fail } from '../hook/write-context';
import { describeClaim } from '../trails/path-claims';
import { loadSiteSettings } from '../trails/site-settings';
import { findUnclaimed, ledgerOf, rebuildClaims, syncDocumentClaims, syncReservedPaths, type ClaimConflict, type RebuildScope } from './ledger';
import { siteLocales } from './site-edits';

export { registerClaimModels, LEDGER_FILLED, PATH_CLAIMS_TABLE, SLUG_CLAIMS_TABLE } from './models';
import { LEDGER_FILLED, PATH_CLAIMS_TABLE } from './models';
export { claimPath, claimSlug, findStaleSlugClaims, findUnclaimed, ledgerOf, moveSubtreeClaims, ownerTypeOf, rebuildClaims, syncDocumentClaims, syncReservedPaths } from './ledger';
export type { ClaimConflict, Ledger, OwnerType, RebuildScope, SubtreeMove } from './ledger';
export { refuseSiteEditCollisions, siteLocales, PATH_SETTINGS } from './site-edits';
import { guardLocaleChanges } from './site-edits';

/** The ledger's part of bootstrap: reservations follow i18n's locales from now on. */
export function watchLocales(strapi: Core.Strapi): void {
  guardLocaleChanges(strapi, (trx) => claimReservedPaths(strapi, trx));
}

/** The 400 for a write whose rows would take a path (or slug) someone else holds, on `field`. */
export function refuseConflict(conflict: ClaimConflict, field: string): never {
  const where = conflict.locale ? ` in locale ${conflict.locale}` : '';
  if (conflict.slug !== undefined) {
    fail(`${field} "${conflict.slug}" is already used by ${describeClaim(conflict.holder)}${where}`, {
      field,
      rival: { uid: conflict.holder.uid, type: conflict.holder.type, documentId: conflict.holder.documentId },
    });
  }
  if (conflict.holder.reserved) fail(`This would put a page on ${conflict.path}, which is ${conflict.holder.reserved}`, { field });
  fail(`This would put a page on ${conflict.path}, already used by ${describeClaim(conflict.holder)}${where}`, {
    field,
    rival: { uid: conflict.holder.uid, type: conflict.holder.type, documentId: conflict.holder.documentId },
  });
}

/**
 * After a write to one document (any action, any door): its claims follow its rows, or the
 * write is refused with a 400 on `field` naming who holds the path. The safety net under
 * settleSlug: a door that stored a path without settling it first (publish of a draft copied
 * before paths were claimed, a restore) cannot put a second page on it either.
 */
export async function claimDocumentPaths(strapi: Core.Strapi, trx: unknown, uid: string, documentId: string, field: string): Promise<void> {
  const conflict = await syncDocumentClaims(ledgerOf(strapi), trx, uid, documentId);
  if (conflict) refuseConflict(conflict, field);
}

/**
 * After a cascade moved categories (renamed, re-slugged, moved, a delete's children lifted):
 * re-claims, set-based, the paths of those categories' documents and of every trail target
 * filed in them, and of `targetRowIds` (rows a delete left without a category). A conflict is
 * a 400 on `field`: the checks before the write should have refused it, so this is the
 * database keeping its promise against a race or a bug.
 */
export async function reclaimAfterCascade(
  strapi: Core.Strapi,
  trx: unknown,
  categoryIds: number[],
  targetRowIds: Map<string, number[]> = new Map(),
  field = 'slug'
): Promise<void> {
  const conflict = await reclaimMoved(strapi, trx, categoryIds, targetRowIds);
  if (conflict) refuseConflict(conflict, field);
}

/**
 * reclaimAfterCascade without the refusal, for the checker's repairs: a conflict left is
 * returned (and reported by the URL-space check that follows), not thrown.
 */
export async function reclaimMoved(
  strapi: Core.Strapi,
  trx: unknown,
  categoryIds: number[],
  targetRowIds: Map<string, number[]> = new Map()
): Promise<ClaimConflict | null> {
  const { categoryUid, targets } = colophonConfig(strapi).trails;
  const scopes: RebuildScope[] = [];
  for (let start = 0; start < Math.max(categoryIds.length, 1); start += 1000) {
    const chunk = categoryIds.slice(start, start + 1000);
    if (chunk.length === 0) break;
    scopes.push({
      uid: categoryUid,
      documents: (knex) => knex.select(columnOf(strapi, categoryUid, 'documentId')).from(tableOf(strapi, categoryUid)).whereIn('id', chunk),
    });
    for (const target of targets) {
      const link = relationLinkOf(strapi, target.uid, target.categoryField);
      const table = tableOf(strapi, target.uid);
      scopes.push({
        uid: target.uid,
        documents: (knex) =>
          knex
            .select(`${table}.${columnOf(strapi, target.uid, 'documentId')}`)
            .from(table)
            .join(link.table, `${link.table}.${link.ownerColumn}`, `${table}.id`)
            .whereIn(`${link.table}.${link.targetColumn}`, chunk),
      });
    }
  }
  for (const [uid, rowIds] of targetRowIds) {
    for (let start = 0; start < rowIds.length; start += 1000) {
      const chunk = rowIds.slice(start, start + 1000);
      scopes.push({ uid, documents: (knex) => knex.select(columnOf(strapi, uid, 'documentId')).from(tableOf(strapi, uid)).whereIn('id', chunk) });
    }
  }
  if (scopes.length === 0) return null;
  return rebuildClaims(ledgerOf(strapi), trx, scopes);
}

/**
 * Re-claims every path, and with `slugs` every slug, set-based (a Site edit that moves every
 * page, `npm run rederive`, the boot of a database written before the ledger). Returns the
 * first conflict rather than throwing: a Site edit refuses, a repair reports.
 */
export async function reclaimEverything(strapi: Core.Strapi, trx: unknown, options: { slugs?: boolean } = {}): Promise<ClaimConflict | null> {
  const ledger = ledgerOf(strapi);
  return rebuildClaims(ledger, trx, ledger.owners.map((owner) => ({ uid: owner.uid, documents: 'all' as const })), options);
}

/** Releases every path the Site reserves, before a Site edit claims everything again. */
export async function releaseReservedPaths(strapi: Core.Strapi, trx: unknown): Promise<void> {
  await syncReservedPaths(ledgerOf(strapi), trx, []);
}

/** Makes the ledger's reserved paths those of the Site and locales as they are now (planReservedPaths). */
export async function claimReservedPaths(strapi: Core.Strapi, trx: unknown): Promise<ClaimConflict | null> {
  const site = await loadSiteSettings(strapi);
  return syncReservedPaths(ledgerOf(strapi), trx, planReservedPaths(site, await siteLocales(strapi)));
}

/**
 * Fills the ledger at boot whenever it is not marked filled (LEDGER_FILLED): a database
 * written before it existed, or restored with `strapi import` / `transfer` (which empty it),
 * holds paths no one has claimed. Every path and slug is claimed for the document that holds
 * it, the first to come where two share one; those left over are logged, and
 * `npm run rederive -- --check` names them (duplicate-path) for `--fix` to move.
 */
export async function backfillClaims(strapi: Core.Strapi): Promise<void> {
  if (!colophonConfig(strapi).hook.enabled) return;
  if (await strapi.db.connection(PATH_CLAIMS_TABLE).where(LEDGER_FILLED).first()) {
    // Locales may have been added or removed while the app was down: reservations follow.
    const reserved = await strapi.db.transaction(({ trx }) => claimReservedPaths(strapi, trx));
    if (reserved) strapi.log.warn(`[colophon] ${describeClaim(reserved.holder)} sits on ${reserved.path} (${reserved.locale}), which the Site reserves; run \`npm run rederive -- --check\`.`);
    return;
  }
  const ledger = ledgerOf(strapi);
  const left: string[] = [];
  await strapi.db.transaction(async ({ trx }) => {
    await lockTrailInputs(strapi, trx, 'exclusive');
    await reclaimEverything(strapi, trx, { slugs: true });
    const reserved = await claimReservedPaths(strapi, trx);
    if (reserved) left.push(`${describeClaim(reserved.holder)} sits on ${reserved.path} (${reserved.locale}), which the Site reserves`);
    for (const owner of ledger.owners) {
      for (const row of await findUnclaimed(ledger, trx, owner, { uid: owner.uid, documents: 'all' }, 'path', 20)) {
        left.push(`${owner.type} ${row.documentId} at ${row.value} (${row.locale})`);
      }
    }
    await sql(strapi, trx, PATH_CLAIMS_TABLE).insert({ ...LEDGER_FILLED, reason: `filled ${new Date().toISOString()}` }).onConflict(['locale', 'path']).ignore();
  });
  if (left.length > 0) {
    strapi.log.warn(
      `[colophon] Some pages share a public path with another page and could not claim it: ${left.join('; ')}. ` +
        'Run `npm run rederive -- --check` to list them and `-- --fix` to give each a path of its own.'
    );
  }
}
