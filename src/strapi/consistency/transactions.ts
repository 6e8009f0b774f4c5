import type { Core } from '@strapi/strapi';
import { lockTrailInputs } from '../database/locks';

/**
 * Runs one step of the checker in its own transaction. A repair first takes the cascade lock
 * exclusively, so what it reads and rewrites cannot move under it; a check takes no lock and
 * holds each transaction only for one batch, so editors are never kept waiting for long.
 */
export async function inTransaction<T>(strapi: Core.Strapi, repair: boolean, work: (trx: unknown) => Promise<T>): Promise<T> {
  return strapi.db.transaction(async ({ trx }) => {
    if (repair) await lockTrailInputs(strapi, trx, 'exclusive');
    return work(trx);
  });
}
