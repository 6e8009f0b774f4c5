import type { Core } from '@strapi/strapi';

/**
 * The change log: one row per committed write that changes what the public can read, written
 * in that write's own transaction (so a rolled-back write logs nothing and a committed one
 * cannot be lost, even if the process dies right after the commit). On PostgreSQL each row
 * keeps the id of the transaction that wrote it (`txid`, pg_current_xact_id()), which is what
 * makes the feed gap-free across instances (see ./change-log.ts readChangesAfter).
 */
export const CHANGES_TABLE = 'colophon_changes';

const changeModel = {
  uid: 'colophon::change',
  singularName: 'colophon_changes',
  tableName: CHANGES_TABLE,
  attributes: {
    id: { type: 'increments' },
    txid: { type: 'biginteger' },
    action: { type: 'string' },
    /** [{ uid, documentId, locale }]: the documents written (at most 100; documentCount says how many). */
    documents: { type: 'json' },
    documentCount: { type: 'integer' },
    /** The cache tags the change invalidates (core/delivery/cacheTags.ts). */
    tags: { type: 'json' },
    /** [{ locale, path, change }]: public paths whose answer changed (at most 200; see scopes). */
    paths: { type: 'json' },
    /** Where the rest of the paths are, for a cascade: read page by page from GET /api/changes/:id/paths. */
    scopes: { type: 'json' },
    createdAt: { type: 'datetime' },
  },
  indexes: [{ name: 'colophon_changes_txid_id_idx', columns: ['txid', 'id'] }],
};

/** Registers the change log's table as a Strapi database model; called from register(). */
export function registerChangeModels(strapi: Core.Strapi): void {
  (strapi.get('models') as { add(model: unknown): unknown }).add(changeModel);
}
