import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { cachePolicy, canReplay, isStillFresh, readGraphqlRequest, responseCacheKey, type ChangeKnowledge } from '../../core/delivery';
import { FEED_HORIZON_SQL } from './change-log';
import { CHANGES_TABLE } from './models';

/** Response cache settings (config/colophon.ts `delivery.responseCache`). */
export interface ResponseCacheSettings {
  /** RESPONSE_CACHE: `on` (default) or `off`. */
  enabled: boolean;
  /** RESPONSE_CACHE_MAX_BYTES: the in-memory cache's bound (64 MB). */
  maxBytes: number;
  /** RESPONSE_CACHE_TTL_SECONDS: how long an answer is kept at most (300), whatever the change log says. */
  ttlSeconds: number;
  /** REDIS_URL: share the cache between instances through Redis; empty keeps it in memory. */
  redisUrl: string;
}

/** One cached public answer, with what the freshness rule needs (core/delivery/responseCache.ts). */
export interface CachedAnswer {
  basis: number;
  tags: string[];
  etag: string;
  contentType: string;
  body: string;
  /** The body encoded once, kept in memory only: a hit then sends bytes without encoding them again. */
  bytes?: Buffer;
  /**
   * The headers the middlewares inside HTTP caching wrote (core replayableHeaders), and the
   * Origin of the request they were written for: with them a GET is answered before those
   * middlewares run (`answerEarly`). Null or absent: only the full pipeline may answer it.
   */
  headers?: Record<string, string | string[]> | null;
  origin?: string | null;
}

/** What the response cache tells http-caching about a request (ctx.state.responseCache). */
export type CacheOutcome =
  | { outcome: 'BYPASS' }
  | { outcome: 'HIT'; answer: CachedAnswer }
  | { outcome: 'MISS'; keep(answer: Omit<CachedAnswer, 'basis'>): Promise<void> };

interface AnswerStore {
  get(key: string): Promise<CachedAnswer | null>;
  set(key: string, answer: CachedAnswer): Promise<void>;
  close(): Promise<void>;
}

function memoryStore(settings: ResponseCacheSettings): AnswerStore {
  const cache = new LRUCache<string, CachedAnswer>({
    maxSize: settings.maxBytes,
    // The body is held twice (text for the ETag's sake, bytes to send): both count.
    sizeCalculation: (answer) => Math.max(1, 2 * Buffer.byteLength(answer.body) + answer.tags.join(',').length + (answer.headers ? JSON.stringify(answer.headers).length : 0) + 200),
    ttl: settings.ttlSeconds * 1000,
  });
  return {
    get: async (key) => cache.get(key) ?? null,
    set: async (key, answer) => void cache.set(key, { ...answer, bytes: Buffer.from(answer.body) }),
    close: async () => cache.clear(),
  };
}

function redisStore(strapi: Core.Strapi, settings: ResponseCacheSettings): AnswerStore {
  const redis = new Redis(settings.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
  redis.on('error', (error) => strapi.log.debug(`Response cache: Redis: ${error.message}`));
  // One Redis may serve several sites (and test databases): keys name the database they answer for.
  const connection = (strapi.config.get('database') as any)?.connection?.connection ?? {};
  const identity = createHash('sha256')
    .update(JSON.stringify([strapi.db.dialect.client, connection.host, connection.port, connection.database, connection.filename, connection.connectionString]))
    .digest('base64url')
    .slice(0, 16);
  const prefix = `colophon:response:${identity}:`;
  return {
    async get(key) {
      const value = await redis.get(prefix + key);
      return value ? (JSON.parse(value) as CachedAnswer) : null;
    },
    async set(key, answer) {
      await redis.set(prefix + key, JSON.stringify(answer), 'PX', settings.ttlSeconds * 1000);
    },
    async close() {
      redis.disconnect();
    },
  };
}

/** The part of better-sqlite3 the watcher uses (the package ships no types). */
interface SqliteStatement {
  get(...bindings: unknown[]): unknown;
  all(...bindings: unknown[]): unknown[];
  pluck(): SqliteStatement;
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  close(): void;
}
/** The part of pg's Client the watcher uses. */
interface PgClient {
  connect(): Promise<void>;
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: any[] }>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): void;
}

