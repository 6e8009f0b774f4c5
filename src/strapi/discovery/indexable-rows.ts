import type { Core } from '@strapi/strapi';
import type { DiscoverableType } from './discoverable-types';

/**
 * The SQL side of core's isIndexable (and, with `news`, isListedInGoogleNews), so that counts,
 * pages and cursors see the same rows: published, with a path, in `locale`, and, for a type
 * with `seo`, robots not saying noindex or none and a canonical that is unset or the page's own
 * URL (`baseUrl` + path). The streams check each row again with core's rule, which stays the
 * one that decides. Applied to a knex query builder on the type's table.
 */
export function whereIndexable(strapi: Core.Strapi, type: DiscoverableType, baseUrl: string, options: { locale?: string; news?: boolean } = {}) {
  const { columns } = type;
  const client = strapi.db.dialect.client;
  const json = (key: string) =>
    client === 'postgres'
      ? `(??::jsonb ->> '${key}')`
      : client === 'sqlite'
        ? `json_extract(??, '$.${key}')`
        : `JSON_UNQUOTE(JSON_EXTRACT(??, '$.${key}'))`;
  const concat = client === 'mysql' || client === 'mysql2' ? 'CONCAT(?, ??)' : '(? || ??)';
  return (query: any) => {
    query.whereNotNull(`${type.table}.${columns.publishedAt}`).whereNotNull(`${type.table}.${columns.path}`);
    if (options.locale) query.where(`${type.table}.${columns.locale}`, options.locale);
    if (!columns.seo) return query;
    const seo = `${type.table}.${columns.seo}`;
    const robots = `lower(coalesce(${json('robots')}, ''))`;
    const canonical = json('canonicalUrl');
    query.whereRaw(`${robots} not like '%noindex%' and ${robots} not like '%none%'`, [seo, seo]);
    query.whereRaw(`(${canonical} is null or ${canonical} = '' or ${canonical} = ${concat})`, [seo, seo, seo, baseUrl, `${type.table}.${columns.path}`]);
    if (options.news) {
      const news = `lower(coalesce(${json('googlebotNews')}, ''))`;
      query.whereRaw(`${news} not like '%noindex%' and ${news} not like '%none%'`, [seo, seo]);
    }
    return query;
  };
}

/** A JSON column as an object: SQLite and MySQL may hand back text, PostgreSQL an object. */
export function readJson<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as T;
    } catch {
      return null;
    }
  }
  return value as T;
}

/** SQLite hands timestamps back as epoch milliseconds, PostgreSQL as Dates, MySQL as strings. */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
  return Number.isNaN(date.getTime()) ? null : date;
}

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
