import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../strapi/colophon-config';
import { httpCaching } from '../strapi/delivery/http-caching';

/**
 * ETag, 304, Cache-Control and cache tags on public reads (see src/strapi/delivery/http-caching.ts).
 * Registered in config/middlewares.ts outside `strapi::errors`, so it sees every answer as sent,
 * errors included (which it marks `private, no-store`).
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  httpCaching(strapi, { publicCacheControl: colophonConfig(strapi).delivery.publicCacheControl });
