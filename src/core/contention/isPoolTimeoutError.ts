/**
 * True when a request could not get a database connection in time: knex's KnexTimeoutError
 * ("Timeout acquiring a connection. The pool is probably full."), raised after the pool's
 * `acquireConnectionTimeout` (DATABASE_CONNECTION_TIMEOUT, 60 s by default). Every connection
 * was busy, on SQLite typically its one writer held by a long cascade. Like contention, it is
 * the database's state and not the request's fault: nothing ran, so the answer is 503 with
 * Retry-After rather than a 500. Unlike contention it is not retried in place, since the
 * request has already waited the whole timeout. Walks `cause` for wrapped errors.
 */
export function isPoolTimeoutError(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth += 1) {
    if ((current as { name?: unknown }).name === 'KnexTimeoutError') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
