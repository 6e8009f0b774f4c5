import { diffDerived, findCycles, ownerKey } from '../../core/consistency';
import { buildCategoryTrail, TrailError } from '../../core/trail';
import { colophonConfig } from '../colophon-config';
import { loadCategoryTree } from '../trails/category-tree';
import { rederiveCategories } from '../trails/rederive-categories';
import { columnOf, relationLinkOf, sql, tableOf } from '../database/schema';
import type { CheckContext } from './context';
import { describeRow } from './report';
import { inTransaction } from './transactions';
import { reclaimMoved } from '../claims';
import { noteChange } from '../delivery/change-log';
import { tagVocabulary } from '../delivery/tags';

/**
 * Reports every cycle in the category tree. A repair breaks each one by detaching its
 * category with the highest id (the most recently created, so most likely the bad edit) to
 * the root; re-deriving it and everything below it is left to the trail checks that follow.
 */
export async function checkCategoryCycles({ strapi, fix, log }: CheckContext): Promise<void> {
  const { categoryUid } = colophonConfig(strapi).trails;
  await inTransaction(strapi, fix, async (trx) => {
    const tree = await loadCategoryTree(strapi, trx);
    const parentLink = relationLinkOf(strapi, categoryUid, 'parent');
    for (const cycle of findCycles(tree.parentOf)) {
      const nodes = cycle.map((id) => tree.nodes.get(Number(id))!);
      const detached = nodes.reduce((highest, node) => (node.id > highest.id ? node : highest));
      if (fix) await sql(strapi, trx, parentLink.table).where(parentLink.ownerColumn, detached.id).delete();
      const loop = [...nodes, nodes[0]].map((node) => `#${node.id} "${node.name}"`).join(' -> ');
      log.add({
        kind: 'cycle',
        uid: categoryUid,
        id: detached.id,
        documentId: detached.documentId,
        locale: detached.locale,
        message: `category cycle ${loop}${detached.locale ? ` (${detached.locale})` : ''}: ${
          fix ? `detached #${detached.id} to the root` : `a repair detaches #${detached.id} to the root`
        }`,
      });
    }
  });
}

/**
 * Recomputes every category's path and breadcrumbs from the tree and compares them with what
 * is stored, a batch of rows at a time. A category whose trail cannot be built (on or below a
 * cycle, or deeper than the bound) is reported, never thrown: one bad link must not hide the
 * rest of the report.
 */
export async function checkCategoryTrails(context: CheckContext): Promise<void> {
  const { strapi, fix, log } = context;
  const { categoryUid, batchSize } = colophonConfig(strapi).trails;
  const table = tableOf(strapi, categoryUid);
  let cursor = 0;
  for (let more = true; more; ) {
    more = await inTransaction(strapi, fix, async (trx) => {
      const inputs = await context.inputsFor(trx);
      const stored: Array<{ id: number; path: unknown; breadcrumbs: unknown; locale: string | null }> = await sql(strapi, trx, table)
        .select('id', `${columnOf(strapi, categoryUid, 'path')} as path`, `${columnOf(strapi, categoryUid, 'breadcrumbs')} as breadcrumbs`, `${columnOf(strapi, categoryUid, 'locale')} as locale`)
        .where('id', '>', cursor)
        .orderBy('id', 'asc')
        .limit(batchSize);
      if (stored.length === 0) return false;
      cursor = Number(stored[stored.length - 1].id);

      const stale: number[] = [];
      for (const row of stored) {
        const node = inputs.tree.nodes.get(Number(row.id));
        if (!node) {
          // Created after a check read the tree: the edit that created it derived it.
          if (typeof row.path === 'string') context.livePaths?.add(row.locale, row.path);
          continue;
        }
        const hold = (path: unknown) => {
          if (typeof path === 'string' && path !== '') {
            context.pathHolders.push({ uid: categoryUid, documentId: node.documentId, locale: node.locale ?? '', path, label: node.name, firstRowId: node.id });
          }
        };
        const where = { uid: categoryUid, id: node.id, documentId: node.documentId, locale: node.locale };
        let ancestry;
        try {
          ancestry = inputs.tree.ancestry(node.id);
        } catch (error) {
          if (!(error instanceof TrailError)) throw error;
          if (typeof row.path === 'string') context.livePaths?.add(node.locale, row.path);
          hold(row.path);
          log.add({
            kind: 'broken-category',
            ...where,
            message: `${describeRow(categoryUid, node)} "${node.name}": no trail can be built (${error.message})${
              fix ? '; not repaired: move it or its ancestors by hand' : ''
            }`,
          });
          continue;
        }
        const expected = buildCategoryTrail(
          inputs.site,
          ancestry.map((ancestor) => ({ label: ancestor.name, slug: ancestor.slug ?? '' })),
          node.locale
        );
        context.livePaths?.add(node.locale, expected.path);
        hold(expected.path);
        const fields = diffDerived(row, { path: expected.path, breadcrumbs: expected.breadcrumbs });
        if (fields.length === 0) continue;
        stale.push(node.id);
        if (fields.includes('path')) context.stalePathOwners.add(ownerKey({ uid: categoryUid, documentId: node.documentId }));
        log.add({
          kind: 'derived',
          ...where,
          fields,
          message: `${describeRow(categoryUid, node)} "${node.name}": stale ${fields.join(', ')}${fix ? '; re-derived' : ''}`,
        });
      }
      if (fix && stale.length > 0) {
        const { moved, derived } = await rederiveCategories(strapi, trx, stale, inputs);
        // The ledger follows what moved; what cannot be claimed, checkUrlSpace reports and moves.
        if (moved) await reclaimMoved(strapi, trx, stale);
        const tags = tagVocabulary(strapi);
        const nodes = stale.map((id) => inputs.tree.nodes.get(id)!).filter(Boolean);
        noteChange({
          documents: nodes.map((node) => ({ uid: categoryUid, documentId: node.documentId, locale: node.locale })),
          tags: [tags.listTag(categoryUid), ...nodes.map((node) => tags.documentTag(categoryUid, node.documentId))],
          scopes: nodes.map((node) => ({ kind: 'subtree' as const, locale: node.locale ?? '', path: String(derived.get(node.id)?.path ?? node.path ?? '') })),
        });
      }
      return stored.length === batchSize;
    });
  }
}
