import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core, Modules } from '@strapi/strapi';
import { knex as knexFactory, type Knex } from 'knex';
import { colophonConfig } from '../colophon-config';
import { startCheckpointer } from './sqlite-checkpointer';

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
 * Two changes keep the site up:
 *
 * - WAL journal, so readers never wait for the writer and the writer never waits for readers
 *   (https://www.sqlite.org/wal.html), checkpointed by a worker thread rather than inside
 *   commits, and a busy timeout, so a second process (a script, another instance) waits for
 *   the write lock instead of failing at once with SQLITE_BUSY.
 * - `synchronous = NORMAL` unless DATABASE_SQLITE_SYNCHRONOUS says otherwise: SQLite's own
 *   advice in WAL mode. With FULL (its default) every COMMIT fsyncs the WAL on the main
 *   thread, and after a cascade that wrote 200 000 rows that one fsync flushed hundreds of
 *   megabytes while no request could be answered (0.35-0.6 s at 100 000 articles). With
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
  const dialect = strapi.db.dialect as any;
  const initialize = dialect.initialize.bind(dialect);
  dialect.initialize = async (connection: any) => {
    await initialize(connection);
    connection.pragma('journal_mode = WAL');
    connection.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    connection.pragma(`synchronous = ${synchronous}`);
    // Left on, the checkpoint runs inside the COMMIT that crosses 1 000 WAL pages, on the main
    // thread: after a cascade it copied tens of megabytes while no request could be answered.
    // A worker thread checkpoints instead (./sqlite-checkpointer.ts).
    connection.pragma('wal_autocheckpoint = 0');
  };

  const writer = strapi.db.connection as Knex;
  const client = writer.client as any;
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
