import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';
import { loadCategoryTree } from './category-tree';
import type { DerivationInputs } from './derive-target';
import { rederiveCategories } from './rederive-categories';
import { rederiveTargets } from './rederive-targets';
import { loadSiteSettings } from './site-settings';

export async function loadDerivationInputs(strapi: Core.Strapi, trx: unknown): Promise<DerivationInputs> {
  // One after the other: both run on the transaction's single connection, which the pg
  // driver will not share between concurrent queries.
  const site = await loadSiteSettings(strapi);
  const tree = await loadCategoryTree(strapi, trx);
  return { site, tree };
}

export interface CascadeReport {
  categories: number;
  rows: number;
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
  await rederiveCategories(strapi, trx, affected, inputs);
  let rows = 0;
  for (const target of colophonConfig(strapi).trails.targets) {
    rows += (await rederiveTargets(strapi, trx, target, { categoryIds: affected }, inputs)).rows;
  }
  return { categories: affected.length, rows };
}

/** After the Site changed: every trail starts from it, so everything is recomputed. */
export async function cascadeEverything(strapi: Core.Strapi, trx: unknown): Promise<CascadeReport> {
  const inputs = await loadDerivationInputs(strapi, trx);
  const all = [...inputs.tree.nodes.keys()];
  await rederiveCategories(strapi, trx, all, inputs);
  let rows = 0;
  for (const target of colophonConfig(strapi).trails.targets) {
    rows += (await rederiveTargets(strapi, trx, target, 'all', inputs)).rows;
  }
  return { categories: all.length, rows };
}
