import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { COMMENT_UID } from './model';
import { dismissReports } from './reports';

/**
 * POST /colophon/comments/:documentId/dismiss-reports, an admin route: a moderator has read a
 * reported comment and keeps it as it is. Its open reports are dismissed and its report count
 * cleared; its status does not change (approving a held comment dismisses them too). Needs the
 * Content Manager's update permission on Comment (401 without an admin JWT, 403 without it);
 * 404 for an unknown comment. Answers `{ data: { dismissed } }`, the number of reports dismissed.
 */
export function registerDismissReportsRoute(strapi: Core.Strapi): void {
  strapi.server.routes({
    type: 'admin',
    prefix: '',
    routes: [
      {
        method: 'POST',
        path: '/colophon/comments/:documentId/dismiss-reports',
        handler: async (ctx: any) => {
          if (!ctx.state.userAbility?.can('plugin::content-manager.explorer.update', COMMENT_UID)) {
            return ctx.forbidden("Dismissing reports needs the Content Manager's update permission on Comment");
          }
          const { documentId } = ctx.params;
          const exists = await strapi.db.query(COMMENT_UID).findOne({ where: { documentId }, select: ['id'] });
          if (!exists) throw new errors.NotFoundError(`No comment has the documentId "${documentId}"`);
          const dismissed = await strapi.db.transaction(({ trx }) => dismissReports(strapi, trx, documentId));
          ctx.body = { data: { dismissed } };
        },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  } as any);
}
