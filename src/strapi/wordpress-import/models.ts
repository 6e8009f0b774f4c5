import type { Core } from '@strapi/strapi';
import { registerDatabaseModels } from '../database/models';

/**
 * What each imported WordPress thing became: one row per (site, kind, WordPress id), so a
 * second run finds what it made and updates it instead of making it again, and a comment's
 * parent or a post's featured image named by WordPress id can be found whatever came first.
 * `fingerprint` is a hash of what the import would write for it: equal on the next run means
 * unchanged, nothing written. `site` is the export's `wp:base_site_url`, so two blogs imported
 * into one Colophon keep apart.
 */
export const WORDPRESS_ITEMS_TABLE = 'colophon_wordpress_items';

/** Kinds of imported things, by WordPress's names. */
export type WordpressKind = 'category' | 'post' | 'comment' | 'attachment';

const itemModel = {
  uid: 'colophon::wordpress-item',
  singularName: 'colophon_wordpress_items',
  tableName: WORDPRESS_ITEMS_TABLE,
  attributes: {
    id: { type: 'increments' },
    site: { type: 'string' },
    kind: { type: 'string' },
    wpId: { type: 'biginteger' },
    /** The Strapi document it became (an article, a category, a comment), or an upload's id for an attachment. */
    documentId: { type: 'string' },
    locale: { type: 'string' },
    fingerprint: { type: 'string' },
    importedAt: { type: 'datetime' },
  },
  indexes: [{ name: 'colophon_wordpress_items_uq', columns: ['site', 'kind', 'wp_id'], type: 'unique' }],
};

/**
 * Where an import stopped: per export (its parts' names and sizes, hashed), the number of
 * records read and committed, so `--resume` skips them without writing. Every item is its own
 * transaction and idempotent, so the cursor is only a shortcut: a run without --resume
 * re-reads everything and finds it unchanged.
 */
export const WORDPRESS_RUNS_TABLE = 'colophon_wordpress_runs';

const runModel = {
  uid: 'colophon::wordpress-run',
  singularName: 'colophon_wordpress_runs',
  tableName: WORDPRESS_RUNS_TABLE,
  attributes: {
    id: { type: 'increments' },
    exportKey: { type: 'string' },
    /** Records committed, counted across the export's parts in reading order. */
    committed: { type: 'biginteger' },
    startedAt: { type: 'datetime' },
    finishedAt: { type: 'datetime' },
  },
  indexes: [{ name: 'colophon_wordpress_runs_uq', columns: ['export_key'], type: 'unique' }],
};

/** Registers the import's tables as Strapi database models; called from register(). */
export function registerWordpressImportModels(strapi: Core.Strapi): void {
  registerDatabaseModels(strapi, itemModel, runModel);
}
