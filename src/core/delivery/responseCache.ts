/**
 * The rule that keeps a response cache from ever serving a read from before a committed write,
 * across instances that share one database and one cache.
 *
 * Positions are numbers in the change log's commit order as far as it matters here: on
 * PostgreSQL a change's transaction id, on SQLite its row id. A *horizon* H is a position below
 * which every change has committed (PostgreSQL: the oldest transaction of this database still
 * running, or the snapshot's xmax; SQLite: the last row id plus one); any change not committed
 * when H was taken has a position of H or more.
 *
 * A cached answer keeps the horizon its instance had taken, after reading every change up to
 * then, just before it read the database (`basis`). The answer reflects every change below
 * `basis`. So it is still good for an instance that has read the change log up to some later
 * moment if and only if no change it has read that names one of the answer's tags has a
 * position of `basis` or more. An instance that started later than `basis` cannot know the
 * older changes: it treats such an answer as unknown, a miss.
 */
export interface CachedAnswerBasis {
  /** Horizon taken just before the answer was read from the database. */
  basis: number;
  /** The answer's cache tags. */
  tags: readonly string[];
}

/** What one instance knows of the change log: the latest position of a change naming each tag, since `knownSince`. */
export interface ChangeKnowledge {
  /** The horizon at which this instance started reading the change log. */
  knownSince: number;
  /** For each tag, the highest position of a change naming it that this instance has read. */
  latest(tag: string): number | undefined;
}

/** Whether a cached answer may be served by an instance that knows `knowledge` (see above). */
export function isStillFresh(answer: CachedAnswerBasis, knowledge: ChangeKnowledge): boolean {
  if (answer.basis < knowledge.knownSince) return false;
  return answer.tags.every((tag) => {
    const latest = knowledge.latest(tag);
    return latest === undefined || latest < answer.basis;
  });
}

/**
 * The key of a public read: the method (HEAD reads as GET), the path with its query, and for a
 * GraphQL POST the document, the operation name and the variables. Two requests with one key
 * get the same answer from the origin.
 */
export function responseCacheKey(request: { method: string; url: string; graphql?: { query?: unknown; operationName?: unknown; variables?: unknown } }): string {
  const method = request.method.toUpperCase() === 'HEAD' ? 'GET' : request.method.toUpperCase();
  const graphql = request.graphql ? JSON.stringify([request.graphql.query ?? null, request.graphql.operationName ?? null, request.graphql.variables ?? null]) : '';
  return `${method} ${request.url} ${graphql}`;
}

/**
 * Headers that the HTTP caching layer writes itself, or that belong to one transfer only:
 * never recorded with an answer, since they are written anew for every request.
 */
const NOT_REPLAYED = new Set(['content-length', 'content-type', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'etag', 'cache-control', 'cache-tag', 'surrogate-key', 'x-cache']);

/**
 * The headers of a public answer, as the middlewares inside the HTTP caching layer left them
 * (security headers, CORS, X-Powered-By, Vary), that a hit answered before those middlewares
 * run must send again to be the same answer; lower-cased names, values as Node keeps them.
 * Null when the answer cannot be replayed: it sets a cookie (a cached answer must never carry
 * one caller's cookie to another). CORS headers depend on the request's `Origin`, so a
 * recording is replayed only to a request with the same Origin (see `canReplay`).
 */
export function replayableHeaders(headers: Record<string, string | string[] | number | undefined>): Record<string, string | string[]> | null {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'set-cookie') return null;
    if (value === undefined || NOT_REPLAYED.has(lower)) continue;
    kept[lower] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return kept;
}

/**
 * Whether a recorded answer may be sent to a request without running the middlewares that
 * wrote its headers: only a GET or HEAD without credentials (anything with credentials is not a
 * public read), from the same `Origin` (none for none) as the request the answer was recorded
 * for, and only when headers were recorded at all.
 */
export function canReplay(
  recorded: { headers?: Record<string, string | string[]> | null; origin?: string | null },
  request: { method: string; origin: string | null; hasCredentials: boolean }
): boolean {
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (request.hasCredentials || !recorded.headers) return false;
  return (recorded.origin ?? null) === request.origin;
}
