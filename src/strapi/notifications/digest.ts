import type { Core } from '@strapi/strapi';
import { composeModeratorDigest, DIGEST_LIST_SIZE, digestDue, hasNotificationWords } from '../../core/notifications';
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
 * exactly one sends. Each recipient gets a mail of their own; one refused (a departed admin, a
 * typo in COMMENT_NOTIFY_TO) is logged and does not hold back the others. The claim is kept
 * even when every one was refused: the next digest, a period later, counts every comment still
 * waiting, and a broken server is not asked again every few seconds. Returns whether a digest
 * was claimed.
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
    pending()
      .where((where: any) =>
        where.where(column('createdAt'), '>', since).orWhere((reported: any) => reported.where(column('reportCount'), '>', 0).where(column('updatedAt'), '>', since))
      )
      // Up to the claim's time: what comes during this digest is the next one's.
      .where(column('createdAt'), '<=', now);
  const [{ count: newWaiting }] = await fresh().count({ count: '*' });
  if (!digestDue({ lastSentAt, minutes: settings.digestMinutes, now: now.getTime(), newWaiting: Number(newWaiting) })) return false;

  const claimed = await schedule()
    .where((where: any) => (lastSentAt === null ? where.whereNull('last_sent_at') : where.where('last_sent_at', lastSentAt)))
    .update({ last_sent_at: now.getTime() });
  if (Number(claimed) !== 1) return false;
  {
    const siteLocale = await defaultLocale(strapi);
    const recipients = settings.digestTo.length > 0 ? settings.digestTo.map((email) => ({ email, language: null })) : await moderatorRecipients(strapi);
    if (recipients.length === 0) {
      strapi.log.warn('[colophon] Comments wait for moderation, but no active admin may moderate them and COMMENT_NOTIFY_TO is empty: no digest sent.');
      return false;
    }
    const [{ count: waiting }] = await pending().count({ count: '*' });
    const [{ count: reported }] = await pending().where(column('reportCount'), '>', 0).count({ count: '*' });
    // Those readers' reports held back first (they were public until now), then the newest.
    const listed = await strapi.db.query(COMMENT_UID).findMany({
      where: { commentStatus: 'pending', createdAt: { $lte: now }, $or: [{ createdAt: { $gt: since } }, { reportCount: { $gt: 0 }, updatedAt: { $gt: since } }] },
      select: ['authorName', 'body', 'reportCount', 'createdAt'],
      populate: { article: { select: ['title'] } },
      orderBy: [{ reportCount: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
      limit: DIGEST_LIST_SIZE,
    });
    const site = await loadSiteSettings(strapi);
    const digest = {
      siteName: site.name,
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
    };
    // Each admin reads it in the interface language they chose in their profile, or the Site's
    // when they chose none or one without words here: composed once per language.
    const composed = new Map<string, ReturnType<typeof composeModeratorDigest>>();
    const contentFor = (language: string | null) => {
      const locale = language && hasNotificationWords(language) ? language : siteLocale;
      if (!composed.has(locale)) composed.set(locale, composeModeratorDigest({ ...digest, locale }));
      return composed.get(locale)!;
    };
    // One mail each: moderators do not learn each other's addresses either.
    let sent = 0;
    for (const { email: to, language } of recipients) {
      try {
        await sendMail(strapi, { ...contentFor(language), to, headers: { 'Auto-Submitted': 'auto-generated' } });
        sent += 1;
      } catch (error) {
        strapi.log.warn(`[colophon] The moderators' digest could not be mailed to one recipient: ${(error as Error).message}`);
      }
    }
    if (sent === 0) strapi.log.error(`[colophon] The moderators' digest was refused for every recipient (${recipients.length}); the next goes in ${settings.digestMinutes} minutes.`);
    return true;
  }
}

/** An admin to mail the digest to, and the admin interface language they chose (null: none). */
export interface DigestRecipient {
  email: string;
  language: string | null;
}

/**
 * Active, unblocked admins who may moderate any comment: Super Admins, and admins with a role
 * holding Content Manager update on Comment with no condition (Strapi's Author role holds it
 * only on what its holder created) and the commentStatus field among its fields. Each comes
 * with the admin user's `preferedLanguage` (Strapi's spelling), null when unset.
 */
export async function moderatorRecipients(strapi: Core.Strapi): Promise<DigestRecipient[]> {
  const admins = await strapi.db.query('admin::user').findMany({
    where: { isActive: true, blocked: false },
    select: ['email', 'preferedLanguage'],
    populate: { roles: { select: ['code'], populate: { permissions: { select: ['action', 'subject', 'conditions', 'properties'] } } } },
  });
  const moderates = (permission: any) => {
    if (permission.action !== MODERATE || permission.subject !== COMMENT_UID) return false;
    if (Array.isArray(permission.conditions) && permission.conditions.length > 0) return false;
    const fields = permission.properties?.fields;
    return !Array.isArray(fields) || fields.includes('commentStatus');
  };
  const mayModerate = (admin: any) => (admin.roles ?? []).some((role: any) => role.code === 'strapi-super-admin' || (role.permissions ?? []).some(moderates));
  const byEmail = new Map<string, DigestRecipient>();
  for (const admin of admins.filter(mayModerate)) {
    const email = String(admin.email ?? '');
    if (email && !byEmail.has(email)) byEmail.set(email, { email, language: typeof admin.preferedLanguage === 'string' && admin.preferedLanguage ? admin.preferedLanguage : null });
  }
  return [...byEmail.values()];
}
