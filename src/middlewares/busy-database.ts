import type { Core } from '@strapi/strapi';
import { isContentionError, isPoolTimeoutError } from '../core/contention';
import { BUSY_MESSAGE, DEFAULT_CONTENTION_POLICY } from '../strapi/database/contention';
import { ServiceUnavailableError } from '../strapi/errors';

/**
 * Answers 503 with Retry-After, instead of Strapi's bare 500, for a request that found the
 * database busy outside the document service, where ../strapi/database/contention.ts cannot
 * see it: the API token's lastUsedAt update during authentication, the users-permissions and
 * admin routes, custom controllers. Busy means no connection came within
 * DATABASE_CONNECTION_TIMEOUT (on SQLite the one writer is held by a long cascade), or a
 * deadlock, serialization failure or SQLITE_BUSY, including where a library caught the error
 * and answered something else (a 401 from users-permissions; see markBusyRequests). Every
 * other error passes through unchanged.
 * Registered in config/middlewares.ts just inside `strapi::errors`, which renders the 503.
 */
export default (_config: unknown, _context: { strapi: Core.Strapi }) => {
  const { retryAfterSeconds } = DEFAULT_CONTENTION_POLICY;
  return async (ctx: any, next: () => Promise<unknown>) => {
    const busy = () => {
      ctx.set('Retry-After', String(retryAfterSeconds));
      return new ServiceUnavailableError(BUSY_MESSAGE, retryAfterSeconds);
    };
    try {
      await next();
    } catch (error) {
      if (isPoolTimeoutError(error) || isContentionError(error) || ctx.state.databaseBusy) throw busy();
      throw error;
    }
    // A busy pool that a library swallowed into a refusal (see markBusyRequests).
    if (ctx.state.databaseBusy && ctx.status >= 400 && ctx.status !== 503) throw busy();
  };
};
