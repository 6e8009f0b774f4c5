import type { Core } from '@strapi/strapi';
import { prepareCategoryWrite } from '../trails/category-writes';
import { writeLocale } from '../hook/write-context';
import type { PreviewRequest } from './request';

export interface CategoryPreview {
  uid: string;
  documentId: string | null;
  locale: string;
  /** The slug the save would store. */
  slug: string;
}

/**
 * Whether saving a category form would pass the hook's checks (a parent that is the category
 * itself or one of its descendants, a chain too deep, a parent in another locale, a slug a
 * sibling holds): prepareCategoryWrite runs as on a save, and refuses with the same 400 naming
 * the field. Strapi's relation picker cannot leave those parents out, so the admin asks here
 * before the editor saves. Run it inside a transaction the caller rolls back.
 */
export async function previewCategory(strapi: Core.Strapi, trx: unknown, uid: string, request: PreviewRequest): Promise<CategoryPreview> {
  const params = { documentId: request.documentId, locale: request.locale, data: structuredClone(request.data) };
  await prepareCategoryWrite(strapi, trx, request.documentId ? 'update' : 'create', params, { claim: false });
  return { uid, documentId: request.documentId ?? null, locale: await writeLocale(strapi, params), slug: String(params.data.slug) };
}
