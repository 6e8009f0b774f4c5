import type { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { parseSitemapFile } from '../../core/discovery';
import { listTag, SITE_TAG } from '../../core/delivery';
import { colophonConfig } from '../colophon-config';
import { siteLocales } from '../claims';
import { discoverableTypes, loadDiscoverySite, type DiscoverableType } from './discoverable-types';
import { newsEntries, renderNewsSitemap, renderSitemapIndex, sitemapIndexEntries, sitemapPages, streamSitemapPage } from './sitemaps';

const XML = 'application/xml; charset=utf-8';

/**
 * Answers GET /api/sitemap/:file. The index and the news sitemap are small and are sent whole
 * (so HTTP caching gives them an ETag and the response cache keeps them); a page of up to
 * 50 000 URLs is streamed. Every answer is tagged `site` and the list tags of the types it
 * lists (ctx.state.answerTags, read by HTTP caching), which every change to those types names.
 * 404 for a file that does not exist (an unknown type or locale, a page past the last) and for
 * a Site without a base URL, with a message that says which.
 */
export async function answerSitemap(strapi: Core.Strapi, ctx: any): Promise<void> {
  const file = String(ctx.params?.file ?? '');
  const types = discoverableTypes(strapi);
  const locales = await siteLocales(strapi);
  const wanted = parseSitemapFile(file, types.map((type) => type.plural), locales);
  if (!wanted) {
    throw new errors.NotFoundError(
      `No sitemap is named "${file}": there are index.xml, news.xml and <type>-<locale>-<page>.xml, for the types ${types.map((type) => type.plural).join(', ')} and the locales ${locales.join(', ')}`
    );
  }
  const site = await loadDiscoverySite(strapi);
  if (!site.baseUrl) throw new errors.NotFoundError('No sitemap yet: the Site has no baseUrl, and a sitemap lists absolute URLs');

  if (wanted.kind === 'news') {
    const listed = newsTypes(types);
    ctx.state.answerTags = [SITE_TAG, ...listed.map((type) => listTag(type.uid))];
    const rendered = renderNewsSitemap(await newsEntries(strapi, listed, site, new Date()));
    ctx.type = XML;
    ctx.body = typeof rendered === 'string' ? rendered : await collect(rendered);
    return;
  }
  if (wanted.kind === 'index') {
    ctx.state.answerTags = [SITE_TAG, ...types.map((type) => listTag(type.uid))];
    const entries = await sitemapIndexEntries(strapi, types, locales, site);
    // The news sitemap rides in the index while it lists anything, so one Sitemap: line in
    // robots.txt is enough; an empty one is still served at its own URL.
    const news = await newsEntries(strapi, newsTypes(types), site, new Date());
    if (news.length > 0) entries.push({ file: 'news.xml', lastmod: new Date(String(news[0].news!.publication_date)) });
    if (entries.length === 0) throw new errors.NotFoundError('No sitemap yet: nothing published is indexable');
    const publicBase = (colophonConfig(strapi).discovery.sitemapPublicUrl || site.baseUrl).replace(/\/+$/, '');
    ctx.type = XML;
    ctx.body = await collect(renderSitemapIndex(entries, publicBase));
    return;
  }
  const type = types.find((candidate) => candidate.plural === wanted.type)!;
  ctx.state.answerTags = [SITE_TAG, listTag(type.uid)];
  const pages = await sitemapPages(strapi, type, wanted.locale, site, locales.length, { page: wanted.page });
  const page = pages.find((candidate) => candidate.page === wanted.page);
  if (!page) {
    throw new errors.NotFoundError(
      pages.length === 0
        ? `No sitemap "${file}": nothing of type ${type.plural} is published and indexable in ${wanted.locale}`
        : `No sitemap "${file}": ${type.plural} in ${wanted.locale} has ${pages.length} page${pages.length === 1 ? '' : 's'}`
    );
  }
  ctx.type = XML;
  const stream = streamSitemapPage(strapi, type, wanted.locale, page, site);
  stream.on('error', (error) => strapi.log.error(`Sitemap ${file}: ${error.message}`));
  ctx.body = stream;
}

/** The types a news sitemap lists: those with a headline and `seo` (articles, not categories). */
function newsTypes(types: DiscoverableType[]): DiscoverableType[] {
  return types.filter((type) => type.columns.seo && type.columns.title);
}

async function collect(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
