import type { Core } from '@strapi/strapi';

/**
 * Adds `locale: I18NLocaleCode` to GraphQL's list queries of the redirect type (`redirects`,
 * `redirects_connection`), as i18n adds it to localized types' queries (@strapi/i18n's
 * graphql.js, a nexus plugin on Query fields), so that `redirects(locale: "en")` asks what
 * `GET /api/redirects?locale=en` asks. Strapi's resolvers pass the argument on to the document
 * service untouched, where the redirect list middleware reads it. The one-redirect query
 * (`redirect(documentId:)`) gets none: a documentId names one row whatever the locale.
 */
export function registerRedirectLocaleArgument(strapi: Core.Strapi, uid: string): void {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  graphql.service('extension').use(({ nexus }: any) => ({
    plugins: [
      nexus.plugin({
        name: 'ColophonRedirectLocaleArg',
        onAddOutputField(field: any) {
          if (field.parentType !== 'Query' || field.extensions?.strapi?.contentType?.uid !== uid) return;
          const { naming } = graphql.service('utils');
          const contentType = strapi.contentType(uid as any);
          if (field.name !== naming.getFindQueryName(contentType) && field.name !== naming.getFindConnectionQueryName(contentType)) return;
          field.args = {
            ...field.args,
            locale: nexus.arg({
              type: 'I18NLocaleCode',
              description: 'The rules that answer in this locale: its own and those with no locale. "*" or none: every rule.',
            }),
          };
        },
      }),
    ],
  }));
}
