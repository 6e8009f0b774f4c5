import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import { boundTags, encodeCursor, FEED_START, type FeedPosition } from '../../core/delivery';
import { CHANGES_TABLE } from './models';

/** A document a change wrote. */
export interface DocumentRef {
  uid: string;
  documentId: string;
  locale: string | null;
}

/**
 * A public path whose answer changed: `updated` (same page, new content), `created` (a page
 * appeared), `gone` (unpublished or deleted: a 404 now), `moved-from` (the old path of a page
 * that moved: it redirects now) and `moved-to` (its new path).
 */
export interface ChangedPath {
  locale: string;
  path: string;
  change: 'updated' | 'created' | 'gone' | 'moved-from' | 'moved-to';
}

/**
 * Where the paths of a change too large to list live, to be read page by page: every page at or
 * below `path` in `locale` (a cascade under a category; `from` is where that subtree was before
 * it moved, whose paths now redirect), every page crediting a Source, or everything (a Site edit).
 */
export type PathScope =
  | { kind: 'subtree'; locale: string; path: string; from?: string }
  | { kind: 'credits'; sourceDocumentId: string }
  | { kind: 'everything' };

/** Most documents and paths a change row lists; the rest are counted, and readable through its scopes. */
export const MAX_LISTED_DOCUMENTS = 100;
export const MAX_LISTED_PATHS = 200;

/**
 * What one write changed that the public can read, gathered while the write runs (the hook, its
 * cascades, the redirects it records) and appended to the log in the write's own transaction.
 */
export class ChangeRecorder {
  readonly documents = new Map<string, DocumentRef>();
  readonly tags = new Set<string>();
  readonly paths = new Map<string, ChangedPath>();
  readonly scopes: PathScope[] = [];
  /** Whether anything public changed: a draft-only save gathers nothing and logs nothing. */
  touched = false;

  constructor(readonly action: string) {}

  note(part: { documents?: DocumentRef[]; tags?: string[]; paths?: ChangedPath[]; scopes?: PathScope[] }): void {
    this.touched = true;
    for (const document of part.documents ?? []) this.documents.set(`${document.uid}\u0000${document.documentId}\u0000${document.locale ?? ''}`, document);
    for (const tag of part.tags ?? []) this.tags.add(tag);
    for (const path of part.paths ?? []) this.paths.set(`${path.locale}\u0000${path.path}\u0000${path.change}`, path);
    for (const scope of part.scopes ?? []) this.scopes.push(scope);
  }
}

const recording = new AsyncLocalStorage<ChangeRecorder>();

/** The recorder of the write in progress, if any: cascades and redirects add to it. */
export function currentChange(): ChangeRecorder | undefined {
  return recording.getStore();
}

/** Adds to the change of the write in progress; a no-op outside one (a benchmark's bulk load). */
export function noteChange(part: Parameters<ChangeRecorder['note']>[0]): void {
  recording.getStore()?.note(part);
}

/**
 * Runs `work` (one write, in transaction `trx`) with a recorder, and appends what it gathered to
 * the change log in the same transaction before the write commits. A write nested in another
 * (a cascade's own writes, a bulk action's documents) has its own recorder and its own row,
 * which a savepoint rolled back with it takes away.
 */
export async function recordingChanges<T>(
  strapi: Core.Strapi,
  trx: unknown,
  action: string,
  coarser: (tag: string) => string | null,
  work: () => Promise<T>
): Promise<T> {
  if (!(strapi.config.get('colophon') as { delivery?: { changeLog?: boolean } })?.delivery?.changeLog) return work();
  const recorder = new ChangeRecorder(action);
  const result = await recording.run(recorder, work);
  if (recorder.touched) await appendChange(strapi, trx, recorder, coarser);
  return result;
}

/** Appends one change row, in `trx`. On PostgreSQL the row keeps its transaction's id. */
export async function appendChange(
  strapi: Core.Strapi,
  trx: unknown,
  change: ChangeRecorder,
  coarser: (tag: string) => string | null
): Promise<void> {
  const documents = [...change.documents.values()];
  const paths = [...change.paths.values()];
  const postgres = strapi.db.dialect.client === 'postgres';
  const row: Record<string, unknown> = {
    action: change.action,
    documents: JSON.stringify(documents.slice(0, MAX_LISTED_DOCUMENTS)),
    document_count: documents.length,
    tags: JSON.stringify(boundTags([...change.tags], coarser)),
    paths: JSON.stringify(paths.slice(0, MAX_LISTED_PATHS)),
    scopes: JSON.stringify(paths.length > MAX_LISTED_PATHS && change.scopes.length === 0 ? [{ kind: 'everything' }] : change.scopes),
    created_at: new Date(),
  };
  if (postgres) row.txid = strapi.db.connection.raw('pg_current_xact_id()::text::bigint');
  await strapi.db.getConnection(CHANGES_TABLE).transacting(trx as any).insert(row);
}

