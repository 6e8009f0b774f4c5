import type { Core } from '@strapi/strapi';
import {
  answerTags,
  cachePolicy,
  collectAnswerDocuments,
  entityTag,
  matchesIfNoneMatch,
  PRIVATE_CACHE_CONTROL,
  replayableHeaders,
  readGraphqlRequest,
  REDIRECTS_TAG,
  SITE_TAG,
  tagHeaders,
  trailPrefixes,
  type AnswerDocument,
  type AttributeShape,
  type SchemaReader,
} from '../../core/delivery';
import { colophonConfig } from '../colophon-config';
import { columnOf, relationLinkOf, tableOf } from '../database/schema';
import type { CacheOutcome } from './response-cache';
import { tagVocabulary } from './tags';

/** Settings of HTTP caching (config/colophon.ts `delivery`). */
export interface HttpCachingSettings {
  /** Cache-Control of public answers (HTTP_CACHE_CONTROL). */
  publicCacheControl: string;
}

/** The app's schemas, as core's answer walk reads them: content types and components. */
export function schemaReader(strapi: Core.Strapi): SchemaReader {
  return {
    attributes(uid) {
      const model = (strapi.contentTypes as Record<string, any>)[uid] ?? (strapi.components as Record<string, any>)[uid];
      return model?.attributes as Record<string, AttributeShape> | undefined;
    },
  };
}

/**
 * Strapi's GraphQL root fields, by content type: `article`, `articles`, `articles_connection`
 * (collection types), `site` (single types). Null for any other root field.
 */
export function graphqlRootTypes(strapi: Core.Strapi): (field: string) => string | null {
  const roots = new Map<string, string>();
  for (const [uid, contentType] of Object.entries(strapi.contentTypes as Record<string, any>)) {
    if (!uid.startsWith('api::')) continue;
    roots.set(contentType.info.singularName, uid);
    if (contentType.kind === 'collectionType') {
      roots.set(contentType.info.pluralName, uid);
      roots.set(`${contentType.info.pluralName}_connection`, uid);
    }
  }
  return (field) => roots.get(field) ?? null;
}

/**
 * Tags public REST and GraphQL answers and makes them revalidable, as
 * src/core/delivery/httpCaching.ts decides: a public answer gets a weak `ETag` (and a 304 for a
 * GET or HEAD whose If-None-Match matches it), `Cache-Control` for shared caches, and
 * `Cache-Tag` / `Surrogate-Key` with what it was derived from; every other answer on those
 * routes gets `private, no-store` and no tags, so no cache keeps what one caller may read.
 */
