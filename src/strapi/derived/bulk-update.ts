import type { Core } from '@strapi/strapi';
import { columnOf, isPostgres, sql, tableOf } from './schema';

const POSTGRES_CASTS: Record<string, string> = {
  json: '::jsonb',
  integer: '::integer',
  biginteger: '::bigint',
  boolean: '::boolean',
};

export interface RowUpdate {
  id: number;
  /** Attribute name -> new value. JSON attributes take plain objects. */
  values: Record<string, unknown>;
}

/**
 * Writes many rows' values in ONE statement (`SET col = CASE id WHEN … END`), so a cascade
 * over ten thousand rows costs a few dozen queries instead of ten thousand. It goes under the
 * document service on purpose: derived fields are not an edit, so no middleware, lifecycle
 * or updatedAt bump should fire for them.
 */
export async function updateRowsById(
  strapi: Core.Strapi,
  trx: unknown,
  uid: string,
  rows: RowUpdate[]
): Promise<void> {
  if (rows.length === 0) return;
  const knex = strapi.db.connection;
  const attributes = Object.keys(rows[0].values);
  const meta = strapi.db.metadata.get(uid as any);
  // PostgreSQL types each CASE branch from its parameter, which it sees as text.
  const castFor = (type: string | undefined) =>
    isPostgres(strapi) ? (POSTGRES_CASTS[type ?? ''] ?? '') : '';

  const assignments: Record<string, unknown> = {};
  for (const attribute of attributes) {
    const type = (meta.attributes[attribute] as { type?: string }).type;
    const isJson = type === 'json';
    const cases: string[] = [];
    const bindings: unknown[] = [];
    for (const row of rows) {
      const value = row.values[attribute];
      cases.push(`WHEN ? THEN ?${castFor(type)}`);
      bindings.push(row.id, isJson ? (value == null ? null : JSON.stringify(value)) : (value ?? null));
    }
    assignments[columnOf(strapi, uid, attribute)] = knex.raw(`CASE ?? ${cases.join(' ')} END`, ['id', ...bindings]);
  }

  await sql(strapi, trx, tableOf(strapi, uid))
    .whereIn('id', rows.map((row) => row.id))
    .update(assignments);
}
