import type { Core } from '@strapi/strapi';
import { columnOf, sql, tableOf } from './schema';

/** PostgreSQL reads every VALUES parameter as text; these give each column its real type. */
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
 * Writes many rows' values in ONE statement, so a cascade over a hundred thousand rows costs
 * a few hundred queries instead of a hundred thousand. Every row must set the same attributes.
 * It goes under the document service on purpose: derived fields are not an edit, so no
 * middleware, lifecycle or updatedAt bump should fire for them.
 *
 * PostgreSQL and SQLite (3.33+) join the table to a VALUES list (`UPDATE … FROM (VALUES …)`),
 * which costs one index lookup a row. MySQL has no UPDATE … FROM, so it gets
 * `SET col = CASE id WHEN … END`, whose cost grows with the square of the batch size.
 */
export async function updateRowsById(strapi: Core.Strapi, trx: unknown, uid: string, rows: RowUpdate[]): Promise<void> {
  if (rows.length === 0) return;
  const attributes = Object.keys(rows[0].values);
  const meta = strapi.db.metadata.get(uid as any);
  const typeOf = (attribute: string) => (meta.attributes[attribute] as { type?: string }).type;
  const valueOf = (row: RowUpdate, attribute: string) => {
    const value = row.values[attribute];
    if (typeOf(attribute) === 'json') return value == null ? null : JSON.stringify(value);
    return value ?? null;
  };
  const table = tableOf(strapi, uid);
  const columns = attributes.map((attribute) => columnOf(strapi, uid, attribute));
  const client = strapi.db.dialect.client;

  if (client === 'postgres' || client === 'sqlite') {
    const cast = (type: string | undefined) => (client === 'postgres' ? (POSTGRES_CASTS[type ?? ''] ?? '') : '');
    const placeholders = `(?${cast('integer')}, ${attributes.map((attribute) => `?${cast(typeOf(attribute))}`).join(', ')})`;
    const bindings: unknown[] = [];
    for (const row of rows) bindings.push(row.id, ...attributes.map((attribute) => valueOf(row, attribute)));
    // SQLite names VALUES columns column1, column2…; PostgreSQL takes them from the alias list.
    const names = ['id', ...columns.map((_, index) => `c${index}`)];
    const source = client === 'postgres' ? `v(${names.map((name) => `"${name}"`).join(', ')})` : 'v';
    const ref = (index: number) => (client === 'postgres' ? `v."${names[index]}"` : `v.column${index + 1}`);
    const schema = strapi.db.getSchemaName();
    const target = schema && client === 'postgres' ? `"${schema}"."${table}"` : `"${table}"`;
    const assignments = columns.map((column, index) => `"${column}" = ${ref(index + 1)}`).join(', ');
    await strapi.db.connection
      .raw(
        `UPDATE ${target} SET ${assignments} FROM (VALUES ${rows.map(() => placeholders).join(', ')}) AS ${source} WHERE ${target}."id" = ${ref(0)}`,
        bindings as any
      )
      .transacting(trx as any);
    return;
  }

  const knex = strapi.db.connection;
  const assignments: Record<string, unknown> = {};
  attributes.forEach((attribute, index) => {
    const cases: string[] = [];
    const bindings: unknown[] = [];
    for (const row of rows) {
      cases.push('WHEN ? THEN ?');
      bindings.push(row.id, valueOf(row, attribute));
    }
    assignments[columns[index]] = knex.raw(`CASE ?? ${cases.join(' ')} END`, ['id', ...bindings]);
  });
  await sql(strapi, trx, table)
    .whereIn('id', rows.map((row) => row.id))
    .update(assignments);
}
