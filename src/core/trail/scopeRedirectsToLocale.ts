/**
 * A `filters` clause in Strapi's query syntax (plain data): the redirects that answer in one
 * locale, its own rules and the rules stored with no locale.
 */
export interface RedirectLocaleFilter {
  $or: [{ locale: { $eq: string } }, { locale: { $null: true } }];
}

export type RedirectLocaleScope =
  /** No locale asked (absent, null, empty) or `*`: every rule, as the table holds them. */
  | { kind: 'every-locale' }
  | { kind: 'locale'; locale: string; filters: RedirectLocaleFilter }
  /** Not a locale code at all (`?locale[0]=fr`, `?locale[$ne]=fr` parse to an array or object). */
  | { kind: 'invalid'; message: string };

/**
 * Which stored redirects a list asked "in `asked`" answers with: the rules recorded in that
 * locale and the rules with no locale (written by hand, imported, or older than redirects'
 * locales), which hold in every locale; never another locale's. The same rule the path lookup
 * and the trail writes follow (a reader in `en` is sent on by `en` rules and locale-less ones).
 *
 * @param asked the request's `locale` as received: REST's `?locale=`, GraphQL's `locale:`
 *   argument. A code is used as given (`fr`, `en`, `pt-BR`); an unknown one matches only the
 *   locale-less rules, as an unknown locale finds no article.
 * @returns `every-locale` for no locale or `*`; `locale` with the clause to AND with the
 *   caller's own filters; `invalid` for anything that is not a string.
 */
export function scopeRedirectsToLocale(asked: unknown): RedirectLocaleScope {
  if (asked === undefined || asked === null || asked === '' || asked === '*') return { kind: 'every-locale' };
  if (typeof asked !== 'string') return { kind: 'invalid', message: 'locale must be a locale code (fr, en) or *' };
  return { kind: 'locale', locale: asked, filters: { $or: [{ locale: { $eq: asked } }, { locale: { $null: true } }] } };
}
