import type { Core } from '@strapi/strapi';
import { resolveTrailSettings } from '../../core/trail';
import { colophonConfig } from '../colophon-config';
import { columnOf, tableOf } from '../database/schema';
import { loadSiteSettings } from '../trails/site-settings';

/** A content type whose published documents have pages of their own: the trail targets and categories. */
export interface DiscoverableType {
  uid: string;
  /** Its plural name, which names its sitemaps (`articles-fr-1.xml`). */
  plural: string;
  table: string;
  /** Column names, read from Strapi's metadata. */
  columns: { documentId: string; locale: string; path: string; publishedAt: string; updatedAt: string; seo: string | null; title: string | null; firstPublishedAt: string | null };
}

/** The types with pages, in the order sitemaps list them: trail targets, then categories. Types without `path` have no page. */
export function discoverableTypes(strapi: Core.Strapi): DiscoverableType[] {
  const { trails } = colophonConfig(strapi);
  const entries: Array<{ uid: string; titleField: string | null }> = [
    ...trails.targets.map((target) => ({ uid: target.uid, titleField: target.titleField })),
    { uid: trails.categoryUid, titleField: 'name' },
  ];
  const types: DiscoverableType[] = [];
  for (const { uid, titleField } of entries) {
    const contentType = strapi.contentType(uid as any) as any;
    const attributes = contentType.attributes as Record<string, unknown>;
    if (!('path' in attributes)) continue;
    const column = (attribute: string) => (attribute in attributes ? columnOf(strapi, uid, attribute) : null);
    types.push({
      uid,
      plural: contentType.info.pluralName,
      table: tableOf(strapi, uid),
      columns: {
        documentId: columnOf(strapi, uid, 'documentId'),
        locale: columnOf(strapi, uid, 'locale'),
        path: columnOf(strapi, uid, 'path'),
        publishedAt: columnOf(strapi, uid, 'publishedAt'),
        updatedAt: columnOf(strapi, uid, 'updatedAt'),
        seo: column('seo'),
        title: titleField ? column(titleField) : null,
        firstPublishedAt: column('firstPublishedAt'),
      },
    });
  }
  return types;
}

/** What sitemaps and feeds need of the Site. */
export interface DiscoverySite {
  name: string;
  /** Without a trailing slash; '' when the Site has none (then nothing can be listed). */
  baseUrl: string;
  defaultLocale: string | null;
}

export async function loadDiscoverySite(strapi: Core.Strapi): Promise<DiscoverySite> {
  const resolved = resolveTrailSettings(await loadSiteSettings(strapi));
  return { name: resolved.siteName, baseUrl: resolved.baseUrl, defaultLocale: resolved.defaultLocale };
}
