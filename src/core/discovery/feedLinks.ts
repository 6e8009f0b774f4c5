import { absoluteUrl } from './absoluteUrl';

/**
 * The feed files Colophon serves for the site and for each category, per locale: RSS 2.0
 * (www.rssboard.org/rss-specification), Atom 1.0 (RFC 4287) and JSON Feed 1.1
 * (www.jsonfeed.org/version/1.1).
 */
export const FEED_FILES = ['rss.xml', 'atom.xml', 'feed.json'] as const;
export type FeedFile = (typeof FEED_FILES)[number];

/** A feed as `<link rel="alternate" type=… title=… href=…>` names it for autodiscovery. */
export interface FeedLink {
  type: 'application/rss+xml' | 'application/atom+xml' | 'application/feed+json';
  title: string;
  url: string;
}

/** Each file's media type, as autodiscovery names it and (with `; charset=utf-8`) as it is served. */
export const FEED_MEDIA_TYPES: Record<FeedFile, FeedLink['type']> = {
  'rss.xml': 'application/rss+xml',
  'atom.xml': 'application/atom+xml',
  'feed.json': 'application/feed+json',
};

const FORMAT_NAMES: Record<FeedFile, string> = { 'rss.xml': 'RSS', 'atom.xml': 'Atom', 'feed.json': 'JSON Feed' };

/** The title of a feed: the Site's name, and for a category's feed its name after an en dash. */
export function feedTitle(siteName: string, categoryName?: string | null): string {
  return categoryName ? `${siteName} – ${categoryName}` : siteName;
}

/**
 * The public path of a feed, relative to the Site's base URL: `/feeds/<locale>/<file>` for the
 * site's, `/feeds/<locale>/categories/<documentId>/<file>` for a category's. A category is named
 * by its documentId, so its feed's address survives renames and moves. The locale is lowercased,
 * as in sitemap names and paths (parseFeedRequest reads any case back). A frontend proxies
 * `/feeds/` to Colophon's `/api/feeds/`, which answers the same paths.
 */
export function feedPath(locale: string, file: FeedFile, categoryDocumentId?: string | null): string {
  const base = `/feeds/${encodeURIComponent(locale.toLowerCase())}`;
  return categoryDocumentId ? `${base}/categories/${encodeURIComponent(categoryDocumentId)}/${file}` : `${base}/${file}`;
}

/**
 * The feeds a page of `locale` names for autodiscovery (`<link rel="alternate">` in its head):
 * the site's RSS, Atom and JSON Feed, then, when `category` is given, that category's three.
 * Each has its media type, a title (feedTitle plus the format's name, e.g. `Cellule44 – Monde
 * (Atom)`) and its absolute public URL (baseUrl + feedPath, percent-encoded by absoluteUrl).
 * A null or empty baseUrl gives [] (a feed lists absolute URLs only, so none is served then).
 */
export function feedLinks(input: { baseUrl: string | null; siteName: string; locale: string; category?: { documentId: string; name: string } | null }): FeedLink[] {
  if (!input.baseUrl) return [];
  const links: FeedLink[] = [];
  const add = (title: string, categoryDocumentId?: string) => {
    for (const file of FEED_FILES) {
      const url = absoluteUrl(input.baseUrl, feedPath(input.locale, file, categoryDocumentId));
      if (url) links.push({ type: FEED_MEDIA_TYPES[file], title: `${title} (${FORMAT_NAMES[file]})`, url });
    }
  };
  add(feedTitle(input.siteName));
  if (input.category) add(feedTitle(input.siteName, input.category.name), input.category.documentId);
  return links;
}

/** What a feed request asks for, once its route parameters are read. */
export interface FeedRequest {
  /** The locale as i18n spells it (the request may use another case). */
  locale: string;
  file: FeedFile;
  /** The category's documentId; null for the site's feed. */
  categoryDocumentId: string | null;
}

/**
 * Reads the route parameters of `/api/feeds/:locale/:file` and
 * `/api/feeds/:locale/categories/:documentId/:file` against the locales i18n knows. Answers the
 * request, or `{ error }` saying what is wrong (an unknown file name or locale, an empty
 * documentId), for a 404. Whether the category exists is for the caller to find out.
 */
export function parseFeedRequest(
  params: { locale?: unknown; file?: unknown; documentId?: unknown },
  locales: readonly string[]
): FeedRequest | { error: string } {
  const file = String(params.file ?? '');
  if (!(FEED_FILES as readonly string[]).includes(file)) return { error: `No feed is named "${file}": there are ${FEED_FILES.join(', ')}` };
  const wanted = String(params.locale ?? '');
  const locale = locales.find((code) => code.toLowerCase() === wanted.toLowerCase());
  if (!locale) return { error: `No feeds in locale "${wanted}": the locales are ${locales.join(', ')}` };
  if (params.documentId === undefined) return { locale, file: file as FeedFile, categoryDocumentId: null };
  const documentId = String(params.documentId);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(documentId)) return { error: `No category "${documentId}" in ${locale}` };
  return { locale, file: file as FeedFile, categoryDocumentId: documentId };
}
