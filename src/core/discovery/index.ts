// Being found: which pages search engines should index, their hreflang alternates, and the
// rules of sitemaps, news sitemaps and feeds. The wiring is src/strapi/discovery.
export { isIndexable, isListedInGoogleNews, ownPageSeo } from './indexable';
export type { DiscoverablePage, SeoFacts } from './indexable';
export { alternatesByVersion, alternatesOf, buildAlternates, hreflangOf, X_DEFAULT } from './alternates';
export type { Alternate, LocalizedVersion, Localization } from './alternates';
export { absoluteUrl, encodeUrl } from './absoluteUrl';
export { estimateEntryBytes, parseSitemapFile, SITEMAP_MAX_BYTES, SITEMAP_MAX_URLS, SitemapPager, sitemapFileName } from './sitemapFiles';
export type { SitemapFile } from './sitemapFiles';
export { renderUrlEntry, URLSET_CLOSE, URLSET_OPEN } from './renderSitemap';
export type { UrlEntry } from './renderSitemap';
export { NEWS_MAX_URLS, NEWS_WINDOW_HOURS, newsLanguage, newsWindowStart } from './newsSitemap';
export { FEED_FILES, FEED_MEDIA_TYPES, feedLinks, feedPath, feedTitle, parseFeedRequest } from './feedLinks';
export type { FeedFile, FeedLink, FeedRequest } from './feedLinks';
export {
  buildFeedChannel,
  buildFeedItem,
  categoryTrailOf,
  checkFeedSize,
  DEFAULT_FEED_SIZE,
  enclosureOf,
  feedAuthors,
  feedContentHtml,
  feedItemId,
  feedText,
  MAX_FEED_SIZE,
  renderFeed,
  tightenCdata,
  toAtomFeed,
  toJsonFeed,
  toRssFeed,
} from './feeds';
export type { FeedArticle, FeedAuthor, FeedChannel, FeedCover, FeedEnclosure, FeedItem } from './feeds';
