import crypto from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A new document id in the shape of Strapi's own (cuid2: 24 lowercase alphanumerics, a letter
 * first), for rows Colophon writes itself and for a create whose id must be known before
 * Strapi stores it (its path is claimed in that id's name first).
 */
export function newDocumentId(): string {
  const bytes = crypto.randomBytes(24);
  return Array.from(bytes, (byte, index) => (index === 0 ? ALPHABET[byte % 26] : ALPHABET[byte % ALPHABET.length])).join('');
}
