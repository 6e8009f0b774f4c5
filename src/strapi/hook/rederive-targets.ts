import type { Core } from '@strapi/strapi';
import type { Credit } from '../../core/attribution';
import type { TrailTarget } from '../colophon-config';
import { colophonConfig } from '../colophon-config';
import { updateRowsById } from '../database/bulk-update';
import { derivedAttributesOf, deriveTargetValues, type DerivationInputs, type TargetRow } from './derive-target';
import { creditedRowsQuery } from '../attribution/credited-rows';
import { loadCredits } from '../attribution/load-credits';
import { loadCovers } from '../attribution/load-covers';
import { recordRedirects, retireRedirectsFrom, type LocalePath, type PathChange } from '../trails/redirects';
import { columnOf, relationLinkOf, sql, tableOf } from '../database/schema';
import { readTargetRows, targetRowsQuery, toTargetRow } from './target-rows';
import { addAlternates } from '../discovery/alternate-writes';

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
  /**
   * Whether some row's path changed (it moved, or had none) in a way `options.movedWith` does
   * not explain: the ledger must then claim those rows again.
   */
  pathsMoved: boolean;
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
  coveredByPrefix?: (move: PathChange) => boolean;
  /** Whether a path change is its category's subtree moving (the ledger moves those claims itself). */
  movedWith?: (from: string, to: string, locale: string | null) => boolean;
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
  const result: RederiveResult = { rows: 0, pathsMoved: false, derived: new Map(), skipped: [] };
  const has = derivedAttributesOf(strapi, target.uid);
  // One document's write (the hot path) reads its few rows at once, with no id lookup first.
  const documentRows = typeof scope === 'object' && 'documentId' in scope ? await readDocumentRows(strapi, trx, target, scope) : null;
  const ids = documentRows ? documentRows.map((row) => row.id) : await resolveScope(strapi, trx, target, scope as Exclude<TargetScope, { documentId: string }>);

  const multiBatch = ids.length > batchSize;
  // On SQLite every statement runs synchronously on the main thread, so a batch would run from
  // its first statement to its last without letting a single request in: yield between steps.
  const pause = () => (multiBatch ? yieldToEventLoop() : Promise.resolve());
  for (let start = 0; start < ids.length; start += batchSize) {
    await pause();
    const rows = documentRows ?? (await readTargetRows(strapi, trx, target, ids.slice(start, start + batchSize)));
    await pause();
    const credits = has.attribution ? await loadCredits(strapi, trx, target.uid, rows.map((row) => row.id)) : null;
    const covers = has.structuredData ? await loadCovers(strapi, trx, target.uid, rows.map((row) => row.id)) : null;
    await pause();

    const pathChanges: PathChange[] = [];
    const livePaths: LocalePath[] = [];
    const updates: Array<{ id: number; values: Record<string, unknown> }> = [];
    const versions: TargetRow[] = [];
    for (let index = 0; index < rows.length; index += 1) {
      // Deriving a row costs tens of microseconds: a whole batch at once held the event loop
      // for 20-40 ms, and over 100 ms when the database shared the machine's cores.
      if (index > 0 && index % DERIVE_SLICE === 0) await pause();
      const row = rows[index];
      const damage = row.categoryId === null ? undefined : inputs.tree.damaged.get(row.categoryId);
      if (damage) {
        result.skipped.push({ id: row.id, documentId: row.documentId, locale: row.locale, categoryId: row.categoryId!, reason: damage.message });
        continue;
      }
      const rowCredits = credits ? (credits.get(row.id) ?? []) : null;
      const values = deriveTargetValues(strapi, target, row, inputs, rowCredits, covers?.get(row.id) ?? null);
      // Only a published version has a public path that readers may have bookmarked.
      if (row.publishedAt && row.path && typeof values.path === 'string' && values.path !== row.path) {
        const move = { from: row.path, to: values.path, locale: row.locale };
        if (!options.coveredByPrefix?.(move)) pathChanges.push(move);
      }
      if (row.publishedAt && typeof values.path === 'string') livePaths.push({ path: values.path, locale: row.locale });
      if (
        typeof values.path === 'string' &&
        values.path !== row.path &&
        !(row.path && options.movedWith?.(row.path, values.path, row.locale))
      ) {
        result.pathsMoved = true;
      }
      if (options.keepDerived) {
        result.derived.set(row.id, { locale: row.locale, published: Boolean(row.publishedAt), values, credits: rowCredits });
      }
      updates.push({ id: row.id, values });
      versions.push(row);
    }
    await pause();
    // Rows come in id order, so the batch holding a document's last row sees every other row
    // already re-derived: a cascade over many batches ends with every list right.
    if (has.seo) await addAlternates(strapi, trx, target.uid, inputs.site, versions.map((row, index) => ({ row, values: updates[index].values })));
    await updateRowsById(strapi, trx, target.uid, updates);
    await recordRedirects(strapi, trx, pathChanges);
    // Whatever brought a published row to its path (a create, a publish, a move, a cascade),
    // no old rule may leave from it any more.
    await retireRedirectsFrom(strapi, trx, livePaths);
    result.rows += updates.length;
  }
  return result;
}