/** How long the watcher's check may take before its read is answered as a miss. */
const WATCH_QUERY_TIMEOUT_MS = 5000;

type OpenSqlite = new (filename: string, options: { readonly: boolean; fileMustExist: boolean }) => SqliteDatabase;

/**
 * What this instance has read of the change log: for each tag, the latest position of a change
 * naming it. sync() reads what was committed since the last horizon and takes a new one; calls
 * that arrive while one runs share the next run, which starts after they arrived, so no read
 * is ever answered from knowledge older than itself. (Two reads at once were tried: on this
 * 2-core machine the extra queries cost more than the wait they saved.)
 */
class ChangeWatcher implements ChangeKnowledge {
  knownSince = Number.POSITIVE_INFINITY;
  private readonly latestByTag = new Map<string, number>();
  private from = 0;
  private running: Promise<number> | null = null;
  private queued: Promise<number> | null = null;
  private postgres: Promise<PgClient> | null = null;
  private statement: string | null = null;
  private sqlite: { db: SqliteDatabase; dataVersion: SqliteStatement; max: SqliteStatement; since: SqliteStatement; version: number } | null = null;

  constructor(private readonly strapi: Core.Strapi) {
    closers.set(strapi, [...(closers.get(strapi) ?? []), () => this.close()]);
  }

  /** Closes the connection of its own it opened, if any (the app is stopping). */
  private async close(): Promise<void> {
    const postgres = this.postgres;
    this.postgres = null;
    await (await postgres?.catch(() => null))?.end().catch(() => undefined);
    this.sqlite?.db.close();
    this.sqlite = null;
  }

  latest(tag: string): number | undefined {
    return this.latestByTag.get(tag);
  }

  /** The horizon taken after reading every change committed before this call. */
  sync(): Promise<number> {
    if (!this.running) {
      this.running = this.read().finally(() => (this.running = null));
      return this.running;
    }
    this.queued ??= this.running.then(
      () => ((this.queued = null), this.sync()),
      () => ((this.queued = null), this.sync())
    );
    return this.queued;
  }

  private async read(): Promise<number> {
    const strapi = this.strapi;
    const client = strapi.db.dialect.client;
    const first = this.knownSince === Number.POSITIVE_INFINITY;
    let horizon: number;
    if (client === 'postgres') {
      // The horizon is taken fresh each time: an older one would be a safe basis, but the
      // answers read right after a change would then be judged stale at once (a miss after
      // every miss). One statement, so one snapshot: every change below the horizon it
      // computes is committed and in the rows it returns (everything from the last horizon on:
      // what committed since, and what is still unsure).
      const rows: Array<{ horizon: string; txid: string | null; tags: unknown }> = await this.queryPostgres([!first, this.from]);
      horizon = Number(rows[0].horizon);
      for (const row of rows) if (row.txid !== null) this.learn(Number(row.txid), row.tags);
    } else {
      // SQLite: MySQL is refused at boot (../bootstrap/exit-on-failure.ts), so there is no third kind.
      horizon = this.readSqlite(first);
    }
    if (first) this.knownSince = horizon;
    this.from = horizon;
    return horizon;
  }

