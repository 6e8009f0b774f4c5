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

/**
 * Node's own require and environment, offered by tests/helpers/strapi-environment.js: Strapi is
 * loaded once per Jest process rather than once per test file. Absent (undefined) under a plain
 * environment, where Jest's require and process.env serve.
 */
interface Host {
  require: NodeRequire;
  env: NodeJS.ProcessEnv;
  process: NodeJS.Process;
}
const host = (globalThis as { __colophonHost?: Host }).__colophonHost;

type Listener = (...args: unknown[]) => void;

/**
 * The process's listeners as they are now, to be put back later. Under this environment the
 * process is Jest's own: Strapi's destroy() calls process.removeAllListeners(), which would
 * take Jest's handlers for uncaught errors away for the rest of the file, and createStrapi()
 * adds SIGINT and SIGTERM handlers that would turn a cancelled run into a clean exit.
 */
function keepProcessListeners(): { dropAddedSignalHandlers(): void; restore(): void } {
  const proc = host?.process;
  if (!proc) return { dropAddedSignalHandlers() {}, restore() {} };
  const saved = new Map(proc.eventNames().map((event) => [event, proc.rawListeners(event)]));
  const dropAdded = (event: string | symbol) => {
    const keep = saved.get(event) ?? [];
    for (const listener of proc.rawListeners(event)) if (!keep.includes(listener)) proc.removeListener(event, listener as Listener);
  };
  return {
    dropAddedSignalHandlers() {
      for (const signal of ['SIGINT', 'SIGTERM']) dropAdded(signal);
    },
    restore() {
      for (const event of proc.eventNames()) dropAdded(event);
      for (const [event, listeners] of saved) {
        const present = proc.rawListeners(event);
        for (const listener of listeners) if (!present.includes(listener)) proc.on(event, listener as Listener);
      }
    },
  };
}

/**
 * A test file stands for a server process of its own. What a process keeps in memory outside
 * any one Strapi, the admin's and users-permissions' login limits (koa2-ratelimit's store),
 * starts empty at a file's first boot, as a restarted server's does.
 */
let processStateCleared = false;
function clearProcessState(): void {
  if (!host || processStateCleared) return;
  processStateCleared = true;
  host.require('koa2-ratelimit').Stores.Memory.cleanAll();
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
  // Strapi reads the process's environment; the test file and what it spawns read Jest's copy.
  const targets = host && host.env !== process.env ? [process.env, host.env] : [process.env];
  const restores = targets.map((env) => {
    const previous: Record<string, string | undefined> = {};
    for (const [key, value] of Object.entries(next)) {
      previous[key] = env[key];
      if (value === undefined) delete env[key];
      else env[key] = value;
    }
    return () => {
      for (const [key, value] of Object.entries(previous)) {
        if (value === undefined) delete env[key];
        else env[key] = value;
      }
    };
  });
  return () => restores.forEach((restore) => restore());
}

export async function bootStrapi(options: BootOptions = {}): Promise<TestApp> {
  const label = path.basename(expect.getState().testPath ?? 'test', '.test.ts');
  const database = options.database ?? (await createTestDatabase(label));
  const restoreEnv = applyEnvironment(database, {
    ...(options.seedDemo ? { SEED_DEMO: 'true' } : {}),
    ...options.env,
  });

  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { createStrapi } = (host?.require ?? require)('@strapi/strapi');
  clearProcessState();
  const listeners = keepProcessListeners();
  let strapi: Core.Strapi | undefined;
  try {
    strapi = createStrapi({ appDir: PROJECT_ROOT, distDir: path.join(PROJECT_ROOT, 'dist') }) as Core.Strapi;
    listeners.dropAddedSignalHandlers();
    await options.beforeRegister?.(strapi);
    await strapi.register();
    await options.beforeBootstrap?.(strapi);
    await strapi.bootstrap();
    // listen() mounts the routers; supertest drives the server without listening, so mount here.
    strapi.server.mount();
  } catch (error) {
    await strapi?.destroy().catch(() => undefined);
    listeners.restore();
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
      try {
        await drainDatabase(booted);
        await booted.destroy();
      } finally {
        listeners.restore();
        restoreEnv();
      }
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
