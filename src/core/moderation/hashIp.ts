import { createHmac } from 'node:crypto';

/**
 * Keyed hash of a reader's IP, so flood control can compare addresses without
 * the database ever holding one. A plain SHA-256 would not do: the whole IPv4
 * space can be hashed in minutes, so the secret is what protects readers.
 */
export function hashIp(ip: string, secret: string): string {
  if (!secret) throw new Error('hashIp needs a non-empty secret');
  return createHmac('sha256', secret).update(ip).digest('hex');
}
