import type { Core } from '@strapi/strapi';
import { COMMENT_UID } from './model';

const CONFIGURED_FLAG = { type: 'core', name: 'colophon', key: 'comments-list-view' } as const;
/** Bumped when the queue gains columns; 2 added the readers' reports. */
const QUEUE_VERSION = 2;

/**
 * Turns the Content Manager's comment list into a moderation queue: newest first, with the
 * status beside the author, the words, the article and the readers' reports, so an editor
 * filters on "pending" (or on reports) and works down the list. Applied once per version of
 * the queue: an editor's own changes to the view survive restarts, and a later version only
 * adds its new columns to the view the editor has.
 */
export async function configureModerationQueue(strapi: Core.Strapi): Promise<void> {
  const applied = (await strapi.store.get(CONFIGURED_FLAG)) as { version?: number } | null;
  const version = applied ? (applied.version ?? 1) : 0;
  if (version >= QUEUE_VERSION) return;
  const contentTypes = strapi.plugin('content-manager').service('content-types');
  const { uid: _uid, ...configuration } = await contentTypes.findConfiguration({ uid: COMMENT_UID });
  if (version < 1) {
    configuration.settings = {
      ...configuration.settings,
      mainField: 'authorName',
      defaultSortBy: 'createdAt',
      defaultSortOrder: 'DESC',
    };
    configuration.layouts = { ...configuration.layouts, list: ['commentStatus', 'authorName', 'body', 'article', 'createdAt'] };
  }
  // Version 2: reports. Placed after the status, where a moderator scanning the queue looks.
  const list: string[] = [...(configuration.layouts?.list ?? [])];
  for (const field of ['reportReasons', 'reportCount']) {
    if (!list.includes(field)) list.splice(Math.min(1, list.length), 0, field);
  }
  configuration.layouts = { ...configuration.layouts, list };
  const labels: Record<string, string> = {
    commentStatus: 'Status',
    authorName: 'Author',
    body: 'Comment',
    article: 'Article',
    createdAt: 'Posted',
  };
  for (const [field, label] of Object.entries(labels)) {
    const list = configuration.metadatas?.[field]?.list;
    if (list && version < 1) list.label = label;
  }
  await contentTypes.updateConfiguration({ uid: COMMENT_UID }, configuration);
  await strapi.store.set({ ...CONFIGURED_FLAG, value: { at: new Date().toISOString(), version: QUEUE_VERSION } });
}
