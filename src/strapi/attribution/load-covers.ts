import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';
import { columnOf, sql, tableOf } from '../database/schema';

export interface CoverImage {
  /** Absolute http(s) URL, or the provider's relative one when no server.url is configured. */
  url: string;
  caption: string | null;
}

/** A cover with what its upload file row says of it: the media type, and the size in kilobytes as Strapi keeps it. */
export interface CoverFile extends CoverImage {
  mime: string | null;
  sizeKb: number | null;
}

/**
 * The image (cover) of many rows in one query, through Strapi's media link table. A local
 * upload's URL is relative (/uploads/…): it is made absolute with `server.url`, since
 * structured data only takes absolute URLs; without one, the image is left out downstream.
 */
export async function loadCovers(strapi: Core.Strapi, trx: unknown, uid: string, rowIds: number[]): Promise<Map<number, CoverImage>> {
  const files = await loadCoverFiles(strapi, trx, uid, rowIds);
  return new Map([...files].map(([id, { url, caption }]) => [id, { url, caption }]));
}

/** loadCovers, with each file's media type and size (what a feed's enclosure needs). */
export async function loadCoverFiles(strapi: Core.Strapi, trx: unknown, uid: string, rowIds: number[]): Promise<Map<number, CoverFile>> {
  const covers = new Map<number, CoverFile>();
  const { imageField, imageCaptionField } = colophonConfig(strapi).attribution;
  const attributes = strapi.contentType(uid as any).attributes as Record<string, { type?: string }>;
  if (rowIds.length === 0 || !imageField || attributes[imageField]?.type !== 'media') return covers;

  const fileUid = 'plugin::upload.file';
  const joinTable = (strapi.db.metadata.get(fileUid as any).attributes as any).related.joinTable;
  const link = joinTable.name;
  const files = tableOf(strapi, fileUid);
  const table = tableOf(strapi, uid);
  const idColumn = joinTable.morphColumn.idColumn.name;
  const file = (attribute: string) => `${files}.${columnOf(strapi, fileUid, attribute)}`;
  const withCaption = imageCaptionField && imageCaptionField in attributes;
  const rows = await sql(strapi, trx, link)
    .join(files, `${files}.id`, `${link}.${joinTable.joinColumn.name}`)
    .join(table, `${table}.id`, `${link}.${idColumn}`)
    .select(
      `${link}.${idColumn} as rowId`,
      `${file('url')} as url`,
      `${file('mime')} as mime`,
      `${file('size')} as size`,
      ...(withCaption ? [`${table}.${columnOf(strapi, uid, imageCaptionField!)} as caption`] : [])
    )
    .where(`${link}.${joinTable.morphColumn.typeColumn.name}`, uid)
    .where(`${link}.field`, imageField)
    .whereIn(`${link}.${idColumn}`, rowIds);

  for (const row of rows) {
    const cover = toCoverImage(strapi, row.url, row.caption);
    if (cover) covers.set(Number(row.rowId), { ...cover, mime: row.mime ?? null, sizeKb: row.size == null ? null : Number(row.size) });
  }
  return covers;
}

/**
 * A cover as derivation reads it, from the file's stored URL and the caption field: the hook
 * (loadCovers) and the preview both build it here. Null when the file has no URL.
 */
export function toCoverImage(strapi: Core.Strapi, fileUrl: unknown, caption: unknown): CoverImage | null {
  const serverUrl = String(strapi.config.get('server.url', '') ?? '').replace(/\/$/, '');
  const url = typeof fileUrl === 'string' && fileUrl.startsWith('/') && serverUrl ? `${serverUrl}${fileUrl}` : fileUrl;
  if (typeof url !== 'string' || url === '') return null;
  return { url, caption: typeof caption === 'string' ? caption : null };
}