export function httpCaching(strapi: Core.Strapi, settings: HttpCachingSettings, answerEarly?: (ctx: any) => Promise<boolean>) {
  const schema = schemaReader(strapi);
  const rootType = graphqlRootTypes(strapi);
  const tags = tagVocabulary(strapi);
  const { trails } = colophonConfig(strapi);
  const trailTypes = new Set([...trails.targets.map((target) => target.uid), trails.categoryUid]);
  const { sourceUid } = colophonConfig(strapi).attribution;
  // The coarse tags of a type's lists: every change to one of its documents names its list tag.
  const typeTags = (uid: string): string[] => [tags.listTag(uid), ...(uid === trails.redirectUid ? [REDIRECTS_TAG] : [])];
  const everyType = () => tags.allLists().map((tag) => tag.slice('list:'.length));

  const tagAnswer = async (ctx: any) => {
    const cached = ctx.state.responseCache as CacheOutcome | undefined;
    if (cached) ctx.set('X-Cache', cached.outcome);
    if (cached?.outcome === 'HIT') {
      send(ctx, cached.answer.bytes ?? cached.answer.body, cached.answer.etag, cached.answer.tags, settings.publicCacheControl);
      return;
    }
    const path: string = ctx.path;
    const graphql = path === '/graphql';
    // The response cache parsed the document already, unless the request stopped before it.
    const read = !graphql
      ? null
      : 'graphqlRead' in ctx.state
        ? (ctx.state.graphqlRead as ReturnType<typeof readGraphqlRequest>)
        : readGraphqlRequest(ctx.method === 'GET' ? ctx.query : ctx.request.body ?? {}, rootType, schema);
    const body = serialize(ctx.body);
    const policy = cachePolicy({
      method: ctx.method,
      path,
      hasCredentials: Boolean(ctx.get('Authorization')),
      asksForDrafts: graphql ? read?.asksForDrafts === true : String(ctx.query?.status ?? '') === 'draft',
      graphqlQuery: read?.query,
      status: ctx.status,
      contentType: String(ctx.response.get('Content-Type') ?? ''),
    });
    if (policy === 'none') return;
    // A GraphQL error rides on a 200: it is not an answer to keep.
    const failed = graphql && body !== null && /"errors"\s*:/.test(body) && hasErrors(body);
    // A long answer streamed as it is read (a sitemap page) is public like any other, and is
    // tagged by its handler; it gets no ETag (that would need every byte first) and is not kept.
    const streamedTags = ctx.state.answerTags as string[] | undefined;
    if (policy === 'public' && body === null && isStream(ctx.body) && Array.isArray(streamedTags)) {
      ctx.set('Cache-Control', settings.publicCacheControl);
      ctx.vary('Authorization');
      for (const [header, value] of Object.entries(tagHeaders(answerTags({ documentTags: [], coarseTags: streamedTags, coarser: tags.coarser })))) ctx.set(header, value);
      return;
    }
    if (policy === 'private' || body === null || failed) {
      ctx.set('Cache-Control', PRIVATE_CACHE_CONTROL);
      ctx.remove('Cache-Tag');
      ctx.remove('Surrogate-Key');
      return;
    }

    let answerTagList: string[];
    if (Array.isArray(ctx.state.answerTags)) {
      // A handler that knows what its answer was derived from (a sitemap, a feed) says so.
      answerTagList = answerTags({ documentTags: [], coarseTags: ctx.state.answerTags, coarser: tags.coarser });
    } else if (graphql) {
      // Which documents a GraphQL answer shows is not walked: its types' list tags stand for them.
      const uids = read!.readsUnknown ? everyType() : read!.uids;
      answerTagList = answerTags({ documentTags: [], coarseTags: [SITE_TAG, ...uids.flatMap(typeTags)], coarser: tags.coarser });
    } else {
      const parsed = ctx.body as { data?: unknown; meta?: { uid?: string }; redirect?: unknown };
      const uid = restUid(strapi, ctx, parsed);
      const documents = uid ? collectAnswerDocuments(uid, parsed?.data, schema).filter((document) => document.uid.startsWith('api::')) : [];
      const onTrails = documents.filter((document) => trailTypes.has(document.uid));
      const documentTags = [
        ...documents.map((document) => tags.documentTag(document.uid, document.documentId)),
        ...(await categoriesOnTrails(strapi, onTrails, ctx.query?.locale)).map((documentId) => tags.documentTag(trails.categoryUid, documentId)),
        ...(await creditedSources(strapi, onTrails)).map((documentId) => tags.documentTag(sourceUid, documentId)),
      ];
      const coarseTags = [
        SITE_TAG,
        ...(uid === null ? everyType().flatMap(typeTags) : isList(strapi, ctx, uid) ? typeTags(uid) : []),
        ...(uid === trails.redirectUid || parsed?.redirect ? [REDIRECTS_TAG] : []),
      ];
      answerTagList = answerTags({ documentTags, coarseTags, coarser: tags.coarser });
    }

    const etag = entityTag(body);
    if (cached?.outcome === 'MISS') {
      await cached.keep({
        tags: answerTagList,
        etag,
        contentType: String(ctx.response.get('Content-Type') || 'application/json'),
        body,
        headers: replayableHeaders(ctx.response.headers),
        origin: ctx.get('Origin') || null,
      });
    }
    send(ctx, body, etag, answerTagList, settings.publicCacheControl);
  };
  return async (ctx: any, next: () => Promise<unknown>) => {
    if (!(await answerEarly?.(ctx))) await next();
    try {
      await tagAnswer(ctx);
    } catch (error) {
      // Tagging must never turn an answer into an error: this one is simply not cacheable.
      strapi.log.warn(`HTTP caching skipped for ${ctx.method} ${ctx.path}: ${(error as Error).message}`);
      ctx.set('Cache-Control', PRIVATE_CACHE_CONTROL);
      for (const header of ['ETag', 'Cache-Tag', 'Surrogate-Key']) ctx.remove(header);
    }
  };
}

