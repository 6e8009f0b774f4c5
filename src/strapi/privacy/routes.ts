import type { Core } from '@strapi/strapi';
import { isRequestProblem, readPersonalDataRequest, type PersonalDataRequest } from '../../core/privacy';
import { COMMENT_UID } from '../comments/model';
import { fieldError } from '../errors';
import { erasePersonalData } from './erase-personal-data';
import { exportPersonalData } from './export-personal-data';

/** The Content Manager permissions each action needs on Comment. */
const NEEDS = { export: ['read'], erase: ['update', 'delete'] } as const;

/**
 * POST /colophon/personal-data/export and /colophon/personal-data/erase, admin routes: a
 * reader's "what do you hold on me?" and "erase me" (GDPR articles 15 and 17), asked by
 * `{ email }` or `{ userId }`, with `deleteText: true` to erase the words too. Only an admin
 * whose role may read (export), or update and delete (erase), Comment in the Content Manager
 * gets an answer: 401 without an admin JWT, 403 without the permissions. Registered at
 * register(), before the routes are mounted.
 */
export function registerPersonalDataRoutes(strapi: Core.Strapi): void {
  strapi.server.routes({
    type: 'admin',
    prefix: '',
    routes: (['export', 'erase'] as const).map((action) => ({
      method: 'POST',
      path: `/colophon/personal-data/${action}`,
      handler: (ctx: any) => answer(strapi, ctx, action),
      config: { policies: ['admin::isAuthenticatedAdmin'] },
    })),
  } as any);
}

async function answer(strapi: Core.Strapi, ctx: any, action: 'export' | 'erase'): Promise<void> {
  const ability = ctx.state.userAbility;
  if (!NEEDS[action].every((verb) => ability?.can(`plugin::content-manager.explorer.${verb}`, COMMENT_UID))) {
    return ctx.forbidden(`${action === 'export' ? 'Exporting' : 'Erasing'} personal data needs the Content Manager's ${NEEDS[action].join(' and ')} permissions on Comment`);
  }
  const request = readRequest(ctx.request.body, action);
  const by = typeof ctx.state.user?.id === 'number' ? ctx.state.user.id : null;
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { data: action === 'export' ? await exportPersonalData(strapi, request, by) : await erasePersonalData(strapi, request, by) };
}

function readRequest(body: unknown, action: 'export' | 'erase'): PersonalDataRequest {
  const read = readPersonalDataRequest(body, action);
  if (isRequestProblem(read)) throw fieldError(read.message, read.path);
  return read;
}
