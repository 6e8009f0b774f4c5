/**
 * GET /api/changes?after=<cursor>&limit=<n>: the change log, oldest first (src/strapi/delivery).
 * GET /api/changes/:id/paths?page=<n>&pageSize=<n>: every public path a change covers, page by page.
 * API tokens only: never Public, never a reader's account.
 */
export default {
  routes: [
    { method: 'GET', path: '/changes', handler: 'change.find', config: { policies: [] } },
    { method: 'GET', path: '/changes/:id/paths', handler: 'change.findOne', config: { policies: [] } },
  ],
};
