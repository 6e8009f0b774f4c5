import type { Core } from '@strapi/strapi';
import { absoluteUrl } from '../../core/discovery/absoluteUrl';
import { composeConfirmation, composeReplyNotice, CONFIRM_RESEND_HOURS, replyNoticeRecipient, type MailContent } from '../../core/notifications';
import { COMMENT_UID } from '../comments/model';
import { loadSiteSettings } from '../trails/site-settings';
import { claimConfirmation, readAddress } from './addresses';
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
export function outboxDelivery(strapi: Core.Strapi): (kind: MailKind, commentDocumentId: string) => Promise<MailOutcome> {
  return (kind, commentDocumentId) => (kind === 'reply' ? sendReplyNotice(strapi, commentDocumentId) : sendConfirmation(strapi, commentDocumentId));
}

async function loadComment(strapi: Core.Strapi, documentId: string | null) {
  if (!documentId) return null;
  return strapi.db.query(COMMENT_UID).findOne({
    where: { documentId },
    select: ['documentId', 'authorName', 'authorEmail', 'body', 'commentStatus', 'notifyReplies', 'parentDocumentId'],
    populate: { article: { select: ['documentId', 'title', 'path', 'locale'] } },
  });
}

async function sendReplyNotice(strapi: Core.Strapi, replyDocumentId: string): Promise<MailOutcome> {
  const reply = await loadComment(strapi, replyDocumentId);
  if (!reply) return 'skipped';
  const parent = await loadComment(strapi, reply.parentDocumentId ?? null);
  const to = replyNoticeRecipient({
    reply: { authorEmail: reply.authorEmail ?? null, commentStatus: reply.commentStatus },
    parent: parent ? { authorEmail: parent.authorEmail ?? null, notifyReplies: parent.notifyReplies === true || parent.notifyReplies === 1, commentStatus: parent.commentStatus } : null,
    address: parent?.authorEmail ? await readAddress(strapi, null, parent.authorEmail) : null,
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
  await sendMail(strapi, {
    ...content,
    to,
    // RFC 2369 and RFC 8058: a mail client's own "unsubscribe" button POSTs to the link.
    headers: { ...AUTOMATIC, 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  });
  return 'sent';
}

async function sendConfirmation(strapi: Core.Strapi, commentDocumentId: string): Promise<MailOutcome> {
  const comment = await loadComment(strapi, commentDocumentId);
  const asked = comment && comment.authorEmail && (comment.notifyReplies === true || comment.notifyReplies === 1);
  if (!asked || comment.commentStatus === 'spam' || comment.commentStatus === 'trash') return 'skipped';
  const address = await readAddress(strapi, null, comment.authorEmail);
  // No row: erased since. Confirmed and subscribed: confirmed since, by another comment's link.
  if (!address || (address.confirmedAt && !address.unsubscribedAt)) return 'skipped';
  const now = new Date();
  const claim = await claimConfirmation(strapi, comment.authorEmail, CONFIRM_RESEND_HOURS, now);
  if (!claim.claimed) return 'skipped';
  try {
    const site = await loadSiteSettings(strapi);
    const content = composeConfirmation({
      siteName: site.name,
      locale: comment.article?.locale ?? site.defaultLocale ?? 'en',
      articleTitle: comment.article?.title ?? null,
      confirmUrl: confirmUrl(strapi, comment.authorEmail, now),
    });
    await sendMail(strapi, { ...content, to: comment.authorEmail.trim(), headers: AUTOMATIC });
  } catch (error) {
    await claim.release();
    throw error;
  }
  return 'sent';
}