/**
 * The row ids in scope, sorted and unique, read once for the whole cascade (8 bytes a row).
 * A category's articles are read one category at a time, yielding in between, so that no
 * single read of a large archive holds the event loop.
 */
async function resolveScope(
  strapi: Core.Strapi,
  trx: unknown,
  target: TrailTarget,
  scope: Exclude<TargetScope, { documentId: string }>
): Promise<number[]> {
  const table = tableOf(strapi, target.uid);
  const ids: number[] = [];
  const append = (values: unknown[]) => {
    // A loop, not push(...values): a spread of 200 000 arguments overflows the stack.
    for (const value of values) ids.push(Number(value));
  };
  if (scope === 'all') {
    // Keyset pages down the primary key, for the same reason as categories below.
    for (let cursor = 0; ; ) {
      const page: unknown[] = await sql(strapi, trx, table).pluck('id').where('id', '>', cursor).orderBy('id').limit(10_000);
      append(page);
      if (page.length < 10_000) break;
      cursor = Number(page[page.length - 1]);
      await yieldToEventLoop();
    }
  } else if ('categoryIds' in scope) {
    const link = relationLinkOf(strapi, target.uid, target.categoryField);
    for (const categoryId of scope.categoryIds) {
      append(await sql(strapi, trx, link.table).pluck(link.ownerColumn).where(link.targetColumn, categoryId));
      if (scope.categoryIds.length > 1) await yieldToEventLoop();
    }
  } else if ('rowIds' in scope) {
    return sortedUnique(scope.rowIds);
  } else if (scope.creditedSourceIds.length > 0) {
    append((await creditedRowsQuery(strapi, trx, target.uid, scope.creditedSourceIds)).map((row: Record<string, unknown>) => Object.values(row)[0]));
  }
  return sortedUnique(ids);
}

async function readDocumentRows(
  strapi: Core.Strapi,
  trx: unknown,
  target: TrailTarget,
  scope: { documentId: string; locale?: string }
): Promise<TargetRow[]> {
  const table = tableOf(strapi, target.uid);
  const query = targetRowsQuery(strapi, trx, target)
    .where(`${table}.${columnOf(strapi, target.uid, 'documentId')}`, scope.documentId)
    .orderBy(`${table}.id`, 'asc');
  if (scope.locale) query.where(`${table}.${columnOf(strapi, target.uid, 'locale')}`, scope.locale);
  return (await query).map(toTargetRow);
}

/** Numeric sort on a typed array: a fraction of what sorting 200 000 boxed numbers costs. */
function sortedUnique(ids: readonly number[]): number[] {
  const sorted = Float64Array.from(ids).sort();
  const unique: number[] = [];
  for (let i = 0; i < sorted.length; i += 1) if (i === 0 || sorted[i] !== sorted[i - 1]) unique.push(sorted[i]);
  return unique;
}

/** Rows derived between two yields to the event loop during a multi-batch cascade. */
const DERIVE_SLICE = 100;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
