import type { Core } from '@strapi/strapi';
import type { Credit } from '../../core/attribution';
import type { TrailTarget } from '../colophon-config';
import { colophonConfig } from '../colophon-config';
import { updateRowsById } from './bulk-update';
import { derivedAttributesOf, deriveTargetValues, type DerivationInputs, type TargetRow } from './derive-target';
import { creditedRowsQuery } from './credited-rows';
import { loadCredits } from './load-credits';
import { recordRedirects, type PathChange } from './redirects';
import { columnOf, relationLinkOf, tableOf } from './schema';
import { targetRowsQuery, toTargetRow } from './target-rows';

/** Which rows of a target to recompute. */
export type TargetScope =
  | { documentId: string; locale?: string }
  | { categoryIds: number[] }
  | { rowIds: number[] }
  /** Rows whose credits name one of these Source row ids. */
  | { creditedSourceIds: number[] }
  | 'all';

export interface DerivedRow {
  locale: string | null;
  published: boolean;
  values: Record<string, unknown>;
  credits: Credit[] | null;
}

export interface RederiveResult {
  rows: number;
  /** Row id -> what was derived, kept for a single document's write (patching its response, its publish checks). */
  derived: Map<number, DerivedRow>;
}

/**
 * Recomputes the derived fields of the rows in scope, in batches of `batchSize`, each batch one
 * SELECT, one for its credits and one UPDATE (plus the redirects of paths that moved). Memory stays flat however many rows there are, since only the current
 * batch is held. Runs inside the caller's transaction: all rows or none.
 */
export async function rederiveTargets(
  strapi: Core.Strapi,
  trx: unknown,
  target: TrailTarget,
  scope: TargetScope,
  inputs: DerivationInputs,
  options: { keepDerived?: boolean } = {}
): Promise<RederiveResult> {
  const { batchSize } = colophonConfig(strapi).trails;
  const result: RederiveResult = { rows: 0, derived: new Map() };
  if (typeof scope === 'object' && 'categoryIds' in scope && scope.categoryIds.length === 0) return result;
  if (typeof scope === 'object' && 'rowIds' in scope && scope.rowIds.length === 0) return result;
  if (typeof scope === 'object' && 'creditedSourceIds' in scope) {
    // Resolve the crediting rows once: re-running the join as a sub-query for every batch
    // costs more than holding their ids (a few bytes each) for the length of the cascade.
    if (scope.creditedSourceIds.length === 0) return result;
    const ids: number[] = (await creditedRowsQuery(strapi, trx, target.uid, scope.creditedSourceIds)).map((row: Record<string, unknown>) =>
      Number(Object.values(row)[0])
    );
    const unique = [...new Set(ids)].sort((a, b) => a - b);
    for (let start = 0; start < unique.length; start += batchSize) {
      const chunk = await rederiveTargets(strapi, trx, target, { rowIds: unique.slice(start, start + batchSize) }, inputs, options);
      result.rows += chunk.rows;
      for (const [id, row] of chunk.derived) result.derived.set(id, row);
    }
    return result;
  }

  const table = tableOf(strapi, target.uid);
  const link = relationLinkOf(strapi, target.uid, target.categoryField);
  const column = (attribute: string) => `${table}.${columnOf(strapi, target.uid, attribute)}`;
  const has = derivedAttributesOf(strapi, target.uid);

  let cursor = 0;
  for (;;) {
    const query = targetRowsQuery(strapi, trx, target)
      .where(`${table}.id`, '>', cursor)
      .orderBy(`${table}.id`, 'asc')
      .limit(batchSize);
    if (scope !== 'all') {
      if ('documentId' in scope) {
        query.where(column('documentId'), scope.documentId);
        if (scope.locale) query.where(column('locale'), scope.locale);
      } else if ('categoryIds' in scope) {
        query.whereIn(`${link.table}.${link.targetColumn}`, scope.categoryIds);
      } else if ('rowIds' in scope) {
        query.whereIn(`${table}.id`, scope.rowIds);
      }
    }

    const rows: TargetRow[] = (await query).map(toTargetRow);
    if (rows.length === 0) break;

    const credits = has.attribution ? await loadCredits(strapi, trx, target.uid, rows.map((row) => row.id)) : null;

    const pathChanges: PathChange[] = [];
    const updates = rows.map((row) => {
      const values = deriveTargetValues(strapi, target, row, inputs, credits ? (credits.get(row.id) ?? []) : null);
      // Only a published version has a public path that readers may have bookmarked.
      if (row.publishedAt && row.path && typeof values.path === 'string' && values.path !== row.path) {
        pathChanges.push({ from: row.path, to: values.path });
      }
      if (options.keepDerived) {
        result.derived.set(row.id, {
          locale: row.locale,
          published: Boolean(row.publishedAt),
          values,
          credits: credits ? (credits.get(row.id) ?? []) : null,
        });
      }
      return { id: row.id, values };
    });
    await updateRowsById(strapi, trx, target.uid, updates);
    await recordRedirects(strapi, trx, pathChanges);

    result.rows += rows.length;
    cursor = rows[rows.length - 1].id;
    if (rows.length < batchSize) break;
  }
  return result;
}
