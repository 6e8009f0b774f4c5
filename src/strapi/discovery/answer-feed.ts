import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { FEED_MEDIA_TYPES, parseFeedRequest, renderFeed } from '../../core/discovery';
import { SITE_TAG } from '../../core/delivery';
import { siteLocales } from '../claims';
import { tagVocabulary } from '../delivery/tags';
import { loadFeed } from './feeds';

/**
 * Answers GET /api/feeds/:locale/:file and /api/feeds/:locale/categories/:documentId/:file
 * (`:file` is rss.xml, atom.xml or feed.json). A feed is a few dozen kilobytes, so it is sent
 * whole: HTTP caching gives it an ETag (and a 304), and the response cache keeps it. It is tagged
 * `site`, the list tag of each type it lists and, for a category's feed, the category's own tag
 * (ctx.state.answerTags): every change to an article, a category (a rename or move shows in the
 * trails and re-files articles), a Source (footers) or the Site names one of them.
 * 404, with a message saying which, for an unknown file or locale, a category that has no row in
 * the locale, and a Site without a base URL. A locale with nothing published is an empty feed.
 */
export async function answerFeed(strapi: Core.Strapi, ctx: any): Promise<void> {
  const request = parseFeedRequest(ctx.params ?? {}, await siteLocales(strapi));
  if ('error' in request) throw new errors.NotFoundError(request.error);
  const feed = await loadFeed(strapi, request);
  if ('missing' in feed) throw new errors.NotFoundError(feed.missing);
  const tags = tagVocabulary(strapi);
  ctx.state.answerTags = [
    SITE_TAG,
    ...feed.uids.map((uid) => tags.listTag(uid)),
    ...(feed.category ? [tags.documentTag(feed.category.uid, feed.category.documentId)] : []),
  ];
  ctx.type = `${FEED_MEDIA_TYPES[request.file]}; charset=utf-8`;
  ctx.body = renderFeed(request.file, feed.channel, feed.items);
}
