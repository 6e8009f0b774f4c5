import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { readPathLocale, readRequestedPath } from '../../core/trail';
import { normalizeOldPath } from '../../core/wordpress/planOldPaths';
import { fail } from '../hook/write-context';
import { pathOwners } from './path-claims';
import { lookupRedirect } from './redirect-lookup';
import { loadSiteSettings } from './site-settings';

export interface ResolveRequest {
  /** The public path asked about, as the frontend got it. */
  path: unknown;
  /** Narrows the answer to one locale; optional when the path's prefix says it. */
  locale?: unknown;
  /** `fields` and `populate`, as the found type's own endpoint takes them. */
  query?: Record<string, unknown>;
  /** The caller's auth (ctx.state.auth): sanitizing answers as its own endpoint would for that caller. */
  auth?: unknown;
}

export type Resolution =
  | { kind: 'document'; uid: string; type: string; locale: string | null; path: string; document: Record<string, unknown> }
  | { kind: 'redirect'; to: string; statusCode: number; locale: string | null; path: string };

/**
 * What lives at a public path, read from published content only: the published article or
 * category there (any trail type, with the fields and populate its own endpoint would give
 * this caller, sanitized the same way), else where a redirect rule sends the path (exact rule,
 * else the longest prefix rule; core's resolveRedirect), else a NotFoundError. A path Colophon
 * could not store is a 400 on `path`. Old WordPress URLs an import recorded answer too:
 * `/?p=<id>` and `/?cat=<id>` (the query is the address there), and a path written with other
 * percent-encoding than the stored rule's (core's normalizeOldPath gives both one form).
 *
 * Cost: one indexed lookup on `path` per type until one answers, then the document read a
 * findOne makes; a redirect adds one indexed lookup on `from`.
 */
export async function resolvePath(strapi: Core.Strapi, request: ResolveRequest): Promise<Resolution> {
  const path = readRequestedPath(request.path);
  if (path === null) fail('path must be a public path starting with "/", as stored in `path` fields', { field: 'path' });
  const asked = await readLocale(strapi, request.locale);
  const oldForm = typeof request.path === 'string' ? normalizeOldPath(request.path) : null;
  if (oldForm?.includes('/?')) {
    // A WordPress address by id: only a redirect an import recorded can answer it.
    const redirect = await lookupRedirect(strapi, oldForm, asked, false);
    if (redirect) return { kind: 'redirect', to: redirect.to, statusCode: redirect.statusCode, locale: redirect.row.locale ?? asked, path: oldForm };
    throw new errors.NotFoundError(`Nothing lives at ${oldForm}`);
  }

  for (const { uid } of pathOwners(strapi)) {
    const contentType = strapi.contentType(uid as any);
    const draftAndPublish = Boolean((contentType.options as any)?.draftAndPublish);
    const rows: Array<{ documentId: string; locale: string | null }> = await strapi.db.query(uid as any).findMany({
      where: { path, ...(asked ? { locale: asked } : {}), ...(draftAndPublish ? { publishedAt: { $notNull: true } } : {}) },
      select: ['documentId', 'locale'],
      limit: 10,
    });
    if (rows.length === 0) continue;
    // Only a site without locale prefixes has one path in several locales: its default wins.
    const row = rows.length === 1 ? rows[0] : await preferDefaultLocale(strapi, rows);
    const query = await sanitizedQuery(strapi, contentType, request);
    const document = await strapi.documents(uid as any).findOne({
      ...query,
      documentId: row.documentId,
      ...(row.locale ? { locale: row.locale } : {}),
      status: 'published',
    } as any);
    if (!document) continue;
    const safe = (await strapi.contentAPI.sanitize.output(document, contentType, { auth: request.auth as any })) as Record<string, unknown>;
    return { kind: 'document', uid, type: contentType.info.singularName, locale: row.locale, path, document: safe };
  }

  const locale = asked ?? readPathLocale(path, await localeCodes(strapi));
  const redirect =
    (await lookupRedirect(strapi, path, locale, false)) ??
    (oldForm && oldForm !== path ? await lookupRedirect(strapi, oldForm, locale ?? readPathLocale(oldForm, await localeCodes(strapi)), false) : null);
  if (redirect) return { kind: 'redirect', to: redirect.to, statusCode: redirect.statusCode, locale: redirect.row.locale ?? locale, path };
  throw new errors.NotFoundError(`Nothing lives at ${path}`);
}

async function readLocale(strapi: Core.Strapi, raw: unknown): Promise<string | null> {
  if (raw === undefined || raw === null || raw === '') return null;
  const known = typeof raw === 'string' ? (await localeCodes(strapi)).find((code) => code.toLowerCase() === raw.toLowerCase()) : undefined;
  if (!known) fail(`locale must be one of the site's locales`, { field: 'locale' });
  return known;
}

async function localeCodes(strapi: Core.Strapi): Promise<string[]> {
  const locales: Array<{ code: string }> = await strapi.plugin('i18n').service('locales').find();
  return locales.map((locale) => locale.code);
}

async function preferDefaultLocale<T extends { locale: string | null }>(strapi: Core.Strapi, rows: T[]): Promise<T> {
  const { defaultLocale } = await loadSiteSettings(strapi);
  return rows.find((row) => row.locale === defaultLocale) ?? rows[0];
}

/** `fields` and `populate` only, validated and sanitized against the found type for this caller, like its own endpoint. */
async function sanitizedQuery(strapi: Core.Strapi, contentType: any, request: ResolveRequest): Promise<Record<string, unknown>> {
  const query: Record<string, unknown> = {};
  for (const key of ['fields', 'populate']) if (request.query?.[key] !== undefined) query[key] = request.query[key];
  if (Object.keys(query).length === 0) return query;
  await strapi.contentAPI.validate.query(query, contentType, { auth: request.auth as any });
  return (await strapi.contentAPI.sanitize.query(query, contentType, { auth: request.auth as any })) as Record<string, unknown>;
}
