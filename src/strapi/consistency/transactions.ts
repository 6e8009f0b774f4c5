import type { Core } from '@strapi/strapi';
import { lockTrailInputs } from '../database/locks';
import { recordingChanges } from '../delivery/change-log';
import { tagVocabulary } from '../delivery/tags';

/**
 * Runs one step of the checker in its own transaction. A repair first takes the cascade lock
 * exclusively, so what it reads and rewrites cannot move under it; a check takes no lock and
 * holds each transaction only for one batch, so editors are never kept waiting for long. A
 * repair's transaction logs what it changed in the change log.
 */
export async function inTransaction<T>(strapi: Core.Strapi, repair: boolean, work: (trx: unknown) => Promise<T>): Promise<T> {
  return strapi.db.transaction(async ({ trx }) => {
    if (!repair) return work(trx);
    await lockTrailInputs(strapi, trx, 'exclusive');
    // What a repair rewrites, readers see: it is a change like any write, logged with it.
    return recordingChanges(strapi, trx, 'repair', tagVocabulary(strapi).changeCoarser, () => work(trx));
  });
}
