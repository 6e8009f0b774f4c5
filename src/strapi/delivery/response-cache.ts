import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { cachePolicy, isStillFresh, readGraphqlRequest, responseCacheKey, type ChangeKnowledge } from '../../core/delivery';
import { feedHorizon } from './change-log';
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
    sizeCalculation: (answer) => Math.max(1, 2 * Buffer.byteLength(answer.body) + answer.tags.join(',').length + 200),
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

/**
 * What this instance has read of the change log: for each tag, the latest position of a change
 * naming it. sync() reads what was committed since the last horizon and takes a new one; calls
 * that arrive while one runs share the next run, which starts after they arrived, so no read
 * is ever answered from knowledge older than itself.
 */
class ChangeWatcher implements ChangeKnowledge {
  knownSince = Number.POSITIVE_INFINITY;
  private readonly latestByTag = new Map<string, number>();
  private from = 0;
  private running: Promise<number> | null = null;
  private queued: Promise<number> | null = null;

  constructor(private readonly strapi: Core.Strapi) {}

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
    const postgres = strapi.db.dialect.client === 'postgres';
    const first = this.knownSince === Number.POSITIVE_INFINITY;
    let horizon: number;
    if (postgres) {
      // Taken fresh each time: an older horizon would be a safe basis, but the answers read
      // right after a change would then be judged stale at once (a miss after every miss).
      horizon = Number(await feedHorizon(strapi));
      if (!first) {
        // Everything from the last horizon on: what committed since, and what is still unsure.
        // Raw SQL: this runs before every public read, and knex's builder costs more than the query.
        const rows: Array<{ txid: string; tags: unknown }> = (await strapi.db.connection.raw(`select txid, tags from ${this.table()} where txid >= ?`, [this.from])).rows;
        for (const row of rows) this.learn(Number(row.txid), row.tags);
      }
    } else {
      const rows: Array<{ id: number; tags: unknown }> = first
        ? await strapi.db.connection(CHANGES_TABLE).max('id as id').then((result: any[]) => [{ id: Number(result[0]?.id ?? 0), tags: [] }])
        : // A plain SELECT through the builder: while a cascade holds SQLite's writer, it runs on
          // the read-only connection (../database/sqlite.ts) instead of waiting for the writer.
          await strapi.db.connection(CHANGES_TABLE).select('id', 'tags').where('id', '>=', this.from);
      let last = this.from - 1;
      for (const row of rows) {
        if (!first) this.learn(Number(row.id), row.tags);
        last = Math.max(last, Number(row.id));
      }
      horizon = last + 1;
    }
    if (first) this.knownSince = horizon;
    this.from = horizon;
    return horizon;
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

/**
 * The response cache: answers public reads (REST GET, GraphQL queries) from memory or Redis,
 * and never an answer older than a change committed before the request arrived, on any
 * instance sharing the database (core/delivery/responseCache.ts has the rule and why it holds,
 * even for a read that began before a commit and stored its answer after). Anything with
 * credentials, drafts or a mutation passes by (BYPASS). Registered after the body parser;
 * ./http-caching.ts (outside) stores what it tags and sends the X-Cache header.
 */
export function responseCache(strapi: Core.Strapi, settings: ResponseCacheSettings, rootType: (field: string) => string | null, schema: Parameters<typeof readGraphqlRequest>[2]) {
  const store = settings.redisUrl ? redisStore(strapi, settings) : memoryStore(settings);
  const watcher = new ChangeWatcher(strapi);
  // Without the change log nothing says when an answer went stale: no cache then.
  const changeLog = (strapi.config.get('colophon') as { delivery: { changeLog: boolean } }).delivery.changeLog;
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
    return createHash('sha256')
      .update(responseCacheKey({ method: ctx.method, url: ctx.url, ...(graphql && ctx.method !== 'GET' ? { graphql: graphqlRequest } : {}) }))
      .digest('base64url');
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
      basis = await watcher.sync();
      const answer = await store.get(key);
      if (answer && isStillFresh(answer, watcher)) {
        ctx.status = 200;
        ctx.type = answer.contentType;
        ctx.body = answer.bytes ?? answer.body;
        ctx.state.responseCache = { outcome: 'HIT', answer } satisfies CacheOutcome;
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
  return middleware;
}

const closers = new WeakMap<object, Array<() => Promise<void>>>();

/** Closes the response caches `strapi` opened (a Redis connection); called from destroy(). */
export async function closeResponseCaches(strapi: Core.Strapi): Promise<void> {
  for (const close of closers.get(strapi) ?? []) await close().catch(() => undefined);
  closers.delete(strapi);
}
