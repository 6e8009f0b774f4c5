// Column values as the databases hand them back, read alike for SQLite, PostgreSQL and MySQL.

/** A stored timestamp as a Date: SQLite hands back epoch milliseconds, PostgreSQL a Date, MySQL a string. Null when absent or unreadable. */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
  return Number.isNaN(date.getTime()) ? null : date;
}
