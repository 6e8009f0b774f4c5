import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';
import { loadCategoryTree, type CategoryTree } from '../trails/category-tree';
import type { DerivationInputs } from './derive-target';
import { rederiveCategories } from '../trails/rederive-categories';
import { rederiveTargets, type SkippedRow } from './rederive-targets';
import { loadSiteSettings } from '../trails/site-settings';
import { loadPublisher } from '../attribution/publisher';
import { ledgerOf, moveSubtreeClaims, reclaimAfterCascade, refuseConflict } from '../claims';
import { toPrefixRule } from '../../core/trail';

/** The Site, the category tree (`tree` when the caller read it already, in this transaction) and the publisher. */
export async function loadDerivationInputs(strapi: Core.Strapi, trx: unknown, tree?: CategoryTree): Promise<DerivationInputs> {
  // One after the other: both run on the transaction's single connection, which the pg
  // driver will not share between concurrent queries.
  const site = await loadSiteSettings(strapi);
  tree ??= await loadCategoryTree(strapi, trx);
  const publisher = await loadPublisher(strapi);
  return { site, tree, publisher };
}

export interface CascadeReport {
  categories: number;
  rows: number;
}

/**
 * Damaged rows are reported, not fatal: a Site edit or an unrelated category's rename must
 * not fail because some old row holds a cycle. Everything else is re-derived; these keep
 * their stored values until someone repairs the tree.
 */
function reportDamage(strapi: Core.Strapi, inputs: DerivationInputs, categoryIds: number[], skipped: SkippedRow[]): void {
  const damaged = categoryIds.filter((id) => inputs.tree.damaged.has(id));
  if (damaged.length === 0 && skipped.length === 0) return;
  const names = damaged.slice(0, 10).map((id) => `"${inputs.tree.nodes.get(id)?.name}" (#${id})`);
  strapi.log.warn(
    `[colophon] ${damaged.length} categories with a damaged chain (${[...new Set(damaged.map((id) => inputs.tree.damaged.get(id)!.code))].join(', ')}): ` +
      `${names.join(', ')}${damaged.length > 10 ? ', …' : ''}; ${skipped.length} rows filed under them were left as they are. ` +
      'Run `npm run rederive -- --check` to list them.'
  );
}

/**
 * After categories changed (renamed, re-slugged, moved, deleted): recompute them, everything
 * below them, and every trail target filed anywhere in those subtrees, draft and published,
 * in the one transaction the caller opened.
 */
export async function cascadeFromCategories(
  strapi: Core.Strapi,
  trx: unknown,
  categoryIds: number[]
): Promise<CascadeReport> {
  const inputs = await loadDerivationInputs(strapi, trx);
  const affected = [...new Set(categoryIds.filter((id) => inputs.tree.nodes.has(id)).flatMap((id) => inputs.tree.subtreeIds(id)))];
  const { coveredByPrefix, subtreeMoves } = await rederiveCategories(strapi, trx, affected, inputs);
  // A moved category moved every page below it: their claims move with it, one UPDATE a subtree.
  const conflict = await moveSubtreeClaims(ledgerOf(strapi), trx, subtreeMoves);
  if (conflict) refuseConflict(conflict, 'slug');
  const rules = subtreeMoves.map((top) => ({ locale: top.locale ?? '', rule: toPrefixRule(top) }));
  // Asked once a row: no allocation, and not at all when nothing moved (a rename of the name).
  const movedWith =
    rules.length === 0
      ? undefined
      : (from: string, to: string, locale: string | null) =>
          rules.some((entry) => entry.locale === (locale ?? '') && from.startsWith(entry.rule.from) && to === entry.rule.to + from.slice(entry.rule.from.length));
  let rows = 0;
  let pagesMoved = false;
  const skipped: SkippedRow[] = [];
  for (const target of colophonConfig(strapi).trails.targets) {
    const result = await rederiveTargets(strapi, trx, target, { categoryIds: affected }, inputs, { coveredByPrefix, movedWith });
    rows += result.rows;
    pagesMoved ||= result.pathsMoved;
    for (const row of result.skipped) skipped.push(row);
  }
  // Pages that moved otherwise (filed in a category from its side, or never claimed): their
  // claims are taken again from their rows, in three statements a type.
  if (pagesMoved) await reclaimAfterCascade(strapi, trx, affected);
  reportDamage(strapi, inputs, affected, skipped);
  return { categories: affected.length, rows };
}

/** After the Site changed: every trail starts from it, so everything is recomputed. */
export async function cascadeEverything(strapi: Core.Strapi, trx: unknown): Promise<CascadeReport> {
  const inputs = await loadDerivationInputs(strapi, trx);
  const all = [...inputs.tree.nodes.keys()];
  const { coveredByPrefix } = await rederiveCategories(strapi, trx, all, inputs);
  let rows = 0;
  const skipped: SkippedRow[] = [];
  for (const target of colophonConfig(strapi).trails.targets) {
    const result = await rederiveTargets(strapi, trx, target, 'all', inputs, { coveredByPrefix });
    rows += result.rows;
    for (const row of result.skipped) skipped.push(row);
  }
  reportDamage(strapi, inputs, all, skipped);
  return { categories: all.length, rows };
}
