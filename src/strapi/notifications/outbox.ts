import type { Core } from '@strapi/strapi';
import { sql } from '../database/schema';
import { OUTBOX_TABLE } from './models';

/** What the outbox holds: a reply notice or a confirmation request. */
export type MailKind = 'reply' | 'confirm';

/**
 * What became of one queued mail: sent; skipped, when no one may get it (opted out,
 * unconfirmed, erased, already confirmed); or put off until a time (a confirmation spaced
 * from the last one to the same address), which is not a failed attempt.
 */
export type MailOutcome = 'sent' | 'skipped' | { deferUntil: Date };

/** Attempts before a mail is given up (the SMTP server refused or was down each time). */
export const MAX_ATTEMPTS = 6;
/** Minutes to wait after the 1st, 2nd, … failed attempt. */
const RETRY_MINUTES = [1, 5, 30, 120, 360];
/**
 * How long an instance holds a leased row: well over the SMTP transport's own timeouts
 * (config/plugins.ts: 30 s to connect, 60 s of silence), so a slow server cannot make a lease
 * run out while its mail is still being sent and let a second instance send it too.
 */
const LEASE_MS = 5 * 60_000;
/** Rows one pass leases at most. */
const BATCH = 20;

/**
 * Queues one mail, in the transaction of the write that calls for it: nothing goes if that
 * write rolls back, and a second call for the same kind and comment is a no-op.
 */
export async function queueMail(strapi: Core.Strapi, trx: unknown, kind: MailKind, commentDocumentId: string): Promise<void> {
  await sql(strapi, trx, OUTBOX_TABLE)
    .insert({ kind, comment_document_id: commentDocumentId, attempts: 0, created_at: new Date() })
    .onConflict(['kind', 'comment_document_id'])
    .ignore();
}

/**
 * Sends what is due in the outbox: leases up to BATCH rows no other instance holds, and for
 * each asks `deliver` to send it. A row is done when `deliver` answers sent or skipped, waits
 * when it answers a deferral; when it throws (the SMTP server failed) the row waits
 * RETRY_MINUTES and is tried again, MAX_ATTEMPTS in all. `clock` is the time due rows are
 * compared with, and the time `deliver` is told it is. Returns how many rows it settled.
 */
export async function sendQueuedMail(
  strapi: Core.Strapi,
  instance: string,
  deliver: (kind: MailKind, commentDocumentId: string, now: Date) => Promise<MailOutcome>,
  clock: () => Date = () => new Date()
): Promise<number> {
  const table = () => sql(strapi, null, OUTBOX_TABLE);
  const due = (query: any, now: Date) =>
    query
      .whereNull('done_at')
      .where((where: any) => where.whereNull('next_attempt_at').orWhere('next_attempt_at', '<=', now))
      .where((where: any) => where.whereNull('leased_until').orWhere('leased_until', '<', now));
  const candidates: Array<{ id: number }> = await due(table(), clock()).orderBy('id').limit(BATCH).select('id');
  let settled = 0;
  for (const { id } of candidates) {
    // Each row's lease from the time it is taken: the batch's earlier mails may have been slow.
    const now = clock();
    const leased = await due(table().where({ id }), now).update({ leased_until: new Date(now.getTime() + LEASE_MS), leased_by: instance });
    if (Number(leased) !== 1) continue;
    const row = await table().where({ id }).first('kind', 'comment_document_id', 'attempts');
    const ours = () => table().where({ id, leased_by: instance });
    const lost = (updated: unknown) =>
      Number(updated) !== 1 && strapi.log.warn(`[colophon] The lease on queued mail ${id} ran out while it was being sent: another instance may send it again.`);
    try {
      const outcome = await deliver(row.kind as MailKind, row.comment_document_id, now);
      if (typeof outcome === 'object') {
        lost(await ours().update({ next_attempt_at: outcome.deferUntil, leased_until: null, leased_by: null }));
        continue;
      }
      lost(await ours().update({ outcome, done_at: new Date(), leased_until: null, leased_by: null, last_error: null }));
      settled += 1;
    } catch (error) {
      const attempts = Number(row.attempts ?? 0) + 1;
      const message = String((error as Error)?.message ?? error).slice(0, 1000);
      strapi.log.warn(`[colophon] A ${row.kind} mail could not be sent (attempt ${attempts} of ${MAX_ATTEMPTS}): ${message}`);
      const last = attempts >= MAX_ATTEMPTS;
      await ours().update({
          attempts,
          last_error: message,
          leased_until: null,
          leased_by: null,
          ...(last
            ? { outcome: 'failed', done_at: new Date() }
            : { next_attempt_at: new Date(Date.now() + RETRY_MINUTES[Math.min(attempts, RETRY_MINUTES.length) - 1] * 60_000) }),
        });
      if (last) settled += 1;
    }
  }
  return settled;
}
