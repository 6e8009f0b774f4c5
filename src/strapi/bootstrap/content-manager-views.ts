import type { Core } from '@strapi/strapi';

/**
 * Derived fields are shown in the edit view, so editors see what frontends get, but are
 * read-only there: the hook overwrites them on every save, and an editable box would suggest
 * otherwise.
 */
export const READ_ONLY_FIELDS: Record<string, string[]> = {
  'api::article.article': ['breadcrumbs', 'breadcrumbText', 'path', 'attribution', 'seo', 'structuredData', 'structuredDataHtml', 'commentCount'],
  'api::category.category': ['path', 'breadcrumbs'],
  // What the server records or derives about a comment (src/strapi/comments).
  'api::comment.comment': ['parentDocumentId', 'depth', 'bodyHtml', 'moderationReason', 'ipHash', 'userAgent', 'user'],
};

export async function lockDerivedFields(
  strapi: Core.Strapi,
  fieldsByType: Record<string, string[]> = READ_ONLY_FIELDS
): Promise<void> {
  const contentTypes = strapi.plugin('content-manager').service('content-types');
  for (const [uid, fields] of Object.entries(fieldsByType)) {
    if (!strapi.contentTypes[uid as keyof typeof strapi.contentTypes]) continue;
    const { uid: _uid, ...configuration } = await contentTypes.findConfiguration({ uid });
    const alreadyLocked = fields.every((field) => configuration.metadatas?.[field]?.edit?.editable === false);
    if (alreadyLocked) continue;

    for (const field of fields) {
      const metadata = configuration.metadatas?.[field];
      if (metadata?.edit) metadata.edit.editable = false;
    }
    await contentTypes.updateConfiguration({ uid }, configuration);
  }
}
