import type { Modules } from '@strapi/strapi';
import { scopeRedirectsToLocale } from '../../core/trail/scopeRedirectsToLocale';
import { fieldError } from '../errors';

const LIST_ACTIONS = new Set(['findMany', 'findFirst', 'count']);

/**
 * A document service middleware for the redirect type: a list asked with a `locale` (REST's
 * `?locale=en`, GraphQL's `redirects(locale: "en")`, or code passing `locale`) answers the
 * rules of that locale and the rules with no locale, never another locale's
 * (core's scopeRedirectsToLocale), ANDed with the caller's own filters. Strapi ignores `locale`
 * on a type that is not localized, so without this every locale's rules came back. With no
 * locale or `*`, every rule, as before. A `locale` that is not a string is a 400 on `locale`.
 * Lookups by `from` alone are answered before this by trails' redirectLookups, with the same
 * locale rule.
 */
export function scopeRedirectListsToLocale(uid: string): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    if (context.uid !== uid || !LIST_ACTIONS.has(context.action)) return next();
    const params = context.params as { locale?: unknown; filters?: unknown };
    const scope = scopeRedirectsToLocale(params.locale);
    if (scope.kind === 'every-locale') return next();
    if (scope.kind === 'invalid') throw fieldError(scope.message, 'locale');
    const filters = params.filters ? { $and: [params.filters, scope.filters] } : scope.filters;
    context.params = { ...params, filters } as typeof context.params;
    return next();
  };
}
