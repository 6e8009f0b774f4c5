import type { Core } from '@strapi/strapi';

/**
 * Makes the redirect type's `locale` an ordinary public string attribute. Strapi 5's i18n gives
 * every content type a `locale` column, but on a type that is not localized it declares it
 * `private` (@strapi/i18n's register, extendContentTypes), so REST and GraphQL drop it from
 * answers, GraphQL's type and filters input leave it out, and `filters[locale]` is refused as an
 * invalid key. A redirect's locale is the locale of what moved and decides where it answers, so
 * frontends need it. Once public, Strapi's own sanitizers, validators and GraphQL builders
 * treat it like any string field: shown, filterable (`filters[locale][$eq]=en`,
 * `filters: { locale: { eq: "en" } }`) and sortable. `localizations` stays private: a redirect
 * has no translations.
 *
 * Runs after i18n's register (the app's register does) and before GraphQL builds its schema at
 * bootstrap. Writing `locale` was already allowed (i18n declares it writable on every type).
 */
export function exposeRedirectLocale(strapi: Core.Strapi, uid: string): void {
  const attributes = strapi.contentType(uid as any).attributes as Record<string, { private?: boolean } | undefined>;
  if (!attributes.locale) throw new Error(`${uid} has no locale attribute: is the i18n plugin enabled?`);
  attributes.locale.private = false;
}
