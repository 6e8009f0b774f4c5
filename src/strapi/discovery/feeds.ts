import type { Core } from '@strapi/strapi';
import {
  absoluteUrl,
  buildFeedChannel,
  buildFeedItem,
  feedPath,
  type FeedArticle,
  type FeedChannel,
  type FeedCover,
  type FeedItem,
  type FeedRequest,
} from '../../core/discovery';
import type { BlockNode } from '../../core/preview';
import { localePathPrefix, resolveTrailSettings, type Crumb } from '../../core/trail';
import { colophonConfig } from '../colophon-config';
import { loadCredits } from '../attribution/load-credits';
import { loadCoverFiles } from '../attribution/load-covers';
import { columnOf, isPostgres, relationLinkOf, tableOf } from '../database/schema';
import { parse } from '../delivery/change-log';
import { loadCategoryTree } from '../trails/category-tree';
import { loadSiteSettings } from '../trails/site-settings';
import { toDate } from './values';

/** A feed ready to render, the types it lists (for its cache tags) and, for a category's feed, the category. */
export interface LoadedFeed {
  channel: FeedChannel;
  items: FeedItem[];
  uids: string[];
  category: { uid: string; documentId: string } | null;
}

/** Why a feed cannot be served (a 404): the Site has no base URL, or the category is not there. */
export interface MissingFeed {
  missing: string;
}

/** A published row of a trail target, as the feed query reads it. */
interface ArticleRow {
  id: number;
  documentId: string;
  title: string | null;
  path: string | null;
  excerpt?: string | null;
  body?: unknown;
  attribution?: unknown;
  breadcrumbs?: unknown;
  firstPublishedAt: unknown;
  publishedAt: unknown;
  updatedAt: unknown;
}

/**
 * The feed `request` asks for (locale and file already checked against i18n's locales), as a
 * channel and its items: the latest `discovery.feedSize` published rows of that locale of every
 * trail target, newest first by first publication, for a category only those filed in it or in
 * one of its descendants (the category tree, in the locale's own rows). Each target is read with
 * one bounded query (latestRows: LIMIT feedSize, on the index on firstPublishedAt and locale),
 * then its credits and covers for those rows only. Drafts are never read. Answers MissingFeed for a Site without a base URL,
 * and for a category documentId that has no row in the locale.
 */
export async function loadFeed(strapi: Core.Strapi, request: FeedRequest): Promise<LoadedFeed | MissingFeed> {
  const { trails, discovery, attribution } = colophonConfig(strapi);
  const settings = resolveTrailSettings(await loadSiteSettings(strapi));
  if (!settings.baseUrl) return { missing: 'No feed yet: the Site has no baseUrl, and a feed lists absolute URLs' };

  let category: { id: number; name: string; description: string | null; path: string | null; updatedAt: Date | null } | null = null;
  let categoryIds: number[] | null = null;
  if (request.categoryDocumentId) {
    category = await findCategory(strapi, trails.categoryUid, request.categoryDocumentId, request.locale);
    if (!category) return { missing: `No category "${request.categoryDocumentId}" in ${request.locale}: a feed follows a category by its documentId, in a locale it has` };
    categoryIds = (await loadCategoryTree(strapi, null)).subtreeIds(category.id);
  }

  const size = discovery.feedSize;
  const rootCrumbs = settings.blogPath === '' ? 1 : 2;
  const found: FeedItem[] = [];
  const uids: string[] = [];
  for (const target of trails.targets) {
    const attributes = (strapi.contentType(target.uid as any) as any)?.attributes ?? {};
    if (!('path' in attributes) || !('firstPublishedAt' in attributes)) continue;
    uids.push(target.uid);
    const rows = await latestRows(strapi, target.uid, target.titleField, request.locale, size, categoryIds ? { field: target.categoryField, ids: categoryIds } : null);
    if (rows.length === 0) continue;
    const ids = rows.map((row) => Number(row.id));
    const credits = attribution.creditsField in attributes ? await loadCredits(strapi, null, target.uid, ids) : new Map();
    const covers = await loadCoverFiles(strapi, null, target.uid, ids);
    for (const row of rows) {
      const item = buildFeedItem(toFeedArticle(row, request.locale, credits.get(Number(row.id)) ?? [], covers.get(Number(row.id)) ?? null), {
        baseUrl: settings.baseUrl,
        rootCrumbs,
      });
      if (item) found.push(item);
    }
  }
  // Each target gave its newest; together they are cut to the newest `size` again.
  const items = found.sort((a, b) => b.published.getTime() - a.published.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).slice(0, size);

  const url = (file: FeedRequest['file']) => absoluteUrl(settings.baseUrl, feedPath(request.locale, file, request.categoryDocumentId))!;
  const channel = buildFeedChannel({
    siteName: settings.siteName,
    baseUrl: settings.baseUrl,
    locale: request.locale,
    pagePath: category?.path || localePathPrefix(settings, request.locale) || '/',
    selfUrl: url(request.file),
    atomUrl: url('atom.xml'),
    category: category ? { name: category.name, description: category.description } : null,
    // Only read when nothing is listed: the moment the feed's subject last changed.
    quietSince: items.length > 0 ? null : (category?.updatedAt ?? (await siteUpdatedAt(strapi, trails.siteUid))),
    items,
  });
  return { channel, items, uids, category: request.categoryDocumentId ? { uid: trails.categoryUid, documentId: request.categoryDocumentId } : null };
}

