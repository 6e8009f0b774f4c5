import { errors } from '@strapi/utils';
import type { ModerationOutcome } from '../../core/moderation';
import { ConflictError, fieldError } from '../errors';

type Rejection = Extract<ModerationOutcome, { action: 'reject' }>;

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
    throw fieldError(outcome.message, outcome.field);
  }
  if (outcome.status === 409) throw new ConflictError(outcome.message);
  if (outcome.status === 429) {
    ctx.set('Retry-After', String(outcome.retryAfterSeconds));
    throw new errors.RateLimitError(outcome.message, { retryAfterSeconds: outcome.retryAfterSeconds });
  }
  throw new Error(`Unhandled moderation outcome ${JSON.stringify(outcome)}`);
}
