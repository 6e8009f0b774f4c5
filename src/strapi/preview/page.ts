import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PREVIEW_PAGE_HEADERS, renderPreviewPage, verifyPreviewToken, type PreviewTarget } from '../../core/preview';
import { PREVIEW_PAGES } from './settings';

// Only what the page shows: no createdBy, updatedBy or any relation is ever loaded.
const FIELDS = ['title', 'excerpt', 'body', 'coverCaption', 'breadcrumbs', 'attribution', 'structuredData', 'locale'];

const REFUSAL = 'This preview link is invalid or has expired. Open the preview again from the admin.';

function readTarget(uid: string, ctx: any): PreviewTarget | null {
  const { locale = '', status } = ctx.query ?? {};
  if (typeof locale !== 'string' || (status !== 'draft' && status !== 'published')) return null;
  return { uid, documentId: String(ctx.params.documentId), locale, status };
}

/**
 * GET /preview/articles/:documentId?locale=&status=&token=: the server-rendered preview page
 * the Content Manager's Preview button opens (core/preview/renderPreviewPage). Outside /api
 * and without users-permissions, it is reachable only with a token from previewUrl: any
 * missing, forged, expired or borrowed token is the same 401, checked before the database is
 * read, so a refusal says nothing about whether the document exists. A valid token for a
 * document deleted since is a 404.
 */
export function registerPreviewPages(strapi: Core.Strapi): void {
  for (const [uid, segment] of Object.entries(PREVIEW_PAGES)) {
    strapi.server.routes([
      {
        method: 'GET',
        path: `/preview/${segment}/:documentId`,
        config: { auth: false },
        async handler(ctx: any) {
          for (const [name, value] of Object.entries(PREVIEW_PAGE_HEADERS)) ctx.set(name, value);
          const secret = strapi.config.get('admin.preview.config.secret', '') as string;
          const target = readTarget(uid, ctx);
          if (!target || !verifyPreviewToken(target, ctx.query.token, secret, Date.now() / 1000)) {
            throw new errors.UnauthorizedError(REFUSAL);
          }
          const document = await strapi.documents(uid as any).findOne({
            documentId: target.documentId,
            ...(target.locale ? { locale: target.locale } : {}),
            status: target.status,
            fields: FIELDS as any,
          });
          if (!document) throw new errors.NotFoundError('This document no longer exists in this locale and status.');
          const row = document as Record<string, any>;
          ctx.type = 'text/html; charset=utf-8';
          ctx.body = renderPreviewPage({
            title: row.title ?? '',
            locale: row.locale ?? target.locale,
            status: target.status,
            excerpt: row.excerpt,
            body: row.body,
            coverCaption: row.coverCaption,
            breadcrumbs: row.breadcrumbs,
            attributionHtml: row.attribution?.html,
            structuredData: row.structuredData,
          });
        },
      },
    ] as any);
  }
}
