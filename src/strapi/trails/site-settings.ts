import type { Core } from '@strapi/strapi';
import type { SiteTrailSettings } from '../../core/trail';
import { colophonConfig } from '../colophon-config';

/** Before the Site is filled in, trails still render: the site's name falls back to "Home". */
export async function loadSiteSettings(strapi: Core.Strapi): Promise<SiteTrailSettings> {
  const site = await strapi.db.query(colophonConfig(strapi).trails.siteUid as any).findOne({});
  return {
    name: site?.name || 'Home',
    baseUrl: site?.baseUrl ?? null,
    blogLabel: site?.blogLabel ?? null,
    blogPath: site?.blogPath ?? null,
    breadcrumbSeparator: site?.breadcrumbSeparator ?? null,
    defaultLocale: site?.defaultLocale ?? null,
    localePrefix: site?.localePrefix ?? null,
  };
}
