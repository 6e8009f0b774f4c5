import type { Core } from '@strapi/strapi';
import { personalDataCutoff } from '../../core/privacy';
import { columnOf, sql, tableOf } from '../database/schema';
import { COMMENT_UID } from './model';
import { REPORTS_TABLE } from './reports';
import { CONFIRM_LINK_DAYS } from '../../core/notifications';
import { ADDRESSES_TABLE, OUTBOX_TABLE, SUBSCRIPTIONS_TABLE } from '../notifications/models';

/** Ids per UPDATE: a window of the primary key, so no statement scans more than this many rows, cleared or not. */
const WINDOW = 5000;
/** How often each instance runs the job. Every instance may: the UPDATE is the same. */
const RUN_EVERY_MS = 24 * 60 * 60 * 1000;

/**
 * Clears the IP hash and user agent of every comment (and the IP hash of every report) created more than `days` days before
 * `now` (COMMENT_PERSONAL_DATA_DAYS): the flood and duplicate checks only ever read recent
 * comments' hashes, and nothing else needs them. Walks the primary key in windows of WINDOW
 * ids, one short transaction each, so that on SQLite no statement holds the event loop for
 * long and no write waits behind the job. Past the same cutoff it also drops unconfirmed asks
 * for reply notices whose link is dead, addresses nothing names and no confirmation went to
 * since (unless they unsubscribed), and sent mail's outbox rows.
 * Returns how many comments it cleared.
 */
export async function clearExpiredPersonalData(strapi: Core.Strapi, days: number, now = new Date()): Promise<number> {
  const table = tableOf(strapi, COMMENT_UID);
  const column = (attribute: string) => columnOf(strapi, COMMENT_UID, attribute);
  const cutoff = personalDataCutoff(now, days);
  const [{ max }] = await sql(strapi, null, table).max({ max: 'id' });
  let cleared = 0;
  for (let from = 0; from < Number(max ?? 0); from += WINDOW) {
    cleared += Number(
      await sql(strapi, null, table)
        .where('id', '>', from)
        .where('id', '<=', from + WINDOW)
        .where(column('createdAt'), '<', cutoff)
        .where((where) => where.whereNotNull(column('ipHash')).orWhereNotNull(column('userAgent')))
        .update({ [column('ipHash')]: null, [column('userAgent')]: null })
    );
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  // Anonymous reports are kept by IP hash: past the same cutoff they keep their reason only.
  await sql(strapi, null, REPORTS_TABLE)
    .where('created_at', '<', cutoff)
    .whereNotNull('ip_hash')
    .update({ ip_hash: null, reporter_key: strapi.db.connection.raw(`'expired:' || id`) });
  // An ask never confirmed is of no use past the cutoff, unless its confirmation still waits
  // to go or went within CONFIRM_LINK_DAYS (its link still works). An address's row keeps only
  // the spacing of its confirmations: once no ask names it and none went for that long, it goes,
  // unless it unsubscribed: that row stays, holding the ask never to be mailed again.
  const linkLive = new Date(now.getTime() - CONFIRM_LINK_DAYS * 86_400_000);
  const confirmationPending = (query: any) =>
    query
      .select(1)
      .from(OUTBOX_TABLE)
      .whereRaw('??.?? = ??.??', [OUTBOX_TABLE, 'comment_document_id', SUBSCRIPTIONS_TABLE, 'comment_document_id'])
      .where('kind', 'confirm')
      .where((open: any) => open.whereNull('done_at').orWhere('done_at', '>', linkLive));
  await sql(strapi, null, SUBSCRIPTIONS_TABLE).whereNull('confirmed_at').where('created_at', '<', cutoff).whereNotExists(confirmationPending).delete();
  await sql(strapi, null, ADDRESSES_TABLE)
    .whereNull('unsubscribed_at')
    .where((where: any) => where.where('confirmation_sent_at', '<', cutoff).orWhere((never: any) => never.whereNull('confirmation_sent_at').where('created_at', '<', cutoff)))
    .whereNotExists((query: any) => query.select(1).from(SUBSCRIPTIONS_TABLE).whereRaw('??.?? = ??.??', [SUBSCRIPTIONS_TABLE, 'email', ADDRESSES_TABLE, 'email']))
    .delete();
  await sql(strapi, null, OUTBOX_TABLE).whereNotNull('done_at').where('done_at', '<', cutoff).delete();
  return cleared;
}

/** Runs clearExpiredPersonalData now and then daily, until the returned function is called; the timer never keeps a process alive. */
export function clearPersonalDataDaily(strapi: Core.Strapi, days: number): () => void {
  const run = () =>
    clearExpiredPersonalData(strapi, days)
      .then((cleared) => cleared > 0 && strapi.log.info(`[colophon] Cleared the IP hash and user agent of ${cleared} comments older than ${days} days.`))
      .catch((error) => strapi.log.warn(`Clearing comments' expired personal data failed: ${(error as Error).message}`));
  void run();
  const timer = setInterval(run, RUN_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
