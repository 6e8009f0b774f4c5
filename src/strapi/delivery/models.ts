import type { Core } from '@strapi/strapi';
import { registerDatabaseModels } from '../database/models';

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

/**
 * Where each webhook endpoint is in the feed: the position after the last change it
 * acknowledged (`cursor_*`), the end of the batch being tried (`batch_*`, so a retry sends the
 * same changes under the same message id), its failures in a row and when to try again, and a
 * lease (`leased_until`, `leased_by`) so that one instance at a time delivers to it.
 */
export const WEBHOOK_ENDPOINTS_TABLE = 'colophon_webhook_endpoints';

const webhookEndpointModel = {
  uid: 'colophon::webhook-endpoint',
  singularName: 'colophon_webhook_endpoints',
  tableName: WEBHOOK_ENDPOINTS_TABLE,
  attributes: {
    id: { type: 'increments' },
    /** SHA-256 (hex) of the URL: URLs may be longer than an indexable string. */
    urlHash: { type: 'string' },
    url: { type: 'text' },
    cursorTxid: { type: 'biginteger' },
    cursorId: { type: 'biginteger' },
    batchTxid: { type: 'biginteger' },
    batchId: { type: 'biginteger' },
    failures: { type: 'integer' },
    nextAttemptAt: { type: 'datetime' },
    leasedUntil: { type: 'datetime' },
    leasedBy: { type: 'string' },
    disabledAt: { type: 'datetime' },
    lastStatus: { type: 'integer' },
    lastError: { type: 'text' },
    deliveredAt: { type: 'datetime' },
    createdAt: { type: 'datetime' },
  },
  indexes: [{ name: 'colophon_webhook_endpoints_url_uq', columns: ['url_hash'], type: 'unique' }],
};

/** Registers the change log's tables as Strapi database models; called from register(). */
export function registerChangeModels(strapi: Core.Strapi): void {
  registerDatabaseModels(strapi, changeModel, webhookEndpointModel);
}
