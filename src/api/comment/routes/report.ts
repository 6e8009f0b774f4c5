/**
 * POST /api/comments/:documentId/report: a reader reports a comment (src/strapi/comments/reports.ts).
 * GraphQL's `reportComment` mutation does the same.
 */
export default {
  routes: [{ method: 'POST', path: '/comments/:documentId/report', handler: 'comment.report', config: { policies: [] } }],
};
