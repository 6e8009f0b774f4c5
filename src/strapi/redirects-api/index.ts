import type { Core, Modules } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';
import { exposeRedirectLocale } from './expose-locale';
import { registerRedirectLocaleArgument } from './graphql-locale-argument';
import { scopeRedirectListsToLocale } from './scope-lists-to-locale';

/**
 * Redirects by locale, as frontends read them over REST and GraphQL (README, "The API"):
 * every redirect shows its `locale` (null for a rule that holds in every locale); a list asked
 * with `locale` answers that locale's rules and the locale-less ones; `filters` on `locale`
 * match the stored value exactly, as any Strapi filter does.
 *
 * Called once from the app's register, after i18n has declared the column: makes `locale` a
 * public attribute of the redirect type, adds the `locale` argument to GraphQL's redirect
 * lists, and returns the document service middleware that scopes lists to the locale asked.
 */
export function redirectLocales(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware {
  const uid = colophonConfig(strapi).trails.redirectUid;
  exposeRedirectLocale(strapi, uid);
  registerRedirectLocaleArgument(strapi, uid);
  return scopeRedirectListsToLocale(uid);
}
