import type { Core } from '@strapi/strapi';
import { alternatesByVersion, type Alternate, type LocalizedVersion } from '../../core/discovery';
import { resolveTrailSettings, type SiteTrailSettings } from '../../core/trail';
import { canonicalJson } from '../../core/consistency';
import { updateRowsById } from '../database/bulk-update';
import { columnOf, sql, tableOf } from '../database/schema';
import { noteChange, parse } from '../delivery/change-log';
import { tagVocabulary } from '../delivery/tags';

/** A row whose derived values were just computed and are not stored yet. */
export interface FreshVersion {
  id: number;
  documentId: string;
  locale: string | null;
  published: boolean;
  path: string | null;
  /** The row's new `seo`, without alternates. */
  seo: Record<string, unknown> | null;
}

/** Documents read at once: well under every database's bound on bound parameters. */
const DOCUMENTS_PER_READ = 500;

/**
 * The hreflang alternates of a set of documents, kept right whichever of their rows a write
 * touched. `fresh` are rows whose derived values the caller is about to store: it gets their
 * alternates back, by row id, to store with them (no second write). Every other row of the
 * same documents is read as stored, and, unless `write` is false (a check that only
 * compares), its `seo.alternates` is rewritten when it changed: a localization created,
 * published, unpublished, moved, re-slugged or deleted changes what all the others name.
 *
 * A page's URL is the Site's base URL + its path, the form `seo.canonicalUrl` and the
 * breadcrumbs use; alternates are derived only for types with both `path` and `seo`.
 * Costs one indexed read per 500 documents (Strapi's document_id index) and one UPDATE for
 * the stored rows that changed, inside the caller's transaction.
 */
export async function settleAlternates(
  strapi: Core.Strapi,
  trx: unknown,
  uid: string,
  site: SiteTrailSettings,
  documentIds: readonly string[],
  fresh: readonly FreshVersion[],
  options: { write?: boolean } = {}
): Promise<Map<number, Alternate[]>> {
  const attributes = strapi.contentType(uid as any).attributes as Record<string, unknown>;
  if (!('seo' in attributes) || !('path' in attributes) || documentIds.length === 0) return new Map();
  const { baseUrl, defaultLocale } = resolveTrailSettings(site);
  const urlOf = (path: string | null) => (baseUrl && path ? `${baseUrl}${path}` : null);

  const freshIds = new Set(fresh.map((row) => row.id));
  const stored: Array<FreshVersion & { alternates: unknown }> = [];
  const unique = [...new Set(documentIds)];
  const column = (attribute: string) => columnOf(strapi, uid, attribute);
  for (let start = 0; start < unique.length; start += DOCUMENTS_PER_READ) {
    const query = sql(strapi, trx, tableOf(strapi, uid))
      .select(
        'id',
        `${column('documentId')} as documentId`,
        `${column('locale')} as locale`,
        `${column('publishedAt')} as publishedAt`,
        `${column('path')} as path`,
        `${column('seo')} as seo`
      )
      .whereIn(column('documentId'), unique.slice(start, start + DOCUMENTS_PER_READ))
      // The caller holds those already: in a one-locale archive the read then returns nothing.
      .whereNotIn('id', fresh.length <= DOCUMENTS_PER_READ ? [...freshIds] : []);
    // The rows this write will rewrite are not under its document lock (a category's cascade
    // reaches other locales' rows): locked as they are read, they are read as committed after
    // any save of theirs under way, which then waits for this one. A deadlock this may make is
    // retried like any other (src/strapi/database/contention.ts). SQLite has one writer at a time.
    if (options.write !== false && strapi.db.dialect.client !== 'sqlite') query.forUpdate();
    const rows = await query;
    for (const row of rows) {
      const id = Number(row.id);
      if (freshIds.has(id)) continue;
      const seo = parse<Record<string, unknown> | null>(row.seo, null);
      stored.push({ id, documentId: row.documentId, locale: row.locale, published: row.publishedAt != null, path: row.path, seo, alternates: seo?.alternates });
    }
  }

  const versions: LocalizedVersion[] = [...fresh, ...stored].map((row) => ({
    id: row.id,
    documentId: row.documentId,
    locale: row.locale ?? '',
    published: row.published,
    url: urlOf(row.path),
    seo: row.seo as LocalizedVersion['seo'],
  }));
  const alternates = alternatesByVersion(versions, defaultLocale);

  if (options.write !== false) {
    // A row never derived (seo null) is left for its own write or `npm run rederive` to fill.
    const changed = stored
      .filter((row) => row.seo && canonicalJson(row.alternates ?? null) !== canonicalJson(alternates.get(row.id) ?? []))
      .map((row) => ({ id: row.id, values: { seo: { ...row.seo, alternates: alternates.get(row.id) ?? [] } } }));
    await updateRowsById(strapi, trx, uid, changed);
    // Their answers changed though no one wrote them (a category's cascade in another locale,
    // say): caches and frontends must hear of it under their own tags and paths.
    if (changed.length > 0) {
      const changedIds = new Set(changed.map((update) => update.id));
      const rows = stored.filter((row) => changedIds.has(row.id));
      const documents = [...new Set(rows.map((row) => row.documentId))];
      noteChange({
        documents: rows.map((row) => ({ uid, documentId: row.documentId, locale: row.locale })),
        tags: documents.map((documentId) => tagVocabulary(strapi).documentTag(uid, documentId)),
        paths: rows.filter((row) => row.published && row.path).map((row) => ({ locale: row.locale ?? '', path: row.path!, change: 'updated' as const })),
      });
    }
  }
  return new Map([...alternates].filter(([id]) => freshIds.has(id)));
}

/** A row as the write hook read it, and the derived values it is about to get. */
export interface DerivedVersion {
  row: { id: number; documentId: string; locale: string | null; publishedAt: unknown; path: string | null };
  values: Record<string, unknown>;
}

/**
 * Puts into each `values.seo` the alternates it must name (see settleAlternates), from the
 * other entries' new values and the documents' other rows as stored. With `write` (the
 * default) those other rows are rewritten where they changed; a check passes `write: false`.
 */
export async function addAlternates(
  strapi: Core.Strapi,
  trx: unknown,
  uid: string,
  site: SiteTrailSettings,
  derived: readonly DerivedVersion[],
  options: { write?: boolean } = {}
): Promise<void> {
  const fresh = derived.map(({ row, values }) => ({
    id: row.id,
    documentId: row.documentId,
    locale: row.locale,
    published: Boolean(row.publishedAt),
    path: typeof values.path === 'string' ? values.path : row.path,
    seo: (values.seo as Record<string, unknown> | undefined) ?? null,
  }));
  const alternates = await settleAlternates(strapi, trx, uid, site, derived.map(({ row }) => row.documentId), fresh, options);
  for (const { row, values } of derived) {
    if (values.seo) values.seo = { ...(values.seo as object), alternates: alternates.get(row.id) ?? [] };
  }
}
