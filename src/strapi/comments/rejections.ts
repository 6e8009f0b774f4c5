import { errors } from '@strapi/utils';
import type { ModerationOutcome } from '../../core/moderation';

type Rejection = Extract<ModerationOutcome, { action: 'reject' }>;

/**
 * Strapi has ApplicationErrors for 400, 401, 403, 404, 413, 429 and 501, none for 409. Its error
 * middleware and its GraphQL formatter also accept http-errors' HttpError, but that class cannot
 * be constructed directly, its factory is not a dependency of ours, and Koa's ctx.throw builds
 * errors from an older copy that Strapi's instanceof checks do not recognise (GraphQL would
 * answer "Internal Server Error"). Hence an Error whose prototype chain passes through the very
 * HttpError class Strapi checks against.
 */
class ConflictError extends Error {
  readonly status = 409;
  readonly statusCode = 409;
  readonly expose = true;
  constructor(message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ConflictError';
  }
}
Object.setPrototypeOf(ConflictError.prototype, errors.HttpError.prototype);

/**
 * Turns a moderation refusal into the error REST and GraphQL clients expect:
 * - 400 ValidationError naming the field (GraphQL: BAD_USER_INPUT), shaped like Strapi's own
 *   field errors so form libraries built for Strapi show it next to the field;
 * - 409 ConflictError (GraphQL: STRAPI_CONFLICT_ERROR);
 * - 429 RateLimitError with a Retry-After header (GraphQL: STRAPI_RATE_LIMIT_ERROR, and the
 *   delay in extensions.error.details.retryAfterSeconds).
 */
export function throwRejection(outcome: Rejection, ctx: any): never {
  if (outcome.status === 400) {
    throw new errors.ValidationError(outcome.message, {
      field: outcome.field,
      errors: [{ path: [outcome.field], message: outcome.message, name: 'ValidationError' }],
    });
  }
  if (outcome.status === 409) throw new ConflictError(outcome.message);
  if (outcome.status === 429) {
    ctx.set('Retry-After', String(outcome.retryAfterSeconds));
    throw new errors.RateLimitError(outcome.message, { retryAfterSeconds: outcome.retryAfterSeconds });
  }
  throw new Error(`Unhandled moderation outcome ${JSON.stringify(outcome)}`);
}
