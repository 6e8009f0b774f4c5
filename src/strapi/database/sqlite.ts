import type { Core } from '@strapi/strapi';

/** How long a write waits for another process's write lock before SQLITE_BUSY, in ms. */
const BUSY_TIMEOUT_MS = 10_000;

/**
 * SQLite is Colophon's embedded default, and better-sqlite3 runs every statement on the main
 * thread with one connection for the whole app. Left as it is, a long transaction (a category
 * rename over a large archive) holds that connection and every other request queues behind it,
 * even a read of a published article. Two changes keep the site up:
 *
 * - WAL journal, so readers never wait for the writer and the writer never waits for readers
 *   (https://www.sqlite.org/wal.html), and a busy timeout, so a second process (a script,
 *   another instance) waits for the write lock instead of failing at once with SQLITE_BUSY.
 * - A read-only connection beside the writer: while the writer is taken, a plain SELECT that is
 *   not part of a transaction runs there, on the last committed state, instead of queueing.
 *   When the writer is free nothing changes, so a read that follows a write sees it.
 *
 * Called from register(), before Strapi opens its first connection.
 */
export function tuneSqlite(strapi: Core.Strapi): void {
  if (strapi.db.dialect.client !== 'sqlite') return;
  const dialect = strapi.db.dialect as any;
  const initialize = dialect.initialize.bind(dialect);
  dialect.initialize = async (connection: any) => {
    await initialize(connection);
    connection.pragma('journal_mode = WAL');
    connection.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  };
  routeReadsBesideTheWriter(strapi);
}

function routeReadsBesideTheWriter(strapi: Core.Strapi): void {
  const client = (strapi.db.connection as any).client;
  let reader: any;
  const openReader = () => {
    if (!reader) {
      const Driver = client.driver;
      reader = new Driver(client.connectionSettings.filename, { readonly: true, fileMustExist: true });
      reader.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
    return reader;
  };
  const writerTaken = () => {
    const pool = client.pool;
    return Boolean(pool) && (pool.numUsed() > 0 || pool.numPendingAcquires() > 0);
  };

  // Transactions run on a client of their own (knex's transaction client), so only queries
  // made outside any transaction reach this runner.
  const makeRunner = client.runner.bind(client);
  client.runner = (builder: any) => {
    const runner = makeRunner(builder);
    const isPlainRead = builder?._method === 'select' || builder?._method === 'first' || builder?._method === 'pluck';
    if (!isPlainRead || builder._connection || builder._lock) return runner;
    const ensureConnection = runner.ensureConnection.bind(runner);
    runner.ensureConnection = async (callback: any, params: any) => {
      if (runner.connection || !writerTaken()) return ensureConnection(callback, params);
      runner.connection = openReader();
      try {
        return await callback(runner, params);
      } finally {
        runner.connection = undefined;
      }
    };
    return runner;
  };

  const destroy = strapi.db.destroy.bind(strapi.db);
  strapi.db.destroy = async () => {
    reader?.close();
    reader = undefined;
    return destroy();
  };
}
