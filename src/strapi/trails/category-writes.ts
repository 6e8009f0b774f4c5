import type { Core } from '@strapi/strapi';
import { buildArticleTrail, buildCategoryTrail, checkCategoryMove, TrailError } from '../../core/trail';
import { colophonConfig } from '../colophon-config';
import { cascadeFromCategories, loadDerivationInputs } from '../hook/cascade';
import { loadCategoryTree, type CategoryNode, type CategoryTree } from './category-tree';
import { readRelationIntent } from '../hook/relation-input';
import { rederiveTargets } from '../hook/rederive-targets';
import { rederiveCategorySeo } from './rederive-categories';
import { resolveCategoryIntent } from './resolve-category';
import { relationLinkOf, sql } from '../database/schema';
import { settleSlug } from './unique-slug';
import { dropRedirectsTo, type LocalePath } from './redirects';
import { describeClaim, findPathClaim } from './path-claims';
import { loadSiteSettings } from './site-settings';
import { reclaimAfterCascade } from '../claims';
import { stripInvisible, stripInvisibleFromFields } from '../../core/text';
import { dropDerivedFields, fail, writeLocale, type WriteParams } from '../hook/write-context';

export const CATEGORY_DERIVED_FIELDS = ['path', 'breadcrumbs', 'seo'];

/**
 * Refuses, before anything is written, what would corrupt the tree: a parent that is the
 * category itself or one of its descendants, a chain deeper than the bound, a parent in
 * another locale, a slug a sibling already has.
 */
export async function prepareCategoryWrite(
  strapi: Core.Strapi,
  trx: unknown,
  action: string,
  params: WriteParams,
  options: { claim?: boolean } = {}
) {
  if (action !== 'create' && action !== 'update') return;
  const { categoryUid, maxDepth } = colophonConfig(strapi).trails;
  const data = (params.data ??= {});
  const owner = params.documentId ?? (typeof data.documentId === 'string' ? data.documentId : undefined);
  dropDerivedFields(data, CATEGORY_DERIVED_FIELDS);
  refuseInverseRelationWrites(data);
  // Readers see the description beside the category's pages: no bidi override may ride along.
  Object.assign(data, stripInvisibleFromFields(data, { text: ['description'] }));
  const locale = await writeLocale(strapi, params);

  const tree = await loadCategoryTree(strapi, trx);
  const site = await loadSiteSettings(strapi);
  const self = params.documentId
    ? [...tree.nodes.values()].find((n) => n.documentId === params.documentId && n.locale === locale)
    : undefined;

  if (data.name !== undefined && (typeof data.name !== 'string' || stripInvisible(data.name).trim() === '')) {
    fail('name must not be empty', { field: 'name' });
  }
  // Bidi overrides and zero-width characters would reach every trail below it as they are.
  const name = typeof data.name === 'string' ? stripInvisible(data.name).trim() : self?.name;
  if (!name) fail('name is required', { field: 'name' });
  if (typeof data.name === 'string') data.name = name;

  const parentIntent = readRelationIntent(data, 'parent');
  const damage = self && tree.damaged.get(self.id);
  if (damage && parentIntent.kind === 'unchanged') {
    // Moving it (or an ancestor) to a sound parent is the repair, so only a move is let through.
    fail(
      `Category "${self!.name}" sits in a damaged part of the tree (${damage.code === 'cycle' ? 'a cycle' : 'a chain deeper than allowed'}): ` +
        'give it a sound parent first, or run `npm run rederive -- --check` to see what is wrong',
      { field: 'parent' }
    );
  }
  const parent = resolveCategoryIntent(tree, parentIntent, locale, 'parent');
  const parentId =
    parentIntent.kind === 'unchanged' ? (self?.parentId ?? null) : parent ? parent.id : null;

  if (parentIntent.kind !== 'unchanged' || !self) {
    try {
      checkCategoryMove(self ? String(self.id) : '__new__', parentId === null ? null : String(parentId), tree.parentOf, maxDepth);
    } catch (error) {
      if (error instanceof TrailError) fail(error.message, { field: 'parent' });
      throw error;
    }
  }

  const sentSlug = data.slug;
  if (sentSlug !== undefined || !self?.slug || parentIntent.kind !== 'unchanged') {
    const typeName = strapi.contentType(categoryUid as any).info.singularName;
    const ancestry = parentId === null ? [] : tree.segments(parentId);
    data.slug = await settleSlug(
      strapi,
      trx,
      {
        uid: categoryUid,
        slugField: 'slug',
        locale,
        documentId: owner,
        claim: options.claim,
        pathOf: (slug) => buildCategoryTrail(site, [...ancestry, { label: name, slug }], locale).path,
        // Siblings share a URL prefix; the tree in hand answers without a query, even for a
        // sibling whose stored path a damaged chain left stale.
        findSameTypeRival: (slug) => {
          const clash = [...tree.nodes.values()].find(
            (n) => n.locale === locale && n.parentId === parentId && n.documentId !== params.documentId && n.slug === slug
          );
          return clash ? { uid: categoryUid, type: typeName, documentId: clash.documentId, label: clash.name } : null;
        },
      },
      // Sent empty: generate one. Not sent: the slug it has, checked under its new parent.
      sentSlug !== undefined ? (typeof sentSlug === 'string' ? sentSlug.trim() : null) : (self?.slug ?? null),
      name
    );
  }
}