/** Sends a public answer with its validators and tags; a 304 when the request's If-None-Match matches. */
function send(ctx: any, body: string | Buffer, etag: string, tags: string[], cacheControl: string): void {
  ctx.set('ETag', etag);
  ctx.set('Cache-Control', cacheControl);
  ctx.vary('Authorization');
  for (const [header, value] of Object.entries(tagHeaders(tags))) ctx.set(header, value);
  if ((ctx.method === 'GET' || ctx.method === 'HEAD') && matchesIfNoneMatch(ctx.get('If-None-Match'), etag)) {
    ctx.status = 304;
    ctx.body = null;
    return;
  }
  // Sent as serialized here, so the ETag is of exactly these bytes.
  ctx.body = body;
  // Asked of the header, not of ctx.type, which parses it: this runs on every cache hit.
  if (!ctx.response.has('Content-Type')) ctx.type = 'application/json';
}

function isStream(body: unknown): boolean {
  return Boolean(body) && typeof (body as { pipe?: unknown }).pipe === 'function';
}

/** A body as the bytes Koa would send, or null for one that is not JSON text (a stream, a file, nothing). */
function serialize(body: unknown): string | null {
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  if (body && typeof body === 'object' && typeof (body as any).pipe !== 'function') return JSON.stringify(body);
  return null;
}

function hasErrors(body: string): boolean {
  try {
    const errors = JSON.parse(body)?.errors;
    return Array.isArray(errors) && errors.length > 0;
  } catch {
    return true;
  }
}

/** The content type a REST answer holds: the resolved document's (GET /api/resolve), else the route's. */
function restUid(strapi: Core.Strapi, ctx: any, body: { meta?: { uid?: string } } | undefined): string | null {
  const resolved = body?.meta?.uid;
  if (typeof resolved === 'string' && (strapi.contentTypes as unknown as Record<string, unknown>)[resolved]) return resolved;
  const handler = ctx.state?.route?.handler;
  if (typeof handler !== 'string' || !handler.startsWith('api::')) return null;
  const uid = handler.slice(0, handler.lastIndexOf('.'));
  return (strapi.contentTypes as unknown as Record<string, unknown>)[uid] ? uid : null;
}

/** Whether a REST answer is a list or search of its type (a collection's find), not one document. */
function isList(strapi: Core.Strapi, ctx: any, uid: string): boolean {
  const handler = ctx.state?.route?.handler;
  return (strapi.contentType(uid as any) as any)?.kind === 'collectionType' && typeof handler === 'string' && handler === `${uid}.find`;
}

/**
 * The documentIds of the Sources credited by `documents` (trail targets with credits): their
 * footers, `seo` and JSON-LD name them whether or not the answer populates the credits.
 * Four lookups from the answer's rows outward (rows, their credits, the credits' Sources,
 * those Sources' documentIds), each by the index on the column it is given, rather than one
 * join: without statistics SQLite's planner drove that join from the Sources, the smallest
 * table, and walked every credit of a Source credited by many articles: 185 ms per answer at
 * 100 000 articles, which on a busy site left no time for anything else.
 */
