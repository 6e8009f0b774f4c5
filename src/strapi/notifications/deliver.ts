import type { Core } from '@strapi/strapi';
import { absoluteUrl } from '../../core/discovery/absoluteUrl';
import { composeConfirmation, composeReplyNotice, normalizeAddress, replyNoticeRecipient, type MailContent } from '../../core/notifications';
import { COMMENT_UID } from '../comments/model';
import { loadSiteSettings } from '../trails/site-settings';
import { claimConfirmation, readAddress, readSubscription } from './addresses';
import { confirmUrl, unsubscribeUrl } from './links';
import type { MailKind, MailOutcome } from './outbox';

/** A mail as the email plugin takes it. */
export interface OutgoingMail extends MailContent {
  to: string;
  headers: Record<string, string>;
}

/** Sends one mail through Strapi's email plugin (its provider is set in config/plugins.ts); throws when the server refuses it. */
export async function sendMail(strapi: Core.Strapi, mail: OutgoingMail): Promise<void> {
  await strapi.plugin('email').service('email').send({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers });
}

/** RFC 3834: an automatic mail, which vacation responders must not answer. */
const AUTOMATIC = { 'Auto-Submitted': 'auto-generated' };

/**
 * Sends the outbox row `kind` for `commentDocumentId`, deciding its recipient now from what is
 * stored now (an erasure, an unsubscribe or a moderator's change since it was queued is
 * obeyed). Answers `skipped` when no one may get it.
 */
export function outboxDelivery(strapi: Core.Strapi): (kind: MailKind, commentDocumentId: string, now: Date) => Promise<MailOutcome> {
  return (kind, commentDocumentId, now) => (kind === 'reply' ? sendReplyNotice(strapi, commentDocumentId) : sendConfirmation(strapi, commentDocumentId, now));
}

async function loadComment(strapi: Core.Strapi, documentId: string | null) {
  if (!documentId) return null;
  return strapi.db.query(COMMENT_UID).findOne({
    where: { documentId },
    select: ['documentId', 'authorName', 'authorEmail', 'body', 'commentStatus', 'parentDocumentId'],
    populate: { article: { select: ['documentId', 'title', 'path', 'locale'] } },
  });
}

async function sendReplyNotice(strapi: Core.Strapi, replyDocumentId: string): Promise<MailOutcome> {
  const reply = await loadComment(strapi, replyDocumentId);
  if (!reply?.parentDocumentId) return 'skipped';
  const parent = await loadComment(strapi, reply.parentDocumentId);
  const subscription = parent ? await readSubscription(strapi, parent.documentId) : null;
  const address = subscription ? await readAddress(strapi, subscription.email) : null;
  const to = replyNoticeRecipient({
    reply: { authorEmail: reply.authorEmail ?? null, commentStatus: reply.commentStatus },
    parent: parent ? { authorEmail: parent.authorEmail ?? null, commentStatus: parent.commentStatus } : null,
    subscription,
    unsubscribedAt: address?.unsubscribedAt ?? null,
  });
  if (!to) return 'skipped';
  const site = await loadSiteSettings(strapi);
  const article = reply.article ?? parent.article;
  const articleUrl = article?.path ? absoluteUrl(site.baseUrl, article.path) : null;
  const unsubscribe = unsubscribeUrl(strapi, to);
  const content = composeReplyNotice({
    siteName: site.name,
    locale: article?.locale ?? site.defaultLocale ?? 'en',
    articleTitle: article?.title ?? null,
    articleUrl: articleUrl ? `${articleUrl}#comment-${reply.documentId}` : null,
    replierName: reply.authorName,
    replyBody: reply.body ?? '',
    parentBody: parent.body ?? '',
    unsubscribeUrl: unsubscribe,
  });
  // RFC 2369's List-Unsubscribe, and RFC 8058's one-click POST, which it allows for HTTPS URIs only.
  const oneClick: Record<string, string> = unsubscribe.startsWith('https://') ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {};
  await sendMail(strapi, { ...content, to, headers: { ...AUTOMATIC, 'List-Unsubscribe': `<${unsubscribe}>`, ...oneClick } });
  return 'sent';
}

/**
 * The double opt-in mail for one comment's ask: only while the comment is approved and its ask
 * unconfirmed, and spaced from the last confirmation to the same address (deferred, not
 * dropped, when it comes too soon).
 */
async function sendConfirmation(strapi: Core.Strapi, commentDocumentId: string, now: Date): Promise<MailOutcome> {
  const comment = await loadComment(strapi, commentDocumentId);
  const subscription = await readSubscription(strapi, commentDocumentId);
  if (!comment || comment.commentStatus !== 'approved' || !subscription || subscription.confirmedAt) return 'skipped';
  if (!comment.authorEmail || normalizeAddress(comment.authorEmail) !== subscription.email) return 'skipped';
  const claim = await claimConfirmation(strapi, subscription.email, now);
  if (!claim.claimed) return claim.retryAt ? { deferUntil: claim.retryAt } : 'skipped';
  try {
    const site = await loadSiteSettings(strapi);
    const content = composeConfirmation({
      siteName: site.name,
      locale: comment.article?.locale ?? site.defaultLocale ?? 'en',
      articleTitle: comment.article?.title ?? null,
      confirmUrl: confirmUrl(strapi, subscription.email, commentDocumentId, now),
    });
    await sendMail(strapi, { ...content, to: subscription.email, headers: AUTOMATIC });
  } catch (error) {
    await claim.release();
    throw error;
  }
  return 'sent';
}
