import { localePathPrefix, resolveTrailSettings, type SiteTrailSettings } from '../../core/trail';

/** The pages every site has in a locale whatever its content: that locale's home page and blog index. */
export function sitePaths(site: SiteTrailSettings, locale: string | null): string[] {
  const prefix = localePathPrefix(site, locale);
  return [prefix || '/', prefix + resolveTrailSettings(site).blogPath || '/'];
}
