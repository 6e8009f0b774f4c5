import type { Core } from '@strapi/strapi';
import type { Credit } from '../../core/attribution';
import type { PathMove } from '../../core/trail';
import type { TrailTarget } from '../colophon-config';
import { colophonConfig } from '../colophon-config';
import { updateRowsById } from './bulk-update';
import { derivedAttributesOf, deriveTargetValues, type DerivationInputs } from './derive-target';
import { creditedRowsQuery } from './credited-rows';
import { loadCredits } from './load-credits';
import { recordRedirects, type PathChange } from './redirects';
import { columnOf, relationLinkOf, sql, tableOf } from './schema';
import { readTargetRows } from './target-rows';

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

/** A row left as it was because its category's chain is damaged (see CategoryTree.damaged). */
export interface SkippedRow {
  id: number;
  documentId: string;
  locale: string | null;
  categoryId: number;
  reason: string;
}

export interface RederiveResult {
  rows: number;
  /** Row id -> what was derived, kept for a single document's write (patching its response, its publish checks). */
  derived: Map<number, DerivedRow>;
  skipped: SkippedRow[];
}

export interface RederiveOptions {
  keepDerived?: boolean;
  /**
   * Old public paths that need no redirect of their own, because a prefix rule the caller
   * records already sends them on (a moved category's whole subtree).
   */
  coveredByPrefix?: (move: PathMove) => boolean;
}

/**
 * Recomputes the derived fields of the rows in scope. The scope is resolved to row ids once;
 * then each batch of `batchSize` ids costs one SELECT, one for its credits, one UPDATE and the
 * redirects of the paths that moved, whatever the table's size, so a cascade is linear in the
 * rows it touches. Between batches it yields to the event loop, so that a long cascade does not
 * keep other requests waiting. Runs inside the caller's transaction: all rows or none.
 */
export async function rederiveTargets(
  strapi: Core.Strapi,
  trx: unknown,
  target: TrailTarget,
  scope: TargetScope,
  inputs: DerivationInputs,
  options: RederiveOptions = {}
): Promise<RederiveResult> {
  const { batchSize } = colophonConfig(strapi).trails;
  const result: RederiveResult = { rows: 0, derived: new Map(), skipped: [] };
  const ids = await resolveScope(strapi, trx, target, scope);
  const has = derivedAttributesOf(strapi, target.uid);

  for (let start = 0; start < ids.length; start += batchSize) {
    if (start > 0) await yieldToEventLoop();
    const rows = await readTargetRows(strapi, trx, target, ids.slice(start, start + batchSize));
    const credits = has.attribution ? await loadCredits(strapi, trx, target.uid, rows.map((row) => row.id)) : null;

    const pathChanges: PathChange[] = [];
    const updates = [];
    for (const row of rows) {
      const damage = row.categoryId === null ? undefined : inputs.tree.damaged.get(row.categoryId);
      if (damage) {
        result.skipped.push({ id: row.id, documentId: row.documentId, locale: row.locale, categoryId: row.categoryId!, reason: damage.message });
        continue;
      }
      const rowCredits = credits ? (credits.get(row.id) ?? []) : null;
      const values = deriveTargetValues(strapi, target, row, inputs, rowCredits);
      // Only a published version has a public path that readers may have bookmarked.
      if (row.publishedAt && row.path && typeof values.path === 'string' && values.path !== row.path) {
        const move = { from: row.path, to: values.path };
        if (!options.coveredByPrefix?.(move)) pathChanges.push(move);
      }
      if (options.keepDerived) {
        result.derived.set(row.id, { locale: row.locale, published: Boolean(row.publishedAt), values, credits: rowCredits });
      }
      updates.push({ id: row.id, values });
    }
    await updateRowsById(strapi, trx, target.uid, updates);
    await recordRedirects(strapi, trx, pathChanges);
    result.rows += updates.length;
  }
  return result;
}

/** The row ids in scope, sorted, read once for the whole cascade (a few bytes a row). */
async function resolveScope(strapi: Core.Strapi, trx: unknown, target: TrailTarget, scope: TargetScope): Promise<number[]> {
  const table = tableOf(strapi, target.uid);
  const idsOf = (rows: Array<Record<string, unknown>>) => rows.map((row) => Number(Object.values(row)[0]));
  let ids: number[];
  if (scope === 'all') {
    ids = idsOf(await sql(strapi, trx, table).select('id'));
  } else if ('documentId' in scope) {
    const query = sql(strapi, trx, table).select('id').where(columnOf(strapi, target.uid, 'documentId'), scope.documentId);
    if (scope.locale) query.where(columnOf(strapi, target.uid, 'locale'), scope.locale);
    ids = idsOf(await query);
  } else if ('categoryIds' in scope) {
    const link = relationLinkOf(strapi, target.uid, target.categoryField);
    ids = [];
    // IN lists have a bound on every database.
    for (let start = 0; start < scope.categoryIds.length; start += 1000) {
      const chunk = scope.categoryIds.slice(start, start + 1000);
      // A loop, not push(...rows): a spread of 200 000 arguments overflows the stack.
      for (const id of idsOf(await sql(strapi, trx, link.table).select(link.ownerColumn).whereIn(link.targetColumn, chunk))) ids.push(id);
    }
  } else if ('rowIds' in scope) {
    ids = scope.rowIds;
  } else {
    ids = scope.creditedSourceIds.length === 0 ? [] : idsOf(await creditedRowsQuery(strapi, trx, target.uid, scope.creditedSourceIds));
  }
  return [...new Set(ids)].sort((a, b) => a - b);
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
