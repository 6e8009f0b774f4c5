import { generateAtomFeed, generateJsonFeed, generateRssFeed, type AtomFeed, type JsonFeed, type RssFeed } from 'feedsmith';
import { describeAttributionFacts, renderCreditLinesHtml, toHttpUrl, type Credit, type CreditLine } from '../attribution';
import { renderBlocks, type BlockNode } from '../preview';
import { resolveArticleDates } from '../structured-data';
import type { Crumb } from '../trail';
import { absoluteUrl } from './absoluteUrl';
import { hreflangOf } from './alternates';
import { FEED_MEDIA_TYPES, feedTitle, type FeedFile } from './feedLinks';

/** How many articles a feed lists unless configured (FEED_SIZE), and the most it may be set to. */
export const DEFAULT_FEED_SIZE = 20;
export const MAX_FEED_SIZE = 500;

/**
 * `size` if it is a whole number from 1 to MAX_FEED_SIZE; throws otherwise, naming FEED_SIZE, so
 * a mistyped setting stops the app at boot rather than serving empty or unbounded feeds.
 */
export function checkFeedSize(size: number): number {
  if (!Number.isInteger(size) || size < 1 || size > MAX_FEED_SIZE) {
    throw new Error(`FEED_SIZE must be a whole number from 1 to ${MAX_FEED_SIZE} (the articles a feed lists); got ${size}`);
  }
  return size;
}

/** A cover as a feed reads it: the image's absolute URL, and the upload file row's `mime` and `size` (Strapi's kilobytes, 1 000 bytes, two decimals). */
export interface FeedCover {
  url: string;
  mime: string | null;
  sizeKb: number | null;
}

/**
 * One published article in one locale as a feed reads it: stored fields and what the hook
 * derived on its published row (path, breadcrumbs, attribution), its credits and its cover.
 */
export interface FeedArticle {
  documentId: string;
  locale: string;
  title: string;
  /** The derived `path`, relative to the Site's base URL. */
  path: string | null;
  excerpt: string | null;
  /** Strapi blocks, as stored. */
  body: readonly BlockNode[] | null;
  /** The derived `attribution` (its `html`, else its `lines`). */
  attribution: { html?: unknown; lines?: unknown } | null;
  /** The derived `breadcrumbs`: root crumbs (home, blog), the categories root first, the article. */
  breadcrumbs: readonly Crumb[] | null;
  firstPublishedAt: Date;
  publishedAt: Date | null;
  updatedAt: Date | null;
  credits: readonly Credit[];
  cover: FeedCover | null;
}

/** A person or organization credited on an item (a feed's own author is the Site). */
export interface FeedAuthor {
  name: string;
  url?: string;
}

/** An enclosure (RSS `<enclosure>`, Atom `link rel="enclosure"`, a JSON Feed attachment): absolute URL, media type, bytes. */
export interface FeedEnclosure {
  url: string;
  type: string;
  length: number;
}

/** One entry of a feed, the same in all three formats. Dates are instants; texts hold only characters XML 1.0 allows. */
export interface FeedItem {
  /** A tag: URI (feedItemId): permanent, whatever the article's path becomes. */
  id: string;
  /** Absolute, percent-encoded. */
  url: string;
  title: string;
  summary: string | null;
  /** The body's HTML followed by the attribution footer's. */
  contentHtml: string;
  /** The first publication. */
  published: Date;
  /** The publish that produced the version listed, never before `published`. */
  updated: Date;
  authors: FeedAuthor[];
  /** The category trail, root first. */
  categories: string[];
  /** The cover as an absolute image URL (JSON Feed's `image`), null without one. */
  image: string | null;
  enclosure: FeedEnclosure | null;
}

/** A feed's own description, the same in all three formats. */
export interface FeedChannel {
  title: string;
  /** RSS requires one: the category's description, else the title. */
  description: string;
  /** The page the feed follows: the locale's home or the category's page (absolute). */
  homeUrl: string;
  /** This file's public URL. */
  selfUrl: string;
  /** The Atom feed's id: its own public URL, which names the category by documentId, so it outlives renames and moves. */
  id: string;
  /** BCP 47, hyphens (hreflangOf). */
  language: string;
  /** The Site, the feed's author (Atom needs one for entries that credit nobody). */
  publisher: FeedAuthor;
  /** The newest item's update; for an empty feed, `quietSince` or the Unix epoch. */
  updated: Date;
}

// XML 1.0 (§2.2) allows tab, LF, CR and everything from U+0020 but surrogates, U+FFFE and U+FFFF;
// one other character makes the whole document unreadable to a conforming parser.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text fit for all three formats: characters XML 1.0 forbids removed, and line breaks as LF
 * (an XML parser turns CR LF and CR into LF anyway, so the JSON Feed says the same), trimmed
 * (feedsmith trims what it writes).
 */
