import cluster from 'node:cluster';
import type { Core } from '@strapi/strapi';

/**
 * Makes a boot that fails (a database that does not exist or refuses the connection, a schema
 * sync error, a failing bootstrap step) end the process with a non-zero exit code, so that a
 * process manager, a container orchestrator or CI sees the failure.
 *
 * `strapi start` already exits 1. `strapi develop` runs the app in a cluster worker and only
 * prints the error: the worker then ends quietly and the primary exits 0. The primary exits 1
 * when a worker sends it 'stop' (Strapi's own develop protocol), so a failed worker sends that.
 * Called from register(), before Strapi's bootstrap opens the database.
 */
export function exitNonZeroOnFailedBoot(strapi: Core.Strapi): void {
  const bootstrap = strapi.bootstrap.bind(strapi);
  strapi.bootstrap = async () => {
    try {
      refuseUnsupportedDatabase(strapi);
      return await bootstrap();
    } catch (error) {
      process.exitCode = 1;
      if (cluster.isWorker && typeof process.send === 'function') process.send('stop');
      throw error;
    }
  };
}

/**
 * MySQL and MariaDB are refused before Strapi touches the database, with a message that says
 * why, rather than left to fail half-way through the schema sync: Strapi cannot index the
 * Redirect's `from` and `to`, which are `text` columns, there (ER_TOO_LONG_KEY on MariaDB
 * 10.11), and no test runs on them. SQLite and PostgreSQL are supported.
 */
export function refuseUnsupportedDatabase(strapi: Core.Strapi): void {
  const client = strapi.config.get('database.connection.client');
  if (client === 'mysql' || client === 'mysql2') {
    throw new Error(
      'DATABASE_CLIENT=mysql is not supported: Colophon runs on SQLite (the default) and PostgreSQL (DATABASE_CLIENT=postgres). ' +
        "Strapi's schema sync cannot index the Redirect table's text columns on MySQL or MariaDB."
    );
  }
}
