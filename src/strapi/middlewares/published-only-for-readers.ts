import type { Core, Modules } from '@strapi/strapi';
import { narrowFiltersToPublished } from './narrow-filters-to-published';
import { refuseSortsThroughDrafts } from './refuse-draft-sorts';

const READ_ACTIONS = new Set(['findMany', 'findOne', 'findFirst', 'count']);

/**
 * Strapi lets anyone with `find` ask for `?status=draft` (REST) or `status: DRAFT` (GraphQL),
 * which would hand embargoed drafts to the public. Readers authenticated by users-permissions
 * (Public and signed-in readers alike) only ever see published versions; API tokens, which a
 * newsroom issues to its own preview frontends, and the admin keep the choice.
 */
export function publishedOnlyForReaders(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    // Every type, not only draft & publish ones: the status also picks which version of a
    // populated relation comes back (a category populating its articles).
    if (!READ_ACTIONS.has(context.action)) return next();

    const auth = strapi.requestContext.get()?.state?.auth;
    if (auth?.strategy?.name === 'users-permissions') {
      const params = context.params as { status?: string; filters?: unknown; sort?: unknown };
      params.status = 'published';
      if (params.filters) params.filters = narrowFiltersToPublished(strapi, context.uid, params.filters);
      if (params.sort !== undefined) refuseSortsThroughDrafts(strapi, context.uid, params.sort);
    }
    return next();
  };
}
