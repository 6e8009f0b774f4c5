import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a signed mail link lets its holder do. */
export type MailTokenPurpose = 'confirm' | 'unsubscribe';

/** Days a confirmation link works; an unsubscribe link never expires (RFC 8058 asks that it keep working). */
export const CONFIRM_LINK_DAYS = 7;

/**
 * The key mail links are signed with, derived from a server secret (COMMENT_IP_SECRET) for this
 * one use, so no new secret has to be set and a link's signature says nothing of the IP hashes'.
 */
export function mailLinkKey(secret: string): Buffer {
  if (!secret) throw new Error('mailLinkKey needs a non-empty secret');
  return createHmac('sha256', secret).update('colophon/mail-links/v1').digest();
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
 * A link token: base64url of `[purpose, address, expiry in ms or 0]`, a dot, and the first
 * 128 bits of its HMAC-SHA-256 under `key`, base64url. It carries the address, so no table
 * has to keep tokens, and only the server can mint one.
 */
export function signMailToken(key: Buffer, token: { purpose: MailTokenPurpose; email: string; expiresAt?: Date | null }): string {
  const payload = Buffer.from(JSON.stringify([token.purpose, normalizeAddress(token.email), token.expiresAt ? token.expiresAt.getTime() : 0])).toString('base64url');
  return `${payload}.${mac(key, payload)}`;
}

/**
 * The address a token was minted for, when it is well formed, signed by `key`, minted for
 * `purpose` and not expired at `now`; null otherwise (whatever the fault: the answer to a
 * forged or stale link says nothing more).
 */
export function verifyMailToken(key: Buffer, token: unknown, purpose: MailTokenPurpose, now: Date): string | null {
  if (typeof token !== 'string' || token.length > 1024) return null;
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(key, payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const [kind, email, expiresAt] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (kind !== purpose || typeof email !== 'string' || !email.includes('@') || typeof expiresAt !== 'number') return null;
    if (expiresAt !== 0 && expiresAt < now.getTime()) return null;
    return email;
  } catch {
    return null;
  }
}

function mac(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest().subarray(0, 16).toString('base64url');
}
