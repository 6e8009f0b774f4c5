import type { Core } from '@strapi/strapi';
import { cleanText, toHttpUrl } from '../../core/attribution';
import type { PublisherFact } from '../../core/structured-data';
import { colophonConfig } from '../colophon-config';

/** The Site as schema.org's publisher; null before the Site is filled in. */
export async function loadPublisher(strapi: Core.Strapi): Promise<PublisherFact | null> {
  const site = await strapi.db.query(colophonConfig(strapi).trails.siteUid as any).findOne({});
  // Cleaned like every credit: a Site name may hold bidi overrides or zero-width characters.
  const name = cleanText(site?.name);
  if (!name) return null;
  const url = toHttpUrl(site.baseUrl);
  const logo = toHttpUrl(site.logoUrl);
  return { name, ...(url ? { url } : {}), ...(logo ? { logo } : {}) };
}
