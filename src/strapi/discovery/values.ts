// Column values as the databases hand them back, read alike for SQLite and PostgreSQL.
export { toDate } from '../database/values';

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
