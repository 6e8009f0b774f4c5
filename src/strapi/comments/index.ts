import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';
import { configureModerationQueue } from './admin-list-view';
import { hideServerFieldsFromGraphQL } from './graphql-inputs';
import { registerCommentThreadsQuery } from './comment-threads-graphql';
import { acceptHoneypotField } from './honeypot-input';
import { registerReportCommentMutation } from './report-graphql';
import { registerReportModel } from './reports';
import { registerDismissReportsRoute } from './dismiss-reports-route';
import { commentsOnDocuments } from './middleware';
import { ensureModeratorRole } from './moderator-role';

/** Reader comments, wired in at register(): before routes and the GraphQL schema are built. */
export function registerComments(strapi: Core.Strapi): void {
  const { comments } = colophonConfig(strapi);
  if (!comments.pipeline) {
    if (process.env.NODE_ENV === 'production') {
      throw new Error('COMMENT_PIPELINE=false stores reader comments unmoderated; it is for benchmarks only, never production.');
    }
    strapi.log.warn('[colophon] COMMENT_PIPELINE=false: reader comments are stored as sent, unmoderated (benchmark baseline).');
  }
  strapi.documents.use(commentsOnDocuments(strapi));
  acceptHoneypotField(strapi, comments.rules.honeypotField);
  hideServerFieldsFromGraphQL(strapi);
  registerCommentThreadsQuery(strapi);
  registerReportCommentMutation(strapi);
  registerReportModel(strapi);
  registerDismissReportsRoute(strapi);
}

/** Runs before role grants: the Moderator role must exist for its permissions to be granted. */
export async function bootstrapComments(strapi: Core.Strapi): Promise<void> {
  await ensureModeratorRole(strapi);
  await configureModerationQueue(strapi);
}
