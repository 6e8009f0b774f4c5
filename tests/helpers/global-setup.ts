import { Client } from 'pg';
import { databaseClient, postgresAdminUrl } from './database';

/**
 * Compiles the app once per test run; every API test file then boots its own instance from
 * dist/. On PostgreSQL, an unreachable server fails the whole run at once rather than letting
 * each file time out: a run that silently skipped PostgreSQL would prove nothing.
 */
export default async function globalSetup(): Promise<void> {
  if (databaseClient() === 'postgres') {
    const client = new Client({ connectionString: postgresAdminUrl() });
    try {
      await client.connect();
      await client.query('select 1');
    } catch (error) {
      throw new Error(
        `DATABASE_CLIENT=postgres but PostgreSQL is not reachable at ${postgresAdminUrl()}: ${(error as Error).message}`
      );
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { compileStrapi } = require('@strapi/strapi');
  await compileStrapi({ appDir: process.cwd() });
}
