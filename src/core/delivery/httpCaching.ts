import { createHash } from 'node:crypto';

/** How an answer may be cached: by shared caches (`public`), by nobody (`private`), or left as it is (`none`). */
export type CachePolicy = 'public' | 'private' | 'none';

/** What the rule needs to know of a request and its answer. */
export interface CacheableExchange {
  method: string;
  /** The URL path, without the query. */
  path: string;
  /** An Authorization header (an API token, a reader's JWT, an admin's session): the answer depends on who asks. */
  hasCredentials: boolean;
  /** The request asked for drafts (REST `status=draft`, GraphQL `DRAFT`) or a preview. */
  asksForDrafts: boolean;
  /** GraphQL only: the operation is a query (not a mutation or subscription). */
  graphqlQuery?: boolean;
  status: number;
  /** The answer's Content-Type. */
  contentType: string;
}

/** Content API routes that are never a public read, whatever the method: accounts, the change feed. */
const NEVER_PUBLIC = [/^\/api\/(auth|users|connect|users-permissions|changes|comment-notifications)(\/|$)/];

/**
 * What a public read may be: JSON (REST, GraphQL), and the XML and JSON Feed documents of
 * sitemaps and feeds (sitemaps.org, RSS 2.0, Atom 1.0, JSON Feed 1.1).
 */
const PUBLIC_CONTENT_TYPES = /^application\/((graphql-response\+)?json|xml|rss\+xml|atom\+xml|feed\+json)\b/i;

/**
 * The caching policy of one answer. Public reads are REST GETs under `/api/` and GraphQL
 * queries at `/graphql` (GET, or POST, which is how most clients send them) answered 200 with
 * JSON (or a sitemap's or feed's XML) to a request without credentials that did not ask for drafts. Every other answer on those
 * routes is `private` (`Cache-Control: private, no-store`, and no tags): one with credentials
 * (it may hold what only that caller may read), a draft or preview, a mutation, an error or a
 * redirect. Anything else (the admin, uploads, writes to REST) is left alone.
 */
export function cachePolicy(exchange: CacheableExchange): CachePolicy {
  const method = exchange.method.toUpperCase();
  const graphql = exchange.path === '/graphql';
  const api = exchange.path.startsWith('/api/');
  if (!graphql && !api) return 'none';
  const read = method === 'GET' || method === 'HEAD' || (graphql && method === 'POST');
  if (!read) return 'none';
  if (NEVER_PUBLIC.some((pattern) => pattern.test(exchange.path))) return 'private';
  if (graphql && exchange.graphqlQuery !== true) return 'private';
  if (exchange.hasCredentials || exchange.asksForDrafts) return 'private';
  if (exchange.status !== 200 || !PUBLIC_CONTENT_TYPES.test(exchange.contentType)) return 'private';
  return 'public';
}

/** Cache-Control for answers no cache may keep (RFC 9111 §5.2.2.3 no-store, §5.2.2.7 private). */
export const PRIVATE_CACHE_CONTROL = 'private, no-store';

/** The default Cache-Control of public answers: browsers revalidate each time (a 304 is cheap), shared caches keep 5 minutes and are purged by tag. */
export const DEFAULT_PUBLIC_CACHE_CONTROL = 'public, max-age=0, s-maxage=300, stale-while-revalidate=60';

/**
 * A weak entity tag for an answer body (RFC 9110 §8.8.3): `W/"` + base64url SHA-1 of the body +
 * `"`. Weak, because a proxy compressing the body changes its bytes, not its meaning; weak
 * comparison is what If-None-Match uses (§13.1.2).
 */
export function entityTag(body: string | Buffer): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

/**
 * Whether a request's If-None-Match matches `etag`, by weak comparison (RFC 9110 §13.1.2): `*`,
 * or any listed tag equal to it once `W/` is set aside. Only a GET or HEAD then gets a 304; for
 * other methods the RFC asks for 412, so the rule is not applied to them at all.
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => opaque(tag) === wanted);
}

/**
 * The tag headers of a public answer: `Cache-Tag` comma-separated (Cloudflare, Akamai),
 * `Surrogate-Key` space-separated (Fastly, Varnish). Tags hold no comma or space by construction.
 */
export function tagHeaders(tags: readonly string[]): { 'Cache-Tag': string; 'Surrogate-Key': string } {
  return { 'Cache-Tag': tags.join(','), 'Surrogate-Key': tags.join(' ') };
}
