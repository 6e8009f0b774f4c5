import type { Core } from '@strapi/strapi';
import { readerOf } from './caller';
import { reportComment } from './reports';

/**
 * GraphQL's `reportComment(documentId:, reason:, note:)`: the same as POST
 * /api/comments/:documentId/report (one code path), answering `{ received: true }` whatever the
 * comment. `reason` is a string rather than an enum because GraphQL enum values cannot hold the
 * hyphens of personal-data and off-topic; a reason off the list is a BAD_USER_INPUT naming it.
 * Allowed to whoever may call the REST route (api::comment.comment.report).
 */
export function registerReportCommentMutation(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  graphql.service('extension').use(({ nexus }: any) => ({
    types: [
      nexus.objectType({
        name: 'CommentReportReceipt',
        definition(t: any) {
          t.nonNull.boolean('received');
        },
      }),
      nexus.extendType({
        type: 'Mutation',
        definition(t: any) {
          t.nonNull.field('reportComment', {
            type: 'CommentReportReceipt',
            args: { documentId: nexus.nonNull(nexus.idArg()), reason: nexus.nonNull(nexus.stringArg()), note: nexus.stringArg() },
            async resolve(_parent: unknown, args: { documentId: string; reason: string; note?: string | null }, context: any) {
              const ctx = context.koaContext ?? strapi.requestContext.get();
              return reportComment(strapi, readerOf(ctx), args.documentId, { reason: args.reason, ...(args.note != null ? { note: args.note } : {}) });
            },
          });
        },
      }),
    ],
    resolversConfig: {
      'Mutation.reportComment': { auth: { scope: ['api::comment.comment.report'] } },
    },
  }));
}
