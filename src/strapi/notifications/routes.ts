import type { Core } from '@strapi/strapi';
import { composeLinkPage, verifyMailToken, type LinkPageOutcome } from '../../core/notifications';
import { fieldError } from '../errors';
import { defaultLocale } from '../hook/write-context';
import { loadSiteSettings } from '../trails/site-settings';
import { confirmSubscription, unsubscribeAddress } from './addresses';
import { linkKey, LINK_PATHS } from './links';

/**
 * The routes mail links lead to, under /api, open to anyone holding a link: the signed token
 * is the only credential (users-permissions is not asked, so no role has to be granted).
 * - GET  /api/comment-notifications/confirm?token=…      and
 * - GET  /api/comment-notifications/unsubscribe?token=…  ask, with a form, and change nothing
 *   (mail scanners fetch every link in a mail);
 * - POST /api/comment-notifications/confirm?token=…      confirms one comment's ask (double opt-in);
 * - POST /api/comment-notifications/unsubscribe?token=…  unsubscribes the address: RFC 8058's
 *   one-click POST (body `List-Unsubscribe=One-Click`) from a mail client, or the form's.
 * A browser is answered a small page in the site's language; any other client JSON. A token
 * that is missing, forged, expired or for the other purpose is a 400 naming `token`.
 * Registered at register(), before the routes are mounted.
 */
export function registerNotificationRoutes(strapi: Core.Strapi): void {
  strapi.server.routes({
    type: 'content-api',
    routes: [
      { method: 'GET', path: LINK_PATHS.confirm, handler: (ctx: any) => answer(strapi, ctx, 'ask-confirm'), config: { auth: false } },
      { method: 'POST', path: LINK_PATHS.confirm, handler: (ctx: any) => answer(strapi, ctx, 'confirm'), config: { auth: false } },
      { method: 'GET', path: LINK_PATHS.unsubscribe, handler: (ctx: any) => answer(strapi, ctx, 'ask-unsubscribe'), config: { auth: false } },
      { method: 'POST', path: LINK_PATHS.unsubscribe, handler: (ctx: any) => answer(strapi, ctx, 'unsubscribe'), config: { auth: false } },
    ],
  } as any);
}

async function answer(strapi: Core.Strapi, ctx: any, action: 'ask-confirm' | 'confirm' | 'ask-unsubscribe' | 'unsubscribe'): Promise<void> {
  ctx.set('Cache-Control', 'no-store');
  // The token is in the URL: no page it leads to may pass it on.
  ctx.set('Referrer-Policy', 'no-referrer');
  const now = new Date();
  const token = verifyMailToken(linkKey(strapi), ctx.query?.token, action.endsWith('confirm') ? 'confirm' : 'unsubscribe', now);
  let outcome: LinkPageOutcome;
  if (!token) outcome = 'invalid';
  else if (action === 'confirm') outcome = (await confirmSubscription(strapi, token, now)) ? 'confirmed' : 'invalid';
  else if (action === 'unsubscribe') {
    await unsubscribeAddress(strapi, token.email, now);
    outcome = 'unsubscribed';
  } else outcome = action;

  if (ctx.accepts('json', 'html') !== 'html') {
    if (outcome === 'invalid') throw fieldError('This link is not valid, or it has expired', 'token');
    ctx.body = { data: { outcome } };
    return;
  }
  const site = await loadSiteSettings(strapi);
  ctx.status = outcome === 'invalid' ? 400 : 200;
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = composeLinkPage({ locale: await defaultLocale(strapi), siteName: site.name, outcome });
}
