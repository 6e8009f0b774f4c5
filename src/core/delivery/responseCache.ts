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
