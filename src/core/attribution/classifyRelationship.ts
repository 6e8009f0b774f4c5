import type { Credit, Relationship } from './types';

const REWORKS = new Set(['translation', 'adaptation']);

/**
 * Who did the work, read from the credits:
 *
 * - a translation or adaptation credit that names a Source was done elsewhere: we republish
 *   someone else's page (the seed page republishes Réseau International's translation)
 *   → `republication`;
 * - one that names no Source was done in house: a new work → `translation` / `adaptation`;
 * - otherwise an `original` credit means we republish someone else's page → `republication`;
 * - no original at all → `own`.
 */
export function classifyRelationship(credits: readonly Credit[]): Relationship {
  const reworks = credits.filter((credit) => REWORKS.has(credit.role));
  if (reworks.some((credit) => credit.source)) return 'republication';
  if (reworks.some((credit) => credit.role === 'translation')) return 'translation';
  if (reworks.length > 0) return 'adaptation';
  return credits.some((credit) => credit.role === 'original') ? 'republication' : 'own';
}
