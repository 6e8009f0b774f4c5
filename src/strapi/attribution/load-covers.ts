import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';
import { columnOf, sql, tableOf } from '../database/schema';

export interface CoverImage {
  /** Absolute http(s) URL, or the provider's relative one when no server.url is configured. */
  url: string;
  caption: string | null;
}

/**
 * The image (cover) of many rows in one query, through Strapi's media link table. A local
 * upload's URL is relative (/uploads/…): it is made absolute with `server.url`, since
 * structured data only takes absolute URLs; without one, the image is left out downstream.
 */
export async function loadCovers(strapi: Core.Strapi, trx: unknown, uid: string, rowIds: number[]): Promise<Map<number, CoverImage>> {
  const covers = new Map<number, CoverImage>();
  const { imageField, imageCaptionField } = colophonConfig(strapi).attribution;
  const attributes = strapi.contentType(uid as any).attributes as Record<string, { type?: string }>;
  if (rowIds.length === 0 || !imageField || attributes[imageField]?.type !== 'media') return covers;

  const fileUid = 'plugin::upload.file';
  const joinTable = (strapi.db.metadata.get(fileUid as any).attributes as any).related.joinTable;
  const link = joinTable.name;
  const files = tableOf(strapi, fileUid);
  const table = tableOf(strapi, uid);
  const idColumn = joinTable.morphColumn.idColumn.name;
  const withCaption = imageCaptionField && imageCaptionField in attributes;
  const rows = await sql(strapi, trx, link)
    .join(files, `${files}.id`, `${link}.${joinTable.joinColumn.name}`)
    .join(table, `${table}.id`, `${link}.${idColumn}`)
    .select(
      `${link}.${idColumn} as rowId`,
      `${files}.${columnOf(strapi, fileUid, 'url')} as url`,
      ...(withCaption ? [`${table}.${columnOf(strapi, uid, imageCaptionField!)} as caption`] : [])
    )
    .where(`${link}.${joinTable.morphColumn.typeColumn.name}`, uid)
    .where(`${link}.field`, imageField)
    .whereIn(`${link}.${idColumn}`, rowIds);

  const serverUrl = String(strapi.config.get('server.url', '') ?? '').replace(/\/$/, '');
  for (const row of rows) {
    const url = typeof row.url === 'string' && row.url.startsWith('/') && serverUrl ? `${serverUrl}${row.url}` : row.url;
    if (typeof url === 'string' && url !== '') covers.set(Number(row.rowId), { url, caption: row.caption ?? null });
  }
  return covers;
}
