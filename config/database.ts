import path from 'node:path';
import type { Core } from '@strapi/strapi';

// Compiled config lives in dist/config, so the project root is two levels up.
const projectRoot = path.join(__dirname, '..', '..');

export default ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Database => {
  const client = env('DATABASE_CLIENT', 'sqlite') as 'sqlite' | 'postgres' | 'mysql';
  const pool = { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10) };
  const ssl = env.bool('DATABASE_SSL', false) && {
    rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true),
  };
  const shared = {
    host: env('DATABASE_HOST', '127.0.0.1'),
    database: env('DATABASE_NAME', 'colophon'),
    user: env('DATABASE_USERNAME', client === 'postgres' ? 'postgres' : 'root'),
    password: env('DATABASE_PASSWORD', ''),
    ssl,
  };
  const acquireConnectionTimeout = env.int('DATABASE_CONNECTION_TIMEOUT', 60000);

  const server = (port: number) => ({
    ...shared,
    ...(env('DATABASE_URL') ? { connectionString: env('DATABASE_URL') } : {}),
    port: env.int('DATABASE_PORT', port),
  });
  if (client === 'postgres') {
    return {
      connection: {
        client,
        connection: { ...server(5432), schema: env('DATABASE_SCHEMA', 'public') },
        pool,
        acquireConnectionTimeout,
      },
    };
  }
  if (client === 'mysql') {
    return { connection: { client, connection: server(3306), pool, acquireConnectionTimeout } };
  }
  // `create-strapi --dbclient=sqlite` writes DATABASE_FILENAME= (empty), which would make
  // SQLite try to open the project folder itself: treat empty as unset.
  const filename = env('DATABASE_FILENAME', '') || '.tmp/data.db';
  return {
    connection: {
      client: 'sqlite',
      connection: { filename: path.resolve(projectRoot, filename) },
      useNullAsDefault: true,
      acquireConnectionTimeout,
    },
  };
};
