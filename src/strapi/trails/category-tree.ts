import type { Core } from '@strapi/strapi';
import { resolveAncestorIds, TrailError, type TrailSegment } from '../../core/trail';
import { colophonConfig } from '../colophon-config';
import { columnOf, relationLinkOf, sql, tableOf } from '../database/schema';

export interface CategoryNode {
  id: number;
  documentId: string;
  locale: string | null;
  name: string;
  slug: string | null;
  path: string | null;
  parentId: number | null;
}

/**
 * The whole category table in memory, every locale, keyed by row id. A newsroom has hundreds
 * of categories, not millions, and one query here saves one per article during a cascade.
 */
export class CategoryTree {
  readonly parentOf: ReadonlyMap<string, string | null>;

  constructor(readonly nodes: ReadonlyMap<number, CategoryNode>, private readonly maxDepth: number) {
    this.parentOf = new Map([...nodes.values()].map((node) => [String(node.id), node.parentId === null ? null : String(node.parentId)]));
  }

  private damagedCache: Map<number, TrailError> | undefined;

  /**
   * Categories whose chain up to the root is broken, with why: part of (or below) a cycle, or
   * deeper than the bound. Colophon's writes never store such a chain, but a restore, a bulk
   * load or a hand edit can; these are reported and skipped, never fatal to other writes.
   */
  get damaged(): ReadonlyMap<number, TrailError> {
    if (!this.damagedCache) {
      this.damagedCache = new Map();
      for (const id of this.nodes.keys()) {
        try {
          this.ancestry(id);
        } catch (error) {
          if (!(error instanceof TrailError)) throw error;
          this.damagedCache.set(id, error);
        }
      }
    }
    return this.damagedCache;
  }

  /** Root first, ending with the category itself. Throws a TrailError for a damaged chain. */
  ancestry(categoryId: number): CategoryNode[] {
    return resolveAncestorIds(String(categoryId), this.parentOf, this.maxDepth).map((id) => this.nodes.get(Number(id))!);
  }

  segments(categoryId: number | null): TrailSegment[] {
    if (categoryId === null || !this.nodes.has(categoryId)) return [];
    return this.ancestry(categoryId).map((node) => ({ label: node.name, slug: node.slug ?? '' }));
  }

  /** The category and every descendant, in the same locale. */
  subtreeIds(categoryId: number): number[] {
    const childrenOf = new Map<number, number[]>();
    for (const node of this.nodes.values()) {
      if (node.parentId === null) continue;
      childrenOf.set(node.parentId, [...(childrenOf.get(node.parentId) ?? []), node.id]);
    }
    const ids: number[] = [];
    const queue = [categoryId];
    const seen = new Set<number>();
    while (queue.length) {
      const id = queue.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
      ids.push(id);
      queue.push(...(childrenOf.get(id) ?? []));
    }
    return ids;
  }
}

export async function loadCategoryTree(strapi: Core.Strapi, trx: unknown): Promise<CategoryTree> {
  const { categoryUid, maxDepth } = colophonConfig(strapi).trails;
  const table = tableOf(strapi, categoryUid);
  const parent = relationLinkOf(strapi, categoryUid, 'parent');
  const column = (attribute: string) => `${table}.${columnOf(strapi, categoryUid, attribute)}`;

  const rows = await sql(strapi, trx, table)
    .leftJoin(parent.table, `${parent.table}.${parent.ownerColumn}`, `${table}.id`)
    .select(
      `${table}.id as id`,
      `${column('documentId')} as documentId`,
      `${column('locale')} as locale`,
      `${column('name')} as name`,
      `${column('slug')} as slug`,
      `${column('path')} as path`,
      `${parent.table}.${parent.targetColumn} as parentId`
    );
  const nodes = new Map<number, CategoryNode>();
  for (const row of rows) {
    nodes.set(Number(row.id), {
      id: Number(row.id),
      documentId: row.documentId,
      locale: row.locale ?? null,
      name: row.name ?? '',
      slug: row.slug ?? null,
      path: row.path ?? null,
      parentId: row.parentId == null ? null : Number(row.parentId),
    });
  }
  return new CategoryTree(nodes, maxDepth);
}
