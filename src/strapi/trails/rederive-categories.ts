import type { Core } from '@strapi/strapi';
import { buildCategoryTrail, planPrefixMoves, resolveTrailSettings } from '../../core/trail';
import { alternatesByVersion, feedLinks, ownPageSeo } from '../../core/discovery';
import { colophonConfig } from '../colophon-config';
import { updateRowsById } from '../database/bulk-update';
import type { DerivationInputs } from '../hook/derive-target';
import { recordCategoryMoves, retireRedirectsFrom, type PathChange } from './redirects';

export interface CategoryRederivation {
  /** Category row id -> its new path and breadcrumbs. */
  derived: Map<number, Record<string, unknown>>;
  /** Whether the prefix rules recorded for the moved categories already send this page on. */
  coveredByPrefix: (move: PathChange) => boolean;
  /** Whether any category's path changed: then every page below it moved, and must be claimed again. */
  moved: boolean;
  /** The roots of the moved subtrees (core's planPrefixMoves), per locale: what moved with them is implied. */
  subtreeMoves: Array<{ from: string; to: string; locale: string; documentId: string }>;
}

/**
 * Recomputes path and breadcrumbs of the given categories from the tree as it now stands, and
 * records where the moved ones went: an exact redirect for each moved subtree's root and one
 * prefix rule for everything below it. Categories whose chain is damaged
 * (CategoryTree.damaged) are left as they are; the caller reports them.
 */
export async function rederiveCategories(
  strapi: Core.Strapi,
  trx: unknown,
  categoryIds: number[],
  inputs: DerivationInputs
): Promise<CategoryRederivation> {
  const { categoryUid, batchSize } = colophonConfig(strapi).trails;
  const derived = new Map<number, Record<string, unknown>>();
  const moves: Array<PathChange & { documentId: string }> = [];
  for (let start = 0; start < categoryIds.length; start += batchSize) {
    const batch = categoryIds.slice(start, start + batchSize).filter((id) => !inputs.tree.damaged.has(id));
    const updates = batch.map((id) => {
      const node = inputs.tree.nodes.get(id)!;
      const ancestry = inputs.tree.ancestry(id).map((n) => ({ label: n.name, slug: n.slug ?? '' }));
      const { path, breadcrumbs } = buildCategoryTrail(inputs.site, ancestry, node.locale);
      if (node.path && node.path !== path) moves.push({ from: node.path, to: path, locale: node.locale, documentId: node.documentId });
      derived.set(id, { path, breadcrumbs });
      return { id, values: { path, breadcrumbs } };
    });
    await updateRowsById(strapi, trx, categoryUid, updates);
  }
  // A category's seo names its other localizations: theirs change with its path.
  const newPaths = new Map([...derived].map(([id, values]) => [id, values.path as string]));
  await rederiveCategorySeo(strapi, trx, inputs, categoryIds.map((id) => inputs.tree.nodes.get(id)?.documentId), newPaths);
  const coveredByPrefix = await recordCategoryMoves(strapi, trx, moves);
  // A category is live as soon as it is written: no old rule may leave from where it lives now.
  await retireRedirectsFrom(
    strapi,
    trx,
    [...derived].map(([id, values]) => ({ path: values.path as string, locale: inputs.tree.nodes.get(id)!.locale }))
  );
  const subtreeMoves = [...new Set(moves.map((move) => move.locale ?? ''))].flatMap((locale) =>
    planPrefixMoves(moves.filter((move) => (move.locale ?? '') === locale)).map((top) => ({
      from: top.from,
      to: top.to,
      locale,
      documentId: (top as (typeof moves)[number]).documentId,
    }))
  );
  return { derived, coveredByPrefix, moved: moves.length > 0, subtreeMoves };
}

/**
 * Writes the `seo` of every category row of `documentIds` (undefined entries are skipped):
 * canonical to itself (core ownPageSeo), with the hreflang alternates of its document's
 * localizations (core alternatesByVersion; a category has no draft, so every row is live)
 * and its feeds and the site's (core feedLinks),
 * read from the tree in hand, with `newPaths` (row id -> path) over what it read. Rows in a
 * damaged chain keep what they have, but are still named by their localizations at the path
 * they still serve.
 */
export async function rederiveCategorySeo(
  strapi: Core.Strapi,
  trx: unknown,
  inputs: DerivationInputs,
  documentIds: Iterable<string | undefined>,
  newPaths: ReadonlyMap<number, string> = new Map()
): Promise<void> {
  const { categoryUid, batchSize } = colophonConfig(strapi).trails;
  if (!('seo' in (strapi.contentType(categoryUid as any).attributes as object))) return;
  const wanted = new Set(documentIds);
  const { baseUrl, defaultLocale, siteName } = resolveTrailSettings(inputs.site);
  const versions = [...inputs.tree.nodes.values()]
    .filter((node) => wanted.has(node.documentId))
    .map((node) => {
      const path = newPaths.get(node.id) ?? node.path;
      const url = baseUrl && path ? `${baseUrl}${path}` : null;
      return { id: node.id, documentId: node.documentId, locale: node.locale ?? '', published: true, url, seo: ownPageSeo(url), name: node.name };
    });
  const alternates = alternatesByVersion(versions, defaultLocale);
  const updates = versions
    .filter((version) => !inputs.tree.damaged.has(version.id))
    .map((version) => {
      const feeds = feedLinks({ baseUrl, siteName, locale: version.locale, category: { documentId: version.documentId, name: version.name } });
      return { id: version.id, values: { seo: { ...version.seo, alternates: alternates.get(version.id) ?? [], feeds } } };
    });
  for (let start = 0; start < updates.length; start += batchSize) {
    await updateRowsById(strapi, trx, categoryUid, updates.slice(start, start + batchSize));
  }
}
