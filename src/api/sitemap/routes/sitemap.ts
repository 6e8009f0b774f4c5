/**
 * GET /api/sitemap/index.xml: the sitemap index; /api/sitemap/news.xml: the Google News sitemap;
 * /api/sitemap/<type>-<locale>-<page>.xml: one page of a type's sitemap (src/strapi/discovery).
 */
export default {
  routes: [{ method: 'GET', path: '/sitemap/:file', handler: 'sitemap.find', config: { policies: [] } }],
};
