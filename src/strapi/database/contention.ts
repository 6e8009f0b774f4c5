import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core, Modules } from '@strapi/strapi';
import { isContentionError, isPoolTimeoutError, retryDelayMs } from '../../core/contention';
import { ServiceUnavailableError } from '../errors';

const WRITE_ACTIONS = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);

export interface ContentionPolicy {
  /** Runs of the write in all, the first included. */
  attempts: number;
  /** What the client is told to wait (Retry-After) once every attempt failed, in seconds. */
  retryAfterSeconds: number;
}

export const DEFAULT_CONTENTION_POLICY: ContentionPolicy = { attempts: 5, retryAfterSeconds: 2 };

export const BUSY_MESSAGE = 'The database is busy with other changes and nothing was saved; try again in a moment.';

/** Marks a write that is itself a retry, so the calls nested in it do not retry on their own. */
const retrying = new AsyncLocalStorage<true>();

/**
 * A deadlock, a serialization failure or a busy SQLite file is not the caller's fault and not
 * a bug: the database rolled the whole transaction back, so the write can simply run again.
 * This outermost document service middleware does that, from the parameters as the caller
 * sent them (inner middlewares amend them in place), a bounded number of times with jittered
 * backoff. If the database is still contended, the caller gets 503 with Retry-After, never a
 * bare 500, and nothing was written. A write or a read that could not even get a connection
 * (the pool's timeout, see isPoolTimeoutError) is answered the same way at once, through REST
 * and GraphQL alike; ../../middlewares/busy-database.ts does it for the rest of a request
 * (authentication, custom routes). Only a write that owns its transaction is retried: one
 * nested in a caller's transaction fails with it, and the caller's own retry runs it again.
 */
export function retryOnContention(
  strapi: Core.Strapi,
  policy: ContentionPolicy = DEFAULT_CONTENTION_POLICY
): Modules.Documents.Middleware.Middleware {
  const busy = () => {
    strapi.requestContext.get()?.set?.('Retry-After', String(policy.retryAfterSeconds));
    return new ServiceUnavailableError(BUSY_MESSAGE, policy.retryAfterSeconds);
  };
  const answerPoolTimeout = async (next: () => Promise<unknown>) => {
    try {
      return await next();
    } catch (error) {
      throw isPoolTimeoutError(error) ? busy() : error;
    }
  };

  return async (context, next) => {
    if (!WRITE_ACTIONS.has(context.action) || retrying.getStore() || strapi.db.inTransaction()) return answerPoolTimeout(next);
    let sent: unknown;
    try {
      sent = structuredClone(context.params);
    } catch {
      // Parameters that cannot be copied (a stream, say) cannot be replayed: run once.
      return answerPoolTimeout(next);
    }

    const again = (): Promise<any> => {
      const documents = strapi.documents(context.uid as any) as any;
      return retrying.run(true, () => documents[context.action](structuredClone(sent)));
    };
    try {
      return await runAgainOnContention((attempt) => (attempt === 1 ? next() : again()), policy.attempts);
    } catch (error) {
      if (isPoolTimeoutError(error)) throw busy();
      if (!isContentionError(error)) throw error;
      strapi.log.warn(`[colophon] ${context.uid} ${context.action} still contended after ${policy.attempts} attempts: ${(error as Error)?.message}`);
      throw busy();
    }
  };
}

/**
 * Runs `run` (a whole transaction, given its attempt number from 1) again while it fails for
 * contention (core's isContentionError: the database rolled it back, so it can run again), at
 * most `attempts` runs in all, waiting core's retryDelayMs between them (jittered exponential
 * backoff). Any other error, or the last attempt's, reaches the caller. The document service
 * middleware above uses it for a write that owns its transaction; the WordPress import for
 * each item's transaction.
 */
export async function runAgainOnContention<T>(run: (attempt: number) => Promise<T>, attempts: number = DEFAULT_CONTENTION_POLICY.attempts): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run(attempt);
    } catch (error) {
      if (attempt >= attempts || !isContentionError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt, Math.random())));
    }
  }
}

/**
 * Marks the request (`ctx.state.databaseBusy`) whenever one of its queries could not get a
 * connection in time, even where the error is then swallowed: users-permissions turns any
 * failure of its Public-role lookup into "401 Missing or invalid credentials", which would tell
 * a reader of a busy PostgreSQL pool that the article is not public. The busy-database
 * middleware answers such a request 503 instead. Called from register().
 */
export function markBusyRequests(strapi: Core.Strapi): void {
  const client = (strapi.db.connection as any).client;
  const acquireConnection = client.acquireConnection.bind(client);
  client.acquireConnection = async () => {
    try {
      return await acquireConnection();
    } catch (error) {
      if (isPoolTimeoutError(error)) {
        const state = strapi.requestContext.get()?.state;
        if (state) state.databaseBusy = true;
      }
      throw error;
    }
  };
}
