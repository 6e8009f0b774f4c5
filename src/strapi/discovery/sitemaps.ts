import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { SitemapIndexStream, SitemapStream, ErrorLevel, type SitemapItemLoose } from 'sitemap';
import {
  absoluteUrl,
  alternatesOf,
  encodeUrl,
  estimateEntryBytes,
  isIndexable,
  isListedInGoogleNews,
  NEWS_MAX_URLS,
  newsLanguage,
  newsWindowStart,
  SitemapPager,
  sitemapFileName,
  type Localization,
  type SeoFacts,
} from '../../core/discovery';
import type { DiscoverableType, DiscoverySite } from './discoverable-types';
import { readJson, toDate, whereIndexable, yieldToEventLoop } from './indexable-rows';

/** Rows read per query while walking or streaming a sitemap: small enough that no query holds SQLite's event loop for long. */
const BATCH = 1000;

/** One page of a type's sitemap in a locale: the id range it covers (inclusive), how many URLs, and the latest change among them. */
export interface SitemapPage {
  page: number;
  firstId: number;
  lastId: number;
  urls: number;
  lastmod: Date | null;
}

/**
 * The pages of `type`'s sitemap in `locale`, up to `untilPage` (all when absent): the indexable
 * rows walked by id, BATCH at a time on an id cursor, each placed by core's SitemapPager with
 * an entry estimate that allows for an alternate in every locale. The index and each page walk
 * the same way, so they agree on where a page starts and ends. Memory: one batch of ids and paths.
 */
export async function planSitemapPages(
  strapi: Core.Strapi,
  type: DiscoverableType,
  locale: string,
  site: DiscoverySite,
  localeCount: number,
  untilPage = Number.POSITIVE_INFINITY
): Promise<SitemapPage[]> {
  const pager = new SitemapPager();
  const pages: SitemapPage[] = [];
  const where = whereIndexable(strapi, type, site.baseUrl, { locale });
  for (let cursor = 0; ; ) {
    const rows: Array<{ id: number; path: string; updatedAt: unknown }> = await where(
      strapi.db
        .getConnection(type.table)
        .select(`${type.table}.id as id`, `${type.table}.${type.columns.path} as path`, `${type.table}.${type.columns.updatedAt} as updatedAt`)
        .where(`${type.table}.id`, '>', cursor)
    )
      .orderBy(`${type.table}.id`, 'asc')
      .limit(BATCH);
    for (const row of rows) {
      const number = pager.add(estimateEntryBytes(`${site.baseUrl}${row.path}`, localeCount + 1));
      if (number > untilPage) return pages;
      const id = Number(row.id);
      const updated = toDate(row.updatedAt);
      let page = pages[pages.length - 1];
      if (!page || page.page !== number) {
        page = { page: number, firstId: id, lastId: id, urls: 0, lastmod: null };
        pages.push(page);
      }
      page.lastId = id;
      page.urls += 1;
      if (updated && (!page.lastmod || updated > page.lastmod)) page.lastmod = updated;
    }
    if (rows.length < BATCH) return pages;
    cursor = Number(rows[rows.length - 1].id);
    await yieldToEventLoop();
  }
}

/** The sitemap index entries: one per non-empty page of each type and locale, at the public base URL. */
export interface IndexEntry {
  file: string;
  lastmod: Date | null;
}

/**
 * The sitemap index as a stream of XML (sitemaps.org 0.9 `sitemapindex`), its entries named
 * at `publicBase` + `/sitemap-` + file name. Rejects nothing: `entries` must not be empty
 * (the schema requires one `<sitemap>` at least; the caller answers 404 first).
 */
export function renderSitemapIndex(entries: IndexEntry[], publicBase: string): Readable {
  const index = new SitemapIndexStream({ level: ErrorLevel.THROW });
  return Readable.from(entries.map((entry) => ({ url: `${publicBase}/sitemap-${entry.file}`, ...(entry.lastmod ? { lastmod: entry.lastmod.toISOString() } : {}) }))).pipe(index);
}

/** The index entries of every type and locale that has indexable pages. */
export async function sitemapIndexEntries(strapi: Core.Strapi, types: DiscoverableType[], locales: string[], site: DiscoverySite): Promise<IndexEntry[]> {
  const entries: IndexEntry[] = [];
  for (const type of types) {
    for (const locale of locales) {
      for (const page of await planSitemapPages(strapi, type, locale, site, locales.length)) {
        entries.push({ file: sitemapFileName(type.plural, locale, page.page), lastmod: page.lastmod });
      }
    }
  }
  return entries;
}

interface PageRow {
  id: number;
  documentId: string;
  path: string;
  seo: unknown;
  updatedAt: unknown;
}

/**
 * One sitemap page as a stream of XML: the indexable rows of `page`'s id range, BATCH at a
 * time, each with `<lastmod>` (its published version's last update) and its hreflang
 * alternates as `<xhtml:link>` (core alternatesOf, from its published localizations, read
 * once per batch by documentId). Pulled by the response: nothing is read faster than the
 * client takes it, so memory stays flat whatever the page's size.
 */
