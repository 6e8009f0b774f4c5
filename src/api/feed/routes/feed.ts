/**
 * GET /api/feeds/:locale/:file: the site's feed in a locale; /api/feeds/:locale/categories/:documentId/:file:
 * one category's (its descendants' articles included). `:file` is rss.xml, atom.xml or feed.json
 * (src/strapi/discovery/answer-feed.ts). A frontend serves them at /feeds/… by proxy.
 */
export default {
  routes: [
    { method: 'GET', path: '/feeds/:locale/:file', handler: 'feed.find', config: { policies: [] } },
    { method: 'GET', path: '/feeds/:locale/categories/:documentId/:file', handler: 'feed.find', config: { policies: [] } },
  ],
};
