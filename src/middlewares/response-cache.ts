import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../strapi/colophon-config';
import { graphqlRootTypes, schemaReader } from '../strapi/delivery/http-caching';
import { responseCacheOf } from '../strapi/delivery/response-cache';

/**
 * Answers public reads from the response cache (see src/strapi/delivery/response-cache.ts).
 * Registered in config/middlewares.ts after the body parser and the input guard, so a GraphQL
 * POST's document is read and malformed input never reaches the cache.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  responseCacheOf(strapi, colophonConfig(strapi).delivery.responseCache, graphqlRootTypes(strapi), schemaReader(strapi)).middleware;
