import { localePathPrefix } from './localePathPrefix';
import type { SiteTrailSettings } from './types';

/**
 * What keeps `path` (of a document in `locale`) from being given out, or null when nothing
 * does. Under `prefix-except-default`, an unprefixed path must not start where another
 * locale's URL space does: a default-locale category slugged "en" at the site root would take
 * "/en", the English home page, and everything below it. `locales` are the site's locale codes.
 */
export function findReservedPath(
  path: string,
  site: Pick<SiteTrailSettings, 'localePrefix' | 'defaultLocale'>,
  locale: string | null,
  locales: readonly string[]
): string | null {
  if (localePathPrefix(site, locale) !== '') return null;
  for (const other of locales) {
    const prefix = localePathPrefix(site, other);
    if (prefix && (path === prefix || path.startsWith(`${prefix}/`))) return `the URL space of locale ${other} (${prefix}/…)`;
  }
  return null;
}
