import type { Core, Modules } from '@strapi/strapi';
import { prefixCandidates, resolveRedirect, type RedirectRule, type ResolvedRedirect } from '../../core/trail';
import { colophonConfig } from '../colophon-config';
import { columnOf, tableOf } from '../database/schema';

/** Whether a page lives at `path` now, in `locale` when given: a published trail target or a category. */
export async function isLivePath(strapi: Core.Strapi, path: string, locale?: string | null): Promise<boolean> {
  const { targets, categoryUid } = colophonConfig(strapi).trails;
  for (const uid of [...targets.map((target) => target.uid), categoryUid]) {
    const attributes = strapi.contentType(uid as any).attributes as Record<string, unknown>;
    if (!('path' in attributes)) continue;
    const query = strapi.db.getConnection(tableOf(strapi, uid)).select('id').where(columnOf(strapi, uid, 'path'), path).first();
    if (locale) query.where(columnOf(strapi, uid, 'locale'), locale);
    if ((strapi.contentType(uid as any).options as any)?.draftAndPublish) query.whereNotNull(columnOf(strapi, uid, 'publishedAt'));
    if (await query) return true;
  }
  return false;
}

/**
 * Where a reader asking for `path` in `locale` goes: the exact rule for it, else the longest
 * prefix rule it falls under, never when a page lives there (core's resolveRedirect). Rules of
 * another locale never answer; a rule with no locale answers for all. With no locale, every
 * locale's rules and pages count. Two indexed lookups on `from` and one per content type on
 * `path`.
 */
export async function lookupRedirect(
  strapi: Core.Strapi,
  path: string,
  locale?: string | null,
  isLive?: boolean
): Promise<(ResolvedRedirect & { row: any }) | null> {
  const uid = colophonConfig(strapi).trails.redirectUid;
  const rows: any[] = await strapi.db.query(uid as any).findMany({
    // A row written without `match` (an import, a hand edit) is an exact rule.
    where: {
      $or: [
        { from: path, $or: [{ match: 'exact' }, { match: { $null: true } }] },
        { from: { $in: prefixCandidates(path) }, match: 'prefix' },
      ],
      ...(locale ? { $and: [{ $or: [{ locale }, { locale: { $null: true } }] }] } : {}),
    },
  });
  if (rows.length === 0) return null;
  // A rule of the locale itself wins over one written for every locale.
  rows.sort((a, b) => Number(b.locale === locale) - Number(a.locale === locale));
  const resolved = resolveRedirect(path, rows as RedirectRule[], isLive ?? (await isLivePath(strapi, path, locale)));
  return resolved ? { ...resolved, row: resolved.rule } : null;
}

const LOOKUP_ACTIONS = new Set(['findMany', 'findFirst', 'count']);

/**
 * The Redirect API answers "where did this path go?" the way a frontend must follow it:
 * `GET /api/redirects?filters[from][$eq]=/old/path&locale=fr` (and GraphQL's
 * `redirects(filters: { from: { eq: … } })`) returns the exact rule, or the longest prefix
 * rule applied to the path (with `from` the path asked and `to` where it now lives), or
 * nothing when a page lives at that path. Any other query reads the table as stored.
 */
export function redirectLookups(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    if (context.uid !== colophonConfig(strapi).trails.redirectUid || !LOOKUP_ACTIONS.has(context.action)) return next();
    const params = context.params as { filters?: unknown; start?: number; offset?: number; fields?: unknown; locale?: unknown };
    const path = askedPath(params.filters);
    if (path === null) return next();

    const found = await lookupRedirect(strapi, path, typeof params.locale === 'string' && params.locale !== '*' ? params.locale : null);
    const skip = Number(params.start ?? params.offset ?? 0);
    if (context.action === 'count') return found ? 1 : 0;
    const entry = found && skip === 0 ? { ...found.row, from: path, to: found.to, statusCode: found.statusCode, match: found.match } : null;
    return context.action === 'findFirst' ? entry : entry ? [entry] : [];
  };
}

/** The path of a lookup by `from` alone: `{ from: { $eq: p } }` or `{ from: p }`. */
function askedPath(filters: unknown): string | null {
  if (!filters || typeof filters !== 'object' || Array.isArray(filters)) return null;
  const keys = Object.keys(filters);
  if (keys.length !== 1 || keys[0] !== 'from') return null;
  const value = (filters as { from: unknown }).from;
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && Object.keys(value).length === 1 && typeof (value as any).$eq === 'string') {
    return (value as any).$eq;
  }
  return null;
}
