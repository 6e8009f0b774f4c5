import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

export type DatabaseClient = 'sqlite' | 'postgres';

export function databaseClient(): DatabaseClient {
  const client = process.env.TEST_DATABASE_CLIENT ?? process.env.DATABASE_CLIENT ?? 'sqlite';
  if (client !== 'sqlite' && client !== 'postgres') {
    throw new Error(`Tests run on sqlite or postgres, not "${client}"`);
  }
  return client;
}

/** Where the harness creates and drops its throwaway databases (trust auth on CI). */
export function postgresAdminUrl(): string {
  return process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** One database per test file, so files never see each other's rows. */
export interface TestDatabase {
  client: DatabaseClient;
  /** Environment variables that point Strapi at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const suffix = `${label.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}_${crypto.randomBytes(4).toString('hex')}`;
  if (databaseClient() === 'sqlite') {
    const filename = path.join(PROJECT_ROOT, '.tmp', 'test', `${suffix}.db`);
    fs.mkdirSync(path.dirname(filename), { recursive: true });
    return {
      client: 'sqlite',
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
      async drop() {
        for (const file of [filename, `${filename}-wal`, `${filename}-shm`, `${filename}-journal`]) {
          fs.rmSync(file, { force: true });
        }
      },
    };
  }

  const name = `colophon_test_${suffix}`.slice(0, 63);
  await withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  return {
    client: 'postgres',
    env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: url.toString(), DATABASE_SCHEMA: 'public' },
    async drop() {
      await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: postgresAdminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
