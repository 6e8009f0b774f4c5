import { PREVIEW_TOKEN_TTL_SECONDS, signPreviewToken, type PreviewTarget } from '../../core/preview';

/** The types with a preview page, and the path segment of that page: GET /preview/<segment>/:documentId. */
export const PREVIEW_PAGES: Readonly<Record<string, string>> = {
  'api::article.article': 'articles',
};

/** What the Content Manager passes to the preview handler (Strapi 5 `admin.preview.config.handler`). */
export interface PreviewHandlerParams {
  documentId?: string;
  locale?: string | null;
  status?: string;
}

/**
 * The relative URL of a document's preview page, signed for one hour, or undefined when its
 * type has no preview page (the Content Manager then hides its Preview button, HTTP 204).
 * Relative on purpose: the admin opens it in an iframe on its own origin, which is this app.
 */
export function previewUrl(uid: string, params: PreviewHandlerParams, secret: string, now: number = Date.now() / 1000): string | undefined {
  const segment = PREVIEW_PAGES[uid];
  // The edit view's panel sends the document's status, which is `modified` for a draft edited
  // since its last publication: that is still the draft.
  const status = params.status === 'published' ? 'published' : 'draft';
  if (!segment || !params.documentId) return undefined;
  const target: PreviewTarget = { uid, documentId: params.documentId, locale: params.locale ?? '', status };
  const query = new URLSearchParams({
    ...(target.locale ? { locale: target.locale } : {}),
    status,
    token: signPreviewToken(target, secret, Math.floor(now) + PREVIEW_TOKEN_TTL_SECONDS),
  });
  return `/preview/${segment}/${encodeURIComponent(target.documentId)}?${query}`;
}

/**
 * Strapi's `admin.preview` configuration (config/admin.ts): the Content Manager's Preview
 * button opens previewUrl in an iframe. `secret` is PREVIEW_SECRET; the page route reads it
 * back from here (src/strapi/preview/page.ts), so one setting signs and verifies.
 */
export function previewSettings(secret: string) {
  return {
    enabled: true,
    config: {
      // The page is served by this app; naming the admin's own origin keeps frame-src explicit.
      allowedOrigins: ["'self'"],
      secret,
      handler: (uid: string, params: PreviewHandlerParams) => previewUrl(uid, params, secret),
    },
  };
}
