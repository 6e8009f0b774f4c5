import { isValidEmail } from '../moderation/isValidEmail';

/** Whose personal data a request is about: a commenter by the address they typed, or a reader account by its id. */
export type DataSubject = { kind: 'email'; email: string } | { kind: 'account'; userId: number };

/** A request to export or erase one person's data, as read from its body or command line. */
export interface PersonalDataRequest {
  subject: DataSubject;
  /** Erasure only: replace the comments' text too, not just who wrote them. */
  deleteText: boolean;
}

/** What is wrong with a request, by field (the `details.errors[].path` of a 400). */
export interface RequestProblem {
  path: string;
  message: string;
}

const EMAIL_MAX_LENGTH = 254;

/**
 * Reads `{ email }` or `{ userId }` (exactly one), and for an erasure the optional
 * `deleteText` (boolean). Addresses are compared lowercased, as comments store them
 * (validateCommentFields) and as users-permissions stores accounts'. Returns the request, or
 * the first problem found, naming its field. RFC 5321 caps an address at 254 characters.
 */
export function readPersonalDataRequest(body: unknown, action: 'export' | 'erase'): PersonalDataRequest | RequestProblem {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { path: 'email', message: 'The body must be a JSON object holding email or userId' };
  const { email, userId, deleteText, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) return { path: unknown[0], message: `Unknown field ${unknown[0]}: send email or userId${action === 'erase' ? ', and deleteText' : ''}` };
  if (deleteText !== undefined && (action !== 'erase' || typeof deleteText !== 'boolean')) {
    return { path: 'deleteText', message: action === 'erase' ? 'deleteText must be true or false' : 'deleteText applies to an erasure only' };
  }
  const hasEmail = email !== undefined && email !== null;
  const hasUser = userId !== undefined && userId !== null;
  if (hasEmail === hasUser) return { path: hasEmail ? 'userId' : 'email', message: 'Send exactly one of email and userId' };
  if (hasEmail) {
    if (typeof email !== 'string' || email.trim().length > EMAIL_MAX_LENGTH || !isValidEmail(email.trim())) {
      return { path: 'email', message: 'email must be an email address' };
    }
    return { subject: { kind: 'email', email: email.trim().toLowerCase() }, deleteText: deleteText === true };
  }
  const id = typeof userId === 'string' && /^\d+$/.test(userId) ? Number(userId) : userId;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) return { path: 'userId', message: 'userId must be the id of a reader account, a positive integer' };
  return { subject: { kind: 'account', userId: id }, deleteText: deleteText === true };
}

/** Whether readPersonalDataRequest found a problem. */
export function isRequestProblem(value: PersonalDataRequest | RequestProblem): value is RequestProblem {
  return 'path' in value;
}
