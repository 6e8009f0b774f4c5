import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import escapeHtml from 'escape-html';
import { colophonConfig } from '../colophon-config';

const USER = 'plugin::users-permissions.user';

/** What every registration answers, whether or not the address already had an account. */
export const REGISTRATION_ANSWER = {
  ok: true,
  message: 'Check your inbox: the next step has been sent to this address.',
} as const;

// The refusals of Strapi's auth controller that depend on someone else's account rather than
// on the caller's own input. Validation errors (a malformed email, a short password) are kept:
// they say nothing about other people.
const ACCOUNT_HELD = /already taken/i;
const ACCOUNT_STATE = /already confirmed|blocked/i;
const EMAIL_FAILED = /error sending/i;

type AuthController = Record<string, (ctx: any, next?: any) => Promise<unknown>>;
type Plugin = { controllers: Record<string, (deps: { strapi: Core.Strapi }) => AuthController> };

/**
 * Syncs users-permissions' advanced settings with Colophon's `accounts.registration` setting
 * (USERS_REGISTRATION) on every boot: `allow_register` follows it, and when registration is on
 * `email_confirmation` is forced on, since an unconfirmed address would let anyone claim
 * someone else's identity. The environment is the source of truth, so a toggle in the admin's
 * settings lasts until the next restart.
 */
export async function applyRegistrationSetting(strapi: Core.Strapi): Promise<void> {
  const enabled = colophonConfig(strapi).accounts.registration;
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = ((await store.get({ key: 'advanced' })) ?? {}) as Record<string, unknown>;
  const next = { ...advanced, allow_register: enabled, ...(enabled ? { email_confirmation: true } : {}) };
  if (next.allow_register !== advanced.allow_register || next.email_confirmation !== advanced.email_confirmation) {
    await store.set({ key: 'advanced', value: next });
  }
}

/**
 * Wraps users-permissions' auth controller (from src/extensions/users-permissions/strapi-server)
 * so that no public auth answer tells whether an email address has an account (OWASP
 * Authentication Cheat Sheet, "Authentication and error messages"):
 * - `register` is a 403 while registration is closed, whatever the store says, and always over
 *   GraphQL, whose payload would have to name the new user. When open it
 *   answers REGISTRATION_ANSWER both for a new account (which must confirm its address) and
 *   for an address or username already held; the holder of an address is told by email
 *   instead, and a password is hashed either way so that the timing does not tell either.
 * - `sendEmailConfirmation` answers `{ email, sent: true }` for unknown, confirmed and blocked
 *   accounts alike.
 * - `forgotPassword` answers `{ ok: true }` even when the email cannot be sent.
 * A failure to send an email is logged, never answered: it only happens for existing accounts.
 */
export function hideAccountExistence(plugin: Plugin): Plugin {
  const createAuth = plugin.controllers.auth;
  plugin.controllers.auth = (deps) => {
    const auth = createAuth(deps);
    const { strapi } = deps;
    return {
      ...auth,

      async register(ctx) {
        if (!colophonConfig(strapi).accounts.registration) {
          throw new errors.ForbiddenError('Registration is closed on this site');
        }
        // GraphQL's register payload requires the new user, which the uniform answer cannot
        // give without telling a new address from a held one.
        // (users-permissions' GraphQL resolver rewrites the path to the REST route's; the
        // original URL stays.)
        const graphqlEndpoint = strapi.config.get('plugin::graphql.endpoint', '/graphql') as string;
        if (String(ctx.originalUrl ?? '').split('?')[0] === graphqlEndpoint) {
          throw new errors.ForbiddenError('Create an account with POST /api/auth/local/register');
        }
        try {
          await auth.register(ctx);
        } catch (error) {
          if (isRefusal(error, ACCOUNT_HELD)) {
            await answerHeldAccount(strapi, ctx.request.body);
          } else if (isRefusal(error, EMAIL_FAILED)) {
            strapi.log.error(`[colophon] could not send a confirmation email: ${(error as Error).message}`);
          } else {
            throw error;
          }
        }
        ctx.status = 200;
        ctx.body = { ...REGISTRATION_ANSWER };
      },

      async sendEmailConfirmation(ctx) {
        const typed = ctx.request.body?.email;
        try {
          await auth.sendEmailConfirmation(ctx);
        } catch (error) {
          // Validation runs before the lookup, so only its errors are about the caller's input.
          if ((error as { name?: string })?.name === 'ValidationError') throw error;
          if (!isRefusal(error, ACCOUNT_STATE)) {
            strapi.log.error(`[colophon] could not resend a confirmation email: ${(error as Error)?.message}`);
          }
        }
        ctx.status = 200;
        ctx.body = { email: typed, sent: true };
      },

      async forgotPassword(ctx) {
        try {
          await auth.forgotPassword(ctx);
        } catch (error) {
          if ((error as { name?: string })?.name === 'ValidationError') throw error;
          strapi.log.error(`[colophon] could not send a password reset email: ${(error as Error)?.message}`);
        }
        ctx.status = 200;
        ctx.body = { ok: true };
      },
    };
  };
  return plugin;
}

function isRefusal(error: unknown, pattern: RegExp): boolean {
  const { name, message } = (error ?? {}) as { name?: string; message?: string };
  return name === 'ApplicationError' && typeof message === 'string' && pattern.test(message);
}

async function answerHeldAccount(strapi: Core.Strapi, body: unknown): Promise<void> {
  const { email, password } = (body ?? {}) as { email?: unknown; password?: unknown };
  // A new account costs one bcrypt hash; so does this answer.
  await strapi.plugin('users-permissions').service('user').ensureHashedPasswords({
    password: typeof password === 'string' ? password : '',
  });
  if (typeof email !== 'string') return;
  const address = email.toLowerCase();
  const holder = await strapi.db.query(USER).findOne({ where: { email: address }, select: ['id', 'email'] });
  const site = strapi.config.get('server.absoluteUrl') as string;
  const message = holder
    ? `Someone, perhaps you, tried to create an account at ${site} with this address, which already has one. Sign in, or reset your password if you have forgotten it. If it was not you, you can ignore this email.`
    : `Someone, perhaps you, tried to create an account at ${site} with this address, but the username chosen is taken. Try again with another username.`;
  try {
    await strapi.plugin('email').service('email').send({
      to: address,
      subject: 'Your account',
      text: message,
      html: `<p>${escapeHtml(message)}</p>`,
    });
  } catch (error) {
    strapi.log.error(`[colophon] could not send an account notice: ${(error as Error).message}`);
  }
}
