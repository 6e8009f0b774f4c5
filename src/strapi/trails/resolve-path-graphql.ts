import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { colophonConfig } from '../colophon-config';
import { resolvePath } from './resolve-path';

/**
 * GraphQL's `resolvePath(path:, locale:)`: the same answer as GET /api/resolve (one code path,
 * src/strapi/trails/resolve-path.ts), typed: the found document in the field named after its
 * type (`article`, `category`), or `redirect { to statusCode }`, or null when nothing lives
 * there. Allowed to whoever may call the REST route (api::resolve.resolve.find).
 */
export function registerResolvePathQuery(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const { targets, categoryUid } = colophonConfig(strapi).trails;
  const owners = [...targets.map((target) => target.uid), categoryUid];

  graphql.service('extension').use(({ nexus }: any) => {
    const typeName = (uid: string) => graphql.service('utils').naming.getTypeName(strapi.contentType(uid as any));
    const fieldName = (uid: string) => strapi.contentType(uid as any).info.singularName;
    return {
      types: [
        nexus.objectType({
          name: 'ResolvedRedirect',
          definition(t: any) {
            t.nonNull.string('to');
            t.nonNull.int('statusCode');
          },
        }),
        nexus.objectType({
          name: 'ResolvedPath',
          description: 'What lives at a public path: one published document, or a redirect.',
          definition(t: any) {
            t.nonNull.string('path');
            t.string('type', { description: 'The found type’s singular name (article, category); null for a redirect.' });
            t.string('locale');
            for (const uid of owners) t.field(fieldName(uid), { type: typeName(uid) });
            t.field('redirect', { type: 'ResolvedRedirect' });
          },
        }),
        nexus.extendType({
          type: 'Query',
          definition(t: any) {
            t.field('resolvePath', {
              type: 'ResolvedPath',
              args: { path: nexus.nonNull(nexus.stringArg()), locale: nexus.stringArg() },
              async resolve(_parent: unknown, args: { path: string; locale?: string | null }, context: any) {
                try {
                  const found = await resolvePath(strapi, { path: args.path, locale: args.locale, auth: context.state?.auth });
                  if (found.kind === 'redirect') {
                    return { path: found.path, type: null, locale: found.locale, redirect: { to: found.to, statusCode: found.statusCode } };
                  }
                  return { path: found.path, type: found.type, locale: found.locale, [found.type]: found.document, redirect: null };
                } catch (error) {
                  if (error instanceof errors.NotFoundError) return null;
                  throw error;
                }
              },
            });
          },
        }),
      ],
      resolversConfig: {
        'Query.resolvePath': { auth: { scope: ['api::resolve.resolve.find'] } },
      },
    };
  });
}
