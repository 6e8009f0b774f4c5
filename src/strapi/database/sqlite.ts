import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core, Modules } from '@strapi/strapi';
import { knex as knexFactory, type Knex } from 'knex';
import { colophonConfig } from '../colophon-config';
import { startCheckpointer } from './sqlite-checkpointer';
import { SqliteWorkerConnection } from './sqlite-worker';

/** How long a write waits for another process's write lock before SQLITE_BUSY, in ms. */
const BUSY_TIMEOUT_MS = 10_000;

/** The values of `PRAGMA synchronous` (https://www.sqlite.org/pragma.html#pragma_synchronous). */
const SYNCHRONOUS_MODES = ['off', 'normal', 'full', 'extra'];

const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

/** Marks a document service read, whose transaction may run on the reader. */
const reading = new AsyncLocalStorage<true>();

/**
 * SQLite is Colophon's embedded default, and better-sqlite3 gives the whole app one connection.
 * Left as it is, a long transaction (a category rename over a large archive) holds that
 * connection and every other request queues behind it, even a read of a published article.
 * These changes keep the site up:
 *
 * - The app's connection lives in a worker thread (./sqlite-worker.ts), so a long statement or
 *   the COMMIT of a cascade runs beside the event loop instead of stopping it.
 * - WAL journal, so readers never wait for the writer and the writer never waits for readers
 *   (https://www.sqlite.org/wal.html), checkpointed by a worker thread rather than inside
 *   commits, and a busy timeout, so a second process (a script, another instance) waits for
 *   the write lock instead of failing at once with SQLITE_BUSY.
 * - `synchronous = NORMAL` unless DATABASE_SQLITE_SYNCHRONOUS says otherwise: SQLite's own
 *   advice in WAL mode. With FULL (its default) every COMMIT fsyncs the WAL, and after a
 *   cascade that wrote 200 000 rows that one fsync flushed hundreds of megabytes (0.35-0.6 s
 *   at 100 000 articles) while every other write waited, and, before the connection moved to
 *   a worker thread, while no request at all could be answered. With
 *   NORMAL the WAL is synced by the checkpoints, in the worker; a commit stays atomic and the
 *   file never corrupts, but the last commits before a power cut (not a crash of the app) can
 *   be lost.
 * - A read-only connection beside the writer. While the writer is taken, a document service
 *   read (which Strapi wraps in a transaction of its own) and a plain SELECT made outside any
 *   transaction run there, on the last committed state, instead of queueing. When the writer is
 *   free nothing changes, so a read that follows a write sees it.
 *
 * Called from register(), before Strapi opens its first connection; returns the document
 * service middleware that marks reads.
 */
