import { classifyRelationship } from './classifyRelationship';
import { findRepublishedPage, type RepublishedPage } from './findRepublishedPage';
import { SEO_OVERRIDES, type Credit, type SeoDirectives, type SeoOverride, type SourceAgreement } from './types';

export interface SeoInput {
  credits: readonly Credit[];
  /** The article's `syndication` field; null or an unknown value counts as `default`. */
  override: SeoOverride | null | undefined;
  /** The article's locale (BCP 47). */
  locale: string;
  /** The article's own absolute URL, null while it has none. */
  ownUrl: string | null;
}

const primaryLanguage = (tag: string) => tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';

/** A page with no stated language is taken to be in ours: we republish it as it is. */
function sameLanguage(page: RepublishedPage, locale: string): boolean {
  return page.language === null || primaryLanguage(page.language) === primaryLanguage(locale);
}

/**
 * The syndication policy: what search engines are told about an article, by who did the work.
 *
 * | relationship                                 | default                                  |
 * |----------------------------------------------|------------------------------------------|
 * | own article                                  | indexed, canonical = its own URL         |
 * | our own translation / adaptation of an original | indexed, canonical = its own URL (a new work) |
 * | republication of someone else's page, including someone else's translation | the source's agreement: `noindex` (when it says nothing), `googlebot-news-noindex`, or `canonical` to the republished page |
 *
 * The article's `syndication` field overrides the default. A canonical is only ever pointed at
 * a page in the article's own language: a translation is not a duplicate of its original, and
 * a cross-language canonical can drop it from the index. When a canonical is asked for and
 * there is no such page, an own work or own translation keeps its own URL and a republication
 * falls back to noindex.
 *
 * Source: Google's guidance for syndication partners, restated in 2023: use noindex, or
 * `<meta name="Googlebot-News" content="noindex">` to stay out of Google News only, rather
 * than a cross-domain canonical (support.google.com/news/publisher-center/answer/9606800,
 * developers.google.com/search/docs/crawling-indexing/consolidate-duplicate-urls).
 */
export function buildSeo(input: SeoInput): SeoDirectives {
  const own = input.ownUrl && input.ownUrl.trim() !== '' ? input.ownUrl : null;
  const override: SeoOverride = input.override && SEO_OVERRIDES.includes(input.override) ? input.override : 'default';
  const republication = classifyRelationship(input.credits) === 'republication';
  const page = republication ? findRepublishedPage(input.credits) : null;

  let policy: SourceAgreement | 'index';
  if (override !== 'default') policy = override;
  else if (republication) policy = page?.source?.syndication ?? 'noindex';
  else policy = 'index';

  switch (policy) {
    case 'noindex':
      return { canonicalUrl: own, robots: 'noindex, follow', googlebotNews: null };
    case 'googlebot-news-noindex':
      return { canonicalUrl: own, robots: 'index, follow', googlebotNews: 'noindex' };
    case 'canonical':
      if (!republication) return { canonicalUrl: own, robots: 'index, follow', googlebotNews: null };
      if (page?.url && sameLanguage(page, input.locale)) return { canonicalUrl: page.url, robots: 'index, follow', googlebotNews: null };
      return { canonicalUrl: own, robots: 'noindex, follow', googlebotNews: null };
    default:
      return { canonicalUrl: own, robots: 'index, follow', googlebotNews: null };
  }
}
