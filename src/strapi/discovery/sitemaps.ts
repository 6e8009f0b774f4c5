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
  renderUrlEntry,
  SITEMAP_MAX_URLS,
  SitemapPager,
  sitemapFileName,
  URLSET_CLOSE,
  URLSET_OPEN,
  X_DEFAULT,
  type Alternate,
  type Localization,
  type SeoFacts,
} from '../../core/discovery';
import type { DiscoverableType, DiscoverySite } from './discoverable-types';
import { parse } from '../delivery/change-log';
import { toDate, yieldToEventLoop } from './values';

/**
 * Rows read per query while walking or streaming a sitemap. SQLite reads on the event loop:
 * 500 rows by documentId, each spread over overflow pages, take about 60 ms with a cold page
 * cache (1 000 took 115-130 ms). PostgreSQL reads off the loop, where fewer round trips count.
 */
function batchSize(strapi: Core.Strapi): number {
  return strapi.db.dialect.client === 'sqlite' ? 500 : 1000;
}
/** The size of one chunk of a streamed page, in UTF-16 units. */
const CHUNK_CHARS = 32 * 1024;

/** A published row of a type in one locale, as sitemaps read it. */
interface PublishedRow {
  documentId: string;
  path: string | null;
  updatedAt: unknown;
  /** The whole `seo`, or (see seoParts) the parts a sitemap reads of it. */
  seo?: unknown;
  robots?: string | null;
  canonicalUrl?: string | null;
  alternates?: unknown;
}

/**
 * The parts of `seo` a sitemap reads, picked out by the database: `seo` also holds a page's
 * feeds, about as long as the rest, and reading and parsing the whole of it for every page was
 * a tenth of a sitemap's time. PostgreSQL's `->>`/`->` and SQLite's json_extract; another
 * database reads the whole column.
 */
function seoParts(strapi: Core.Strapi, column: string, withAlternates: boolean): Array<string | ReturnType<Core.Strapi['db']['connection']['raw']>> {
  const knex = strapi.db.connection;
  const client = strapi.db.dialect.client;
  if (client === 'postgres') {
    return [
      knex.raw('??->>? as "robots"', [column, 'robots']),
      knex.raw('??->>? as "canonicalUrl"', [column, 'canonicalUrl']),
      ...(withAlternates ? [knex.raw('??->? as "alternates"', [column, 'alternates'])] : []),
    ];
  }
  if (client === 'sqlite') {
    return [
      knex.raw('json_extract(??, ?) as robots', [column, '$.robots']),
      knex.raw('json_extract(??, ?) as canonicalUrl', [column, '$.canonicalUrl']),
      ...(withAlternates ? [knex.raw('json_extract(??, ?) as alternates', [column, '$.alternates'])] : []),
    ];
  }
  return [`${column} as seo`];
}

/** The SeoFacts of a row read with seoParts (or with its whole seo). */
function seoOf(row: PublishedRow): (SeoFacts & { alternates?: Alternate[] }) | null {
  if (row.seo !== undefined) return parse<(SeoFacts & { alternates?: Alternate[] }) | null>(row.seo, null);
  if (row.robots === undefined && row.canonicalUrl === undefined) return null;
  return { robots: row.robots ?? null, canonicalUrl: row.canonicalUrl ?? null, alternates: parse<Alternate[] | undefined>(row.alternates, undefined) };
}

/**
 * The next batchSize published rows of `type` in `locale` from documentId `from` (from the first
 * when null), up to `last` included, in documentId order, and the documentId to go on after.
 * Both walk Strapi's (documentId, locale, publishedAt) index in order:
 * - SQLite in one statement, which its planner runs as that walk, fetching each row it keeps;
 * - PostgreSQL in two, the documentIds first from the index alone, then their rows. One
 *   statement that also filtered on `seo` led its planner (which cannot guess what a JSON test
 *   keeps) to a bitmap scan and a sort of every row after the cursor, for each batch: 150 s for
 *   the index of 200 000 pages.
 * Which rows are indexable is decided in JavaScript, by core's isIndexable, and nowhere else.
 */
async function readPublishedBatch(
  strapi: Core.Strapi,
  type: DiscoverableType,
  locale: string,
  from: { documentId: string; inclusive: boolean } | null,
  last: string | null,
  seo: { alternates: boolean }
): Promise<{ rows: PublishedRow[]; next: string | null }> {
  const { columns, table } = type;
  const size = batchSize(strapi);
  const inOrder = <Q extends { where: Function; whereNotNull: Function; orderBy: Function; limit: Function }>(query: Q): Q => {
    query.where(columns.locale, locale).whereNotNull(columns.publishedAt).orderBy(columns.documentId, 'asc').limit(size);
    if (from !== null) query.where(columns.documentId, from.inclusive ? '>=' : '>', from.documentId);
    if (last !== null) query.where(columns.documentId, '<=', last);
    return query;
  };
  const selectRow = () =>
    strapi.db
      .getConnection(table)
      .select(
        `${columns.documentId} as documentId`,
        `${columns.path} as path`,
        `${columns.updatedAt} as updatedAt`,
        ...(columns.seo ? seoParts(strapi, columns.seo, seo.alternates) : [])
      );
  if (strapi.db.dialect.client === 'sqlite') {
    const rows: PublishedRow[] = await inOrder(selectRow());
    return { rows, next: rows.length === size ? rows[rows.length - 1].documentId : null };
  }
  const documentIds: string[] = await inOrder(strapi.db.getConnection(table).pluck(columns.documentId));
  if (documentIds.length === 0) return { rows: [], next: null };
  const rows: PublishedRow[] = await selectRow().whereIn(columns.documentId, documentIds).where(columns.locale, locale).whereNotNull(columns.publishedAt);
  rows.sort((a, b) => (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0));
  return { rows, next: documentIds.length === size ? documentIds[documentIds.length - 1] : null };
}

