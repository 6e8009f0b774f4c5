import type { Core } from '@strapi/strapi';
import { colophonConfig, type TrailTarget } from '../colophon-config';
import { derivedAttributesOf, type TargetRow } from './derive-target';
import { columnOf, relationLinkOf, sql, tableOf } from '../database/schema';

/**
 * The one SELECT that reads what derivation needs of a target's rows, joined to their
 * category link, with no WHERE yet: the cascade narrows it by cursor and scope, the checker by
 * row ids. Turn what it returns into TargetRows with toTargetRow.
 */
export function targetRowsQuery(strapi: Core.Strapi, trx: unknown, target: TrailTarget) {
  const table = tableOf(strapi, target.uid);
  const link = relationLinkOf(strapi, target.uid, target.categoryField);
  const column = (attribute: string) => `${table}.${columnOf(strapi, target.uid, attribute)}`;
  const has = derivedAttributesOf(strapi, target.uid);
  const { syndicationField } = colophonConfig(strapi).attribution;
  return sql(strapi, trx, table)
    .leftJoin(link.table, `${link.table}.${link.ownerColumn}`, `${table}.id`)
    .select(
      `${table}.id as id`,
      `${column('documentId')} as documentId`,
      `${column('locale')} as locale`,
      `${column('publishedAt')} as publishedAt`,
      ...(has.firstPublishedAt ? [`${column('firstPublishedAt')} as firstPublishedAt`] : []),
      `${column(target.titleField)} as title`,
      `${column(target.slugField)} as slug`,
      `${column('updatedAt')} as updatedAt`,
      `${link.table}.${link.targetColumn} as categoryId`,
      ...(has.path ? [`${column('path')} as path`] : []),
      ...(has.excerpt ? [`${column('excerpt')} as excerpt`] : []),
      ...(has.syndication ? [`${column(syndicationField)} as syndication`] : [])
    );
}

export function toTargetRow(row: any): TargetRow {
  return {
    id: Number(row.id),
    documentId: row.documentId,
    locale: row.locale ?? null,
    publishedAt: toIsoDate(row.publishedAt),
    firstPublishedAt: toIsoDate(row.firstPublishedAt),
    title: row.title ?? '',
    slug: row.slug ?? '',
    path: row.path ?? null,
    categoryId: row.categoryId == null ? null : Number(row.categoryId),
    updatedAt: toIsoDate(row.updatedAt),
    excerpt: row.excerpt ?? null,
    syndication: row.syndication ?? null,
  };
}

/** The given rows of a target, by id, as derivation reads them. Keep `rowIds` to a batch: it becomes an IN list. */
export async function readTargetRows(
  strapi: Core.Strapi,
  trx: unknown,
  target: TrailTarget,
  rowIds: number[]
): Promise<TargetRow[]> {
  if (rowIds.length === 0) return [];
  const table = tableOf(strapi, target.uid);
  const rows = await targetRowsQuery(strapi, trx, target).whereIn(`${table}.id`, rowIds).orderBy(`${table}.id`, 'asc');
  return rows.map(toTargetRow);
}

/** SQLite hands raw timestamps back as epoch milliseconds, PostgreSQL as Dates. */
function toIsoDate(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
