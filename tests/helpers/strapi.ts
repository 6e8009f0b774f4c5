import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { createTestDatabase, PROJECT_ROOT, type TestDatabase } from './database';

/** Fixed secrets: tests run with NODE_ENV=test, where Colophon refuses to invent them. */
export const TEST_SECRETS: Record<string, string> = {
  APP_KEYS: 'test-key-1,test-key-2',
  API_TOKEN_SALT: 'test-api-token-salt',
  ADMIN_JWT_SECRET: 'test-admin-jwt-secret',
  JWT_SECRET: 'test-jwt-secret',
  TRANSFER_TOKEN_SALT: 'test-transfer-token-salt',
  ENCRYPTION_KEY: 'test-encryption-key-0123456789abcdef',
  COMMENT_IP_SECRET: 'test-comment-ip-secret',
  PREVIEW_SECRET: 'test-preview-secret',
};

export interface BootOptions {
  /** Seed the demo newsroom (default false: most tests build their own fixtures). */
  seedDemo?: boolean;
  /** Reuse a database from an earlier boot, to test what a restart does. */
  database?: TestDatabase;
  /** Extra environment for this boot only. */
  env?: Record<string, string>;
  /** Runs before any plugin registers: the place to add fixture content types or config. */
  beforeRegister?: (strapi: Core.Strapi) => void | Promise<void>;
  /** Runs between register and bootstrap. */
  beforeBootstrap?: (strapi: Core.Strapi) => void | Promise<void>;
}

export interface TestApp {
  strapi: Core.Strapi;
  database: TestDatabase;
  /** The HTTP server supertest talks to. */
  server: import('http').Server;
  /** Shuts Strapi down; drops the database unless keepDatabase. */
  stop(options?: { keepDatabase?: boolean }): Promise<void>;
}

function applyEnvironment(database: TestDatabase, extra: Record<string, string> = {}): () => void {
  const next: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    // A developer's .env must not leak into tests: point dotenv at a file that does not exist.
    ENV_PATH: path.join(PROJECT_ROOT, 'tests', 'helpers', 'no-such.env'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    STRAPI_TELEMETRY_DISABLED: 'true',
    SEED_DEMO: 'false',
    DATABASE_FILENAME: undefined,
    DATABASE_URL: undefined,
    ...TEST_SECRETS,
    ...database.env,
    ...extra,
  };
  const previous: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(next)) {
    previous[key] = process.env[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  return () => {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

export async function bootStrapi(options: BootOptions = {}): Promise<TestApp> {
  const label = path.basename(expect.getState().testPath ?? 'test', '.test.ts');
  const database = options.database ?? (await createTestDatabase(label));
  const restoreEnv = applyEnvironment(database, {
    ...(options.seedDemo ? { SEED_DEMO: 'true' } : {}),
    ...options.env,
  });

  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { createStrapi } = require('@strapi/strapi');
  let strapi: Core.Strapi | undefined;
  try {
    strapi = createStrapi({ appDir: PROJECT_ROOT, distDir: path.join(PROJECT_ROOT, 'dist') }) as Core.Strapi;
    await options.beforeRegister?.(strapi);
    await strapi.register();
    await options.beforeBootstrap?.(strapi);
    await strapi.bootstrap();
    // listen() mounts the routers; supertest drives the server without listening, so mount here.
    strapi.server.mount();
  } catch (error) {
    await strapi?.destroy().catch(() => undefined);
    restoreEnv();
    if (!options.database) await database.drop();
    throw error;
  }

  const booted = strapi;
  return {
    strapi: booted,
    database,
    server: booted.server.httpServer,
    async stop({ keepDatabase = false } = {}) {
      await drainDatabase(booted);
      await booted.destroy();
      restoreEnv();
      if (!keepDatabase) await database.drop();
    },
  };
}

/**
 * Strapi emits its entry events after a transaction commits, and their handlers still query
 * the database. Closing the pool under them makes them fail long after the test is over, so
 * wait (briefly) until no connection is in use or awaited.
 */
export async function drainDatabase(strapi: Core.Strapi, timeoutMs = 3000): Promise<void> {
  const pool = (strapi.db.connection as any).client?.pool;
  if (!pool) return;
  const deadline = Date.now() + timeoutMs;
  let quietTicks = 0;
  while (Date.now() < deadline && quietTicks < 3) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    quietTicks = pool.numUsed() === 0 && pool.numPendingAcquires() === 0 ? quietTicks + 1 : 0;
  }
}
