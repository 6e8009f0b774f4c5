import type { Core } from '@strapi/strapi';

/**
 * Stand-in for `lockTrailInputs` from src/strapi/database/locks.ts, which another branch adds:
 * the cascade lock that stops editors' cascades from re-deriving trails while a repair does.
 * It is replaced on merge by importing that function in transactions.ts (its one caller)
 * and deleting this file. Until then repairs take no lock, so run --fix on a quiet database.
 */
export async function lockTrailInputs(_strapi: Core.Strapi, _trx: unknown, _mode: 'shared' | 'exclusive'): Promise<void> {
  // Deliberately empty: see above.
}
