import type { Core } from '@strapi/strapi';
import { resolveTrailSettings } from '../../core/trail';
import { loadSiteSettings } from './site-settings';

/**
 * Says once, at boot, that no BreadcrumbList is published while the Site has no baseUrl:
 * schema.org items must be absolute URLs, so structuredData leaves the list out rather than
 * ship one search engines report as invalid (core's buildBreadcrumbList). Paths and
 * breadcrumbs stay relative and usable meanwhile.
 */
export async function warnMissingBaseUrl(strapi: Core.Strapi): Promise<void> {
  if (resolveTrailSettings(await loadSiteSettings(strapi)).baseUrl !== '') return;
  strapi.log.warn(
    '[colophon] The Site has no baseUrl: breadcrumb URLs stay relative and structuredData carries no BreadcrumbList ' +
      'until one is set (Content Manager > Site > baseUrl, e.g. https://example.org).'
  );
}
