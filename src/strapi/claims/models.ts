import type { Core } from '@strapi/strapi';
import { registerDatabaseModels } from '../database/models';

/**
 * The table that makes the database itself refuse a second page on a path: one row per
 * (locale, path) that an article, a category, any other trail target or the Site holds,
 * under a unique index. A writer claims a path in its own transaction before it stores a row
 * there (an INSERT that does nothing on conflict, see ./ledger.ts); two writers racing for
 * one path, on one app instance or several, meet at that index and the second sees the
 * first's claim. `locale` is '' for a type without locales (NULLs would never conflict).
 */
export const PATH_CLAIMS_TABLE = 'colophon_path_claims';

/**
 * The same for trail targets' slugs, which are unique per type and locale whatever the
 * category (editors and frontends look an article up by its slug).
 */
export const SLUG_CLAIMS_TABLE = 'colophon_slug_claims';

/**
 * The row that says the ledger has been filled from the rows (backfillClaims). It lives in the
 * table itself, not in Strapi's store, so that whatever empties the table (a restore with
 * `strapi import` or `transfer`, which clears every table and brings back the store) also
 * takes the mark away, and the next boot fills the ledger again. An empty path is no page's.
 */
export const LEDGER_FILLED = { locale: '', path: '', owner_uid: 'colophon::ledger' } as const;

const pathClaimModel = {
  uid: 'colophon::path-claim',
  singularName: 'colophon_path_claims',
  tableName: PATH_CLAIMS_TABLE,
  attributes: {
    id: { type: 'increments' },
    locale: { type: 'string', required: true, default: '' },
    path: { type: 'text', required: true },
    /** The content type holding the path, or the Site's uid for a path the Site reserves. */
    ownerUid: { type: 'string', required: true },
    /** The document holding it; null for a reserved path. */
    ownerDocumentId: { type: 'string' },
    /** For a reserved path, what it is reserved for ("the home page of locale en"). */
    reason: { type: 'string' },
  },
  indexes: [
    { name: 'colophon_path_claims_locale_path_uq', columns: ['locale', 'path'], type: 'unique' },
    { name: 'colophon_path_claims_owner_idx', columns: ['owner_document_id', 'owner_uid'] },
  ],
};

const slugClaimModel = {
  uid: 'colophon::slug-claim',
  singularName: 'colophon_slug_claims',
  tableName: SLUG_CLAIMS_TABLE,
  attributes: {
    id: { type: 'increments' },
    ownerUid: { type: 'string', required: true },
    locale: { type: 'string', required: true, default: '' },
    slug: { type: 'string', required: true },
    ownerDocumentId: { type: 'string', required: true },
  },
  indexes: [
    { name: 'colophon_slug_claims_type_locale_slug_uq', columns: ['owner_uid', 'locale', 'slug'], type: 'unique' },
    { name: 'colophon_slug_claims_owner_idx', columns: ['owner_document_id', 'owner_uid'] },
  ],
};

/**
 * Registers both tables as Strapi database models (not content types: no admin, no API), so
 * Strapi's schema sync creates them, with their unique indexes, on every database it supports.
 * Called from register(), before the database is initialised.
 */
export function registerClaimModels(strapi: Core.Strapi): void {
  registerDatabaseModels(strapi, pathClaimModel, slugClaimModel);
}