  /**
   * PostgreSQL: the check runs before every public read, on a connection of the watcher's own
   * (pg's Client, with the app's connection settings) as a named prepared statement: PostgreSQL
   * parses and plans it once per connection, and neither knex's pool nor its query builder
   * stands between a hit and its answer (together about half of what a hit cost). A busy pool
   * does not hold back hits either. A connection that fails is dropped and the next check
   * opens another; the check that failed rejects, and its read is answered as a miss.
   */
  private async queryPostgres(values: [boolean, number]): Promise<Array<{ horizon: string; txid: string | null; tags: unknown }>> {
    if (!this.postgres) {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const { Client } = require('pg') as { Client: new (settings: object) => PgClient };
      const settings = (this.strapi.db.connection as any).client.connectionSettings;
      const client = new Client({ ...settings, query_timeout: WATCH_QUERY_TIMEOUT_MS, application_name: 'colophon-change-watcher' });
      const drop = () => {
        if (this.postgres === opening) this.postgres = null;
        client.end().catch(() => undefined);
      };
      // Without a listener, an error on an idle connection (PostgreSQL restarted) ends the process.
      client.on('error', drop);
      const opening: Promise<PgClient> = client.connect().then(
        () => client,
        (error) => {
          drop();
          throw error;
        }
      );
      this.postgres = opening;
    }
    const opening = this.postgres;
    const client = await opening;
    try {
      return (await client.query({ name: 'colophon_watch_changes', text: this.watchSql(), values })).rows;
    } catch (error) {
      if (this.postgres === opening) this.postgres = null;
      client.end().catch(() => undefined);
      throw error;
    }
  }

  private watchSql(): string {
    return (this.statement ??= `with horizon as (${FEED_HORIZON_SQL})
           select horizon.horizon, changes.txid, changes.tags
             from horizon left join ${this.table()} changes on $1 and changes.txid >= $2`);
  }

  /**
   * SQLite: a read-only connection of the watcher's own, in this thread. `PRAGMA data_version`
   * changes when another connection (the app's writer in its worker, a script, another
   * process) has committed since this connection last asked
   * (https://www.sqlite.org/pragma.html#pragma_data_version); when it has not, nothing new can
   * be in the log and no query runs. Each statement reads the last committed state (WAL), and
   * runs synchronously, so it is never older than the request that asked.
   */
  private readSqlite(first: boolean): number {
    if (!this.sqlite) {
      const filename = (this.strapi.db.connection as any).client.connectionSettings.filename;
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const Database = require('better-sqlite3') as OpenSqlite;
      const db = new Database(filename, { readonly: true, fileMustExist: true });
      this.sqlite = {
        db,
        dataVersion: db.prepare('PRAGMA data_version').pluck(),
        max: db.prepare(`select max(id) from "${CHANGES_TABLE}"`).pluck(),
        since: db.prepare(`select id, tags from "${CHANGES_TABLE}" where id >= ?`),
        version: -1,
      };
    }
    const sqlite = this.sqlite;
    const version = Number(sqlite.dataVersion.get());
    if (version === sqlite.version) return this.from;
    sqlite.version = version;
    const rows = first ? [{ id: Number(sqlite.max.get() ?? 0), tags: [] }] : (sqlite.since.all(this.from) as Array<{ id: number; tags: unknown }>);
    return this.learnRows(rows, first);
  }

  /** Learns rows read by `id` and answers the next horizon. */
  private learnRows(rows: Array<{ id: number; tags: unknown }>, first: boolean): number {
    let last = this.from - 1;
    for (const row of rows) {
      if (!first) this.learn(Number(row.id), row.tags);
      last = Math.max(last, Number(row.id));
    }
    return last + 1;
  }

  /** The change log's table, schema-qualified on PostgreSQL (DATABASE_SCHEMA). */
  private table(): string {
    const schema = this.strapi.db.getSchemaName();
    return schema && this.strapi.db.dialect.client === 'postgres' ? `"${schema}"."${CHANGES_TABLE}"` : `"${CHANGES_TABLE}"`;
  }

  private learn(position: number, tags: unknown): void {
    const list: string[] = typeof tags === 'string' ? JSON.parse(tags) : Array.isArray(tags) ? tags : [];
    for (const tag of list) if (!(position < (this.latestByTag.get(tag) ?? -1))) this.latestByTag.set(tag, position);
  }
}

