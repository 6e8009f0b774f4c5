import type { Core } from '@strapi/strapi';
import { CONFIRM_LINK_DAYS, mailLinkKey, signMailToken } from '../../core/notifications';
import { colophonConfig } from '../colophon-config';

/** Where the mail links' routes answer, under the content API's /api prefix. */
export const LINK_PATHS = { confirm: '/comment-notifications/confirm', unsubscribe: '/comment-notifications/unsubscribe' } as const;

/**
 * This server's public origin, as links in mails must name it: PUBLIC_URL (Strapi's
 * `server.url`), else http://localhost and the port, which only a developer's machine reaches.
 */
export function publicServerUrl(strapi: Core.Strapi): string {
  const url = String(strapi.config.get('server.url') ?? '').replace(/\/+$/, '');
  return url || `http://localhost:${strapi.config.get('server.port') ?? 1337}`;
}

/** The key mail tokens are signed with, derived from COMMENT_IP_SECRET. */
export function linkKey(strapi: Core.Strapi): Buffer {
  return mailLinkKey(colophonConfig(strapi).comments.ipHashSecret);
}

/** The double opt-in link for comment `commentDocumentId`'s ask by `email`, valid CONFIRM_LINK_DAYS days from `now`. */
export function confirmUrl(strapi: Core.Strapi, email: string, commentDocumentId: string, now = new Date()): string {
  const token = signMailToken(linkKey(strapi), {
    purpose: 'confirm',
    email,
    commentDocumentId,
    issuedAt: now,
    expiresAt: new Date(now.getTime() + CONFIRM_LINK_DAYS * 86_400_000),
  });
  return `${publicServerUrl(strapi)}/api${LINK_PATHS.confirm}?token=${token}`;
}

/** The one-click unsubscribe link for `email` (RFC 8058): it never expires. */
export function unsubscribeUrl(strapi: Core.Strapi, email: string): string {
  return `${publicServerUrl(strapi)}/api${LINK_PATHS.unsubscribe}?token=${signMailToken(linkKey(strapi), { purpose: 'unsubscribe', email })}`;
}

/** The moderation queue in the admin: comments, filtered to the pending ones. */
export function moderationQueueUrl(strapi: Core.Strapi, commentUid: string): string {
  const admin = String(strapi.config.get('admin.url') ?? '/admin');
  const base = /^https?:\/\//.test(admin) ? admin.replace(/\/+$/, '') : `${publicServerUrl(strapi)}${admin.startsWith('/') ? admin : `/${admin}`}`.replace(/\/+$/, '');
  // Brackets percent-encoded: some mail clients end a link at the first `[`.
  return `${base}/content-manager/collection-types/${commentUid}?${encodeURIComponent('filters[$and][0][commentStatus][$eq]')}=pending`;
}
