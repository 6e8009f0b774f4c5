import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core, Modules } from '@strapi/strapi';
import { isContentionError, retryDelayMs } from '../../core/contention';
import { ServiceUnavailableError } from '../errors';

const WRITE_ACTIONS = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);

export interface ContentionPolicy {
  /** Runs of the write in all, the first included. */
  attempts: number;
  /** What the client is told to wait (Retry-After) once every attempt failed, in seconds. */
  retryAfterSeconds: number;
}

export const DEFAULT_CONTENTION_POLICY: ContentionPolicy = { attempts: 5, retryAfterSeconds: 2 };

/** Marks a write that is itself a retry, so the calls nested in it do not retry on their own. */
const retrying = new AsyncLocalStorage<true>();

/**
 * A deadlock, a serialization failure or a busy SQLite file is not the caller's fault and not
 * a bug: the database rolled the whole transaction back, so the write can simply run again.
 * This outermost document service middleware does that, from the parameters as the caller
 * sent them (inner middlewares amend them in place), a bounded number of times with jittered
 * backoff. If the database is still contended, the caller gets 503 with Retry-After, never a
 * bare 500, and nothing was written. Only a write that owns its transaction is retried: one
 * nested in a caller's transaction fails with it, and the caller's own retry runs it again.
 */
export function retryOnContention(
  strapi: Core.Strapi,
  policy: ContentionPolicy = DEFAULT_CONTENTION_POLICY
): Modules.Documents.Middleware.Middleware {
  return async (context, next) => {
    if (!WRITE_ACTIONS.has(context.action) || retrying.getStore() || strapi.db.inTransaction()) return next();
    let sent: unknown;
    try {
      sent = structuredClone(context.params);
    } catch {
      // Parameters that cannot be copied (a stream, say) cannot be replayed: run once.
      return next();
    }

    let failure: unknown;
    try {
      return await next();
    } catch (error) {
      if (!isContentionError(error)) throw error;
      failure = error;
    }
    for (let attempt = 1; attempt < policy.attempts; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt, Math.random())));
      try {
        const documents = strapi.documents(context.uid as any) as any;
        return await retrying.run(true, () => documents[context.action](structuredClone(sent)));
      } catch (error) {
        if (!isContentionError(error)) throw error;
        failure = error;
      }
    }

    strapi.log.warn(
      `[colophon] ${context.uid} ${context.action} still contended after ${policy.attempts} attempts: ${(failure as Error)?.message}`
    );
    strapi.requestContext.get()?.set?.('Retry-After', String(policy.retryAfterSeconds));
    throw new ServiceUnavailableError(
      'The database is busy with other changes and nothing was saved; try again in a moment.',
      policy.retryAfterSeconds
    );
  };
}
