import type { Core } from '@strapi/strapi';
import { COMMENT_UID } from './model';

const CONFIGURED_FLAG = { type: 'core', name: 'colophon', key: 'comments-list-view' } as const;

/**
 * Turns the Content Manager's comment list into a moderation queue: newest first, with the
 * status beside the author, the words and the article, so an editor filters on "pending" and
 * works down the list. Applied once: an editor's own changes to the view survive restarts.
 */
export async function configureModerationQueue(strapi: Core.Strapi): Promise<void> {
  if (await strapi.store.get(CONFIGURED_FLAG)) return;
  const contentTypes = strapi.plugin('content-manager').service('content-types');
  const { uid: _uid, ...configuration } = await contentTypes.findConfiguration({ uid: COMMENT_UID });
  configuration.settings = {
    ...configuration.settings,
    mainField: 'authorName',
    defaultSortBy: 'createdAt',
    defaultSortOrder: 'DESC',
  };
  configuration.layouts = { ...configuration.layouts, list: ['commentStatus', 'authorName', 'body', 'article', 'createdAt'] };
  const labels: Record<string, string> = { commentStatus: 'Status', authorName: 'Author', body: 'Comment', article: 'Article', createdAt: 'Posted' };
  for (const [field, label] of Object.entries(labels)) {
    const list = configuration.metadatas?.[field]?.list;
    if (list) list.label = label;
  }
  await contentTypes.updateConfiguration({ uid: COMMENT_UID }, configuration);
  await strapi.store.set({ ...CONFIGURED_FLAG, value: { at: new Date().toISOString() } });
}
