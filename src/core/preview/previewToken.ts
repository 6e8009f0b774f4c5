import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PreviewTarget } from './types';

/** How long a preview link opens its page: long enough to read and share with a colleague. */
export const PREVIEW_TOKEN_TTL_SECONDS = 60 * 60;

// Versioned, so a future change of what is signed cannot make old links mean something else.
const DOMAIN = 'colophon-preview-v1';

function mac(target: PreviewTarget, expiresAt: number, secret: string): Buffer {
  // Newline-separated: none of the parts can hold a newline that a forger could shift.
  const message = [DOMAIN, target.uid, target.documentId, target.locale, target.status, String(expiresAt)].join('\n');
  return createHmac('sha256', secret).update(message).digest();
}

/**
 * A preview token: `<expiresAt>.<signature>`, where expiresAt is in Unix seconds and the
 * signature is the base64url HMAC-SHA-256 of the type, document, locale, status and expiry
 * under `secret` (PREVIEW_SECRET). Whoever holds it may read that one version until it expires,
 * and nothing else.
 * @throws Error when the secret is empty: an empty key would let anyone sign.
 */
export function signPreviewToken(target: PreviewTarget, secret: string, expiresAt: number): string {
  if (!secret) throw new Error('signPreviewToken needs a non-empty secret');
  return `${Math.floor(expiresAt)}.${mac(target, Math.floor(expiresAt), secret).toString('base64url')}`;
}

/**
 * Whether `token` opens `target` at `now` (Unix seconds): signed with `secret` for exactly this
 * type, document, locale and status, and not yet expired. A missing, malformed, forged,
 * expired or borrowed token all answer false alike, and the signatures are compared in
 * constant time, so the answer tells an attacker nothing about how close they came.
 */
export function verifyPreviewToken(target: PreviewTarget, token: unknown, secret: string, now: number): boolean {
  if (!secret || typeof token !== 'string') return false;
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return false;
  const expiresAt = Number(match[1]);
  const expected = mac(target, expiresAt, secret);
  const given = Buffer.from(match[2]!, 'base64url');
  const genuine = given.length === expected.length && timingSafeEqual(given, expected);
  return genuine && now < expiresAt;
}
