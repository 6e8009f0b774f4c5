/** What Colophon derived in a page's `seo` (src/core/attribution/buildSeo), as far as discovery reads it. */
export interface SeoFacts {
  canonicalUrl?: string | null;
  /** The robots meta directives, e.g. `index, follow` or `noindex, follow`. */
  robots?: string | null;
  /** `noindex` keeps the page out of Google News only. */
  googlebotNews?: string | null;
}

/** One published page as discovery sees it: its own absolute URL (null without a Site base URL) and its `seo`, if its type has one. */
export interface DiscoverablePage {
  url: string | null;
  seo?: SeoFacts | null;
}

const says = (directives: string | null | undefined, word: string) =>
  typeof directives === 'string' && directives.toLowerCase().split(',').some((part) => part.trim() === word);

/**
 * Whether search engines should index `page`, so that it may be listed in a sitemap or offered
 * as an hreflang alternate: it has an absolute URL, its robots directives say neither `noindex`
 * nor `none`, and its canonical is itself (or unset). A page canonical to another URL is a
 * duplicate of that one, and Google asks that sitemaps list canonical URLs only and that
 * hreflang alternates name canonical pages (Google Search Central, "Build and submit a sitemap"
 * and "Localized versions of your pages"; robots directives per "Robots meta tag").
 * A type without `seo` (Category) is indexable once it has a URL.
 */
export function isIndexable(page: DiscoverablePage): boolean {
  if (!page.url) return false;
  const seo = page.seo;
  if (!seo) return true;
  if (says(seo.robots, 'noindex') || says(seo.robots, 'none')) return false;
  return !seo.canonicalUrl || seo.canonicalUrl === page.url;
}

/**
 * Whether `page` may be listed in a Google News sitemap: indexable, and not kept out of Google
 * News by `googlebot-news: noindex` (Google's guidance for syndicated content:
 * support.google.com/news/publisher-center/answer/9606800).
 */
export function isListedInGoogleNews(page: DiscoverablePage): boolean {
  return isIndexable(page) && !says(page.seo?.googlebotNews, 'noindex') && !says(page.seo?.googlebotNews, 'none');
}

/**
 * The `seo` of a page Colophon has no reason to keep from search engines (a category page):
 * indexed, followed, canonical to its own URL (null while the Site has no base URL), the same
 * shape an article's `seo` has (src/core/attribution/buildSeo), so a frontend renders both alike.
 */
export function ownPageSeo(url: string | null): Required<SeoFacts> {
  return { canonicalUrl: url, robots: 'index, follow', googlebotNews: null };
}