/** Whether a published row is listed, by core's rule, and its own URL (unencoded, as `seo.canonicalUrl` holds it). */
function listedPage(row: PublishedRow, locale: string, site: DiscoverySite): Localization | null {
  if (!row.path) return null;
  const page: Localization = { locale, url: `${site.baseUrl}${row.path}`, seo: seoOf(row) };
  return isIndexable(page) ? page : null;
}

/**
 * One page of a type's sitemap in a locale: the documentId range it covers (inclusive), how
 * many URLs, and the latest change among them. Pages run in documentId order, on the index
 * Strapi keeps on (documentId, locale, publishedAt) for every content type: a page then reads
 * only its locale's published rows, never the others' (on SQLite, where a row with its derived
 * JSON spans overflow pages, reading a row costs about 15 µs).
 */
export interface SitemapPage {
  page: number;
  firstDocumentId: string;
  lastDocumentId: string;
  urls: number;
  lastmod: Date | null;
}

/**
 * The pages of `type`'s sitemap in `locale`, up to `untilPage` (all when absent): the indexable
 * rows walked in documentId order, a batch at a time on a documentId cursor, each placed by core's SitemapPager with
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
  for (let after: string | null = null; ; ) {
    const batch = await readPublishedBatch(strapi, type, locale, after === null ? null : { documentId: after, inclusive: false }, null, { alternates: false });
    for (const row of batch.rows) {
      const page = listedPage(row, locale, site);
      if (!page) continue;
      const number = pager.add(estimateEntryBytes(page.url!, localeCount + 1));
      if (number > untilPage) return pages;
      const updated = toDate(row.updatedAt);
      let current = pages[pages.length - 1];
      if (!current || current.page !== number) {
        current = { page: number, firstDocumentId: row.documentId, lastDocumentId: row.documentId, urls: 0, lastmod: null };
        pages.push(current);
      }
      current.lastDocumentId = row.documentId;
      current.urls += 1;
      if (updated && (!current.lastmod || updated > current.lastmod)) current.lastmod = updated;
    }
    if (batch.next === null) return pages;
    after = batch.next;
    await yieldToEventLoop();
  }
}

/** How long a page plan made for the index serves the pages it names (a crawler fetches them right after). */
const PLAN_TTL_MS = 60_000;
const plans = new WeakMap<object, Map<string, { at: number; pages: SitemapPage[] }>>();
const planKey = (type: DiscoverableType, locale: string, site: DiscoverySite, localeCount: number) => JSON.stringify([type.uid, locale, site.baseUrl, localeCount]);

/**
 * The pages of a sitemap, planned afresh (the index: it must name every page there is at once)
 * or, for one page, taken from a plan made in the last minute when it holds that page. A page
 * planned a minute ago is still a valid documentId range: what changed since is read as it is
 * now when the page is streamed (streamSitemapPage), so only where a page ends may lag, by a
 * minute at most. The index and each page then cost one walk between them, not one each.
 */
export async function sitemapPages(
  strapi: Core.Strapi,
  type: DiscoverableType,
  locale: string,
  site: DiscoverySite,
  localeCount: number,
  wanted: { page?: number; fresh?: boolean }
): Promise<SitemapPage[]> {
  const cache = plans.get(strapi) ?? new Map<string, { at: number; pages: SitemapPage[] }>();
  plans.set(strapi, cache);
  const key = planKey(type, locale, site, localeCount);
  const known = cache.get(key);
  if (!wanted.fresh && known && Date.now() - known.at < PLAN_TTL_MS && known.pages.some((page) => page.page === wanted.page)) return known.pages;
  const pages = await planSitemapPages(strapi, type, locale, site, localeCount, wanted.page);
  if (wanted.page === undefined) {
    // A handful of keys per type; a site that changes its base URL or locales leaves old ones behind.
    if (cache.size > 1000) cache.clear();
    cache.set(key, { at: Date.now(), pages });
  }
  return pages;
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
  // On PostgreSQL every type and locale is walked side by side, each walk on a connection of its
  // own (the whole index took about half the time). SQLite runs statements on the event loop:
  // walks side by side would only run their statements back to back between two turns of it.
  const walks = types.flatMap((type) => locales.map((locale) => ({ type, locale })));
  const plan = ({ type, locale }: (typeof walks)[number]) => sitemapPages(strapi, type, locale, site, locales.length, { fresh: true });
  const planned: SitemapPage[][] = [];
  if (strapi.db.dialect.client === 'postgres') planned.push(...(await Promise.all(walks.map(plan))));
  else for (const walk of walks) planned.push(await plan(walk));
  return walks.flatMap(({ type, locale }, index) => planned[index].map((page) => ({ file: sitemapFileName(type.plural, locale, page.page), lastmod: page.lastmod })));
}