/** The category's row in `locale` (categories have no drafts; a row Strapi has not published would not count). */
async function findCategory(strapi: Core.Strapi, uid: string, documentId: string, locale: string) {
  const table = tableOf(strapi, uid);
  const column = (attribute: string) => columnOf(strapi, uid, attribute);
  const row = await strapi.db
    .getConnection(table)
    .select('id', `${column('name')} as name`, `${column('description')} as description`, `${column('path')} as path`, `${column('updatedAt')} as updatedAt`)
    .where(column('documentId'), documentId)
    .where(column('locale'), locale)
    .whereNotNull(column('publishedAt'))
    .first();
  if (!row) return null;
  return { id: Number(row.id), name: String(row.name ?? ''), description: row.description ?? null, path: row.path ?? null, updatedAt: toDate(row.updatedAt) };
}

/** Up to this many links a category's subtree is read whole; past it, the index is walked (latestRows). */
const SMALL_SUBTREE_LINKS = 2000;

/**
 * The newest `limit` published rows of `uid` in `locale` by first publication (ties by id, so
 * the order is stable), optionally only those whose category is one of `inCategories.ids`. The
 * index on (firstPublishedAt, locale) (./indexes.ts) is walked from its end, skipping other
 * locales in the index: the rows read are about the rows listed, whatever the archive's size.
 * For a category, which rows to read depends on its size, since no index orders a category's
 * articles: a subtree of at most SMALL_SUBTREE_LINKS links (counted on the link table's index,
 * no further) is read whole through the link table and sorted; a larger one walks the index
 * from the newest and probes each row's link by article id, stopping at `limit`. Measured on a
 * SQLite table of 100 000 documents as wide as articles: reading a subtree of a tenth of them
 * whole took 140 ms (all of them 1.4 s), the walk 0.2 ms; the walk's worst case, a large
 * category with nothing recent, goes back through the locale's rows to its newest article
 * (250 ms for all of them).
 * A published row always has a firstPublishedAt (Strapi sets it at the first publish and
 * back-fills older rows); one without it is left out rather than let PostgreSQL's NULLS FIRST
 * put it on top.
 */
async function latestRows(
  strapi: Core.Strapi,
  uid: string,
  titleField: string,
  locale: string,
  limit: number,
  inCategories: { field: string; ids: number[] } | null
): Promise<ArticleRow[]> {
  const table = tableOf(strapi, uid);
  const attributes = (strapi.contentType(uid as any) as any).attributes as Record<string, unknown>;
  const column = (attribute: string) => `${table}.${columnOf(strapi, uid, attribute)}`;
  const optional = (attribute: string) => (attribute in attributes ? [`${column(attribute)} as ${attribute}`] : []);
  const first = column('firstPublishedAt');
  const query = strapi.db
    .getConnection(table)
    .select(
      `${table}.id as id`,
      `${column('documentId')} as documentId`,
      `${column(titleField)} as title`,
      `${column('path')} as path`,
      ...optional('excerpt'),
      ...optional('body'),
      ...optional('attribution'),
      ...optional('breadcrumbs'),
      `${first} as firstPublishedAt`,
      `${column('publishedAt')} as publishedAt`,
      `${column('updatedAt')} as updatedAt`
    )
    .where(column('locale'), locale)
    .whereNotNull(column('publishedAt'))
    .whereNotNull(first)
    .orderBy(first, 'desc')
    .orderBy(`${table}.id`, 'desc')
    .limit(limit);
  if (inCategories) {
    const { ids } = inCategories;
    if (ids.length === 0) return [];
    const link = relationLinkOf(strapi, uid, inCategories.field);
    const large = await strapi.db.getConnection(link.table).select(link.ownerColumn).whereIn(link.targetColumn, ids).offset(SMALL_SUBTREE_LINKS).limit(1);
    if (large.length === 0) {
      query.join(link.table, `${link.table}.${link.ownerColumn}`, `${table}.id`).whereIn(`${link.table}.${link.targetColumn}`, ids);
    } else {
      // On SQLite, `+` makes the category test unusable for an index: its planner, which keeps no
      // statistics, would otherwise probe the link table by category, reading every link of the
      // subtree for each row walked (0.6 s for a tenth of 100 000 documents, against 0.2 ms).
      // PostgreSQL probes by article id on its own, and `+` would hide the category's share from
      // its estimates: it then read every link of the subtree first (the root's feed in
      // bench:sitemap at 2 000 articles: 42 ms with it, 15 ms without).
      const plus = isPostgres(strapi) ? '' : '+';
      const knex = strapi.db.connection;
      query.whereExists(
        strapi.db
          .getConnection(link.table)
          .select(knex.raw('1'))
          .whereRaw('??.?? = ??.??', [link.table, link.ownerColumn, table, 'id'])
          .whereRaw(`${plus}??.?? in (${ids.map(() => '?').join(', ')})`, [link.table, link.targetColumn, ...ids])
      );
    }
  }
  return query;
}

function toFeedArticle(row: ArticleRow, locale: string, credits: FeedArticle['credits'], cover: FeedCover | null): FeedArticle {
  return {
    documentId: row.documentId,
    locale,
    title: row.title ?? '',
    path: row.path,
    excerpt: row.excerpt ?? null,
    body: parse<BlockNode[] | null>(row.body, null),
    attribution: parse<FeedArticle['attribution']>(row.attribution, null),
    breadcrumbs: parse<Crumb[] | null>(row.breadcrumbs, null),
    firstPublishedAt: toDate(row.firstPublishedAt)!,
    publishedAt: toDate(row.publishedAt),
    updatedAt: toDate(row.updatedAt),
    credits,
    cover,
  };
}


async function siteUpdatedAt(strapi: Core.Strapi, siteUid: string): Promise<Date | null> {
  const site = await strapi.db.query(siteUid as any).findOne({ select: ['updatedAt'] });
  return toDate(site?.updatedAt);
}
