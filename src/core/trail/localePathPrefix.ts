import type { LocalePrefix, SiteTrailSettings } from './types';

export const DEFAULT_LOCALE_PREFIX: LocalePrefix = 'prefix-except-default';

/**
 * The path segment that puts a locale in every public path of that locale: "/en" for English
 * on a French site, "" for the Site's default locale. One URL space per locale, as hreflang
 * alternates expect (Google Search Central, "Localized versions of your pages": use distinct
 * URLs per language). `prefix-except-default` (the default) leaves the Site's defaultLocale
 * unprefixed, `prefix-always` prefixes every locale, `none` no locale (a one-locale site).
 * Lowercased: URL paths are case-sensitive, BCP 47 tags are not.
 */
export function localePathPrefix(site: Pick<SiteTrailSettings, 'localePrefix' | 'defaultLocale'>, locale: string | null | undefined): string {
  const mode = site.localePrefix ?? DEFAULT_LOCALE_PREFIX;
  if (!locale || mode === 'none') return '';
  if (mode === 'prefix-except-default' && site.defaultLocale && locale.toLowerCase() === site.defaultLocale.toLowerCase()) return '';
  // No default locale named: nothing says which locale goes unprefixed, so every one is.
  return `/${locale.toLowerCase()}`;
}
