/**
 * GET /api/comment-threads?article=<documentId>&page=1&pageSize=20: a page of an article's
 * approved comments as threads, each top-level comment with its replies nested
 * (src/strapi/comments/comment-threads.ts). GraphQL's `commentThreads` answers the same.
 */
export default {
  routes: [{ method: 'GET', path: '/comment-threads', handler: 'comment-thread.find', config: { policies: [] } }],
};
