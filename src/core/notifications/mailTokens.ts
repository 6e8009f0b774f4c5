import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** What a signed mail link lets its holder do. */
export type MailTokenPurpose = 'confirm' | 'unsubscribe';

/** Days a confirmation link works; an unsubscribe link never expires (RFC 8058 asks that it keep working). */
export const CONFIRM_LINK_DAYS = 7;

/** What a mail link's token carries. */
export interface MailToken {
  purpose: MailTokenPurpose;
  /** The address it was sent to, normalized. */
  email: string;
  /** When it was minted: a confirmation older than the address's unsubscribe is refused. */
  issuedAt: Date;
  /** Past it the token is refused; required for `confirm`, none for `unsubscribe`. */
  expiresAt: Date | null;
  /** The comment whose reply notices a `confirm` token turns on; null for `unsubscribe`. */
  commentDocumentId: string | null;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The key mail links are sealed with, derived from a server secret (COMMENT_IP_SECRET) for this
 * one use, so no new secret has to be set and the key says nothing of the IP hashes'. Changing
 * that secret voids every link already mailed, unsubscribe links included.
 */
export function mailLinkKey(secret: string): Buffer {
  if (!secret) throw new Error('mailLinkKey needs a non-empty secret');
  return createHmac('sha256', secret).update('colophon/mail-links/v2').digest();
}

/**
 * An address as notifications compare and store it: trimmed and lower-cased. RFC 5321 lets a
 * local part be case-sensitive, but no mailbox provider a newsroom's readers use treats it so,
 * and one reader typing `Ana@` and `ana@` must not count as two people.
 */
export function normalizeAddress(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A link token: `[purpose, address, issued, expiry, comment]` sealed with AES-256-GCM under
 * `key` (a random 96-bit IV, the 128-bit tag), base64url. Sealed rather than only signed: the
 * address it carries would otherwise be readable in every access log the link passes through.
 * Only the server can mint one, and no table has to keep them. Throws for a `confirm` token
 * without an expiry or a comment.
 */
export function signMailToken(key: Buffer, token: Omit<MailToken, 'issuedAt' | 'expiresAt' | 'commentDocumentId'> & Partial<MailToken>): string {
  if (token.purpose === 'confirm' && (!token.expiresAt || !token.commentDocumentId)) throw new Error('A confirm token needs an expiry and a comment');
  const payload = JSON.stringify([
    token.purpose,
    normalizeAddress(token.email),
    (token.issuedAt ?? new Date()).getTime(),
    token.expiresAt ? token.expiresAt.getTime() : 0,
    token.commentDocumentId ?? null,
  ]);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(payload, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

/**
 * What a token says, when it was sealed by `key`, for `purpose`, and has not expired at `now`;
 * null otherwise, whatever the fault (the answer to a forged or stale link says nothing more).
 */
export function verifyMailToken(key: Buffer, token: unknown, purpose: MailTokenPurpose, now: Date): MailToken | null {
  if (typeof token !== 'string' || token.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const payload = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    const [kind, email, issuedAt, expiresAt, comment] = JSON.parse(payload);
    if (kind !== purpose || typeof email !== 'string' || !email.includes('@') || typeof issuedAt !== 'number' || typeof expiresAt !== 'number') return null;
    if (purpose === 'confirm' && (expiresAt === 0 || typeof comment !== 'string')) return null;
    if (expiresAt !== 0 && expiresAt < now.getTime()) return null;
    return {
      purpose,
      email,
      issuedAt: new Date(issuedAt),
      expiresAt: expiresAt === 0 ? null : new Date(expiresAt),
      commentDocumentId: typeof comment === 'string' ? comment : null,
    };
  } catch {
    return null;
  }
}