async function creditedSources(strapi: Core.Strapi, documents: AnswerDocument[]): Promise<string[]> {
  const { creditsField, creditUid, sourceUid } = colophonConfig(strapi).attribution;
  const found = new Set<string>();
  const source = relationLinkOf(strapi, creditUid, 'source');
  const sourceTable = tableOf(strapi, sourceUid);
  for (const uid of new Set(documents.map((document) => document.uid))) {
    const meta = strapi.db.metadata.get(uid as any);
    const credits = (meta.attributes as Record<string, any>)[creditsField]?.joinTable;
    if (!credits) continue;
    const table = tableOf(strapi, uid);
    const documentIds = [...new Set(documents.filter((document) => document.uid === uid).map((document) => document.documentId))];
    const rowIds = await strapi.db.getConnection(table).whereIn(columnOf(strapi, uid, 'documentId'), documentIds).pluck('id');
    if (rowIds.length === 0) continue;
    // The field is sorted out here, not in SQL: offered `field = ?` too, SQLite chose the index
    // on field (every credit of the site) over the one on the row.
    const components: Array<{ id: number; field: string }> = await strapi.db
      .getConnection(credits.name)
      .select(`${credits.inverseJoinColumn.name} as id`, 'field')
      .whereIn(credits.joinColumn.name, rowIds);
    const creditIds = components.filter((component) => component.field === creditsField).map((component) => component.id);
    if (creditIds.length === 0) continue;
    const sourceIds = [...new Set(await strapi.db.getConnection(source.table).whereIn(source.ownerColumn, creditIds).pluck(source.targetColumn))];
    if (sourceIds.length === 0) continue;
    const rows: string[] = await strapi.db.getConnection(sourceTable).whereIn('id', sourceIds).pluck(columnOf(strapi, sourceUid, 'documentId'));
    for (const documentId of rows) found.add(documentId);
  }
  return [...found];
}

/**
 * The documentIds of the categories on the trails of `documents`: those stored at a prefix of
 * each one's path, in its locale. A document shown without its path (a `fields` list leaving
 * it out) is looked up by documentId, since its other derived fields still show its trail.
 */
async function categoriesOnTrails(strapi: Core.Strapi, documents: AnswerDocument[], requestLocale: unknown): Promise<string[]> {
  if (documents.length === 0) return [];
  const fallbackLocale = typeof requestLocale === 'string' && requestLocale !== '*' ? requestLocale : null;
  const located = new Map<string, { locale: string | null; path: string }>();
  const pathless = new Map<string, string[]>();
  for (const document of documents) {
    if (document.path) located.set(`${document.locale ?? fallbackLocale}\u0000${document.path}`, { locale: document.locale ?? fallbackLocale, path: document.path });
    else pathless.set(document.uid, [...(pathless.get(document.uid) ?? []), document.documentId]);
  }
  for (const [uid, documentIds] of pathless) {
    if (!('path' in (strapi.contentType(uid as any).attributes as object))) continue;
    const table = tableOf(strapi, uid);
    const rows: Array<{ locale: string | null; path: string | null }> = await strapi.db
      .getConnection(table)
      .select(`${columnOf(strapi, uid, 'locale')} as locale`, `${columnOf(strapi, uid, 'path')} as path`)
      .whereIn(columnOf(strapi, uid, 'documentId'), [...new Set(documentIds)])
      .whereNotNull(columnOf(strapi, uid, 'path'));
    for (const row of rows) if (row.path) located.set(`${row.locale}\u0000${row.path}`, { locale: row.locale, path: row.path });
  }
  const prefixes = new Map<string | null, Set<string>>();
  for (const { locale, path } of located.values()) {
    const set = prefixes.get(locale) ?? new Set<string>();
    for (const prefix of trailPrefixes(path)) set.add(prefix);
    prefixes.set(locale, set);
  }
  const categoryUid = colophonConfig(strapi).trails.categoryUid;
  const table = tableOf(strapi, categoryUid);
  const found = new Set<string>();
  for (const [locale, paths] of prefixes) {
    if (paths.size === 0) continue;
    const query = strapi.db
      .getConnection(table)
      .distinct(`${columnOf(strapi, categoryUid, 'documentId')} as documentId`)
      .whereIn(columnOf(strapi, categoryUid, 'path'), [...paths]);
    if (locale !== null) query.where(columnOf(strapi, categoryUid, 'locale'), locale);
    for (const row of (await query) as Array<{ documentId: string }>) found.add(row.documentId);
  }
  return [...found];
}
