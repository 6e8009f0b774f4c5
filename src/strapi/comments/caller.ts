import type { Core } from '@strapi/strapi';
import { COMMENT_UID } from './model';

export interface Reader {
  /** The request's client IP: X-Forwarded-For is honoured only when server.proxy is on. */
  ip: string | null;
  userAgent: string | null;
  /** The signed-in reader, or null for Public. */
  account: { id: number; email: string | null; username: string | null; confirmed?: boolean } | null;
  /** The Koa context of the request, for response headers. */
  ctx: any;
}

/**
 * Who is writing or reading comments decides which rules apply:
 * - reader: anyone on the content API through users-permissions (Public or a signed-in
 *   reader). Posts go through moderation, reads see approved comments only.
 * - moderator: a users-permissions role allowed to update comments (the Moderator role, or
 *   any role an administrator grants it). Sees every status and may change only the status.
 * - editor: the Content Manager, an API token, or code with no request at all. Trusted:
 *   what it writes is stored, with derived fields recomputed.
 * Any request not authenticated as admin or API token counts as a reader, so a route added
 * later with `auth: false` cannot become a way around moderation.
 */
export type CommentCaller =
  | ({ kind: 'reader' } & Reader)
  | ({ kind: 'moderator' } & Reader)
  | { kind: 'editor' };

// Strapi 5.54 names them 'admin' (Content Manager), 'content-api-token' (API tokens) and
// 'admin-token'; 'api-token' is the name earlier releases used.
const EDITOR_STRATEGIES = new Set(['admin', 'admin-token', 'content-api-token', 'api-token']);

export function identifyCaller(strapi: Core.Strapi): CommentCaller {
  const ctx: any = strapi.requestContext.get();
  if (!ctx) return { kind: 'editor' };
  const auth = ctx.state?.auth;
  const strategy: string | undefined = auth?.strategy?.name;
  if (strategy && EDITOR_STRATEGIES.has(strategy)) return { kind: 'editor' };

  const reader = readerOf(ctx);
  const mayModerate = Boolean(auth?.ability?.can?.(`${COMMENT_UID}.update`));
  return mayModerate ? { kind: 'moderator', ...reader } : { kind: 'reader', ...reader };
}

/** The reader behind a request, whoever authenticated it: its address, user agent and users-permissions account. */
export function readerOf(ctx: any): Reader {
  const auth = ctx.state?.auth;
  // Editors' credentials (admin users, API tokens) are not reader accounts.
  const user = auth?.strategy?.name && EDITOR_STRATEGIES.has(auth.strategy.name) ? null : (auth?.credentials ?? null);
  return {
    ip: typeof ctx.request?.ip === 'string' && ctx.request.ip !== '' ? ctx.request.ip : null,
    userAgent: typeof ctx.request?.headers?.['user-agent'] === 'string' ? ctx.request.headers['user-agent'] : null,
    account: user && typeof user.id === 'number' ? { id: user.id, email: user.email ?? null, username: user.username ?? null, confirmed: user.confirmed === true } : null,
    ctx,
  };
}