/**
 * The sides of the tree a category does not own: its `children` are the categories whose
 * parent it is, its `articles` those filed in it. Connecting or disconnecting them from here
 * would move pages past every check a move makes (cycles, taken paths, the locks of the trees
 * they leave), so it is refused with a 400 naming the field; an empty change (what a form
 * sends for an untouched relation) passes.
 */
function refuseInverseRelationWrites(data: Record<string, unknown>): void {
  const owners: Record<string, string> = {
    children: 'move a category by setting its parent',
    articles: 'file an article by setting its category',
  };
  for (const [field, how] of Object.entries(owners)) {
    if (changesRelation(data[field])) fail(`${field} cannot be changed from the category: ${how}`, { field });
  }
}

function changesRelation(value: unknown): boolean {
  if (value === undefined) return false;
  if (value === null) return true;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value !== 'object') return true;
  const { connect, disconnect, set } = value as Record<string, unknown>;
  const nonEmpty = (list: unknown) => (Array.isArray(list) ? list.length > 0 : list !== undefined && list !== null);
  return nonEmpty(connect) || nonEmpty(disconnect) || set !== undefined;
}

export async function deriveAfterCategoryWrite(strapi: Core.Strapi, trx: unknown, documentId: string) {
  const ids = (
    await strapi.db.query(colophonConfig(strapi).trails.categoryUid as any).findMany({
      where: { documentId },
      select: ['id'],
    })
  ).map((row: { id: number }) => row.id);
  await cascadeFromCategories(strapi, trx, ids);
  const rows = await strapi.db.query(colophonConfig(strapi).trails.categoryUid as any).findMany({
    where: { id: { $in: ids } },
    select: ['id', 'path', 'breadcrumbs'],
  });
  return new Map<number, Record<string, unknown>>(
    rows.map((row: any) => [row.id, { path: row.path, breadcrumbs: row.breadcrumbs }])
  );
}

export interface CategoryDeletion {
  rowIds: number[];
  orphanedTargets: Map<string, number[]>;
  reparented: number[];
  /** Where the deleted rows lived: the redirects leading there lead nowhere now. */
  paths: LocalePath[];
  documentIds: string[];
}

/**
 * Deleting a category must not delete or strand what hangs below it: its children move up
 * to its parent, and its articles lose the category (Strapi drops those links itself) and
 * get their trails recomputed after the delete.
 */
export async function prepareCategoryDelete(
  strapi: Core.Strapi,
  trx: unknown,
  params: WriteParams
): Promise<CategoryDeletion> {
  const { categoryUid, targets } = colophonConfig(strapi).trails;
  const tree = await loadCategoryTree(strapi, trx);
  // Like Strapi's own delete: no locale means the default one, '*' means every locale.
  const locale = params.locale === '*' ? null : await writeLocale(strapi, params);
  const rows = [...tree.nodes.values()].filter(
    (n) => n.documentId === params.documentId && (locale === null || n.locale === locale)
  );
  const parentLink = relationLinkOf(strapi, categoryUid, 'parent');
  const reparented: number[] = [];
  for (const row of rows) {
    const children = [...tree.nodes.values()].filter((n) => n.parentId === row.id).map((n) => n.id);
    if (children.length === 0) continue;
    reparented.push(...children);
    const links = sql(strapi, trx, parentLink.table).whereIn(parentLink.ownerColumn, children);
    if (row.parentId === null) await links.delete();
    else await links.update({ [parentLink.targetColumn]: row.parentId });
  }

  const orphanedTargets = new Map<string, number[]>();
  for (const target of targets) {
    const link = relationLinkOf(strapi, target.uid, target.categoryField);
    const owned = await sql(strapi, trx, link.table)
      .select(`${link.ownerColumn} as id`)
      .whereIn(link.targetColumn, rows.map((r) => r.id));
    orphanedTargets.set(target.uid, owned.map((r: { id: number }) => Number(r.id)));
  }
  await refuseDeleteCollisions(strapi, trx, tree, rows, orphanedTargets);
  return {
    rowIds: rows.map((r) => r.id),
    orphanedTargets,
    reparented,
    paths: rows.filter((r) => r.path).map((r) => ({ path: r.path!, locale: r.locale })),
    documentIds: [...new Set(rows.map((r) => r.documentId))],
  };
}

