import { fieldError } from '../errors';

/** The body of POST /colophon/preview: an edit form's values, saved or not. */
export interface PreviewRequest {
  /** The content type of the form, e.g. api::article.article. */
  uid: string;
  /** The document being edited; absent before its first save. */
  documentId?: string;
  /** The locale edited; the default locale when absent. */
  locale?: string;
  /** The form's current values, as the Content Manager would send them to save. */
  data: Record<string, unknown>;
}

/** Reads and checks the request body; anything malformed is a 400 naming the field. */
export function readPreviewRequest(body: unknown): PreviewRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw fieldError('The body must be a JSON object', 'data');
  const { uid, documentId, locale, data } = body as Record<string, unknown>;
  if (typeof uid !== 'string' || uid === '') throw fieldError('uid must name a content type, e.g. api::article.article', 'uid');
  if (documentId !== undefined && documentId !== null && (typeof documentId !== 'string' || documentId === '')) {
    throw fieldError('documentId must be a string, or left out for a document not saved yet', 'documentId');
  }
  if (locale !== undefined && locale !== null && (typeof locale !== 'string' || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale))) {
    throw fieldError('locale must be a locale code such as fr or en', 'locale');
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw fieldError("data must be an object holding the form's values", 'data');
  return {
    uid,
    documentId: (documentId as string | null) ?? undefined,
    locale: (locale as string | null) ?? undefined,
    data: data as Record<string, unknown>,
  };
}
