import type { Core } from '@strapi/strapi';
import { findTreeRoot } from '../../core/trail';
import { colophonConfig } from '../colophon-config';
import { loadCategoryTree, type CategoryTree } from '../trails/category-tree';
import { sql, tableOf } from './schema';

/**
 * The PostgreSQL advisory lock key that orders derivation against cascades. Any int8 will do
 * as long as nothing else in the database uses it; this one spells "Colo" in ASCII.
 */
export const TRAIL_INPUTS_LOCK_KEY = 0x436f6c6f;

/**
 * PostgreSQL's two-key advisory locks (int4, int4) live apart from the one-key (int8) lock
 * above (pg_locks tells them apart by objsubid), so these never collide with it: one class
 * for the trees of the category forest (the second key a root's row id, 0 for the root level),
 * one for documents (the second key a hash of the documentId).
 */
export const CATEGORY_TREE_LOCK_CLASS = 0x436f6c74; // "Colt"
export const DOCUMENT_LOCK_CLASS = 0x436f6c64; // "Cold"
/** The second key that stands for the root level: the paths right under the blog. */
export const ROOT_LEVEL_LOCK_KEY = 0;

/** The row MySQL locks in place of an advisory lock (it has no shared named locks). */
const MYSQL_LOCK_ROW = 'plugin_colophon_trail_inputs_lock';

export type TrailLockMode = 'shared' | 'exclusive';

/**
 * The outer ordering lock, for the rest of the transaction `trx`: `exclusive` for the writes
 * that every derived field may read and that cascade over everything (the Site's, a Source's,
 * the checker's repairs), `shared` for all others, which lockCategoryTrees then narrows to
 * the trees they touch. Taken before the write reads anything, so a derivation never starts
 * from data another transaction is changing.
 *
 * - PostgreSQL: `pg_advisory_xact_lock_shared` / `pg_advisory_xact_lock`, released at commit or
 *   rollback, shared by every app instance on the database.
 * - SQLite: one writer at a time already; a no-op UPDATE takes the write lock now rather than
 *   at the first real write, so a transaction in another process waits (busy timeout) instead
 *   of failing with SQLITE_BUSY when it tries to upgrade a read lock.
 * - MySQL/MariaDB: `SELECT … FOR SHARE` / `FOR UPDATE` on one row of the core store; there,
 *   every category write takes it exclusively (no per-tree locks).
 *
 * Waiting may end in a deadlock error (a transaction already holding row locks); the
 * contention retry (./contention.ts) runs the whole write again.
 */
export async function lockTrailInputs(strapi: Core.Strapi, trx: unknown, mode: TrailLockMode): Promise<void> {
  const client = strapi.db.dialect.client;
  const raw = (query: string, bindings: unknown[] = []) => strapi.db.connection.raw(query, bindings as any).transacting(trx as any);

  if (client === 'postgres') {
    const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
    await raw(`select ${fn}(?::bigint)`, [TRAIL_INPUTS_LOCK_KEY]);
    return;
  }
  if (client === 'sqlite') {
    const table = tableOf(strapi, colophonConfig(strapi).trails.categoryUid);
    await sql(strapi, trx, table).where('id', '<', 0).update({ id: strapi.db.connection.raw('id') });
    return;
  }
  if (client === 'mysql') {
    const query = sql(strapi, trx, 'strapi_core_store_settings').select('id').where('key', MYSQL_LOCK_ROW);
    await (mode === 'shared' ? query.forShare() : query.forUpdate());
  }
}

/** MySQL locks a row, so the row must exist before the first write: created once at bootstrap. */
export async function ensureTrailLockRow(strapi: Core.Strapi): Promise<void> {
  if (strapi.db.dialect.client !== 'mysql') return;
  const store = () => strapi.db.connection('strapi_core_store_settings');
  if (!(await store().select('id').where('key', MYSQL_LOCK_ROW).first())) {
    await store().insert({ key: MYSQL_LOCK_ROW, value: '{}', type: 'object' });
  }
}

/** What one write reads (an article's save) or changes (a category's) of the category forest. */
export interface TreeClaim {
  /** Category row ids: the trees they sit in (now, and where the write moves them) are locked. */
  categoryIds: number[];
  /** Whether the root level is involved: an article with no category, a root's slug or parent, a delete. */
  rootLevel: boolean;
}

/** What lockCategoryTrees held when it returned: the tree as read under the locks. */
export interface TreeLocks {
  tree: CategoryTree;
}

/** Rounds of "read the tree, lock what it says, read again" before giving up on narrowing. */
const MAX_LOCK_ROUNDS = 5;

/**
 * Orders a write that reads or changes part of the category forest against the writes that
 * change that part, and only those: on PostgreSQL, a rename of one section no longer makes
 * every save in every other section wait for its cascade, as the single lock of
 * lockTrailInputs did (20-28 s at 100 000 articles).
 *
 * Every such write first takes lockTrailInputs' lock shared, so the Site's and the Sources'
 * cascades (which take it exclusively) still exclude everything. Then, on PostgreSQL: a
 * document lock, when `documentId` is given, so that two saves of one article cannot each
 * claim the trees they read before the other moved it; then one lock per tree named by
 * `claim` (findTreeRoot of each category), plus the root level, `mode` for each:
 * shared for an article's save, exclusive for a category's write. Trees are locked in
 * ascending order; since which trees a write touches is read before their locks are held, the
 * tree is read again under them, and any tree that appeared (a concurrent move committed in
 * between) is locked too, until nothing changes. Opposite moves of two categories therefore
 * both lock both trees and run one after the other: one sees the other's move and is refused.
 * A deadlock between late locks is retried whole by the contention middleware.
 *
 * SQLite (one writer) and MySQL keep lockTrailInputs alone, `mode` and all.
 */
export async function lockCategoryTrees(
  strapi: Core.Strapi,
  trx: unknown,
  mode: TrailLockMode,
  claim: (tree: CategoryTree) => TreeClaim | Promise<TreeClaim>,
  documentId?: string
): Promise<TreeLocks> {
  if (strapi.db.dialect.client !== 'postgres') {
    await lockTrailInputs(strapi, trx, mode);
    return { tree: await loadCategoryTree(strapi, trx) };
  }
  await lockTrailInputs(strapi, trx, 'shared');
  const raw = (query: string, bindings: unknown[]) => strapi.db.connection.raw(query, bindings as any).transacting(trx as any);
  if (documentId) await raw('select pg_advisory_xact_lock(?, hashtext(?))', [DOCUMENT_LOCK_CLASS, documentId]);

  const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  const held = new Set<number>();
  let tree = await loadCategoryTree(strapi, trx);
  for (let round = 0; round < MAX_LOCK_ROUNDS; round += 1) {
    const wanted = treeKeys(tree, await claim(tree));
    const missing = wanted.filter((key) => !held.has(key));
    if (missing.length === 0) break;
    for (const key of missing) {
      // One at a time on the transaction's one connection (pg will not run two at once).
      await raw(`select ${fn}(?, ?)`, [CATEGORY_TREE_LOCK_CLASS, key]);
      held.add(key);
    }
    tree = await loadCategoryTree(strapi, trx);
  }
  return { tree };
}

/** The sorted, unique tree lock keys a claim names. */
function treeKeys(tree: CategoryTree, claim: TreeClaim): number[] {
  const keys = new Set<number>();
  if (claim.rootLevel) keys.add(ROOT_LEVEL_LOCK_KEY);
  for (const id of claim.categoryIds) keys.add(Number(findTreeRoot(String(id), tree.parentOf)));
  return [...keys].sort((a, b) => a - b);
}