export async function deriveAfterCategoryDelete(strapi: Core.Strapi, trx: unknown, deletion: CategoryDeletion) {
  await dropRedirectsTo(strapi, trx, deletion.paths);
  await cascadeFromCategories(strapi, trx, deletion.reparented);
  const inputs = await loadDerivationInputs(strapi, trx);
  // Its other localizations, if any are left, stop naming the deleted ones.
  await rederiveCategorySeo(strapi, trx, inputs, deletion.documentIds);
  for (const target of colophonConfig(strapi).trails.targets) {
    const rowIds = deletion.orphanedTargets.get(target.uid) ?? [];
    await rederiveTargets(strapi, trx, target, { rowIds }, inputs);
  }
  // Its articles now live at the blog's root: their claims follow them there.
  await reclaimAfterCascade(strapi, trx, [], deletion.orphanedTargets);
}

/**
 * A delete moves things: the children up to the deleted category's parent, its articles to the
 * blog root. Where one would land on a path something else holds (or another moving thing
 * lands too), the delete is refused, naming both, rather than leave one path to two pages.
 */
async function refuseDeleteCollisions(
  strapi: Core.Strapi,
  trx: unknown,
  tree: CategoryTree,
  deleted: CategoryNode[],
  orphanedTargets: Map<string, number[]>
): Promise<void> {
  const { categoryUid, targets } = colophonConfig(strapi).trails;
  const site = await loadSiteSettings(strapi);
  const landings: Array<{ path: string; locale: string; uid: string; type: string; documentId: string; label: string }> = [];
  const categoryType = strapi.contentType(categoryUid as any).info.singularName;
  for (const row of deleted) {
    if (!row.locale) continue;
    const above = row.parentId === null ? [] : tree.segments(row.parentId);
    for (const child of [...tree.nodes.values()].filter((n) => n.parentId === row.id)) {
      const path = buildCategoryTrail(site, [...above, { label: child.name, slug: child.slug ?? '' }], row.locale).path;
      landings.push({ path, locale: row.locale, uid: categoryUid, type: categoryType, documentId: child.documentId, label: child.name });
    }
  }
  for (const target of targets) {
    const ids = orphanedTargets.get(target.uid) ?? [];
    if (ids.length === 0) continue;
    const type = strapi.contentType(target.uid as any).info.singularName;
    const articles: any[] = await strapi.db.query(target.uid as any).findMany({
      where: { id: { $in: ids } },
      select: ['documentId', 'locale', target.titleField, target.slugField],
    });
    for (const article of articles) {
      const path = buildArticleTrail(site, [], { title: article[target.titleField], slug: article[target.slugField] }, article.locale).path;
      landings.push({ path, locale: article.locale, uid: target.uid, type, documentId: article.documentId, label: article[target.titleField] });
    }
  }

  const moving = [...deleted.map((row) => ({ uid: categoryUid, documentId: row.documentId })), ...landings];
  const seen = new Map<string, (typeof landings)[number]>();
  for (const landing of landings) {
    const key = `${landing.locale}\u0000${landing.path}`;
    const earlier = seen.get(key);
    const claim =
      earlier && earlier.documentId !== landing.documentId
        ? earlier
        : await findPathClaim(strapi, trx, landing.path, landing.locale, moving);
    if (claim) {
      fail(
        `Deleting this category would move ${landing.type} "${landing.label}" (documentId ${landing.documentId}) to ${landing.path}, ` +
          `where ${describeClaim(claim)} is in locale ${landing.locale}: re-slug or move one of them first`,
        { conflict: { path: landing.path, locale: landing.locale, documentIds: [landing.documentId, claim.documentId] } }
      );
    }
    seen.set(key, landing);
  }
}