/** One change as the feed gives it. */
export interface FeedChange {
  id: number;
  /** Where to continue from to read what came after this change. */
  cursor: string;
  action: string;
  documents: DocumentRef[];
  documentCount: number;
  tags: string[];
  paths: ChangedPath[];
  /** Whether more paths changed than `paths` lists: read them from GET /api/changes/:id/paths. */
  pathsTruncated: boolean;
  committedAt: string;
}

/**
 * The changes after `position`, oldest first, at most `limit`, and the position to continue
 * from. Gap-free: a consumer that follows the cursors never skips a committed change, even when
 * transactions on several instances commit out of the order their rows were numbered in.
 *
 * - PostgreSQL: rows are ordered by the id of the transaction that wrote them, then by id, and
 *   only rows of transactions older than the oldest one of this database still running are
 *   given out (see feedHorizon). Every such transaction has ended, so none can still add a row
 *   before the cursor; one still running gets a higher transaction id than any given out, and
 *   shows once it commits. The price is that a change is held back while an older transaction
 *   of this database is still open (a long cascade holds back what commits during it).
 * - SQLite: one writer at a time, so ids are given in commit order; the id alone is the cursor.
 */
export async function readChangesAfter(
  strapi: Core.Strapi,
  position: FeedPosition,
  limit: number
): Promise<{ changes: FeedChange[]; next: string; hasMore: boolean }> {
  const knex = strapi.db.connection;
  const postgres = strapi.db.dialect.client === 'postgres';
  const query = knex(CHANGES_TABLE).select('*').limit(limit + 1);
  if (postgres) {
    query
      .whereRaw('(txid, id) > (?::bigint, ?)', [position.txid ?? '0', position.id])
      .where('txid', '<', await feedHorizon(strapi))
      .orderBy([{ column: 'txid' }, { column: 'id' }]);
  } else {
    query.where('id', '>', position.id).orderBy('id');
  }
  const rows: any[] = await query;
  const page = rows.slice(0, limit);
  const changes = page.map((row): FeedChange => {
    const paths = parse<ChangedPath[]>(row.paths, []);
    const scopes = parse<PathScope[]>(row.scopes, []);
    return {
      id: Number(row.id),
      cursor: encodeCursor({ txid: postgres ? String(row.txid) : null, id: Number(row.id) }),
      action: row.action,
      documents: parse(row.documents, []),
      documentCount: Number(row.document_count ?? 0),
      tags: parse(row.tags, []),
      paths,
      pathsTruncated: scopes.length > 0,
      committedAt: new Date(row.created_at).toISOString(),
    };
  });
  const last = changes[changes.length - 1];
  return { changes, next: last ? last.cursor : encodeCursor(position ?? FEED_START), hasMore: rows.length > limit };
}

/**
 * feedHorizon()'s statement, one row with `horizon` (text); the response cache runs it inside a
 * statement of its own, before every public read. It reads the functions under the
 * pg_stat_activity and pg_prepared_xacts views rather than the views: planning their joins
 * took longer than running the whole statement. pg_current_snapshot() is the statement's
 * snapshot, the same at both calls.
 */
export const FEED_HORIZON_SQL = `
    select coalesce(
      (select min(x::text::numeric) from pg_snapshot_xip(pg_current_snapshot()) x
        where (x::text::numeric % 4294967296) not in (
          select a.backend_xid::text::numeric from pg_stat_get_activity(null) a
            where a.backend_xid is not null and a.datid is distinct from (select oid from pg_database where datname = current_database())
          union all
          select p.transaction::text::numeric from pg_prepared_xact() p
            where p.dbid is distinct from (select oid from pg_database where datname = current_database()))),
      pg_snapshot_xmax(pg_current_snapshot())::text::numeric
    )::text as horizon`;

/**
 * The transaction id below which every transaction of this database has ended (PostgreSQL):
 * the oldest transaction id still in progress (`pg_snapshot_xip` of the current snapshot) that
 * is not known to belong to another database of the cluster, or the snapshot's xmax when there
 * is none. Transaction ids are shared by the whole cluster, so `pg_snapshot_xmin` alone would
 * hold the feed back behind any other database's long transaction. An in-progress id that
 * pg_stat_activity does not place in another database counts as ours (held back): the safe side.
 * Every transaction that starts later gets an id at or above the snapshot's xmax.
 */
export async function feedHorizon(strapi: Core.Strapi): Promise<string> {
  const result = await strapi.db.connection.raw(FEED_HORIZON_SQL);
  return String(result.rows[0].horizon);
}

/** A JSON column's value (text on SQLite, parsed on PostgreSQL), or `fallback` for none or unreadable. */
export function parse<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  if (typeof value !== 'string') return value as T;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}