export function streamSitemapPage(strapi: Core.Strapi, type: DiscoverableType, locale: string, page: SitemapPage, site: DiscoverySite): Readable {
  const { columns, table } = type;
  const where = whereIndexable(strapi, type, site.baseUrl, { locale });
  async function* items(): AsyncGenerator<SitemapItemLoose> {
    for (let cursor = page.firstId - 1; cursor < page.lastId; ) {
      const rows: PageRow[] = await where(
        strapi.db
          .getConnection(table)
          .select(
            `${table}.id as id`,
            `${table}.${columns.documentId} as documentId`,
            `${table}.${columns.path} as path`,
            `${table}.${columns.updatedAt} as updatedAt`,
            ...(columns.seo ? [`${table}.${columns.seo} as seo`] : [])
          )
          .where(`${table}.id`, '>', cursor)
          .where(`${table}.id`, '<=', page.lastId)
      )
        .orderBy(`${table}.id`, 'asc')
        .limit(BATCH);
      if (rows.length === 0) return;
      cursor = Number(rows[rows.length - 1].id);
      const siblings = await publishedLocalizations(strapi, type, site, rows.map((row) => row.documentId), locale);
      for (const row of rows) {
        const own: Localization = { locale, url: `${site.baseUrl}${row.path}`, seo: readJson<SeoFacts>(row.seo) };
        if (!isIndexable(own)) continue;
        const lastmod = toDate(row.updatedAt);
        const links = alternatesOf(own, siblings.get(row.documentId) ?? [], site.defaultLocale).map((alternate) => ({
          lang: alternate.hreflang,
          url: encodeUrl(alternate.url) ?? alternate.url,
        }));
        yield { url: absoluteUrl(site.baseUrl, row.path)!, ...(lastmod ? { lastmod: lastmod.toISOString() } : {}), ...(links.length > 1 ? { links } : {}) };
      }
      await yieldToEventLoop();
    }
  }
  return Readable.from(items()).pipe(new SitemapStream({ level: ErrorLevel.THROW, xmlns: { news: false, xhtml: true, image: false, video: false } }));
}

/** The published localizations of `documentIds` other than `locale`, by documentId, as core's alternates rule reads them. */
async function publishedLocalizations(
  strapi: Core.Strapi,
  type: DiscoverableType,
  site: DiscoverySite,
  documentIds: string[],
  locale: string
): Promise<Map<string, Localization[]>> {
  const { columns, table } = type;
  const rows: Array<{ documentId: string; locale: string; path: string | null; seo?: unknown }> = await strapi.db
    .getConnection(table)
    .select(
      `${columns.documentId} as documentId`,
      `${columns.locale} as locale`,
      `${columns.path} as path`,
      ...(columns.seo ? [`${columns.seo} as seo`] : [])
    )
    .whereIn(columns.documentId, [...new Set(documentIds)])
    .whereNotNull(columns.publishedAt)
    .whereNot(columns.locale, locale);
  const found = new Map<string, Localization[]>();
  for (const row of rows) {
    const list = found.get(row.documentId) ?? [];
    list.push({ locale: row.locale, url: row.path ? `${site.baseUrl}${row.path}` : null, seo: readJson<SeoFacts>(row.seo) });
    found.set(row.documentId, list);
  }
  return found;
}

/**
 * The Google News sitemap's entries: published articles of every type with a title and `seo`,
 * first published at or after `now` - 48 h, newest first, at most 1 000, leaving out what
 * core's isListedInGoogleNews leaves out. `published_at` bounds the scan (a first publication
 * is never later than the current one), so only the last two days' rows are read.
 */
export async function newsEntries(strapi: Core.Strapi, types: DiscoverableType[], site: DiscoverySite, now: Date): Promise<SitemapItemLoose[]> {
  const since = newsWindowStart(now);
  const found: Array<{ first: Date; item: SitemapItemLoose }> = [];
  for (const type of types) {
    const { columns, table } = type;
    if (!columns.seo || !columns.title) continue;
    const first = columns.firstPublishedAt ? `${table}.${columns.firstPublishedAt}` : `${table}.${columns.publishedAt}`;
    const rows: Array<{ locale: string; path: string; title: string; seo: unknown; first: unknown }> = await whereIndexable(strapi, type, site.baseUrl, { news: true })(
      strapi.db
        .getConnection(table)
        .select(`${table}.${columns.locale} as locale`, `${table}.${columns.path} as path`, `${table}.${columns.title} as title`, `${table}.${columns.seo} as seo`, `${first} as first`)
        .where(`${table}.${columns.publishedAt}`, '>=', since)
        .where(first, '>=', since)
    )
      .orderBy(first, 'desc')
      .limit(NEWS_MAX_URLS);
    for (const row of rows) {
      const page = { url: `${site.baseUrl}${row.path}`, seo: readJson<SeoFacts>(row.seo) };
      const firstPublished = toDate(row.first);
      if (!isListedInGoogleNews(page) || !firstPublished) continue;
      found.push({
        first: firstPublished,
        item: {
          url: absoluteUrl(site.baseUrl, row.path)!,
          news: {
            publication: { name: site.name, language: newsLanguage(row.locale) },
            publication_date: firstPublished.toISOString(),
            title: row.title,
          },
        },
      });
    }
  }
  return found
    .sort((a, b) => b.first.getTime() - a.first.getTime())
    .slice(0, NEWS_MAX_URLS)
    .map((entry) => entry.item);
}

/** The news sitemap as XML. An empty one is an empty `urlset`, which is how a quiet news site says so. */
export function renderNewsSitemap(items: SitemapItemLoose[]): Readable | string {
  if (items.length === 0) return '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"></urlset>';
  return Readable.from(items).pipe(new SitemapStream({ level: ErrorLevel.THROW, xmlns: { news: true, xhtml: false, image: false, video: false } }));
}