/**
 * One sitemap page as a stream of XML: the indexable rows of `page`'s documentId range,
 * a batch at a time, each with `<lastmod>` (its published version's last update) and its
 * hreflang alternates as `<xhtml:link>` (its `seo.alternates`; for a type without `seo`, core
 * alternatesOf over its published localizations, read once per batch by documentId), in chunks of about 32 KB; the next batch is read while
 * this one is rendered. Pulled by the response: nothing is read faster than the client takes
 * it, so memory stays flat whatever the page's size. At most SITEMAP_MAX_URLS entries, even if
 * documents joined the range since it was planned.
 */
export function streamSitemapPage(strapi: Core.Strapi, type: DiscoverableType, locale: string, page: SitemapPage, site: DiscoverySite): Readable {
  type Batch = { rows: PublishedRow[]; next: string | null; siblings: Map<string, Localization[]> };
  const readBatch = async (after: string | null): Promise<Batch> => {
    const from = after === null ? { documentId: page.firstDocumentId, inclusive: true } : { documentId: after, inclusive: false };
    const batch = await readPublishedBatch(strapi, type, locale, from, page.lastDocumentId, { alternates: true });
    // A type with `seo` carries its alternates, kept right by every write (alternate-writes.ts):
    // reading them there saves a read of every sibling. A type without works them out here.
    const siblings =
      batch.rows.length > 0 && !type.columns.seo ? await publishedLocalizations(strapi, type, site, batch.rows.map((row) => row.documentId), locale) : new Map();
    return { ...batch, siblings };
  };
  async function* chunks(): AsyncGenerator<string> {
    yield URLSET_OPEN;
    let listed = 0;
    let next: Promise<Batch> | null = readBatch(null);
    while (next) {
      const { rows, siblings, next: after }: Batch = await next;
      // Read ahead: the database works on the next batch while this one is rendered.
      next = after === null ? null : readBatch(after);
      let xml = '';
      for (const row of rows) {
        const own = listedPage(row, locale, site);
        if (!own || listed >= SITEMAP_MAX_URLS) continue;
        const loc = absoluteUrl(site.baseUrl, row.path!);
        if (!loc) continue;
        const derived = type.columns.seo ? ((own.seo as { alternates?: Alternate[] } | null)?.alternates ?? []) : null;
        const alternates = (derived ?? alternatesOf(own, siblings.get(row.documentId) ?? [], site.defaultLocale)).map((alternate) => ({
          hreflang: alternate.hreflang,
          url: encodeUrl(alternate.url) ?? alternate.url,
        }));
        // A page with no other localization needs no hreflang: Google reads alternates only between two pages or more.
        xml += renderUrlEntry({ loc, lastmod: toDate(row.updatedAt), alternates: alternates.filter((alternate) => alternate.hreflang !== X_DEFAULT).length > 1 ? alternates : [] });
        listed += 1;
        // Chunks of about 32 KB: a string past V8's 128 KB goes to its large-object space, kept
        // until a full collection, and the 25 MB of a page then showed as 100 MB more RSS.
        if (xml.length >= CHUNK_CHARS) {
          yield xml;
          xml = '';
        }
      }
      if (xml) yield xml;
    }
    yield URLSET_CLOSE;
  }
  return Readable.from(chunks(), { objectMode: false });
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
    list.push({ locale: row.locale, url: row.path ? `${site.baseUrl}${row.path}` : null, seo: parse<SeoFacts | null>(row.seo, null) });
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
    // On the index on firstPublishedAt (./indexes.ts); seo is judged below, by core's rule.
    let listed = 0;
    for (let offset = 0; listed < NEWS_MAX_URLS; offset += NEWS_MAX_URLS) {
      const rows: Array<{ locale: string; path: string | null; title: string; seo: unknown; first: unknown }> = await strapi.db
        .getConnection(table)
        .select(`${table}.${columns.locale} as locale`, `${table}.${columns.path} as path`, `${table}.${columns.title} as title`, `${table}.${columns.seo} as seo`, `${first} as first`)
        .where(first, '>=', since)
        .whereNotNull(`${table}.${columns.publishedAt}`)
        .orderBy(first, 'desc')
        .orderBy(`${table}.id`, 'asc')
        .offset(offset)
        .limit(NEWS_MAX_URLS);
      for (const row of rows) {
        const page = { url: row.path ? `${site.baseUrl}${row.path}` : null, seo: parse<SeoFacts | null>(row.seo, null) };
        const firstPublished = toDate(row.first);
        if (!row.path || !firstPublished || !isListedInGoogleNews(page) || listed >= NEWS_MAX_URLS) continue;
        listed += 1;
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
      if (rows.length < NEWS_MAX_URLS) break;
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
