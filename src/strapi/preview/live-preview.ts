import type { Core } from '@strapi/strapi';
import { colophonConfig } from '../colophon-config';
import { fieldError } from '../errors';
import { previewCategory } from './preview-category';
import { previewTarget } from './preview-target';
import { readPreviewRequest } from './request';

/** Thrown to end the preview's transaction with a rollback: a preview never writes. */
const ROLLBACK = Symbol('preview rollback');

/**
 * POST /colophon/preview, an admin route behind the edit views' live preview panel: the edit form's values in, what a save would derive
 * out (see previewTarget, previewCategory), nothing written. Only an admin whose role may read
 * and update that content type in the Content Manager gets an answer (401 without an admin
 * JWT, 403 without the permissions); users-permissions JWTs and API tokens are not admin
 * credentials. Registered at register(), before the routes are mounted.
 */
export function registerPreview(strapi: Core.Strapi): void {
  strapi.server.routes({
    type: 'admin',
    prefix: '',
    routes: [
      {
        method: 'POST',
        path: '/colophon/preview',
        handler: (ctx: any) => answerPreview(strapi, ctx),
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  } as any);
}

async function answerPreview(strapi: Core.Strapi, ctx: any): Promise<void> {
  const request = readPreviewRequest(ctx.request.body);
  const { trails } = colophonConfig(strapi);
  const target = trails.targets.find((candidate) => candidate.uid === request.uid);
  if (!target && request.uid !== trails.categoryUid) {
    throw fieldError(`uid: ${request.uid} has no preview; use one of ${[...trails.targets.map((t) => t.uid), trails.categoryUid].join(', ')}`, 'uid');
  }
  const ability = ctx.state.userAbility;
  const allowed = ['read', 'update'].every((verb) => ability?.can(`plugin::content-manager.explorer.${verb}`, request.uid));
  if (!allowed) return ctx.forbidden(`Previewing ${request.uid} needs the Content Manager's read and update permissions on it`);
  if (request.locale) {
    const locales = ((await strapi.plugin('i18n').service('locales').find()) as Array<{ code: string }>).map((l) => l.code);
    if (!locales.includes(request.locale)) throw fieldError(`locale ${request.locale} is not one of ${locales.join(', ')}`, 'locale');
  }

  let preview: unknown;
  try {
    await strapi.db.transaction(async ({ trx }) => {
      preview = target ? await previewTarget(strapi, trx, target, request) : await previewCategory(strapi, trx, request.uid, request);
      throw ROLLBACK;
    });
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  }
  ctx.body = { data: preview };
}
