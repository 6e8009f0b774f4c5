import type { Core } from '@strapi/strapi';
import { composeModeratorDigest, DIGEST_LIST_SIZE, digestDue } from '../../core/notifications';
import { COMMENT_UID } from '../comments/model';
import { columnOf, sql, tableOf } from '../database/schema';
import { defaultLocale } from '../hook/write-context';
import { loadSiteSettings } from '../trails/site-settings';
import { sendMail } from './deliver';
import { moderationQueueUrl } from './links';
import { SCHEDULE_TABLE } from './models';
import type { NotificationSettings } from './settings';

const DIGEST = 'moderator-digest';
/** The Content Manager permission that makes an admin a moderator of comments. */
const MODERATE = 'plugin::content-manager.explorer.update';

/** Adds the digest's schedule row, never sent, unless it has one. */
export async function ensureDigestSchedule(strapi: Core.Strapi): Promise<void> {
  await sql(strapi, null, SCHEDULE_TABLE).insert({ name: DIGEST, last_sent_at: null }).onConflict('name').ignore();
}

/**
 * Sends the moderators' digest when it is due (src/core/notifications/rules.ts digestDue):
 * comments came in (or went back to pending on readers' reports) since the last digest, and
 * that went at least `digestMinutes` ago. Several instances may call it at once: each reads
 * when the last digest went and claims the next one with a compare-and-set on that value, so
 * exactly one sends. A failed send gives the claim back. Returns whether a digest went.
 */
export async function sendDigestIfDue(strapi: Core.Strapi, settings: NotificationSettings, now = new Date()): Promise<boolean> {
  if (!settings.enabled || settings.digestMinutes <= 0) return false;
  const schedule = () => sql(strapi, null, SCHEDULE_TABLE).where({ name: DIGEST });
  const row = await schedule().first('last_sent_at');
  if (!row) return false;
  const lastSentAt = row.last_sent_at === null || row.last_sent_at === undefined ? null : Number(row.last_sent_at);
  if (lastSentAt !== null && now.getTime() - lastSentAt < settings.digestMinutes * 60_000) return false;

  const since = new Date(lastSentAt ?? 0);
  const column = (attribute: string) => columnOf(strapi, COMMENT_UID, attribute);
  const pending = () => sql(strapi, null, tableOf(strapi, COMMENT_UID)).where(column('commentStatus'), 'pending');
  // New: posted since, or sent back to pending by reports since (its updatedAt moved then).
  const fresh = () =>
    pending().where((where: any) =>
      where.where(column('createdAt'), '>', since).orWhere((reported: any) => reported.where(column('reportCount'), '>', 0).where(column('updatedAt'), '>', since))
    );
  const [{ count: newWaiting }] = await fresh().count({ count: '*' });
  if (!digestDue({ lastSentAt, minutes: settings.digestMinutes, now: now.getTime(), newWaiting: Number(newWaiting) })) return false;

  const claimed = await schedule()
    .where((where: any) => (lastSentAt === null ? where.whereNull('last_sent_at') : where.where('last_sent_at', lastSentAt)))
    .update({ last_sent_at: now.getTime() });
  if (Number(claimed) !== 1) return false;
  try {
    const recipients = settings.digestTo.length > 0 ? settings.digestTo : await moderatorAddresses(strapi);
    if (recipients.length === 0) {
      strapi.log.warn('[colophon] Comments wait for moderation, but no active admin may moderate them and COMMENT_NOTIFY_TO is empty: no digest sent.');
      return false;
    }
    const [{ count: waiting }] = await pending().count({ count: '*' });
    const [{ count: reported }] = await pending().where(column('reportCount'), '>', 0).count({ count: '*' });
    const listed = await strapi.db.query(COMMENT_UID).findMany({
      where: { commentStatus: 'pending', $or: [{ createdAt: { $gt: since } }, { reportCount: { $gt: 0 }, updatedAt: { $gt: since } }] },
      select: ['authorName', 'body', 'reportCount', 'createdAt'],
      populate: { article: { select: ['title'] } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      limit: DIGEST_LIST_SIZE,
    });
    const site = await loadSiteSettings(strapi);
    const content = composeModeratorDigest({
      siteName: site.name,
      locale: await defaultLocale(strapi),
      waiting: Number(waiting),
      freshCount: Number(newWaiting),
      fresh: listed.map((comment: any) => ({
        authorName: comment.authorName ?? '',
        body: comment.body ?? '',
        articleTitle: comment.article?.title ?? null,
        reportCount: Number(comment.reportCount ?? 0),
      })),
      reported: Number(reported),
      queueUrl: moderationQueueUrl(strapi, COMMENT_UID),
    });
    // One mail each: moderators do not learn each other's addresses either.
    for (const to of recipients) await sendMail(strapi, { ...content, to, headers: { 'Auto-Submitted': 'auto-generated' } });
    return true;
  } catch (error) {
    await schedule().where('last_sent_at', now.getTime()).update({ last_sent_at: lastSentAt });
    throw error;
  }
}

/** Active, unblocked admins whose role may update comments in the Content Manager (Super Admins may do anything). */
export async function moderatorAddresses(strapi: Core.Strapi): Promise<string[]> {
  const admins = await strapi.db.query('admin::user').findMany({
    where: {
      isActive: true,
      blocked: false,
      roles: { $or: [{ code: 'strapi-super-admin' }, { permissions: { action: MODERATE, subject: COMMENT_UID } }] },
    },
    select: ['email'],
  });
  return [...new Set(admins.map((admin: any) => String(admin.email ?? '')).filter(Boolean))];
}
