/**
 * PostgreSQL SQLSTATEs that mean "another transaction was in the way; the same transaction
 * may well succeed if run again" (PostgreSQL manual, Appendix A, class 40 and 55P03).
 */
const POSTGRES_CODES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
  // in_failed_sql_transaction: Strapi sends some queries of one write in parallel on the
  // transaction's connection (populate, relation ordering); when one of them is the deadlock
  // victim, the error that reaches the caller can be the next query's "current transaction is
  // aborted" instead. Either way the transaction was rolled back whole and can run again.
  '25P02',
]);

/** MySQL/MariaDB: ER_LOCK_WAIT_TIMEOUT (1205) and ER_LOCK_DEADLOCK (1213). */
const MYSQL_ERRNOS = new Set([1205, 1213]);

/**
 * True when a database error is contention rather than a fault: a deadlock, a serialization
 * failure, a lock that could not be had, or SQLite's SQLITE_BUSY / SQLITE_LOCKED (another
 * connection or process holds the write lock). Such a write is safe to retry from the start,
 * since its transaction was rolled back. Reads the driver's `code` / `errno`, walking `cause`
 * for wrapped errors.
 */
export function isContentionError(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth += 1) {
    const { code, errno, cause } = current as { code?: unknown; errno?: unknown; cause?: unknown };
    if (typeof code === 'string' && (POSTGRES_CODES.has(code) || /^SQLITE_(BUSY|LOCKED)/.test(code))) return true;
    if (typeof errno === 'number' && MYSQL_ERRNOS.has(errno)) return true;
    current = cause;
  }
  return false;
}