export function feedText(value: unknown): string {
  return typeof value === 'string' ? value.replace(NOT_XML, '').replace(/\r\n?/g, '\n').trim() : '';
}

/**
 * An item's permanent id, a tag URI (RFC 4151): `tag:<host>,<date>:<documentId>/<locale>`, where
 * host is baseUrl's host name (lowercase, an internationalized one in punycode, no port) and date
 * the UTC day of the first publication, which Colophon keeps through republishing. Neither the
 * title, the slug nor the category appear in it, so it survives renames and moves; the locale
 * tells each translation's item apart. It changes only if the Site moves to another domain.
 * Null without a usable base URL.
 */
export function feedItemId(baseUrl: string | null | undefined, firstPublishedAt: Date, documentId: string, locale: string): string | null {
  const home = absoluteUrl(baseUrl, '/');
  if (!home || Number.isNaN(firstPublishedAt.getTime())) return null;
  const host = new URL(home).hostname;
  return `tag:${host},${firstPublishedAt.toISOString().slice(0, 10)}:${encodeURIComponent(documentId)}/${encodeURIComponent(locale)}`;
}

/**
 * The item's authors, by the same reading of the credits as the NewsArticle's `author`
 * (describeAttributionFacts): the persons of the author credits (with the credit's url), else
 * the Sources credited as authors, else the original's Source. None for a work of our own
 * without an author credit: the feed's own author, the Site, stands for it.
 */
export function feedAuthors(credits: readonly Credit[], locale: string): FeedAuthor[] {
  return (describeAttributionFacts(credits, locale).authors ?? [])
    .map((agent) => ({ name: feedText(agent.name), ...(agent.url ? { url: agent.url } : {}) }))
    .filter((author) => author.name !== '');
}

/**
 * The category trail of an article's breadcrumbs, root first: the crumbs between the root crumbs
 * (`rootCrumbs`: 2, home and blog; 1 when the blog is the site root) and the article's own.
 */
export function categoryTrailOf(breadcrumbs: readonly Crumb[] | null | undefined, rootCrumbs: number): string[] {
  if (!Array.isArray(breadcrumbs)) return [];
  return breadcrumbs
    .slice(rootCrumbs, -1)
    .map((crumb) => feedText(crumb?.label))
    .filter((label) => label !== '');
}

/**
 * The item's HTML: the body's blocks rendered by renderBlocks (every text escaped, links and
 * images only to http(s) or site-relative addresses), then the attribution footer: its derived
 * `html`, or, in a footer stored without one, its `lines` rendered the same way
 * (renderCreditLinesHtml), links kept only to http(s) URLs.
 */
export function feedContentHtml(body: readonly BlockNode[] | null | undefined, attribution: FeedArticle['attribution'], locale: string): string {
  const footer =
    typeof attribution?.html === 'string' && attribution.html.trim() !== ''
      ? attribution.html
      : Array.isArray(attribution?.lines)
        ? renderCreditLinesHtml(
            (attribution.lines as CreditLine[])
              .filter((line) => line && typeof line.label === 'string' && typeof line.text === 'string')
              .map((line) => ({ ...line, url: toHttpUrl(line.url) })),
            locale
          )
        : '';
  return feedText([renderBlocks(body ?? []), footer].filter((part) => part !== '').join('\n'));
}

/**
 * The cover as an enclosure: its absolute http(s) URL, its media type (image/jpeg when the file
 * row has none) and its length in bytes from Strapi's kilobytes (× 1 000, so within 5 bytes of
 * the file's: Strapi keeps two decimals). Null for a cover whose URL is not absolute (a local
 * upload without PUBLIC_URL), which a feed reader could not fetch.
 */
export function enclosureOf(cover: FeedCover | null | undefined): FeedEnclosure | null {
  const url = cover ? toHttpUrl(cover.url) : null;
  if (!cover || !url) return null;
  const kilobytes = Number(cover.sizeKb);
  return { url, type: cover.mime || 'image/jpeg', length: Number.isFinite(kilobytes) && kilobytes > 0 ? Math.round(kilobytes * 1000) : 0 };
}

/**
 * One article as a feed item, or null when it has no page (no path, no base URL). `rootCrumbs`
 * is how many crumbs open every trail (categoryTrailOf). Dates follow the NewsArticle's
 * (resolveArticleDates): published is the first publication; updated the publish that made
 * this version, so a reader sees an item change when it is published again.
 */
