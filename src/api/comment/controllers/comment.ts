import { factories } from '@strapi/strapi';
import { readerOf } from '../../../strapi/comments/caller';
import { reportComment } from '../../../strapi/comments/reports';

export default factories.createCoreController('api::comment.comment', ({ strapi }) => ({
  /** POST /api/comments/:documentId/report: always 202 with the same receipt (see reportComment). */
  async report(ctx: any) {
    const receipt = await reportComment(strapi, readerOf(ctx), ctx.params?.documentId, ctx.request.body?.data);
    ctx.status = 202;
    ctx.body = { data: receipt };
  },
}));
