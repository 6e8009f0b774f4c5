import type { Core } from '@strapi/strapi';
import { buildCategoryTrail } from '../../core/trail';
import { colophonConfig } from '../colophon-config';
import { updateRowsById } from './bulk-update';
import type { DerivationInputs } from './derive-target';
import { recordRedirects, type PathChange } from './redirects';

/**
 * Recomputes path and breadcrumbs of the given categories from the tree as it now stands.
 * Categories whose chain is damaged (CategoryTree.damaged) are left as they are; the caller
 * reports them.
 */
export async function rederiveCategories(
  strapi: Core.Strapi,
  trx: unknown,
  categoryIds: number[],
  inputs: DerivationInputs
): Promise<Map<number, Record<string, unknown>>> {
  const { categoryUid, batchSize } = colophonConfig(strapi).trails;
  const derived = new Map<number, Record<string, unknown>>();
  for (let start = 0; start < categoryIds.length; start += batchSize) {
    const pathChanges: PathChange[] = [];
    const batch = categoryIds.slice(start, start + batchSize).filter((id) => !inputs.tree.damaged.has(id));
    const updates = batch.map((id) => {
      const node = inputs.tree.nodes.get(id)!;
      const ancestry = inputs.tree.ancestry(id).map((n) => ({ label: n.name, slug: n.slug ?? '' }));
      const { path, breadcrumbs } = buildCategoryTrail(inputs.site, ancestry);
      if (node.path && node.path !== path) pathChanges.push({ from: node.path, to: path });
      derived.set(id, { path, breadcrumbs });
      return { id, values: { path, breadcrumbs } };
    });
    await updateRowsById(strapi, trx, categoryUid, updates);
    await recordRedirects(strapi, trx, pathChanges);
  }
  return derived;
}