export function buildFeedItem(article: FeedArticle, site: { baseUrl: string; rootCrumbs: number }): FeedItem | null {
  const url = article.path ? absoluteUrl(site.baseUrl, article.path) : null;
  const id = feedItemId(site.baseUrl, article.firstPublishedAt, article.documentId, article.locale);
  if (!url || !id) return null;
  const dates = resolveArticleDates({ firstPublishedAt: article.firstPublishedAt, publishedAt: article.publishedAt, updatedAt: article.updatedAt });
  const enclosure = enclosureOf(article.cover);
  return {
    id,
    url,
    title: feedText(article.title),
    summary: feedText(article.excerpt) || null,
    contentHtml: feedContentHtml(article.body, article.attribution, article.locale),
    published: article.firstPublishedAt,
    updated: dates.dateModified ? new Date(dates.dateModified) : article.firstPublishedAt,
    authors: feedAuthors(article.credits, article.locale),
    categories: categoryTrailOf(article.breadcrumbs, site.rootCrumbs),
    image: enclosure?.url ?? null,
    enclosure,
  };
}

/**
 * A feed's own description. `pagePath` is the path of the page it follows (the locale's home,
 * or the category's page); `selfUrl` and `atomUrl` the public URLs of this file and of the Atom
 * file; `quietSince` stands for the last update of a feed with no items (the category's or the
 * Site's own last change), so that an empty feed's `updated` does not move on every request.
 */
export function buildFeedChannel(input: {
  siteName: string;
  baseUrl: string;
  locale: string;
  pagePath: string;
  selfUrl: string;
  atomUrl: string;
  category: { name: string; description?: string | null } | null;
  quietSince: Date | null;
  items: readonly FeedItem[];
}): FeedChannel {
  const title = feedText(feedTitle(input.siteName, input.category?.name));
  const newest = input.items.reduce<Date | null>((latest, item) => (!latest || item.updated > latest ? item.updated : latest), null);
  return {
    title,
    description: feedText(input.category?.description) || title,
    homeUrl: absoluteUrl(input.baseUrl, input.pagePath) ?? input.baseUrl,
    selfUrl: input.selfUrl,
    id: input.atomUrl,
    language: hreflangOf(input.locale),
    publisher: { name: feedText(input.siteName), url: absoluteUrl(input.baseUrl, '/') ?? input.baseUrl },
    updated: newest ?? input.quietSince ?? new Date(0),
  };
}

/**
 * RSS 2.0 (www.rssboard.org/rss-specification) as feedsmith's input: the channel with its
 * `atom:link rel="self"` (RSS Advisory Board's best practice), each item's `guid` the tag URI
 * (isPermaLink="false"), `description` the excerpt, `content:encoded` the full HTML, `<category>`
 * the trail, `dc:creator` per author (RSS's own `<author>` wants an email address, which credits
 * do not hold), `atom:updated` the last update (RSS has no element of its own for it) and
 * `<enclosure>` the cover.
 */
export function toRssFeed(channel: FeedChannel, items: readonly FeedItem[]): RssFeed.Feed<Date> {
  return {
    title: channel.title,
    link: channel.homeUrl,
    description: channel.description,
    language: channel.language,
    lastBuildDate: channel.updated,
    atom: { links: [{ href: channel.selfUrl, rel: 'self', type: FEED_MEDIA_TYPES['rss.xml'] }] },
    items: items.map((item) => ({
      title: item.title,
      link: item.url,
      guid: { value: item.id, isPermaLink: false },
      pubDate: item.published,
      ...(item.summary ? { description: item.summary } : {}),
      ...(item.contentHtml ? { content: { encoded: item.contentHtml } } : {}),
      ...(item.categories.length ? { categories: item.categories.map((name) => ({ name })) } : {}),
      ...(item.enclosure ? { enclosures: [item.enclosure] } : {}),
      ...(item.authors.length ? { dc: { creators: item.authors.map((author) => author.name) } } : {}),
      atom: { updated: item.updated },
    })),
  };
}

/**
 * Atom 1.0 (RFC 4287) as feedsmith's input: the feed's id (its own public URL), `xml:lang`, the
 * Site as its author (§4.1.1: an entry without an author takes the feed's), `link rel="alternate"`
 * to its page and `rel="self"`; each entry's id the tag URI, `published` and `updated`, authors
 * (name and uri), categories (term: the category's name), `summary` as text, `content` as
 * `type="html"`, and the cover as `link rel="enclosure"` with its type and length.
 */