/** The response cache of one app: its middleware, and the early answer HTTP caching tries first. */
export interface ResponseCache {
  /** Registered after the body parser and the input guard (global::response-cache). */
  middleware(ctx: any, next: () => Promise<unknown>): Promise<unknown>;
  /**
   * Answers a public GET or HEAD from the cache before Strapi's middlewares run, when the
   * cached answer recorded the headers they wrote for a request from the same Origin; true
   * when it answered. Called by HTTP caching (outside every other middleware); on false the
   * request goes on, and what it looked up is reused by `middleware`.
   */
  answerEarly(ctx: any): Promise<boolean>;
}

/** What answerEarly looked up, handed to the middleware so a miss costs one lookup, not two. */
interface EarlyLookup {
  key: string;
  basis: number;
  answer: CachedAnswer | null;
  /** Why the lookup failed (the database or Redis out of reach): the middleware lets the request by. */
  failure?: Error;
}

const opened = new WeakMap<object, ResponseCache>();

/**
 * The response cache: answers public reads (REST GET, GraphQL queries) from memory or Redis,
 * and never an answer older than a change committed before the request arrived, on any
 * instance sharing the database (core/delivery/responseCache.ts has the rule and why it holds,
 * even for a read that began before a commit and stored its answer after). Anything with
 * credentials, drafts or a mutation passes by (BYPASS). One per app: the middleware factories
 * of global::http-caching and global::response-cache both ask for it. ./http-caching.ts stores
 * what it tags and sends the X-Cache header.
 *
 * A hit is answered at one of two places. A GET whose answer recorded the headers Strapi's
 * security, CORS and powered-by middlewares wrote, for the same Origin, is answered by
 * `answerEarly` with those headers, before any of them runs: they write the same headers for
 * the same path and Origin, the input guard refuses by the URL alone (which the key holds),
 * and on a cached read of a few kilobytes they cost most of the time. Anything else (a GraphQL
 * POST, whose document is in the body, another Origin) is answered by the middleware, after
 * them.
 */
export function responseCacheOf(strapi: Core.Strapi, settings: ResponseCacheSettings, rootType: (field: string) => string | null, schema: Parameters<typeof readGraphqlRequest>[2]): ResponseCache {
  const existing = opened.get(strapi);
  if (existing) return existing;
  const cache = responseCache(strapi, settings, rootType, schema);
  opened.set(strapi, cache);
  return cache;
}

