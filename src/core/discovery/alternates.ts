import { isIndexable, type DiscoverablePage } from './indexable';

/** One hreflang alternate: a language (BCP 47) or `x-default`, and an absolute URL. */
export interface Alternate {
  hreflang: string;
  url: string;
}

/** One published localization of a document: its locale code as Strapi's i18n names it, and its page. */
export interface Localization extends DiscoverablePage {
  locale: string;
}

/** The hreflang value Google reads as "any language, no preference" (Google Search Central, "Localized versions of your pages"). */
export const X_DEFAULT = 'x-default';

/**
 * A Strapi locale code as an hreflang value: BCP 47 with hyphens (`pt_BR` becomes `pt-BR`).
 * hreflang compares case-insensitively; the code is kept as the editor wrote it.
 */
export function hreflangOf(locale: string): string {
  return locale.trim().replace(/_/g, '-');
}

/**
 * The hreflang alternates of a document's pages: one `{ hreflang, url }` per indexable
 * localization (itself included), sorted by hreflang, then `x-default` pointing at the
 * localization in `defaultLocale` when that one is indexable. Every indexable localization
 * gets the same list, so every alternate names all the others and return links always hold,
 * as Google requires ("Localized versions of your pages": "each language version must list
 * itself as well as all other language versions"; without return links the tags are ignored).
 *
 * A page that is not indexable (noindex, or canonical to another URL) is never named, and
 * its own list is empty: it would point at pages that do not point back. Two localizations
 * with the same locale (a caller's mistake) keep the first.
 */
export function buildAlternates(localizations: readonly Localization[], defaultLocale: string | null | undefined): Alternate[] {
  const byLanguage = new Map<string, Alternate>();
  for (const page of localizations) {
    if (!isIndexable(page)) continue;
    const hreflang = hreflangOf(page.locale);
    const key = hreflang.toLowerCase();
    if (!byLanguage.has(key)) byLanguage.set(key, { hreflang, url: page.url! });
  }
  const alternates = [...byLanguage.values()].sort((a, b) => (a.hreflang.toLowerCase() < b.hreflang.toLowerCase() ? -1 : 1));
  const fallback = defaultLocale ? byLanguage.get(hreflangOf(defaultLocale).toLowerCase()) : undefined;
  if (fallback) alternates.push({ hreflang: X_DEFAULT, url: fallback.url });
  return alternates;
}

/** The alternates `page` carries: the document's list when the page is indexable, else none (see buildAlternates). */
export function alternatesOf(page: Localization, siblings: readonly Localization[], defaultLocale: string | null | undefined): Alternate[] {
  return isIndexable(page) ? buildAlternates([page, ...siblings.filter((sibling) => sibling.locale !== page.locale)], defaultLocale) : [];
}
