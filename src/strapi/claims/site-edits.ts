import type { Core } from '@strapi/strapi';
import { findReservedConflicts, planReservedPaths, rootSlugAt, type SiteTrailSettings } from '../../core/trail';
import { colophonConfig } from '../colophon-config';
import { columnOf, relationLinkOf, sql, tableOf } from '../database/schema';
import { fail } from '../hook/write-context';
import { loadSiteSettings } from '../trails/site-settings';
import { PATH_CLAIMS_TABLE, SLUG_CLAIMS_TABLE } from './models';

/** The Site fields that decide where every page lives, in the order a refusal names them. */
export const PATH_SETTINGS = ['blogPath', 'defaultLocale', 'localePrefix'] as const;

/** The site's locale codes, as i18n holds them, each once. */
export async function siteLocales(strapi: Core.Strapi): Promise<string[]> {
  return [...new Set(((await strapi.plugin('i18n').service('locales').find()) as Array<{ code: string }>).map((locale) => locale.code))];
}

/**
 * Before a Site write: refuses, with a 400 on the field that changed (blogPath first, then
 * defaultLocale, then localePrefix) and before anything is written, a change of where pages
 * live that would put one on a path the Site reserves: a category or article at the root of a
 * locale's blog landing on another locale's home ("/en" once the blog path is empty), a blog
 * index on another locale's home or inside its URL space. Pages deeper than the root keep
 * their places relative to each other, so only the root can collide. Returns the first field
 * that changes where pages live (the caller then claims every path again, and names that
 * field if the database still finds a clash), or null when none does.
 */
export async function refuseSiteEditCollisions(
  strapi: Core.Strapi,
  trx: unknown,
  data: Record<string, unknown> | undefined
): Promise<(typeof PATH_SETTINGS)[number] | null> {
  if (!data) return null;
  const current = await loadSiteSettings(strapi);
  const next: SiteTrailSettings = { ...current };
  for (const field of PATH_SETTINGS) if (field in data) (next as any)[field] = data[field] ?? null;
  const changed = PATH_SETTINGS.filter((field) => (next[field] ?? null) !== (current[field] ?? null));
  if (changed.length === 0) return null;
  const field = changed[0];
  const describe = (value: unknown) => (typeof value === 'string' ? `"${value}"` : String(value));
  const locales = await siteLocales(strapi);

  const collision = await findReservedCollision(strapi, trx, next, locales);
  if (collision) fail(`${field} ${describe(next[field])}${collision.startsWith(':') ? '' : ' '}${collision}`, { field });
  return field;
}

/**
 * Why the URL space would be unsound with `site`'s settings and these `locales`, as the end of
 * a sentence (": the blog index … would be /en, inside …", "would move category … to /en,
 * which is …"), or null: reservations that collide, or a page at the root of a locale's blog
 * on a reserved path. Site edits and new locales ask here before they are written.
 */
export async function findReservedCollision(
  strapi: Core.Strapi,
  trx: unknown,
  site: SiteTrailSettings,
  locales: readonly string[]
): Promise<string | null> {
  const [conflict] = findReservedConflicts(site, locales);
  if (conflict) return `: ${conflict}`;
  for (const reserved of planReservedPaths(site, locales)) {
    const slug = rootSlugAt(site, reserved.locale, reserved.path);
    if (slug === null) continue;
    const page = await findRootPage(strapi, trx, reserved.locale, slug);
    if (page) {
      return `would move ${page.type} "${page.label}" (documentId ${page.documentId}) to ${reserved.path}, which is ${reserved.reason}: re-slug or move it first`;
    }
  }
  return null;
}

/**
 * Keeps i18n's locales and the ledger's reservations together: a new locale whose home or
 * URL space a page already holds (a French category "de" at the root of a blog at the site's
 * root, when German is added) is refused with a 400 before it is stored, and the
 * reservations follow every locale added or removed, whichever door did it (the admin's
 * Settings > Internationalization, code). Called from bootstrap.
 */
export function guardLocaleChanges(strapi: Core.Strapi, sync: (trx: unknown) => Promise<unknown>): void {
  strapi.db.lifecycles.subscribe({
    models: ['plugin::i18n.locale'],
    async beforeCreate(event: any) {
      const code = event.params?.data?.code;
      if (typeof code !== 'string' || code === '') return;
      const locales = [...new Set([...(await siteLocales(strapi)), code])];
      const problem = await findReservedCollision(strapi, undefined, await loadSiteSettings(strapi), locales);
      if (problem) fail(`Adding locale ${code}${problem.startsWith(':') ? '' : ' '}${problem}`, { field: 'code' });
    },
    async afterCreate() {
      await strapi.db.transaction(({ trx }) => sync(trx));
    },
    async afterDelete(event: any) {
      // i18n deletes the locale's entries with a query of its own, past the document service:
      // what they claimed goes with them, or the locale, added again, would find it taken.
      const code = event.result?.code ?? event.params?.where?.code;
      await strapi.db.transaction(async ({ trx }) => {
        if (typeof code === 'string' && code !== '') {
          for (const table of [PATH_CLAIMS_TABLE, SLUG_CLAIMS_TABLE]) {
            await strapi.db.getConnection(table).transacting(trx as any).where('locale', code).whereNotNull('owner_document_id').delete();
          }
        }
        await sync(trx);
      });
    },
  } as any);
}

/** A category with no parent, or a trail target with no category (draft or published), of `locale` with `slug`. */
async function findRootPage(
  strapi: Core.Strapi,
  trx: unknown,
  locale: string,
  slug: string
): Promise<{ type: string; documentId: string; label: string } | null> {
  const { categoryUid, targets } = colophonConfig(strapi).trails;
  const candidates = [
    { uid: categoryUid, relation: 'parent', slugField: 'slug', labelField: 'name' },
    ...targets.map((target) => ({ uid: target.uid, relation: target.categoryField, slugField: target.slugField, labelField: target.titleField })),
  ];
  for (const { uid, relation, slugField, labelField } of candidates) {
    const table = tableOf(strapi, uid);
    const link = relationLinkOf(strapi, uid, relation);
    const row = await (trx ? sql(strapi, trx, table) : strapi.db.getConnection(table))
      .leftJoin(link.table, `${link.table}.${link.ownerColumn}`, `${table}.id`)
      .whereNull(`${link.table}.${link.targetColumn}`)
      .where(`${table}.${columnOf(strapi, uid, 'locale')}`, locale)
      .where(`${table}.${columnOf(strapi, uid, slugField)}`, slug)
      .select(`${table}.${columnOf(strapi, uid, 'documentId')} as documentId`, `${table}.${columnOf(strapi, uid, labelField)} as label`)
      .first();
    if (row) return { type: strapi.contentType(uid as any).info.singularName, documentId: row.documentId, label: row.label ?? '' };
  }
  return null;
}
