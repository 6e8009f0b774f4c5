import type { Core } from '@strapi/strapi';
import { compareFeedPositions, type FeedPosition } from '../../core/delivery';
import { CHANGES_TABLE } from './models';

/** Where the position of the newest pruned change is kept, in Strapi's core store. */
const PRUNED_KEY = { type: 'core', name: 'colophon', key: 'changes-pruned-through' } as const;

/** How often each instance prunes: hourly; every instance may, the DELETE is the same. */
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * Deletes the changes older than `retentionDays` days (CHANGES_RETENTION_DAYS, default 30) and
 * remembers the position of the newest one deleted, so that a consumer whose cursor points
 * before it is told its changes are gone (410) rather than silently skipping them. Returns how
 * many rows went. On PostgreSQL the position is (txid, id), the feed's order; on SQLite the id.
 */
export async function pruneChanges(strapi: Core.Strapi, retentionDays: number, now = new Date()): Promise<number> {
  if (!(retentionDays > 0)) return 0;
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
  const postgres = strapi.db.dialect.client === 'postgres';
  return strapi.db.transaction(async ({ trx }) => {
    const table = () => strapi.db.getConnection(CHANGES_TABLE).transacting(trx as any);
    const newest = await table()
      .select('txid', 'id')
      .where('created_at', '<', cutoff)
      .orderBy(postgres ? [{ column: 'txid', order: 'desc' }, { column: 'id', order: 'desc' }] : [{ column: 'id', order: 'desc' }])
      .first();
    if (!newest) return 0;
    const through: FeedPosition = { txid: postgres ? String(newest.txid) : null, id: Number(newest.id) };
    const deleted = postgres
      ? await table().whereRaw('(txid, id) <= (?::bigint, ?)', [through.txid, through.id]).delete()
      : await table().where('id', '<=', through.id).delete();
    const known = await prunedThrough(strapi);
    if (!known || compareFeedPositions(through, known) > 0) await strapi.store.set({ ...PRUNED_KEY, value: through });
    return Number(deleted);
  });
}

/** The position of the newest change pruned so far, or null when none ever was. */
export async function prunedThrough(strapi: Core.Strapi): Promise<FeedPosition | null> {
  const value = (await strapi.store.get(PRUNED_KEY)) as FeedPosition | null | undefined;
  return value && typeof value.id === 'number' ? { txid: value.txid ?? null, id: value.id } : null;
}

/** Prunes now and then every hour, until `strapi` is destroyed; the timer never keeps a process alive. */
export function pruneChangesHourly(strapi: Core.Strapi, retentionDays: number): () => void {
  const run = () =>
    pruneChanges(strapi, retentionDays).catch((error) => strapi.log.warn(`Pruning the change log failed: ${(error as Error).message}`));
  void run();
  const timer = setInterval(run, PRUNE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
