import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';
import { sql, tableOf } from './schema';

/**
 * The PostgreSQL advisory lock key that orders derivation against cascades. Any int8 will do
 * as long as nothing else in the database uses it; this one spells "Colo" in ASCII.
 */
export const TRAIL_INPUTS_LOCK_KEY = 0x436f6c6f;

/** The row MySQL locks in place of an advisory lock (it has no shared named locks). */
const MYSQL_LOCK_ROW = 'plugin_colophon_trail_inputs_lock';

export type TrailLockMode = 'shared' | 'exclusive';

/**
 * Orders every write that reads the category tree, the Site or a Source (an article's save:
 * `shared`) against every write that changes them and cascades (a category's, the Site's, a
 * Source's: `exclusive`), for the rest of the transaction `trx`. Taken before the write reads
 * anything, so a derivation never starts from a tree another transaction is changing, and two
 * category moves never each check against a tree without the other (which is how two opposite
 * moves both passed the cycle check and stored a cycle). Article saves still run in parallel
 * with one another.
 *
 * - PostgreSQL: `pg_advisory_xact_lock_shared` / `pg_advisory_xact_lock`, released at commit or
 *   rollback, shared by every app instance on the database.
 * - SQLite: one writer at a time already; a no-op UPDATE takes the write lock now rather than
 *   at the first real write, so a transaction in another process waits (busy timeout) instead
 *   of failing with SQLITE_BUSY when it tries to upgrade a read lock.
 * - MySQL/MariaDB: `SELECT … FOR SHARE` / `FOR UPDATE` on one row of the core store.
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
