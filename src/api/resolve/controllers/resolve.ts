import type { Core } from '@strapi/strapi';
import { resolvePath } from '../../../strapi/trails/resolve-path';

/**
 * A frontend's catch-all route in one request: the published document living at `path`
 * (`data`, exactly as its own endpoint gives it, with `meta.type`), or where the path now
 * lives (`redirect: { to, statusCode }`), or a 404.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: any) {
    const { path, locale, ...query } = ctx.query ?? {};
    const found = await resolvePath(strapi, { path, locale, query, auth: ctx.state.auth });
    if (found.kind === 'redirect') {
      ctx.body = { data: null, redirect: { to: found.to, statusCode: found.statusCode }, meta: { locale: found.locale, path: found.path } };
      return;
    }
    ctx.body = { data: found.document, meta: { type: found.type, uid: found.uid, locale: found.locale, path: found.path } };
  },
});