export function toAtomFeed(channel: FeedChannel, items: readonly FeedItem[]): AtomFeed.Feed<Date> {
  return {
    id: channel.id,
    title: { value: channel.title, type: 'text' },
    updated: channel.updated,
    xml: { lang: channel.language },
    authors: [{ name: channel.publisher.name, uri: channel.publisher.url }],
    links: [
      { href: channel.homeUrl, rel: 'alternate', type: 'text/html' },
      { href: channel.selfUrl, rel: 'self', type: FEED_MEDIA_TYPES['atom.xml'] },
    ],
    entries: items.map((item) => ({
      id: item.id,
      title: { value: item.title, type: 'text' },
      published: item.published,
      updated: item.updated,
      links: [
        { href: item.url, rel: 'alternate', type: 'text/html' },
        ...(item.enclosure ? [{ href: item.enclosure.url, rel: 'enclosure', type: item.enclosure.type, length: item.enclosure.length }] : []),
      ],
      ...(item.authors.length ? { authors: item.authors.map((author) => ({ name: author.name, ...(author.url ? { uri: author.url } : {}) })) } : {}),
      ...(item.categories.length ? { categories: item.categories.map((term) => ({ term })) } : {}),
      ...(item.summary ? { summary: { value: item.summary, type: 'text' } } : {}),
      ...(item.contentHtml ? { content: { value: item.contentHtml, type: 'html' } } : {}),
    })),
  };
}

/**
 * JSON Feed 1.1 (www.jsonfeed.org/version/1.1) as feedsmith's input: `home_page_url`,
 * `feed_url`, `language`, the Site in `authors`; each item's `id` the tag URI, `url`, `title`,
 * `content_html`, `summary`, `image` (the cover), `date_published`, `date_modified`, `tags` (the
 * trail), `authors`, and the cover again as an attachment with `mime_type` and `size_in_bytes`.
 */
export function toJsonFeed(channel: FeedChannel, items: readonly FeedItem[]): JsonFeed.Feed<Date> {
  return {
    title: channel.title,
    home_page_url: channel.homeUrl,
    feed_url: channel.selfUrl,
    language: channel.language,
    authors: [{ name: channel.publisher.name, url: channel.publisher.url }],
    items: items.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      content_html: item.contentHtml,
      ...(item.summary ? { summary: item.summary } : {}),
      ...(item.image ? { image: item.image } : {}),
      date_published: item.published,
      date_modified: item.updated,
      ...(item.categories.length ? { tags: item.categories } : {}),
      ...(item.authors.length ? { authors: item.authors.map((author) => ({ name: author.name, ...(author.url ? { url: author.url } : {}) })) } : {}),
      ...(item.enclosure ? { attachments: [{ url: item.enclosure.url, mime_type: item.enclosure.type, size_in_bytes: item.enclosure.length }] } : {}),
    })),
  };
}

const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';

/**
 * feedsmith writes a value holding `<`, `>` or `&` as a CDATA section, and its pretty-printer
 * puts that section on a line of its own: `<title>\n  <![CDATA[Rats & chats]]>\n</title>`. The
 * line breaks and indentation are then part of the element's text, which a conforming reader
 * (rss-parser, for one) hands on: a title "\n  Rats & chats\n", a link that is no longer a URL.
 * This removes the whitespace between a CDATA section and the tags around it, and nothing else:
 * in feedsmith's output no element mixes text with other content, so whitespace beside a section,
 * outside it, is always the pretty-printer's.
 */
export function tightenCdata(xml: string): string {
  let out = '';
  let from = 0;
  const after = /[ \t\r\n]+(?=<\/)/y;
  for (let start = xml.indexOf(CDATA_OPEN); start >= 0; start = xml.indexOf(CDATA_OPEN, from)) {
    const before = xml.slice(from, start);
    const trimmed = before.replace(/[ \t\r\n]+$/, '');
    out += trimmed.endsWith('>') ? trimmed : before;
    const end = xml.indexOf(CDATA_CLOSE, start + CDATA_OPEN.length);
    if (end < 0) return out + xml.slice(start);
    from = end + CDATA_CLOSE.length;
    out += xml.slice(start, from);
    after.lastIndex = from;
    if (after.test(xml)) from = after.lastIndex;
  }
  return out + xml.slice(from);
}

/**
 * The feed in `file`'s format, as the text to send: RSS 2.0 or Atom 1.0 XML (UTF-8, every value
 * escaped or in CDATA, see tightenCdata) or JSON Feed 1.1, generated by feedsmith. Throws
 * feedsmith's GenerateError for input it refuses, which buildFeedChannel and buildFeedItem never
 * produce.
 */
export function renderFeed(file: FeedFile, channel: FeedChannel, items: readonly FeedItem[]): string {
  if (file === 'rss.xml') return tightenCdata(generateRssFeed(toRssFeed(channel, items)));
  if (file === 'atom.xml') return tightenCdata(generateAtomFeed(toAtomFeed(channel, items)));
  return JSON.stringify(generateJsonFeed(toJsonFeed(channel, items)));
}
