import type { Core } from '@strapi/strapi';
import { COMMENT_UID } from './model';

/**
 * The honeypot is not a stored attribute, so both APIs must be told a comment may carry it:
 * - REST validates body.data against the schema and would answer a bot with "Invalid key":
 *   the field is registered as an extra input of POST /api/comments, of any type, since a
 *   bot may send anything and must still get the same 201 as a human;
 * - GraphQL rejects unknown input fields, so CommentInput gets it as a String.
 */
export function acceptHoneypotField(strapi: Core.Strapi, field: string): void {
  strapi.contentAPI.addInputParams({
    [field]: {
      schema: (z) => z.unknown(),
      // Route objects are module singletons: a second Strapi booted in the same process (the
      // test harness restarting an app) finds the field already merged and must not add it twice.
      matchRoute: (route: any) =>
        route.handler === `${COMMENT_UID}.create` && !(field in (route.request?.body?.['application/json']?.shape ?? {})),
    },
  });
  const graphql = strapi.plugin('graphql');
  graphql?.service('extension').use(({ nexus }: any) => ({
    types: [
      nexus.extendInputType({
        type: 'CommentInput',
        definition(t: any) {
          t.string(field, { description: 'Leave empty: a hidden form field only bots fill in.' });
        },
      }),
    ],
  }));
}
