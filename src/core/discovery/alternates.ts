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

/** One stored version (row) of a localized document, as the write hook holds it. */
export interface LocalizedVersion extends DiscoverablePage {
  id: number;
  documentId: string;
  locale: string;
  /** Whether this row is the published version of its locale (Strapi 5 keeps the draft apart). */
  published: boolean;
}

/**
 * The `seo.alternates` of every version in `versions`, by row id, for any number of documents:
 * a published version gets alternatesOf itself among its document's published versions; a
 * draft gets what the published version of its locale gets (what readers of that locale see
 * now), or none while that locale is not published. Drafts never appear as alternates: they
 * have no public URL.
 *
 * Deterministic (sorted by hreflang), so a caller may compare the result with what is stored
 * to skip a write.
 */
export function alternatesByVersion(versions: readonly LocalizedVersion[], defaultLocale: string | null | undefined): Map<number, Alternate[]> {
  const published = new Map<string, LocalizedVersion[]>();
  for (const version of versions) {
    if (!version.published) continue;
    const list = published.get(version.documentId);
    if (list) list.push(version);
    else published.set(version.documentId, [version]);
  }
  const result = new Map<number, Alternate[]>();
  const ofPublished = new Map<string, Alternate[]>();
  for (const [documentId, list] of published) {
    for (const version of list) {
      ofPublished.set(`${documentId}\u0000${version.locale}`, alternatesOf(version, list, defaultLocale));
    }
  }
  for (const version of versions) {
    result.set(version.id, ofPublished.get(`${version.documentId}\u0000${version.locale}`) ?? []);
  }
  return result;
}
