import { errors } from '@strapi/utils';

/*
 * Strapi has ApplicationErrors for 400, 401, 403, 404, 413, 429 and 501, none for 409 or 503.
 * Its error middleware and its GraphQL formatter also accept http-errors' HttpError, but that
 * class cannot be constructed directly, its factory is not a dependency of ours, and Koa's
 * ctx.throw builds errors from an older copy that Strapi's instanceof checks do not recognise
 * (GraphQL would answer "Internal Server Error"). Hence Errors whose prototype chain passes
 * through the very HttpError class Strapi checks against.
 */

/** 409: the write conflicts with stored data (GraphQL: STRAPI_CONFLICT_ERROR). */
export class ConflictError extends Error {
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
 * 503: the database stayed contended after every retry; nothing was written and the client
 * may try again after `retryAfterSeconds` (REST: the Retry-After header, RFC 9110 §10.2.3;
 * GraphQL: STRAPI_SERVICE_UNAVAILABLE_ERROR with extensions.error.details.retryAfterSeconds).
 */
export class ServiceUnavailableError extends Error {
  readonly status = 503;
  readonly statusCode = 503;
  readonly expose = true;
  readonly details: { retryAfterSeconds: number };
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.name = 'ServiceUnavailableError';
    this.details = { retryAfterSeconds };
  }
}
Object.setPrototypeOf(ServiceUnavailableError.prototype, errors.HttpError.prototype);

/**
 * A 400 that names the field at fault, in the shape Strapi's own validation errors have:
 * `details.errors: [{ path, message, name }]`, which the admin reads to put the message on the
 * field (a `details` without `errors` makes the admin's error handler throw instead) and which
 * REST and GraphQL clients get as `error.details` / `extensions.error.details`. `details.field`
 * repeats the path dotted, for clients that read one key. `path` is a field name, a dotted
 * path (`credits.0.url`) or the path's parts (`['credits', 0, 'url']`).
 */
export function fieldError(
  message: string,
  path: string | ReadonlyArray<string | number>,
  extra: Record<string, unknown> = {}
): InstanceType<typeof errors.ValidationError> {
  const parts = typeof path === 'string' ? path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)) : [...path];
  return new errors.ValidationError(message, {
    ...extra,
    field: parts.join('.'),
    errors: [{ path: parts, message, name: 'ValidationError' }],
  });
}
