import type { Core } from '@strapi/strapi';
import type { TrailTarget } from '../colophon-config';
import type { CategoryTree } from '../trails/category-tree';
import { lockCategoryTrees, lockTrailInputs, type TreeClaim } from '../database/locks';
import { relationLinkOf, sql, tableOf, columnOf } from '../database/schema';
import { readRelationIntent, type RelationIntent } from './relation-input';
import type { WriteParams } from './write-context';

export type LockedWrite =
  | { kind: 'target'; target: TrailTarget }
  | { kind: 'category' }
  /** The Site, a Source: everything derived may read them. */
  | { kind: 'global' };

/**
 * Takes the locks one write needs before it reads anything (see lockCategoryTrees and
 * lockTrailInputs for what each database does), and returns the category tree read under
 * them, or null for a global write (which reads its own). An article's save claims, shared,
 * the trees of the categories its rows sit in and of the one it moves to; a category's write
 * claims, exclusively, the trees it sits in and moves to; either claims the root level when
 * it puts something there or takes something away from there.
 */
export async function lockForWrite(
  strapi: Core.Strapi,
  trx: unknown,
  write: LockedWrite,
  action: string,
  params: WriteParams
): Promise<CategoryTree | null> {
  if (write.kind === 'global') {
    await lockTrailInputs(strapi, trx, 'exclusive');
    return null;
  }
  const documentId = typeof params.documentId === 'string' ? params.documentId : undefined;
  if (write.kind === 'target') {
    const target = write.target;
    const intent = readRelationIntent(params.data ?? {}, target.categoryField);
    // Read once, on the first claim: the document lock is held by then, so no other save can
    // move this article before the write is over.
    let current: { categoryIds: number[]; uncategorized: boolean } | undefined;
    const claim = async (tree: CategoryTree): Promise<TreeClaim> => {
      current ??= documentId ? await categoriesOfDocument(strapi, trx, target, documentId) : { categoryIds: [], uncategorized: false };
      const moving = intent.kind === 'set' ? rowsNamedBy(tree, intent) : [];
      return {
        categoryIds: [...current.categoryIds, ...moving],
        rootLevel: current.uncategorized || intent.kind === 'clear' || (!documentId && intent.kind !== 'set'),
      };
    };
    return (await lockCategoryTrees(strapi, trx, 'shared', claim, documentId)).tree;
  }

  const data = params.data ?? {};
  const parentIntent = readRelationIntent(data, 'parent');
  const claim = (tree: CategoryTree): TreeClaim => {
    const self = documentId ? [...tree.nodes.values()].filter((node) => node.documentId === documentId) : [];
    const moving = parentIntent.kind === 'set' ? rowsNamedBy(tree, parentIntent) : [];
    const isRoot = self.some((node) => node.parentId === null);
    return {
      categoryIds: [...self.map((node) => node.id), ...moving],
      rootLevel:
        action === 'delete' ||
        parentIntent.kind === 'clear' ||
        (action === 'create' && parentIntent.kind !== 'set') ||
        // A copy of a root category lands at the root beside it.
        (action === 'clone' && isRoot) ||
        (isRoot && ('slug' in data || parentIntent.kind !== 'unchanged')),
    };
  };
  return (await lockCategoryTrees(strapi, trx, 'exclusive', claim, documentId)).tree;
}

/** Every row of every locale of the category a relation intent names (by documentId, or by row id). */
function rowsNamedBy(tree: CategoryTree, intent: Extract<RelationIntent, { kind: 'set' }>): number[] {
  const byId = intent.id !== undefined ? tree.nodes.get(intent.id) : undefined;
  const documentId = intent.documentId ?? byId?.documentId;
  if (!documentId) return intent.id !== undefined ? [intent.id] : [];
  return [...tree.nodes.values()].filter((node) => node.documentId === documentId).map((node) => node.id);
}

/** The categories a document's rows (every locale, draft and published) are filed under, and whether one row has none. */
async function categoriesOfDocument(
  strapi: Core.Strapi,
  trx: unknown,
  target: TrailTarget,
  documentId: string
): Promise<{ categoryIds: number[]; uncategorized: boolean }> {
  const table = tableOf(strapi, target.uid);
  const link = relationLinkOf(strapi, target.uid, target.categoryField);
  const rows: Array<{ categoryId: number | null }> = await sql(strapi, trx, table)
    .leftJoin(link.table, `${link.table}.${link.ownerColumn}`, `${table}.id`)
    .where(`${table}.${columnOf(strapi, target.uid, 'documentId')}`, documentId)
    .select(`${link.table}.${link.targetColumn} as categoryId`);
  return {
    categoryIds: rows.filter((row) => row.categoryId != null).map((row) => Number(row.categoryId)),
    uncategorized: rows.some((row) => row.categoryId == null),
  };
}