export function tuneSqlite(strapi: Core.Strapi): Modules.Documents.Middleware.Middleware | null {
  if (strapi.db.dialect.client !== 'sqlite') return null;
  const synchronous = String(colophonConfig(strapi).database.sqliteSynchronous).toLowerCase();
  if (!SYNCHRONOUS_MODES.includes(synchronous)) {
    throw new Error(`DATABASE_SQLITE_SYNCHRONOUS must be one of ${SYNCHRONOUS_MODES.join(', ')}; it is "${synchronous}".`);
  }
  const writer = strapi.db.connection as Knex;
  const client = writer.client as any;
  runInWorker(client);
  const dialect = strapi.db.dialect as any;
  const initialize = dialect.initialize.bind(dialect);
  dialect.initialize = async (connection: unknown) => {
    await initialize(connection);
    const pragma = (statement: string) => writer.raw(`PRAGMA ${statement}`).connection(connection as any);
    await pragma('journal_mode = WAL');
    await pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    await pragma(`synchronous = ${synchronous}`);
    // Left on, the checkpoint runs inside the COMMIT that crosses 1 000 WAL pages: after a
    // cascade it copied tens of megabytes while the writer waited. A worker thread
    // checkpoints instead (./sqlite-checkpointer.ts).
    await pragma('wal_autocheckpoint = 0');
  };

  const reader = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: client.connectionSettings.filename, options: { readonly: true } } as any,
    useNullAsDefault: true,
    pool: {
      min: 0,
      max: 1,
      afterCreate: (connection: any, done: (error: Error | null, connection: unknown) => void) => {
        connection.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
        done(null, connection);
      },
    },
  });
  const writerTaken = () => {
    const pool = client.pool;
    return Boolean(pool) && (pool.numUsed() > 0 || pool.numPendingAcquires() > 0);
  };

  // Strapi's document service opens a transaction for every read; knex's own transaction()
  // is the one place where it asks for a connection.
  // (A knex instance forwards transaction() to its context object, where it can be wrapped.)
  const context = (writer as any).context;
  const transaction = context.transaction;
  context.transaction = function (this: unknown, ...args: unknown[]) {
    return args.length === 0 && reading.getStore() && writerTaken() ? reader.transaction() : transaction.apply(this, args);
  };

  // A query made in a transaction runs on knex's transaction client, not this one: only
  // queries made outside any transaction reach this runner.
  const makeRunner = client.runner.bind(client);
  client.runner = (builder: any) => {
    const runner = makeRunner(builder);
    const isPlainRead = ['select', 'first', 'pluck'].includes(builder?._method) && !builder._connection && !builder._lock;
    if (!isPlainRead) return runner;
    const ensureConnection = runner.ensureConnection.bind(runner);
    runner.ensureConnection = async (callback: any, params: any) => {
      if (runner.connection || !writerTaken()) return ensureConnection(callback, params);
      const connection = await (reader.client as any).acquireConnection();
      runner.connection = connection;
      try {
        return await callback(runner, params);
      } finally {
        runner.connection = undefined;
        await (reader.client as any).releaseConnection(connection);
      }
    };
    return runner;
  };

  const checkpointer = startCheckpointer(client.connectionSettings.filename);
  const destroy = strapi.db.destroy.bind(strapi.db);
  strapi.db.destroy = async () => {
    await checkpointer.stop();
    await reader.destroy();
    return destroy();
  };

  return async (context, next) => (READ_ACTIONS.has(context.action) ? reading.run(true, next) : next());
}

const WORKER_QUERY = Symbol.for('colophon.sqliteWorkerQuery');

/**
 * Makes knex's better-sqlite3 client open its connections in worker threads. The pool asks
 * this client instance for connections; statements, though, also run through the clients
 * knex derives for each transaction from the class's prototype, so the prototype's `_query`
 * learns to send a statement to the worker when its connection is one. A plain better-sqlite3
 * connection (the read-only one beside the writer) still runs where it is.
 */
function runInWorker(client: any): void {
  client.acquireRawConnection = async () => {
    const options = client.connectionSettings.options || {};
    return SqliteWorkerConnection.open(client.connectionSettings.filename, { readonly: Boolean(options.readonly) });
  };
  // knex asks before lending a connection: a connection whose worker died is replaced.
  const validateConnection = client.validateConnection.bind(client);
  client.validateConnection = (connection: unknown) =>
    connection instanceof SqliteWorkerConnection ? connection.isOpen : validateConnection(connection);
  const destroyRawConnection = client.destroyRawConnection.bind(client);
  client.destroyRawConnection = async (connection: unknown) =>
    connection instanceof SqliteWorkerConnection ? connection.close() : destroyRawConnection(connection);

  const prototype = Object.getPrototypeOf(client);
  if (prototype[WORKER_QUERY]) return;
  const query = prototype._query;
  prototype[WORKER_QUERY] = true;
  // What knex's own better-sqlite3 _query does, with the statement run in the worker.
  prototype._query = async function (this: any, connection: unknown, obj: any) {
    if (!(connection instanceof SqliteWorkerConnection)) return query.call(this, connection, obj);
    if (!obj.sql) throw new Error('The query is empty');
    const result = await connection.run(obj.sql, this._formatBindings(obj.bindings));
    if (result.reader) {
      obj.response = result.rows;
      return obj;
    }
    obj.response = { changes: result.changes, lastInsertRowid: result.lastInsertRowid };
    obj.context = { lastID: result.lastInsertRowid, changes: result.changes };
    return obj;
  };
}
