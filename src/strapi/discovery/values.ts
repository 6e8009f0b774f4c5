// Column values as the databases hand them back, read alike for SQLite and PostgreSQL.
/** SQLite hands timestamps back as epoch milliseconds, PostgreSQL as Dates, MySQL as strings. */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
  return Number.isNaN(date.getTime()) ? null : date;
}

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