function responseCache(strapi: Core.Strapi, settings: ResponseCacheSettings, rootType: (field: string) => string | null, schema: Parameters<typeof readGraphqlRequest>[2]): ResponseCache {
  const store = settings.redisUrl ? redisStore(strapi, settings) : memoryStore(settings);
  const watcher = new ChangeWatcher(strapi);
  // Without the change log nothing says when an answer went stale: no cache then.
  const changeLog = (strapi.config.get('colophon') as { delivery: { changeLog: boolean } }).delivery.changeLog;
  const hash = (key: string) => createHash('sha256').update(key).digest('base64url');
  /** The request's cache key, or null for a request the cache must let by. */
  const keyOf = (ctx: any): string | null => {
    const path: string = ctx.path;
    const graphql = path === '/graphql';
    const graphqlRequest = graphql ? (ctx.method === 'GET' ? ctx.query : ctx.request.body ?? {}) : null;
    const read = graphql ? readGraphqlRequest(graphqlRequest, rootType, schema) : null;
    // Parsed once per request: ./http-caching.ts reads it back to tag the answer.
    if (graphql) ctx.state.graphqlRead = read;
    const publicRead =
      cachePolicy({
        method: ctx.method,
        path,
        hasCredentials: Boolean(ctx.get('Authorization')),
        asksForDrafts: graphql ? read?.asksForDrafts === true : String(ctx.query?.status ?? '') === 'draft',
        graphqlQuery: read?.query,
        status: 200,
        contentType: 'application/json',
      }) === 'public';
    if (!settings.enabled || !changeLog || !publicRead) return null;
    return hash(responseCacheKey({ method: ctx.method, url: ctx.url, ...(graphql && ctx.method !== 'GET' ? { graphql: graphqlRequest } : {}) }));
  };
  const hit = (ctx: any, answer: CachedAnswer) => {
    ctx.status = 200;
    // Set before the body, which then keeps it; the full type as it was sent needs no lookup.
    ctx.set('Content-Type', answer.contentType);
    ctx.body = answer.bytes ?? answer.body;
    ctx.state.responseCache = { outcome: 'HIT', answer } satisfies CacheOutcome;
  };
  const answerEarly = async (ctx: any): Promise<boolean> => {
    const request = { method: ctx.method as string, origin: (ctx.get('Origin') as string) || null, hasCredentials: Boolean(ctx.get('Authorization')) };
    if (!settings.enabled || !changeLog || (request.method !== 'GET' && request.method !== 'HEAD') || request.hasCredentials) return false;
    // Only where a public answer can be kept: the admin's files, uploads and the like are not
    // worth a look at the change log. (A draft or a mutation is never stored, so never found.)
    const kept = cachePolicy({ method: request.method, path: ctx.path, hasCredentials: false, asksForDrafts: false, graphqlQuery: true, status: 200, contentType: 'application/json' });
    if (kept !== 'public') return false;
    // A GET's key is its URL: the same key keyOf gives it once the query is parsed.
    const key = hash(responseCacheKey({ method: request.method, url: ctx.url }));
    try {
      const basis = await watcher.sync();
      const answer = await store.get(key);
      const fresh = answer !== null && isStillFresh(answer, watcher);
      ctx.state.responseCacheLookup = { key, basis, answer: fresh ? answer : null } satisfies EarlyLookup;
      if (!fresh || !canReplay(answer, request)) return false;
      for (const [name, value] of Object.entries(answer.headers!)) ctx.set(name, value);
      hit(ctx, answer);
      return true;
    } catch (error) {
      // Not tried again by the middleware: with every connection busy, a second wait for one
      // would hold the request for twice the timeout before it could be told so.
      ctx.state.responseCacheLookup = { key, basis: 0, answer: null, failure: error as Error } satisfies EarlyLookup;
      return false;
    }
  };
  const middleware = async (ctx: any, next: () => Promise<unknown>) => {
    let key: string | null;
    try {
      key = keyOf(ctx);
    } catch {
      key = null;
    }
    if (key === null) {
      ctx.state.responseCache = { outcome: 'BYPASS' } satisfies CacheOutcome;
      return next();
    }
    let basis: number;
    try {
      const early = ctx.state.responseCacheLookup as EarlyLookup | undefined;
      let answer: CachedAnswer | null;
      if (early?.key === key) {
        if (early.failure) throw early.failure;
        // Looked up after the request arrived, which is all freshness asks.
        ({ basis, answer } = early);
      } else {
        basis = await watcher.sync();
        answer = await store.get(key);
        if (answer && !isStillFresh(answer, watcher)) answer = null;
      }
      if (answer) {
        hit(ctx, answer);
        return;
      }
    } catch (error) {
      // A cache that cannot be reached is no cache: answer from the database.
      strapi.log.warn(`Response cache unavailable: ${(error as Error).message}`);
      ctx.state.responseCache = { outcome: 'BYPASS' } satisfies CacheOutcome;
      return next();
    }
    ctx.state.responseCache = {
      outcome: 'MISS',
      keep: (answer) =>
        store.set(key, { ...answer, basis }).catch((error) => {
          strapi.log.warn(`Response cache: could not store: ${(error as Error).message}`);
        }),
    } satisfies CacheOutcome;
    return next();
  };
  closers.set(strapi, [...(closers.get(strapi) ?? []), () => store.close()]);
  return { middleware, answerEarly };
}

const closers = new WeakMap<object, Array<() => Promise<void>>>();

/** Closes the response caches `strapi` opened (a Redis connection); called from destroy(). */
export async function closeResponseCaches(strapi: Core.Strapi): Promise<void> {
  for (const close of closers.get(strapi) ?? []) await close().catch(() => undefined);
  closers.delete(strapi);
  opened.delete(strapi);
}
