import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../strapi/colophon-config';
import { graphqlRootTypes, httpCaching, schemaReader } from '../strapi/delivery/http-caching';
import { responseCacheOf } from '../strapi/delivery/response-cache';

/**
 * ETag, 304, Cache-Control and cache tags on public reads (see src/strapi/delivery/http-caching.ts).
 * Registered in config/middlewares.ts outside `strapi::errors`, so it sees every answer as sent,
 * errors included (which it marks `private, no-store`). A public GET the response cache can
 * answer with the headers recorded for it is answered here, before the middlewares inside run.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const { delivery } = colophonConfig(strapi);
  const cache = responseCacheOf(strapi, delivery.responseCache, graphqlRootTypes(strapi), schemaReader(strapi));
  return httpCaching(strapi, { publicCacheControl: delivery.publicCacheControl }, cache.answerEarly);
};
