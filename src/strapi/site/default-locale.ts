import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';
import { fail } from '../hook/write-context';
import { siteLocales } from '../claims/site-edits';
import { columnOf, sql, tableOf } from '../database/schema';

/*
 * The Site's `defaultLocale` and Strapi's i18n default locale are one setting: the locale of
 * unprefixed paths is the one a REST or GraphQL list without `locale` answers in. The Site
 * holds it (it moves every path, with redirects, through the document service); i18n's copy
 * follows it in the same transaction, and a change made in i18n's settings is written to the
 * Site through the document service, so the paths move as if an editor had changed the Site.
 */

/** Where i18n keeps its default locale: Strapi's core store, type plugin, name i18n, key default_locale. */
const I18N_DEFAULT_KEY = 'plugin_i18n_default_locale';
const CORE_STORE = 'strapi_core_store_settings';

/**
 * Checks a `defaultLocale` the caller sent against i18n's locales, and writes it as i18n spells
 * it (`FR` becomes `fr`). A 400 on `defaultLocale` for a code i18n does not know: the Site
 * cannot put a locale's pages at the root while that locale has none. Leaves `data` alone when
 * the field was not sent.
 */
export async function prepareSiteDefaultLocale(strapi: Core.Strapi, data: Record<string, unknown> | undefined): Promise<void> {
  if (!data || !('defaultLocale' in data) || data.defaultLocale === null || data.defaultLocale === '') return;
  const sent = data.defaultLocale;
  const codes = await siteLocales(strapi);
  const code = typeof sent === 'string' ? codes.find((candidate) => candidate.toLowerCase() === sent.trim().toLowerCase()) : undefined;
  if (!code) fail(`defaultLocale "${String(sent)}" is not one of the site's locales (${codes.join(', ')})`, { field: 'defaultLocale' });
  data.defaultLocale = code;
}

/**
 * Makes i18n's default locale the Site's, inside the Site write's transaction `trx` (a refused
 * write leaves both as they were). No Site, or a Site without one: i18n's stays as it is.
 */
export async function followSiteDefaultLocale(strapi: Core.Strapi, trx: unknown): Promise<void> {
  const siteUid = colophonConfig(strapi).trails.siteUid;
  const site = await sql(strapi, trx, tableOf(strapi, siteUid)).first(`${columnOf(strapi, siteUid, 'defaultLocale')} as defaultLocale`);
  const code = site?.defaultLocale;
  if (typeof code !== 'string' || code === '') return;
  // The schema's default ('fr') on a site without French: i18n's default is left alone.
  if (!(await siteLocales(strapi)).includes(code)) return;
  const value = JSON.stringify(code);
  const updated = await sql(strapi, trx, CORE_STORE).where('key', I18N_DEFAULT_KEY).whereNull('environment').whereNull('tag').update({ value, type: 'string' });
  if (!updated) await sql(strapi, trx, CORE_STORE).insert({ key: I18N_DEFAULT_KEY, value, type: 'string', environment: null, tag: null });
}

/**
 * i18n's settings page (or code calling `setDefaultLocale`) changing the default locale writes
 * it to the Site too, through the document service, so that paths, redirects and the change
 * log follow. Installed once, in bootstrap.
 */
export function followI18nDefaultLocale(strapi: Core.Strapi): void {
  const service = strapi.plugin('i18n').service('locales') as { setDefaultLocale(args: { code: string }): Promise<unknown> };
  const setDefaultLocale = service.setDefaultLocale;
  service.setDefaultLocale = async (args: { code: string }) => {
    // The Site first: if moving the paths is refused (a reserved path), i18n keeps its default too.
    const siteUid = colophonConfig(strapi).trails.siteUid;
    const site = await strapi.documents(siteUid as any).findFirst({});
    if (site && (site as any).defaultLocale !== args.code) {
      await strapi.documents(siteUid as any).update({ documentId: site.documentId, data: { defaultLocale: args.code } as any });
    }
    return setDefaultLocale(args);
  };
}

/**
 * At boot, when the two disagree (a database from before they were one setting, or i18n's
 * changed while the app was down), the Site's wins: it is what the stored paths were derived
 * from.
 */
export async function reconcileDefaultLocale(strapi: Core.Strapi): Promise<void> {
  const codes = await siteLocales(strapi);
  const site = await strapi.db.query(colophonConfig(strapi).trails.siteUid as any).findOne({ select: ['defaultLocale'] });
  const code = site?.defaultLocale;
  if (typeof code !== 'string' || !codes.includes(code)) return;
  if ((await strapi.plugin('i18n').service('locales').getDefaultLocale()) === code) return;
  await strapi.db.transaction(({ trx }) => followSiteDefaultLocale(strapi, trx));
}


